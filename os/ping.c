/*
 * The smallest echo, for the neighbour round-trip figure: every message comes back to
 * its sender with the same tag and first word, through OS_SLOT_ALL; no OS layer.
 */
#include "msg.h"

int os_main(void)
{
	uint32_t rec[MSG_RECORD_HDR_WORDS + MSG_MAX_WORDS];
	for (;;) {
		uint32_t info = msg_recv(rec);
		msg_send(SEND_DESC(OS_SLOT_ALL, MSG_TAG(info), 1), &rec[3], rec[1]);
	}
}
