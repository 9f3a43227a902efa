/*
 * Control of child tiles from C (isa/SPEC.md §6), run with --boot on a 2x2 mesh: tile 0
 * holds CONTROL over every tile in slot 8. It loads copies of its own image into the
 * other tiles and starts them with an argument that says what each child does; each
 * EXIT notice is checked (tile, cause, value) and acknowledged:
 *   1  granted the console, prints and returns 41          -> EXIT 41
 *   2  no console: printf falls back to semihosting; loops  -> BUDGET_CYCLES
 *   3  bound 32 KiB: malloc stops below it, then a load at the bound -> MEM_FAULT
 *   4  (tile 1 again) loops until killed                    -> KILLED
 */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "tess.h"

#define CHILD_CYCLES 20000u
#define CHILD_BOUND (32u << 10)

extern uint32_t __bss_start[];

static const char *const cause_names[] = {
#define CAUSE(name, num, desc) [num] = #name,
#include "causes.def"
#undef CAUSE
};

static int child(uint32_t what)
{
	printf("child %u on tile %u, bound %u\n", (unsigned)what, (unsigned)tess_tid(),
	       (unsigned)tess_membound());
	if (what == 1)
		return 41;
	if (what == 3) {
		unsigned n = 0;
		while (malloc(1024))
			n++;
		printf("child 3: %u KiB of heap, then a load at the bound\n", n);
		return (int)*(volatile uint32_t *)tess_membound();
	}
	for (;;)
		__asm__ volatile("");
}

/* Waits for the EXIT notice of `tile`, checks it, acknowledges it. */
static void reap(uint32_t tile, uint32_t cause, uint32_t value)
{
	tess_msg m;
	msg_recv(&m);
	CHECK(tess_msg_is_control(&m));
	CHECK_EQ(tess_msg_tag(&m), TESS_MSG_EXIT);
	CHECK_EQ(tess_msg_len(&m), EXIT_NOTICE_WORDS);
	CHECK_EQ(m.src, tile);
	CHECK_EQ(m.w[TESS_EXIT_TILE], tile);
	CHECK_EQ(m.w[TESS_EXIT_CAUSE], cause);
	CHECK_EQ(m.w[TESS_EXIT_VALUE], value);
	CHECK_EQ(msg_ack(tile), TESS_OK);
	CHECK_EQ(msg_ack(tile), TESS_E_NOPENDING);
	uint32_t c = m.w[TESS_EXIT_CAUSE];
	printf("tile %u: %s, value %u\n", (unsigned)tile,
	       c < sizeof cause_names / sizeof *cause_names ? cause_names[c] : "?",
	       (unsigned)m.w[TESS_EXIT_VALUE]);
	if (cause == TESS_CAUSE_BUDGET_CYCLES)
		CHECK(m.w[TESS_EXIT_CYC_HI] == 0 && m.w[TESS_EXIT_CYC_LO] >= CHILD_CYCLES &&
		      m.w[TESS_EXIT_CYC_LO] < CHILD_CYCLES + 40);
}

/* The image is text, rodata and data: everything below .bss, which crt0 zeroes. */
static void load_self(uint32_t tile)
{
	CHECK_EQ(tess_ctl_load(SLOT_CONTROL, tile, 0, 0, (uint32_t)__bss_start / 4), TESS_OK);
}

int main(void)
{
	if (tess_start_arg())
		return child(tess_start_arg());
	/* Before any output: the children get a copy of .data as the program left it. */
	for (uint32_t t = 1; t < 4; t++)
		load_self(t);
	uint32_t w = 0;
	CHECK_EQ(msg_send(SEND_DESC(SLOT_CONTROL, 70, 1), &w, 1), TESS_E_KIND);

	CHECK_EQ(tess_ctl_grant(SLOT_CONTROL, 1, SLOT_CONSOLE, SLOT_CONSOLE), TESS_OK);
	CHECK_EQ(tess_ctl_start(SLOT_CONTROL, 1, 0, 1), TESS_OK);
	reap(1, TESS_CAUSE_EXIT, 41);

	CHECK_EQ(tess_ctl_budget(SLOT_CONTROL, 2, CHILD_CYCLES, 0, 0), TESS_OK);
	CHECK_EQ(tess_ctl_start(SLOT_CONTROL, 2, 0, 2), TESS_OK);
	reap(2, TESS_CAUSE_BUDGET_CYCLES, 0);

	CHECK_EQ(tess_ctl_grant(SLOT_CONTROL, 3, SLOT_CONSOLE, SLOT_CONSOLE), TESS_OK);
	CHECK_EQ(tess_ctl_budget(SLOT_CONTROL, 3, 0, CHILD_BOUND, 0), TESS_OK);
	CHECK_EQ(tess_ctl_start(SLOT_CONTROL, 3, 0, 3), TESS_OK);
	reap(3, TESS_CAUSE_MEM_FAULT, CHILD_BOUND);

	load_self(1);                      /* a halted tile is idle and cleared */
	CHECK_EQ(tess_ctl_grant(SLOT_CONTROL, 1, SLOT_CONSOLE, SLOT_CONSOLE), TESS_OK);
	CHECK_EQ(tess_ctl_start(SLOT_CONTROL, 1, 0, 4), TESS_OK);
	CHECK_EQ(msg_wait(5000), 0);
	CHECK_EQ(tess_ctl_kill(SLOT_CONTROL, 1), TESS_OK);
	reap(1, TESS_CAUSE_KILLED, 0);

	printf("supervisor: %d checks passed, %d failed\n", check_passes, check_fails);
	return check_fails;
}
