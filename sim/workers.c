/*
 * A small thread pool with a spinning start/finish handshake: windows are short
 * (LOOKAHEAD cycles), so waking threads through the kernel every window would cost
 * more than the work. Threads spin briefly, then yield.
 */
#include "workers.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

#define CHUNK 4   /* tiles taken at a time from the shared index */

struct workers {
	int n;
	pthread_t *threads;
	atomic_uint_fast64_t generation;  /* bumped to start a round */
	atomic_uint busy;                 /* helper threads still in the round */
	atomic_uint next;                 /* next index of ids to take */
	atomic_bool quit;
	struct mesh *m;
	const uint32_t *ids;
	uint32_t count;
	uint64_t to;
	void (*fn)(struct mesh *, uint32_t, uint64_t);
};

static void take_work(workers *w)
{
	for (;;) {
		uint32_t i = atomic_fetch_add(&w->next, CHUNK);
		if (i >= w->count)
			return;
		uint32_t end = i + CHUNK < w->count ? i + CHUNK : w->count;
		for (; i < end; i++)
			w->fn(w->m, w->ids[i], w->to);
	}
}

static void spin_pause(unsigned *spins)
{
	if (++*spins > 2000)
		sched_yield();
#if defined(__x86_64__) || defined(__i386__)
	else
		__builtin_ia32_pause();
#endif
}

static void *worker_main(void *arg)
{
	workers *w = arg;
	uint_fast64_t seen = 0;
	for (;;) {
		unsigned spins = 0;
		while (atomic_load_explicit(&w->generation, memory_order_acquire) == seen)
			spin_pause(&spins);
		seen++;
		if (atomic_load(&w->quit))
			return NULL;
		take_work(w);
		atomic_fetch_sub_explicit(&w->busy, 1, memory_order_release);
	}
}

workers *workers_new(int n)
{
	if (n <= 1)
		return NULL;
	workers *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->n = n;
	w->threads = calloc((size_t)n - 1, sizeof *w->threads);
	if (!w->threads) {
		free(w);
		return NULL;
	}
	for (int i = 0; i < n - 1; i++) {
		if (pthread_create(&w->threads[i], NULL, worker_main, w) != 0) {
			w->n = i + 1;
			workers_free(w);
			return NULL;
		}
	}
	return w;
}

void workers_free(workers *w)
{
	if (!w)
		return;
	atomic_store(&w->quit, true);
	atomic_fetch_add_explicit(&w->generation, 1, memory_order_release);
	for (int i = 0; i < w->n - 1; i++)
		pthread_join(w->threads[i], NULL);
	free(w->threads);
	free(w);
}

void workers_run(workers *w, struct mesh *m, const uint32_t *ids, uint32_t n, uint64_t to,
		 void (*fn)(struct mesh *, uint32_t, uint64_t))
{
	w->m = m;
	w->ids = ids;
	w->count = n;
	w->to = to;
	w->fn = fn;
	atomic_store(&w->next, 0);
	atomic_store(&w->busy, (unsigned)(w->n - 1));
	atomic_fetch_add_explicit(&w->generation, 1, memory_order_release);
	take_work(w);
	unsigned spins = 0;
	while (atomic_load_explicit(&w->busy, memory_order_acquire) != 0)
		spin_pause(&spins);
}
