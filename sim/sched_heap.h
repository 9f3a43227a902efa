/*
 * The engine's schedule: a binary min-heap of tile events, ordered by cycle and then
 * by tile id (so the order never depends on the order of insertion). Each of the
 * engine's parts has one; an entry whose stamp no longer matches its tile's is stale
 * and dropped when it reaches the top (sim/engine.c).
 */
#ifndef TESS_SCHED_HEAP_H
#define TESS_SCHED_HEAP_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
	uint64_t time;
	uint32_t id, stamp;
} sched_entry;

typedef struct {
	sched_entry *v;
	uint32_t n, cap;
} sched_heap;

/* False when out of host memory (the heap is unchanged). */
bool sched_push(sched_heap *h, sched_entry x);
/* The earliest entry, removed; h->n must be > 0. */
sched_entry sched_pop(sched_heap *h);
/* Restores the heap order after h->v[0..n) was changed in place. */
void sched_heapify(sched_heap *h);
void sched_free(sched_heap *h);

#endif
