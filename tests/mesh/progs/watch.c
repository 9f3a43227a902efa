/*
 * A supervisor and its child with no CONTROL capability anywhere (isa/SPEC.md §6.2,
 * §6.3): tile 0 computes a little and exits, tile 1 spins for ever. Neither sends a
 * message, so each could run far ahead of the network; the halt of the other decides
 * when it stops. Manifest `0 watch.elf` + `1 watch.elf supervisor=0`: tile 0's halt
 * kills tile 1 (the cascade) a few cycles after the kill's delivery. Manifest
 * `1 watch.elf` + `0 watch.elf supervisor=1`: tile 1 never acknowledges tile 0's EXIT
 * notice and halts UNHANDLED_EXIT exactly ACK_GRACE cycles after its delivery.
 */
#include "tmsg.h"

volatile uint32_t sink;

int main(void)
{
	if (tess_tid() == 0) {
		for (uint32_t i = 0; i < 1000; i++)
			sink += i;
		return 0;
	}
	for (;;)
		sink++;
}
