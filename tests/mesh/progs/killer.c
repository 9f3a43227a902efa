/*
 * Kills and restarts around halts (isa/SPEC.md §6.2: a halted tile is halting for
 * LOOKAHEAD cycles, then IDLE). Run on a mesh with tile 0 holding CONTROL over every
 * tile (manifest: `all killer.elf`, `0 killer.elf control=all`):
 *  - the other tiles chatter: random computations, messages of random length to random
 *    tiles, and only now and then a look at their own mailbox, so mailboxes fill and
 *    senders back up on tiles that are about to be killed;
 *  - tile 0, at random moments, kills a random tile and right behind the kill sends
 *    CTL_CLEARs, or a CTL_LOAD of one instruction (`j .`) and a CTL_START at it, or
 *    nothing: operations that find the tile halting are refused (a START whose LOAD was
 *    refused runs on cleared memory and halts ILLEGAL), later ones apply; it takes and
 *    acknowledges every EXIT notice as it comes.
 * Tile 0 prints what it saw. Cosim compares all of it with the RTL (tests/rtl/ctl), the
 * threads with one thread (tests/mesh/e2e.sh); --max-cycles ends the run.
 */
#include "tmsg.h"

#define ROUNDS 60
#define SPIN_AT 0x100             /* where a restart's one instruction goes */

static uint32_t buf[MSG_RECORD_HDR_WORDS + MSG_MAX_WORDS];
volatile uint32_t sink;

/* What a restart runs (its one instruction is copied out of this image). */
__attribute__((naked)) void spin(void) { __asm__ volatile("1: j 1b"); }

static uint32_t rnd(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

/* Take what is there; acknowledge EXIT notices. Returns the notices taken. */
static uint32_t drain(uint32_t *causes)
{
	uint32_t n = 0, info;
	while ((info = msg_poll((tess_msg *)buf)) != 0)
		if (tess_info_is_control(info) && tess_info_tag(info) == TESS_MSG_EXIT) {
			const uint32_t *notice = &buf[MSG_RECORD_HDR_WORDS];   /* tile, cause, ... */
			msg_ack(notice[0]);
			causes[notice[1] & 15]++;
			n++;
		}
	return n;
}

void chatter(void)
{
	uint32_t me = tess_tid(), n = tess_mesh_w() * tess_mesh_h();
	uint32_t s = me * 2654435761u + tess_cycle32();
	for (;;) {
		uint32_t spin = rnd(&s) % 120;
		for (uint32_t i = 0; i < spin; i++)
			sink += i;
		uint32_t dst = rnd(&s) % n;
		if (dst != me)           /* a restarted tile has no SEND capability: refused */
			msg_send(SEND_DESC(SLOT_ALL_TILES, 5, rnd(&s) % 8), buf, dst);
		if (rnd(&s) % 16 == 0)
			while (msg_poll((tess_msg *)buf))
				;
	}
}

static void supervise(void)
{
	uint32_t n = tess_mesh_w() * tess_mesh_h(), s = 12345, notices = 0;
	uint32_t causes[16] = {0}, kills = 0, spawns = 0;
	for (uint32_t r = 0; r < ROUNDS; r++) {
		msg_wait(1 + rnd(&s) % 3000);
		notices += drain(causes);
		/* chosen before the kill (no division after it: 34 cycles), so that what
		   follows goes right behind it */
		uint32_t v = 1 + rnd(&s) % (n - 1), what = rnd(&s) % 3, k = 1 + (rnd(&s) & 3);
		k -= k == 4;
		__asm__ volatile("" : : "r"(what), "r"(k));
		ctl_send(SLOT_CONTROL, TESS_CTL_KILL, v, buf, 0);
		kills++;
		switch (what) {
		case 0:
			for (; k; k--)
				ctl_send(SLOT_CONTROL, TESS_CTL_CLEAR, v, buf, 0);
			break;
		case 1: {
			uint32_t load[2] = {SPIN_AT, *(const uint32_t *)(uintptr_t)spin};
			uint32_t start[1] = {SPIN_AT};
			ctl_send(SLOT_CONTROL, TESS_CTL_LOAD, v, load, 2);
			ctl_send(SLOT_CONTROL, TESS_CTL_START, v, start, 1);
			spawns++;
			break;
		}
		}
	}
	msg_wait(3000);
	notices += drain(causes);
	t_line l = {0};
	t_s(&l, "killer: ");
	t_u(&l, kills);
	t_s(&l, " kills, ");
	t_u(&l, spawns);
	t_s(&l, " restarts, ");
	t_u(&l, notices);
	t_s(&l, " notices; causes");
	for (uint32_t c = 0; c < 16; c++)
		if (causes[c]) {
			t_s(&l, " ");
			t_u(&l, c);
			t_s(&l, ":");
			t_u(&l, causes[c]);
		}
	t_s(&l, "\n");
	t_put(&l);
}

int main(void)
{
	if (tess_tid() == 0)
		supervise();
	else
		chatter();
	return 0;
}
