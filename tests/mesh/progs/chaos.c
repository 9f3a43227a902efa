/*
 * A guest that misbehaves in every way it can on a 4x4 mesh; each tile its own way
 * (by tile id). Nothing here may crash or hang the simulator; --max-cycles ends it.
 */
#include "tmsg.h"

static uint32_t buf[MSG_RECORD_HDR_WORDS + MSG_MAX_WORDS];

static uint32_t rnd(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s;
}

int main(void)
{
	uint32_t me = tess_tid(), s = me * 77 + 1;
	switch (me) {
	case 0:                           /* flood tile 1, which never receives */
		for (;;)
			msg_send(SEND_DESC(SLOT_ALL_TILES, 5, 16), buf, 1);
	case 1:
		for (;;)
			;
	case 2:                           /* random descriptors, payload addresses, ends */
		for (int i = 0; i < 20000; i++)
			msg_send(rnd(&s) & ~(1u << 21 | 3u << 8), (void *)(rnd(&s) & 0xfffc & 0x7ffc),
				 rnd(&s));
		for (;;)
			msg_send(rnd(&s), (void *)(rnd(&s) & 0x7ffc), rnd(&s) % 16);
	case 3:                           /* receive into memory beyond the bound */
		msg_recv((tess_msg *)tess_membound());
		break;
	case 4:                           /* payload beyond the bound */
		msg_send(SEND_DESC(SLOT_ALL_TILES, 5, 16), (void *)(tess_membound() - 8), 0);
		break;
	case 5:                           /* fill its own mailbox, then block for ever */
		for (;;)
			msg_send(SEND_DESC(SLOT_ALL_TILES, 5, 4), buf, 5);
	case 6:                           /* wake-ups with deadlines, polls, stray acks */
		for (;;) {
			msg_wait(rnd(&s) % 50);
			msg_poll((tess_msg *)buf);
			msg_ack(rnd(&s));
		}
	case 7:                           /* capability instructions with garbage */
		for (;;) {
			cap_copy(rnd(&s) % 40, rnd(&s) % 40);
			cap_mint(rnd(&s), rnd(&s) % 40, rnd(&s));
			cap_narrow(rnd(&s), rnd(&s) % 40, rnd(&s), rnd(&s));
			cap_drop(rnd(&s) % 34);
			if (rnd(&s) % 64 == 0)
				msg_send(rnd(&s), buf, rnd(&s));
		}
	case 8:                           /* the console, with lengths that lie */
		for (int i = 0; i < 200; i++) {
			buf[0] = rnd(&s);
			msg_send(SEND_DESC(SLOT_CONSOLE, TESS_CON_WRITE, 1 + rnd(&s) % 16), buf, 0);
		}
		break;
	case 11:                          /* random control operations (with control=all) */
		for (;;) {
			for (int i = 0; i < 16; i++)
				buf[i] = rnd(&s) % 4 == 0 ? (rnd(&s) & 0xfc) : rnd(&s);
			uint32_t tag = 1 + rnd(&s) % 6, len = rnd(&s) % 17;
			uint32_t pass = rnd(&s) % 4 == 0 ? SEND_DESC_PASS(rnd(&s) % 10) : 0;
			msg_send(SEND_DESC(SLOT_CONTROL, tag, len) | pass, buf, rnd(&s) % 16);
			if (rnd(&s) % 8 == 0)
				msg_poll((tess_msg *)buf);
		}
	case 9:                           /* unaligned receive buffer */
		msg_recv((tess_msg *)((char *)buf + 2));
		break;
	default:                          /* receive whatever comes, for ever */
		for (;;)
			msg_recv((tess_msg *)buf);
	}
	return 3;
}
