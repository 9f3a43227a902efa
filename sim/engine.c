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
 */
#include "engine.h"

#include <stdlib.h>

#include "console.h"
#include "core.h"
#include "mpi_hooks.h"
#include "net.h"
#include "workers.h"

/* Cycles a tile runs ahead of the window at most per visit. */
#define RUN_AHEAD_CHUNK (1u << 20)
/* Fewer ready tiles than this per thread are not worth waking the threads for. */
#define TILES_PER_THREAD_MIN 16

static uint64_t min64(uint64_t a, uint64_t b) { return a < b ? a : b; }

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

/* Runs the tile through the window ending at `to` (and beyond, when it may run ahead). */
static void run_tile(tile_t *t, uint64_t to)
{
	bool ahead = !t->mesh->control_in_use;
	t->msg_horizon = to;
	for (;;) {
		if (t->state == TS_RUNNING) {
			uint64_t lim = net_tile_limit(t);
			uint64_t until = ahead ? min64(to + RUN_AHEAD_CHUNK, t->mesh->ahead_end) : to;
			core_run(t, min64(until, lim));
			if (t->state == TS_RUNNING && t->now >= lim) {
				net_tile_reach_limit(t);
				return;
			}
			if (t->state == TS_RUNNING || !tile_active(t))
				return;
		}
		if (!resume_blocked(t, to))
			return;
	}
}

/* The cycle of the tile's next event, UINT64_MAX when only the network can wake it. */
static uint64_t next_event(const tile_t *t)
{
	if (t->state == TS_RUNNING)
		return t->now;
	return min64(net_tile_wake(t), min64(net_tile_limit(t), budget_end(t)));
}

/* ---- the schedule ---------------------------------------------------------------- */

typedef struct {
	uint64_t time;
	uint32_t id, stamp;
} sched_entry;

struct engine {
	mesh_t *m;
	uint64_t T;
	bool done;
	sched_entry *heap;
	uint32_t nheap, heap_cap;
	uint32_t *ready, nready, ready_cap;
	uint32_t *pending, npending, pending_cap;   /* tiles holding unwritten output */
	uint64_t latest;          /* the latest cycle any tile has reached (run-ahead) */
};

static void oom(void)
{
	fprintf(stderr, "tessera: out of host memory in the engine\n");
	exit(125);
}

static bool before(const sched_entry *a, const sched_entry *b)
{
	return a->time != b->time ? a->time < b->time : a->id < b->id;
}

static void heap_push(engine_t *e, sched_entry x)
{
	if (e->nheap == e->heap_cap) {
		uint32_t cap = e->heap_cap ? e->heap_cap * 2 : 256;
		sched_entry *v = realloc(e->heap, cap * sizeof *v);
		if (!v)
			oom();
		e->heap = v;
		e->heap_cap = cap;
	}
	uint32_t i = e->nheap++;
	while (i && before(&x, &e->heap[(i - 1) / 2])) {
		e->heap[i] = e->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	e->heap[i] = x;
}

static sched_entry heap_pop(engine_t *e)
{
	sched_entry top = e->heap[0], x = e->heap[--e->nheap];
	uint32_t i = 0;
	for (;;) {
		uint32_t l = 2 * i + 1, r = l + 1, b = i;
		const sched_entry *best = &x;
		if (l < e->nheap && before(&e->heap[l], best))
			b = l, best = &e->heap[l];
		if (r < e->nheap && before(&e->heap[r], best))
			b = r;
		if (b == i)
			break;
		e->heap[i] = e->heap[b];
		i = b;
	}
	if (e->nheap)
		e->heap[i] = x;
	return top;
}

/* Puts the tile on this window's ready list (once). */
static void make_ready(engine_t *e, tile_t *t)
{
	if (t->sched_ready)
		return;
	t->sched_ready = true;
	if (!mesh_list_push(&e->ready, &e->nready, &e->ready_cap, t->id))
		oom();
}

/* Files the tile under its next event (or under nothing, until the network wakes it). */
static void reschedule(engine_t *e, tile_t *t)
{
	t->sched_stamp++;
	if (!tile_active(t))
		return;
	uint64_t ev = next_event(t);
	if (ev != UINT64_MAX)
		heap_push(e, (sched_entry){ev, t->id, t->sched_stamp});
}

static bool entry_live(const engine_t *e, const sched_entry *x)
{
	const tile_t *t = e->m->tiles[x->id];
	return t && x->stamp == t->sched_stamp && tile_active(t);
}

/* Earliest live event in the heap, UINT64_MAX if none (drops stale entries on top). */
static uint64_t heap_next(engine_t *e)
{
	while (e->nheap && !entry_live(e, &e->heap[0]))
		heap_pop(e);
	return e->nheap ? e->heap[0].time : UINT64_MAX;
}

/* Tiles the network woke, tiles that started, and events before `to` become ready. */
static void collect_ready(engine_t *e, uint64_t to)
{
	mesh_t *m = e->m;
	for (uint32_t i = 0; i < m->nwoken; i++) {
		tile_t *t = m->tiles[m->woken[i]];
		t->woken = false;
		if (tile_active(t) && dist_mine(m, t->id))   /* MPI: its own tiles only */
			make_ready(e, t);
	}
	m->nwoken = 0;
	while (heap_next(e) < to) {
		sched_entry x = heap_pop(e);
		make_ready(e, e->m->tiles[x.id]);
	}
}

/* ---- a window -------------------------------------------------------------------- */

static void run_tile_id(mesh_t *m, uint32_t id, uint64_t to)
{
	run_tile(m->tiles[id], to);
}

static void run_ready(engine_t *e, workers *w, uint64_t to)
{
	mesh_t *m = e->m;
	if (w && e->nready >= TILES_PER_THREAD_MIN * (uint32_t)m->cfg.threads)
		workers_run(w, m, e->ready, e->nready, to, run_tile_id);
	else
		for (uint32_t i = 0; i < e->nready; i++)
			run_tile(m->tiles[e->ready[i]], to);
}

static void note_output(engine_t *e, tile_t *t)
{
	if (t->out.n && !t->out_pending) {
		t->out_pending = true;
		if (!mesh_list_push(&e->pending, &e->npending, &e->pending_cap, t->id))
			oom();
	}
}

static void note_output_cb(void *e, tile_t *t) { note_output(e, t); }

/* After the core phase: file every tile that ran; note halts and output. */
static bool settle_ready(engine_t *e)
{
	bool halted = false;
	mesh_t *m = e->m;
	for (uint32_t i = 0; i < e->nready; i++) {
		tile_t *t = m->tiles[e->ready[i]];
		t->sched_ready = false;
		uint64_t end = t->state == TS_HALTED ? t->start_cycle + t->halt_cycles : t->now;
		if (end > e->latest)
			e->latest = end;
		if (!tile_active(t)) {
			halted = true;
			if (!mesh_list_push(&m->draining, &m->ndraining, &m->draining_cap, t->id))
				oom();
		}
		reschedule(e, t);
		note_output(e, t);
	}
	e->nready = 0;
	return halted;
}

/* Write the output recorded before cycle `cutoff` (everything, at the end). */
static void flush_output(engine_t *e, uint64_t cutoff)
{
	mesh_t *m = e->m;
	out_buf *stack[64];
	size_t most = (size_t)e->npending + 1;
	out_buf **bufs = most <= 64 ? stack : malloc(most * sizeof *bufs);
	if (!bufs)
		oom();
	size_t n = 0;
	if (m->net_out.n)
		bufs[n++] = &m->net_out;
	for (uint32_t i = 0; i < e->npending; i++)
		bufs[n++] = &m->tiles[e->pending[i]]->out;
	out_flush(m, bufs, n, cutoff);
	if (bufs != stack)
		free(bufs);
	uint32_t k = 0;
	for (uint32_t i = 0; i < e->npending; i++) {
		tile_t *t = m->tiles[e->pending[i]];
		if (t->out.n)
			e->pending[k++] = t->id;
		else
			t->out_pending = false;
	}
	e->npending = k;
}

static void drop_inactive(mesh_t *m)
{
	uint32_t k = 0;
	for (uint32_t i = 0; i < m->nactive; i++)
		if (tile_active(m->tiles[m->active[i]]))
			m->active[k++] = m->active[i];
	m->nactive = k;
}

/* ---- the loop -------------------------------------------------------------------- */

engine_t *engine_new(mesh_t *m)
{
	engine_t *e = calloc(1, sizeof *e);
	if (!e)
		return NULL;
	e->m = m;
	e->T = m->now;
	for (uint32_t i = 0; i < m->nactive; i++)
		if (dist_mine(m, m->active[i]))
			reschedule(e, m->tiles[m->active[i]]);
	return e;
}

/* The earliest event of any tile (MPI: of any rank's tiles; a collective call). */
static uint64_t next_all(engine_t *e)
{
	dist_t *ds = e->m->cfg.dist;
	return ds ? ds->min_all(ds, heap_next(e)) : heap_next(e);
}

/* Nothing can ever happen again: no tile has an event, the network is empty. */
static bool finished(engine_t *e)
{
	mesh_t *m = e->m;
	return net_idle(m) && (m->nactive == 0 || (next_all(e) == UINT64_MAX && !m->nwoken));
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
	workers *w = e->done || T >= stop ? NULL : workers_new(m->cfg.threads);
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
		if (net_idle(m) && !m->nwoken) {
			uint64_t next = next_all(e);
			if (next > T) {
				T = min64(next, cap);   /* nothing happens before `next` */
				continue;
			}
		}
		uint64_t to = min64(T + LOOKAHEAD, cap);
		net_advance(m, T, to);
		collect_ready(e, to);
		run_ready(e, w, to);
		if (m->cfg.dist)          /* MPI: the other ranks replay what the cores did */
			m->cfg.dist->window_end(m, e->ready, e->nready, note_output_cb, e);
		if (settle_ready(e) || m->cfg.dist)
			drop_inactive(m);
		flush_output(e, to);
		T = to;
	}
	workers_free(w);
	e->T = T;
	/* Finished: tiles may have run ahead of the last window; the chip's time is the
	   latest any of them reached (not beyond --max-cycles). */
	if (e->done && m->cfg.dist)
		e->latest = m->cfg.dist->max_all(m->cfg.dist, e->latest);
	if (e->done && !m->max_reached && e->latest > T)
		T = e->latest;
	m->now = T;
	return e->done;
}

void engine_end(engine_t *e)
{
	if (!e)
		return;
	flush_output(e, UINT64_MAX);
	console_finish(e->m);
	free(e->heap);
	free(e->ready);
	free(e->pending);
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
