/* Sum of (id + 1) over every tile: each row adds up westwards, column 0 northwards. */
#include "tmsg.h"

static uint32_t buf[MSG_RECORD_HDR_WORDS + MSG_MAX_WORDS];

int main(void)
{
	uint32_t me = tess_tid(), xy = tess_xy(), wh = tess_mesh();
	uint32_t x = xy & 0xffff, y = xy >> 16, w = wh & 0xffff, h = wh >> 16;
	uint32_t t0 = tess_cycle32(), sum = me + 1;
	if (x + 1 < w) {
		msg_recv((tess_msg *)buf);
		sum += buf[3];
	}
	if (x == 0 && y + 1 < h) {
		msg_recv((tess_msg *)buf);
		sum += buf[3];
	}
	if (x > 0) {
		msg_send(SEND_DESC(SLOT_WEST, 3, 1), &sum, 0);
		return 0;
	}
	if (y > 0) {
		msg_send(SEND_DESC(SLOT_NORTH, 3, 1), &sum, 0);
		return 0;
	}
	uint32_t dt = tess_cycle32() - t0, n = w * h;
	t_line l = {0};
	t_s(&l, "reduce: sum ");
	t_u(&l, sum);
	t_s(&l, " over ");
	t_u(&l, n);
	t_s(&l, " tiles in ");
	t_u(&l, dt);
	t_s(&l, " cycles\n");
	t_put(&l);
	return sum == n * (n + 1) / 2 ? 0 : 1;
}
