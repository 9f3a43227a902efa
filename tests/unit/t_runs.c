/*
 * Straight-line runs (sim/dinsn_run.c, sim/core_loop.h): the interpreter checks its
 * limit, table bound and undecoded mark once per run. The runs of a table, their cut
 * when a word changes, a budget that ends inside a run (on one tile and in windows),
 * a store into a later word of the run being issued, and the worst cost the loop
 * assumes per instruction against the ISA's costs.
 */
#include "core.h"
#include "ut.h"

static dinsn word(isa_op op, unsigned rd, unsigned rs1, unsigned rs2, int32_t imm)
{
	dinsn d;
	core_decode_word(ut_enc(op, rd, rs1, rs2, imm), &d);
	return d;
}

START_TEST(runs_of_a_table)
{
	dinsn v[7] = {
		word(OP_ADDI, 5, 0, 0, 1), word(OP_ADDI, 6, 0, 0, 1), word(OP_BEQ, 0, 5, 6, 8),
		word(OP_ADDI, 7, 0, 0, 1), word(OP_ECALL, 0, 0, 0, 0), word(OP_LW, 7, 0, 0, 0),
		word(OP_ADD, 8, 7, 7, 0),
	};
	ck_assert_uint_eq(v[0].run, DINSN_RUN_UNKNOWN);
	dinsn_runs_fill(v, 7);
	static const uint8_t want[7] = {2, 1, 0, 0, 0, 1, 0};
	for (int i = 0; i < 7; i++)
		ck_assert_uint_eq(v[i].run, want[i]);
	/* word 1 changes: the run of word 0 is forgotten, worked out again, and not kept
	   while word 1 is undecoded */
	v[1].op = DINSN_UNDECODED;
	dinsn_runs_cut(v, 1);
	ck_assert_uint_eq(v[0].run, DINSN_RUN_UNKNOWN);
	ck_assert_uint_eq(dinsn_run(v, 7, 0), 0);
	ck_assert_uint_eq(v[0].run, DINSN_RUN_UNKNOWN);
	v[1] = word(OP_ADDI, 6, 0, 0, 2);
	ck_assert_uint_eq(dinsn_run(v, 7, 0), 2);
	ck_assert_uint_eq(v[0].run, 2);
	/* the table's end ends a run; a cut past the branch leaves word 0's run alone */
	v[5].run = DINSN_RUN_UNKNOWN;
	ck_assert_uint_eq(dinsn_run(v, 6, 5), 0);
	v[3].op = DINSN_UNDECODED;
	dinsn_runs_cut(v, 3);
	ck_assert_uint_eq(v[0].run, 2);
}
END_TEST

START_TEST(worst_cost_covers_the_isa)
{
	unsigned penalty = BRANCH_TAKEN_PENALTY > JUMP_PENALTY ? BRANCH_TAKEN_PENALTY :
								 JUMP_PENALTY;
	for (int c = 0; c < TC_COUNT; c++)
		ck_assert_uint_le(isa_timing_cost[c] + penalty + LOAD_USE_STALL, CORE_WORST_COST);
}
END_TEST

/*
 * A loop of 12 divisions (34 cycles each) and a jump back (3 cycles): words are decoded
 * as they first issue (ut_run writes the program into SRAM), so the first pass checks
 * every word and later passes issue the loop as one run. A budget of B stops it at the
 * first issue at or after B, wherever the run's checks fell.
 */
#define NDIV 12
START_TEST(budget_inside_a_run)
{
	uint64_t budget = 40 + (uint64_t)(_i % 100) * 23;   /* 40..1857; _i >= 100: windows */
	ut_prog p = {0};
	for (int k = 0; k < NDIV; k++)
		ut_op(&p, OP_DIV, 9, 0, 0, 0);
	ut_op(&p, OP_JAL, 0, 0, 0, -4 * NDIV);
	ut_cfg c = {0};
	c.budget_cycles = budget;
	c.twin = _i >= 100;
	ut_result r = ut_run(&p, &c);
	uint64_t at = 0, n = 0;   /* the issue cycle and count of the instruction that halts */
	while (at < budget) {
		at += n % (NDIV + 1) == NDIV ? 1 + JUMP_PENALTY : 34;
		n++;
	}
	ck_assert_msg(r.cause == CAUSE_BUDGET_CYCLES, "budget %llu: cause %s",
		      (unsigned long long)budget, isa_cause_name(r.cause));
	ck_assert_uint_eq(r.cycles, at);
	ck_assert_uint_eq(r.instret, n);
	ck_assert_uint_eq(r.pc, 4 * (n % (NDIV + 1)));
}
END_TEST

/*
 * A store into a later word of the run being issued: the changed word is what issues.
 * The first pass of the loop decodes its words; the second issues it as a run, and its
 * store changes the word two ahead (addi x7,x7,1 becomes addi x7,x7,0x100).
 *   0: li x5, NEW   8: addi x6,x0,0   12: addi x6,x6,1   16: sw x5,24(x0)
 *  20: addi x8,x8,1   24: addi x7,x7,1   28: addi x9,x0,2   32: blt x6,x9,-20
 *  36: tess.exit x7
 */
START_TEST(store_into_the_run)
{
	ut_prog p = {0};
	ut_li(&p, 5, ut_enc(OP_ADDI, 7, 7, 0, 0x100));
	ut_op(&p, OP_ADDI, 6, 0, 0, 0);
	ut_op(&p, OP_ADDI, 6, 6, 0, 1);
	ut_op(&p, OP_SW, 0, 0, 5, 24);
	ut_op(&p, OP_ADDI, 8, 8, 0, 1);
	ut_op(&p, OP_ADDI, 7, 7, 0, 1);
	ut_op(&p, OP_ADDI, 9, 0, 0, 2);
	ut_op(&p, OP_BLT, 0, 6, 9, -20);
	ut_exit(&p, 7);
	for (int twin = 0; twin < 2; twin++) {
		ut_cfg c = {0};
		c.twin = twin;
		ut_result r = ut_run(&p, &c);
		ck_assert_uint_eq(r.cause, CAUSE_EXIT);
		ck_assert_uint_eq(r.value, 0x200);   /* the first pass stored too */
		ck_assert_uint_eq(r.x[8], 2);
	}
}
END_TEST

Suite *suite_runs(void)
{
	Suite *s = suite_create("runs");
	TCase *tc = tcase_create("runs");
	tcase_add_test(tc, runs_of_a_table);
	tcase_add_test(tc, worst_cost_covers_the_isa);
	tcase_add_loop_test(tc, budget_inside_a_run, 0, 80);
	tcase_add_loop_test(tc, budget_inside_a_run, 100, 180);
	tcase_add_test(tc, store_into_the_run);
	suite_add_tcase(s, tc);
	return s;
}
