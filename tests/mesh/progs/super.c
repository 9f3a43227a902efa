/*
 * Supervision, run by tile 0 (params[0] = scenario) with CONTROL over every tile:
 *  1: one child per halt cause on tiles 1..10; the EXIT notices kept in `notices`
 *  2: a three-level tree 0 -> 5 -> {6, 11} -> {7, 10}, {14, 15}, then 5 is killed
 *     (placed so that no two messages of the cascade meet on a link)
 *  3: a child exits; its notice is received but never acknowledged
 *  4: budgets: a runaway loop (cycles 1000) on tile 1, a memory hog (bound 0x6000)
 *     on tile 2
 *  5: the same child started twice on tile 1 (a halted tile is idle again)
 *  6: a spinning child killed with six CTL_CLEARs right behind the kill: those applied
 *     while it is halting (the LOOKAHEAD cycles after its halt, SPEC §6.2) are refused,
 *     the later ones apply; then it is started again and exits 42
 * The children run this same program, copied into them by spawn().
 */
#include "tmsg.h"

static uint32_t buf[MSG_RECORD_HDR_WORDS + MSG_MAX_WORDS];
uint32_t notices[16][8];
int32_t acks[16][2];

__attribute__((naked)) void spin(void) { __asm__ volatile("1: j 1b"); }
/* a0 = first address: one store every 5 cycles (sw 1, addi 1, j 3) upwards. */
__attribute__((naked)) void hog(void)
{
	__asm__ volatile("1: sw x0, 0(a0)\n\taddi a0, a0, 4\n\tj 1b");
}

static void block_forever(void)
{
	for (;;)
		msg_recv((tess_msg *)buf);
}

/* A child that halts with the cause it is given. */
void child(uint32_t cause)
{
	switch (cause) {
	case 1: tess_exit(42);
	case 2: __asm__ volatile(".word 0"); break;
	case 3: (void)*(volatile uint32_t *)tess_membound(); break;
	case 4: __asm__ volatile("lw t0, 2(zero)" ::: "t0"); break;
	case 5: __asm__ volatile("ebreak"); break;
	case 6: __asm__ volatile("ecall"); break;
	case 7: spin(); break;
	case 8:                           /* kill an idle tile (ignored) until out of messages */
		for (;;)
			ctl_send(SLOT_CONTROL, TESS_CTL_KILL, 15, buf, 0);
	case 9: block_forever(); break;
	case 10:                          /* a grandchild exits; its notice is never acknowledged */
		spawn(SLOT_CONTROL, 12, (void (*)(void))child, 1, 0, 1, 0);
		msg_recv((tess_msg *)buf);
		msg_wait(0);
		break;
	}
	tess_exit(99);
}

/* Scenario 2: the tree below tile 5. */
void node(void)
{
	uint32_t me = tess_tid();
	if (me == 5) {
		spawn(SLOT_CONTROL, 6, node, 0, 0, 7, 10);
		spawn(SLOT_CONTROL, 11, node, 0, 0, 14, 15);
	} else if (me == 6) {
		spawn(SLOT_CONTROL, 7, node, 0, 0, 1, 0);
		spawn(SLOT_CONTROL, 10, node, 0, 0, 1, 0);
	} else if (me == 11) {
		spawn(SLOT_CONTROL, 14, node, 0, 0, 1, 0);
		spawn(SLOT_CONTROL, 15, node, 0, 0, 1, 0);
	}
	block_forever();
}

static uint32_t notice(void)
{
	uint32_t info;
	do
		info = msg_recv((tess_msg *)buf);
	while (!tess_info_is_control(info) || tess_info_tag(info) != TESS_MSG_EXIT);
	return buf[3];
}

static void keep(uint32_t child)
{
	for (int i = 0; i < 6; i++)
		notices[child][i] = buf[3 + i];
	acks[child][0] = msg_ack(child);
	acks[child][1] = msg_ack(child);
}

int main(void)
{
	uint32_t scenario = params[0];
	if (scenario == 1) {
		for (uint32_t c = 1; c <= 10; c++) {
			uint32_t b7[4] = {1000, 0, 0, 0}, b8[4] = {0, 0, 0, 3};
			const uint32_t *b = c == 7 ? b7 : c == 8 ? b8 : 0;
			spawn(SLOT_CONTROL, c, (void (*)(void))child, c, b, c == 8 ? 15 : c == 10 ? 12 : 1,
			      c == 8 ? 15 : c == 10 ? 12 : 0);
			if (c == 9)
				ctl_send(SLOT_CONTROL, TESS_CTL_KILL, c, buf, 0);
			keep(notice());
		}
		return 0;
	}
	if (scenario == 2) {
		spawn(SLOT_CONTROL, 5, node, 0, 0, 6, 15);
		msg_wait(150000);
		ctl_send(SLOT_CONTROL, TESS_CTL_KILL, 5, buf, 0);
		keep(notice());
		return 0;
	}
	if (scenario == 3) {
		spawn(SLOT_CONTROL, 5, (void (*)(void))child, 1, 0, 1, 0);
		notice();
		msg_wait(0);
		return 1;
	}
	if (scenario == 4) {
		uint32_t b1[4] = {1000, 0, 0, 0}, b2[4] = {0, 0, 0x6000, 0};
		load_child(SLOT_CONTROL, 1, b1, 1, 0);
		load_child(SLOT_CONTROL, 2, b2, 1, 0);
		start_child(SLOT_CONTROL, 1, spin, 0);
		start_child(SLOT_CONTROL, 2, hog, 0x4000);
		keep(notice());
		keep(notice());
		return 0;
	}
	if (scenario == 5) {
		for (uint32_t k = 0; k < 2; k++) {
			spawn(SLOT_CONTROL, 1, (void (*)(void))child, 1, 0, 1, 0);
			notice();
			for (int i = 0; i < 6; i++)
				notices[k][i] = buf[3 + i];
			acks[k][0] = msg_ack(1);
		}
		return 0;
	}
	if (scenario == 6) {
		spawn(SLOT_CONTROL, 1, (void (*)(void))child, 7, 0, 1, 0);
		msg_wait(2000);
		ctl_send(SLOT_CONTROL, TESS_CTL_KILL, 1, buf, 0);
		for (int i = 0; i < 6; i++)
			ctl_send(SLOT_CONTROL, TESS_CTL_CLEAR, 1, buf, 0);
		keep(notice());
		for (int i = 0; i < 6; i++)
			notices[2][i] = notices[1][i];
		spawn(SLOT_CONTROL, 1, (void (*)(void))child, 1, 0, 1, 0);
		keep(notice());
		return 0;
	}
	return 2;
}
