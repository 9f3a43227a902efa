/* The instruction table and the disassembler. */
#include "isa.h"

#include <stdio.h>
#include <string.h>

const isa_insn isa_insns[OP_COUNT] = {
#define INSN(id, mn, match, mask, fmt, tc) [OP_##id] = {mn, match, mask, FMT_##fmt, TC_##tc},
#include "insns.def"
#undef INSN
};

const isa_format_info isa_formats[FMT_COUNT] = {
#define FORMAT(name, syntax, r1, r2, r3) [FMT_##name] = {#name, syntax, r1, r2, r3},
#include "formats.def"
#undef FORMAT
};

const uint8_t isa_timing_cost[TC_COUNT] = {
#define TIMING(name, cost) [TC_##name] = cost,
#include "timing.def"
#undef TIMING
};

const char *const isa_reg_names[32] = {
	"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
	"s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
	"a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
	"s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

isa_op isa_decode(uint32_t word)
{
	for (int op = 0; op < OP_COUNT; op++)
		if ((word & isa_insns[op].mask) == isa_insns[op].match)
			return (isa_op)op;
	return OP_INVALID;
}

const char *isa_cause_name(unsigned cause)
{
	switch (cause) {
#define CAUSE(name, num, desc) case num: return #name;
#include "causes.def"
#undef CAUSE
	}
	return "UNKNOWN";
}

const char *isa_cause_text(unsigned cause)
{
	switch (cause) {
#define CAUSE(name, num, desc) case num: return desc;
#include "causes.def"
#undef CAUSE
	}
	return "unknown cause";
}

const char *isa_tag_name(unsigned tag)
{
	switch (tag) {
#define TAG(name, val, desc) case val: return #name;
#include "tags.def"
#undef TAG
	}
	return NULL;
}

int isa_reg_number(const char *name, size_t len)
{
	char tmp[8];
	if (len == 0 || len >= sizeof tmp)
		return -1;
	memcpy(tmp, name, len);
	tmp[len] = 0;
	for (int i = 0; i < 32; i++)
		if (strcmp(tmp, isa_reg_names[i]) == 0)
			return i;
	if (strcmp(tmp, "fp") == 0)
		return 8;
	if (tmp[0] == 'x' && len >= 2 && len <= 3) {
		int n = 0;
		for (size_t i = 1; i < len; i++) {
			if (tmp[i] < '0' || tmp[i] > '9')
				return -1;
			n = n * 10 + (tmp[i] - '0');
		}
		if (len == 3 && tmp[1] == '0')
			return -1;
		return n < 32 ? n : -1;
	}
	return -1;
}

static void fence_set(unsigned bits, char *out)
{
	const char *names = "iorw";
	int k = 0;
	for (int i = 0; i < 4; i++)
		if (bits & (8u >> i))
			out[k++] = names[i];
	if (k == 0)
		out[k++] = '0';
	out[k] = 0;
}

/* Appends the text of one operand token of a format's syntax. */
static size_t put_operand(const char *tok, size_t tlen, uint32_t w, uint32_t pc,
			  char *out, size_t size)
{
#define IS(s) (tlen == strlen(s) && memcmp(tok, s, tlen) == 0)
	const char *const *r = isa_reg_names;
	if (IS("rd")) return (size_t)snprintf(out, size, "%s", r[isa_rd(w)]);
	if (IS("rs1")) return (size_t)snprintf(out, size, "%s", r[isa_rs1(w)]);
	if (IS("rs2")) return (size_t)snprintf(out, size, "%s", r[isa_rs2(w)]);
	if (IS("rs3")) return (size_t)snprintf(out, size, "%s", r[isa_rs3(w)]);
	if (IS("imm")) return (size_t)snprintf(out, size, "%d", isa_imm_i(w));
	if (IS("shamt")) return (size_t)snprintf(out, size, "0x%x", isa_rs2(w));
	if (IS("imm20")) return (size_t)snprintf(out, size, "0x%x", w >> 12);
	if (IS("off(rs1)")) {
		int32_t off = (w & 0x7f) == 0x23 ? isa_imm_s(w) : isa_imm_i(w);
		return (size_t)snprintf(out, size, "%d(%s)", off, r[isa_rs1(w)]);
	}
	if (IS("target")) {
		int32_t off = (w & 0x7f) == 0x6f ? isa_imm_j(w) : isa_imm_b(w);
		return (size_t)snprintf(out, size, "0x%x", pc + (uint32_t)off);
	}
	if (IS("pred") || IS("succ")) {
		char set[5];
		fence_set(IS("pred") ? (w >> 24) & 15 : (w >> 20) & 15, set);
		return (size_t)snprintf(out, size, "%s", set);
	}
#undef IS
	return (size_t)snprintf(out, size, "?");
}

int isa_disasm(uint32_t word, uint32_t pc, char *buf, size_t size)
{
	isa_op op = isa_decode(word);
	if (op == OP_INVALID)
		return snprintf(buf, size, ".word 0x%08x", word);
	const isa_insn *in = &isa_insns[op];
	const char *syn = isa_formats[in->format].syntax;
	size_t n = (size_t)snprintf(buf, size, "%s", in->mnemonic);
	if (op == OP_FENCE && ((word >> 20) & 0xff) == 0xff)
		return (int)n;     /* "fence" alone means fence iorw,iorw */
	const char *p = syn;
	int first = 1;
	while (*p && n < size) {
		const char *end = strchr(p, ',');
		size_t tlen = end ? (size_t)(end - p) : strlen(p);
		n += (size_t)snprintf(buf + n, size - n, first ? " " : ",");
		if (n < size)
			n += put_operand(p, tlen, word, pc, buf + n, size - n);
		first = 0;
		p += tlen + (end ? 1 : 0);
	}
	return (int)(n < size ? n : size - 1);
}
