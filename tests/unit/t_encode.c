/*
 * The test encoder against the instruction table: every row of isa/insns.def encodes
 * to a word that decodes back to it, and the immediates survive the round trip. Every
 * other unit test builds its programs with this encoder, so it is checked first.
 */
#include "ut.h"

static void check_one(isa_op op, unsigned rd, unsigned rs1, unsigned rs2, int32_t imm)
{
	uint32_t w = ut_enc(op, rd, rs1, rs2, imm);
	isa_format f = isa_insns[op].format;
	bool has_rd = f != FMT_S && f != FMT_B && f != FMT_NONE && f != FMT_FENCE && f != FMT_XRS1;
	bool has_rs1 = f != FMT_U && f != FMT_J && f != FMT_NONE && f != FMT_FENCE && f != FMT_XRD;
	if (!has_rd)
		rd = 0;
	if (!has_rs1)
		rs1 = 0;
	w = ut_enc(op, rd, rs1, rs2, imm);
	ck_assert_msg(isa_decode(w) == op, "%s: 0x%08x decodes as %d", isa_insns[op].mnemonic, w,
		      isa_decode(w));
	if (has_rd)
		ck_assert_uint_eq(isa_rd(w), rd);
	if (has_rs1)
		ck_assert_uint_eq(isa_rs1(w), rs1);
	switch (f) {
	case FMT_I: case FMT_IL: ck_assert_int_eq(isa_imm_i(w), imm); break;
	case FMT_S: ck_assert_int_eq(isa_imm_s(w), imm); break;
	case FMT_B: ck_assert_int_eq(isa_imm_b(w), imm); break;
	case FMT_J: ck_assert_int_eq(isa_imm_j(w), imm); break;
	case FMT_U: ck_assert_int_eq(isa_imm_u(w), imm); break;
	default: break;
	}
}

/* One loop iteration per instruction of the table. */
START_TEST(encode_roundtrip)
{
	isa_op op = (isa_op)_i;
	isa_format f = isa_insns[op].format;
	static const int32_t imms[] = {0, 4, -4, 2044, -2048};
	for (int k = 0; k < NROWS(imms); k++) {
		int32_t imm = imms[k];
		if (f == FMT_U)
			imm = (int32_t)((uint32_t)imm << 12);
		if (f == FMT_SH || f == FMT_R || f == FMT_R4 || f == FMT_NONE || f == FMT_FENCE ||
		    f == FMT_XRD || f == FMT_XRS1 || f == FMT_XRDRS1)
			imm = 0;
		check_one(op, 1 + k, 31 - k, 17, imm);
	}
	if (f == FMT_B)
		check_one(op, 0, 5, 6, 4094), check_one(op, 0, 5, 6, -4096);
	if (f == FMT_J)
		check_one(op, 1, 0, 0, 1048574), check_one(op, 1, 0, 0, -1048576);
}
END_TEST

Suite *suite_encode(void)
{
	Suite *s = suite_create("encode");
	TCase *tc = tcase_create("roundtrip");
	tcase_add_loop_test(tc, encode_roundtrip, 0, OP_COUNT);
	suite_add_tcase(s, tc);
	return s;
}
