/* Guest programs on the simulated chip: latency, examples, supervision, budgets. */
#include <stdlib.h>

#include "mt.h"
#include "noc.h"

/* One message from src to dst: the receiver measures the latency (lat.c). */
static uint32_t measure(uint32_t w, uint32_t h, uint32_t src, uint32_t dst, uint32_t len,
			bool cap)
{
	mt_chip c;
	mt_new(&c, w, h, 0);
	uint32_t ps[4] = {dst, len, cap, 1}, pr[4] = {0, 0, 0, 0};
	mt_load(&c, src, "lat", ps, 4);
	tile_t *r = mt_load(&c, dst, "lat", pr, 4);
	mt_run(&c);
	ck_assert_int_eq(r->state, TS_HALTED);
	ck_assert_int_eq(r->cause, CAUSE_EXIT);
	ck_assert_int_eq(r->halt_value, 0);
	ck_assert_int_eq(c.m->tiles[src]->halt_value, 0);
	uint32_t l = mt_word(&c, dst, "out", 0) - (mt_word(&c, src, "buf", 0) + 2);
	mt_free(&c);
	return l;
}

START_TEST(latency_formula)
{
	static const struct { uint32_t w, h, src, dst, hops; } paths[] = {
		{2, 1, 0, 1, 1}, {3, 3, 0, 8, 4}, {8, 8, 0, 63, 14}, {8, 8, 63, 0, 14},
		{8, 8, 7, 56, 14}, {4, 4, 5, 6, 1}, {5, 5, 24, 12, 4},
	};
	static const uint32_t lens[] = {0, 1, 4, 16};
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
		for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++)
			for (int cap = 0; cap < 2; cap++) {
				uint32_t got = measure(paths[i].w, paths[i].h, paths[i].src,
						       paths[i].dst, lens[k], cap);
				uint32_t want = mt_latency(paths[i].hops, lens[k], cap);
				ck_assert_msg(got == want, "%u hops, len %u, cap %d: latency %u, want %u",
					      paths[i].hops, lens[k], cap, got, want);
			}
}
END_TEST

Suite *suite_progs(void)
{
	Suite *s = suite_create("progs");
	TCase *tc = tcase_create("latency");
	tcase_add_test(tc, latency_formula);
	suite_add_tcase(s, tc);
	return s;
}
