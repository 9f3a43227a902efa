/*
 * A small thread pool with a spinning start/finish handshake: windows are short
 * (LOOKAHEAD cycles), so waking threads through the kernel every window would cost
 * more than the work. Threads spin briefly, then yield.
 *
 * A round calls fn(ctx, k) for every part k, on thread k mod threads: the engine gives
 * each part its own share of the mesh, so a tile always runs on the same thread (its
 * registers and SRAM stay in that core's cache) and the parts need no locks. With more
 * parts than cores a thread runs its parts one after another (sim/workers.h).
 */
#include "workers.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

struct workers {
	int n;                            /* parts */
	int nthreads;                     /* threads, the caller's included */
	pthread_t *threads;
	atomic_uint_fast64_t generation;  /* bumped to start a round */
	atomic_uint busy;                 /* helper threads still in the round */
	atomic_bool quit;
	void (*fn)(void *, int);
	void *ctx;
};

typedef struct {
	workers *w;
	int self;
} worker_arg;

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
	workers *w = ((worker_arg *)arg)->w;
	int self = ((worker_arg *)arg)->self;
	free(arg);
	uint_fast64_t seen = 0;
	for (;;) {
		unsigned spins = 0;
		while (atomic_load_explicit(&w->generation, memory_order_acquire) == seen)
			spin_pause(&spins);
		seen++;
		if (atomic_load(&w->quit))
			return NULL;
		for (int k = self; k < w->n; k += w->nthreads)
			w->fn(w->ctx, k);
		atomic_fetch_sub_explicit(&w->busy, 1, memory_order_release);
	}
}

int workers_host_cores(void)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set);
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 4096 ? 4096 : (int)n;
}

/* Threads for n parts: one each while they fit the cores this process may run on,
   else one per core; TESSERA_WINDOW_ANY_CORES=1 always starts n. */
static int threads_for(int n)
{
	const char *any = getenv("TESSERA_WINDOW_ANY_CORES");
	int cores = workers_host_cores();
	if ((any && *any == '1') || n <= cores)
		return n;
	return cores;
}

workers *workers_new(int n)
{
	if (n <= 1)
		return NULL;
	workers *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->n = n;
	w->nthreads = threads_for(n);
	w->threads = calloc((size_t)w->nthreads, sizeof *w->threads);
	if (!w->threads) {
		free(w);
		return NULL;
	}
	for (int i = 0; i < w->nthreads - 1; i++) {
		worker_arg *a = malloc(sizeof *a);
		if (a)
			*a = (worker_arg){w, i + 1};
		if (!a || pthread_create(&w->threads[i], NULL, worker_main, a) != 0) {
			free(a);
			w->nthreads = i + 1;
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
	for (int i = 0; i < w->nthreads - 1; i++)
		pthread_join(w->threads[i], NULL);
	free(w->threads);
	free(w);
}

void workers_run(workers *w, void (*fn)(void *ctx, int k), void *ctx)
{
	w->fn = fn;
	w->ctx = ctx;
	atomic_store(&w->busy, (unsigned)(w->nthreads - 1));
	atomic_fetch_add_explicit(&w->generation, 1, memory_order_release);
	for (int k = 0; k < w->n; k += w->nthreads)
		fn(ctx, k);
	unsigned spins = 0;
	while (atomic_load_explicit(&w->busy, memory_order_acquire) != 0)
		spin_pause(&spins);
}

bool workers_thread_each(const workers *w)
{
	return w && w->nthreads == w->n;
}

void workers_await(const atomic_uint_fast64_t *count, uint64_t least)
{
	unsigned spins = 0;
	while (atomic_load_explicit(count, memory_order_acquire) < least)
		spin_pause(&spins);
}
