/*
 * Instructions from the table: the mnemonic names a row of isa/insns.def, the row's
 * format (isa/formats.def) lists the operands in order, and each operand token places
 * its value in the word that starts as the row's match. No instruction is described
 * here; adding a row to the table makes it assemble.
 */
#include "asm.h"

#include <string.h>

#include "isa.h"

static uint32_t imm_i(uint32_t v) { return (v & 0xfff) << 20; }
static uint32_t imm_s(uint32_t v) { return (v & 0x1f) << 7 | ((v >> 5) & 0x7f) << 25; }
static uint32_t imm_b(uint32_t v)
{
	return ((v >> 11) & 1) << 7 | ((v >> 1) & 15) << 8 | ((v >> 5) & 63) << 25 |
	       ((v >> 12) & 1) << 31;
}
static uint32_t imm_j(uint32_t v)
{
	return ((v >> 12) & 255) << 12 | ((v >> 11) & 1) << 20 | ((v >> 1) & 1023) << 21 |
	       ((v >> 20) & 1) << 31;
}

uint32_t asm_hi20(uint32_t v) { return ((v + 0x800) >> 12) & 0xfffff; }

/* Mnemonic -> row, hashed once (assembly time is mostly looking things up). */
#define OPHASH 512
static int16_t op_hash[OPHASH];

static unsigned hash_mn(const char *s, size_t n)
{
	unsigned h = 5381;
	for (size_t i = 0; i < n; i++)
		h = h * 33 + (unsigned char)s[i];
	return h & (OPHASH - 1);
}

int asm_find_op(const char *mn, size_t len)
{
	if (!op_hash[0] && !op_hash[1]) {     /* first use: every slot starts at -1 */
		for (int i = 0; i < OPHASH; i++)
			op_hash[i] = -1;
		for (int op = 0; op < OP_COUNT; op++) {
			const char *m = isa_insns[op].mnemonic;
			unsigned h = hash_mn(m, strlen(m));
			while (op_hash[h] >= 0)
				h = (h + 1) & (OPHASH - 1);
			op_hash[h] = (int16_t)op;
		}
	}
	for (unsigned h = hash_mn(mn, len); op_hash[h] >= 0; h = (h + 1) & (OPHASH - 1)) {
		const char *m = isa_insns[op_hash[h]].mnemonic;
		if (!strncmp(m, mn, len) && m[len] == 0)
			return op_hash[h];
	}
	return -1;
}

static bool in_range(int64_t v, int64_t lo, int64_t hi) { return v >= lo && v <= hi; }

void asm_emit_itype(asm_state *a, const char *at, uint32_t word, asm_modifier mod,
		    const asm_val *v, bool store)
{
	uint32_t (*place)(uint32_t) = store ? imm_s : imm_i;
	uint32_t pc = asm_pc(a);
	int64_t c;
	if (mod == MOD_PCREL_LO || (mod == MOD_LO && v->sym >= 0)) {
		if (v->sym < 0) {
			asm_error(a, at, "%%pcrel_lo needs the label of an auipc");
			return asm_emit_word(a, word);
		}
		int type = mod == MOD_LO ? (store ? R_RV_LO12_S : R_RV_LO12_I)
					 : (store ? R_RV_PCREL_LO12_S : R_RV_PCREL_LO12_I);
		asm_add_reloc(a, pc, type, v->sym, (int32_t)v->v);
		/* GNU as leaves the addend's low part in a %lo field (not in %pcrel_lo) */
		return asm_emit_word(a, word | (mod == MOD_LO ? place((uint32_t)v->v) : 0));
	}
	if (mod == MOD_HI || mod == MOD_PCREL_HI) {
		asm_error(a, at, "%%hi and %%pcrel_hi give a 20-bit value; use %%lo here");
		return asm_emit_word(a, word);
	}
	if (!asm_const(a, at, v, &c))
		return asm_emit_word(a, word);
	if (mod == MOD_LO)
		c = (int32_t)((uint32_t)c << 20) >> 20;
	else if (!in_range(c, -2048, 2047) && a->pass == 2)
		asm_error(a, at, "immediate %lld out of range -2048..2047", (long long)c);
	asm_emit_word(a, word | place((uint32_t)c));
}

static void emit_upper(asm_state *a, const char *at, uint32_t word, asm_modifier mod,
		       const asm_val *v)
{
	int64_t c;
	uint32_t pc = asm_pc(a);
	if (mod == MOD_PCREL_HI || (mod == MOD_HI && v->sym >= 0)) {
		if (v->sym < 0) {
			asm_error(a, at, "%%pcrel_hi needs a symbol");
			return asm_emit_word(a, word);
		}
		asm_add_reloc(a, pc, mod == MOD_HI ? R_RV_HI20 : R_RV_PCREL_HI20, v->sym,
			      (int32_t)v->v);
		return asm_emit_word(a, word | (mod == MOD_HI ? asm_hi20((uint32_t)v->v) << 12 : 0));
	}
	if (mod == MOD_LO || mod == MOD_PCREL_LO) {
		asm_error(a, at, "%%lo and %%pcrel_lo give a 12-bit value; use %%hi here");
		return asm_emit_word(a, word);
	}
	if (!asm_const(a, at, v, &c))
		return asm_emit_word(a, word);
	if (mod == MOD_HI)
		c = asm_hi20((uint32_t)c);
	else if (!in_range(c, 0, 0xfffff) && a->pass == 2)
		asm_error(a, at, "immediate %lld out of range 0..0xfffff", (long long)c);
	asm_emit_word(a, word | ((uint32_t)c & 0xfffff) << 12);
}

/* The inverse condition of a branch word (beq <-> bne, blt <-> bge, ...). */
static uint32_t invert_branch(uint32_t w) { return w ^ (1u << 12); }

/* Offset from pc to a target in this section (as far as this pass knows it). */
static int64_t local_offset(const asm_val *t, uint32_t val, uint32_t pc)
{
	if (t->sym < 0)         /* an address: wraps around like the pc does */
		return (int32_t)((uint32_t)t->v - pc);
	return t->v + val - (int64_t)pc;
}

void asm_emit_branch(asm_state *a, const char *at, uint32_t word, bool is_jal,
		     const asm_val *t)
{
	uint32_t pc = asm_pc(a);
	int sec = ASM_SEC_UNDEF;
	uint32_t val = 0;
	bool here = t->sym < 0 ||
		    (asm_sym_resolved(a, t->sym, &sec, &val) && sec == a->cur);
	if (a->pass == 0 && t->sym >= 0 && a->syms[t->sym].def_pass < 0)
		here = true;              /* a forward label: decided in pass 1 */
	int64_t off = here ? local_offset(t, val, pc) : 0;
	/* Like GNU as, a branch that cannot reach becomes an inverted branch over a jal. */
	bool far = !here || (!is_jal && !in_range(off, -4096, 4094));
	uint32_t size = asm_fixed_size(a, !is_jal && far ? 8 : 4);
	if (size == 8) {
		asm_emit_word(a, invert_branch(word) | imm_b(8));
		pc += 4;
		off -= 4;
		word = 0x6f;
		is_jal = true;
	}
	if (here) {
		if (a->pass == 2 && off % 4)
			asm_error(a, at, "misaligned branch target (offset %lld is not a "
				  "multiple of 4)", (long long)off);
		int64_t lim = is_jal ? (1 << 20) : (1 << 12);
		if (a->pass == 2 && !in_range(off, -lim, lim - 2))
			asm_error(a, at, "branch target out of range (offset %lld)",
				  (long long)off);
		asm_emit_word(a, word | (is_jal ? imm_j((uint32_t)off) : imm_b((uint32_t)off)));
		return;
	}
	/* Another section or not defined: the linker decides. GNU as writes the
	 * symbol's section offset minus pc and reaches it through jal, so do the same. */
	off = (int64_t)(sec == ASM_SEC_UNDEF ? 0 : val) + t->v - pc;
	if (!in_range(off, -(1 << 20), (1 << 20) - 2))
		off = 0;
	asm_add_reloc(a, pc, R_RV_JAL, t->sym, (int32_t)t->v);
	asm_emit_word(a, word | imm_j((uint32_t)off));
}

static unsigned fence_set(asm_state *a, const char *p, const char *end)
{
	unsigned bits = 0;
	if (end - p == 1 && *p == '0')
		return 0;
	for (const char *q = p; q < end; q++) {
		const char *k = strchr("wroi", *q);
		if (!k || !*q || (bits & (1u << (k - "wroi")))) {
			asm_error(a, p, "fence set expected (letters of 'iorw')");
			return 0;
		}
		bits |= 1u << (k - "wroi");
	}
	if (p == end)
		asm_error(a, p, "fence set expected (letters of 'iorw')");
	return bits;
}

static int reg_operand(asm_state *a, const char *p, const char *end)
{
	int r = asm_reg(p, end);
	if (r < 0)
		asm_error(a, p, "register expected, found '%.*s'", (int)(end - p), p);
	return r < 0 ? 0 : r;
}

/* "(reg)" after an offset. */
static int base_register(asm_state *a, const char *p, const char *end)
{
	p = asm_skip_ws(p, end);
	if (p >= end || *p != '(' || end[-1] != ')') {
		asm_error(a, p, "'(register)' expected");
		return 0;
	}
	return reg_operand(a, asm_skip_ws(p + 1, end - 1), asm_trim_end(p + 1, end - 1));
}

#define TOK(s) (tlen == sizeof s - 1 && !memcmp(tok, s, tlen))

/*
 * Places one operand. Operands that emit their own word (immediates with relocations,
 * branch targets) are the last in every format; they return true to say the word went out.
 */
static bool operand(asm_state *a, const char *tok, size_t tlen, const char *p,
		    const char *end, uint32_t *w, bool is_store)
{
	asm_modifier mod;
	asm_val v;
	const char *rest;
	int64_t c;
	if (TOK("rd") || TOK("rs1") || TOK("rs2") || TOK("rs3")) {
		static const int shift[] = {7, 15, 20, 27};
		int k = TOK("rd") ? 0 : tok[2] - '0';
		*w |= (uint32_t)reg_operand(a, p, end) << shift[k];
		return false;
	}
	if (TOK("pred") || TOK("succ")) {
		*w |= fence_set(a, p, end) << (TOK("pred") ? 24 : 20);
		return false;
	}
	if (TOK("shamt")) {
		if (asm_expr(a, p, end, &v) && asm_const(a, p, &v, &c) && a->pass == 2 &&
		    !in_range(c, 0, 31))
			asm_error(a, p, "shift amount %lld out of range 0..31", (long long)c);
		*w |= ((uint32_t)v.v & 31) << 20;
		return false;
	}
	if (TOK("imm")) {
		if (asm_mod_expr(a, p, end, &mod, &v, NULL))
			asm_emit_itype(a, p, *w, mod, &v, false);
		else
			asm_emit_word(a, *w);
		return true;
	}
	if (TOK("off(rs1)")) {
		if (!asm_mod_expr(a, p, end, &mod, &v, &rest)) {
			asm_emit_word(a, *w);
			return true;
		}
		*w |= (uint32_t)base_register(a, rest, end) << 15;
		asm_emit_itype(a, p, *w, mod, &v, is_store);
		return true;
	}
	if (TOK("imm20")) {
		if (asm_mod_expr(a, p, end, &mod, &v, NULL))
			emit_upper(a, p, *w, mod, &v);
		else
			asm_emit_word(a, *w);
		return true;
	}
	if (TOK("target")) {
		if (asm_expr(a, p, end, &v))
			asm_emit_branch(a, p, *w, (*w & 0x7f) == 0x6f, &v);
		else
			asm_emit_word(a, *w);
		return true;
	}
	asm_error(a, p, "internal: operand kind '%.*s' unknown", (int)tlen, tok);
	return false;
}

bool asm_insn(asm_state *a, const char *mn, size_t mnlen, const char *ops,
	      const char *end)
{
	int op = asm_find_op(mn, mnlen);
	if (op < 0)
		return false;
	asm_section *sec = &a->secs[a->cur];
	if (sec->align < 4)           /* as GNU as: code makes its section word-aligned */
		sec->align = 4;
	const isa_insn *in = &isa_insns[op];
	const char *syn = isa_formats[in->format].syntax;
	const char *p[8], *e[8];
	int n = asm_split_operands(ops, end, p, e, 8);
	int want = *syn ? 1 : 0;
	for (const char *s = syn; *s; s++)
		want += *s == ',';
	if (n != want) {
		asm_error(a, mn,
			  "'%s' takes %d operand%s (%s), found %d", in->mnemonic, want,
			  want == 1 ? "" : "s", *syn ? syn : "none", n);
		asm_emit_word(a, in->match);
		return true;
	}
	uint32_t w = in->match;
	bool emitted = false;
	const char *s = syn;
	for (int i = 0; i < n; i++) {
		const char *comma = strchr(s, ',');
		size_t tlen = comma ? (size_t)(comma - s) : strlen(s);
		emitted = operand(a, s, tlen, p[i], e[i], &w, in->format == FMT_S);
		s += tlen + (comma ? 1 : 0);
	}
	if (!emitted)
		asm_emit_word(a, w);
	return true;
}
