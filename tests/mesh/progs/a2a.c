/*
 * All-to-all: every tile sends K one-word messages to every other tile (tile i starts
 * with i+1, then i+2, ...), taking what has arrived between sends, then receives the
 * rest. Messages from one source must arrive in order. Exit 0 when all is well.
 */
#include "tmsg.h"

#define K 4
#define MAXT 1024

static uint32_t buf[MSG_RECORD_HDR_WORDS + MSG_MAX_WORDS], seen[MAXT];
static uint32_t got, bad;

static void take(void)
{
	uint32_t src = buf[1];
	if (src >= MAXT || buf[3] != seen[src])
		bad++;
	else
		seen[src]++;
	got++;
}

int main(void)
{
	uint32_t me = tess_tid(), wh = tess_mesh(), n = (wh & 0xffff) * (wh >> 16);
	uint32_t word;
	for (uint32_t k = 0; k < K; k++)
		for (uint32_t d = 1; d < n; d++) {
			word = k;
			msg_send(SEND_DESC(SLOT_ALL_TILES, 4, 1), &word, (me + d) % n);
			while (msg_poll((tess_msg *)buf))
				take();
		}
	while (got < K * (n - 1)) {
		msg_recv((tess_msg *)buf);
		take();
	}
	if (me == 0) {
		t_line l = {0};
		t_s(&l, "all-to-all: ");
		t_u(&l, n);
		t_s(&l, " tiles, ");
		t_u(&l, K * n * (n - 1));
		t_s(&l, " messages\n");
		t_put(&l);
	}
	return bad != 0;
}
