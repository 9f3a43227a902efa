/* Routers, links and network interfaces, cycle by cycle where flits are. */
#include "noc.h"

#include <stdlib.h>
#include <string.h>

#include "mesh.h"
#include "workers.h"

/* Inner routers in all parts for which the host threads are woken (a round of the
   workers costs about as much as computing 20 to 40 routers). */
#define NOC_PARALLEL_MIN 32

static void noc_oom(void)
{
	fprintf(stderr, "tessera: out of host memory in the network\n");
	exit(125);
}

/* ---- growable queues ---------------------------------------------------------- */

void flitq_push(flitq *q, flit_t f)
{
	if (q->n == q->cap) {
		uint32_t cap = q->cap ? q->cap * 2 : 32;
		flit_t *v = malloc(cap * sizeof *v);
		if (!v)
			noc_oom();
		for (uint32_t i = 0; i < q->n; i++)
			v[i] = q->v[(q->head + i) % q->cap];
		free(q->v);
		q->v = v;
		q->cap = cap;
		q->head = 0;
	}
	q->v[(q->head + q->n) % q->cap] = f;
	q->n++;
}

void flitq_pop(flitq *q)
{
	q->head = (q->head + 1) % q->cap;
	q->n--;
}

void flitq_free(flitq *q)
{
	free(q->v);
	memset(q, 0, sizeof *q);
}

/* ---- network interface -------------------------------------------------------- */

void ni_write(ni_vnet *nv, msg_t *m, uint64_t from)
{
	uint64_t w = from;
	if (nv->last_write && w < nv->last_write)
		w = nv->last_write;           /* one flit per cycle into the NI */
	for (uint32_t i = 0; i < m->nflits; i++)
		flitq_push(&nv->q, (flit_t){m, w + i, (uint16_t)i, i + 1u == m->nflits});
	nv->last_write = w + m->nflits;
}

static void ni_note_departure(ni_vnet *nv, uint64_t s)
{
	if (nv->dn == nv->dcap) {
		uint32_t cap = nv->dcap ? nv->dcap * 2 : 32;
		uint64_t *v = malloc(cap * sizeof *v);
		if (!v)
			noc_oom();
		for (uint32_t i = 0; i < nv->dn; i++)
			v[i] = nv->dep[(nv->dhead + i) % nv->dcap];
		free(nv->dep);
		nv->dep = v;
		nv->dcap = cap;
		nv->dhead = 0;
	}
	nv->dep[(nv->dhead + nv->dn) % nv->dcap] = s;
	nv->dn++;
}

uint32_t ni_occupancy(ni_vnet *nv, uint64_t c)
{
	while (nv->dn && nv->dep[nv->dhead] <= c) {
		nv->dhead = (nv->dhead + 1) % nv->dcap;
		nv->dn--;
	}
	return nv->q.n + nv->dn;
}

uint64_t ni_space_at(const ni_vnet *nv, uint64_t c, uint32_t need)
{
	if (nv->q.n + need > NI_BUF_FLITS)
		return UINT64_MAX;            /* depends on departures not simulated yet */
	uint32_t r = NI_BUF_FLITS - need - nv->q.n;
	uint32_t k = 0;                   /* departures still counted at c */
	while (k < nv->dn && nv->dep[(nv->dhead + k) % nv->dcap] <= c)
		k++;
	uint32_t later = nv->dn - k;
	if (later <= r)
		return c;
	uint64_t at = nv->dep[(nv->dhead + k + (later - r - 1)) % nv->dcap];
	return at > c ? at : c;
}

void ni_free(ni_vnet *nv)
{
	flitq_free(&nv->q);
	free(nv->dep);
	memset(nv, 0, sizeof *nv);
}

/* ---- routers ------------------------------------------------------------------ */

/* The router beyond a port (N, E, S or W; the caller knows there is one). */
static uint32_t neighbour_of(const net_t *n, uint32_t id, int port)
{
	switch (port) {
	case PORT_N: return id - n->w;
	case PORT_S: return id + n->w;
	case PORT_E: return id + 1;
	default: return id - 1;
	}
}

/* Whether the tile has a neighbour beyond the port (N, E, S or W). */
static bool has_neighbour(const net_t *n, uint32_t id, int port)
{
	uint32_t x = id % n->w, y = id / n->w;
	switch (port) {
	case PORT_N: return y > 0;
	case PORT_S: return y + 1u < n->h;
	case PORT_E: return x + 1u < n->w;
	default: return x > 0;
	}
}

/* Ports whose neighbour is a tile in another part (sim/engine.c's parts). */
static uint8_t cross_ports(const net_t *n, uint32_t id)
{
	uint32_t k = mesh_part(n->mesh, id);
	uint8_t c = 0;
	for (int o = PORT_N; o < NPORTS; o++)
		if (has_neighbour(n, id, o) && mesh_part(n->mesh, neighbour_of(n, id, o)) != k)
			c |= 1u << o;
	return c;
}

/* A device behind one of its ports (the two ends of row 0), or a neighbour in another
   part: the serial step of a cycle-by-cycle window. */
static bool router_on_edge(const net_t *n, const router_t *r)
{
	return (r->y == 0 && (r->x == 0 || r->x == n->w - 1)) || r->xport;
}

static router_t *router_get(net_t *n, uint32_t id)
{
	router_t *r = n->routers[id];
	if (r)
		return r;
	size_t bytes = (sizeof *r + 63) / 64 * 64;   /* its first line: what a step reads */
	r = aligned_alloc(64, bytes);
	if (!r)
		noc_oom();
	memset(r, 0, bytes);
	r->id = id;
	r->ni_hint = true;
	r->x = (uint16_t)(id % n->w);
	r->y = (uint16_t)(id / n->w);
	r->xport = cross_ports(n, id);
	r->edge = router_on_edge(n, r);
	memset(r->xcredit, ROUTER_BUF_FLITS, sizeof r->xcredit);
	memset(r->owner, -1, sizeof r->owner);
	for (int p = 0; p < NPORTS; p++)
		for (int v = 0; v < NVNETS; v++)
			r->in[p][v].out = -1;
	n->routers[id] = r;
	return r;
}

void noc_router_activate(net_t *n, uint32_t id)
{
	router_t *r = router_get(n, id);
	if (r->active)
		return;
	r->active = true;
	noc_part *p = &n->parts[mesh_part(n->mesh, id)];
	part_list_push(r->edge ? &p->edge : &p->act, id);
}

/* Part j goes on part k's list of neighbours (once). */
static bool note_neighbour(part_list *l, uint32_t j)
{
	for (uint32_t i = 0; i < l->n; i++)
		if (l->v[i] == j)
			return true;
	return mesh_list_push(&l->v, &l->n, &l->cap, j);
}

/* Every id with a neighbour in another part (window mode sets their credits), and for
   each part the parts next to it (the only ones its routers meet in window mode). */
static bool list_cross(net_t *n)
{
	const mesh_t *m = n->mesh;
	n->nxids = 0;
	for (uint32_t k = 0; k < m->nparts; k++)
		n->parts[k].nbr.n = 0;
	for (uint32_t id = 0; m->nparts > 1 && id < m->ntiles; id++) {
		uint8_t c = cross_ports(n, id);
		if (c && !mesh_list_push(&n->xids, &n->nxids, &n->xids_cap, id))
			return false;
		part_list *nbr = &n->parts[mesh_part(m, id)].nbr;
		for (int o = PORT_N; o < NPORTS; o++)
			if ((c >> o & 1) && !note_neighbour(nbr, mesh_part(m, neighbour_of(n, id, o))))
				return false;
	}
	return true;
}

void noc_parts_moved(net_t *n)
{
	uint32_t np = n->mesh->nparts;
	noc_take_injections(n);   /* listed by the tiles' old parts */
	for (uint32_t id = 0; id < n->mesh->ntiles; id++) {
		router_t *r = n->routers[id];
		if (!r)
			continue;
		r->xport = cross_ports(n, id);
		r->edge = router_on_edge(n, r);
	}
	/* the active routers, listed again by their new parts */
	uint32_t *ids = NULL, nids = 0, cap = 0;
	for (uint32_t k = 0; k < np; k++) {
		part_list *l[2] = {&n->parts[k].act, &n->parts[k].edge};
		for (int j = 0; j < 2; j++) {
			for (uint32_t i = 0; i < l[j]->n; i++) {
				n->routers[l[j]->v[i]]->active = false;
				if (!mesh_list_push(&ids, &nids, &cap, l[j]->v[i]))
					noc_oom();
			}
			l[j]->n = 0;
		}
	}
	for (uint32_t i = 0; i < nids; i++)
		noc_router_activate(n, ids[i]);
	free(ids);
	if (!list_cross(n))
		noc_oom();
	n->xcredit_ok = false;
}

bool noc_init(net_t *n)
{
	size_t bytes = (n->mesh->nparts * sizeof(noc_part) + 63) / 64 * 64;
	n->routers = calloc(n->mesh->ntiles, sizeof *n->routers);
	n->parts = aligned_alloc(64, bytes);   /* each part's lists on lines of their own */
	if (n->parts)
		memset(n->parts, 0, bytes);
	uint32_t np = n->mesh->nparts;
	for (uint32_t k = 0; n->parts && k < np; k++) {
		n->parts[k].trace.by_router = true;
		for (int par = 0; par < 2 && np > 1; par++)
			if (!(n->parts[k].xout[par] = calloc(np, sizeof(noc_xfer_list))))
				return false;
	}
	return n->routers && n->parts && list_cross(n);
}

/* A message belongs to the place that holds its tail flit until it is delivered. */
static void free_held(const flit_t *f)
{
	if (f->tail)
		msg_free(f->m);
}

void flitq_free_msgs(flitq *q)
{
	for (uint32_t i = 0; i < q->n; i++)
		free_held(&q->v[(q->head + i) % q->cap]);
	q->n = 0;
}

void noc_free(net_t *n)
{
	for (uint32_t i = 0; n->routers && i < n->mesh->ntiles; i++) {
		router_t *r = n->routers[i];
		for (int p = 0; r && p < NPORTS; p++)
			for (int v = 0; v < NVNETS; v++)
				for (int k = 0; k < r->in[p][v].n; k++)
					free_held(&r->in[p][v].f[(r->in[p][v].head + k) % ROUTER_BUF_FLITS]);
		free(r);
	}
	free(n->routers);
	for (uint32_t k = 0; n->parts && k < n->mesh->nparts; k++) {
		noc_part *p = &n->parts[k];
		free(p->act.v);
		free(p->edge.v);
		free(p->inject.v);
		free(p->nbr.v);
		free(p->ev);
		out_buf_free(&p->trace);
		for (int par = 0; par < 2; par++) {
			for (uint32_t j = 0; p->xout[par] && j < n->mesh->nparts; j++)
				free(p->xout[par][j].v);
			free(p->xout[par]);
		}
	}
	free(n->xids);
	free(n->parts);
	for (int d = 0; d < NDEVS; d++) {
		flitq_free_msgs(&n->dev_ni[d].q);
		ni_free(&n->dev_ni[d]);
	}
}

/* On the list of the tile's part: only that part's thread runs the tile in a parallel
   phase, and window mode has that thread activate the tile's router. */
void noc_tile_injected(net_t *n, uint32_t tile)
{
	part_list_push(&n->parts[mesh_part(n->mesh, tile)].inject, tile);
}

/* Part p holds flits: in its active routers, or in its tiles' NIs still to be taken. */
static bool part_busy(const noc_part *p)
{
	return p->act.n || p->edge.n || p->inject.n;
}

bool noc_busy(const net_t *n)
{
	for (uint32_t k = 0; k < n->mesh->nparts; k++)
		if (part_busy(&n->parts[k]))
			return true;
	return false;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Part k's injected tiles' routers go on its active lists, in id order (the order of
   the active routers does not change the result, it only makes it easy to follow). */
static void take_part_injections(net_t *n, uint32_t k)
{
	part_list *l = &n->parts[k].inject;
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, cmp_u32);
	for (uint32_t i = 0; i < l->n; i++)
		noc_router_activate(n, l->v[i]);
	l->n = 0;
}

void noc_take_injections(net_t *n)
{
	for (uint32_t k = 0; k < n->mesh->nparts; k++)
		take_part_injections(n, k);
}

/* Endpoint -> (column, row, port used at the last router). */
static void endpoint_at(const net_t *n, uint32_t dst, uint32_t *x, uint32_t *y, int *last)
{
	if (dst == DEV_CONSOLE) {
		*x = 0; *y = 0; *last = PORT_W;
	} else if (dst == DEV_BLOCK) {
		*x = n->w - 1; *y = 0; *last = PORT_E;
	} else {
		*x = dst % n->w; *y = dst / n->w; *last = PORT_LOCAL;
	}
}

uint32_t noc_hops(const net_t *n, uint32_t from, uint32_t to)
{
	uint32_t x, y;
	int last;
	endpoint_at(n, to, &x, &y, &last);
	uint32_t fx = from % n->w, fy = from / n->w;
	return (fx > x ? fx - x : x - fx) + (fy > y ? fy - y : y - fy);
}

/* Dimension-order routing: x first, then y (SPEC §8.1). */
static int route(const net_t *n, const router_t *r, msg_t *m)
{
	if (!m->routed) {
		uint32_t x, y;
		int last;
		endpoint_at(n, m->dst, &x, &y, &last);
		m->rx = (uint16_t)x;
		m->ry = (uint16_t)y;
		m->rlast = (uint8_t)last;
		m->routed = 1;
	}
	if (m->rx > r->x) return PORT_E;
	if (m->rx < r->x) return PORT_W;
	if (m->ry > r->y) return PORT_S;
	if (m->ry < r->y) return PORT_N;
	return m->rlast;
}

static const int opposite[NPORTS] = {PORT_LOCAL, PORT_S, PORT_W, PORT_N, PORT_E};

/* The device behind an edge port of r, or DEV_NONE. */
static int edge_device(const net_t *n, const router_t *r, int port)
{
	if (r->y != 0)
		return DEV_NONE;
	if (port == PORT_W && r->x == 0)
		return DEVI_CONSOLE;
	if (port == PORT_E && r->x == n->w - 1)
		return DEVI_BLOCK;
	return DEV_NONE;
}

/* Occupancy as the upstream sees it at cycle s: slots emptied at s still count. */
static unsigned inbuf_seen(const inbuf *b, uint64_t s)
{
	return b->n + (b->left_cycle == s ? b->left_n : 0);
}

static void inbuf_push(inbuf *b, flit_t f)
{
	b->f[(unsigned)(b->head + b->n) % ROUTER_BUF_FLITS] = f;
	b->n++;
}

/* A flit enters r's input buffer (port, vnet). */
static void router_take(router_t *r, int port, int v, flit_t f)
{
	inbuf_push(&r->in[port][v], f);
	r->nflits++;
	r->occ |= (uint16_t)(1u << (port * NVNETS + v));
}

static flit_t inbuf_pop(inbuf *b, uint64_t s)
{
	flit_t f = b->f[b->head];
	b->head = (uint8_t)((b->head + 1) % ROUTER_BUF_FLITS);
	b->n--;
	if (b->left_cycle != s) {
		b->left_cycle = s;
		b->left_n = 0;
	}
	b->left_n++;
	return f;
}

static struct tile_net *router_tn(const net_t *n, router_t *r)
{
	if (!r->tn) {
		tile_t *t = mesh_tile_if(n->mesh, r->id);
		r->tn = t ? t->net : NULL;
	}
	return r->tn;
}

/* One flit per cycle from an NI (control first) into an input port. */
static void inject(router_t *r, ni_vnet *nis[NVNETS], int port, uint64_t s)
{
	for (int v = VNET_CTL; v >= VNET_DATA; v--) {
		ni_vnet *nv = nis[v];
		flit_t *f = nv ? flitq_front(&nv->q) : NULL;
		inbuf *b = &r->in[port][v];
		if (!f || f->t + NI_LATENCY > s || inbuf_seen(b, s) >= ROUTER_BUF_FLITS)
			continue;
		flit_t g = *f;
		g.t = s;
		flitq_pop(&nv->q);
		if (port == PORT_LOCAL)
			ni_note_departure(nv, s);
		router_take(r, port, v, g);
		return;
	}
}

static void forward(net_t *n, router_t *r, int o, int v, flit_t f, uint64_t s);

/* Window mode: x goes to router `id` of another part, for the start of cycle s+1. */
static void xfer_stage(net_t *n, uint64_t s, uint32_t id, noc_xfer x)
{
	noc_xfer_list *l = &n->parts[mesh_thread].xout[s & 1][mesh_part(n->mesh, id)];
	if (l->n == l->cap) {
		uint32_t cap = l->cap ? l->cap * 2 : 64;
		noc_xfer *v = realloc(l->v, cap * sizeof *v);
		if (!v)
			noc_oom();
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = x;
}

static bool has_credit(net_t *n, router_t *r, int o, int v, const flit_t *f, uint64_t s)
{
	if (o == PORT_LOCAL)
		return f->idx != 0 || net_eject_ok(n, r, f->m, s);
	if (edge_device(n, r, o) != DEV_NONE)
		return true;              /* devices always consume (SPEC §8.5) */
	if (n->window && (r->xport >> o & 1))
		return r->xcredit[o][v] > 0;   /* the downstream part is busy with its own */
	const router_t *d = n->routers[neighbour_of(n, r->id, o)];
	return !d || inbuf_seen(&d->in[opposite[o]][v], s) < ROUTER_BUF_FLITS;
}

static void forward(net_t *n, router_t *r, int o, int v, flit_t f, uint64_t s)
{
	bool tail = f.tail;
	if (o == PORT_LOCAL || edge_device(n, r, o) != DEV_NONE) {
		if (tail)
			net_deliver(n, r, f.m, s + 1 + EJECT_LATENCY);
		return;
	}
	uint32_t id = neighbour_of(n, r->id, o);
	f.t = s + 1;
	if (n->window && (r->xport >> o & 1)) {
		r->xcredit[o][v]--;
		xfer_stage(n, s, id, (noc_xfer){id, (uint8_t)opposite[o], (uint8_t)v, false, f});
		return;
	}
	noc_router_activate(n, id);
	router_take(n->routers[id], opposite[o], v, f);
}

/* Round robin among the inputs in mask, starting after the last winner. */
static int rr_pick(unsigned mask, unsigned last)
{
	for (unsigned k = 1; k <= NPORTS; k++) {
		unsigned i = (last + k) % NPORTS;
		if (mask & (1u << i))
			return (int)i;
	}
	return -1;
}

/*
 * One switch cycle: at most one flit per output port (control before data) and per
 * input port. A head flit asks for its XY output when the output is free on its vnet
 * (wormhole: else only the owner's flits may pass), and the winner needs a credit.
 */
static void switch_cycle(net_t *n, router_t *r, uint64_t s)
{
	uint8_t req[NPORTS][NVNETS] = {{0}};
	int8_t want[NPORTS][NVNETS];
	unsigned ready = 0, outs = 0;
	for (unsigned occ = r->occ; occ; occ &= occ - 1) {
		int k = __builtin_ctz(occ), i = k / NVNETS, v = k % NVNETS;
		inbuf *b = &r->in[i][v];
		if (b->f[b->head].t + HOP_LATENCY - 1 > s)
			continue;
		flit_t *f = &b->f[b->head];
		int o = f->idx == 0 ? route(n, r, f->m) : b->out;
		want[i][v] = (int8_t)o;
		ready |= 1u << k;
		if (f->idx == 0 ? r->owner[o][v] < 0 : r->owner[o][v] == i) {
			req[o][v] |= (uint8_t)(1u << i);
			outs |= 1u << o;
		}
	}
	if (!ready)
		return;
	unsigned used = 0;
	for (; outs; outs &= outs - 1) {
		int o = __builtin_ctz(outs);
		for (int v = VNET_CTL; v >= VNET_DATA; v--) {
			unsigned mask = req[o][v] & ~used;
			if (!mask)
				continue;
			int own = r->owner[o][v];
			int i = own >= 0 ? own : rr_pick(mask, r->rr[o][v]);
			inbuf *b = &r->in[i][v];
			if (!has_credit(n, r, o, v, &b->f[b->head], s)) {
				r->ps[o].stall_credit++;
				continue;
			}
			flit_t f = inbuf_pop(b, s);
			if (n->window && (r->xport >> i & 1)) {   /* the slot is free upstream at s+1 */
				uint32_t up = neighbour_of(n, r->id, i);
				xfer_stage(n, s, up, (noc_xfer){up, (uint8_t)opposite[i], (uint8_t)v, true, {0}});
			}
			r->nflits--;
			if (!b->n)
				r->occ &= (uint16_t)~(1u << (i * NVNETS + v));
			used |= 1u << i;
			ready &= ~(1u << (i * NVNETS + v));
			r->ps[o].flits++;
			if (f.idx == 0) {
				r->owner[o][v] = (int8_t)i;
				r->rr[o][v] = (uint8_t)i;
				b->out = (int8_t)o;
			}
			if (f.tail) {
				r->owner[o][v] = -1;
				b->out = -1;
			}
			forward(n, r, o, v, f, s);
			break;
		}
	}
	for (int i = 0; ready && i < NPORTS * NVNETS; i++)
		if (ready & (1u << i))
			r->ps[want[i / NVNETS][i % NVNETS]].stall_arb++;
}

/* The tile's NI when it holds flits (else NULL, and the hint is dropped). */
static struct tile_net *ni_holding(const net_t *n, router_t *r)
{
	if (!r->ni_hint)
		return NULL;
	struct tile_net *tn = router_tn(n, r);
	if (tn && (tn->ni[VNET_DATA].q.n || tn->ni[VNET_CTL].q.n))
		return tn;
	r->ni_hint = false;
	return NULL;
}

static bool router_busy(const net_t *n, router_t *r)
{
	if (r->nflits || ni_holding(n, r))
		return true;
	if (r->id == 0 && n->dev_ni[DEVI_CONSOLE].q.n)
		return true;
	return r->id == n->w - 1 && n->dev_ni[DEVI_BLOCK].q.n;
}

void noc_ni_written(net_t *n, uint32_t id)
{
	router_t *r = n->routers[id];
	if (r)
		r->ni_hint = true;
}

static void router_cycle(net_t *n, router_t *r, uint64_t s)
{
	struct tile_net *tn = ni_holding(n, r);
	if (tn) {
		ni_vnet *local[NVNETS] = {&tn->ni[VNET_DATA], &tn->ni[VNET_CTL]};
		uint32_t before = tn->ni[VNET_DATA].q.n + tn->ni[VNET_CTL].q.n;
		inject(r, local, PORT_LOCAL, s);
		tile_t *t = mesh_tile_if(n->mesh, r->id);
		/* A flit left: a msg.send waiting for NI space may go on (a msg.recv may not). */
		uint32_t after = tn->ni[VNET_DATA].q.n + tn->ni[VNET_CTL].q.n;
		if (t && t->state == TS_BLOCKED && after < before &&
		    t->dcache && t->dcache[t->pc >> 2].op == OP_MSG_SEND)
			mesh_wake(n->mesh, t);
		r->ni_hint = after > 0;
	}
	if (r->id == 0 && n->dev_ni[DEVI_CONSOLE].q.n) {
		ni_vnet *dev[NVNETS] = {&n->dev_ni[DEVI_CONSOLE], NULL};
		inject(r, dev, PORT_W, s);
	}
	if (r->id == n->w - 1 && n->dev_ni[DEVI_BLOCK].q.n) {
		ni_vnet *dev[NVNETS] = {&n->dev_ni[DEVI_BLOCK], NULL};
		inject(r, dev, PORT_E, s);
	}
	if (r->nflits)
		switch_cycle(n, r, s);
}

/* The first `cnt` routers of l (those active when the cycle began) compute cycle s;
   then the idle ones leave the list. */
static void routers_cycle(net_t *n, part_list *l, uint32_t cnt, uint64_t s)
{
	for (uint32_t i = 0; i < cnt; i++)
		router_cycle(n, n->routers[l->v[i]], s);
	uint32_t k = 0;
	for (uint32_t i = 0; i < l->n; i++) {
		router_t *r = n->routers[l->v[i]];
		if (router_busy(n, r)) {
			l->v[k++] = r->id;
			continue;
		}
		r->active = false;
		if (router_tn(n, r))
			r->tn->ni_listed = false;
	}
	l->n = k;
}

static void inner_cycle(void *ctx, int k)
{
	net_t *n = ctx;
	mesh_thread = (uint32_t)k;
	part_list *l = &n->parts[k].act;
	routers_cycle(n, l, l->n, n->cycle);
}

/* Inner routers in all parts: threads are worth waking for enough of them. */
static bool inner_parallel(const net_t *n)
{
	uint32_t parts = 0, routers = 0;
	for (uint32_t k = 0; k < n->mesh->nparts; k++) {
		parts += n->parts[k].act.n > 0;
		routers += n->parts[k].act.n;
	}
	return n->workers && parts >= 2 && routers >= NOC_PARALLEL_MIN;
}

/* The serial step after the inner routers: their events and counts join the chip's. */
static void join_parts(net_t *n)
{
	for (uint32_t k = 0; k < n->mesh->nparts; k++) {
		noc_part *p = &n->parts[k];
		for (uint32_t i = 0; i < p->nev; i++)
			net_event_push(n, p->ev[i].time, p->ev[i].target, p->ev[i].m);
		p->nev = 0;
		n->tally.msgs += p->tally.msgs;
		n->tally.lat_sum += p->tally.lat_sum;
		if (p->tally.lat_max > n->tally.lat_max)
			n->tally.lat_max = p->tally.lat_max;
		p->tally = (net_tally){0, 0, 0};
	}
}

/*
 * Inner routers touch only their own part (their tiles, NIs, mailboxes, routers), so
 * the parts compute them at once; the edge routers follow on one thread. The routers
 * of a cycle may be computed in any order (see inbuf_seen), so this is the result of
 * one thread whatever the number of parts.
 */
void noc_cycle(net_t *n, uint64_t s)
{
	uint32_t nparts = n->mesh->nparts;
	n->xcredit_ok = false;    /* edge routers move flits across parts directly */
	for (uint32_t k = 0; k < nparts; k++)
		n->parts[k].edge_began = n->parts[k].edge.n;
	n->cycle = s;
	n->inner_step = true;
	if (inner_parallel(n))
		workers_run(n->workers, inner_cycle, n);
	else
		for (uint32_t k = 0; k < nparts; k++)
			if (n->parts[k].act.n)
				inner_cycle(n, (int)k);
	n->inner_step = false;
	for (uint32_t k = 0; k < nparts; k++)
		if (n->parts[k].edge.n)
			routers_cycle(n, &n->parts[k].edge, n->parts[k].edge_began, s);
	join_parts(n);
}

/* ---- window mode ---------------------------------------------------------------- */

/* What the neighbouring parts staged for part k at cycle parity `par` reaches its
   routers (no other part stages anything for it). */
static void xfer_apply(net_t *n, uint32_t k, int par)
{
	const part_list *nbr = &n->parts[k].nbr;
	for (uint32_t j = 0; j < nbr->n; j++) {
		noc_xfer_list *l = &n->parts[nbr->v[j]].xout[par][k];
		for (uint32_t i = 0; i < l->n; i++) {
			const noc_xfer *x = &l->v[i];
			if (x->credit) {
				n->routers[x->id]->xcredit[x->port][x->vnet]++;
				continue;
			}
			noc_router_activate(n, x->id);
			router_take(n->routers[x->id], x->port, x->vnet, x->f);
		}
		l->n = 0;
	}
}

/* Before cycle s, part k waits for its neighbours to finish cycle s - 1 (what they
   staged for it then is complete), and only for them: a part never touches another
   part's routers, and a part further off reaches it only through those in between. */
static void await_neighbours(net_t *n, const noc_part *p, uint64_t s)
{
	for (uint32_t i = 0; i < p->nbr.n; i++)
		workers_await(&n->parts[p->nbr.v[i]].routed, s);
}

/* Part k's routers through cycles [from, to), in step with its neighbours. A neighbour
   can be at most a cycle ahead: it waits in turn for this part before its next cycle,
   so it writes its lists of a parity only after this part applied them. `fresh`: the
   first cycle needs no meeting (the main thread applied what the cycle before it
   staged, noc_window). Returns whether the part's network was busy as the window
   began: flits in its routers or NIs, or staged for it. */
bool noc_part_window(net_t *n, uint32_t k, uint64_t from, uint64_t to, bool fresh)
{
	noc_part *p = &n->parts[k];
	mesh_thread = k;
	if (!fresh) {
		await_neighbours(n, p, from);
		xfer_apply(n, k, (int)((from - 1) & 1));
	}
	bool busy = part_busy(p);
	take_part_injections(n, k);
	for (uint64_t s = from; s < to; s++) {
		if (s > from) {
			await_neighbours(n, p, s);
			xfer_apply(n, k, (int)((s - 1) & 1));
		}
		uint32_t act = p->act.n, edge = p->edge.n;
		if (act)
			routers_cycle(n, &p->act, act, s);
		if (edge)
			routers_cycle(n, &p->edge, edge, s);
		workers_raise(&p->routed, s + 1);
	}
	return busy;
}

/* Part k's thread in noc_window: its routers through the window (the last cycle needs
   no meeting: the round's end is one, and the main thread then applies what that cycle
   staged), then the part's next step (the engine's core phase of the part), while the
   others may still route: nothing they do in the last cycles touches this part but its
   staging lists. */
static void window_part(void *ctx, int k)
{
	net_t *n = ctx;
	noc_part_window(n, (uint32_t)k, n->win_from, n->win_to, true);
	if (n->win_then)
		n->win_then(n->win_ctx, k);
}

bool noc_part_pending(const net_t *n, uint32_t k, uint64_t s)
{
	const noc_part *p = &n->parts[k];
	for (uint32_t i = 0; i < p->nbr.n; i++)
		if (p->xout[s & 1][p->nbr.v[i]].n)
			return true;
	return part_busy(p);
}

/* Credits across parts as the downstream buffers hold them now (a window begins). */
static void xcredit_init(net_t *n)
{
	for (uint32_t i = 0; i < n->nxids; i++) {
		router_t *r = n->routers[n->xids[i]];
		for (int o = 1; r && o < NPORTS; o++) {
			if (!(r->xport >> o & 1))
				continue;
			const router_t *d = n->routers[neighbour_of(n, r->id, o)];
			for (int v = 0; v < NVNETS; v++)
				r->xcredit[o][v] = (uint8_t)(ROUTER_BUF_FLITS -
							     (d ? d->in[opposite[o]][v].n : 0));
		}
	}
	n->xcredit_ok = true;
}

/* Window mode meets the parts every cycle (workers_await): only with a thread for each
   part, that is while they fit the host's cores (sim/workers.h). */
bool noc_window_ready(const net_t *n)
{
	if (!workers_thread_each(n->workers) || n->dev_ni[DEVI_CONSOLE].q.n ||
	    n->dev_ni[DEVI_BLOCK].q.n)
		return false;
	uint32_t parts = 0;
	for (uint32_t k = 0; k < n->mesh->nparts; k++)
		parts += n->parts[k].act.n + n->parts[k].edge.n + n->parts[k].inject.n > 0;
	return parts >= 2;
}

void noc_chain_begin(net_t *n, uint64_t from, uint64_t end)
{
	if (!n->xcredit_ok)
		xcredit_init(n);
	n->win_from = from;
	n->win_to = end;
	n->window = n->inner_step = true;
}

void noc_chain_end(net_t *n, uint64_t end)
{
	for (uint32_t k = 0; k < n->mesh->nparts; k++)
		xfer_apply(n, k, (int)((end - 1) & 1));
	n->window = n->inner_step = false;
	join_parts(n);
}

void noc_window(net_t *n, uint64_t from, uint64_t to, void (*then)(void *ctx, int k),
		void *ctx)
{
	noc_chain_begin(n, from, to);
	n->win_then = then;
	n->win_ctx = ctx;
	workers_run(n->workers, window_part, n);
	noc_chain_end(n, to);
}

void noc_count_sent(net_t *n, msg_t *m)
{
	if (!(m->flags & (MSGF_CTL | MSGF_CU)) && m->dst < n->mesh->ntiles)
		return;
	m->flags |= MSGF_COUNTED;
	n->parts[mesh_thread].special++;
}

int64_t noc_special(const net_t *n)
{
	int64_t c = 0;
	for (uint32_t k = 0; k < n->mesh->nparts; k++)
		c += n->parts[k].special;
	return c;
}

/* ---- statistics --------------------------------------------------------------- */

static const char *const port_name[NPORTS] = {"local", "N", "E", "S", "W"};

void noc_stats_json(const net_t *n, FILE *f)
{
	uint64_t cycles = n->mesh->now ? n->mesh->now : 1;
	fprintf(f, ",\n  \"network\": {\"messages\": %llu, \"mean_latency\": %.3f, "
		"\"max_latency\": %llu},\n  \"links\": [", (unsigned long long)n->tally.msgs,
		n->tally.msgs ? (double)n->tally.lat_sum / (double)n->tally.msgs : 0.0,
		(unsigned long long)n->tally.lat_max);
	bool first = true;
	for (uint32_t id = 0; id < n->mesh->ntiles; id++) {
		const router_t *r = n->routers[id];
		if (!r)
			continue;
		for (int p = 0; p < NPORTS; p++) {
			const port_stats *ps = &r->ps[p];
			if (!ps->flits && !ps->stall_credit && !ps->stall_arb)
				continue;
			fprintf(f, "%s\n    {\"tile\": %u, \"port\": \"%s\", \"flits\": %llu, "
				"\"utilisation\": %.4f, \"stall_credit\": %llu, \"stall_arb\": %llu}",
				first ? "" : ",", id, port_name[p], (unsigned long long)ps->flits,
				(double)ps->flits / (double)cycles, (unsigned long long)ps->stall_credit,
				(unsigned long long)ps->stall_arb);
			first = false;
		}
	}
	fprintf(f, "\n  ]");
}

void noc_stats_print(const mesh_t *m, FILE *f)
{
	const net_t *n = m->net;
	if (!n || !n->tally.msgs)
		return;
	uint64_t flits = 0, busiest = 0, sc = 0, sa = 0;
	uint32_t bid = 0;
	int bport = 0;
	for (uint32_t id = 0; id < m->ntiles; id++) {
		const router_t *r = n->routers[id];
		for (int p = 0; r && p < NPORTS; p++) {
			flits += r->ps[p].flits;
			sc += r->ps[p].stall_credit;
			sa += r->ps[p].stall_arb;
			if (p != PORT_LOCAL && r->ps[p].flits > busiest) {
				busiest = r->ps[p].flits;
				bid = id;
				bport = p;
			}
		}
	}
	uint64_t cycles = m->now ? m->now : 1;
	fprintf(f, "network: %llu messages, latency mean %.1f max %llu cycles, %llu flit-hops, "
		"stalls: credit %llu, arbitration %llu; busiest link: tile %u %s, %.1f%%\n",
		(unsigned long long)n->tally.msgs, (double)n->tally.lat_sum / (double)n->tally.msgs,
		(unsigned long long)n->tally.lat_max, (unsigned long long)flits, (unsigned long long)sc,
		(unsigned long long)sa, bid, port_name[bport], 100.0 * (double)busiest / (double)cycles);
}
