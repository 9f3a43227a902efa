/* The engine: network phase, then every active tile, window after window. */
#include "engine.h"

#include <stdlib.h>

#include "console.h"
#include "core.h"
#include "net.h"
#include "workers.h"

/* Cycles tiles run ahead at most between checks when nothing can affect them. */
#define FREE_RUN_CHUNK (1u << 20)

static uint64_t min64(uint64_t a, uint64_t b) { return a < b ? a : b; }

static uint64_t budget_end(const tile_t *t)
{
	return t->budget_cycles ? t->start_cycle + t->budget_cycles : UINT64_MAX;
}

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

static void run_tile(tile_t *t, uint64_t to)
{
	for (;;) {
		if (t->state == TS_RUNNING) {
			uint64_t lim = net_tile_limit(t);
			core_run(t, min64(to, lim));
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

static void run_tile_id(mesh_t *m, uint32_t id, uint64_t to)
{
	run_tile(m->tiles[id], to);
}

/* Fewer active tiles than this per thread are not worth waking the threads for. */
#define TILES_PER_THREAD_MIN 128

static void run_window_tiles(mesh_t *m, workers *w, uint64_t to)
{
	if (w && m->nactive >= TILES_PER_THREAD_MIN * (uint32_t)m->cfg.threads) {
		workers_run(w, m, m->active, m->nactive, to, run_tile_id);
		return;
	}
	for (uint32_t i = 0; i < m->nactive; i++)
		run_tile(m->tiles[m->active[i]], to);
}

/* Earliest cycle at which any active tile can do something; UINT64_MAX if none can. */
static uint64_t next_activity(const mesh_t *m)
{
	uint64_t best = UINT64_MAX;
	for (uint32_t i = 0; i < m->nactive; i++) {
		const tile_t *t = m->tiles[m->active[i]];
		uint64_t ev = t->state == TS_RUNNING ? t->now :
			min64(net_tile_wake(t), min64(net_tile_limit(t), budget_end(t)));
		best = min64(best, ev);
	}
	return best;
}

/* Write the output recorded before cycle `cutoff` (everything, at the end). */
static void flush_output(mesh_t *m, uint64_t cutoff)
{
	out_buf *stack[64];
	size_t most = (size_t)m->nactive + m->ndraining + 1;
	out_buf **bufs = most <= 64 ? stack : malloc(most * sizeof *bufs);
	if (!bufs)
		abort();
	size_t n = 0;
	if (m->net_out.n)
		bufs[n++] = &m->net_out;
	for (uint32_t i = 0; i < m->nactive; i++) {
		tile_t *t = m->tiles[m->active[i]];
		if (t->out.n)
			bufs[n++] = &t->out;
	}
	for (uint32_t i = 0; i < m->ndraining; i++)
		if (!tile_active(m->tiles[m->draining[i]]))   /* restarted: already counted */
			bufs[n++] = &m->tiles[m->draining[i]]->out;
	out_flush(m, bufs, n, cutoff);
	if (bufs != stack)
		free(bufs);
	uint32_t k = 0;
	for (uint32_t i = 0; i < m->ndraining; i++)
		if (m->tiles[m->draining[i]]->out.n)
			m->draining[k++] = m->draining[i];
	m->ndraining = k;
}

static void drop_inactive(mesh_t *m)
{
	uint32_t k = 0;
	for (uint32_t i = 0; i < m->nactive; i++) {
		tile_t *t = m->tiles[m->active[i]];
		if (tile_active(t))
			m->active[k++] = m->active[i];
		else if (t->out.n && !mesh_list_push(&m->draining, &m->ndraining,
						      &m->draining_cap, t->id))
			abort();
	}
	m->nactive = k;
}

static uint32_t count_running(const mesh_t *m)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < m->nactive; i++)
		n += m->tiles[m->active[i]]->state == TS_RUNNING;
	return n;
}

/*
 * Free run: with the network idle, nothing reaches a running tile until some tile
 * sends, so every running tile may run on its own until it is about to use the
 * network (it stops before msg.send/recv/poll/wait), halts, or a sleeping tile's
 * wake-up comes. A kill could break this (it arrives without the target asking), so
 * it is allowed only while no tile holds a CONTROL capability, or when a single tile
 * runs. `cap` bounds it (max_cycles, the end of a slice). Returns the cycle up to which
 * the whole chip is then simulated.
 */
static uint64_t free_run(mesh_t *m, workers *w, uint64_t T, uint64_t cap)
{
	uint64_t to = min64(T + FREE_RUN_CHUNK, cap);
	for (uint32_t i = 0; i < m->nactive; i++) {
		const tile_t *t = m->tiles[m->active[i]];
		if (t->state != TS_RUNNING)
			to = min64(to, min64(net_tile_wake(t), min64(net_tile_limit(t), budget_end(t))));
	}
	if (to <= T)
		return T;
	for (uint32_t i = 0; i < m->nactive; i++)
		m->tiles[m->active[i]]->runahead = true;
	run_window_tiles(m, w, to);
	uint64_t reached = to;
	for (uint32_t i = 0; i < m->nactive; i++) {
		tile_t *t = m->tiles[m->active[i]];
		t->runahead = false;
		if (t->state == TS_RUNNING)
			reached = min64(reached, t->now);
		else if (t->state == TS_HALTED)
			reached = min64(reached, t->start_cycle + t->halt_cycles);
	}
	return reached > T ? reached : T;
}

/* A run in slices (engine.h): the loop's cycle between calls. */
struct engine {
	mesh_t *m;
	uint64_t T;
	bool done;
};

engine_t *engine_new(mesh_t *m)
{
	engine_t *e = calloc(1, sizeof *e);
	if (!e)
		return NULL;
	e->m = m;
	e->T = m->now;
	return e;
}

/*
 * The window loop. `stop` caps windows, free runs and time skips as max_cycles does
 * (a window may end at any cycle: the results do not depend on where windows end).
 */
bool engine_run_until(engine_t *e, uint64_t stop)
{
	mesh_t *m = e->m;
	uint64_t T = e->T;
	/* The pool lives for one call: its threads spin while they wait, which must not
	   go on while a viewer is paused between calls. */
	workers *w = e->done || T >= stop ? NULL : workers_new(m->cfg.threads);
	while (!e->done && T < stop) {
		drop_inactive(m);
		if (m->nactive == 0 && net_idle(m)) {
			e->done = true;
			break;
		}
		if (m->cfg.max_cycles && T >= m->cfg.max_cycles) {
			m->max_reached = true;
			e->done = true;
			break;
		}
		uint64_t cap = m->cfg.max_cycles ? min64(stop, m->cfg.max_cycles) : stop;
		if (net_idle(m)) {
			uint64_t next = next_activity(m);
			if (next == UINT64_MAX) {
				e->done = true;         /* nothing can ever happen again */
				break;
			}
			if (next > T) {
				T = min64(next, cap);
				continue;               /* skip time when all sleep */
			}
			if (!m->control_in_use || count_running(m) == 1) {
				uint64_t reached = free_run(m, w, T, cap);
				flush_output(m, reached);
				if (reached > T) {
					T = reached;
					continue;
				}
			}
		}
		uint64_t to = min64(T + LOOKAHEAD, cap);
		net_advance(m, T, to);
		run_window_tiles(m, w, to);
		flush_output(m, to);
		T = to;
	}
	workers_free(w);
	e->T = T;
	m->now = T;
	return e->done;
}

void engine_end(engine_t *e)
{
	if (!e)
		return;
	flush_output(e->m, UINT64_MAX);
	console_finish(e->m);
	free(e);
}

void engine_run(mesh_t *m)
{
	engine_t *e = engine_new(m);
	if (!e)
		abort();
	engine_run_until(e, UINT64_MAX);
	engine_end(e);
}
