/*
 * The network co-simulation's setup: RTL tiles loaded as the model's, the whole model run
 * with its commit and message traces into temporary files, and what it recorded on the
 * way through linker wraps of libtessera's own functions: payloads as messages reach a
 * mailbox (mb_deliver), a control unit (ctl_arrive), the console (con_arrive) or the
 * block store (blk_arrive); output of a tile (console_write); every halt (net_on_halt,
 * with the EXIT notice and kills the control unit writes then: ni_write inside it).
 * The wraps only record while a network run is capturing.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "control.h"
#include "ctl_dev_host.h"
#include "rtl_devs.h"
#include "tile.h"

#include "console.h"
#include "cosim_net.h"
#include "devices/devices.h"
#include "mailbox.h"
#include "mesh.h"
#include "noc.h"

/* What the model's run recorded through the wraps. */
static struct {
	bool on;
	cnet_msg *v;              /* messages with their payloads, in arrival order */
	size_t n, cap;
	cosim_bytes *out;         /* per tile */
	uint32_t ntiles;
	cnet_tile *tiles;         /* halts go to their tile */
	int in_halt;              /* inside net_on_halt: NI writes are the control unit's */
	cnet_msg *cu;             /* messages a control unit wrote (sent, src, dst, tag) */
	size_t ncu, cu_cap;
} cap;

static void *grow(void *v, size_t *cap_, size_t n, size_t size)
{
	if (n < *cap_)
		return v;
	size_t c = *cap_ ? *cap_ * 2 : 64;
	void *w = realloc(v, c * size);
	if (!w) {
		fprintf(stderr, "cosim: out of memory\n");
		exit(125);
	}
	*cap_ = c;
	return w;
}

static void msg_fill(cnet_msg *c, const msg_t *m)
{
	memset(c, 0, sizeof *c);
	c->sent = m->sent;
	c->delivered = m->delivered;
	c->src = m->src;
	c->dst = m->dst;
	c->tag = m->tag;
	c->len = m->len;
	c->ctl = m->flags & MSGF_CTL;
	c->has_pay = true;
	memcpy(c->w, m->w, m->len * sizeof m->w[0]);
	c->has_cap = m->flags & MSGF_CAP;
	if (c->has_cap) {
		c->cap_kind = m->cap.kind;
		c->cap[0] = m->cap.lo;
		c->cap[1] = m->cap.hi;
		c->cap[2] = m->cap.badge;
	}
}

static void cap_msg(const msg_t *m)
{
	if (!cap.on)
		return;
	cap.v = grow(cap.v, &cap.cap, cap.n, sizeof *cap.v);
	msg_fill(&cap.v[cap.n++], m);
}

void __real_mb_deliver(mailbox *mb, int q, msg_t *m);
void __wrap_mb_deliver(mailbox *mb, int q, msg_t *m);
void __real_con_arrive(net_t *n, msg_t *m, uint64_t at);
void __wrap_con_arrive(net_t *n, msg_t *m, uint64_t at);
void __real_console_write(struct mesh *m, uint32_t tile, bool to_stderr, const char *data,
			  size_t len);
void __wrap_console_write(struct mesh *m, uint32_t tile, bool to_stderr, const char *data,
			  size_t len);

void __real_ctl_arrive(net_t *n, uint32_t id, msg_t *m);
void __wrap_ctl_arrive(net_t *n, uint32_t id, msg_t *m);
void __real_blk_arrive(net_t *n, msg_t *m, uint64_t at);
void __wrap_blk_arrive(net_t *n, msg_t *m, uint64_t at);
void __real_net_on_halt(tile_t *t);
void __wrap_net_on_halt(tile_t *t);
void __real_ni_write(ni_vnet *nv, msg_t *m, uint64_t from);
void __wrap_ni_write(ni_vnet *nv, msg_t *m, uint64_t from);

void __wrap_ctl_arrive(net_t *n, uint32_t id, msg_t *m)
{
	cap_msg(m);
	__real_ctl_arrive(n, id, m);
}

void __wrap_blk_arrive(net_t *n, msg_t *m, uint64_t at)
{
	cap_msg(m);
	__real_blk_arrive(n, m, at);
}

void __wrap_net_on_halt(tile_t *t)
{
	if (cap.on && t->id < cap.ntiles) {
		cnet_tile *ct = &cap.tiles[t->id];
		ct->halts = grow(ct->halts, &ct->halts_cap, ct->nhalts, sizeof *ct->halts);
		ct->halts[ct->nhalts++] = (cnet_halt){t->start_cycle + t->halt_cycles,
			{t->cause, t->halt_pc, t->halt_value, t->halt_cycles, false}};
	}
	cap.in_halt++;
	__real_net_on_halt(t);
	cap.in_halt--;
}

void __wrap_ni_write(ni_vnet *nv, msg_t *m, uint64_t from)
{
	if (cap.on && cap.in_halt) {
		cnet_msg w = {.sent = m->sent, .src = m->src, .dst = m->dst, .tag = m->tag};
		cap.cu = grow(cap.cu, &cap.cu_cap, cap.ncu, sizeof *cap.cu);
		cap.cu[cap.ncu++] = w;
		if (m->src < cap.ntiles) {
			/* its first flit's write time, as ni_write fixes it */
			cnet_tile *t = &cap.tiles[m->src];
			w.delivered = from;
			w.sent = nv->last_write > from ? nv->last_write : from;
			t->cu = grow(t->cu, &t->cu_cap, t->ncu, sizeof *t->cu);
			t->cu[t->ncu++] = w;
		}
	} else if (cap.on && m->src < cap.ntiles) {
		/* a msg.send: the tile's injections in order (delivered or not, ever) */
		cnet_tile *t = &cap.tiles[m->src];
		t->inj = grow(t->inj, &t->inj_cap, t->ninj, sizeof *t->inj);
		msg_fill(&t->inj[t->ninj++], m);
	}
	__real_ni_write(nv, m, from);
}

void __wrap_mb_deliver(mailbox *mb, int q, msg_t *m)
{
	cap_msg(m);
	__real_mb_deliver(mb, q, m);
}

void __wrap_con_arrive(net_t *n, msg_t *m, uint64_t at)
{
	cap_msg(m);
	__real_con_arrive(n, m, at);
}

void __wrap_console_write(struct mesh *m, uint32_t tile, bool to_stderr, const char *data,
			  size_t len)
{
	if (!cap.on) {
		__real_console_write(m, tile, to_stderr, data, len);
		return;
	}
	if (tile < cap.ntiles)
		cosim_bytes_add(&cap.out[tile], data, len);
}

/* ---- the model's traces ---------------------------------------------------------- */

static void push_line(cnet_tile *t, const char *s)
{
	if (t->nlines == t->cap_lines) {
		size_t n = t->cap_lines * 2 + 16;
		char **v = realloc(t->lines, n * sizeof *v);
		if (!v) {
			fprintf(stderr, "cosim: out of memory\n");
			exit(125);
		}
		t->lines = v;
		t->cap_lines = n;
	}
	if (!(t->lines[t->nlines++] = strdup(s))) {
		fprintf(stderr, "cosim: out of memory\n");
		exit(125);
	}
}

/* One more line of the model's trace into its tile's queue; false at the end. The trace
 * is in (cycle, tile) order and the RTL tiles advance together, so the queues stay short
 * (a long run is never held in memory). */
static bool read_line(cnet_run *c)
{
	static char *line;
	static size_t cap_;
	ssize_t len;
	while (c->ref_trace && (len = getline(&line, &cap_, c->ref_trace)) > 0) {
		unsigned long long cyc;
		unsigned tile;
		if (line[len - 1] == '\n')
			line[len - 1] = 0;
		if (sscanf(line, "%llu %u", &cyc, &tile) != 2 || tile >= c->n)
			continue;
		push_line(&c->t[tile], line);
		return true;
	}
	return false;
}

const char *cnet_ref_line(cnet_run *c, uint32_t id)
{
	cnet_tile *t = &c->t[id];
	while (t->next_line >= t->nlines) {
		t->nlines = t->next_line = 0;   /* every line before was taken (and freed) */
		if (!read_line(c))
			return NULL;
	}
	return t->lines[t->next_line];
}

void cnet_ref_pop(cnet_run *c, uint32_t id)
{
	cnet_tile *t = &c->t[id];
	free(t->lines[t->next_line]);
	t->lines[t->next_line++] = NULL;
}

static void take_payload(cnet_msg *m, const cnet_msg *from)
{
	memcpy(m->w, from->w, sizeof m->w);
	m->has_pay = true;
	m->has_cap = from->has_cap;
	m->cap_kind = from->cap_kind;
	memcpy(m->cap, from->cap, sizeof m->cap);
}

/* The payload the wraps saw for a message of the trace: one destination takes one
 * message a cycle, so (sent, src, dst, delivered, tag) is unique (replies a device writes
 * in one cycle share the rest). A message the model discarded on arrival (its tile had
 * halted) is its sender's msg.send, one per (sent, src), should the RTL take it. */
static void find_payload(cnet_msg *m)
{
	for (size_t i = 0; i < cap.n; i++)
		if (cap.v[i].sent == m->sent && cap.v[i].src == m->src && cap.v[i].dst == m->dst &&
		    cap.v[i].delivered == m->delivered && cap.v[i].tag == m->tag) {
			take_payload(m, &cap.v[i]);
			return;
		}
	const cnet_tile *t = m->src < cap.ntiles ? &cap.tiles[m->src] : NULL;
	for (size_t i = 0; t && i < t->ninj; i++)
		if (t->inj[i].sent == m->sent && t->inj[i].dst == m->dst && t->inj[i].tag == m->tag) {
			take_payload(m, &t->inj[i]);
			return;
		}
}

static bool read_msgs(cnet_run *c, FILE *f)
{
	char vnet[8];
	unsigned long long s, d;
	unsigned src, dst, tag, len;
	size_t capn = 0;
	rewind(f);
	while (fscanf(f, "%llu %llu %u %u %u %u %7s", &s, &d, &src, &dst, &tag, &len, vnet) == 7) {
		if (c->nref == capn) {
			capn = capn ? capn * 2 : 256;
			cnet_msg *v = realloc(c->ref_msgs, capn * sizeof *v);
			if (!v)
				return false;
			c->ref_msgs = v;
		}
		cnet_msg *m = &c->ref_msgs[c->nref++];
		memset(m, 0, sizeof *m);
		*m = (cnet_msg){.sent = s, .delivered = d, .src = src, .dst = dst, .tag = tag,
				.len = len, .ctl = !strcmp(vnet, "ctl")};
		find_payload(m);
		for (size_t i = 0; i < cap.ncu; i++)
			if (cap.cu[i].sent == s && cap.cu[i].src == src && cap.cu[i].dst == dst &&
			    cap.cu[i].tag == tag)
				m->by_cu = true;
		if (d > c->ref_last)
			c->ref_last = d;
	}
	return true;
}

static int run_model(cnet_run *c)
{
	FILE *tr = tmpfile(), *ms = tmpfile();
	int rc = 0;
	cap.out = calloc(c->n, sizeof *cap.out);
	if (!tr || !ms || !cap.out) {
		fprintf(stderr, "cosim: cannot make temporary files for the model's traces\n");
		rc = 125;
	} else {
		cap.ntiles = c->n;
		cap.tiles = c->t;
		cap.on = true;
		cosim_ref_run(c->ref, tr, ms);
		cap.on = false;
		c->ref_end = cosim_ref_end(c->ref);
		for (uint32_t id = 0; id < c->n; id++)
			if (c->t[id].nhalts && c->t[id].halts[c->t[id].nhalts - 1].at > c->ref_last)
				c->ref_last = c->t[id].halts[c->t[id].nhalts - 1].at;
		if (!read_msgs(c, ms)) {
			fprintf(stderr, "cosim: out of memory reading the model's traces\n");
			rc = 125;
		}
	}
	if (tr) {
		rewind(tr);
		c->ref_trace = tr;        /* read as the RTL goes (cnet_ref_line) */
	}
	if (ms)
		fclose(ms);
	c->ref_out = cap.out;
	cap.out = NULL;
	free(cap.v);
	cap.v = NULL;
	cap.n = cap.cap = 0;
	free(cap.cu);
	cap.cu = NULL;
	cap.ncu = cap.cu_cap = 0;
	return rc;
}

/* ---- the RTL tiles ------------------------------------------------------------------ */

/* RTL console output: to the source tile's output, compared at the end. */
static void rtl_con_out(void *ctx, uint64_t cycle, uint32_t src, const char *b, uint32_t n)
{
	cnet_run *c = ctx;
	(void)cycle;
	if (src < c->n)
		cosim_bytes_add(&c->t[src].out, b, n);
}

/* The disk image before the model writes it: the RTL's block store gets a copy. */
static int read_disk(cnet_run *c)
{
	const char *path = c->o->cfg.disk_path;
	FILE *f = path ? fopen(path, "rb") : NULL;
	if (!path)
		return 0;
	if (!f) {
		perror(path);
		return 125;
	}
	size_t cap_ = 0, n;
	char buf[65536];
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		while (cap_ < c->disk_len + n)
			c->disk = grow(c->disk, &cap_, cap_, 1);
		memcpy(c->disk + c->disk_len, buf, n);
		c->disk_len += n;
	}
	fclose(f);
	dev_host_set_disk(c->disk, c->disk_len);
	return 0;
}

/* One RTL tile as the model's stands before the run: SRAM, capabilities, and, if the
 * chip preloads it, its start with the control unit's supervisor, children, budgets. */
static void setup_tile(cnet_run *c, uint32_t id)
{
	const cosim_cfg *g = &c->o->cfg;
	rtl *r = c->t[id].r;
	const uint8_t *img = cosim_ref_mem(c->ref, id);
	uint32_t *mem = rtl_mem(r);
	memset(mem, 0, rtl_mem_bytes(r));
	if (img)
		memcpy(mem, img, cosim_ref_mem_size(c->ref));
	for (unsigned s = 0; s < CAP_SLOTS; s++) {
		unsigned kind;
		uint32_t lo, hi, badge;
		cosim_ref_cap(c->ref, id, s, &kind, &lo, &hi, &badge);
		rtl_set_cap(r, s, kind, lo, hi, badge);
	}
	cosim_tile_start st;
	cosim_ref_tile_start(c->ref, id, &st);
	rtl_set_ctl(r, cosim_ref_mem_size(c->ref), st.started ? &st.pre : NULL);
	uint32_t x = id % g->width, y = id / g->width, mesh = g->height << 16 | g->width;
	if (st.started)
		rtl_start(r, st.pc, st.bound, st.budget_cycles, st.budget_msgs, id, y << 16 | x,
			  mesh, g->semihost);
	else
		rtl_start_idle(r, id, y << 16 | x, mesh, g->semihost);
}

static int make_rtl(cnet_run *c, int argc, char **argv)
{
	const cosim_cfg *g = &c->o->cfg;
	for (uint32_t id = 0; id < c->n; id++) {
		/* tiles share tile 0's simulated time; the waves' run gives the failing tile a
		   time of its own, so its waves have both edges of every cycle */
		bool waves = c->replay && id == c->wave_tile;
		const char *vcd = waves ? c->o->fail_vcd : c->replay || id ? NULL : c->o->vcd_path;
		rtl *r = rtl_new(vcd, argc, argv, id && !waves ? c->t[0].r : NULL);
		c->t[id].r = r;
		if (waves)
			rtl_wave_window(r, cnet_wave_from(c->fail_at), c->stop_at);
		if (rtl_mem_bytes(r) < g->mem_size) {
			fprintf(stderr, "cosim: --mem %u is larger than the RTL's SRAM (%u bytes)\n",
				g->mem_size, rtl_mem_bytes(r));
			return 125;
		}
		setup_tile(c, id);
	}
	c->devs = rtl_devs_new(g->width);
	dev_host_on_output(rtl_con_out, c);
	return read_disk(c);
}

int cnet_setup(cnet_run *c, int argc, char **argv)
{
	c->n = c->o->cfg.width * c->o->cfg.height;
	if (!(c->ref = cosim_ref_new(&c->o->cfg)))
		return 125;
	if (c->o->trace_path && !(c->trace = fopen(c->o->trace_path, "w"))) {
		perror(c->o->trace_path);
		return 125;
	}
	if (!(c->t = calloc(c->n, sizeof *c->t))) {
		fprintf(stderr, "cosim: out of memory\n");
		return 125;
	}
	/* the RTL first: it takes the model's tiles as they are before the run */
	int rc = make_rtl(c, argc, argv);
	return rc ? rc : run_model(c);
}

void cnet_free(cnet_run *c)
{
	for (uint32_t id = c->n; c->t && id-- > 0;) {
		cnet_tile *t = &c->t[id];
		rtl_free(t->r);
		for (size_t i = t->next_line; i < t->nlines; i++)
			free(t->lines[i]);
		free(t->lines);
		free(t->inj);
		free(t->halts);
		free(t->cu);
		free(t->out.data);
		if (c->ref_out)
			free(c->ref_out[id].data);
	}
	rtl_devs_free(c->devs);
	free(c->disk);
	if (c->trace)
		fclose(c->trace);
	if (c->ref_trace)
		fclose(c->ref_trace);
	cosim_ref_free(c->ref);
	free(c->t);
	free(c->ref_out);
	free(c->ref_msgs);
	free(c->pend);
}

/* ---- injections waiting for their delivery ------------------------------------------ */

int cnet_pending_push(cnet_run *c, const cnet_msg *m)
{
	if (c->npend == c->pend_cap) {
		size_t n = c->pend_cap ? c->pend_cap * 2 : 64;
		cnet_msg *v = realloc(c->pend, n * sizeof *v);
		if (!v) {
			fprintf(stderr, "cosim: out of memory\n");
			return 125;
		}
		c->pend = v;
		c->pend_cap = n;
	}
	c->pend[c->npend++] = *m;
	return 0;
}

bool cnet_pending_take(cnet_run *c, cnet_msg *m)
{
	for (size_t i = 0; i < c->npend; i++) {
		const cnet_msg *p = &c->pend[i];
		if (p->src == m->src && p->dst == m->dst && p->ctl == m->ctl) {
			m->sent = p->sent;
			memmove(&c->pend[i], &c->pend[i + 1], (c->npend - i - 1) * sizeof *p);
			c->npend--;
			return true;
		}
	}
	return false;
}

/* ---- output ------------------------------------------------------------------------- */

int cnet_compare_output(cnet_run *c)
{
	for (uint32_t id = 0; id < c->n; id++) {
		const cosim_bytes *a = &c->t[id].out, *b = &c->ref_out[id];
		if (a->len == b->len && (!a->len || !memcmp(a->data, b->data, a->len)))
			continue;
		fprintf(stderr, "COSIM FAIL: tile %u: console/semihosting output differs\n"
			"  rtl:   %.*s\n  model: %.*s\n", id, (int)(a->len > 200 ? 200 : a->len),
			a->data ? a->data : "", (int)(b->len > 200 ? 200 : b->len), b->data ? b->data : "");
		return 1;
	}
	return 0;
}

int cnet_compare_disk(cnet_run *c)
{
	const char *path = c->o->cfg.disk_path;
	if (!path)
		return 0;
	size_t n, len = 0, cap_ = 0;
	const uint8_t *rtl_img = dev_host_disk(&n);
	uint8_t *ref = NULL;
	char buf[65536];
	size_t k;
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 125;
	}
	while ((k = fread(buf, 1, sizeof buf, f)) > 0) {
		while (cap_ < len + k)
			ref = grow(ref, &cap_, cap_, 1);
		memcpy(ref + len, buf, k);
		len += k;
	}
	fclose(f);
	size_t at = 0;
	while (at < n && at < len && rtl_img[at] == ref[at])
		at++;
	free(ref);
	if (at == n && n == len)
		return 0;
	fprintf(stderr, "COSIM FAIL: the disk image after the run differs from the model's at byte "
		"%zu (RTL %zu bytes, model %zu)\n", at, n, len);
	return 1;
}

void cnet_print_output(const cnet_run *c)
{
	for (uint32_t id = 0; id < c->n; id++)
		if (c->t[id].out.len)
			fwrite(c->t[id].out.data, 1, c->t[id].out.len, stdout);
	fflush(stdout);
}
