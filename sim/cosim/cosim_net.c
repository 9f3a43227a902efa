/*
 * cosim --mesh WxH: RTL tiles (each with its control unit) with their routers wired into
 * a mesh and the behavioural devices at the device ports, against the whole C model. The
 * model runs first, to its end (its network cannot be stepped one tile at a time); what
 * it did is kept per tile: commit-trace lines, halts, messages (sent, delivered, source,
 * destination, tag, length, vnet, payload) and console/semihosting output. Then the RTL
 * is clocked one cycle at a time and every retired instruction (at its chip cycle: a
 * tile may be started several times), every message injection (at its msg.send's issue)
 * and every delivery on either network (the cycle after the tail crossed into the local
 * or a device port: operations, EXIT notices, kills, device replies) is compared in order
 * with the model's, and each halt (cause, pc, value, local cycles, chip cycle). The
 * model's payloads come from wraps of libtessera's functions (cosim_net_ref.c).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cosim.h"
#include "cosim_net.h"
#include "isa.h"
#include "rtl_devs.h"

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* ---- messages -------------------------------------------------------------------- */

static void msg_text(const cnet_msg *m, char *buf, size_t size)
{
	int n = snprintf(buf, size, "msg sent %" PRIu64 " delivered %" PRIu64 " %u -> 0x%x tag %u len %u %s",
			 m->sent, m->delivered, m->src, m->dst, m->tag, m->len, m->ctl ? "ctl" : "data");
	if (m->has_pay)
		for (unsigned i = 0; i < m->len && n > 0 && (size_t)n < size; i++)
			n += snprintf(buf + n, size - (size_t)n, "%s%08x", i ? " " : " [", m->w[i]);
	if (m->has_pay && m->len && n > 0 && (size_t)n + 2 < size)
		strcat(buf, "]");
	if (m->has_cap && n > 0 && (size_t)n < size)
		snprintf(buf + strlen(buf), size - strlen(buf), " cap %s [0x%x, 0x%x] badge 0x%x",
			 m->cap_kind == CAP_KIND_CONTROL ? "control" : "send", m->cap[0], m->cap[1],
			 m->cap[2]);
}

static bool msg_same(const cnet_msg *a, const cnet_msg *b, bool delivery)
{
	if (a->sent != b->sent || a->src != b->src || a->dst != b->dst || a->tag != b->tag ||
	    a->len != b->len || a->ctl != b->ctl)
		return false;
	if (delivery && a->delivered != b->delivered)
		return false;
	if (a->has_cap != b->has_cap || (a->has_cap && (a->cap_kind != b->cap_kind ||
	    memcmp(a->cap, b->cap, sizeof a->cap))))
		return false;
	return !(a->has_pay && b->has_pay) || !memcmp(a->w, b->w, a->len * sizeof a->w[0]);
}

/* ---- failures --------------------------------------------------------------------- */

static int net_fail(cnet_run *c, uint32_t id, const char *what, const char *rtl_s,
		    const char *ref_s)
{
	char side[32];
	char who[24] = "the mesh";
	if (c->replay)
		return 0;                 /* the waves' run: the RTL goes on as before */
	c->fail_tile = id < c->n ? id : 0;
	c->fail_at = c->cycle;
	if (id < c->n)
		snprintf(who, sizeof who, "tile %u", id);
	fprintf(stderr, "COSIM FAIL: %s, cycle %" PRIu64 ": %s (after %" PRIu64
		" matched instructions, %" PRIu64 " matched messages)\n", who, c->cycle, what,
		c->retired, c->delivered);
	fprintf(stderr, "  rtl:   %s\n  model: %s\n", rtl_s, ref_s);
	if (id >= c->n)
		return 1;
	snprintf(side, sizeof side, "rtl, tile %u", id);
	cosim_log_print(&c->t[id].log_rtl, side);
	snprintf(side, sizeof side, "model, tile %u", id);
	cosim_log_print(&c->t[id].log_ref, side);
	return 1;
}

/* ---- per-cycle checks -------------------------------------------------------------- */

static int check_retire(cnet_run *c, uint32_t id, const rtl_retire *local)
{
	cnet_tile *t = &c->t[id];
	char a[COSIM_LINE];
	rtl_retire rec = *local;
	rec.cycle += t->base;          /* the commit trace has chip cycles */
	cosim_format(&rec, id, a, sizeof a);
	cosim_log_add(&t->log_rtl, a);
	if (getenv("COSIM_NET_DEBUG"))
		fprintf(stderr, "%s\n", a);
	if (c->trace)
		fprintf(c->trace, "%s\n", a);
	const char *b = cnet_ref_line(c, id);
	if (!b)
		return net_fail(c, id, "the RTL retired an instruction the model did not", a,
				"(no more instructions on this tile)");
	cosim_log_add(&t->log_ref, b);
	int differ = strcmp(a, b);
	if (differ)
		return net_fail(c, id, "retired instructions differ", a, b);
	cnet_ref_pop(c, id);
	c->retired++;
	return 0;
}

static void halt_text(const cnet_halt *h, char *buf, size_t size)
{
	snprintf(buf, size, "halt %s pc 0x%08x value 0x%08x cycle %" PRIu64 " (chip cycle %" PRIu64
		 ")", isa_cause_name(h->h.cause), h->h.pc, h->h.value, h->h.cycle, h->at);
}

/* The RTL tile halted (seen the cycle after): the model's next halt of that tile. */
static int check_halt(cnet_run *c, uint32_t id, const rtl_halt *h)
{
	cnet_tile *t = &c->t[id];
	char a[COSIM_LINE], b[COSIM_LINE];
	cnet_halt r = {c->cycle - 1, *h};
	halt_text(&r, a, sizeof a);
	if (h->unimplemented) {
		fprintf(stderr, "COSIM UNSUPPORTED: tile %u: instruction 0x%08x at pc 0x%08x "
			"is not built in the RTL yet\n", id, h->value, h->pc);
		return 77;
	}
	const char *line = cnet_ref_line(c, id);
	if (line && strtoull(line, NULL, 10) < r.at)
		return net_fail(c, id, "the RTL halted where the model retired an instruction", a, line);
	if (t->next_halt >= t->nhalts)
		return net_fail(c, id, "the RTL halted where the model did not", a, "(no halt)");
	const cnet_halt *m = &t->halts[t->next_halt++];
	halt_text(m, b, sizeof b);
	if (h->cause != m->h.cause || h->pc != m->h.pc || h->value != m->h.value ||
	    h->cycle != m->h.cycle || r.at != m->at)
		return net_fail(c, id, "halts differ", a, b);
	c->halts++;
	return 0;
}

static int check_inject(cnet_run *c, uint32_t id, const rtl_inject *in)
{
	cnet_msg r = {0};
	char a[320], b[320];
	r.sent = c->cycle;
	r.src = id;
	r.dst = in->dst;
	r.tag = (in->header >> 20) & 255;
	r.has_cap = (in->header >> 30) & 1;
	r.len = in->flits - MSG_HDR_FLITS - (r.has_cap ? SEND_CAP_WORDS : 0);
	if (r.has_cap) {
		r.cap_kind = (in->header >> 29) & 1 ? CAP_KIND_CONTROL : CAP_KIND_SEND;
		memcpy(r.cap, in->cap, sizeof r.cap);
	}
	r.ctl = in->ctl;
	r.has_pay = true;
	const uint32_t *mem = rtl_mem(c->t[id].r);
	for (unsigned i = 0; i < r.len && i < MSG_MAX_WORDS; i++)
		r.w[i] = mem[((in->addr >> 2) + i) & (rtl_mem_bytes(c->t[id].r) / 4 - 1)];
	msg_text(&r, a, sizeof a);
	cnet_tile *t = &c->t[id];
	if (t->next_inj >= t->ninj)
		return net_fail(c, id, "the RTL sent a message the model did not", a, "(none)");
	const cnet_msg *m = &t->inj[t->next_inj++];
	cnet_msg mm = *m;
	mm.delivered = 0;
	msg_text(&mm, b, sizeof b);
	if (!msg_same(&r, m, false))
		return net_fail(c, id, "message injections differ", a, b);
	return cnet_pending_push(c, &r);
}

/* The control unit wrote a message's first flit into the NI (an EXIT notice or a kill):
 * the model's next such write from this tile, with the same write time, to the same tile. */
static int check_cu_inject(cnet_run *c, uint32_t id, uint32_t route, uint32_t wait)
{
	cnet_tile *t = &c->t[id];
	char a[160], b[160];
	uint32_t coord = (1u << ROUTE_COORD_BITS) - 1;
	uint32_t dst = (route >> ROUTE_ROW_LSB & coord) * c->o->cfg.width + (route & coord);
	uint64_t w = c->cycle + wait;
	snprintf(a, sizeof a, "control unit of tile %u writes a message to %u at %" PRIu64, id, dst,
		 w);
	if (t->next_cu >= t->ncu)
		return net_fail(c, id, "the RTL's control unit sent a message the model's did not", a,
				"(none)");
	const cnet_msg *m = &t->cu[t->next_cu++];
	snprintf(b, sizeof b, "control unit of tile %u writes a message to %u at %" PRIu64
		 " (tag %u)", id, m->dst, m->sent, m->tag);
	if (m->sent != w || m->dst != dst)
		return net_fail(c, id, "control-unit injections differ", a, b);
	c->cu_writes++;
	return 0;
}

/* A message completed at an ejection point: compare with the model's next delivery. */
static int check_delivery(cnet_run *c, uint32_t at, cnet_msg *r)
{
	char a[320], b[320];
	const cnet_msg *m = c->ref_next < c->nref ? &c->ref_msgs[c->ref_next] : NULL;
	/* Injections by msg.send were compared when they issued; a device's reply and a
	 * control unit's notice or kill are written by no core: their send cycle is the
	 * model's (their delivery cycle, header and payload are compared). */
	if (!cnet_pending_take(c, r)) {
		bool no_core = r->src >= c->n || (m && m->by_cu && m->src == r->src);
		msg_text(r, a, sizeof a);
		if (!no_core || !m)
			return net_fail(c, at, "the RTL delivered a message nobody sent", a, "(none)");
		r->sent = m->sent;
	}
	msg_text(r, a, sizeof a);
	if (!m)
		return net_fail(c, at, "the RTL delivered a message the model did not", a, "(none)");
	c->ref_next++;
	msg_text(m, b, sizeof b);
	if (!msg_same(r, m, true))
		return net_fail(c, at, "message deliveries differ", a, b);
	c->delivered++;
	return 0;
}

/* Flits leaving through one ejection point, assembled into messages. */
static void asm_flit(cnet_asm *s, const rtl_flit *f)
{
	if (f->head)
		s->k = 0;
	unsigned p0 = (s->header >> 30) & 1 ? 6 : 3;   /* the payload's first flit */
	if (s->k == 0)
		;                     /* the route flit */
	else if (s->k == 1)
		s->header = f->data;
	else if (s->k == 2)
		s->badge = f->data;
	else if (s->k < p0)
		s->cap[s->k - 3] = f->data;
	else if (s->k < p0 + MSG_MAX_WORDS)
		s->w[s->k - p0] = f->data;
	s->k++;
}

static void asm_done(const cnet_asm *s, uint32_t dst, bool ctl, uint64_t at, cnet_msg *m)
{
	memset(m, 0, sizeof *m);
	m->delivered = at;
	m->src = s->header >> 31 ? DEV_BASE | (s->header & 0xfffff) : s->header & 0xfffff;
	m->dst = dst;
	m->tag = (s->header >> 20) & 255;
	m->has_cap = (s->header >> 30) & 1;
	m->len = s->k - MSG_HDR_FLITS - (m->has_cap ? SEND_CAP_WORDS : 0);
	m->cap_kind = (s->header >> 29) & 1 ? CAP_KIND_CONTROL : CAP_KIND_SEND;
	memcpy(m->cap, s->cap, sizeof m->cap);
	m->ctl = ctl;
	m->has_pay = true;
	memcpy(m->w, s->w, sizeof m->w);
}

static int cmp_dst(const void *a, const void *b)
{
	const cnet_msg *x = a, *y = b;
	return x->dst < y->dst ? -1 : x->dst > y->dst;
}

/* Messages whose tail shows in this cycle at a local port or at the console's port. */
static int check_ejections(cnet_run *c)
{
	cnet_msg done[CNET_MAX_TILES + 2];
	unsigned nd = 0;
	rtl_flit f;
	for (uint32_t id = 0; id < c->n; id++)
		if (rtl_ejected(c->t[id].r, &f)) {
			asm_flit(&c->t[id].ej[f.vnet], &f);
			if (f.tail)
				asm_done(&c->t[id].ej[f.vnet], id, f.vnet, c->cycle + 1, &done[nd++]);
		}
	for (int dev = 0; dev < RTL_NDEVS; dev++) {
		if (dev == RTL_DEV_BLOCK)  /* the block store, east of tile (W-1, 0) */
			rtl_tx(c->t[c->o->cfg.width - 1].r, 1, &f);
		else                       /* the console, west of tile (0, 0) */
			rtl_tx(c->t[0].r, 3, &f);
		if (!f.valid)
			continue;
		asm_flit(&c->dev_asm[dev][f.vnet], &f);
		if (f.tail)
			asm_done(&c->dev_asm[dev][f.vnet], dev == RTL_DEV_BLOCK ? DEV_BLOCK : DEV_CONSOLE, f.vnet,
				 c->cycle + 1, &done[nd++]);
	}
	qsort(done, nd, sizeof done[0], cmp_dst);
	for (unsigned i = 0; i < nd; i++) {
		int rc = check_delivery(c, done[i].dst < c->n ? done[i].dst : 0, &done[i]);
		if (rc)
			return rc;
	}
	return 0;
}

static void debug_flits(cnet_run *c)
{
	static int on = -1;
	if (on < 0)
		on = getenv("COSIM_NET_DEBUG") != NULL;
	if (!on)
		return;
	for (uint32_t id = 0; id < c->n; id++)
		for (int d = 0; d < 4; d++) {
			rtl_flit f;
			rtl_tx(c->t[id].r, d, &f);
			if (f.valid)
				fprintf(stderr, "%" PRIu64 ": tile %u tx %d: v%d h%d t%d %08x\n", c->cycle, id,
					d, f.vnet, f.head, f.tail, f.data);
		}
}

static int tile_checks(cnet_run *c, uint32_t id)
{
	cnet_tile *t = &c->t[id];
	rtl_retire rec;
	rtl_inject in;
	rtl_halt h;
	uint32_t regs[4];
	int rc = 0;
	bool run = rtl_running(t->r), halted;
	if (run && !t->was_running)
		t->base = c->cycle - rtl_cycle(t->r);   /* started (again) */
	t->was_running = run;
	if (rtl_retired(t->r, &rec) && (rc = check_retire(c, id, &rec)))
		return rc;
	if (rtl_injected(t->r, &in) && (rc = check_inject(c, id, &in)))
		return rc;
	/* A semihosting exit is answered before the edge (rtl_ecall_answer): the halt's
	   EXIT notice or cascade kill may start in this very cycle, so the control unit's
	   writes are looked at after the answer. */
	if (rtl_ecall(t->r, regs))
		cosim_semihost(t->r, c->o->cfg.bound, regs, &t->out, false);
	uint32_t route, wait;
	if (rtl_cu_injected(t->r, &route, &wait) && (rc = check_cu_inject(c, id, route, wait)))
		return rc;
	halted = rtl_halted(t->r, &h);
	if (halted && !t->was_halted)
		rc = check_halt(c, id, &h);
	t->was_halted = halted;
	return rc;
}

/* ---- the mesh's wires ----------------------------------------------------------------- */

static const int opposite[4] = {2, 3, 0, 1};

static int64_t neighbour(const cnet_run *c, uint32_t id, int d)
{
	uint32_t w = c->o->cfg.width, x = id % w, y = id / w;
	switch (d) {
	case 0: return y ? (int64_t)id - w : -1;
	case 1: return x + 1 < w ? (int64_t)id + 1 : -1;
	case 2: return y + 1 < c->o->cfg.height ? (int64_t)id + w : -1;
	default: return x ? (int64_t)id - 1 : -1;
	}
}

/* Inputs of the next edge from every tile's registered outputs of this cycle. */
static void wire(cnet_run *c)
{
	for (uint32_t id = 0; id < c->n; id++)
		for (int d = 0; d < 4; d++) {
			int64_t nb = neighbour(c, id, d);
			rtl_flit f = {0};
			if (nb >= 0) {
				rtl_tx(c->t[nb].r, opposite[d], &f);
				rtl_tx_credit(c->t[id].r, d, rtl_rx_credit(c->t[nb].r, opposite[d]));
			}
			rtl_rx(c->t[id].r, d, &f);
		}
}

static void set_sinks(cnet_run *c)
{
	for (uint32_t id = 0; id < c->n; id++) {
		unsigned mask = 0;
		for (int d = 0; d < 4; d++)
			if (neighbour(c, id, d) < 0)
				mask |= 1u << d;
		rtl_link_sinks(c->t[id].r, mask);
	}
}

/* The devices: what the tiles show toward them in this cycle, their replies into the
 * tiles' inputs of the next edge. */
static void wire_devices(cnet_run *c)
{
	rtl *con = c->t[0].r, *blk = c->t[c->o->cfg.width - 1].r;
	rtl_flit f;
	rtl_tx(con, 3, &f);
	rtl_devs_in(c->devs, c->cycle, RTL_DEV_CONSOLE, &f, rtl_rx_credit(con, 3));
	rtl_tx(blk, 1, &f);
	rtl_devs_in(c->devs, c->cycle, RTL_DEV_BLOCK, &f, rtl_rx_credit(blk, 1));
	rtl_devs_out(c->devs, RTL_DEV_CONSOLE, &f);
	rtl_rx(con, 3, &f);
	rtl_devs_out(c->devs, RTL_DEV_BLOCK, &f);
	rtl_rx(blk, 1, &f);
}

static int cycle_checks(cnet_run *c)
{
	int rc;
	debug_flits(c);
	for (uint32_t id = 0; id < c->n; id++)
		if ((rc = tile_checks(c, id)))
			return rc;
	return check_ejections(c);
}

static bool any_running(cnet_run *c)
{
	for (uint32_t id = 0; id < c->n; id++)
		if (rtl_running(c->t[id].r))
			return true;
	return false;
}

/* At the end: what the model did that the RTL did not. */
static int end_checks(cnet_run *c)
{
	char b[320];
	if (c->ref_next < c->nref) {
		msg_text(&c->ref_msgs[c->ref_next], b, sizeof b);
		return net_fail(c, CNET_MAX_TILES, "the model delivered a message the RTL did not",
				"(none)", b);
	}
	for (uint32_t id = 0; id < c->n; id++) {
		cnet_tile *t = &c->t[id];
		const char *line = cnet_ref_line(c, id);
		if (line)
			return net_fail(c, id, "the model retired an instruction the RTL did not",
					"(none)", line);
		if (t->next_inj < t->ninj) {
			cnet_msg mm = t->inj[t->next_inj];
			mm.delivered = 0;
			msg_text(&mm, b, sizeof b);
			return net_fail(c, id, "the model sent a message the RTL did not", "(none)", b);
		}
		if (t->next_cu < t->ncu) {
			const cnet_msg *m = &t->cu[t->next_cu];
			snprintf(b, sizeof b, "control unit writes a message to %u at %" PRIu64, m->dst,
				 m->sent);
			return net_fail(c, id, "the model's control unit sent a message the RTL's did not",
					"(none)", b);
		}
		if (t->next_halt < t->nhalts) {
			halt_text(&t->halts[t->next_halt], b, sizeof b);
			return net_fail(c, id, "the model halted, the RTL did not", "(running)", b);
		}
		uint64_t rej = cosim_ref_rejected(c->ref, id);
		if (rtl_rejected(t->r) != rej) {
			char a[48];
			snprintf(a, sizeof a, "%u operations refused", rtl_rejected(t->r));
			snprintf(b, sizeof b, "%" PRIu64 " operations refused", rej);
			return net_fail(c, id, "at the end, the control units refused different counts",
					a, b);
		}
		if (rtl_running(t->r) == cosim_ref_idle(c->ref, id))
			return net_fail(c, id, "at the end, the tile is running on one side only",
					rtl_running(t->r) ? "running" : "idle",
					cosim_ref_idle(c->ref, id) ? "idle" : "running");
	}
	int rc = cnet_compare_output(c);
	return rc ? rc : cnet_compare_disk(c);
}

static int net_loop(cnet_run *c)
{
	int rc = cycle_checks(c);
	uint64_t end = (c->ref_end > c->ref_last ? c->ref_end : c->ref_last) + 2;
	/* until the model's last event has been matched and no RTL tile runs, or the
	 * model's end (tiles that wait forever) */
	while (!rc && c->cycle <= end && (any_running(c) || c->cycle <= c->ref_last + 2)) {
		if (c->replay && c->cycle >= c->stop_at)
			return 0;
		if (c->cycle >= c->o->max_cycles) {
			fprintf(stderr, "cosim: stopped at --max-cycles %" PRIu64 "\n", c->o->max_cycles);
			return 0;
		}
		wire(c);
		wire_devices(c);
		for (uint32_t id = 0; id < c->n; id++)
			rtl_clock(c->t[id].r);
		rtl_devs_clock(c->devs);
		c->cycle++;
		/* the model ran cycles [0, max): what the RTL shows at max is not compared */
		rc = c->cycle < c->o->max_cycles ? cycle_checks(c) : 0;
	}
	return rc || c->replay ? rc : end_checks(c);
}

/*
 * --fail-vcd: the same run again (the model and the RTL mesh are deterministic), its
 * checks silenced, the failing tile writing waves of the CNET_WAVE_BEFORE cycles before
 * the failure and the CNET_WAVE_AFTER after (VCD time 2c is the edge of chip cycle c).
 */
static void replay_waves(const cosim_opts *o, int argc, char **argv, uint32_t tile,
			 uint64_t at)
{
	cosim_opts ro = *o;
	ro.vcd_path = NULL;
	cnet_run c = {.o = &ro, .replay = true, .wave_tile = tile, .fail_at = at,
		      .stop_at = at + CNET_WAVE_AFTER};
	if (cnet_setup(&c, argc, argv) == 0) {
		set_sinks(&c);
		net_loop(&c);
	}
	cnet_free(&c);
	fprintf(stderr, "cosim: waves of tile %u, cycles %" PRIu64 "..%" PRIu64 ", in %s\n",
		tile, cnet_wave_from(at), c.stop_at, o->fail_vcd);
}

int cosim_net_run(const cosim_opts *o, int argc, char **argv)
{
	cnet_run c = {.o = o};
	int rc = cnet_setup(&c, argc, argv);
	if (rc)
		return rc;
	set_sinks(&c);
	double t0 = seconds();
	rc = net_loop(&c);
	double dt = seconds() - t0;
	if (rc == 0)
		fprintf(stderr, "COSIM PASS: %" PRIu64 " instructions, %" PRIu64 " messages, %" PRIu64
			" cycles matched on %u tile%s, %" PRIu64 " halts, %" PRIu64 " control-unit "
			"writes (%.0f cycles/s)\n", c.retired, c.delivered, c.cycle, c.n,
			c.n > 1 ? "s" : "", c.halts, c.cu_writes,
			dt > 0 ? (double)c.cycle / dt : 0.0);
	if (rc == 0 && !o->quiet)
		cnet_print_output(&c);
	cnet_free(&c);
	if (rc == 1 && o->fail_vcd)
		replay_waves(o, argc, argv, c.fail_tile, c.fail_at);
	return rc;
}
