/*
 * Echo service, the permanent service of the restart tests. arg bit 8: crash at once
 * (a crash loop). At start it says hello to its supervisor when it may (REPORT [4, tile])
 * so the time to restart can be measured; ECHO [x] is answered ECHO [x, tile, 0];
 * CRASH halts it with an illegal instruction.
 */
#include "msg.h"
#include "tess.h"

int main(void)
{
	uint32_t arg = tess_start_arg();
	tess_msg m;
	if (arg & 0x100)
		__asm__ volatile(".word 0");
	if (cap_kind(SLOT_SUPERVISOR)) {
		uint32_t w[2] = { 4, tess_tid() };
		tess_send(SLOT_SUPERVISOR, TAG_REPORT, w, 2);
	}
	for (;;) {
		os_recv(&m);
		if (tess_msg_tag(&m) == TAG_CRASH)
			__asm__ volatile(".word 0");
		if (tess_msg_tag(&m) == TAG_ECHO) {
			uint32_t w[3] = { m.w[0], tess_tid(), 0 };
			tess_send_to(SLOT_ALL_TILES, m.src, TAG_ECHO, w, 3);
		}
	}
}
