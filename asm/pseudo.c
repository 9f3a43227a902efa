/*
 * Pseudo-instructions, written by hand: each expands into table instructions, built by
 * name through the table (insn()) so no encoding is repeated here. Expansions are GNU
 * as's (-march=rv32im, no compressed instructions, no relaxation), so that objects
 * compare byte for byte.
 */
#include "asm.h"

#include <string.h>

#include "isa.h"

#define MAXOPS 4

typedef struct {
	asm_state *a;
	const char *p[MAXOPS], *e[MAXOPS];
	int n;
} pctx;

/* The match word of a table instruction, by mnemonic. */
static uint32_t match(const char *mn)
{
	int op = asm_find_op(mn, strlen(mn));
	return op >= 0 ? isa_insns[op].match : 0;
}

static uint32_t rtype(const char *mn, int rd, int rs1, int rs2)
{
	return match(mn) | (uint32_t)rd << 7 | (uint32_t)rs1 << 15 | (uint32_t)rs2 << 20;
}

static uint32_t itype(const char *mn, int rd, int rs1, int32_t imm)
{
	return match(mn) | (uint32_t)rd << 7 | (uint32_t)rs1 << 15 | ((uint32_t)imm & 0xfff) << 20;
}

static int reg(pctx *c, int i)
{
	int r = asm_reg(c->p[i], c->e[i]);
	if (r < 0)
		asm_error(c->a, c->p[i], "register expected, found '%.*s'",
			  (int)(c->e[i] - c->p[i]), c->p[i]);
	return r < 0 ? 0 : r;
}

static bool is_reg(pctx *c, int i) { return asm_reg(c->p[i], c->e[i]) >= 0; }

static bool expr(pctx *c, int i, asm_val *v)
{
	if (asm_expr(c->a, c->p[i], c->e[i], v))
		return true;
	v->v = 0;
	v->sym = -1;
	return false;
}

static void branch(pctx *c, const char *mn, int rs1, int rs2, int ti)
{
	asm_val t;
	if (!expr(c, ti, &t))
		t.sym = -1;
	asm_emit_branch(c->a, c->p[ti], rtype(mn, 0, rs1, rs2), !strcmp(mn, "jal"), &t);
}

static void jal(pctx *c, int rd, int ti)
{
	asm_val t;
	expr(c, ti, &t);
	asm_emit_branch(c->a, c->p[ti], match("jal") | (uint32_t)rd << 7, true, &t);
}

static void li(pctx *c)
{
	asm_state *a = c->a;
	int rd = reg(c, 0);
	asm_val v;
	int64_t k = 0;
	bool ok = expr(c, 1, &v);
	if (ok && v.sym >= 0 && a->pass == 2)
		asm_error(a, c->p[1], "li needs a constant; use la for an address");
	else if (ok && a->pass == 2)
		asm_const(a, c->p[1], &v, &k);
	else
		k = v.v;
	if (a->pass == 2 && (k < -2147483648LL || k > 0xffffffffLL))
		asm_error(a, c->p[1], "li value %lld does not fit in 32 bits", (long long)k);
	uint32_t u = (uint32_t)k;
	int32_t lo = (int32_t)(u << 20) >> 20;
	uint32_t hi = u - (uint32_t)lo;
	uint32_t size = asm_fixed_size(a, (hi && lo) || v.sym >= 0 ? 8 : 4);
	if (hi || size == 8)
		asm_emit_word(a, match("lui") | (uint32_t)rd << 7 | (hi >> 12) << 12);
	if (lo || size == 8 || !hi)
		asm_emit_word(a, itype("addi", rd, hi || size == 8 ? rd : 0, lo));
}

/* auipc rd, %pcrel_hi(sym); then a word using %pcrel_lo of the auipc's label. */
static void pcrel_pair(pctx *c, int rd, int si, uint32_t second, bool store)
{
	asm_state *a = c->a;
	asm_val v;
	expr(c, si, &v);
	if (v.sym < 0 && a->pass == 2)
		asm_error(a, c->p[si], "a symbol is expected here");
	int label = asm_new_label(a);
	if (v.sym >= 0)
		asm_add_reloc(a, asm_pc(a), R_RV_PCREL_HI20, v.sym, (int32_t)v.v);
	asm_emit_word(a, match("auipc") | (uint32_t)rd << 7);
	asm_val lo = {0, label};
	asm_emit_itype(a, c->p[si], second, MOD_PCREL_LO, &lo, store);
}

static void call(pctx *c, int rd, int base, int si)
{
	asm_state *a = c->a;
	asm_val v;
	expr(c, si, &v);
	if (v.sym < 0 && a->pass == 2)
		asm_error(a, c->p[si], "a symbol is expected here");
	if (v.sym >= 0)
		asm_add_reloc(a, asm_pc(a), R_RV_CALL_PLT, v.sym, (int32_t)v.v);
	asm_emit_word(a, match("auipc") | (uint32_t)base << 7);
	asm_emit_word(a, itype("jalr", rd, base, 0));
}

static void shift_pair(pctx *c, const char *second, int amount)
{
	int rd = reg(c, 0), rs = reg(c, 1);
	asm_emit_word(c->a, match("slli") | (uint32_t)rd << 7 | (uint32_t)rs << 15 |
		      (uint32_t)amount << 20);
	asm_emit_word(c->a, match(second) | (uint32_t)rd << 7 | (uint32_t)rd << 15 |
		      (uint32_t)amount << 20);
}

static bool is_load(const char *mn)
{
	static const char *const loads[] = {"lb", "lh", "lw", "lbu", "lhu"};
	for (size_t i = 0; i < sizeof loads / sizeof loads[0]; i++)
		if (!strcmp(mn, loads[i]))
			return true;
	return false;
}

static bool ends_paren(pctx *c, int i) { return c->e[i] > c->p[i] && c->e[i][-1] == ')'; }

/* Forms of real mnemonics that take other operands (jal t, jalr rs, lw rd, sym...). */
static bool short_form(pctx *c, const char *mn)
{
	if (!strcmp(mn, "jal") && c->n == 1)
		return jal(c, 1, 0), true;
	if (!strcmp(mn, "jalr") && c->n == 1)
		return asm_emit_word(c->a, itype("jalr", 1, reg(c, 0), 0)), true;
	if (!strcmp(mn, "jalr") && c->n == 2 && is_reg(c, 1))
		return asm_emit_word(c->a, itype("jalr", reg(c, 0), reg(c, 1), 0)), true;
	if (!strcmp(mn, "jalr") && c->n == 3) {
		asm_val v = {0, -1};
		expr(c, 2, &v);
		asm_emit_itype(c->a, c->p[2], itype("jalr", reg(c, 0), reg(c, 1), 0),
			       MOD_NONE, &v, false);
		return true;
	}
	if (!strcmp(mn, "fence") && c->n == 0)
		return asm_emit_word(c->a, match("fence") | 0xffu << 20), true;
	if (is_load(mn) && c->n == 2 && !ends_paren(c, 1)) {
		int rd = reg(c, 0);
		pcrel_pair(c, rd, 1, itype(mn, rd, rd, 0), false);
		return true;
	}
	if ((!strcmp(mn, "sb") || !strcmp(mn, "sh") || !strcmp(mn, "sw")) && c->n == 3) {
		int rt = reg(c, 2);
		pcrel_pair(c, rt, 1, rtype(mn, 0, rt, reg(c, 0)), true);
		return true;
	}
	return false;
}

static bool expand(pctx *c, const char *mn)
{
	asm_state *a = c->a;
#define IS(s, k) (!strcmp(mn, s) && c->n == (k))
	if (IS("nop", 0)) asm_emit_word(a, itype("addi", 0, 0, 0));
	else if (IS("ret", 0)) asm_emit_word(a, itype("jalr", 0, 1, 0));
	else if (IS("unimp", 0)) asm_emit_word(a, 0xc0001073);   /* csrrw x0, cycle, x0 */
	else if (IS("li", 2)) li(c);
	else if (IS("la", 2) || IS("lla", 2)) {
		int rd = reg(c, 0);
		pcrel_pair(c, rd, 1, itype("addi", rd, rd, 0), false);
	}
	else if (IS("mv", 2)) asm_emit_word(a, itype("addi", reg(c, 0), reg(c, 1), 0));
	else if (IS("not", 2)) asm_emit_word(a, itype("xori", reg(c, 0), reg(c, 1), -1));
	else if (IS("neg", 2)) asm_emit_word(a, rtype("sub", reg(c, 0), 0, reg(c, 1)));
	else if (IS("seqz", 2)) asm_emit_word(a, itype("sltiu", reg(c, 0), reg(c, 1), 1));
	else if (IS("snez", 2)) asm_emit_word(a, rtype("sltu", reg(c, 0), 0, reg(c, 1)));
	else if (IS("sltz", 2)) asm_emit_word(a, rtype("slt", reg(c, 0), reg(c, 1), 0));
	else if (IS("sgtz", 2)) asm_emit_word(a, rtype("slt", reg(c, 0), 0, reg(c, 1)));
	else if (IS("sgt", 3)) asm_emit_word(a, rtype("slt", reg(c, 0), reg(c, 2), reg(c, 1)));
	else if (IS("sgtu", 3)) asm_emit_word(a, rtype("sltu", reg(c, 0), reg(c, 2), reg(c, 1)));
	else if (IS("zext.b", 2)) asm_emit_word(a, itype("andi", reg(c, 0), reg(c, 1), 255));
	else if (IS("zext.h", 2)) shift_pair(c, "srli", 16);
	else if (IS("sext.b", 2)) shift_pair(c, "srai", 24);
	else if (IS("sext.h", 2)) shift_pair(c, "srai", 16);
	else if (IS("beqz", 2)) branch(c, "beq", reg(c, 0), 0, 1);
	else if (IS("bnez", 2)) branch(c, "bne", reg(c, 0), 0, 1);
	else if (IS("blez", 2)) branch(c, "bge", 0, reg(c, 0), 1);
	else if (IS("bgez", 2)) branch(c, "bge", reg(c, 0), 0, 1);
	else if (IS("bltz", 2)) branch(c, "blt", reg(c, 0), 0, 1);
	else if (IS("bgtz", 2)) branch(c, "blt", 0, reg(c, 0), 1);
	else if (IS("bgt", 3)) branch(c, "blt", reg(c, 1), reg(c, 0), 2);
	else if (IS("ble", 3)) branch(c, "bge", reg(c, 1), reg(c, 0), 2);
	else if (IS("bgtu", 3)) branch(c, "bltu", reg(c, 1), reg(c, 0), 2);
	else if (IS("bleu", 3)) branch(c, "bgeu", reg(c, 1), reg(c, 0), 2);
	else if (IS("j", 1)) jal(c, 0, 0);
	else if (IS("jr", 1)) asm_emit_word(a, itype("jalr", 0, reg(c, 0), 0));
	else if (IS("jr", 2)) {
		asm_val v = {0, -1};
		expr(c, 1, &v);
		asm_emit_itype(a, c->p[1], itype("jalr", 0, reg(c, 0), 0), MOD_NONE, &v, false);
	}
	else if (IS("call", 1)) call(c, 1, 1, 0);
	else if (IS("call", 2)) call(c, reg(c, 0), 6, 1);
	else if (IS("tail", 1)) call(c, 0, 6, 0);
	else
		return short_form(c, mn);
#undef IS
	return true;
}

/* Table rows that also have other operand forms (short_form()). */
static bool has_short_form(int op)
{
	switch (op) {
	case OP_JAL: case OP_JALR: case OP_FENCE: case OP_LB: case OP_LH: case OP_LW:
	case OP_LBU: case OP_LHU: case OP_SB: case OP_SH: case OP_SW:
		return true;
	}
	return false;
}

bool asm_pseudo(asm_state *a, const char *mn, size_t mnlen, const char *ops,
		const char *end)
{
	char name[16];
	if (mnlen >= sizeof name)
		return false;
	int op = asm_find_op(mn, mnlen);
	if (op >= 0 && !has_short_form(op))
		return false;             /* the common case: a plain table instruction */
	memcpy(name, mn, mnlen);
	name[mnlen] = 0;
	pctx c = {.a = a};
	c.n = asm_split_operands(ops, end, c.p, c.e, MAXOPS);
	if (c.n > MAXOPS)
		return false;
	return expand(&c, name);
}
