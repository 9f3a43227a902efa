/*
 * The network side of the chip as the engine sees it (net.h): message and capability
 * instructions, per-tile network state, the network phase of a window.
 */
#include "net.h"

#include <stdlib.h>
#include <string.h>

#include "devices/devices.h"
#include "mesh.h"
#include "mpi_hooks.h"
#include "noc.h"

msg_t *msg_new(void)
{
	msg_t *m = calloc(1, sizeof *m);
	if (!m) {
		fprintf(stderr, "tessera: out of host memory for a message\n");
		exit(125);
	}
	return m;
}

void msg_free(msg_t *m) { free(m); }

bool net_init(mesh_t *m)
{
	net_t *n = calloc(1, sizeof *n);
	if (!n)
		return false;
	n->mesh = m;
	n->w = m->cfg.width;
	n->h = m->cfg.height;
	m->net = n;
	return noc_init(n);
}

void net_free(mesh_t *m)
{
	net_t *n = m->net;
	if (!n)
		return;
	blk_close(n);
	for (uint32_t i = 0; i < n->nev; i++)
		msg_free(n->ev[i].m);
	free(n->ev);
	free(n->cu_wait);
	noc_free(n);
	free(n);
	m->net = NULL;
}

bool net_tile_attach(tile_t *t)
{
	t->net = calloc(1, sizeof *t->net);
	return t->net != NULL;
}

void net_tile_free(tile_t *t)
{
	struct tile_net *tn = t->net;
	if (!tn)
		return;
	mb_clear(&tn->mb);
	ctl_free(&tn->cu);
	for (int v = 0; v < NVNETS; v++) {
		flitq_free_msgs(&tn->ni[v].q);
		ni_free(&tn->ni[v]);
	}
	free(tn);
	t->net = NULL;
}

/* ---- events ------------------------------------------------------------------- */

static bool ev_before(const net_event *a, const net_event *b)
{
	if (a->time != b->time)
		return a->time < b->time;
	if (a->target != b->target)
		return a->target < b->target;
	return a->seq < b->seq;
}

/* Room for one more event in *v (n of cap used). */
static void events_reserve(net_event **v, uint32_t n, uint32_t *cap)
{
	if (n < *cap)
		return;
	uint32_t c = *cap ? *cap * 2 : 64;
	net_event *w = realloc(*v, c * sizeof *w);
	if (!w) {
		fprintf(stderr, "tessera: out of host memory for network events\n");
		exit(125);
	}
	*v = w;
	*cap = c;
}

/* While the parts compute their inner routers, an event waits in its part's list. */
static void event_defer(net_t *n, uint64_t time, uint32_t target, msg_t *m)
{
	noc_part *p = &n->parts[mesh_part(n->mesh, target)];
	events_reserve(&p->ev, p->nev, &p->ev_cap);
	p->ev[p->nev++] = (net_event){time, target, 0, m};
}

void net_event_push(net_t *n, uint64_t time, uint32_t target, msg_t *m)
{
	if (n->window && time < n->win_to) {
		fprintf(stderr, "tessera: internal error: an event inside a parallel network window\n");
		abort();
	}
	if (n->inner_step) {
		event_defer(n, time, target, m);
		return;
	}
	events_reserve(&n->ev, n->nev, &n->ev_cap);
	uint32_t i = n->nev++;
	n->ev[i] = (net_event){time, target, n->ev_seq++, m};
	while (i && ev_before(&n->ev[i], &n->ev[(i - 1) / 2])) {
		net_event tmp = n->ev[i];
		n->ev[i] = n->ev[(i - 1) / 2];
		n->ev[(i - 1) / 2] = tmp;
		i = (i - 1) / 2;
	}
}

static net_event event_pop(net_t *n)
{
	net_event top = n->ev[0];
	n->ev[0] = n->ev[--n->nev];
	uint32_t i = 0;
	for (;;) {
		uint32_t l = 2 * i + 1, r = l + 1, b = i;
		if (l < n->nev && ev_before(&n->ev[l], &n->ev[b]))
			b = l;
		if (r < n->nev && ev_before(&n->ev[r], &n->ev[b]))
			b = r;
		if (b == i)
			break;
		net_event tmp = n->ev[i];
		n->ev[i] = n->ev[b];
		n->ev[b] = tmp;
		i = b;
	}
	return top;
}

/* ---- delivery ----------------------------------------------------------------- */

/*
 * Does tile t take a message that reaches it at cycle s (SPEC §6.2, §8.4)? A halted
 * tile does until LOOKAHEAD cycles after its halt (rx_until): it is halting, not yet
 * IDLE (and a tile that ran ahead of the network may have halted before the network got
 * there). From then on, messages are discarded on arrival.
 */
static bool takes_messages(const tile_t *t, uint64_t s)
{
	const struct tile_net *tn = t->net;
	return tile_active(t) || (t->state == TS_HALTED && s < tn->rx_until);
}

/* The network has reached cycle s and t takes no message there: its mailbox goes (not
   earlier: until rx_until its slots are a halting tile's, full ones included). */
static void drop_stale_mailbox(tile_t *t)
{
	if (t->net->mb_stale) {
		mb_clear(&t->net->mb);
		t->net->mb_stale = false;
	}
}

bool net_eject_ok(net_t *n, router_t *r, msg_t *m, uint64_t s)
{
	if (m->flags & MSGF_CTL)
		return true;                  /* control units and control queues always take
					 * (SPEC §8.4): the control network never backs up */
	tile_t *t = mesh_tile_if(n->mesh, r->id);
	if (!t || !t->net)
		return true;                  /* discarded on arrival */
	if (!takes_messages(t, s)) {
		drop_stale_mailbox(t);
		return true;
	}
	if (!mb_has_slot(&t->net->mb, MBQ_DATA, s))
		return false;
	mb_reserve(&t->net->mb, MBQ_DATA);
	m->flags |= MSGF_SLOT;
	return true;
}

static void trace_message(net_t *n, const msg_t *m)
{
	mesh_t *me = n->mesh;
	if (!me->msg_trace)
		return;
	/* inner routers: the part's buffer (out_flush orders lines across buffers) */
	out_buf *b = n->inner_step ? &n->parts[mesh_part(me, m->dst)].trace : &me->net_out;
	out_printf(b, m->delivered, m->dst, OUT_MSGTRACE, "%llu %llu %u %u %u %u %s\n",
		   (unsigned long long)m->sent, (unsigned long long)m->delivered, m->src, m->dst,
		   m->tag, m->len, m->flags & MSGF_CTL ? "ctl" : "data");
}

static void deliver_to_tile(net_t *n, msg_t *m)
{
	tile_t *t = mesh_tile_if(n->mesh, m->dst);
	int q = m->flags & MSGF_CTL ? MBQ_CTL : MBQ_DATA;
	if (!t || !t->net || !takes_messages(t, m->delivered)) {
		/* (a slot it holds goes with the mailbox, when the network reaches rx_until) */
		if (t && t->net)
			t->stats.msgs_dropped++;
		msg_free(m);
		return;
	}
	if (q == MBQ_CTL)
		ctl_notice_delivered(n, t, m);
	mb_deliver(&t->net->mb, q, m);
	mesh_wake(n->mesh, t);
}

void net_deliver(net_t *n, router_t *r, msg_t *m, uint64_t at)
{
	net_tally *c = n->inner_step ? &n->parts[mesh_part(n->mesh, r->id)].tally : &n->tally;
	if (m->flags & MSGF_COUNTED)
		n->parts[mesh_thread].special--;
	m->delivered = at;
	c->msgs++;
	c->lat_sum += at - m->sent;
	if (at - m->sent > c->lat_max)
		c->lat_max = at - m->sent;
	trace_message(n, m);
	if (m->dst == DEV_CONSOLE)
		con_arrive(n, m, at);
	else if (m->dst == DEV_BLOCK)
		blk_arrive(n, m, at);
	else if (m->flags & MSGF_CU)
		ctl_arrive(n, m->dst, m);
	else
		deliver_to_tile(n, m);
}

void dev_reply(net_t *n, int dev, uint32_t dst, uint8_t tag, const uint32_t *w,
	       unsigned len, uint64_t at)
{
	msg_t *m = msg_new();
	m->dst = dst;
	m->src = DEV_BASE + (uint32_t)dev;
	m->tag = tag;
	m->len = (uint8_t)len;
	m->nflits = (uint8_t)msg_flits(len, 0);
	m->sent = at;
	memcpy(m->w, w, len * sizeof *w);
	if (dst >= n->mesh->ntiles) {         /* a device never asks a device */
		msg_free(m);
		return;
	}
	ni_write(&n->dev_ni[dev], m, at);
	noc_router_activate(n, dev == DEVI_CONSOLE ? 0 : n->w - 1);
}

/* ---- the network phase -------------------------------------------------------- */

/*
 * Can the parts step their routers on their own threads for the whole window? Only
 * while the traffic is between tiles: no message for a device, a control unit or the
 * control network in flight (their deliveries make events inside the window), no
 * event due in it, the block store idle.
 */
static bool window_parallel(const net_t *n, uint64_t to)
{
	return n->mesh->nparts > 1 && !n->mesh->cfg.dist && noc_special(n) == 0 &&
	       !(n->nev && n->ev[0].time < to) && !(n->blk && blk_busy(n)) && noc_window_ready(n);
}

bool net_begin(mesh_t *m, uint64_t from, uint64_t to, struct workers *w)
{
	net_t *n = m->net;
	n->workers = w;
	if (n->ncu_wait)
		ctl_expire(n, from);   /* (refusals: counted, nothing sent) */
	bool window = window_parallel(n, to);
	if (!window)              /* window mode: each part takes its own (noc_window) */
		noc_take_injections(n);
	return window;
}

void net_window(mesh_t *m, uint64_t from, uint64_t to, void (*then)(void *ctx, int k),
		void *ctx)
{
	noc_window(m->net, from, to, then, ctx);
}

void net_cycles(mesh_t *m, uint64_t from, uint64_t to)
{
	net_t *n = m->net;
	for (uint64_t s = from; s < to; s++) {
		while (n->nev && n->ev[0].time <= s) {
			net_event e = event_pop(n);
			ctl_apply_event(n, e.target, e.m);
		}
		if (noc_busy(n))
			noc_cycle(n, s);
		if (n->blk && blk_busy(n))
			blk_cycle(n, s);
	}
}

void net_advance(mesh_t *m, uint64_t from, uint64_t to, struct workers *w)
{
	if (net_begin(m, from, to, w))
		net_window(m, from, to, NULL, NULL);
	else
		net_cycles(m, from, to);
}

bool net_chain_ok(const mesh_t *m)
{
	return !m->net->nev && !m->net->ncu_wait;
}

void net_chain_begin(mesh_t *m, uint64_t from, uint64_t end)
{
	noc_chain_begin(m->net, from, end);
}

bool net_part_window(mesh_t *m, uint32_t k, uint64_t from, uint64_t to, bool fresh)
{
	return noc_part_window(m->net, k, from, to, fresh);
}

bool net_part_pending(const mesh_t *m, uint32_t k, uint64_t s)
{
	return noc_part_pending(m->net, k, s);
}

int64_t net_part_special(const mesh_t *m, uint32_t k)
{
	return m->net->parts[k].special;
}

void net_chain_end(mesh_t *m, uint64_t end)
{
	noc_chain_end(m->net, end);
}

void net_parts_moved(mesh_t *m)
{
	if (m->nparts > 1)
		noc_parts_moved(m->net);
}

out_buf *net_part_out(mesh_t *m, uint32_t k)
{
	return &m->net->parts[k].trace;
}

void net_drop_output(mesh_t *m)
{
	out_buf_free(&m->net_out);
	for (uint32_t k = 0; k < m->nparts; k++)
		out_buf_free(&m->net->parts[k].trace);
}

bool net_idle(const mesh_t *m)
{
	const net_t *n = m->net;
	return !noc_busy(n) && !n->nev && !(n->blk && blk_busy(n));
}

void net_end(mesh_t *m, uint64_t now)
{
	ctl_expire(m->net, now);
}

/* With MPI (t->mesh->cfg.dist) the owner logs these calls for the other ranks. */
void net_on_halt(tile_t *t)
{
	if (t->net && t->mesh->cfg.dist)
		t->mesh->cfg.dist->halted(t);
	else if (t->net)
		ctl_on_halt(t);
}

uint64_t net_tile_limit(const tile_t *t) { return ctl_limit(t); }

bool net_tile_may_run_ahead(const tile_t *t)
{
	return !t->mesh->control_in_use && !ctl_exposed(t);
}

void net_tile_reach_limit(tile_t *t)
{
	if (t->mesh->cfg.dist)
		t->mesh->cfg.dist->reach_limit(t);
	else
		ctl_reach_limit(t);
}

uint64_t net_tile_wake(const tile_t *t)
{
	const struct tile_net *tn = t->net;
	if (!tn)
		return UINT64_MAX;
	if (t->state == TS_WAITING) {
		if (tn->starting)
			return t->now;
		uint64_t d = mb_next_delivery(&tn->mb);
		return d < tn->wait_until ? d : tn->wait_until;
	}
	if (t->dcache && t->dcache[t->pc >> 2].op == OP_MSG_SEND)
		return ni_space_at(&tn->ni[tn->block_vnet], t->now, tn->block_need);
	return mb_next_delivery(&tn->mb);
}

void net_stats_json(const mesh_t *m, FILE *f)
{
	noc_stats_json(m->net, f);
}

/* ---- message instructions (SPEC §4.3) ----------------------------------------- */

static uint32_t status(int32_t e) { return (uint32_t)e; }

/* Checks of msg.send that return a status (sends nothing, 1 cycle). */
static int32_t send_check(const tile_t *t, uint32_t desc, uint32_t dest, uint32_t *dst)
{
	const cap_table *ct = &t->net->caps;
	const cap_t *c = &ct->slot[desc & 31];
	uint32_t tag = (desc >> 8) & 255, len = (desc >> 16) & 31;
	if (len > MSG_MAX_WORDS)
		return ERR_E_LEN;
	if (c->kind == CAP_KIND_EMPTY)
		return ERR_E_EMPTY;
	if (c->kind == CAP_KIND_CONTROL && (tag < TAG_CTL_LOAD || tag > TAG_CTL_CLEAR))
		return ERR_E_KIND;
	*dst = c->lo == c->hi ? c->lo : dest;
	if (!caps_covers(c, *dst))
		return ERR_E_RANGE;
	if ((desc >> 21) & 1 && ct->slot[(desc >> 24) & 31].kind == CAP_KIND_EMPTY)
		return ERR_E_PASS;
	return ERR_OK;
}

/* Memory [addr, addr + n) is readable/writable by the tile; else it halts. */
static bool range_ok(tile_t *t, uint32_t addr, uint32_t n)
{
	if (n && (addr & 3)) {
		tile_halt(t, CAUSE_MISALIGNED, t->pc, addr);
		return false;
	}
	if (n && (addr >= t->bound || n > t->bound - addr)) {
		tile_halt(t, CAUSE_MEM_FAULT, t->pc, addr);
		return false;
	}
	return true;
}

void net_ni_send(tile_t *t, int v, msg_t *m, uint64_t at)
{
	net_t *n = t->mesh->net;
	ni_write(&t->net->ni[v], m, at);
	noc_ni_written(n, t->id);
	noc_count_sent(n, m);
	if (!t->net->ni_listed) {
		t->net->ni_listed = true;
		noc_tile_injected(n, t->id);
	}
}

static unsigned exec_send(tile_t *t, const dinsn *d, uint32_t *rd)
{
	struct tile_net *tn = t->net;
	uint32_t desc = t->x[d->rs1], addr = t->x[d->rs2], dst = 0;
	int32_t e = send_check(t, desc, t->x[d->rs3], &dst);
	if (e != ERR_OK) {
		*rd = status(e);
		return 1;
	}
	if (t->budget_msgs && t->msgs_sent >= t->budget_msgs) {
		tile_halt(t, CAUSE_BUDGET_MSGS, t->pc, 0);
		return 0;
	}
	const cap_t *c = &tn->caps.slot[desc & 31];
	uint32_t len = (desc >> 16) & 31;
	bool pass = (desc >> 21) & 1, ctl = c->kind == CAP_KIND_CONTROL;
	if (!range_ok(t, addr, len * 4))
		return 0;
	unsigned nf = msg_flits(len, pass);
	int v = ctl ? VNET_CTL : VNET_DATA;
	if (ni_occupancy(&tn->ni[v], t->now) + nf > NI_BUF_FLITS) {
		tn->block_vnet = (uint8_t)v;
		tn->block_need = (uint8_t)nf;
		t->state = TS_BLOCKED;
		return 0;
	}
	msg_t *m = msg_new();
	m->dst = dst;
	m->src = t->id;
	m->badge = c->badge;
	m->tag = (uint8_t)(desc >> 8);
	m->len = (uint8_t)len;
	m->nflits = (uint8_t)nf;
	m->flags = (uint8_t)((ctl ? MSGF_CTL | MSGF_CU : 0) | (pass ? MSGF_CAP : 0));
	if (pass)
		m->cap = tn->caps.slot[(desc >> 24) & 31];
	m->sent = t->now;
	/* NULL SRAM: an MPI rank replays another rank's send with the words it read. */
	memcpy(m->w, t->mem ? t->mem + addr : t->mesh->cfg.dist->payload, len * 4);
	net_ni_send(t, v, m, t->now);
	if (ctl && m->tag == TAG_CTL_START)
		ctl_note_child(t, dst);
	t->msgs_sent++;
	t->stats.msgs_sent++;
	t->stats.words_sent += len;
	*rd = 0;
	return nf - 1;
}

static unsigned exec_recv(tile_t *t, const dinsn *d, uint32_t *rd, bool poll)
{
	struct tile_net *tn = t->net;
	int q;
	msg_t *m = mb_peek(&tn->mb, t->now, &q);
	if (!m) {
		if (poll) {
			*rd = 0;
			return 1;
		}
		t->state = TS_BLOCKED;
		return 0;
	}
	uint32_t addr = t->x[d->rs1], words = MSG_RECORD_HDR_WORDS + m->len;
	if (!range_ok(t, addr, words * 4))
		return 0;
	mb_take(&tn->mb, q, t->now);
	uint32_t info = MSG_INFO_VALID | (uint32_t)m->len << 16 | (uint32_t)m->tag << 8;
	if (q == MBQ_CTL)
		info |= MSG_INFO_CONTROL;
	if (m->flags & MSGF_CAP) {
		int s = caps_install(&tn->caps, &m->cap);
		if (s >= 0)
			info |= MSG_INFO_CAP | (uint32_t)s << 24;
	}
	uint32_t rec[MSG_RECORD_HDR_WORDS] = {info, m->src, m->badge};
	tile_write_mem(t, addr, rec, sizeof rec);
	tile_write_mem(t, addr + sizeof rec, m->w, m->len * 4u);
	t->stats.msgs_recv++;
	t->stats.words_recv += m->len;
	unsigned cost = isa_timing_cost[TC_XRECV] + m->len;
	msg_free(m);
	*rd = info;
	return cost;
}

static unsigned exec_wait(tile_t *t, const dinsn *d, uint32_t *rd)
{
	struct tile_net *tn = t->net;
	int q;
	bool has = mb_peek(&tn->mb, t->now, &q) != NULL;
	tn->starting = false;
	if (has || (tn->waiting && t->now >= tn->wait_until)) {
		tn->waiting = false;
		*rd = has;
		return 1;
	}
	if (!tn->waiting) {
		uint32_t n = t->x[d->rs1];
		tn->waiting = true;
		tn->wait_until = n ? t->now + n : UINT64_MAX;
	}
	t->state = TS_WAITING;
	return 0;
}

unsigned net_exec(tile_t *t, const dinsn *d, uint32_t *rd_value)
{
	if (d->op >= OP_MSG_SEND && d->op <= OP_MSG_WAIT)
		t->msg_execs++;
	dist_t *ds = t->mesh->cfg.dist;
	return ds ? ds->exec(t, d, rd_value) : net_exec_here(t, d, rd_value);
}

unsigned net_exec_here(tile_t *t, const dinsn *d, uint32_t *rd_value)
{
	switch ((isa_op)d->op) {
	case OP_MSG_SEND:
		return exec_send(t, d, rd_value);
	case OP_MSG_RECV:
	case OP_MSG_POLL:
		return exec_recv(t, d, rd_value, d->op == OP_MSG_POLL);
	case OP_MSG_WAIT:
		return exec_wait(t, d, rd_value);
	case OP_MSG_ACK:
		*rd_value = status(ctl_ack(t, t->x[d->rs1]));
		return 1;
	default:
		*rd_value = caps_exec(&t->net->caps, d, t->x);
		return 1;
	}
}
