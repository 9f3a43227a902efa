/*
 * The thread pool (sim/workers.c): a round calls every part once, on a thread per part
 * while the parts fit the host's cores and on one thread per core beyond that (a
 * thread then runs several parts); TESSERA_WINDOW_ANY_CORES=1 starts a thread per part
 * whatever the cores, and only such a pool may meet inside a round (workers_await).
 */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "ut.h"
#include "workers.h"

#define MAXPARTS 12

typedef struct {
	atomic_int calls[MAXPARTS];
	pthread_t who[MAXPARTS];
	atomic_int before, after_low;  /* meet: arrivals before, and seen after */
	atomic_uint_fast64_t at[MAXPARTS]; /* meet: each part's count, raised once a step */
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
	for (int n = 2; n <= MAXPARTS; n++) {
		workers *w = workers_new(n);
		ck_assert_ptr_nonnull(w);
		ck_assert(workers_thread_each(w) == (n <= cores()));
		ck_assert_int_eq(workers_host_cores(), cores());
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
	atomic_store(&l->at[k], 1);
	for (int j = 0; j < MAXPARTS; j++)
		workers_await(&l->at[j], 1);
	if (atomic_load(&l->before) < MAXPARTS)   /* someone passed the meeting early */
		atomic_fetch_add(&l->after_low, 1);
	if (k > 0)
		workers_await(&l->at[k - 1], 2);
	if (k > 0 && atomic_load(&l->at[k - 1]) < 2)
		atomic_fetch_add(&l->after_low, 1);
	atomic_store(&l->at[k], 2);
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
		ck_assert_int_eq(atomic_load(&l.at[k]), 2);
	workers_free(w);
	ck_assert_ptr_null(workers_new(1));
	ck_assert(!workers_thread_each(NULL));
}
END_TEST

Suite *suite_workers(void)
{
	Suite *s = suite_create("workers");
	TCase *tc = tcase_create("workers");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, every_part_once_per_round);
	tcase_add_test(tc, any_cores_meets_inside_a_round);
	suite_add_tcase(s, tc);
	return s;
}
