/* The engine: network phase, then every active tile, window after window. */
#include "engine.h"

#include <stdlib.h>

#include "console.h"
#include "core.h"
#include "net.h"

/* Cycles a lone tile runs between checks when nothing else can affect it. */
#define SOLO_CHUNK (1u << 20)

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

static void flush_output(mesh_t *m)
{
	out_buf *stack[64];
	out_buf **bufs = m->nactive + 1 <= 64 ? stack : malloc((m->nactive + 1) * sizeof *bufs);
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
	out_flush(m, bufs, n);
	if (bufs != stack)
		free(bufs);
}

static void drop_inactive(mesh_t *m)
{
	uint32_t k = 0;
	for (uint32_t i = 0; i < m->nactive; i++)
		if (tile_active(m->tiles[m->active[i]]))
			m->active[k++] = m->active[i];
	m->nactive = k;
}

/* The one RUNNING tile when every other active tile is blocked or asleep; else NULL. */
static tile_t *lone_runner(const mesh_t *m)
{
	tile_t *solo = NULL;
	for (uint32_t i = 0; i < m->nactive; i++) {
		tile_t *t = m->tiles[m->active[i]];
		if (t->state != TS_RUNNING)
			continue;
		if (solo)
			return NULL;
		solo = t;
	}
	return solo;
}

/*
 * With the network idle and one tile running, nothing can affect that tile until it
 * sends (it stops before a msg.send), halts, blocks, or another tile's wake-up time
 * comes: it runs in long chunks. Returns the cycle up to which the chip is simulated.
 */
static uint64_t run_solo(mesh_t *m, tile_t *solo, uint64_t T)
{
	uint64_t to = T + SOLO_CHUNK;
	for (uint32_t i = 0; i < m->nactive; i++) {
		const tile_t *t = m->tiles[m->active[i]];
		if (t != solo)
			to = min64(to, min64(net_tile_wake(t), min64(net_tile_limit(t), budget_end(t))));
	}
	if (m->cfg.max_cycles)
		to = min64(to, m->cfg.max_cycles);
	if (to <= T)
		return T;
	solo->solo = true;
	run_tile(solo, to);
	solo->solo = false;
	flush_output(m);
	if (solo->now < to)
		to = solo->now > T ? solo->now : T;
	return to;
}

void engine_run(mesh_t *m)
{
	uint64_t T = m->now;
	for (;;) {
		drop_inactive(m);
		if (m->nactive == 0 && net_idle(m))
			break;
		if (m->cfg.max_cycles && T >= m->cfg.max_cycles) {
			m->max_reached = true;
			break;
		}
		if (net_idle(m)) {
			uint64_t next = next_activity(m);
			if (next == UINT64_MAX)
				break;                  /* nothing can ever happen again */
			if (next > T)
				T = next;               /* skip time when all sleep */
			tile_t *solo = lone_runner(m);
			if (solo) {
				uint64_t reached = run_solo(m, solo, T);
				if (reached > T) {
					T = reached;
					continue;
				}
			}
		}
		uint64_t to = T + LOOKAHEAD;
		if (m->cfg.max_cycles && to > m->cfg.max_cycles)
			to = m->cfg.max_cycles;
		net_advance(m, T, to);
		for (uint32_t i = 0; i < m->nactive; i++)
			run_tile(m->tiles[m->active[i]], to);
		flush_output(m);
		T = to;
	}
	m->now = T;
	flush_output(m);
	console_finish(m);
}
