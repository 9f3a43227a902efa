/*
 * A small thread pool with a start/finish handshake that spins first: windows are short
 * (LOOKAHEAD cycles), so waking threads through the kernel every window would cost
 * more than the work. A waiter that has spun a while sleeps on a futex instead, and the
 * thread that raises the count it waits for wakes it (workers_count, sim/workers.h).
 *
 * A round calls fn(ctx, k) for every part k, on thread k mod threads: the engine gives
 * each part its own share of the mesh, so a tile always runs on the same thread (its
 * registers and SRAM stay in that core's cache) and the parts need no locks. With more
 * parts than cores a thread runs its parts one after another (sim/workers.h).
 */
#include "workers.h"

#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

struct workers {
	int n;                            /* parts */
	int nthreads;                     /* threads, the caller's included */
	pthread_t *threads;
	workers_count generation;         /* rounds started */
	workers_count done;               /* helper threads' rounds finished */
	uint64_t rounds;
	cpu_set_t allowed;                /* the caller's cores when the pool began */
	bool pinned;                      /* thread t keeps to the t-th of them */
	atomic_bool quit;
	void (*fn)(void *, int);
	void *ctx;
};

typedef struct {
	workers *w;
	int self;
} worker_arg;

/* Pause instructions a waiter spins before it sleeps: tens of microseconds on x86 (a
   pause takes from about 10 to 140 cycles by model), longer than the waits inside a
   round on idle cores. */
#define SPINS 2000u

static void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ volatile("yield");
#endif
}

/* Wake whoever sleeps on c (after its value changed). The seq_cst bump and load pair
   with the sleeper's (workers_await): either it sees the new value or this sees it. */
static void count_wake(workers_count *c)
{
	atomic_fetch_add(&c->seq, 1);
	if (atomic_load(&c->sleepers))
		syscall(SYS_futex, &c->seq, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
}

void workers_raise(workers_count *c, uint64_t v)
{
	atomic_store_explicit(&c->value, v, memory_order_release);
	count_wake(c);
}

void workers_add(workers_count *c)
{
	atomic_fetch_add_explicit(&c->value, 1, memory_order_release);
	count_wake(c);
}

void workers_await(workers_count *c, uint64_t least)
{
	for (unsigned spins = 0; spins < SPINS; spins++) {
		if (atomic_load_explicit(&c->value, memory_order_acquire) >= least)
			return;
		cpu_relax();
	}
	atomic_fetch_add(&c->sleepers, 1);
	for (;;) {
		unsigned seq = atomic_load(&c->seq);
		if (atomic_load_explicit(&c->value, memory_order_acquire) >= least)
			break;
		/* returns at once if a raise bumped seq since it was read */
		syscall(SYS_futex, &c->seq, FUTEX_WAIT_PRIVATE, seq, NULL, NULL, 0);
	}
	atomic_fetch_sub(&c->sleepers, 1);
}

/* Thread `self` of the pool keeps to the self-th of the cores the process may run on. */
static void pin_thread(const cpu_set_t *allowed, int self)
{
	cpu_set_t one;
	int seen = 0;
	for (int c = 0; c < CPU_SETSIZE; c++) {
		if (!CPU_ISSET(c, allowed) || seen++ != self)
			continue;
		CPU_ZERO(&one);
		CPU_SET(c, &one);
		pthread_setaffinity_np(pthread_self(), sizeof one, &one);
		return;
	}
}

static void *worker_main(void *arg)
{
	workers *w = ((worker_arg *)arg)->w;
	int self = ((worker_arg *)arg)->self;
	free(arg);
	if (w->pinned)
		pin_thread(&w->allowed, self);
	for (uint64_t round = 1;; round++) {
		workers_await(&w->generation, round);
		if (atomic_load(&w->quit))
			return NULL;
		for (int k = self; k < w->n; k += w->nthreads)
			w->fn(w->ctx, k);
		workers_add(&w->done);
	}
}

/* The cores in *set (the process's affinity, read into it); without one, those online
   (set then left empty). */
static int host_cores(cpu_set_t *set)
{
	if (sched_getaffinity(0, sizeof *set, set) == 0 && CPU_COUNT(set) > 0)
		return CPU_COUNT(set);
	CPU_ZERO(set);
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 4096 ? 4096 : (int)n;
}

int workers_host_cores(void)
{
	cpu_set_t set;
	return host_cores(&set);
}

/* Threads for n parts: one each while they fit the cores, else one per core;
   TESSERA_WINDOW_ANY_CORES=1 always starts n. */
static int threads_for(int n, int cores)
{
	const char *any = getenv("TESSERA_WINDOW_ANY_CORES");
	if ((any && *any == '1') || n <= cores)
		return n;
	return cores;
}

/* Pin the threads when they fill every core the process may run on: left to the
   kernel, two of them can share a core while another process runs alone on the other
   (seen with short-lived processes beside a 2-thread run on 2 cores), and every meeting
   then waits for a time slice. With cores to spare the kernel places them better than a
   fixed choice would (two runs would pin to the same cores). TESSERA_PIN=0: never. */
static bool pin_wanted(const workers *w)
{
	const char *env = getenv("TESSERA_PIN");
	return !(env && *env == '0') && w->nthreads == CPU_COUNT(&w->allowed);
}

workers *workers_new(int n)
{
	if (n <= 1)
		return NULL;
	workers *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->n = n;
	w->nthreads = threads_for(n, host_cores(&w->allowed));
	w->pinned = pin_wanted(w);
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
	if (w->pinned)
		pin_thread(&w->allowed, 0);
	return w;
}

void workers_free(workers *w)
{
	if (!w)
		return;
	atomic_store(&w->quit, true);
	workers_raise(&w->generation, ++w->rounds);
	for (int i = 0; i < w->nthreads - 1; i++)
		pthread_join(w->threads[i], NULL);
	if (w->pinned)
		pthread_setaffinity_np(pthread_self(), sizeof w->allowed, &w->allowed);
	free(w->threads);
	free(w);
}

void workers_run(workers *w, void (*fn)(void *ctx, int k), void *ctx)
{
	w->fn = fn;
	w->ctx = ctx;
	workers_raise(&w->generation, ++w->rounds);
	for (int k = 0; k < w->n; k += w->nthreads)
		fn(ctx, k);
	workers_await(&w->done, w->rounds * (uint64_t)(w->nthreads - 1));
}

bool workers_thread_each(const workers *w)
{
	return w && w->nthreads == w->n;
}
