/*
 * Running the chip between frames: engine_run_until in slices sized to take about
 * SLICE_S of host time, until the frame's budget is spent or the run mode's goal is
 * reached. The chip's cycle m->now is the frame's time.
 */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SLICE_S 0.002

double view_clock(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

void view_init(view *v, mesh_t *m, engine_t *e)
{
	memset(v, 0, sizeof *v);
	v->m = m;
	v->eng = e;
	v->step_n = 100;
	v->slice = 16;            /* grows to what takes SLICE_S */
	v->sel = -1;
	v->links = true;
	v->panel = true;
	v->fault_tile = UINT32_MAX;
	v->cps_t0 = view_clock();
	v->cps_c0 = m->now;
}

void view_free(view *v)
{
	if (v->lr) {
		for (uint32_t i = 0; i <= v->m->ntiles / LINK_CHUNK; i++)
			free(v->lr[i]);
		free(v->lr);
	}
	cv_free(&v->cv);
}

void view_run_to(view *v, run_mode mode, uint64_t target)
{
	v->mode = v->finished ? RUN_PAUSED : mode;
	v->target = target;
	v->fault_tile = UINT32_MAX;
	v->message[0] = 0;
}

/* A faulted tile among those that were active (ids), are active, or still have output
   to write; UINT32_MAX if none. */
static uint32_t find_fault(const mesh_t *m, const uint32_t *ids, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		const tile_t *t = m->tiles[ids[i]];
		if (t->state == TS_HALTED && t->cause != CAUSE_EXIT)
			return ids[i];
	}
	for (uint32_t i = 0; i < m->nactive; i++) {
		const tile_t *t = m->tiles[m->active[i]];
		if (t->state == TS_HALTED && t->cause != CAUSE_EXIT)
			return m->active[i];
	}
	/* Halted in the slice with output still to write: started and faulted within it. */
	for (uint32_t i = 0; i < m->ndraining; i++) {
		const tile_t *t = m->tiles[m->draining[i]];
		if (t->state == TS_HALTED && t->cause != CAUSE_EXIT)
			return m->draining[i];
	}
	return UINT32_MAX;
}

/*
 * One engine call of at most v->slice cycles. Until-a-fault remembers the active tiles
 * first: a tile that halts in the slice leaves the active list only at the next one.
 */
static void one_slice(view *v, uint64_t stop)
{
	mesh_t *m = v->m;
	uint32_t *ids = NULL, n = 0;
	if (v->mode == RUN_TO_FAULT && (ids = malloc((m->nactive + 1) * sizeof *ids))) {
		n = m->nactive;
		memcpy(ids, m->active, n * sizeof *ids);
	}
	v->finished = engine_run_until(v->eng, stop);
	if (v->mode == RUN_TO_FAULT) {
		uint32_t f = find_fault(m, ids, n);
		if (f != UINT32_MAX) {
			v->fault_tile = f;
			v->sel = f;
			v->mode = RUN_PAUSED;
			const tile_t *t = m->tiles[f];
			snprintf(v->message, sizeof v->message, "stopped: tile %u faulted (%s) at its "
				 "cycle %llu", f, isa_cause_name(t->cause),
				 (unsigned long long)(t->start_cycle + t->halt_cycles));
		}
	}
	free(ids);
}

void view_advance(view *v, double budget)
{
	double t0 = view_clock(), now = t0;
	while (v->mode != RUN_PAUSED && !v->finished && now - t0 < budget) {
		uint64_t stop = v->m->now + v->slice;
		if (v->mode == RUN_TO_CYCLE && stop > v->target)
			stop = v->target;
		double s0 = now;
		uint64_t c0 = v->m->now;
		one_slice(v, stop);
		now = view_clock();
		/* Size the next slice from this one's speed, so that it takes about SLICE_S
		   (the window stays responsive however large the chip). */
		uint64_t done = v->m->now - c0;
		if (done && now > s0) {
			double want = (double)done * SLICE_S / (now - s0);
			double most = 2.0 * (double)v->slice + 1;
			v->slice = want < 1 ? 1 : want > most ? (uint64_t)most : (uint64_t)want;
		}
		if (v->mode == RUN_TO_CYCLE && v->m->now >= v->target)
			v->mode = RUN_PAUSED;
	}
	if (v->finished) {
		v->mode = RUN_PAUSED;
		if (!v->message[0])
			strcpy(v->message, "the run has finished");
	}
	if (now - v->cps_t0 >= 0.5) {
		v->cps = (double)(v->m->now - v->cps_c0) / (now - v->cps_t0);
		v->cps_t0 = now;
		v->cps_c0 = v->m->now;
	}
}
