/*
 * Passing capabilities in messages (SPEC §4.3), on a mesh (cosim --mesh 2x2): tile 0
 * narrows its all-tiles capability to itself, badges it, and passes it to tile 1 with a
 * payload word; tile 1 finds it in its lowest empty slot and answers through it, so
 * tile 0 sees tile 1's reply carry the badge. Also a refused pass (E_PASS), a pass of
 * the console capability, and a full table on the receiver (the capability is dropped).
 * Exit 0 when everything was as the spec says.
 */
#include "tess.h"

static uint32_t buf[MSG_RECORD_HDR_WORDS + MSG_MAX_WORDS], word[2];

static int receiver(void)
{
	uint32_t info = msg_recv((tess_msg *)buf);
	int s = tess_info_cap_slot(info);
	if (s < 0 || cap_lo((uint32_t)s) != 0 || cap_badge((uint32_t)s) != 0xbeef)
		return 10;
	word[0] = buf[3] + 1;
	if (msg_send(SEND_DESC((uint32_t)s, 6, 1), word, 0) != 0)
		return 11;
	/* fill every empty slot: the next passed capability has nowhere to go */
	for (uint32_t i = 0; i < 32; i++)
		if (cap_info(i) == 0)
			cap_copy(SLOT_CONSOLE, i);
	info = msg_recv((tess_msg *)buf);
	if (info & MSG_INFO_CAP)
		return 12;
	return buf[3] == 7 ? 0 : 13;
}

int main(void)
{
	uint32_t me = tess_tid();
	if (me == 1)
		return receiver();
	if (me != 0)
		return 0;
	if (cap_narrow(SLOT_ALL_TILES, 21, 0, 0) || cap_mint(21, 22, 0xbeef))
		return 1;
	word[0] = 41;
	if (msg_send(SEND_DESC(SLOT_ALL_TILES, 5, 1) | SEND_DESC_PASS(25), word, 1) != TESS_E_PASS)
		return 2;
	if (msg_send(SEND_DESC(SLOT_ALL_TILES, 5, 1) | SEND_DESC_PASS(22), word, 1) != 0)
		return 3;
	msg_recv((tess_msg *)buf);
	if (buf[1] != 1 || buf[2] != 0xbeef || buf[3] != 42)
		return 4;
	word[0] = 7;
	msg_send(SEND_DESC(SLOT_ALL_TILES, 5, 1) | SEND_DESC_PASS(SLOT_CONSOLE), word, 1);
	return 0;
}
