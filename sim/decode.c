/* Predecoding: from an instruction word to the fields the interpreter uses. */
#include <string.h>

#include "core.h"

static int32_t imm_of(isa_format f, uint32_t w, isa_op op)
{
	switch (f) {
	case FMT_I:
	case FMT_SH:
		return isa_imm_i(w);
	case FMT_IL:
		return isa_imm_i(w);
	case FMT_S:
		return isa_imm_s(w);
	case FMT_B:
		return isa_imm_b(w);
	case FMT_U:
		return isa_imm_u(w);
	case FMT_J:
		return isa_imm_j(w);
	default:
		return op == OP_INVALID ? (int32_t)w : 0;
	}
}

void core_predecode(const tile_t *t, uint32_t pc, dinsn *d)
{
	uint32_t w;
	memcpy(&w, t->mem + pc, 4);
	core_decode_word(w, d);
}

void core_decode_word(uint32_t w, dinsn *d)
{
	isa_op op = isa_decode(w);
	memset(d, 0, sizeof *d);
	d->op = (uint8_t)op;
	d->run = DINSN_RUN_UNKNOWN;
	if (op == OP_INVALID) {
		d->imm = (int32_t)w;
		return;
	}
	isa_format f = isa_insns[op].format;
	const isa_format_info *fi = &isa_formats[f];
	d->rd = (uint8_t)isa_rd(w);
	d->rs1 = (uint8_t)isa_rs1(w);
	d->rs2 = (uint8_t)isa_rs2(w);
	d->rs3 = (uint8_t)isa_rs3(w);
	d->src1 = fi->reads_rs1 ? d->rs1 : 0;
	d->src2 = fi->reads_rs2 ? d->rs2 : 0;
	d->imm = imm_of(f, w, op);
	if (f == FMT_SH)
		d->imm = (int32_t)isa_rs2(w);
}
