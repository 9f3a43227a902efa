/*
 * One message, measured: params = {dest tile, len, pass a capability, sender?}.
 * The sender keeps the cycle 2 before its msg.send issues in buf[0]; the receiver
 * keeps the cycle the message was in its mailbox in `out` (its msg.recv blocked until
 * then). The test takes the difference (SPEC §8.3).
 */
#include "tmsg.h"

static uint32_t buf[MSG_RECORD_HDR_WORDS + MSG_MAX_WORDS];
volatile uint32_t out;

int main(void)
{
	uint32_t dst = params[0], len = params[1], pass = params[2];
	if (params[3]) {
		uint32_t desc = SEND_DESC(SLOT_ALL_TILES, 99, len) | (pass ? SEND_DESC_PASS(SLOT_CONSOLE) : 0);
		int32_t r;
		/* tess.cycle, sw, msg.send: the send issues 2 cycles after the cycle read. */
		__asm__ volatile(".insn r 0x0B, 0, 3, t0, x0, x0\n\t"
				 "sw t0, 0(%1)\n\t"
				 ".insn r4 0x2B, 0, 0, %0, %2, %1, %3"
				 : "=r"(r) : "r"(buf), "r"(desc), "r"(dst) : "t0", "memory");
		return r;
	}
	uint32_t after;
	__asm__ volatile(".insn r 0x2B, 1, 0, x0, %1, x0\n\t"
			 ".insn r 0x0B, 0, 3, %0, x0, x0"
			 : "=r"(after) : "r"(buf) : "memory");
	out = after - 2 - tess_info_len(buf[0]);
	return 0;
}
