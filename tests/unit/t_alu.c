/*
 * Computational instructions (OP, OP-IMM, LUI, AUIPC, M): result on edge-case operands
 * and cycle cost (isa/SPEC.md §3, §5). Expected values are written by hand from the
 * RISC-V definition; a second test sweeps all pairs of edge operands against a
 * reference written here, independently of sim/.
 */
#include <string.h>

#include "ut.h"

#define MIN 0x80000000u
#define MAX 0x7fffffffu
#define NEG1 0xffffffffu

/* Cost of every instruction that needs no network, written from SPEC §5. */
static const struct { isa_op op; unsigned cost; } spec_cost_rows[] = {
	{OP_LUI, 1}, {OP_AUIPC, 1}, {OP_ADDI, 1}, {OP_SLTI, 1}, {OP_SLTIU, 1}, {OP_XORI, 1},
	{OP_ORI, 1}, {OP_ANDI, 1}, {OP_SLLI, 1}, {OP_SRLI, 1}, {OP_SRAI, 1}, {OP_ADD, 1},
	{OP_SUB, 1}, {OP_SLL, 1}, {OP_SLT, 1}, {OP_SLTU, 1}, {OP_XOR, 1}, {OP_SRL, 1},
	{OP_SRA, 1}, {OP_OR, 1}, {OP_AND, 1}, {OP_MUL, 3}, {OP_MULH, 3}, {OP_MULHSU, 3},
	{OP_MULHU, 3}, {OP_DIV, 34}, {OP_DIVU, 34}, {OP_REM, 34}, {OP_REMU, 34},
	{OP_LB, 1}, {OP_LH, 1}, {OP_LW, 1}, {OP_LBU, 1}, {OP_LHU, 1}, {OP_SB, 1}, {OP_SH, 1},
	{OP_SW, 1}, {OP_FENCE, 1}, {OP_FENCE_I, 1}, {OP_ECALL, 1},
	{OP_TESS_TID, 1}, {OP_TESS_TXY, 1}, {OP_TESS_MESH, 1}, {OP_TESS_CYCLE, 1},
	{OP_TESS_CYCLEH, 1}, {OP_TESS_INSTRET, 1}, {OP_TESS_INSTRETH, 1}, {OP_TESS_MEMBOUND, 1},
	/* branches: 1 not taken, 3 taken; jumps 3 (t_ctrl.c); halting: ebreak, tess.exit */
	{OP_BEQ, 1}, {OP_BNE, 1}, {OP_BLT, 1}, {OP_BGE, 1}, {OP_BLTU, 1}, {OP_BGEU, 1},
	{OP_JAL, 3}, {OP_JALR, 3}, {OP_EBREAK, 0}, {OP_TESS_EXIT, 0},
};

static unsigned spec_cost(isa_op op)
{
	for (int i = 0; i < NROWS(spec_cost_rows); i++)
		if (spec_cost_rows[i].op == op)
			return spec_cost_rows[i].cost;
	ck_abort_msg("no spec cost for %s", isa_insns[op].mnemonic);
	return 0;
}

/* Every instruction that needs no network has a cost row (and so is tested). */
START_TEST(every_insn_covered)
{
	for (int op = 0; op < OP_COUNT; op++) {
		const char *mn = isa_insns[op].mnemonic;
		if (!strncmp(mn, "cap.", 4) || !strncmp(mn, "msg.", 4))
			continue;
		spec_cost((isa_op)op);
	}
}
END_TEST

/* The base costs in isa/timing.def agree with SPEC §5 as written above. */
START_TEST(timing_table_matches_spec)
{
	for (int i = 0; i < NROWS(spec_cost_rows); i++) {
		isa_op op = spec_cost_rows[i].op;
		unsigned want = spec_cost_rows[i].cost;
		if (isa_insns[op].timing == TC_BRANCH || want == 0)
			continue;
		if (isa_insns[op].timing == TC_JUMP)
			want = 1;       /* the jump penalty is added on top (params.h) */
		ck_assert_msg(ut_cost(isa_insns[op].timing) == want, "%s", isa_insns[op].mnemonic);
	}
}
END_TEST

typedef struct { isa_op op; uint32_t a, b, want; } rr_row;

static const rr_row rr_rows[] = {
	{OP_ADD, 1, 2, 3}, {OP_ADD, MAX, 1, MIN}, {OP_ADD, NEG1, 1, 0}, {OP_ADD, MIN, MIN, 0},
	{OP_SUB, 0, 1, NEG1}, {OP_SUB, MIN, 1, MAX}, {OP_SUB, 5, 5, 0}, {OP_SUB, 0, MIN, MIN},
	{OP_SLL, 1, 31, MIN}, {OP_SLL, 1, 32, 1}, {OP_SLL, NEG1, 4, 0xfffffff0}, {OP_SLL, 1, 0x21, 2},
	{OP_SLL, 0x12345678, 0xffffffe0, 0x12345678},
	{OP_SLT, NEG1, 0, 1}, {OP_SLT, 0, NEG1, 0}, {OP_SLT, MIN, MAX, 1}, {OP_SLT, 5, 5, 0},
	{OP_SLTU, NEG1, 0, 0}, {OP_SLTU, 0, NEG1, 1}, {OP_SLTU, MIN, MAX, 0}, {OP_SLTU, 0, 1, 1},
	{OP_XOR, 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0}, {OP_XOR, 0x1234, 0x1234, 0},
	{OP_SRL, MIN, 31, 1}, {OP_SRL, MIN, 32, MIN}, {OP_SRL, NEG1, 4, 0x0fffffff},
	{OP_SRA, MIN, 31, NEG1}, {OP_SRA, MIN, 4, 0xf8000000}, {OP_SRA, MAX, 30, 1},
	{OP_SRA, MIN, 0x20, MIN}, {OP_SRA, 0x70000000, 0x3f, 0},
	{OP_OR, 0xf0f0f0f0, 0x0f0f0f0f, NEG1}, {OP_OR, 0, 0, 0},
	{OP_AND, 0xf0f0f0f0, 0xff00ff00, 0xf000f000}, {OP_AND, NEG1, 0, 0},
	{OP_MUL, 3, 4, 12}, {OP_MUL, NEG1, NEG1, 1}, {OP_MUL, MIN, NEG1, MIN},
	{OP_MUL, 0x10000, 0x10000, 0}, {OP_MUL, MAX, MAX, 1},
	{OP_MULH, NEG1, NEG1, 0}, {OP_MULH, MIN, MIN, 0x40000000}, {OP_MULH, MIN, MAX, 0xc0000000},
	{OP_MULH, 0x10000, 0x10000, 1}, {OP_MULH, NEG1, 1, NEG1},
	{OP_MULHU, NEG1, NEG1, 0xfffffffe}, {OP_MULHU, MIN, 2, 1}, {OP_MULHU, 0x10000, 0x10000, 1},
	{OP_MULHU, NEG1, 1, 0},
	{OP_MULHSU, NEG1, NEG1, NEG1}, {OP_MULHSU, MIN, NEG1, MIN}, {OP_MULHSU, 1, NEG1, 0},
	{OP_MULHSU, MAX, NEG1, 0x7ffffffe},
	{OP_DIV, 7, 2, 3}, {OP_DIV, (uint32_t)-7, 2, (uint32_t)-3}, {OP_DIV, 7, (uint32_t)-2, (uint32_t)-3},
	{OP_DIV, 5, 0, NEG1}, {OP_DIV, MIN, NEG1, MIN}, {OP_DIV, 0, 0, NEG1}, {OP_DIV, MIN, 1, MIN},
	{OP_DIVU, 7, 2, 3}, {OP_DIVU, NEG1, 2, MAX}, {OP_DIVU, 5, 0, NEG1}, {OP_DIVU, MIN, NEG1, 0},
	{OP_REM, 7, 2, 1}, {OP_REM, (uint32_t)-7, 2, NEG1}, {OP_REM, 7, (uint32_t)-2, 1},
	{OP_REM, 5, 0, 5}, {OP_REM, MIN, NEG1, 0}, {OP_REM, (uint32_t)-7, 0, (uint32_t)-7},
	{OP_REMU, 7, 2, 1}, {OP_REMU, NEG1, 2, 1}, {OP_REMU, 5, 0, 5}, {OP_REMU, MIN, NEG1, MIN},
};

/* li x5,a; li x6,b; OP x7,x5,x6; tess.exit x7: the exit issues at 4 + cost(OP). */
static void run_rr(isa_op op, uint32_t a, uint32_t b, uint32_t want)
{
	ut_prog p = {0};
	ut_li(&p, 5, a);
	ut_li(&p, 6, b);
	ut_op(&p, op, 7, 5, 6, 0);
	ut_exit(&p, 7);
	ut_result r = ut_run(&p, NULL);
	ck_assert_msg(r.cause == CAUSE_EXIT, "%s: cause %u", isa_insns[op].mnemonic, r.cause);
	ck_assert_msg(r.value == want, "%s 0x%08x, 0x%08x = 0x%08x, want 0x%08x",
		      isa_insns[op].mnemonic, a, b, r.value, want);
	ck_assert_msg(r.cycles == 4 + spec_cost(op), "%s: %llu cycles, want %u",
		      isa_insns[op].mnemonic, (unsigned long long)r.cycles, 4 + spec_cost(op));
	ck_assert_uint_eq(r.instret, 5);
	ck_assert_uint_eq(r.pc, 20);
}

START_TEST(reg_reg)
{
	const rr_row *w = &rr_rows[_i];
	run_rr(w->op, w->a, w->b, w->want);
}
END_TEST

/* Independent reference for the sweep. */
static uint32_t ref_rr(isa_op op, uint32_t a, uint32_t b)
{
	int64_t sa = (int32_t)a, sb = (int32_t)b;
	switch (op) {
	case OP_ADD: return a + b;
	case OP_SUB: return a - b;
	case OP_SLL: return a << (b % 32);
	case OP_SLT: return sa < sb;
	case OP_SLTU: return a < b;
	case OP_XOR: return a ^ b;
	case OP_SRL: return a >> (b % 32);
	case OP_SRA: return (uint32_t)(sa >> (b % 32));
	case OP_OR: return a | b;
	case OP_AND: return a & b;
	case OP_MUL: return (uint32_t)(sa * sb);
	case OP_MULH: return (uint32_t)((uint64_t)(sa * sb) >> 32);
	case OP_MULHU: return (uint32_t)(((uint64_t)a * b) >> 32);
	case OP_MULHSU: return (uint32_t)((uint64_t)(sa * (int64_t)b) >> 32);
	case OP_DIV: return b == 0 ? NEG1 : (uint32_t)(int64_t)(sa / sb);
	case OP_DIVU: return b == 0 ? NEG1 : a / b;
	case OP_REM: return b == 0 ? a : (uint32_t)(int64_t)(sa % sb);
	case OP_REMU: return b == 0 ? a : a % b;
	default: ck_abort(); return 0;
	}
}

static const uint32_t edge[] = {0, 1, 2, 31, 32, 0x7ff, NEG1, (uint32_t)-2, MIN, MAX, MIN + 1,
				0x55555555, 0xaaaaaaaa, 0x12345678, 0xfedcba98, 0x10000};
static const isa_op rr_ops[] = {OP_ADD, OP_SUB, OP_SLL, OP_SLT, OP_SLTU, OP_XOR, OP_SRL,
				OP_SRA, OP_OR, OP_AND, OP_MUL, OP_MULH, OP_MULHU, OP_MULHSU,
				OP_DIV, OP_DIVU, OP_REM, OP_REMU};

/* One iteration per instruction: every pair of edge operands. */
START_TEST(reg_reg_sweep)
{
	isa_op op = rr_ops[_i];
	for (int i = 0; i < NROWS(edge); i++)
		for (int j = 0; j < NROWS(edge); j++)
			run_rr(op, edge[i], edge[j], ref_rr(op, edge[i], edge[j]));
}
END_TEST

typedef struct { isa_op op; uint32_t a; int32_t imm; uint32_t want; } ri_row;

static const ri_row ri_rows[] = {
	{OP_ADDI, 0, -2048, 0xfffff800}, {OP_ADDI, MAX, 1, MIN}, {OP_ADDI, 5, -1, 4},
	{OP_ADDI, 1, 2047, 0x800}, {OP_ADDI, NEG1, 1, 0},
	{OP_SLTI, NEG1, 0, 1}, {OP_SLTI, 0, -1, 0}, {OP_SLTI, 0xfffff7ff, -2048, 1},
	{OP_SLTI, MAX, 2047, 0}, {OP_SLTI, MIN, -2048, 1},
	{OP_SLTIU, 0, -1, 1}, {OP_SLTIU, 0xfffffffe, -1, 1}, {OP_SLTIU, NEG1, -1, 0},
	{OP_SLTIU, 1, 1, 0}, {OP_SLTIU, 0, 1, 1},
	{OP_XORI, 0x12345678, -1, 0xedcba987}, {OP_XORI, 0xff, 0x0f, 0xf0},
	{OP_ORI, MIN, -2048, 0xfffff800}, {OP_ORI, 0x10, 1, 0x11},
	{OP_ANDI, NEG1, -2048, 0xfffff800}, {OP_ANDI, 0x12345678, 0x7ff, 0x678},
	{OP_SLLI, 1, 31, MIN}, {OP_SLLI, NEG1, 0, NEG1}, {OP_SLLI, 0x12345678, 4, 0x23456780},
	{OP_SRLI, MIN, 31, 1}, {OP_SRLI, NEG1, 1, MAX}, {OP_SRLI, 5, 0, 5},
	{OP_SRAI, MIN, 31, NEG1}, {OP_SRAI, MIN, 1, 0xc0000000}, {OP_SRAI, 0x40000000, 30, 1},
};

START_TEST(reg_imm)
{
	const ri_row *w = &ri_rows[_i];
	ut_prog p = {0};
	ut_li(&p, 5, w->a);
	ut_op(&p, w->op, 7, 5, 0, w->imm);
	ut_exit(&p, 7);
	ut_result r = ut_run(&p, NULL);
	ck_assert_uint_eq(r.cause, CAUSE_EXIT);
	ck_assert_msg(r.value == w->want, "%s 0x%08x, %d = 0x%08x, want 0x%08x",
		      isa_insns[w->op].mnemonic, w->a, w->imm, r.value, w->want);
	ck_assert_uint_eq(r.cycles, 2 + spec_cost(w->op));
	ck_assert_uint_eq(r.instret, 3);
}
END_TEST

typedef struct { isa_op op; unsigned nops; uint32_t imm, want; } u_row;

static const u_row u_rows[] = {
	{OP_LUI, 0, 0xfffff000, 0xfffff000}, {OP_LUI, 0, MIN, MIN}, {OP_LUI, 3, 0x1000, 0x1000},
	{OP_LUI, 0, 0, 0},
	{OP_AUIPC, 0, 0, 0}, {OP_AUIPC, 2, 0x1000, 0x1008}, {OP_AUIPC, 1, 0xfffff000, 0xfffff004},
	{OP_AUIPC, 3, MIN, MIN + 12},
};

/* nops * addi x0; LUI/AUIPC x7; tess.exit x7 */
START_TEST(upper_imm)
{
	const u_row *w = &u_rows[_i];
	ut_prog p = {0};
	for (unsigned k = 0; k < w->nops; k++)
		ut_op(&p, OP_ADDI, 0, 0, 0, 0);
	ut_op(&p, w->op, 7, 0, 0, (int32_t)w->imm);
	ut_exit(&p, 7);
	ut_result r = ut_run(&p, NULL);
	ck_assert_uint_eq(r.cause, CAUSE_EXIT);
	ck_assert_uint_eq(r.value, w->want);
	ck_assert_uint_eq(r.cycles, w->nops + spec_cost(w->op));
}
END_TEST

Suite *suite_alu(void)
{
	Suite *s = suite_create("alu");
	TCase *tc = tcase_create("alu");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, every_insn_covered);
	tcase_add_test(tc, timing_table_matches_spec);
	tcase_add_loop_test(tc, reg_reg, 0, NROWS(rr_rows));
	tcase_add_loop_test(tc, reg_reg_sweep, 0, NROWS(rr_ops));
	tcase_add_loop_test(tc, reg_imm, 0, NROWS(ri_rows));
	tcase_add_loop_test(tc, upper_imm, 0, NROWS(u_rows));
	suite_add_tcase(s, tc);
	return s;
}
