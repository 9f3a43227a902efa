/* Ping-pong between tiles 0 and 1 (a 2x1 mesh): 100 round trips of one word. */
#include "tmsg.h"

#define ROUNDS 100

static uint32_t buf[MSG_RECORD_HDR_WORDS + MSG_MAX_WORDS];

int main(void)
{
	uint32_t me = tess_tid(), v = 0;
	if (me == 1) {
		for (int i = 0; i < ROUNDS; i++) {
			msg_recv((tess_msg *)buf);
			buf[3] += 1;
			msg_send(SEND_DESC(SLOT_WEST, 1, 1), &buf[3], 0);
		}
		return 0;
	}
	uint32_t t0 = tess_cycle32();
	for (int i = 0; i < ROUNDS; i++) {
		buf[3] = v + 1;
		msg_send(SEND_DESC(SLOT_EAST, 1, 1), &buf[3], 0);
		msg_recv((tess_msg *)buf);
		v = buf[3];
	}
	uint32_t dt = tess_cycle32() - t0;
	t_line l = {0};
	t_s(&l, "ping-pong: ");
	t_u(&l, ROUNDS);
	t_s(&l, " rounds, value ");
	t_u(&l, v);
	t_s(&l, ", ");
	t_u(&l, dt);
	t_s(&l, " cycles, ");
	t_u(&l, dt / ROUNDS);
	t_s(&l, " per round trip\n");
	t_put(&l);
	return v == 2 * ROUNDS ? 0 : 1;
}
