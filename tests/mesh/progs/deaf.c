/*
 * A tile that never receives (tile 1: computes, then exits) and one that sends it 20
 * messages (tile 0). Tile 1's mailbox fills after 8, the network backs up, tile 0 blocks
 * in msg.send until tile 1 halts and the rest are discarded (isa/SPEC.md §8.4): tile 0
 * ends after tile 1, although tile 1 runs ahead of the network to its halt.
 */
#include "tmsg.h"

static uint32_t w[8];
volatile uint32_t sink;

int main(void)
{
	if (tess_tid() == 1) {
		for (uint32_t i = 0; i < 1000; i++)
			sink += i;
		return 0;
	}
	for (uint32_t i = 0; i < 20; i++)
		msg_send(SEND_DESC(SLOT_EAST, 1, 8), w, 0);
	return 0;
}
