/*
 * Semihosting (SPEC §11) as far as the core sees it: return values of write/read to
 * bad descriptors and unknown calls, exit through a7 = 93/94, buffers outside the bound,
 * and the cost of an ecall (1).
 */
#include "ut.h"

typedef struct {
	uint32_t a7, a0, a1, a2;
	uint32_t cause, value;   /* how the tile halts */
	uint32_t a0_after;       /* for calls that return */
} sh_row;

#define K64 65536u
static const sh_row sh_rows[] = {
	{64, 3, 0x100, 4, CAUSE_EXIT, 0, (uint32_t)-9},     /* write to fd 3: EBADF */
	{64, 0, 0x100, 4, CAUSE_EXIT, 0, (uint32_t)-9},     /* write to stdin */
	{64, 1, 0x100, 0, CAUSE_EXIT, 0, 0},                /* empty write */
	{63, 5, 0x100, 4, CAUSE_EXIT, 0, (uint32_t)-9},     /* read from fd 5 */
	{1000, 1, 0x100, 4, CAUSE_EXIT, 0, (uint32_t)-38},  /* unknown: ENOSYS */
	{0, 0, 0, 0, CAUSE_EXIT, 0, (uint32_t)-38},
	{93, 7, 0, 0, CAUSE_EXIT, 7, 0},
	{94, 0x1ff, 0, 0, CAUSE_EXIT, 0x1ff, 0},
	{93, 0xffffffff, 0, 0, CAUSE_EXIT, 0xffffffff, 0},
	{64, 1, K64 - 2, 4, CAUSE_MEM_FAULT, K64 - 2, 0},   /* buffer crosses the bound */
	{64, 2, 0xfffffff0, 0x20, CAUSE_MEM_FAULT, 0xfffffff0, 0},
	{64, 1, 0x100, 0xffffffff, CAUSE_MEM_FAULT, 0x100, 0},
};

/* li a7; li a0; li a1; li a2 (8 cycles); ecall (1); tess.exit a0 */
START_TEST(semihost)
{
	const sh_row *w = &sh_rows[_i];
	ut_prog p = {0};
	ut_li(&p, 17, w->a7);
	ut_li(&p, 10, w->a0);
	ut_li(&p, 11, w->a1);
	ut_li(&p, 12, w->a2);
	ut_op(&p, OP_ECALL, 0, 0, 0, 0);
	ut_op(&p, OP_ADDI, 10, 10, 0, 0);
	ut_exit(&p, 10);
	ut_result r = ut_run(&p, NULL);
	ck_assert_msg(r.cause == w->cause, "a7=%u: cause %s", w->a7, isa_cause_name(r.cause));
	if (r.pc == 32) {           /* halted in the ecall */
		ck_assert_uint_eq(r.value, w->value);
		ck_assert_uint_eq(r.cycles, 8);
		ck_assert_uint_eq(r.instret, 8);
		return;
	}
	ck_assert_uint_eq(r.pc, 40);
	ck_assert_uint_eq(r.value, w->a0_after);
	ck_assert_uint_eq(r.cycles, 10);
}
END_TEST

Suite *suite_semihost(void)
{
	Suite *s = suite_create("semihost");
	TCase *tc = tcase_create("semihost");
	tcase_add_loop_test(tc, semihost, 0, NROWS(sh_rows));
	suite_add_tcase(s, tc);
	return s;
}
