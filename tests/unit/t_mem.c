/*
 * Loads and stores: results (sign/zero extension, byte order), cost, the load-use
 * stall (SPEC §5: 1 cycle, charged to the consumer, only when the very next
 * instruction reads the loaded rd as rs1/rs2), and self-modifying code.
 */
#include <string.h>

#include "ut.h"

#define DATA 0x800u
static const uint8_t data[16] = {0x80, 0xff, 0x7f, 0x01, 0x78, 0x56, 0x34, 0x12,
				 0x00, 0x80, 0xff, 0x7f, 0x00, 0x09, 0x00, 0x00};

static ut_cfg data_cfg(void)
{
	ut_cfg c = {0};
	c.data_addr = DATA;
	c.data = data;
	c.data_len = sizeof data;
	return c;
}

typedef struct { isa_op op; uint32_t base; int32_t off; uint32_t want; } ld_row;

static const ld_row ld_rows[] = {
	{OP_LB, DATA, 0, 0xffffff80}, {OP_LBU, DATA, 0, 0x80}, {OP_LB, DATA, 2, 0x7f},
	{OP_LBU, DATA, 1, 0xff}, {OP_LB, DATA, 1, 0xffffffff},
	{OP_LH, DATA, 0, 0xffffff80}, {OP_LHU, DATA, 0, 0xff80}, {OP_LH, DATA, 2, 0x017f},
	{OP_LH, DATA, 10, 0x7fff}, {OP_LHU, DATA, 8, 0x8000}, {OP_LH, DATA, 8, 0xffff8000},
	{OP_LW, DATA, 0, 0x017fff80}, {OP_LW, DATA, 4, 0x12345678}, {OP_LW, DATA + 4, -4, 0x017fff80},
	{OP_LW, DATA + 2048, -2048, 0x017fff80}, {OP_LW, DATA - 2044, 2047 - 3, 0x017fff80},
	{OP_LBU, DATA + 7, 0, 0x12},
};

/* li x5,base; LOAD x7,off(x5); nop; tess.exit x7 (the nop keeps the stall out) */
START_TEST(load)
{
	const ld_row *w = &ld_rows[_i];
	ut_prog p = {0};
	ut_li(&p, 5, w->base);
	ut_op(&p, w->op, 7, 5, 0, w->off);
	ut_op(&p, OP_ADDI, 0, 0, 0, 0);
	ut_exit(&p, 7);
	ut_cfg c = data_cfg();
	ut_result r = ut_run(&p, &c);
	ck_assert_uint_eq(r.cause, CAUSE_EXIT);
	ck_assert_msg(r.value == w->want, "%s %d(0x%x) = 0x%08x, want 0x%08x",
		      isa_insns[w->op].mnemonic, w->off, w->base, r.value, w->want);
	ck_assert_uint_eq(r.cycles, 4);
	ck_assert_uint_eq(r.stall_load_use, 0);
}
END_TEST

typedef struct { isa_op op; uint32_t value; int32_t off; uint8_t want[8]; } st_row;

static const st_row st_rows[] = {
	{OP_SB, 0x12345678, 1, {0, 0x78, 0, 0, 0, 0, 0, 0}},
	{OP_SB, 0xffffffff, 7, {0, 0, 0, 0, 0, 0, 0, 0xff}},
	{OP_SH, 0xabcdef01, 2, {0, 0, 0x01, 0xef, 0, 0, 0, 0}},
	{OP_SH, 0x8000, 6, {0, 0, 0, 0, 0, 0, 0x00, 0x80}},
	{OP_SW, 0x80000001, 0, {0x01, 0, 0, 0x80, 0, 0, 0, 0}},
	{OP_SW, 0x12345678, 4, {0, 0, 0, 0, 0x78, 0x56, 0x34, 0x12}},
	{OP_SW, 0xdeadbeef, -2048 + 4, {0, 0, 0, 0, 0xef, 0xbe, 0xad, 0xde}},
};

/* li x5,0x800 (or 0x1000 for negative offsets); li x6,value; STORE x6,off(x5); exit */
START_TEST(store)
{
	const st_row *w = &st_rows[_i];
	ut_prog p = {0};
	ut_li(&p, 5, w->off < 0 ? DATA + 2048 : DATA);
	ut_li(&p, 6, w->value);
	ut_op(&p, w->op, 0, 5, 6, w->off);
	ut_exit(&p, 0);
	ut_cfg c = {0};
	c.data_addr = DATA;
	ut_result r = ut_run(&p, &c);
	ck_assert_uint_eq(r.cause, CAUSE_EXIT);
	for (int k = 0; k < 8; k++)
		ck_assert_msg(r.mem[k] == w->want[k], "%s: byte %d = 0x%02x, want 0x%02x",
			      isa_insns[w->op].mnemonic, k, r.mem[k], w->want[k]);
	ck_assert_uint_eq(r.cycles, 5);
	ck_assert_uint_eq(r.instret, 5);
}
END_TEST

/* A store then a load of the same bytes, every width. */
START_TEST(store_load_back)
{
	static const isa_op st[] = {OP_SB, OP_SH, OP_SW};
	static const isa_op ld[] = {OP_LBU, OP_LHU, OP_LW};
	static const uint32_t mask[] = {0xff, 0xffff, 0xffffffff};
	ut_prog p = {0};
	ut_li(&p, 5, DATA);
	ut_li(&p, 6, 0xcafef00d);
	ut_op(&p, st[_i], 0, 5, 6, 12);
	ut_op(&p, ld[_i], 7, 5, 0, 12);
	ut_op(&p, OP_ADDI, 0, 0, 0, 0);
	ut_exit(&p, 7);
	ut_result r = ut_run(&p, NULL);
	ck_assert_uint_eq(r.value, 0xcafef00d & mask[_i]);
	ck_assert_uint_eq(r.cycles, 7);
}
END_TEST

/*
 * Load-use rows: li x5,0x800 (2 cycles); lw x7,0(x5) (1); CONSUMER; tess.exit x0.
 * The word at 0x800 is 0x900, a valid address, so consumers may use it as a base.
 */
typedef struct { const char *what; uint32_t consumer; unsigned stall, cost; } lu_row;

#define E(op, rd, rs1, rs2, imm) ut_enc(op, rd, rs1, rs2, imm)

static lu_row lu_rows[32];
static int n_lu;

static void lu_init(void)
{
	if (n_lu)
		return;
	lu_row v[] = {
		{"add x8,x7,x0", E(OP_ADD, 8, 7, 0, 0), 1, 1},
		{"add x8,x0,x7", E(OP_ADD, 8, 0, 7, 0), 1, 1},
		{"addi x8,x7,1", E(OP_ADDI, 8, 7, 0, 1), 1, 1},
		{"addi x8,x0,7", E(OP_ADDI, 8, 0, 0, 7), 0, 1},
		{"addi x7,x0,1 (writes, reads not)", E(OP_ADDI, 7, 0, 0, 1), 0, 1},
		{"lui x8 with rs1/rs2 bits = 7", E(OP_LUI, 8, 0, 0, (7 << 15) | (7 << 20)), 0, 1},
		{"auipc x7", E(OP_AUIPC, 7, 0, 0, 0), 0, 1},
		{"slli x8,x7,1", E(OP_SLLI, 8, 7, 0, 1), 1, 1},
		{"sw x7,4(x5) (rs2)", E(OP_SW, 0, 5, 7, 4), 1, 1},
		{"sw x0,0(x7) (rs1)", E(OP_SW, 0, 7, 0, 0), 1, 1},
		{"lw x8,0(x7)", E(OP_LW, 8, 7, 0, 0), 1, 1},
		{"beq x7,x0 not taken", E(OP_BEQ, 0, 7, 0, 8), 1, 1},
		{"bne x0,x7 taken", E(OP_BNE, 0, 0, 7, 4), 1, 3},
		{"mul x8,x7,x7", E(OP_MUL, 8, 7, 7, 0), 1, 3},
		{"divu x8,x5,x7", E(OP_DIVU, 8, 5, 7, 0), 1, 34},
		{"tess.tid x7 (rd only)", E(OP_TESS_TID, 7, 0, 0, 0), 0, 1},
		{"fence", E(OP_FENCE, 0, 0, 0, 0), 0, 1},
		{"jal x7,+4", E(OP_JAL, 7, 0, 0, 4), 0, 3},
		{"add x8,x6,x6", E(OP_ADD, 8, 6, 6, 0), 0, 1},
	};
	memcpy(lu_rows, v, sizeof v);
	n_lu = NROWS(v);
}

/* The word at 0x800 is 0x900 for the load-use tests. */
static ut_cfg lu_cfg(void)
{
	static const uint8_t w900[4] = {0x00, 0x09, 0x00, 0x00};
	ut_cfg c = {0};
	c.data_addr = DATA;
	c.data = w900;
	c.data_len = sizeof w900;
	return c;
}

START_TEST(load_use)
{
	lu_init();
	ck_assert_int_lt(_i, n_lu);
	const lu_row *w = &lu_rows[_i];
	ut_prog p = {0};
	ut_li(&p, 5, DATA);
	ut_op(&p, OP_LW, 7, 5, 0, 0);
	ut_emit(&p, w->consumer);
	ut_exit(&p, 0);
	ut_cfg c = lu_cfg();
	ut_result r = ut_run(&p, &c);
	ck_assert_msg(r.cause == CAUSE_EXIT, "%s: cause %u", w->what, r.cause);
	ck_assert_msg(r.cycles == 3 + w->stall + w->cost, "%s: %llu cycles, want %u", w->what,
		      (unsigned long long)r.cycles, 3 + w->stall + w->cost);
	ck_assert_msg(r.stall_load_use == w->stall, "%s: stall_load_use %llu", w->what,
		      (unsigned long long)r.stall_load_use);
}
END_TEST

/* The stall is only for the next instruction, and not for a load into x0. */
START_TEST(load_use_not_next)
{
	ut_prog p = {0};
	ut_li(&p, 5, DATA);
	ut_op(&p, OP_LW, 7, 5, 0, 0);        /* 2 */
	ut_op(&p, OP_ADDI, 0, 0, 0, 0);      /* 3 */
	ut_op(&p, OP_ADD, 8, 7, 7, 0);       /* 4: no stall */
	ut_op(&p, OP_LW, 0, 5, 0, 0);        /* 5: load into x0 */
	ut_op(&p, OP_ADD, 9, 0, 0, 0);       /* 6: reads x0: no stall */
	ut_op(&p, OP_LW, 10, 5, 0, 0);       /* 7 */
	ut_op(&p, OP_LW, 11, 10, 0, 0);      /* 9 after a 1-cycle stall: load after load */
	ut_op(&p, OP_ADD, 12, 11, 10, 0);    /* 11 after a stall */
	ut_exit(&p, 12);                     /* 12 */
	ut_cfg c = lu_cfg();
	ut_result r = ut_run(&p, &c);
	ck_assert_uint_eq(r.cause, CAUSE_EXIT);
	ck_assert_uint_eq(r.cycles, 12);
	ck_assert_uint_eq(r.stall_load_use, 2);
	ck_assert_uint_eq(r.x[8], 0x1200);
	ck_assert_uint_eq(r.value, 0x900 + 0);   /* word at 0x900 is 0 */
}
END_TEST

/* tess.exit x7 right after the load: the stall delays the halting instruction. */
START_TEST(load_use_into_exit)
{
	ut_prog p = {0};
	ut_li(&p, 5, DATA);
	ut_op(&p, OP_LW, 7, 5, 0, 0);
	ut_exit(&p, 7);
	ut_cfg c = lu_cfg();
	ut_result r = ut_run(&p, &c);
	ck_assert_uint_eq(r.value, 0x900);
	ck_assert_uint_eq(r.cycles, 4);
}
END_TEST

/*
 * Self-modifying code. The loop body at P = 12 runs once as "addi x7,x7,1", is then
 * overwritten (store of width W at P + off) and runs again: x7 = 1 + new immediate.
 *   0: li x5, NEW      8: addi x6,x0,0   12: P   16: addi x6,x6,1
 *  20: STORE x5,ADDR(x0)   24: addi x8,x0,2   28: blt x6,x8,-16   32: tess.exit x7
 */
typedef struct { isa_op op; int32_t off; uint32_t value; uint32_t want; } smc_row;

static uint32_t smc_value(int i, uint32_t *want, isa_op *op, int32_t *off)
{
	uint32_t add256 = ut_enc(OP_ADDI, 7, 7, 0, 0x100);
	switch (i) {
	case 0: *op = OP_SW; *off = 0; *want = 1 + 0x100; return add256;
	case 1: *op = OP_SH; *off = 2; *want = 1 + 0x100; return add256 >> 16;
	case 2: *op = OP_SB; *off = 3; *want = 1 + 0x101; return add256 >> 24;
	default: *op = OP_SW; *off = 0; *want = 2; return ut_enc(OP_ADDI, 7, 7, 0, 1);
	}
}

START_TEST(self_modifying)
{
	uint32_t want, v;
	isa_op op;
	int32_t off;
	v = smc_value(_i, &want, &op, &off);
	ut_prog p = {0};
	ut_li(&p, 5, v);
	ut_op(&p, OP_ADDI, 6, 0, 0, 0);
	ut_op(&p, OP_ADDI, 7, 7, 0, 1);
	ut_op(&p, OP_ADDI, 6, 6, 0, 1);
	ut_op(&p, op, 0, 0, 5, 12 + off);
	ut_op(&p, OP_ADDI, 8, 0, 0, 2);
	ut_op(&p, OP_BLT, 0, 6, 8, -16);
	ut_exit(&p, 7);
	ut_result r = ut_run(&p, NULL);
	ck_assert_uint_eq(r.cause, CAUSE_EXIT);
	ck_assert_uint_eq(r.value, want);
}
END_TEST

/* A store into the next instruction, never fetched before, is seen too. */
START_TEST(store_into_next)
{
	ut_prog p = {0};
	ut_li(&p, 5, ut_enc(OP_ADDI, 7, 0, 0, 42));  /* 0, 4 */
	ut_op(&p, OP_SW, 0, 0, 5, 12);               /* 8: overwrite 12 */
	ut_op(&p, OP_ADDI, 7, 0, 0, 1);              /* 12 */
	ut_exit(&p, 7);
	ut_result r = ut_run(&p, NULL);
	ck_assert_uint_eq(r.value, 42);
}
END_TEST

Suite *suite_mem(void)
{
	Suite *s = suite_create("mem");
	TCase *tc = tcase_create("mem");
	tcase_add_loop_test(tc, load, 0, NROWS(ld_rows));
	tcase_add_loop_test(tc, store, 0, NROWS(st_rows));
	tcase_add_loop_test(tc, store_load_back, 0, 3);
	tcase_add_loop_test(tc, load_use, 0, 19);
	tcase_add_test(tc, load_use_not_next);
	tcase_add_test(tc, load_use_into_exit);
	tcase_add_loop_test(tc, self_modifying, 0, 4);
	tcase_add_test(tc, store_into_next);
	suite_add_tcase(s, tc);
	return s;
}
