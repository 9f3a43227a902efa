/*
 * A supervisor that ignores its child's EXIT notice: it starts a child that exits at
 * once and then computes forever without receiving. The hardware must halt it with
 * UNHANDLED_EXIT ACK_GRACE cycles after the notice reached its mailbox (SPEC §6.3).
 */
#include "msg.h"
#include "tess.h"

int main(void)
{
	static const uint32_t load[2] = { 0, 0x0000100bu };   /* tess.exit x0 */
	static const uint32_t start[2] = { 0, 0 };
	uint32_t child = cap_lo(SLOT_CONTROL);
	tess_send_to(SLOT_CONTROL, child, TESS_CTL_LOAD, load, 2);
	tess_send_to(SLOT_CONTROL, child, TESS_CTL_START, start, 2);
	for (volatile uint32_t i = 0;; i++)
		;
}
