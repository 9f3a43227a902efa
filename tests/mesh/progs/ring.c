/* A token goes round every tile of the mesh (tile i to i+1, the last to 0) 3 times;
   each tile adds its id. Tile 0 prints the result. */
#include "tmsg.h"

#define LAPS 3

static uint32_t buf[MSG_RECORD_HDR_WORDS + MSG_MAX_WORDS];

int main(void)
{
	uint32_t me = tess_tid(), wh = tess_mesh(), n = (wh & 0xffff) * (wh >> 16);
	uint32_t next = (me + 1) % n, t0 = tess_cycle32();
	for (int lap = 0; lap < LAPS; lap++) {
		if (me == 0) {
			buf[3] = lap == 0 ? 0 : buf[3];
			msg_send(SEND_DESC(SLOT_ALL_TILES, 2, 1), &buf[3], next);
			msg_recv((tess_msg *)buf);
		} else {
			msg_recv((tess_msg *)buf);
			buf[3] += me;
			msg_send(SEND_DESC(SLOT_ALL_TILES, 2, 1), &buf[3], next);
		}
	}
	if (me != 0)
		return 0;
	uint32_t dt = tess_cycle32() - t0, want = LAPS * (n * (n - 1) / 2);
	t_line l = {0};
	t_s(&l, "ring: ");
	t_u(&l, n);
	t_s(&l, " tiles, ");
	t_u(&l, LAPS);
	t_s(&l, " laps, token ");
	t_u(&l, buf[3]);
	t_s(&l, ", ");
	t_u(&l, dt);
	t_s(&l, " cycles\n");
	t_put(&l);
	return buf[3] == want ? 0 : 1;
}
