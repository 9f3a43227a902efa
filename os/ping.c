/*
 * The smallest echo, for the neighbour round-trip figure: every message comes back to
 * its sender with the same tag and first word, through SLOT_ALL_TILES; no OS layer.
 */
#include "msg.h"

int main(void)
{
	tess_msg m;
	for (;;) {
		msg_recv(&m);
		tess_send_to(SLOT_ALL_TILES, m.src, tess_msg_tag(&m), m.w, 1);
	}
}
