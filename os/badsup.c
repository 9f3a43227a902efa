/*
 * A supervisor that ignores its child's EXIT notice: it starts a child that exits at
 * once and then computes forever without receiving. The hardware must halt it with
 * UNHANDLED_EXIT ACK_GRACE cycles after the notice reached its mailbox (SPEC §6.3).
 */
#include "msg.h"
#include "sys.h"

int os_main(void)
{
	static const uint32_t load[2] = { 0, 0x0000100bu };   /* tess.exit x0 */
	static const uint32_t start[2] = { 0, 0 };
	uint32_t child = cap_lo(OS_SLOT_CONTROL);
	os_send(OS_SLOT_CONTROL, TAG_CTL_LOAD, load, 2, child);
	os_send(OS_SLOT_CONTROL, TAG_CTL_START, start, 2, child);
	for (volatile uint32_t i = 0;; i++)
		;
}
