/*
 * A 4 KiB program for the spawn benchmark: 4 KiB of non-zero data (so every load
 * message is sent), then a hello to the supervisor as its first act.
 */
#include "msg.h"

#define PAD_WORDS (4096 / 4 - 64)

static volatile const uint32_t pad[PAD_WORDS] = { [0 ... PAD_WORDS - 1] = 0xa5a5a5a5u };

int main(void)
{
	uint32_t w[2] = { 5, pad[0] };
	tess_send(SLOT_SUPERVISOR, TAG_REPORT, w, 2);
	return 0;
}
