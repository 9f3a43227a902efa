/*
 * Control operations from every tile at once into tile 0's control unit (4x4, each
 * tile CONTROL over tile 0 by the manifest): a 16-word LOAD (17 cycles to apply) then
 * 3-flit CLEARs and KILLs arriving every 3 cycles, the longest backlog the unit's
 * operation queue can see; tile 0 spins, so the first KILL halts it and the rest apply
 * to an idle tile (or are refused while it runs).
 */
#include "tmsg.h"

static uint32_t w[16];

int main(void)
{
	uint32_t me = tess_tid();
	if (me == 0)
		for (;;)
			;
	for (uint32_t i = 0; i < 16; i++)
		w[i] = 4 * i;                     /* a LOAD at address 0 of 15 words */
	for (int round = 0; round < 3; round++) {
		ctl_send(SLOT_CONTROL, TESS_CTL_LOAD, 0, w, 16);
		ctl_send(SLOT_CONTROL, TESS_CTL_CLEAR, 0, w, 0);
		ctl_send(SLOT_CONTROL, me == 15 ? TESS_CTL_KILL : TESS_CTL_CLEAR, 0, w, 0);
		ctl_send(SLOT_CONTROL, TESS_CTL_CLEAR, 0, w, 0);
	}
	return 0;
}
