/*
 * gen_corpus: writes the differential corpus from the instruction table.
 *   gen_corpus TESS.s GNU.s
 *   gen_corpus --words N SEED OUT.s   N random words that decode (`.4byte`), for round trips
 *   gen_corpus --bench LINES OUT.s    a long RV32IM file for timing against GNU as
 *   gen_corpus --padding OUT.s        data and alignment padding inside code
 * Every row of isa/insns.def is written several times with edge-case operands (all
 * registers over the rows, immediates at their limits, relocation operators, branch
 * targets backward, forward, far and in another section), then every pseudo-instruction
 * and directive. TESS.s uses mnemonics throughout; GNU.s is the same text except that
 * Xtess rows become `.insn r` / `.insn r4` built from the row's match bits, and rows that
 * GNU as does not know under -march=rv32im with no operands (fence.i) become `.4byte`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isa.h"

#define VARIANTS 7

static FILE *ft, *fg;

static void both(const char *s) { fputs(s, ft); fputs(s, fg); }

static const char *reg(int k)
{
	static char buf[8][8];
	static int slot;
	char *b = buf[slot++ & 7];
	if (k & 32)
		snprintf(b, 8, "x%d", k & 31);
	else
		snprintf(b, 8, "%s", isa_reg_names[k & 31]);
	return b;
}

static const char *const imms[VARIANTS] = {"-2048", "2047", "0", "-1", "%lo(data_sym)",
					   "(3*5-1)<<2", "%lo(0x12345fff)"};
static const char *const shamts[VARIANTS] = {"0", "31", "1", "16", "0x1f", "7", "2*3"};
static const char *const offs[VARIANTS] = {"-2048", "2047", "0", "", "%lo(data_sym)", "4*4",
					   "%lo(0x7ff)"};
static const char *const imm20s[VARIANTS] = {"0", "0xfffff", "1", "0x80000", "%hi(data_sym)",
					     "%hi(0x12345fff)", "%pcrel_hi(data_sym)"};
static const char *const targets[VARIANTS] = {"1b", "1f", "back", "fwd", ".+8", ".-4",
					      "far"};
static const char *const fences[VARIANTS][2] = {{"iorw", "iorw"}, {"r", "w"}, {"io", "rw"},
	{"w", "r"}, {"iorw", "o"}, {"i", "iorw"}, {"rw", "rw"}};

static int is_xtess(const isa_insn *in)
{
	unsigned opc = in->match & 0x7f;
	return opc == 0x0b || opc == 0x2b;
}

/* The operand text of one syntax token for variant v and register seed r. */
static void operand(char *out, size_t n, const char *tok, size_t tl, int v, int *r)
{
#define T(s) (tl == strlen(s) && !memcmp(tok, s, tl))
	if (T("rd") || T("rs1") || T("rs2") || T("rs3"))
		snprintf(out, n, "%s", reg((*r += 7) + v * 13));
	else if (T("imm")) snprintf(out, n, "%s", imms[v]);
	else if (T("shamt")) snprintf(out, n, "%s", shamts[v]);
	else if (T("off(rs1)")) snprintf(out, n, "%s(%s)", offs[v], reg((*r += 5) + v));
	else if (T("imm20")) snprintf(out, n, "%s", imm20s[v]);
	else if (T("target")) snprintf(out, n, "%s", targets[v]);
	else if (T("pred")) snprintf(out, n, "%s", fences[v][0]);
	else if (T("succ")) snprintf(out, n, "%s", fences[v][1]);
	else { fprintf(stderr, "gen_corpus: unknown operand kind\n"); exit(1); }
#undef T
}

/* The same instruction as GNU as's .insn, with every field taken from the row. */
static void gnu_insn(const isa_insn *in, const int *regs, const char *syn)
{
	int f[4] = {(in->match >> 7) & 31, (in->match >> 15) & 31, (in->match >> 20) & 31,
		    (in->match >> 27) & 31};
	static const char *const names[] = {"rd", "rs1", "rs2", "rs3"};
	int k = 0;
	for (const char *s = syn; *s; k++) {
		size_t tl = strcspn(s, ",");
		for (int i = 0; i < 4; i++)
			if (tl == strlen(names[i]) && !memcmp(s, names[i], tl))
				f[i] = regs[k];
		s += tl + (s[tl] == ',');
	}
	unsigned opc = in->match & 0x7f, f3 = (in->match >> 12) & 7;
	if (in->format == FMT_R4)
		fprintf(fg, "\t.insn r4 0x%x, %u, %u, x%d, x%d, x%d, x%d\n", opc, f3,
			(in->match >> 25) & 3, f[0], f[1], f[2], f[3]);
	else
		fprintf(fg, "\t.insn r 0x%x, %u, %u, x%d, x%d, x%d\n", opc, f3, in->match >> 25,
			f[0], f[1], f[2]);
}

static void one(const isa_insn *in, int v, int seed)
{
	const char *syn = isa_formats[in->format].syntax;
	char line[256], op[64];
	int regs[4], nregs = 0, r = seed;
	int len = snprintf(line, sizeof line, "\t%s", in->mnemonic);
	int first = 1;
	for (const char *s = syn; *s;) {
		size_t tl = strcspn(s, ",");
		int before = r;
		operand(op, sizeof op, s, tl, v, &r);
		if (r != before)
			regs[nregs++] = ((before + 7) + v * 13) & 31;
		else
			regs[nregs++] = 0;
		len += snprintf(line + len, sizeof line - (size_t)len, "%s%s", first ? " " : ", ", op);
		first = 0;
		s += tl + (s[tl] == ',');
	}
	fprintf(ft, "%s\n", line);
	if (is_xtess(in))
		gnu_insn(in, regs, syn);
	else if (!*syn && !strcmp(in->mnemonic, "fence.i"))
		fprintf(fg, "\t.4byte 0x%08x\n", in->match);
	else
		fprintf(fg, "%s\n", line);
}

static const char *const pseudos[] = {
	"nop", "ret", "unimp", "li a0, 0", "li a1, -1", "li a2, 2047", "li a3, -2048",
	"li a4, 2048", "li a5, 0x12345678", "li t0, 0x80000000", "li t1, 0x7fffffff",
	"li t2, 0xfffff800", "li s0, 0x7ffff800", "li s1, 0x1000", "li x31, -2147483648",
	"li a0, K_CONST", "li a0, K_CONST*3+1", "la a0, data_sym", "la a1, data_sym+8",
	"la t3, back", "lla a2, ext_sym", "mv a0, a1", "mv x31, x0", "not a0, a1", "neg a0, a1",
	"seqz a0, a1", "snez a0, a1", "sltz a0, a1", "sgtz a0, a1", "sgt a0, a1, a2",
	"sgtu a0, a1, a2", "zext.b a0, a1", "zext.h a0, a1", "sext.b a0, a1", "sext.h a0, a1",
	"beqz a0, 1b", "bnez a1, 1f", "blez a2, back", "bgez a3, fwd", "bltz a4, .+8",
	"bgtz a5, 1b", "bgt a0, a1, 1b", "ble a0, a1, 1f", "bgtu a0, a1, back",
	"bleu a0, a1, fwd", "j 1b", "j fwd", "jal back", "jal ext_sym", "jr a0", "jr t1, 16",
	"jalr a0", "jalr a1, a0", "jalr a1, a0, -12", "jalr ra, 0(t0)", "call ext_sym",
	"call back", "call t2, ext_sym", "tail ext_sym", "fence", "lw a0, data_sym",
	"lbu a1, data_sym+3", "sw a0, data_sym, t0", "sh a1, data_sym+2, t1",
	"beq a0, a1, ext_sym", "bne a0, zero, data_sym", "bltu a0, a1, ext_sym",
	"bgeu a0, a1, ext_sym", "blt a0, a1, ext_sym", "bge a0, a1, ext_sym",
	"lui a0, %hi(data_sym+0x800)", "addi a0, a0, %lo(data_sym+0x800)",
	"sw a0, %lo(data_sym)(a0)", "auipc a0, %pcrel_hi(data_sym)",
	"2: auipc a1, %pcrel_hi(ext_sym+4)", "lw a1, %pcrel_lo(2b)(a1)",
	"sw a1, %pcrel_lo(2b)(a1)", "addi a1, a1, %pcrel_lo(2b)", NULL};

static const char *const data_lines[] = {
	"\t.data", "data_sym: .word 1, 2, -1, 0xffffffff, -2147483648", ".half 0, 0xffff, -32768",
	".byte 1, 255, -128, 'a', '\\n'", ".balign 4", ".word data_sym, back, ext_sym+4",
	".ascii \"abc\\n\\t\\\\\\\"\\101\\x42\"", ".asciz \"zero\"", ".string \"str\"",
	".align 3", ".word K_CONST, K_CONST * 2 + 1, (1 << 31) >> 4, 7 / 2, -7 % 3",
	".word ~0, 0x0f & 0x3c, 0x0f | 0x30, 0x0f ^ 0xff, . - data_sym, 0b1011, 017",
	".p2align 4", ".space 5", ".space 3, 0x5a", ".zero 7", ".balign 8, 0xee",
	".byte 1", ".p2align 2", ".word 3", "\t.section .rodata",
	"ro_sym: .word 0x11223344", ".string \"read only\"", ".balign 16", ".word ro_sym",
	"\t.section .sdata,\"aw\",@progbits", ".word 42",
	"\t.bss", "bss_sym: .space 64", ".align 4", ".zero 12",
	"\t.section .text.other,\"ax\",@progbits", "other: add a0,a0,a1", "j other",
	"beq a0,a1,back", "jal back", ".insn r CUSTOM_0, 2, 1, a0, a1, x0",
	".insn r4 CUSTOM_1, 0, 0, a0, a1, a2, a3", ".insn r OP, 0, 0x20, t0, t1, t2",
	".insn r 0x33, 7, 1, s0, s1, s2", NULL};

/* Data and padding between instructions (GNU pads code with a zero byte, a c.nop and
 * nops, and rounds code sections up to their alignment). Bytes only: objdump shows
 * such bytes as compressed instructions, which Tessera does not have. */
static const char *const code_padding[] = {
	"\t.text", "nop", ".byte 1", ".align 3", "nop", ".2byte 7", ".p2align 3, , 6",
	".byte 9", ".balign 16", "nop", ".p2align 2, 0x11", ".byte 5", ".p2align 3, , 4",
	".word 7", ".byte 3", NULL};

static uint64_t rs = 88172645463325252ull;
static uint32_t rnd(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return (uint32_t)(rs >> 11);
}

/* The bits of a word that a format's operands set. */
static uint32_t operand_bits(isa_format f)
{
	static const struct { const char *tok; uint32_t bits; } k[] = {
		{"rd", 0xf80}, {"rs1", 0xf8000}, {"rs2", 0x1f00000}, {"rs3", 0xf8000000},
		{"imm", 0xfff00000}, {"shamt", 0x1f00000}, {"imm20", 0xfffff000},
		{"pred", 0x0f000000}, {"succ", 0x00f00000}};
	const char *syn = isa_formats[f].syntax;
	uint32_t bits = 0;
	for (const char *s = syn; *s;) {
		size_t tl = strcspn(s, ",");
		for (size_t i = 0; i < sizeof k / sizeof k[0]; i++)
			if (tl == strlen(k[i].tok) && !memcmp(s, k[i].tok, tl))
				bits |= k[i].bits;
		if (tl == 8 && !memcmp(s, "off(rs1)", 8))
			bits |= 0xf8000 | (f == FMT_S ? 0xfe000f80 : 0xfff00000);
		if (tl == 6 && !memcmp(s, "target", 6))
			bits |= f == FMT_B ? 0xfe000f80 : 0xfffff000;
		s += tl + (s[tl] == ',');
	}
	return bits;
}

/* Random words of random rows: the row's match, random bits in the operands' fields
 * (a word with other bits set outside the mask is not one an assembler writes), except
 * bit 1 of a branch or jump offset (Tessera has no 2-byte instructions). */
static int words(int n, unsigned long seed, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return 1;
	rs ^= seed * 0x9e3779b97f4a7c15ull;
	for (int i = 0; i < n; i++) {
		const isa_insn *in = &isa_insns[rnd() % OP_COUNT];
		uint32_t w = in->match | (rnd() & ~in->mask & operand_bits(in->format));
		if (in->format == FMT_B)
			w &= ~(1u << 8);
		if (in->format == FMT_J)
			w &= ~(1u << 21);
		if (isa_decode(w) == OP_INVALID)
			continue;       /* a fence with reserved bits set, say */
		fprintf(f, "\t.4byte 0x%08x\n", w);
	}
	return fclose(f) != 0;
}

/* A long file of the kind a compiler writes: RV32IM instructions, labels, branches. */
static int bench(long lines, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return 1;
	static const char *const ops[] = {"add", "sub", "xor", "or", "and", "sll", "slt", "mul"};
	fprintf(f, "\t.text\n\t.globl _start\n_start:\n");
	for (long i = 0; i < lines; i++) {
		int r = (int)(rnd() % 8);
		const char *a = isa_reg_names[10 + rnd() % 8], *b = isa_reg_names[5 + rnd() % 3];
		if (i % 50 == 0)
			fprintf(f, ".L%ld:\n", i / 50);
		else if (r < 4)
			fprintf(f, "\t%s\t%s,%s,%s\n", ops[rnd() % 8], a, b, a);
		else if (r == 4)
			fprintf(f, "\taddi\t%s,%s,%d\n", a, b, (int)(rnd() % 4096) - 2048);
		else if (r == 5)
			fprintf(f, "\tlw\t%s,%d(sp)\n", a, (int)(rnd() % 64) * 4);
		else if (r == 6)
			fprintf(f, "\tbne\t%s,%s,.L%ld\n", a, b, i / 50);
		else
			fprintf(f, "\tli\t%s,%d\n", a, (int)rnd());
	}
	fprintf(f, "\tret\n");
	return fclose(f) != 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "--words"))
		return words(atoi(argv[2]), strtoul(argv[3], NULL, 0), argv[4]);
	if (argc == 4 && !strcmp(argv[1], "--bench"))
		return bench(atol(argv[2]), argv[3]);
	if (argc == 3 && !strcmp(argv[1], "--padding")) {
		FILE *f = fopen(argv[2], "w");
		for (int i = 0; f && code_padding[i]; i++)
			fprintf(f, "%s\n", code_padding[i]);
		return !f || fclose(f) != 0;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: gen_corpus TESS.s GNU.s\n");
		return 2;
	}
	ft = fopen(argv[1], "w");
	fg = fopen(argv[2], "w");
	if (!ft || !fg)
		return 1;
	both("# generated by tests/asm/gen_corpus.c from isa/insns.def\n"
	     "\t.option norvc\n\t.equ K_CONST, 0x123\n\t.set K2, K_CONST+1\n"
	     "\t.text\n\t.globl _start, ext_sym\n\t.type _start, @function\n_start:\n"
	     "back:\tnop\n1:\tnop\n");
	for (int v = 0; v < VARIANTS; v++)
		for (int op = 0; op < OP_COUNT; op++)
			one(&isa_insns[op], v, op * 3 + v);
	both("1:\tnop\nfwd:\tnop\n");
	for (int i = 0; pseudos[i]; i++) {
		fprintf(ft, "1:\t%s\n", pseudos[i]);
		fprintf(fg, "1:\t%s\n", pseudos[i]);
	}
	both("1:\tnop\n\tbeq a0, a1, far\n\tbne a0, a1, near_end\n\tj far_j\n"
	     "\t.skip 4068\nnear_end: nop\nfar:\tnop\n\tbeq a0, a1, back2\nback2:\tnop\n"
	     "far_j:\tnop\n\tblt a0, a1, .-4092\n\t.size _start, .-_start\n");
	for (int i = 0; data_lines[i]; i++) {
		fprintf(ft, "%s\n", data_lines[i]);
		fprintf(fg, "%s\n", data_lines[i]);
	}
	fclose(ft);
	fclose(fg);
	return 0;
}
