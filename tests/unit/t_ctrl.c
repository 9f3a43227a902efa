/*
 * Branches and jumps: direction on signed/unsigned edge operands, cost (1 not taken,
 * 3 taken, 3 for jal/jalr), link values, jalr clearing bit 0 (SPEC §3, §5).
 */
#include "ut.h"

#define MIN 0x80000000u
#define MAX 0x7fffffffu
#define NEG1 0xffffffffu

typedef struct { isa_op op; uint32_t a, b; bool taken; } br_row;

static const br_row br_rows[] = {
	{OP_BEQ, 1, 1, true}, {OP_BEQ, 1, 2, false}, {OP_BEQ, MIN, MIN, true}, {OP_BEQ, 0, NEG1, false},
	{OP_BNE, 1, 1, false}, {OP_BNE, 1, 2, true}, {OP_BNE, 0, MIN, true},
	{OP_BLT, NEG1, 0, true}, {OP_BLT, 0, NEG1, false}, {OP_BLT, MIN, MAX, true},
	{OP_BLT, 5, 5, false}, {OP_BLT, MAX, MIN, false},
	{OP_BGE, 5, 5, true}, {OP_BGE, 0, NEG1, true}, {OP_BGE, NEG1, 0, false},
	{OP_BGE, MAX, MIN, true}, {OP_BGE, MIN, MAX, false},
	{OP_BLTU, 0, NEG1, true}, {OP_BLTU, NEG1, 0, false}, {OP_BLTU, 5, 5, false},
	{OP_BLTU, MAX, MIN, true},
	{OP_BGEU, NEG1, 0, true}, {OP_BGEU, 5, 5, true}, {OP_BGEU, 0, 1, false},
	{OP_BGEU, MIN, MAX, true}, {OP_BGEU, MAX, MIN, false},
};

/*
 *  0: li x5,a   8: li x6,b   16: BR x5,x6,+12
 * 20: addi x7,x0,1   24: tess.exit x7    (not taken: exit issues at 4+1+1 = 6)
 * 28: addi x7,x0,2   32: tess.exit x7    (taken: exit issues at 4+3+1 = 8)
 */
START_TEST(branch)
{
	const br_row *w = &br_rows[_i];
	ut_prog p = {0};
	ut_li(&p, 5, w->a);
	ut_li(&p, 6, w->b);
	ut_op(&p, w->op, 0, 5, 6, 12);
	ut_op(&p, OP_ADDI, 7, 0, 0, 1);
	ut_exit(&p, 7);
	ut_op(&p, OP_ADDI, 7, 0, 0, 2);
	ut_exit(&p, 7);
	ut_result r = ut_run(&p, NULL);
	ck_assert_uint_eq(r.cause, CAUSE_EXIT);
	ck_assert_msg(r.value == (w->taken ? 2u : 1u), "%s 0x%x,0x%x: taken %s",
		      isa_insns[w->op].mnemonic, w->a, w->b, r.value == 2 ? "yes" : "no");
	ck_assert_uint_eq(r.cycles, w->taken ? 8 : 6);
	ck_assert_uint_eq(r.pc, w->taken ? 32 : 24);
}
END_TEST

/*
 * A counted loop: addi x5,x0,10; L: addi x5,x5,-1; bne x5,x0,L; tess.exit x5.
 * 1 + 10 * 1 (addi) + 9 * 3 (taken) + 1 (not taken) = 39: the exit issues at 39.
 */
START_TEST(backward_loop)
{
	ut_prog p = {0};
	ut_op(&p, OP_ADDI, 5, 0, 0, 10);
	ut_op(&p, OP_ADDI, 5, 5, 0, -1);
	ut_op(&p, OP_BNE, 0, 5, 0, -4);
	ut_exit(&p, 5);
	ut_result r = ut_run(&p, NULL);
	ck_assert_uint_eq(r.value, 0);
	ck_assert_uint_eq(r.cycles, 39);
	ck_assert_uint_eq(r.instret, 21);
}
END_TEST

/* 0: nop  4: jal x1,+12  8: addi x7,x0,1  12: tess.exit x7  16: tess.exit x1 */
START_TEST(jal_forward)
{
	ut_prog p = {0};
	ut_op(&p, OP_ADDI, 0, 0, 0, 0);
	ut_op(&p, OP_JAL, 1, 0, 0, 12);
	ut_op(&p, OP_ADDI, 7, 0, 0, 1);
	ut_exit(&p, 7);
	ut_exit(&p, 1);
	ut_result r = ut_run(&p, NULL);
	ck_assert_uint_eq(r.pc, 16);
	ck_assert_uint_eq(r.value, 8);
	ck_assert_uint_eq(r.cycles, 1 + 3);
}
END_TEST

/* 0: jal x0,+8  4: tess.exit x1  8: jal x1,-4: exits with x1 = 12 at cycle 6 */
START_TEST(jal_backward)
{
	ut_prog p = {0};
	ut_op(&p, OP_JAL, 0, 0, 0, 8);
	ut_exit(&p, 1);
	ut_op(&p, OP_JAL, 1, 0, 0, -4);
	ut_result r = ut_run(&p, NULL);
	ck_assert_uint_eq(r.pc, 4);
	ck_assert_uint_eq(r.value, 12);
	ck_assert_uint_eq(r.cycles, 6);
	ck_assert_uint_eq(r.x[0], 0);
}
END_TEST

typedef struct { uint32_t base; int32_t off; unsigned rd, rs1; uint32_t want_rd; } jalr_row;

/*
 * 0: li xRS1,base  8: jalr xRD,off(xRS1)  12: tess.exit x0 (wrong path)
 * 16: tess.exit xRD: the target is 16 in every row; the link is 12.
 */
static const jalr_row jalr_rows[] = {
	{16, 0, 1, 5, 12}, {17, 0, 1, 5, 12}, {20, -4, 1, 5, 12}, {15, 1, 1, 5, 12},
	{16, 0, 5, 5, 12}, {0, 16, 1, 5, 12}, {2064, -2048, 6, 6, 12},
};

START_TEST(jalr)
{
	const jalr_row *w = &jalr_rows[_i];
	ut_prog p = {0};
	ut_li(&p, w->rs1, w->base);
	ut_op(&p, OP_JALR, w->rd, w->rs1, 0, w->off);
	ut_exit(&p, 0);
	ut_exit(&p, w->rd);
	ut_result r = ut_run(&p, NULL);
	ck_assert_uint_eq(r.cause, CAUSE_EXIT);
	ck_assert_uint_eq(r.pc, 16);
	ck_assert_uint_eq(r.value, w->want_rd);
	ck_assert_uint_eq(r.cycles, 2 + 3);
}
END_TEST

Suite *suite_ctrl(void)
{
	Suite *s = suite_create("ctrl");
	TCase *tc = tcase_create("ctrl");
	tcase_add_loop_test(tc, branch, 0, NROWS(br_rows));
	tcase_add_test(tc, backward_loop);
	tcase_add_test(tc, jal_forward);
	tcase_add_test(tc, jal_backward);
	tcase_add_loop_test(tc, jalr, 0, NROWS(jalr_rows));
	suite_add_tcase(s, tc);
	return s;
}
