/*
 * The part model's bounds (sim/part_model.c) on windows whose times are made up: the
 * barrier after each window, a part waiting only for the parts within reach (two rows
 * of the mesh: LOOKAHEAD / HOP_LATENCY hops), and slack of one or two windows.
 */
#include "part_model.h"
#include "ut.h"

#define EPS 1e-9

/* Feeds the windows t[w][k] of nparts parts. */
static part_model *model(uint32_t nparts, const uint32_t *first, uint32_t width,
			 const double *t, uint32_t nwindows)
{
	part_model *pm = part_model_new(nparts, first, width);
	ck_assert_ptr_nonnull(pm);
	for (uint32_t w = 0; w < nwindows; w++)
		part_model_window(pm, t + (size_t)w * nparts);
	return pm;
}

START_TEST(alternating_parts_need_slack)
{
	/* 2 parts, the work in part 0, then part 1, then 0...: a barrier and waiting for
	   the neighbour both serialise it; one window of slack lets them overlap. */
	const uint32_t first[] = {0, 32, 64};
	const double t[] = {1, 0, 0, 1, 1, 0, 0, 1};
	part_model *pm = model(2, first, 8, t, 4);
	ck_assert_double_eq_tol(part_model_gain(pm, -1), 1.0, EPS);
	ck_assert_double_eq_tol(part_model_gain(pm, 0), 1.0, EPS);
	ck_assert_double_eq_tol(part_model_gain(pm, 1), 2.0, EPS);
	ck_assert_double_eq_tol(part_model_gain(pm, 2), 2.0, EPS);
	part_model_free(pm);
}
END_TEST

START_TEST(far_parts_do_not_wait)
{
	/* 4 parts of 4 rows on 16x16: part 3's work after part 0's needs no barrier */
	const uint32_t first[] = {0, 64, 128, 192, 256};
	const double t[] = {1, 0, 0, 0,
			    0, 0, 0, 1};
	part_model *pm = model(4, first, 16, t, 2);
	ck_assert_double_eq_tol(part_model_gain(pm, -1), 1.0, EPS);
	ck_assert_double_eq_tol(part_model_gain(pm, 0), 2.0, EPS);
	part_model_free(pm);
}
END_TEST

START_TEST(reach_is_two_rows)
{
	/* 4 parts of one row each, 16 wide: part 0 waits for parts 1 and 2, not 3 */
	const uint32_t first[] = {0, 16, 32, 48, 64};
	const double near[] = {0, 0, 1, 0,
			       1, 0, 0, 0};
	part_model *pm = model(4, first, 16, near, 2);
	ck_assert_double_eq_tol(part_model_gain(pm, 0), 1.0, EPS);
	part_model_free(pm);
	const double far[] = {0, 0, 0, 1,
			      1, 0, 0, 0};
	pm = model(4, first, 16, far, 2);
	ck_assert_double_eq_tol(part_model_gain(pm, 0), 2.0, EPS);
	part_model_free(pm);
}
END_TEST

START_TEST(slack_bounded_by_the_chain)
{
	/* 2 parts; part 0 works in windows 0-2, part 1 in 3-5: with slack s part 1's
	   window 3 waits for part 0's window 2 - s */
	const uint32_t first[] = {0, 8, 16};
	const double t[] = {1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1};
	part_model *pm = model(2, first, 4, t, 6);
	ck_assert_double_eq_tol(part_model_gain(pm, 0), 1.0, EPS);   /* 6 s */
	ck_assert_double_eq_tol(part_model_gain(pm, 1), 6.0 / 5, EPS);
	ck_assert_double_eq_tol(part_model_gain(pm, 2), 6.0 / 4, EPS);
	part_model_free(pm);
}
END_TEST

START_TEST(empty_and_degenerate)
{
	/* an empty part waits for nobody; no windows, or a slack not modelled, give 1 */
	const uint32_t first[] = {0, 4, 4, 8};
	part_model *pm = part_model_new(3, first, 4);
	ck_assert_ptr_nonnull(pm);
	ck_assert_double_eq_tol(part_model_gain(pm, -1), 1.0, EPS);
	ck_assert_double_eq_tol(part_model_gain(pm, 0), 1.0, EPS);
	const double t[] = {1, 0, 1};
	part_model_window(pm, t);
	ck_assert_double_eq_tol(part_model_gain(pm, -1), 2.0, EPS);
	ck_assert_double_eq_tol(part_model_gain(pm, 0), 2.0, EPS);
	ck_assert_double_eq_tol(part_model_gain(pm, 3), 1.0, EPS);
	part_model_free(pm);
	part_model_free(NULL);
}
END_TEST

Suite *suite_part_model(void)
{
	Suite *s = suite_create("part_model");
	TCase *tc = tcase_create("part_model");
	tcase_add_test(tc, alternating_parts_need_slack);
	tcase_add_test(tc, far_parts_do_not_wait);
	tcase_add_test(tc, reach_is_two_rows);
	tcase_add_test(tc, slack_bounded_by_the_chain);
	tcase_add_test(tc, empty_and_degenerate);
	suite_add_tcase(s, tc);
	return s;
}
