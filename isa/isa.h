/*
 * The instruction table as C: enums and lookup built from insns.def, formats.def,
 * timing.def, causes.def, errors.def and tags.def, plus field extraction and the
 * disassembler. Used by the simulator, the assembler and the RTL generator.
 */
#ifndef TESS_ISA_H
#define TESS_ISA_H

#include <stddef.h>
#include <stdint.h>
#include "params.h"

typedef enum {
#define INSN(id, mn, match, mask, fmt, tc) OP_##id,
#include "insns.def"
#undef INSN
	OP_COUNT,
	OP_INVALID = OP_COUNT
} isa_op;

typedef enum {
#define FORMAT(name, syntax, r1, r2, r3) FMT_##name,
#include "formats.def"
#undef FORMAT
	FMT_COUNT
} isa_format;

typedef enum {
#define TIMING(name, cost) TC_##name,
#include "timing.def"
#undef TIMING
	TC_COUNT
} isa_timing_class;

typedef enum {
#define CAUSE(name, num, desc) CAUSE_##name = num,
#include "causes.def"
#undef CAUSE
	CAUSE_COUNT
} isa_cause;

typedef enum {
#define ERROR(name, val, desc) ERR_##name = val,
#include "errors.def"
#undef ERROR
} isa_error;

typedef enum {
#define TAG(name, val, desc) TAG_##name = val,
#include "tags.def"
#undef TAG
} isa_tag;

typedef struct {
	const char *mnemonic;
	uint32_t match, mask;
	isa_format format;
	isa_timing_class timing;
} isa_insn;

typedef struct {
	const char *name;
	const char *syntax;      /* operand order, e.g. "rd,off(rs1)" */
	uint8_t reads_rs1, reads_rs2, reads_rs3;
} isa_format_info;

extern const isa_insn isa_insns[OP_COUNT];
extern const isa_format_info isa_formats[FMT_COUNT];
extern const uint8_t isa_timing_cost[TC_COUNT];
extern const char *const isa_reg_names[32];

/* The instruction a word encodes, or OP_INVALID. */
isa_op isa_decode(uint32_t word);
const char *isa_cause_name(unsigned cause);   /* "MEM_FAULT" */
const char *isa_cause_text(unsigned cause);   /* "access outside the memory bound" */
const char *isa_tag_name(unsigned tag);       /* NULL when not reserved */

/* Register number for an ABI or xN name, or -1. */
int isa_reg_number(const char *name, size_t len);

/* Fields. */
static inline unsigned isa_rd(uint32_t w) { return (w >> 7) & 31; }
static inline unsigned isa_rs1(uint32_t w) { return (w >> 15) & 31; }
static inline unsigned isa_rs2(uint32_t w) { return (w >> 20) & 31; }
static inline unsigned isa_rs3(uint32_t w) { return (w >> 27) & 31; }
static inline int32_t isa_imm_i(uint32_t w) { return (int32_t)w >> 20; }
static inline int32_t isa_imm_s(uint32_t w)
{
	return ((int32_t)w >> 25) * 32 + (int32_t)((w >> 7) & 31);
}
static inline int32_t isa_imm_b(uint32_t w)
{
	uint32_t v = ((w >> 8) & 15) << 1 | ((w >> 25) & 63) << 5 |
		     ((w >> 7) & 1) << 11 | (w >> 31) << 12;
	return (int32_t)(v << 19) >> 19;
}
static inline int32_t isa_imm_u(uint32_t w) { return (int32_t)(w & 0xfffff000u); }
static inline int32_t isa_imm_j(uint32_t w)
{
	uint32_t v = ((w >> 21) & 1023) << 1 | ((w >> 20) & 1) << 11 |
		     ((w >> 12) & 255) << 12 | (w >> 31) << 20;
	return (int32_t)(v << 11) >> 11;
}

/*
 * Disassemble one word at pc into buf, GNU objdump style without aliases
 * ("addi a0,a0,1", "lw a0,8(sp)", "beq a0,a1,0x40"). Returns the length written.
 * Unknown words print as ".word 0x...".
 */
int isa_disasm(uint32_t word, uint32_t pc, char *buf, size_t size);

#endif
