/*
 * gen: a seeded generator of random RV32IM programs for differential testing against
 * qemu-riscv32 (tests/diff/run.sh). Each program sets every register to an edge-case or
 * random value, runs a straight-line body of random instructions (every RV32IM
 * instruction; loads and stores of every width at aligned addresses of a scratch
 * buffer; forward branches of every kind, taken and not; jal and jalr; division by zero
 * and INT_MIN / -1; lui/auipc), then prints every register and a hash of the registers
 * and the scratch buffer through semihosting write (a7 = 64) and exits (a7 = 93) with
 * the hash. The same ELF must give the same output and exit status on both.
 *
 * usage: gen -o DIR -s FIRST_SEED -n COUNT [-l BODY_LENGTH]
 * writes DIR/p<seed>.s for each seed. One register (chosen per seed) holds the
 * scratch address throughout, so over many seeds every register is a destination.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../rng.h"

#define SCRATCH_BYTES 256

static uint64_t rs;
static uint32_t rnd(void) { return rng_next(&rs); }
static uint32_t below(uint32_t n) { return rnd() % n; }

static const uint32_t edges[] = {0, 1, 2, 0xffffffff, 0xfffffffe, 0x80000000, 0x7fffffff,
				 0x80000001, 31, 32, 0xff, 0xffff, 0x8000, 0x80, 0x55555555,
				 0xaaaaaaaa, 0x7ff, 0xfffff800};

static uint32_t value(void)
{
	if (below(2))
		return edges[below(sizeof edges / sizeof edges[0])];
	uint32_t lo = rnd();
	return lo ^ rnd() << 16;
}

static int base;      /* register holding the scratch address */
static int label;     /* next local label number */

static int reg(void) { return (int)below(32); }
static int dest(void)
{
	int r;
	do
		r = below(16) ? 1 + (int)below(31) : 0;
	while (r == base);
	return r;
}

static int32_t imm12(void)
{
	static const int32_t e[] = {0, 1, -1, 2047, -2048, 2, -2, 0x7f, 0x80, 0x400};
	return below(2) ? e[below(sizeof e / sizeof e[0])] : (int32_t)below(4096) - 2048;
}

static const char *const rr[] = {"add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or",
				 "and", "mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem",
				 "remu"};
static const char *const ri[] = {"addi", "slti", "sltiu", "xori", "ori", "andi"};
static const char *const sh[] = {"slli", "srli", "srai"};
static const char *const br[] = {"beq", "bne", "blt", "bge", "bltu", "bgeu"};
static const char *const ld[] = {"lb", "lbu", "lh", "lhu", "lw"};
static const int ld_size[] = {1, 1, 2, 2, 4};
static const char *const st[] = {"sb", "sh", "sw"};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void li(FILE *f, int rd, uint32_t v)
{
	fprintf(f, "\tli x%d, %" PRId32 "\n", rd, (int32_t)v);
}

/* ALU instructions. Each random choice is a statement of its own: the arguments of one
   call are evaluated in an unspecified order, and a seed must give the same program
   whatever the compiler. */
static void alu_rr(FILE *f)
{
	const char *op = rr[below(N(rr))];
	int d = dest(), a = reg(), b = reg();
	fprintf(f, "\t%s x%d, x%d, x%d\n", op, d, a, b);
}

static void alu_ri(FILE *f)
{
	const char *op = ri[below(N(ri))];
	int d = dest(), a = reg();
	int32_t i = imm12();
	fprintf(f, "\t%s x%d, x%d, %d\n", op, d, a, i);
}

static void alu_shift(FILE *f)
{
	const char *op = sh[below(N(sh))];
	int d = dest(), a = reg();
	unsigned amount = below(32);
	fprintf(f, "\t%s x%d, x%d, %u\n", op, d, a, amount);
}

static void upper(FILE *f)
{
	const char *op = below(2) ? "lui" : "auipc";
	int d = dest();
	uint32_t v = below(2) ? value() >> 12 : below(1u << 20);
	fprintf(f, "\t%s x%d, 0x%x\n", op, d, v);
}

/* One instruction that cannot jump, for branch and jump shadows. */
static void simple(FILE *f)
{
	if (below(2))
		alu_rr(f);
	else
		alu_ri(f);
}

static void shadow(FILE *f, int n)
{
	for (int i = 0; i < n; i++)
		simple(f);
}

static void mem_access(FILE *f)
{
	bool store = below(3) == 0;
	int k = store ? (int)below(N(st)) : (int)below(N(ld));
	int size = store ? 1 << k : ld_size[k];
	int at = (int)below(SCRATCH_BYTES / size) * size;
	const char *mn = store ? st[k] : ld[k];
	int r = store ? reg() : dest();
	if (below(3)) {
		fprintf(f, "\t%s x%d, %d(x%d)\n", mn, r, at, base);
		return;
	}
	/* through another base register, with a negative or positive offset */
	int t = dest();
	if (t == 0)
		t = base == 5 ? 6 : 5;
	int off = ((int)below(129) - 64) / size * size;
	fprintf(f, "\taddi x%d, x%d, %d\n", t, base, at - off);
	if (store && r == t)
		r = 0;
	fprintf(f, "\t%s x%d, %d(x%d)\n", mn, r, off, t);
}

static void branch(FILE *f)
{
	int a = reg(), b = below(4) ? reg() : a;
	if (below(6) == 0)
		b = 0;
	const char *op = br[below(N(br))];
	fprintf(f, "\t%s x%d, x%d, .L%d\n", op, a, b, label);
	shadow(f, 1 + (int)below(3));
	fprintf(f, ".L%d:\n", label++);
}

static void jump(FILE *f)
{
	int skip = (int)below(3);
	if (below(2)) {
		fprintf(f, "\tjal x%d, .L%d\n", dest(), label);
		shadow(f, skip);
		fprintf(f, ".L%d:\n", label++);
		return;
	}
	/* auipc t at p; jalr rd, K(t) at p+4; target p + 8 + 4*skip (bit 0 may be set) */
	int t = dest();
	if (t == 0)
		t = base == 7 ? 8 : 7;
	int d = dest(), k = 8 + 4 * skip + (int)below(2);
	fprintf(f, "\tauipc x%d, 0\n\tjalr x%d, %d(x%d)\n", t, d, k, t);
	shadow(f, skip);
}

static void division_edge(FILE *f)
{
	int a = dest(), b = dest(), d = dest();
	static const char *const dv[] = {"div", "divu", "rem", "remu"};
	if (a == 0 || b == 0 || a == b)
		return;
	if (below(2)) {
		li(f, a, 0x80000000);
		li(f, b, 0xffffffff);
	} else {
		li(f, a, value());
		fprintf(f, "\tmv x%d, x0\n", b);
	}
	fprintf(f, "\t%s x%d, x%d, x%d\n", dv[below(4)], d, a, b);
}

static void one(FILE *f)
{
	switch (below(20)) {
	case 0: case 1: case 2: case 3: case 4: alu_rr(f); break;
	case 5: case 6: alu_ri(f); break;
	case 7: alu_shift(f); break;
	case 8: upper(f); break;
	case 9: {
		int d = dest();
		li(f, d, value());
		break;
	}
	case 10: case 11: case 12: mem_access(f); break;
	case 13: case 14: branch(f); break;
	case 15: jump(f); break;
	case 16: division_edge(f); break;
	case 17: if (below(4) == 0) fprintf(f, "\tfence\n"); else simple(f); break;
	default: simple(f);
	}
}

static void prologue(FILE *f)
{
	fprintf(f, "\t.option norelax\n\t.text\n\t.globl _start\n_start:\n");
	fprintf(f, "\tla x%d, scratch\n", base);
	for (int r = 1; r < 32; r++)
		if (r != base)
			li(f, r, value());
}

/*
 * Dump every register, hash scratch + dump (FNV-1a style, 96 words), print x1..x31
 * and the hash as 32 hex lines, exit with the hash (its low 8 bits are the status).
 */
static void epilogue(FILE *f)
{
	for (int r = 1; r < 32; r++)
		fprintf(f, "\tsw x%d, %d(x%d)\n", r, SCRATCH_BYTES + 4 * r, base);
	fputs("\tla t0, scratch\n\tli t1, 96\n\tli t2, 0x811c9dc5\n\tli t3, 0x01000193\n"
	      "1:\tlw t4, 0(t0)\n\txor t2, t2, t4\n\tmul t2, t2, t3\n\taddi t0, t0, 4\n"
	      "\taddi t1, t1, -1\n\tbnez t1, 1b\n"
	      "\tla t0, dump\n\tsw t2, 128(t0)\n\taddi t0, t0, 4\n\tla a1, outbuf\n\tmv t5, a1\n\tli t1, 32\n"
	      "2:\tlw t4, 0(t0)\n\tli t6, 8\n"
	      "3:\tsrli a2, t4, 28\n\taddi a3, a2, -10\n\taddi a2, a2, 48\n\tbltz a3, 4f\n"
	      "\taddi a2, a2, 39\n4:\tsb a2, 0(t5)\n\taddi t5, t5, 1\n\tslli t4, t4, 4\n"
	      "\taddi t6, t6, -1\n\tbnez t6, 3b\n\tli a2, 10\n\tsb a2, 0(t5)\n\taddi t5, t5, 1\n"
	      "\taddi t0, t0, 4\n\taddi t1, t1, -1\n\tbnez t1, 2b\n"
	      "\tli a0, 1\n\tli a2, 288\n\tli a7, 64\n\tecall\n"
	      "\tmv a0, t2\n\tli a7, 93\n\tecall\n", f);
}

static void data(FILE *f)
{
	fprintf(f, "\t.data\n\t.balign 4\nscratch:\n");
	for (int i = 0; i < SCRATCH_BYTES / 4; i++)
		fprintf(f, "\t.word 0x%08x\n", value());
	fprintf(f, "dump:\t.space 132\noutbuf:\t.space 288\n");
}

static void program(FILE *f, uint64_t seed, int len)
{
	rs = seed * 0x9e3779b97f4a7c15ull + 0x632be59bd9b4e019ull;
	for (int i = 0; i < 4; i++)
		rnd();
	base = 1 + (int)below(31);
	label = 0;
	fprintf(f, "# tests/diff/gen seed %" PRIu64 ", base register x%d\n", seed, base);
	prologue(f);
	for (int i = 0; i < len; i++)
		one(f);
	epilogue(f);
	data(f);
}

int main(int argc, char **argv)
{
	const char *dir = ".";
	uint64_t first = 1, count = 1;
	int len = 60;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "-o")) dir = argv[i + 1];
		else if (!strcmp(argv[i], "-s")) first = strtoull(argv[i + 1], NULL, 0);
		else if (!strcmp(argv[i], "-n")) count = strtoull(argv[i + 1], NULL, 0);
		else if (!strcmp(argv[i], "-l")) len = atoi(argv[i + 1]);
		else {
			fprintf(stderr, "usage: gen -o DIR -s FIRST_SEED -n COUNT [-l LENGTH]\n");
			return 2;
		}
	}
	for (uint64_t s = first; s < first + count; s++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/p%" PRIu64 ".s", dir, s);
		FILE *f = fopen(path, "w");
		if (!f) {
			perror(path);
			return 1;
		}
		program(f, s, len);
		if (fclose(f) != 0) {
			perror(path);
			return 1;
		}
	}
	return 0;
}
