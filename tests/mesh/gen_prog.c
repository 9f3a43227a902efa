/*
 * gen_prog: a seeded generator of random multi-tile guest programs (tests/mesh/fuzz.sh).
 * Every tile of the mesh runs the same program, which finds its own way through it:
 * the registers start from the tile's id and random values, and the body mixes RV32IM
 * arithmetic, loads and stores into a scratch area, forward branches and a budget of
 * backward jumps with every message and capability instruction of Xtess (isa/SPEC.md
 * §4): sends with random descriptors (slots, tags, lengths 0-17, passed capabilities)
 * to neighbours and to every tile, requests to the console and the block store, control
 * operations through slot 8 (which a manifest may fill), polls, now and then a blocking
 * receive, waits with deadlines, acks,
 * capability copies, mints, narrows and drops, tile information, semihosting writes.
 * Programs fault, block, deadlock and flood each other's mailboxes; what the chip does
 * must be the same on any number of host threads, wherever run-ahead is cut.
 *
 * usage: gen_prog SEED [BODY_LENGTH]   (assembly for tessera as on stdout)
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "isa.h"          /* slots, tags, descriptors: isa/params.h, isa/tags.def */
#include "../rng.h"

#define SCRATCH 0x4000        /* payloads and stores: [SCRATCH, SCRATCH + 0x400) */
#define RECORD  0x4400        /* msg.recv/poll records */

static uint64_t rs;
static uint32_t rnd(void) { return rng_next(&rs); }
static uint32_t below(uint32_t n) { return rnd() % n; }
static uint32_t pick(const uint32_t *v, size_t n) { return v[below((uint32_t)n)]; }
#define PICK(...) pick((const uint32_t[]){__VA_ARGS__}, \
		       sizeof((const uint32_t[]){__VA_ARGS__}) / sizeof(uint32_t))

/* x1-x23 are the program's; x24 counts the backward jumps left; x26-x29 hold operands;
   x30 the record, x31 the scratch. (Every random choice is its own statement: the
   order in which a call's arguments are evaluated is unspecified, and a seed must give
   the same program whatever the compiler.) */
static unsigned reg(void) { return 1 + below(23); }

static void alu(void)
{
	static const char *r[] = {"add", "sub", "xor", "or", "and", "sll", "srl", "sra",
				  "slt", "sltu", "mul", "mulh", "mulhu", "mulhsu", "div",
				  "divu", "rem", "remu"};
	static const char *i[] = {"addi", "xori", "ori", "andi", "slti", "sltiu"};
	static const char *sh[] = {"slli", "srli", "srai"};
	unsigned kind = below(3), op = below(kind == 0 ? 18 : kind == 1 ? 6 : 3);
	unsigned rd = reg(), rs1 = reg(), last = kind == 0 ? reg() : below(kind == 1 ? 4096 : 32);
	if (kind == 0)
		printf("\t%s x%u, x%u, x%u\n", r[op], rd, rs1, last);
	else if (kind == 1)
		printf("\t%s x%u, x%u, %d\n", i[op], rd, rs1, (int)last - 2048);
	else
		printf("\t%s x%u, x%u, %u\n", sh[op], rd, rs1, last);
}

/* Loads and stores in the scratch area, aligned but for one in fifty. */
static void memory(void)
{
	static const char *ld[] = {"lw", "lh", "lhu", "lb", "lbu"}, *st[] = {"sw", "sh", "sb"};
	static const unsigned ldw[] = {4, 2, 2, 1, 1}, stw[] = {4, 2, 1};
	bool load = below(2);
	unsigned k = below(load ? 5 : 3), w = load ? ldw[k] : stw[k];
	unsigned off = below(0x300) / w * w;
	off += below(50) == 0;
	printf("\t%s x%u, %u(x31)\n", load ? ld[k] : st[k], reg(), off);
}

/* A send: slot (console, neighbours, every tile, or any), tag, length 0 to
   MSG_MAX_WORDS + 1 (E_LEN), now and then a capability passed; the destination for
   ranges. */
static void send(void)
{
	uint32_t slot = below(4) ? PICK(SLOT_CONSOLE, SLOT_NORTH, SLOT_EAST, SLOT_SOUTH, SLOT_WEST,
					SLOT_ALL_TILES, SLOT_ALL_TILES, SLOT_ALL_TILES)
				 : below(CAP_SLOTS);
	uint32_t len = below(4) ? PICK(0, 1, 2, 4, MSG_MAX_WORDS) : below(MSG_MAX_WORDS + 2);
	uint32_t tag = below(256);
	uint32_t desc = SEND_DESC(slot, tag, len);
	if (below(10) == 0)
		desc |= SEND_DESC_PASS(PICK(SLOT_NORTH, SLOT_EAST, SLOT_ALL_TILES, 9));
	int dest = (int)below(24) - 3;
	printf("\tli x27, %" PRIu32 "\n\tli x28, %d\n\tmsg.send x%u, x27, x31, x28\n", desc,
	       dest, reg());
}

/* A control operation through SLOT_CONTROL (a CONTROL capability when the manifest
   gives one, else E_EMPTY): CTL_LOAD to CTL_CLEAR, a payload of 0-4 scratch words, a
   tile. */
static void control(void)
{
	uint32_t tag = TAG_CTL_LOAD + below(TAG_CTL_CLEAR - TAG_CTL_LOAD + 1);
	uint32_t len = below(5);
	uint32_t desc = SEND_DESC(SLOT_CONTROL, tag, len);
	if (below(4) == 0)
		desc |= SEND_DESC_PASS(PICK(SLOT_NORTH, SLOT_EAST, SLOT_ALL_TILES));
	unsigned dest = below(20);
	printf("\tli x27, %" PRIu32 "\n\tli x28, %u\n\tmsg.send x%u, x27, x31, x28\n", desc,
	       dest, reg());
}

/* A device request: console or block store, with one of their tags and 0-13 scratch
   words (ids, flags, dependencies, sectors: at random). */
static void device(void)
{
	uint32_t slot = below(3) ? SLOT_BLOCK : SLOT_CONSOLE;
	uint32_t tag = slot == SLOT_BLOCK ? PICK(TAG_BLK_READ, TAG_BLK_WRITE, TAG_BLK_FLUSH, TAG_BLK_INFO)
					  : PICK(TAG_CON_WRITE, TAG_CON_READ);
	uint32_t len = below(14);
	uint32_t desc = SEND_DESC(slot, tag, len);
	printf("\tli x27, %" PRIu32 "\n\tmsg.send x%u, x27, x31, x0\n", desc, reg());
}

/* A capability instruction on a slot (E_SLOT past CAP_SLOTS), or for mint and narrow
   a source slot among the preloaded ones and a destination slot. */
static void capability(void)
{
	static const char *one[] = {"info", "lo", "hi", "badge", "drop"};
	uint32_t slots = below(CAP_SLOTS + 8);
	if (below(3))
		slots = slots % (SLOT_CONTROL + 2) | below(CAP_SLOTS) << 8;
	printf("\tli x26, %" PRIu32 "\n", slots);
	unsigned kind = below(4), op = below(5), rd = reg(), a = reg(), b = reg();
	if (kind < 2)
		printf("\tcap.%s x%u, x26\n", one[op], rd);
	else if (kind == 2)
		printf("\tcap.%s x%u, x26, x%u\n", op & 1 ? "copy" : "mint", rd, a);
	else
		printf("\tcap.narrow x%u, x26, x%u, x%u\n", rd, a, b);
}

static void info(void)
{
	static const char *w[] = {"tid", "txy", "mesh", "cycle", "cycleh", "instret",
				  "instreth", "membound"};
	unsigned which = below(8);
	printf("\ttess.%s x%u\n", w[which], reg());
}

/* Semihosting write (a7 = 64) of 4 scratch bytes to stdout; a0, a1, a2, a7 restored. */
static void write4(void)
{
	printf("\tmv x26, a0\n\tmv x27, a1\n\tmv x28, a2\n\tmv x29, a7\n"
	       "\tli a0, 1\n\tmv a1, x31\n\tli a2, 4\n\tli a7, 64\n\tecall\n"
	       "\tmv a0, x26\n\tmv a1, x27\n\tmv a2, x28\n\tmv a7, x29\n");
}

/* A forward branch to one of the next 9 labels (or the body's end). */
static void branch(unsigned i, unsigned n)
{
	static const char *br[] = {"beq", "bne", "blt", "bge", "bltu", "bgeu"};
	unsigned to = i + 1 + below(9), op = below(6), a = reg(), b = reg();
	printf("\t%s x%u, x%u, L%u\n", br[op], a, b, to < n ? to : n);
}

/* A poll, or one time in forty a receive, which may block for good. */
static void receive(void)
{
	bool poll = below(40);
	printf("\tmsg.%s x%u, x30\n", poll ? "poll" : "recv", reg());
}

static void wait_for_message(void)
{
	unsigned deadline = PICK(0, 1, 5, 20, 100);
	printf("\tli x29, %u\n\tmsg.wait x%u, x29\n", deadline, reg());
}

static void ack(void)
{
	unsigned rd = reg(), child = reg();
	printf("\tmsg.ack x%u, x%u\n", rd, child);
}

/* A backward jump to label 0..i while the run's budget of them (x24) lasts. */
static void loop(unsigned i)
{
	printf("\taddi x24, x24, -1\n\tbgtz x24, L%u\n", below(i + 1));
}

/* Instruction i of n, by the weights below (percent). */
static void instruction(unsigned i, unsigned n)
{
	unsigned k = below(100);
	if (k < 35)
		alu();
	else if (k < 55)
		memory();
	else if (k < 62)
		branch(i, n);
	else if (k < 68)
		send();
	else if (k < 70)
		device();
	else if (k < 72)
		control();
	else if (k < 85)
		receive();
	else if (k < 88)
		wait_for_message();
	else if (k < 89)
		ack();
	else if (k < 94)
		capability();
	else if (k < 97)
		info();
	else if (k < 98)
		write4();
	else
		loop(i);
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: gen_prog SEED [BODY_LENGTH]\n");
		return 2;
	}
	uint64_t seed = strtoull(argv[1], NULL, 0);
	unsigned n = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 0) : 300;
	rs = seed * 0x9e3779b97f4a7c15ull | 1;
	printf("\t.text\n\t.globl _start\n_start:\n\tli x31, %d\n\tli x30, %d\n", SCRATCH, RECORD);
	for (unsigned r = 1; r < 30; r++)
		printf("\tli x%u, %" PRIu32 "\n", r,
		       below(2) ? PICK(0, 1, 2, 3, 5, 8, 16, 100, SCRATCH) : rnd());
	printf("\tli x24, %u\n", 10 + below(200));
	printf("\ttess.tid x%u\nbody:\n", reg());
	for (unsigned i = 0; i < n; i++) {
		printf("L%u:\n", i);
		instruction(i, n);
	}
	printf("L%u:\n\tj body\n", n);
	return 0;
}
