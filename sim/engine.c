/*
 * The engine: window after window of LOOKAHEAD cycles, the network phase first, then
 * the tiles that have something to do in the window (isa/SPEC.md §8.3, sim/net.h).
 *
 * Scheduling. A tile is visited only in windows where something can happen to it: a
 * heap holds, for every active tile, the cycle of its next event (a running tile's
 * next issue cycle; for a blocked or sleeping one the earliest of its wake-up, its
 * limit and the end of its cycle budget). The network calls mesh_wake() when it
 * changes a tile's events (a delivery, a control operation, space in the NI), which
 * puts the tile back in the next core phase. Stale heap entries are recognised by a
 * per-tile stamp.
 *
 * Run-ahead. Messages reach a program only through msg.recv/poll/wait, so while no
 * tile holds a CONTROL capability (no kill can arrive unasked) a running tile runs on
 * past the window over its own computation, and stops before any message instruction
 * that would issue at or after the window's end; that instruction executes in the
 * window that contains its cycle. Output is written once the whole chip has passed
 * its cycle, so it is the same in every schedule.
 *
 * Deferred run-ahead (on unless TESSERA_DEFER=0). On the threads a visit runs a tile
 * only a little past the next window; each part then works through its list of such
 * cut tiles until every part has run its window and one has nothing deferred left
 * (run_deferred; sim/README.md).
 *
 * Window chains (on unless TESSERA_CHAIN=0; sim/chain.c). While only tiles talk to
 * each other and two parts have work, each part's thread runs window after window on
 * its own: its routers (meeting its neighbours once a cycle), its core phase, then one
 * meeting of all parts, where each says whether the chain goes on. The main thread's
 * step between windows (halts, output, the next window's checks) then comes once a
 * chain instead of once a window.
 */
#include "engine.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "balance.h"
#include "console.h"
#include "core.h"
#include "engine_parts.h"
#include "mpi_hooks.h"
#include "net.h"
#include "part_model.h"
#include "sched_heap.h"
#include "workers.h"

/* Cycles a tile runs ahead of the window at most per visit. */
#define RUN_AHEAD_CHUNK (1u << 20)
/* Deferred run-ahead (run_deferred): a visit in a window on the threads runs a tile at
   most this far past the next window's end; the rest of its run-ahead is done in pieces
   of DEFER_PIECE cycles while the other parts still work. */
#define DEFER_SLACK 252u
#define DEFER_PIECE 4096u

static uint64_t budget_end(const tile_t *t)
{
	return t->budget_cycles ? t->start_cycle + t->budget_cycles : UINT64_MAX;
}

/* ---- one tile ------------------------------------------------------------------ */

/* The tile was blocked or asleep from t->now to `at`: count it, by reason. */
static void count_blocked(tile_t *t, uint64_t at)
{
	uint64_t n = at > t->now ? at - t->now : 0;
	if (t->state == TS_WAITING)
		t->stats.cycles_waiting += n;
	else if (t->dcache[t->pc >> 2].op == OP_MSG_SEND)
		t->stats.stall_send += n;
	else
		t->stats.stall_recv += n;
	if (at > t->now)
		t->now = at;
}

/* A blocked or waiting tile: wake it, halt it, or leave it. Returns true if it runs. */
static bool resume_blocked(tile_t *t, uint64_t to)
{
	uint64_t wake = net_tile_wake(t), lim = net_tile_limit(t), be = budget_end(t);
	uint64_t ev = min64(wake, min64(lim, be));
	if (ev >= to)
		return false;
	if (lim == ev) {
		count_blocked(t, lim);
		net_tile_reach_limit(t);
		return false;
	}
	if (be == ev && be < wake) {
		count_blocked(t, be);
		tile_halt(t, CAUSE_BUDGET_CYCLES, t->pc, 0);
		return false;
	}
	count_blocked(t, wake);
	t->state = TS_RUNNING;
	return true;
}

/*
 * Runs the tile through the window ending at `to`, and on to `ahead` when it may run
 * ahead. A running tile that stops at `ahead` rather than before a message instruction
 * is cut short: it has more of its own computation to run (t->cut).
 */
static void run_tile(tile_t *t, uint64_t to, uint64_t ahead)
{
	uint64_t until = net_tile_may_run_ahead(t) ? min64(ahead, t->mesh->ahead_end) : to;
	t->msg_horizon = to;
	t->cut = false;
	for (;;) {
		if (t->state == TS_RUNNING) {
			uint64_t lim = net_tile_limit(t);
			core_run(t, min64(until, lim));
			if (t->state == TS_RUNNING && t->now >= lim) {
				net_tile_reach_limit(t);
				return;
			}
			t->cut = t->state == TS_RUNNING && t->now >= until && until > to;
			if (t->state == TS_RUNNING || !tile_active(t))
				return;
		}
		if (!resume_blocked(t, to))
			return;
	}
}

/*
 * The cycle of the tile's next event, UINT64_MAX when only the network can wake it. A
 * tile cut short at `now` is due there: a halt at h >= now reaches the network only at
 * h + LOOKAHEAD (SPEC §6.2), after the core phase of now's window.
 */
static uint64_t next_event(const tile_t *t)
{
	if (t->state == TS_RUNNING)
		return t->now;
	return min64(net_tile_wake(t), min64(net_tile_limit(t), budget_end(t)));
}

/* ---- the schedule ---------------------------------------------------------------- */

static void oom(void)
{
	fprintf(stderr, "tessera: out of host memory in the engine\n");
	exit(125);
}

static void push_id(uint32_t **v, uint32_t *n, uint32_t *cap, uint32_t id)
{
	if (!mesh_list_push(v, n, cap, id))
		oom();
}

static part_t *part_of(const engine_t *e, uint32_t id)
{
	return &e->parts[balance_part(&e->bal, id)];
}

/* Puts the tile on its part's ready list for this window (once). */
static void make_ready(part_t *p, tile_t *t)
{
	if (t->sched_ready)
		return;
	t->sched_ready = true;
	push_id(&p->ready, &p->nready, &p->ready_cap, t->id);
}

/* Files the tile under its next event (or under nothing, until the network wakes it). */
static void reschedule(part_t *p, tile_t *t)
{
	t->sched_stamp++;
	if (!tile_active(t))
		return;
	uint64_t ev = next_event(t);
	if (ev != UINT64_MAX)
		if (!sched_push(&p->heap, (sched_entry){ev, t->id, t->sched_stamp}))
			oom();
}

static bool entry_live(const mesh_t *m, const sched_entry *x)
{
	const tile_t *t = m->tiles[x->id];
	return t && x->stamp == t->sched_stamp && tile_active(t);
}

/* Earliest live event of the part, UINT64_MAX if none (drops stale entries on top). */
uint64_t engine_heap_next(const mesh_t *m, part_t *p)
{
	while (p->heap.n && !entry_live(m, &p->heap.v[0]))
		sched_pop(&p->heap);
	return p->heap.n ? p->heap.v[0].time : UINT64_MAX;
}

/* Earliest live event of any tile. */
static uint64_t next_any(engine_t *e)
{
	uint64_t t = UINT64_MAX;
	for (uint32_t k = 0; k < e->nparts; k++)
		t = min64(t, engine_heap_next(e->m, &e->parts[k]));
	return t;
}

/* Before the core phase: the tiles part k's routers woke (or the network phase
   started) go on the part's ready list (the network's parts are the engine's:
   mesh_part), by part k's thread or by the main thread for every part. */
void engine_take_woken_part(engine_t *e, uint32_t k)
{
	mesh_t *m = e->m;
	part_list *l = &m->woken[k];
	for (uint32_t i = 0; i < l->n; i++) {
		tile_t *t = m->tiles[l->v[i]];
		t->woken = false;
		if (tile_active(t) && dist_mine(m, t->id))   /* MPI: its own tiles only */
			make_ready(part_of(e, t->id), t);
	}
	l->n = 0;
}

static void take_woken(engine_t *e)
{
	for (uint32_t k = 0; k < e->nparts; k++)
		engine_take_woken_part(e, k);
}

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- a window -------------------------------------------------------------------- */

/* After a tile ran: file it, note its halt and its output. */
static void settle(part_t *p, tile_t *t)
{
	t->sched_ready = false;
	uint64_t end = t->state == TS_HALTED ? t->start_cycle + t->halt_cycles : t->now;
	if (end > p->latest)
		p->latest = end;
	if (!tile_active(t))
		push_id(&p->halted, &p->nhalted, &p->halted_cap, t->id);
	reschedule(p, t);
	if (t->out.n && !t->out_pending) {
		t->out_pending = true;
		push_id(&p->pending, &p->npending, &p->pending_cap, t->id);
	}
}

/* A tile cut short goes on its part's list of deferred run-ahead (once). */
static void note_cut(part_t *p, tile_t *t)
{
	if (t->cut && !t->deferred) {
		t->deferred = true;
		push_id(&p->defer, &p->ndefer, &p->defer_cap, t->id);
	}
}

/* Whether part p's core phase is over: every part ran its window's tiles and one has
   no deferred run-ahead left. The counts only grow, so no part resets them while
   another still reads them (a chain's parts run their phases without the main
   thread). */
static bool phase_over(engine_t *e, const part_t *p)
{
	return atomic_load_explicit(&e->dry_phase, memory_order_relaxed) >= p->phase &&
	       atomic_load_explicit(&e->visits_done, memory_order_relaxed) >=
		       p->phase * e->nparts;
}

/* Test mode: a random number in [0, n) from the part's generator (xorshift64). */
static uint32_t part_random(part_t *p, uint32_t n)
{
	p->rng ^= p->rng << 13;
	p->rng ^= p->rng >> 7;
	p->rng ^= p->rng << 17;
	return (uint32_t)(p->rng % n);
}

/* Cycles a visit may run past the next window; a deferred piece's length. In test mode
   both are random and short, and a part may leave its deferred work at any point. */
static uint64_t defer_slack(engine_t *e, part_t *p)
{
	return e->defer_test ? part_random(p, 8) : DEFER_SLACK;
}

static uint64_t defer_piece(engine_t *e, part_t *p)
{
	return e->defer_test ? 1 + part_random(p, 64) : DEFER_PIECE;
}

static bool defer_leave(engine_t *e, part_t *p)
{
	return phase_over(e, p) || (e->defer_test && part_random(p, 4) == 0);
}

/* The furthest a visit in this window may run a tile ahead (a chunk, not past the
   slice's end or --max-cycles). */
static uint64_t ahead_full(const engine_t *e, uint64_t to)
{
	return min64(to + RUN_AHEAD_CHUNK, e->m->ahead_end);
}

/* Whether the tile has run-ahead left that this window's deferral may run. */
static bool defer_more(const tile_t *t, uint64_t full)
{
	return tile_active(t) && t->state == TS_RUNNING && t->cut && t->now < full;
}

/*
 * The rest of the part's deferred run-ahead, piece by piece, until the phase is over;
 * what is left waits for the next window on the threads (a tile due before then runs
 * in its window as any other).
 */
static void run_deferred(engine_t *e, part_t *p)
{
	mesh_t *m = e->m;
	atomic_fetch_add(&e->visits_done, 1);
	uint64_t full = ahead_full(e, p->to);
	while (p->defer_head < p->ndefer && !defer_leave(e, p)) {
		tile_t *t = m->tiles[p->defer[p->defer_head]];
		bool ran = false;
		uint32_t execs = t->msg_execs;
		while (defer_more(t, full) && !defer_leave(e, p)) {
			run_tile(t, p->to, min64(t->now + defer_piece(e, p), full));
			ran = true;
		}
		p->real |= t->msg_execs != execs;
		if (ran)
			settle(p, t);
		if (!defer_more(t, full)) {
			t->deferred = false;
			p->defer_head++;
		}
	}
	if (p->defer_head) {      /* (never with a list not yet allocated) */
		p->ndefer -= p->defer_head;
		memmove(p->defer, p->defer + p->defer_head, p->ndefer * sizeof *p->defer);
		p->defer_head = 0;
	}
	if (!p->ndefer)
		atomic_store(&e->dry_phase, p->phase);
}

/*
 * The core phase of one part: its events before `to` join its woken tiles on its ready
 * list; they run. On the threads, with run-ahead, a visit runs a tile only a little past
 * the next window, and the part then works through its deferred run-ahead until every
 * part has run its window and one has nothing deferred left: a window's few long
 * computations no longer decide which part is last (results do not depend on where a
 * tile's run-ahead is cut).
 */
void engine_run_part(void *ctx, int k)
{
	engine_t *e = ctx;
	mesh_t *m = e->m;
	part_t *p = &e->parts[k];
	mesh_thread = (uint32_t)k;
	double start = e->timed ? seconds() : 0;
	uint64_t ahead = e->defer ? p->to + LOOKAHEAD + defer_slack(e, p) : ahead_full(e, p->to);
	while (engine_heap_next(m, p) < p->to)
		make_ready(p, m->tiles[sched_pop(&p->heap).id]);
	for (uint32_t i = 0; i < p->nready; i++) {
		tile_t *t = m->tiles[p->ready[i]];
		bool cont = t->cut && t->state == TS_RUNNING;
		uint32_t execs = t->msg_execs;
		run_tile(t, p->to, ahead);
		p->real |= !cont || t->msg_execs != execs;
		settle(p, t);
		if (e->defer)
			note_cut(p, t);
	}
	if (e->defer)
		run_deferred(e, p);
	if (e->timed)
		p->busy += seconds() - start;
}

static int cmp_id(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* After the core phase (one thread again): halts in id order, counts. */
static bool gather_parts(engine_t *e)
{
	mesh_t *m = e->m;
	uint32_t first = m->ndraining;
	e->nran = 0;
	for (uint32_t k = 0; k < e->nparts; k++) {
		part_t *p = &e->parts[k];
		for (uint32_t i = 0; i < p->nhalted; i++)
			push_id(&m->draining, &m->ndraining, &m->draining_cap, p->halted[i]);
		for (uint32_t i = 0; m->cfg.dist && i < p->nready; i++)   /* MPI only */
			push_id(&e->ran, &e->nran, &e->ran_cap, p->ready[i]);
		p->nhalted = p->nready = 0;
	}
	if (m->ndraining - first > 1)
		qsort(m->draining + first, m->ndraining - first, sizeof *m->draining, cmp_id);
	return m->ndraining > first;
}

static void drop_inactive(mesh_t *m)
{
	uint32_t k = 0;
	for (uint32_t i = 0; i < m->nactive; i++)
		if (tile_active(m->tiles[m->active[i]]))
			m->active[k++] = m->active[i];
	m->nactive = k;
}

static void note_output_cb(void *ctx, tile_t *t)
{
	part_t *p = part_of(ctx, t->id);
	if (t->out.n && !t->out_pending) {
		t->out_pending = true;
		push_id(&p->pending, &p->npending, &p->pending_cap, t->id);
	}
}

/* Whether two or more parts have a tile to run in this window (after take_woken):
   only then are the threads woken. */
static bool parts_with_work(engine_t *e, uint64_t to)
{
	uint32_t n = 0;
	for (uint32_t k = 0; k < e->nparts && n < 2; k++)
		n += e->parts[k].nready || (e->defer_allowed && e->parts[k].ndefer) ||
		     engine_heap_next(e->m, &e->parts[k]) < to;
	return n >= 2;
}

/* Drop the entries of tiles that left part k (and stale ones), in its schedule and its
   deferred run-ahead: a part's thread reads only its own tiles. Then restore the heap
   order. */
static void keep_own(engine_t *e, uint32_t k)
{
	part_t *p = &e->parts[k];
	uint32_t n = 0;
	sched_heap *h = &p->heap;
	for (uint32_t i = 0; i < h->n; i++)
		if (balance_part(&e->bal, h->v[i].id) == k && entry_live(e->m, &h->v[i]))
			h->v[n++] = h->v[i];
	h->n = n;
	sched_heapify(h);
	n = 0;
	for (uint32_t i = 0; i < p->ndefer; i++)
		if (balance_part(&e->bal, p->defer[i]) == k)
			p->defer[n++] = p->defer[i];
	p->ndefer = n;
}

/* After a core phase on the threads: maybe move the parts' boundaries (sim/balance.h);
   a tile that changes part leaves its old part's heap and is filed under its new
   part's. */
static void rebalance(engine_t *e)
{
	if (!balance_due(&e->bal))
		return;
	mesh_t *m = e->m;
	for (uint32_t k = 0; k < e->nparts; k++) {
		e->busy[k] = e->parts[k].busy;
		e->parts[k].busy = 0;
	}
	if (!balance_move(&e->bal, e->busy, m->active, m->nactive))
		return;
	net_parts_moved(m);
	for (uint32_t k = 0; k < e->nparts; k++)
		keep_own(e, k);
	for (uint32_t i = 0; i < m->nactive; i++) {
		uint32_t id = m->active[i], k = balance_part(&e->bal, id);
		if (k == balance_part_in(e->bal.prev, e->nparts, id))
			continue;
		part_t *p = &e->parts[k];
		tile_t *t = m->tiles[id];
		reschedule(p, t);
		if (t->deferred)
			push_id(&p->defer, &p->ndefer, &p->defer_cap, id);
	}
}

/*
 * TESSERA_PART_MODEL=1: the parts run one after another on one thread, each timed, and
 * the part model works out how much faster N cores could run the core phase
 * (sim/part_model.h). Results are those of any run. The parts' times go in e->busy.
 */
static void run_parts_timed(engine_t *e)
{
	for (uint32_t k = 0; k < e->nparts; k++) {
		double start = seconds();
		engine_run_part(e, (int)k);
		e->busy[k] = seconds() - start;
	}
	part_model_window(e->model, e->busy);
}

/* How the core phase of the window ending at `to` will run: on the threads or not. */
static void core_phase_begin(engine_t *e, uint64_t to, bool parallel)
{
	e->timed = parallel && e->bal.every;
	e->defer = parallel && e->defer_allowed && !e->m->control_in_use;
	e->dphase += e->defer;
	for (uint32_t k = 0; k < e->nparts; k++) {
		e->parts[k].to = to;
		e->parts[k].phase = e->dphase;
	}
}

/* The core phase of part k in the round of the network's window mode, right after
   its routers (net_window): its tiles' network side is its own (mesh_part), so it
   need not wait for the other parts' routers. */
static void core_after_net(void *ctx, int k)
{
	engine_take_woken_part(ctx, (uint32_t)k);
	engine_run_part(ctx, k);
}

static void run_window(engine_t *e, workers *w, uint64_t to)
{
	if (e->m->cfg.dist)       /* MPI: can a tile of any rank run in this window? */
		e->m->cfg.dist->window_start(e->m->cfg.dist, e->m, to);
	take_woken(e);
	bool parallel = w && parts_with_work(e, to);
	core_phase_begin(e, to, parallel);
	if (parallel)
		workers_run(w, engine_run_part, e);
	else if (e->model)
		run_parts_timed(e);
	else
		for (uint32_t k = 0; k < e->nparts; k++)
			engine_run_part(e, (int)k);
	engine_phase_end(e);
}

/* After the core phase (one thread): halts, MPI's exchange, the parts' boundaries. */
void engine_phase_end(engine_t *e)
{
	mesh_t *m = e->m;
	bool halted = gather_parts(e);
	if (m->cfg.dist)          /* MPI: the other ranks replay what the cores did */
		m->cfg.dist->window_end(m, e->ran, e->nran, next_any(e), note_output_cb, e);
	if (halted || m->cfg.dist)
		drop_inactive(m);
	if (e->timed)
		rebalance(e);
}

/* Write the output recorded before cycle `cutoff` (everything, at the end). */
void engine_flush_output(engine_t *e, uint64_t cutoff)
{
	mesh_t *m = e->m;
	size_t most = 1 + e->nparts;
	for (uint32_t k = 0; k < e->nparts; k++)
		most += e->parts[k].npending;
	out_buf *stack[64];
	out_buf **bufs = most <= 64 ? stack : malloc(most * sizeof *bufs);
	if (!bufs)
		oom();
	size_t n = 0;
	if (m->net_out.n)
		bufs[n++] = &m->net_out;
	for (uint32_t k = 0; k < e->nparts; k++)
		if (net_part_out(m, k)->n)
			bufs[n++] = net_part_out(m, k);
	for (uint32_t k = 0; k < e->nparts; k++)
		for (uint32_t i = 0; i < e->parts[k].npending; i++)
			bufs[n++] = &m->tiles[e->parts[k].pending[i]]->out;
	out_flush(m, bufs, n, cutoff);
	if (bufs != stack)
		free(bufs);
	for (uint32_t k = 0; k < e->nparts; k++) {
		part_t *p = &e->parts[k];
		uint32_t kept = 0;
		for (uint32_t i = 0; i < p->npending; i++) {
			tile_t *t = m->tiles[p->pending[i]];
			if (t->out.n)
				p->pending[kept++] = t->id;
			else
				t->out_pending = false;
		}
		p->npending = kept;
	}
}

/* ---- the loop -------------------------------------------------------------------- */

/* Options from the environment. Deferred run-ahead: on unless TESSERA_DEFER=0
   (sim/README.md, "Deferred run-ahead"); TESSERA_DEFER_TEST=SEED cuts at random
   places; never under MPI (its ranks replay the tiles each window ran).
   TESSERA_PART_MODEL=1: the parts one after another, timed (run_parts_timed). */
static void env_options(engine_t *e)
{
	const char *on = getenv("TESSERA_DEFER"), *test = getenv("TESSERA_DEFER_TEST");
	const char *model = getenv("TESSERA_PART_MODEL");
	if (model && strcmp(model, "1") == 0 && !e->m->cfg.dist) {
		/* the parts stay where they start: the model runs no threads, so no round
		   is timed and no boundary moves (rebalance) */
		e->model = part_model_new(e->nparts, e->bal.first, e->m->cfg.width);
		if (!e->model)
			oom();
	}
	const char *chain = getenv("TESSERA_CHAIN");
	e->chain_allowed = !(chain && strcmp(chain, "0") == 0);
	e->defer_test = test && *test;
	e->defer_allowed = !e->m->cfg.dist && (!(on && strcmp(on, "0") == 0) || e->defer_test);
	for (uint32_t k = 0; e->defer_test && k < e->nparts; k++)
		e->parts[k].rng = (strtoull(test, NULL, 0) + k + 1) * 0x9e3779b97f4a7c15ull | 1;
}

_Static_assert(sizeof(workers_count) <= 64, "engine_t.arrived fills one line");

engine_t *engine_new(mesh_t *m)
{
	engine_t *e = calloc(1, sizeof *e);
	uint32_t n = m->nparts;
	size_t bytes = (n * sizeof(part_t) + 63) / 64 * 64;   /* a multiple of the alignment */
	part_t *parts = e ? aligned_alloc(64, bytes) : NULL;
	double *busy = parts ? calloc(n, sizeof *busy) : NULL;
	workers_count *arrived = busy ? aligned_alloc(64, 64) : NULL;
	if (!arrived || !balance_init(&e->bal, n, m->ntiles)) {
		free(arrived);
		free(busy);
		free(parts);
		free(e);
		return NULL;
	}
	if (m->cfg.dist)
		e->bal.every = 0;     /* MPI: the ranks' parts stay as mesh_part cut them */
	memset(parts, 0, bytes);
	memset(arrived, 0, 64);
	e->arrived = arrived;
	e->busy = busy;
	e->m = m;
	e->T = e->T_real = m->now;
	e->parts = parts;
	e->nparts = n;
	m->part_first = e->bal.first;   /* the network's parts follow the engine's */
	net_parts_moved(m);
	env_options(e);
	for (uint32_t i = 0; i < m->nactive; i++)
		if (dist_mine(m, m->active[i]))
			reschedule(part_of(e, m->active[i]), m->tiles[m->active[i]]);
	return e;
}

/* The earliest event of any tile (MPI: of any rank's tiles; a collective call). */
static uint64_t next_all(engine_t *e)
{
	dist_t *ds = e->m->cfg.dist;
	return ds ? ds->min_all(ds, next_any(e)) : next_any(e);
}

/* Nothing can ever happen again: no tile has an event, the network is empty. */
static bool finished(engine_t *e)
{
	mesh_t *m = e->m;
	return net_idle(m) && (m->nactive == 0 || (next_all(e) == UINT64_MAX && !mesh_nwoken(m)));
}


/* Whether a visit of the last core phase had an event of its own; clears the parts'
   flags. */
static bool take_real(engine_t *e)
{
	bool real = false;
	for (uint32_t k = 0; k < e->nparts; k++) {
		real |= e->parts[k].real;
		e->parts[k].real = false;
	}
	return real;
}

/* The chip's final cycle once nothing can happen again: the latest cycle any tile
   reached, or the end of the last window with an event if later (MPI: over every
   rank's tiles, a collective call). */
static uint64_t final_cycle(engine_t *e)
{
	uint64_t l = e->T_real;
	for (uint32_t k = 0; k < e->nparts; k++)
		if (e->parts[k].latest > l)
			l = e->parts[k].latest;
	dist_t *ds = e->m->cfg.dist;
	return ds ? ds->max_all(ds, l) : l;
}

/*
 * The window loop. `stop` caps windows and time skips as max_cycles does (a window may
 * end at any cycle: the results do not depend on where windows end).
 */
bool engine_run_until(engine_t *e, uint64_t stop)
{
	mesh_t *m = e->m;
	uint64_t T = e->T;
	/* The pool lives for one call: its threads spin while they wait, which must not
	   go on while a viewer is paused between calls. */
	bool one = e->done || T >= stop || e->nparts < 2 || e->model;
	workers *w = one ? NULL : workers_new((int)e->nparts);
	/* A slice's work stays bounded (stop >= every `to`); nothing runs past --max-cycles. */
	m->ahead_end = m->cfg.max_cycles ? min64(stop, m->cfg.max_cycles) : stop;
	m->ndraining = 0;
	while (!e->done && T < stop) {
		if (finished(e)) {
			e->done = true;
			break;
		}
		if (m->cfg.max_cycles && T >= m->cfg.max_cycles) {
			m->max_reached = true;
			e->done = true;
			break;
		}
		uint64_t cap = m->cfg.max_cycles ? min64(stop, m->cfg.max_cycles) : stop;
		bool idle = net_idle(m) && !mesh_nwoken(m);
		if (idle) {
			uint64_t next = next_all(e);
			/* nothing happens before `next`: on to its window, keeping the windows'
			   phase (where windows fall must not depend on where a tile's
			   run-ahead was cut: sim/README, "Deferred run-ahead") */
			uint64_t skip = next > T ? (next - T) / LOOKAHEAD * LOOKAHEAD : 0;
			if (skip) {
				T = min64(T + skip, cap);
				continue;
			}
		}
		uint64_t to = min64(T + LOOKAHEAD, cap);
		bool window = net_begin(m, T, to, w);
		if (window && chain_wanted(e, T, cap)) {
			T = chain_run(e, w, T, cap);
			continue;
		}
		if (window) {
			/* window mode: each part's thread runs its core phase after its routers */
			core_phase_begin(e, to, true);
			net_window(m, T, to, core_after_net, e);
			engine_phase_end(e);
		} else {
			net_cycles(m, T, to);
			run_window(e, w, to);
		}
		/* The chip's final cycle counts the windows with an event of their own: the
		   network busy as the window began, a visit that was not just the rest of a
		   cut run-ahead, or one that reached a message instruction (where a run cut
		   elsewhere would have stopped before it, in this window). A window that only
		   went on with a cut run-ahead must not move it (sim/README.md, "Deferred
		   run-ahead"). */
		if (take_real(e) || !idle)
			e->T_real = to;
		engine_flush_output(e, to);
		T = to;
	}
	workers_free(w);
	e->T = T;
	if (e->done)
		net_end(m, T);
	/* Finished: tiles may have run ahead of the last window (not beyond
	   --max-cycles). */
	if (e->done && !m->max_reached)
		T = final_cycle(e);
	m->now = T;
	return e->done;
}

void engine_end(engine_t *e)
{
	if (!e)
		return;
	engine_flush_output(e, UINT64_MAX);
	console_finish(e->m);
	if (e->model)
		part_model_print(e->model, stderr);
	part_model_free(e->model);
	for (uint32_t k = 0; k < e->nparts; k++) {
		part_t *p = &e->parts[k];
		sched_free(&p->heap);
		free(p->ready);
		free(p->halted);
		free(p->pending);
		free(p->defer);
	}
	free(e->parts);
	free(e->busy);
	free(e->arrived);
	e->m->part_first = NULL;
	net_parts_moved(e->m);
	balance_free(&e->bal);
	free(e->ran);
	free(e);
}

void engine_run(mesh_t *m)
{
	engine_t *e = engine_new(m);
	if (!e)
		oom();
	engine_run_until(e, UINT64_MAX);
	engine_end(e);
}
