/*
 * The threads' parts of the mesh (sim/balance.c): equal shares at the start, the same
 * as the network's (mesh_part); a boundary moves halfway to where the measured times
 * would be equal; parts within the tolerance stay; boundaries converge for cores of
 * unequal speed; sparse active lists; the random test mode keeps boundaries in order.
 */
#include <stdlib.h>

#include "balance.h"
#include "mesh.h"
#include "ut.h"

static void init(balance *b, uint32_t nparts, uint32_t ntiles, const char *test)
{
	unsetenv("TESSERA_BALANCE");
	if (test)
		setenv("TESSERA_BALANCE_TEST", test, 1);
	else
		unsetenv("TESSERA_BALANCE_TEST");
	ck_assert(balance_init(b, nparts, ntiles));
}

static uint32_t *ids(uint32_t n)
{
	uint32_t *v = malloc(n * sizeof *v);
	ck_assert_ptr_nonnull(v);
	for (uint32_t i = 0; i < n; i++)
		v[i] = i;
	return v;
}

START_TEST(equal_shares_as_mesh_part)
{
	static const uint32_t sizes[] = {1, 7, 64, 4096, 35};
	for (uint32_t np = 1; np <= 5; np++)
		for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
			uint32_t nt = sizes[s];
			if (np > nt)
				continue;
			balance b;
			init(&b, np, nt, NULL);
			mesh_t m = {.ntiles = nt, .nparts = np};
			for (uint32_t id = 0; id < nt; id++)
				ck_assert_uint_eq(balance_part(&b, id), mesh_part(&m, id));
			balance_free(&b);
		}
}
END_TEST

START_TEST(halfway_to_even)
{
	balance b;
	uint32_t *a = ids(100);
	init(&b, 2, 100, NULL);
	const double busy[2] = {2.0, 1.0};   /* part 0: 0.04 s a tile, part 1: 0.02 */
	ck_assert(balance_move(&b, busy, a, 100));
	/* even at tile 37 (1.5 s of 3), halfway from 50: 43 */
	ck_assert_uint_eq(b.first[1], 43);
	ck_assert_uint_eq(b.prev[1], 50);
	ck_assert_uint_eq(balance_part(&b, 42), 0);
	ck_assert_uint_eq(balance_part(&b, 43), 1);
	balance_free(&b);
	free(a);
}
END_TEST

START_TEST(within_tolerance_stays)
{
	balance b;
	uint32_t *a = ids(100);
	init(&b, 2, 100, NULL);
	const double busy[2] = {1.0, 1.04}, none[2] = {0, 0};
	ck_assert(!balance_move(&b, busy, a, 100));
	ck_assert(!balance_move(&b, none, a, 100));
	ck_assert_uint_eq(b.first[1], 50);
	balance_free(&b);
	free(a);
}
END_TEST

/* Part 1's core is half as fast: tiles cost 1 there, 0.5 on part 0's. The boundary
   settles near two thirds (even at 2,000), where the busier part is within the 5%
   tolerance of the mean. */
START_TEST(converges_for_unequal_cores)
{
	balance b;
	uint32_t *a = ids(3000);
	init(&b, 2, 3000, NULL);
	for (int round = 0; round < 30; round++) {
		double busy[2] = {0.5 * b.first[1], 1.0 * (3000 - b.first[1])};
		balance_move(&b, busy, a, 3000);
	}
	double t0 = 0.5 * b.first[1], t1 = 3000.0 - b.first[1], mean = (t0 + t1) / 2;
	ck_assert(t0 <= 1.05 * mean && t1 <= 1.05 * mean);
	ck_assert_uint_ge(b.first[1], 1900);
	ck_assert_uint_le(b.first[1], 2100);
	balance_free(&b);
	free(a);
}
END_TEST

START_TEST(sparse_active_tiles)
{
	balance b;
	const uint32_t active[4] = {5, 300, 301, 900};
	init(&b, 2, 1000, NULL);
	const double busy[2] = {3.0, 1.0};   /* one second a tile on both */
	ck_assert(balance_move(&b, busy, active, 4));
	ck_assert_uint_eq(b.first[1], 301);
	ck_assert_uint_eq(balance_part(&b, 300), 0);
	ck_assert_uint_eq(balance_part(&b, 301), 1);
	balance_free(&b);
}
END_TEST

START_TEST(random_mode_keeps_order)
{
	balance b;
	init(&b, 5, 64, "12345");
	ck_assert_uint_eq(b.every, 4);
	for (int i = 1; i <= 8; i++)
		ck_assert(balance_due(&b) == (i % 4 == 0));
	uint32_t empty = 0;
	for (int i = 0; i < 1000; i++) {
		balance_move(&b, NULL, NULL, 0);
		ck_assert_uint_eq(b.first[0], 0);
		ck_assert_uint_eq(b.first[5], 64);
		for (uint32_t k = 0; k < 5; k++) {
			ck_assert_uint_le(b.first[k], b.first[k + 1]);
			empty += b.first[k] == b.first[k + 1];
		}
		for (uint32_t id = 0; id < 64; id++) {
			uint32_t k = balance_part(&b, id);
			ck_assert(b.first[k] <= id && id < b.first[k + 1]);
		}
	}
	ck_assert_uint_gt(empty, 0);     /* empty parts are tried too */
	unsetenv("TESSERA_BALANCE_TEST");
	balance_free(&b);
}
END_TEST

START_TEST(off_by_environment)
{
	balance b;
	setenv("TESSERA_BALANCE", "0", 1);
	unsetenv("TESSERA_BALANCE_TEST");
	ck_assert(balance_init(&b, 2, 64));
	unsetenv("TESSERA_BALANCE");
	ck_assert_uint_eq(b.every, 0);
	for (int i = 0; i < 5000; i++)
		ck_assert(!balance_due(&b));
	balance_free(&b);
}
END_TEST

Suite *suite_balance(void)
{
	Suite *s = suite_create("balance");
	TCase *tc = tcase_create("balance");
	tcase_add_test(tc, equal_shares_as_mesh_part);
	tcase_add_test(tc, halfway_to_even);
	tcase_add_test(tc, within_tolerance_stays);
	tcase_add_test(tc, converges_for_unequal_cores);
	tcase_add_test(tc, sparse_active_tiles);
	tcase_add_test(tc, random_mode_keeps_order);
	tcase_add_test(tc, off_by_environment);
	suite_add_tcase(s, tc);
	return s;
}
