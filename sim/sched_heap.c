/* The engine's schedule heap (sim/sched_heap.h). */
#include "sched_heap.h"

#include <stdlib.h>

static bool before(const sched_entry *a, const sched_entry *b)
{
	return a->time != b->time ? a->time < b->time : a->id < b->id;
}

bool sched_push(sched_heap *h, sched_entry x)
{
	if (h->n == h->cap) {
		uint32_t cap = h->cap ? h->cap * 2 : 256;
		sched_entry *v = realloc(h->v, cap * sizeof *v);
		if (!v)
			return false;
		h->v = v;
		h->cap = cap;
	}
	uint32_t i = h->n++;
	while (i && before(&x, &h->v[(i - 1) / 2])) {
		h->v[i] = h->v[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h->v[i] = x;
	return true;
}

/* Put x at slot i or below, moving smaller children up. */
static void sift_down(sched_heap *h, uint32_t i, sched_entry x)
{
	for (;;) {
		uint32_t l = 2 * i + 1, r = l + 1, b = i;
		const sched_entry *best = &x;
		if (l < h->n && before(&h->v[l], best))
			b = l, best = &h->v[l];
		if (r < h->n && before(&h->v[r], best))
			b = r;
		if (b == i)
			break;
		h->v[i] = h->v[b];
		i = b;
	}
	h->v[i] = x;
}

sched_entry sched_pop(sched_heap *h)
{
	sched_entry top = h->v[0], x = h->v[--h->n];
	if (h->n)
		sift_down(h, 0, x);
	return top;
}

void sched_heapify(sched_heap *h)
{
	for (uint32_t i = h->n / 2; i-- > 0;)
		sift_down(h, i, h->v[i]);
}

void sched_free(sched_heap *h)
{
	free(h->v);
	h->v = NULL;
	h->n = h->cap = 0;
}
