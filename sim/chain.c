/*
 * Window chains (sim/README.md, "Window chains"): while only tiles talk to each other
 * and two parts have work, each part's thread runs window after window on its own (its
 * routers, meeting its neighbours once a cycle; its core phase) and all the parts meet
 * once a window, where they decide together whether the chain goes on. The main
 * thread's step between windows comes once a chain instead of once a window.
 */
#include "engine_parts.h"

#include <stdlib.h>

#include "net.h"

/* Windows a chain runs at most before the main thread writes the output and looks at
   the chip again. */
#define CHAIN_MAX 256u

/* Whether part k has something to do in the window that begins at `to`. */
static bool part_has_work(engine_t *e, uint32_t k, uint64_t to)
{
	part_t *p = &e->parts[k];
	return engine_heap_next(e->m, p) < to + LOOKAHEAD || p->ndefer || e->m->woken[k].n ||
	       net_part_pending(e->m, k, to - 1);
}

/* After window i of the chain: part k says what it found, meets the others, and reads
   what they found; every part reads the same, so all stop after the same window. The
   votes alternate by window: a part writes those of parity i again only after every
   part has met it after window i + 1, having read them. */
static bool chain_goes_on(engine_t *e, uint32_t k, uint32_t i, uint64_t to)
{
	part_t *p = &e->parts[k];
	p->vote[i & 1] = (chain_vote){net_part_special(e->m, k) != p->special,
				      part_has_work(e, k, to)};
	workers_add(e->arrived);
	workers_await(e->arrived, e->arrived_base + (uint64_t)(i + 1) * e->nparts);
	bool stop = i + 1 >= e->chain_max;
	uint32_t work = 0;
	for (uint32_t j = 0; j < e->nparts; j++) {
		stop |= e->parts[j].vote[i & 1].stop;
		work += e->parts[j].vote[i & 1].work;
	}
	return !stop && work >= 2;
}

/*
 * Part k's thread in a chain: window after window, its routers (meeting its neighbours
 * once a cycle), then its core phase, then the meeting of all parts after the window
 * (chain_goes_on). A core phase that sends a message for a device, a control unit or
 * the control network ends the chain with its window: the message enters the network
 * LOOKAHEAD cycles later at the earliest, in the next window, which the main thread
 * runs.
 */
static void chain_part(void *ctx, int kk)
{
	engine_t *e = ctx;
	uint32_t k = (uint32_t)kk;
	part_t *p = &e->parts[k];
	p->special = net_part_special(e->m, k);
	for (uint32_t i = 0;; i++) {
		uint64_t from = e->chain_from + (uint64_t)i * LOOKAHEAD, to = from + LOOKAHEAD;
		bool busy = e->m->woken[k].n > 0;
		busy |= net_part_window(e->m, k, from, to, i == 0);
		p->to = to;
		p->phase = e->dphase + (e->defer ? i + 1 : 0);
		engine_take_woken_part(e, k);
		engine_run_part(e, kk);
		p->nready = 0;
		if (busy || p->real)
			p->real_end = to;
		p->real = false;
		if (!chain_goes_on(e, k, i, to)) {
			if (k == 0)
				e->chain_ran = i + 1;
			return;
		}
	}
}

/* Whether a chain may start at T, in a window net_begin put in window mode (a thread
   for each part, two parts with flits, nothing for a device or a control unit): room
   for two windows, and no event or waiting operation for the main thread later. */
bool chain_wanted(engine_t *e, uint64_t T, uint64_t cap)
{
	return e->chain_allowed && cap - T >= 2 * LOOKAHEAD && net_chain_ok(e->m);
}

/* A chain of windows from T (sim/README.md, "Window chains"); returns the end of its
   last window. Then, on the main thread, what follows every window: the network's
   staged flits and counts, halts, the final cycle's windows, boundaries, output. */
uint64_t chain_run(engine_t *e, workers *w, uint64_t T, uint64_t cap)
{
	mesh_t *m = e->m;
	uint64_t most = (cap - T) / LOOKAHEAD;
	if (e->bal.every)         /* the boundaries are looked at after a chain only */
		most = min64(most, e->bal.every - e->bal.rounds);
	if (e->defer_test)        /* test mode: short chains, ending at varied windows */
		most = min64(most, 1 + T / LOOKAHEAD % 7);
	e->chain_from = T;
	e->chain_max = (uint32_t)min64(most, CHAIN_MAX);
	e->timed = e->bal.every != 0;
	e->defer = e->defer_allowed && !m->control_in_use;
	net_chain_begin(m, T, T + (uint64_t)e->chain_max * LOOKAHEAD);
	workers_run(w, chain_part, e);
	uint64_t end = T + (uint64_t)e->chain_ran * LOOKAHEAD;
	e->arrived_base += (uint64_t)e->chain_ran * e->nparts;
	if (e->defer)
		e->dphase += e->chain_ran;
	net_chain_end(m, end);
	for (uint32_t k = 0; k < e->nparts; k++) {
		e->T_real = e->parts[k].real_end > e->T_real ? e->parts[k].real_end : e->T_real;
		e->parts[k].real_end = 0;
	}
	if (e->bal.every)
		e->bal.rounds += e->chain_ran - 1;   /* engine_phase_end counts the last */
	engine_phase_end(e);
	engine_flush_output(e, end);
	return end;
}

