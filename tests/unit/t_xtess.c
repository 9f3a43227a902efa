/*
 * Xtess instructions that need no network (SPEC §4.1): tile information, the cycle
 * and instret counters (tess.cycle returns its own issue cycle), the memory bound,
 * tess.exit; plus fence/fence.i and the initial register state (§2.2).
 */
#include "ut.h"

typedef struct { uint32_t w, h, tile; } tile_row;

static const tile_row tile_rows[] = {
	{1, 1, 0}, {3, 2, 4}, {4, 4, 15}, {2, 3, 5}, {1024, 1, 1000}, {1, 1024, 1023}, {7, 5, 34},
};

/* tess.tid x5; tess.txy x6; tess.mesh x7; tess.exit x5 on tile `tile` */
START_TEST(tile_info)
{
	const tile_row *w = &tile_rows[_i];
	ut_prog p = {0};
	ut_op(&p, OP_TESS_TID, 5, 0, 0, 0);
	ut_op(&p, OP_TESS_TXY, 6, 0, 0, 0);
	ut_op(&p, OP_TESS_MESH, 7, 0, 0, 0);
	ut_exit(&p, 5);
	ut_cfg c = {0};
	c.width = w->w;
	c.height = w->h;
	c.tile = w->tile;
	c.mem = 4096;
	ut_result r = ut_run(&p, &c);
	ck_assert_uint_eq(r.cause, CAUSE_EXIT);
	ck_assert_uint_eq(r.value, w->tile);
	ck_assert_uint_eq(r.x[6], (w->tile / w->w) << 16 | (w->tile % w->w));
	ck_assert_uint_eq(r.x[7], w->h << 16 | w->w);
	ck_assert_uint_eq(r.cycles, 3);
}
END_TEST

/*
 *  0 tess.cycle x5   (issues at 0)      1 tess.instret x10 (1 retired)
 *  2 li x6,7 (2)     4 mul x6,x6,x6 (3) 7 divu x6,x6,x6 (34)
 * 41 tess.cycle x7   42 tess.instret x11 (6 retired before it)
 * 43 tess.cycleh x8  44 tess.instreth x9   45 tess.exit x7
 */
START_TEST(counters)
{
	ut_prog p = {0};
	ut_op(&p, OP_TESS_CYCLE, 5, 0, 0, 0);
	ut_op(&p, OP_TESS_INSTRET, 10, 0, 0, 0);
	ut_li(&p, 6, 7);
	ut_op(&p, OP_MUL, 6, 6, 6, 0);
	ut_op(&p, OP_DIVU, 6, 6, 6, 0);
	ut_op(&p, OP_TESS_CYCLE, 7, 0, 0, 0);
	ut_op(&p, OP_TESS_INSTRET, 11, 0, 0, 0);
	ut_op(&p, OP_TESS_CYCLEH, 8, 0, 0, 0);
	ut_op(&p, OP_TESS_INSTRETH, 9, 0, 0, 0);
	ut_exit(&p, 7);
	ut_result r = ut_run(&p, NULL);
	ck_assert_uint_eq(r.x[5], 0);
	ck_assert_uint_eq(r.x[10], 1);
	ck_assert_uint_eq(r.x[6], 1);
	ck_assert_uint_eq(r.value, 41);
	ck_assert_uint_eq(r.x[11], 7);
	ck_assert_uint_eq(r.x[8], 0);
	ck_assert_uint_eq(r.x[9], 0);
	ck_assert_uint_eq(r.cycles, 45);
	ck_assert_uint_eq(r.instret, 10);
}
END_TEST

/* tess.cycle after a load-use stall returns the issue cycle, stall included. */
START_TEST(cycle_after_stall)
{
	ut_prog p = {0};
	ut_op(&p, OP_LW, 5, 0, 0, 0x100);      /* 0 */
	ut_op(&p, OP_ADD, 6, 5, 5, 0);         /* 2 (stalled) */
	ut_op(&p, OP_TESS_CYCLE, 7, 0, 0, 0);  /* 3 */
	ut_exit(&p, 7);
	ut_result r = ut_run(&p, NULL);
	ck_assert_uint_eq(r.value, 3);
}
END_TEST

typedef struct { uint32_t mem, bound; } bound_row;

static const bound_row bound_rows[] = {
	{4096, 0}, {65536, 0}, {1u << 20, 0}, {65536, 0x2000}, {8192, 4096}, {65536, 0x100},
};

/* tess.membound x5; tess.exit x5, and sp (x2) starts at the bound */
START_TEST(membound)
{
	const bound_row *w = &bound_rows[_i];
	uint32_t want = w->bound ? w->bound : w->mem;
	ut_prog p = {0};
	ut_op(&p, OP_TESS_MEMBOUND, 5, 0, 0, 0);
	ut_exit(&p, 5);
	ut_cfg c = {0};
	c.mem = w->mem;
	c.bound = w->bound;
	ut_result r = ut_run(&p, &c);
	ck_assert_uint_eq(r.value, want);
	ck_assert_uint_eq(r.x[2], want);
	for (int k = 1; k < 32; k++)
		if (k != 2 && k != 5)
			ck_assert_uint_eq(r.x[k], 0);
}
END_TEST

static const uint32_t exit_values[] = {0, 1, 255, 256, 0x80000000u, 0xffffffffu};

/* nop; nop; li x9,v; tess.exit x9: halts at pc 16, cycle 4, 4 retired */
START_TEST(tess_exit)
{
	ut_prog p = {0};
	ut_op(&p, OP_ADDI, 0, 0, 0, 0);
	ut_op(&p, OP_ADDI, 0, 0, 0, 0);
	ut_li(&p, 9, exit_values[_i]);
	ut_exit(&p, 9);
	ut_op(&p, OP_ADDI, 9, 0, 0, 1);
	ut_exit(&p, 9);
	ut_result r = ut_run(&p, NULL);
	ck_assert(r.halted);
	ck_assert_uint_eq(r.cause, CAUSE_EXIT);
	ck_assert_uint_eq(r.value, exit_values[_i]);
	ck_assert_uint_eq(r.pc, 16);
	ck_assert_uint_eq(r.cycles, 4);
	ck_assert_uint_eq(r.instret, 4);
}
END_TEST

/* fence and fence.i cost 1 and change nothing */
START_TEST(fences)
{
	ut_prog p = {0};
	ut_op(&p, OP_ADDI, 5, 0, 0, 9);
	ut_op(&p, OP_FENCE, 0, 0, 0, 0);
	ut_op(&p, OP_FENCE_I, 0, 0, 0, 0);
	ut_exit(&p, 5);
	ut_result r = ut_run(&p, NULL);
	ck_assert_uint_eq(r.value, 9);
	ck_assert_uint_eq(r.cycles, 3);
}
END_TEST

Suite *suite_xtess(void)
{
	Suite *s = suite_create("xtess");
	TCase *tc = tcase_create("xtess");
	tcase_add_loop_test(tc, tile_info, 0, NROWS(tile_rows));
	tcase_add_test(tc, counters);
	tcase_add_test(tc, cycle_after_stall);
	tcase_add_loop_test(tc, membound, 0, NROWS(bound_rows));
	tcase_add_loop_test(tc, tess_exit, 0, NROWS(exit_values));
	tcase_add_test(tc, fences);
	suite_add_tcase(s, tc);
	return s;
}
