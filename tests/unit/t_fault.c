/*
 * Faults (SPEC §2.2, §3, §6.2, §7): every halt cause the core raises by itself, with
 * its value, pc and cycle; a halting instruction has no effect and does not retire;
 * x0 stays 0; the cycle budget stops the tile at the exact cycle.
 */
#include <string.h>

#include "ut.h"

/* Words that are not instructions of Tessera: value = the word. */
static const uint32_t illegal_words[] = {
	0x00000000, 0xffffffff,
	0x30001073,  /* csrrw x0,mstatus,x0 */
	0xc0002573,  /* rdcycle a0 (csrrs) */
	0x3000d073,  /* csrrwi */
	0x30047073,  /* csrrci */
	0x30200073,  /* mret */
	0x10500073,  /* wfi */
	0x10200073,  /* sret */
	0x00008073,  /* ecall with rs1 != 0 */
	0x00100873,  /* ebreak with rd != 0 */
	0x00004501,  /* c.li a0,0 (compressed) */
	0x45014501,  /* two compressed words */
	0x00008082,  /* c.ret */
	0x0000fffd,  /* compressed, quadrant 1 */
	0x02001013,  /* slli x0,x0,32 (shamt[5] set) */
	0x60005013,  /* srai with a bad funct7 */
	0x08000033,  /* OP with funct7 = 4 */
	0x40001033,  /* sll with funct7 = 0x20 */
	0x00003003,  /* ld */
	0x00006003,  /* lwu */
	0x00007003,  /* load funct3 7 */
	0x00003023,  /* sd */
	0x00004023,  /* store funct3 4 */
	0x00002063,  /* branch funct3 2 */
	0x00003063,  /* branch funct3 3 */
	0x00001067,  /* jalr funct3 1 */
	0x0000003b,  /* addw (OP-32) */
	0x0000001b,  /* addiw (OP-IMM-32) */
	0x00002007,  /* flw */
	0x00002027,  /* fsw */
	0x0000202f,  /* amoadd.w */
	0x00000053,  /* fadd.s */
	0x0000007f,  /* 64-bit+ encoding */
	0x0000200f,  /* MISC-MEM funct3 2 */
	0x1000000b,  /* tess: funct7 8 */
	0x0000800b,  /* tess.tid with rs1 != 0 */
	0x0010000b,  /* tess.tid with rs2 != 0 */
	0x0000400b,  /* custom-0 funct3 4 */
	0x0000700b,  /* custom-0 funct3 7 */
	0x0200100b,  /* tess.exit with funct7 1 */
	0x0000108b,  /* tess.exit with rd != 0 */
	0x0000202b,  /* custom-1 funct3 2 */
	0x0000005b,  /* custom-2 */
	0x0000007b,  /* custom-3 */
};

/* li x7,0x55; ILLEGAL; tess.exit x0: halts at pc 8, cycle 2, 2 retired, x7 intact */
START_TEST(illegal)
{
	uint32_t w = illegal_words[_i];
	ut_prog p = {0};
	ut_li(&p, 7, 0x55);
	ut_emit(&p, w);
	ut_exit(&p, 0);
	ut_result r = ut_run(&p, NULL);
	ck_assert_msg(r.cause == CAUSE_ILLEGAL, "0x%08x: cause %s", w, isa_cause_name(r.cause));
	ck_assert_uint_eq(r.value, w);
	ck_assert_uint_eq(r.pc, 8);
	ck_assert_uint_eq(r.cycles, 2);
	ck_assert_uint_eq(r.instret, 2);
	ck_assert_uint_eq(r.x[7], 0x55);
	ck_assert_uint_eq(r.x[10], 0);
}
END_TEST

typedef struct { isa_op op; uint32_t addr, mem, bound, cause; } acc_row;

#define K4 4096u
#define K64 65536u
static const acc_row acc_rows[] = {
	/* MEM_FAULT at and beyond the bound; the last bytes below it are fine */
	{OP_LW, K64 - 4, K64, 0, CAUSE_EXIT}, {OP_LW, K64, K64, 0, CAUSE_MEM_FAULT},
	{OP_LB, K64 - 1, K64, 0, CAUSE_EXIT}, {OP_LB, K64, K64, 0, CAUSE_MEM_FAULT},
	{OP_LBU, 0xffffffff, K64, 0, CAUSE_MEM_FAULT}, {OP_LW, 0xfffffffc, K64, 0, CAUSE_MEM_FAULT},
	{OP_LHU, K64 - 2, K64, 0, CAUSE_EXIT}, {OP_LH, K64, K64, 0, CAUSE_MEM_FAULT},
	{OP_LW, 0x80000000, K64, 0, CAUSE_MEM_FAULT},
	{OP_SW, K64 - 4, K64, 0, CAUSE_EXIT}, {OP_SW, K64, K64, 0, CAUSE_MEM_FAULT},
	{OP_SB, K4 - 1, K4, 0, CAUSE_EXIT}, {OP_SB, K4, K4, 0, CAUSE_MEM_FAULT},
	{OP_SH, 0xfffffffe, K4, 0, CAUSE_MEM_FAULT},
	{OP_LW, 0x1000, K64, 0x1000, CAUSE_MEM_FAULT}, {OP_LW, 0xffc, K64, 0x1000, CAUSE_EXIT},
	{OP_SB, 0x1000, K64, 0x1000, CAUSE_MEM_FAULT}, {OP_SH, 0x0ffe, K64, 0x1000, CAUSE_EXIT},
	/* MISALIGNED (inside the bound) */
	{OP_LH, 0x801, K64, 0, CAUSE_MISALIGNED}, {OP_LHU, 0x803, K64, 0, CAUSE_MISALIGNED},
	{OP_LW, 0x802, K64, 0, CAUSE_MISALIGNED}, {OP_LW, 0x801, K64, 0, CAUSE_MISALIGNED},
	{OP_LW, 0x803, K64, 0, CAUSE_MISALIGNED},
	{OP_SH, 0x801, K64, 0, CAUSE_MISALIGNED}, {OP_SW, 0x802, K64, 0, CAUSE_MISALIGNED},
	{OP_SW, 0x803, K64, 0, CAUSE_MISALIGNED}, {OP_SW, 0x801, K64, 0, CAUSE_MISALIGNED},
	{OP_LH, 0x802, K64, 0, CAUSE_EXIT}, {OP_LB, 0x803, K64, 0, CAUSE_EXIT},
};

static bool is_store(isa_op op) { return op == OP_SB || op == OP_SH || op == OP_SW; }

/*
 * li x5,addr; li x7,0x5a5a5a5a; ACCESS (x7 <- load, or x7 -> store); tess.exit x0.
 * A faulting access halts at pc 16, cycle 4, with value = the address, and changes
 * neither x7 nor memory.
 */
START_TEST(access)
{
	const acc_row *w = &acc_rows[_i];
	ut_prog p = {0};
	ut_li(&p, 5, w->addr);
	ut_li(&p, 7, 0x5a5a5a5a);
	if (is_store(w->op))
		ut_op(&p, w->op, 0, 5, 7, 0);
	else
		ut_op(&p, w->op, 7, 5, 0, 0);
	ut_exit(&p, 0);
	ut_cfg c = {0};
	c.mem = w->mem;
	c.bound = w->bound;
	c.data_addr = 0x800;
	ut_result r = ut_run(&p, &c);
	ck_assert_msg(r.cause == w->cause, "%s at 0x%x: cause %s, want %s", isa_insns[w->op].mnemonic,
		      w->addr, isa_cause_name(r.cause), isa_cause_name(w->cause));
	if (w->cause == CAUSE_EXIT)
		return;
	ck_assert_uint_eq(r.value, w->addr);
	ck_assert_uint_eq(r.pc, 16);
	ck_assert_uint_eq(r.cycles, 4);
	ck_assert_uint_eq(r.instret, 4);
	ck_assert_uint_eq(r.x[7], 0x5a5a5a5a);
	for (unsigned k = 0; k < 8; k++)
		ck_assert_uint_eq(r.mem[k], 0);
}
END_TEST

/*
 * Jumps and taken branches to a target that is not a multiple of 4: MISALIGNED at the
 * jump (value: the target), rd not written. Not-taken branches do not fault.
 *   0: li x5,base  8: li x1,0x77  16: JUMP  20: tess.exit x1
 */
typedef struct { isa_op op; uint32_t base; int32_t off; uint32_t cause, target; } jmp_row;

static const jmp_row jmp_rows[] = {
	{OP_JAL, 0, 2, CAUSE_MISALIGNED, 18}, {OP_JAL, 0, -6, CAUSE_MISALIGNED, 10},
	{OP_JALR, 0x102, 0, CAUSE_MISALIGNED, 0x102}, {OP_JALR, 0x103, 0, CAUSE_MISALIGNED, 0x102},
	{OP_JALR, 0x100, 2, CAUSE_MISALIGNED, 0x102}, {OP_JALR, 0x101, 0, CAUSE_EXIT, 0x100},
	{OP_BEQ, 0, 6, CAUSE_MISALIGNED, 22}, {OP_BNE, 0, 6, CAUSE_EXIT, 0},
	{OP_BGEU, 0, -2, CAUSE_MISALIGNED, 14},
	/* a jump to the bound: fetch MEM_FAULT at the target */
	{OP_JALR, K64, 0, CAUSE_MEM_FAULT, K64}, {OP_JALR, 0xfffffffc, 0, CAUSE_MEM_FAULT, 0xfffffffc},
};

START_TEST(jump_target)
{
	const jmp_row *w = &jmp_rows[_i];
	ut_prog p = {0};
	ut_li(&p, 5, w->base);
	ut_li(&p, 1, 0x77);
	if (w->op == OP_JAL || w->op == OP_JALR)
		ut_op(&p, w->op, 1, 5, 0, w->off);
	else
		ut_op(&p, w->op, 0, 0, 0, w->off);   /* x0 vs x0: beq taken, bne not */
	ut_exit(&p, 1);
	while (p.n < 0x104 / 4)
		ut_exit(&p, 1);
	ut_result r = ut_run(&p, NULL);
	ck_assert_msg(r.cause == w->cause, "row %d: cause %s", _i, isa_cause_name(r.cause));
	if (w->cause == CAUSE_EXIT)
		return;
	if (w->cause == CAUSE_MEM_FAULT) {
		ck_assert_uint_eq(r.pc, w->target);       /* fetch fault: at the target */
		ck_assert_uint_eq(r.value, w->target);
		ck_assert_uint_eq(r.x[1], 20);            /* the jalr retired */
		ck_assert_uint_eq(r.cycles, 4 + 3);
		return;
	}
	ck_assert_uint_eq(r.value, w->target);
	ck_assert_uint_eq(r.pc, 16);
	ck_assert_uint_eq(r.cycles, 4);
	ck_assert_uint_eq(r.instret, 4);
	ck_assert_uint_eq(r.x[1], 0x77);
}
END_TEST

/* Running off the end of memory: fetch at the bound faults. */
START_TEST(fetch_past_end)
{
	static const uint32_t nop[2] = {0x00000013, 0x00000013};
	ut_prog p = {0};
	ut_li(&p, 5, K4 - 8);
	ut_op(&p, OP_JALR, 0, 5, 0, 0);
	ut_cfg c = {0};
	c.mem = K4;
	c.data_addr = K4 - 8;
	c.data = nop;
	c.data_len = sizeof nop;
	ut_result r = ut_run(&p, &c);
	ck_assert_uint_eq(r.cause, CAUSE_MEM_FAULT);
	ck_assert_uint_eq(r.value, K4);
	ck_assert_uint_eq(r.pc, K4);
	ck_assert_uint_eq(r.cycles, 2 + 3 + 2);
	ck_assert_uint_eq(r.instret, 5);
}
END_TEST

/* ebreak, and ecall with semihosting off: halt at the instruction, value 0. */
START_TEST(ebreak_ecall)
{
	ut_prog p = {0};
	ut_li(&p, 17, 93);          /* a7 = exit: must not be taken as semihosting */
	ut_op(&p, _i ? OP_ECALL : OP_EBREAK, 0, 0, 0, 0);
	ut_exit(&p, 0);
	ut_cfg c = {0};
	c.no_semihost = _i == 1;
	ut_result r = ut_run(&p, &c);
	ck_assert_uint_eq(r.cause, _i ? CAUSE_ECALL : CAUSE_BREAKPOINT);
	ck_assert_uint_eq(r.value, 0);
	ck_assert_uint_eq(r.pc, 8);
	ck_assert_uint_eq(r.cycles, 2);
	ck_assert_uint_eq(r.instret, 2);
}
END_TEST

/* Instructions that write x0: x0 still reads 0 afterwards. */
START_TEST(x0_stays_zero)
{
	static const isa_op ops[] = {OP_ADDI, OP_LUI, OP_AUIPC, OP_JAL, OP_LW, OP_MUL, OP_DIV,
				     OP_TESS_TID, OP_TESS_MEMBOUND, OP_JALR, OP_SUB, OP_SLTIU};
	isa_op op = ops[_i];
	ut_prog p = {0};
	ut_li(&p, 5, 0x12345678);
	if (op == OP_JAL)
		ut_op(&p, op, 0, 0, 0, 4);
	else if (op == OP_JALR)
		ut_op(&p, op, 0, 0, 0, 12);
	else if (op == OP_LW)
		ut_op(&p, op, 0, 0, 0, 4);
	else
		ut_op(&p, op, 0, 5, 0, 0x7ff);
	ut_op(&p, OP_ADD, 7, 0, 0, 0);
	ut_op(&p, OP_OR, 7, 7, 0, 0);
	ut_exit(&p, 7);
	ut_cfg c = {0};
	c.width = 2;
	c.tile = 1;
	ut_result r = ut_run(&p, &c);
	ck_assert_uint_eq(r.cause, CAUSE_EXIT);
	ck_assert_msg(r.value == 0, "%s x0: x0 reads 0x%x", isa_insns[op].mnemonic, r.value);
	ck_assert_uint_eq(r.x[0], 0);
}
END_TEST

/*
 * The cycle budget (SPEC §7): an instruction issues only while the counter, after any
 * load-use stall, is below the budget; else BUDGET_CYCLES at that instruction with
 * cycles = the counter. Program and issue cycles:
 *   0: addi   1: addi   2: lw x7,0x100(x0)   4: add x8,x7,x7 (stalled from 3)
 *   5: div x9,x8,x8 (34)   39: addi   40: tess.exit x0
 * One loop iteration per budget 1..45.
 */
static const uint64_t issue[] = {0, 1, 2, 4, 5, 39, 40};

START_TEST(budget_cycles)
{
	uint64_t budget = (uint64_t)(_i % 100);   /* 101..145: with a twin tile running */
	ut_prog p = {0};
	ut_op(&p, OP_ADDI, 5, 0, 0, 1);
	ut_op(&p, OP_ADDI, 6, 0, 0, 2);
	ut_op(&p, OP_LW, 7, 0, 0, 0x100);
	ut_op(&p, OP_ADD, 8, 7, 7, 0);
	ut_op(&p, OP_DIV, 9, 8, 8, 0);
	ut_op(&p, OP_ADDI, 10, 0, 0, 3);
	ut_exit(&p, 0);
	ut_cfg c = {0};
	c.budget_cycles = budget;
	c.twin = _i > 100;
	ut_result r = ut_run(&p, &c);
	int k = 0;
	while (k < NROWS(issue) && issue[k] < budget)
		k++;
	if (k == NROWS(issue)) {
		ck_assert_uint_eq(r.cause, CAUSE_EXIT);
		ck_assert_uint_eq(r.cycles, 40);
		return;
	}
	ck_assert_msg(r.cause == CAUSE_BUDGET_CYCLES, "budget %llu: cause %s",
		      (unsigned long long)budget, isa_cause_name(r.cause));
	ck_assert_msg(r.cycles == issue[k], "budget %llu: halted at cycle %llu, want %llu",
		      (unsigned long long)budget, (unsigned long long)r.cycles,
		      (unsigned long long)issue[k]);
	ck_assert_uint_eq(r.pc, 4 * (unsigned)k);
	ck_assert_uint_eq(r.instret, (unsigned)k);
	ck_assert_uint_eq(r.value, 0);
}
END_TEST

/*
 * A budget in a long loop. Iteration k (addi@5k, addi@5k+1, jal@5k+2, 3 cycles)
 * starts at 5k, so iteration 200000 starts at 1000000.
 */
typedef struct { uint64_t budget, cycles; uint32_t pc, x5, x6; } bl_row;
static const bl_row bl_rows[] = {
	{1000001, 1000001, 4, 200001, 200000},  /* the second addi may not issue */
	{1000003, 1000005, 0, 200001, 200001},  /* the jal issues at 1000002, then stop */
	{1000000, 1000000, 0, 200000, 200000},
	{3000001, 3000001, 4, 600001, 600000},  /* across the engine's 2^20-cycle chunks */
	{3000003, 3000005, 0, 600001, 600001},
};

START_TEST(budget_loop)
{
	const bl_row *w = &bl_rows[_i % NROWS(bl_rows)];
	ut_prog p = {0};
	ut_op(&p, OP_ADDI, 5, 5, 0, 1);
	ut_op(&p, OP_ADDI, 6, 6, 0, 1);
	ut_op(&p, OP_JAL, 0, 0, 0, -8);
	ut_cfg c = {0};
	c.budget_cycles = w->budget;
	c.twin = _i >= NROWS(bl_rows);   /* second pass: with a twin tile running */
	ut_result r = ut_run(&p, &c);
	ck_assert_uint_eq(r.cause, CAUSE_BUDGET_CYCLES);
	ck_assert_uint_eq(r.cycles, w->cycles);
	ck_assert_uint_eq(r.pc, w->pc);
	ck_assert_uint_eq(r.x[5], w->x5);
	ck_assert_uint_eq(r.x[6], w->x6);
}
END_TEST

Suite *suite_fault(void)
{
	Suite *s = suite_create("fault");
	TCase *tc = tcase_create("fault");
	tcase_add_loop_test(tc, illegal, 0, NROWS(illegal_words));
	tcase_add_loop_test(tc, access, 0, NROWS(acc_rows));
	tcase_add_loop_test(tc, jump_target, 0, NROWS(jmp_rows));
	tcase_add_test(tc, fetch_past_end);
	tcase_add_loop_test(tc, ebreak_ecall, 0, 2);
	tcase_add_loop_test(tc, x0_stays_zero, 0, 12);
	tcase_add_loop_test(tc, budget_cycles, 1, 46);
	tcase_add_loop_test(tc, budget_cycles, 101, 146);
	tcase_add_loop_test(tc, budget_loop, 0, 2 * NROWS(bl_rows));
	suite_add_tcase(s, tc);
	return s;
}
