/*
 * The engine's schedule heap (sim/sched_heap.c): entries come out by cycle, then tile id,
 * whatever the order they went in; popping and pushing interleaved; heapify after the
 * entries were filtered in place (as the engine does when the parts' boundaries move).
 */
#include <stdlib.h>

#include "sched_heap.h"
#include "ut.h"

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static bool in_order(sched_entry a, sched_entry b)
{
	return a.time != b.time ? a.time < b.time : a.id <= b.id;
}

/* Pops everything, checking the order; returns how many came out. */
static uint32_t drain(sched_heap *h)
{
	uint32_t n = 0;
	sched_entry prev = {0, 0, 0};
	while (h->n) {
		sched_entry x = sched_pop(h);
		if (n)
			ck_assert(in_order(prev, x));
		prev = x;
		n++;
	}
	return n;
}

START_TEST(pops_by_time_then_id)
{
	sched_heap h = {0};
	uint64_t s = 0x1234567;
	for (uint32_t i = 0; i < 5000; i++)   /* few distinct times: ties broken by id */
		ck_assert(sched_push(&h, (sched_entry){rnd(&s) % 50, (uint32_t)(rnd(&s) % 4096), i}));
	ck_assert_uint_eq(drain(&h), 5000);
	sched_free(&h);
}
END_TEST

START_TEST(interleaved_push_pop)
{
	sched_heap h = {0};
	uint64_t s = 99, now = 0;
	for (uint32_t i = 0; i < 20000; i++) {
		if (h.n && rnd(&s) % 3 == 0) {
			sched_entry x = sched_pop(&h);
			ck_assert_uint_ge(x.time, now);   /* nothing earlier was pushed later */
			now = x.time;
		} else {
			ck_assert(sched_push(&h, (sched_entry){now + rnd(&s) % 100, i % 777, i}));
		}
	}
	drain(&h);
	sched_free(&h);
	ck_assert_uint_eq(h.n, 0);
}
END_TEST

START_TEST(heapify_after_filter)
{
	sched_heap h = {0};
	uint64_t s = 7;
	for (uint32_t i = 0; i < 3000; i++)
		ck_assert(sched_push(&h, (sched_entry){rnd(&s) % 1000, i, 0}));
	uint32_t n = 0;
	for (uint32_t i = 0; i < h.n; i++)   /* keep the odd ids, in place */
		if (h.v[i].id & 1)
			h.v[n++] = h.v[i];
	h.n = n;
	sched_heapify(&h);
	for (uint32_t i = 0; i < h.n; i++)
		ck_assert(h.v[i].id & 1);
	ck_assert_uint_eq(drain(&h), 1500);
	sched_free(&h);
}
END_TEST

Suite *suite_sched(void)
{
	Suite *s = suite_create("sched");
	TCase *tc = tcase_create("sched");
	tcase_add_test(tc, pops_by_time_then_id);
	tcase_add_test(tc, interleaved_push_pop);
	tcase_add_test(tc, heapify_after_filter);
	suite_add_tcase(s, tc);
	return s;
}
