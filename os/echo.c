/*
 * Echo service, the permanent service of the restart tests. arg bit 8: crash at once
 * (a crash loop). At start it says hello to its supervisor when it may (REPORT [4, tile])
 * so the time to restart can be measured; ECHO [x] is answered ECHO [x, tile, 0];
 * CRASH halts it with an illegal instruction.
 */
#include "msg.h"
#include "sys.h"

int os_main(uint32_t arg)
{
	os_msg m;
	if (arg & 0x100)
		__asm__ volatile(".word 0");
	if (cap_info(OS_SLOT_SUPER) & 15) {
		uint32_t w[2] = { 4, tess_tid() };
		os_send(OS_SLOT_SUPER, TAG_REPORT, w, 2, 0);
	}
	for (;;) {
		os_recv(&m);
		if (MSG_TAG(m.info) == TAG_CRASH)
			__asm__ volatile(".word 0");
		if (MSG_TAG(m.info) == TAG_ECHO) {
			uint32_t w[3] = { m.w[0], tess_tid(), 0 };
			os_send(OS_SLOT_ALL, TAG_ECHO, w, 3, m.src);
		}
	}
}
