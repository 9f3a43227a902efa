/*
 * The thread pool (sim/workers.c): a round calls every part once, on a thread per part
 * while the parts fit the host's cores and on one thread per core beyond that (a
 * thread then runs several parts); TESSERA_WINDOW_ANY_CORES=1 starts a thread per part
 * whatever the cores, and only such a pool may meet inside a round (workers_await).
 * A waiter that has spun long enough sleeps until the count is raised; threads that
 * fill every core keep to one core each.
 */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "ut.h"
#include "workers.h"

#define MAXPARTS 12

typedef struct {
	atomic_int calls[MAXPARTS];
	pthread_t who[MAXPARTS];
	atomic_int before, after_low;  /* meet: arrivals before, and seen after */
	workers_count at[MAXPARTS];    /* meet: each part's count, raised once a step */
} round_log;

static void note(void *ctx, int k)
{
	round_log *l = ctx;
	atomic_fetch_add(&l->calls[k], 1);
	l->who[k] = pthread_self();
}

/* The cores of this process's affinity, counted here independently of the pool. */
static int cores(void)
{
	cpu_set_t set;
	ck_assert_int_eq(sched_getaffinity(0, sizeof set, &set), 0);
	return CPU_COUNT(&set);
}

START_TEST(every_part_once_per_round)
{
	unsetenv("TESSERA_WINDOW_ANY_CORES");
	int c = cores();          /* (a pinned pool's caller keeps to one core meanwhile) */
	ck_assert_int_eq(workers_host_cores(), c);
	for (int n = 2; n <= MAXPARTS; n++) {
		workers *w = workers_new(n);
		ck_assert_ptr_nonnull(w);
		ck_assert(workers_thread_each(w) == (n <= c));
		round_log l = {0};
		for (int r = 0; r < 3; r++)
			workers_run(w, note, &l);
		for (int k = 0; k < n; k++)
			ck_assert_int_eq(atomic_load(&l.calls[k]), 3);
		/* part k runs on thread k mod threads: part 0's thread is the caller's */
		ck_assert(pthread_equal(l.who[0], pthread_self()));
		workers_free(w);
	}
}
END_TEST

/* Each part arrives, raises its count and waits for every other part's: no part may
   pass before all arrived. Then a second step where each waits only for part k - 1,
   which must have raised its count to 2 first. */
static void meet(void *ctx, int k)
{
	round_log *l = ctx;
	atomic_fetch_add(&l->before, 1);
	workers_raise(&l->at[k], 1);
	for (int j = 0; j < MAXPARTS; j++)
		workers_await(&l->at[j], 1);
	if (atomic_load(&l->before) < MAXPARTS)   /* someone passed the meeting early */
		atomic_fetch_add(&l->after_low, 1);
	if (k > 0)
		workers_await(&l->at[k - 1], 2);
	if (k > 0 && atomic_load(&l->at[k - 1].value) < 2)
		atomic_fetch_add(&l->after_low, 1);
	workers_raise(&l->at[k], 2);
}

START_TEST(any_cores_meets_inside_a_round)
{
	setenv("TESSERA_WINDOW_ANY_CORES", "1", 1);
	workers *w = workers_new(MAXPARTS);
	unsetenv("TESSERA_WINDOW_ANY_CORES");
	ck_assert_ptr_nonnull(w);
	ck_assert(workers_thread_each(w));
	round_log l = {0};
	workers_run(w, meet, &l);
	ck_assert_int_eq(atomic_load(&l.before), MAXPARTS);
	ck_assert_int_eq(atomic_load(&l.after_low), 0);
	for (int k = 0; k < MAXPARTS; k++)
		ck_assert_int_eq(atomic_load(&l.at[k].value), 2);
	workers_free(w);
	ck_assert_ptr_null(workers_new(1));
	ck_assert(!workers_thread_each(NULL));
}
END_TEST

static void nap(long ms)
{
	struct timespec ts = {ms / 1000, ms % 1000 * 1000000};
	nanosleep(&ts, NULL);
}

/* Part k raises its count 20 times, each after a nap of a few ms (far longer than a
   waiter spins), and checks part k - 1 got there first: the waiters sleep and must be
   woken by every raise, never miss one, never pass early. */
static void slow_chain(void *ctx, int k)
{
	round_log *l = ctx;
	for (uint64_t step = 1; step <= 20; step++) {
		if (k > 0)
			workers_await(&l->at[k - 1], step);
		if (k > 0 && atomic_load(&l->at[k - 1].value) < step)
			atomic_fetch_add(&l->after_low, 1);
		if (k == 0)
			nap(2);
		workers_raise(&l->at[k], step);
	}
}

START_TEST(sleeping_waiters_are_woken)
{
	setenv("TESSERA_WINDOW_ANY_CORES", "1", 1);
	workers *w = workers_new(4);
	unsetenv("TESSERA_WINDOW_ANY_CORES");
	ck_assert_ptr_nonnull(w);
	round_log l = {0};
	workers_run(w, slow_chain, &l);
	ck_assert_int_eq(atomic_load(&l.after_low), 0);
	for (int k = 0; k < 4; k++)
		ck_assert_int_eq(atomic_load(&l.at[k].value), 20);
	/* rounds apart by naps: the helpers sleep between rounds and wake for each */
	for (int r = 0; r < 5; r++) {
		nap(3);
		workers_run(w, note, &l);
	}
	for (int k = 0; k < 4; k++)
		ck_assert_int_eq(atomic_load(&l.calls[k]), 5);
	workers_free(w);
}
END_TEST

static void where(void *ctx, int k)
{
	cpu_set_t *cpus = ctx;
	ck_assert_int_eq(pthread_getaffinity_np(pthread_self(), sizeof cpus[k], &cpus[k]), 0);
}

/* A pool whose threads fill the process's cores: each thread on a core of its own among
   them, the caller's affinity given back at the end; TESSERA_PIN=0: all left alone. */
START_TEST(threads_that_fill_the_cores_are_pinned)
{
	cpu_set_t all, now;
	ck_assert_int_eq(sched_getaffinity(0, sizeof all, &all), 0);
	int n = CPU_COUNT(&all);
	if (n < 2)
		return;               /* one core: no pool */
	cpu_set_t *cpus = calloc((size_t)n, sizeof *cpus);
	ck_assert_ptr_nonnull(cpus);
	for (int pin = 1; pin >= 0; pin--) {
		if (!pin)
			setenv("TESSERA_PIN", "0", 1);
		workers *w = workers_new(n);
		ck_assert_ptr_nonnull(w);
		workers_run(w, where, cpus);
		cpu_set_t seen;
		CPU_ZERO(&seen);
		for (int k = 0; k < n; k++) {
			int want = pin ? 1 : n;
			ck_assert_int_eq(CPU_COUNT(&cpus[k]), want);
			cpu_set_t in;
			CPU_AND(&in, &cpus[k], &all);
			ck_assert(CPU_EQUAL(&in, &cpus[k]));
			CPU_OR(&seen, &seen, &cpus[k]);
		}
		ck_assert(CPU_EQUAL(&seen, &all));    /* pinned: n distinct cores */
		workers_free(w);
		ck_assert_int_eq(sched_getaffinity(0, sizeof now, &now), 0);
		ck_assert(CPU_EQUAL(&now, &all));
	}
	unsetenv("TESSERA_PIN");
	free(cpus);
}
END_TEST

Suite *suite_workers(void)
{
	Suite *s = suite_create("workers");
	TCase *tc = tcase_create("workers");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, every_part_once_per_round);
	tcase_add_test(tc, any_cores_meets_inside_a_round);
	tcase_add_test(tc, sleeping_waiters_are_woken);
	tcase_add_test(tc, threads_that_fill_the_cores_are_pinned);
	suite_add_tcase(s, tc);
	return s;
}
