/*
 * Block store (SPEC §9.2). Tile 0 of a 1x1 mesh: writes lba 3 twice (the second
 * depends on the first), reads it back (depending on the second write), reads lba 5
 * independently, a barrier flush, a read after it, a bad lba and an unknown dependency.
 * Prints every reply in the order it arrives, then the value lba 3 held before the run
 * (written by the previous run: the data persists) and after; then writes lba 6 last.
 */
#include "tmsg.h"

static uint32_t buf[MSG_RECORD_HDR_WORDS + MSG_MAX_WORDS], req[16];
static t_line l;

static void request(uint32_t tag, uint32_t id, uint32_t flags, uint32_t d0, uint32_t d1,
		    uint32_t lba, uint32_t fill)
{
	uint32_t n = 4;
	req[0] = id;
	req[1] = flags;
	req[2] = d0;
	req[3] = d1;
	if (tag == TESS_BLK_READ || tag == TESS_BLK_WRITE)
		req[n++] = lba;
	if (tag == TESS_BLK_WRITE)
		for (int i = 0; i < 8; i++)
			req[n++] = fill + (uint32_t)i;
	msg_send(SEND_DESC(SLOT_BLOCK, tag, n), req, 0);
}

static uint32_t reply(void)
{
	msg_recv((tess_msg *)buf);
	t_s(&l, "reply ");
	t_u(&l, buf[3]);
	t_s(&l, " tag ");
	t_u(&l, tess_info_tag(buf[0]));
	t_s(&l, " status ");
	if ((int32_t)buf[4] < 0) {
		t_s(&l, "-");
		t_u(&l, -buf[4]);
	} else {
		t_u(&l, buf[4]);
	}
	if (tess_info_len(buf[0]) > 2) {
		t_s(&l, " data ");
		t_u(&l, buf[5]);
	}
	t_s(&l, "\n");
	t_put(&l);
	return buf[3];
}

#define DEPS(n) ((uint32_t)(n) << 1)

int main(void)
{
	uint32_t before = 0, after = 0;
	request(TESS_BLK_INFO, 1, 0, 0, 0, 0, 0);
	reply();
	request(TESS_BLK_READ, 2, 0, 0, 0, 3, 0);
	while (reply() != 2)
		;
	before = buf[5];
	uint32_t gen = before / 100 + 1;
	uint32_t t0 = tess_cycle32();
	request(TESS_BLK_WRITE, 10, 0, 0, 0, 3, gen * 100);          /* A */
	request(TESS_BLK_WRITE, 11, DEPS(1), 10, 0, 3, gen * 100 + 50); /* B, after A */
	request(TESS_BLK_READ, 12, DEPS(1), 11, 0, 3, 0);            /* sees B */
	request(TESS_BLK_READ, 13, 0, 0, 0, 5, 0);                   /* independent */
	request(TESS_BLK_FLUSH, 14, 1, 0, 0, 0, 0);                  /* barrier */
	request(TESS_BLK_READ, 15, 0, 0, 0, 3, 0);                   /* after the barrier */
	request(TESS_BLK_READ, 16, 0, 0, 0, 99999, 0);               /* bad lba: -1 */
	request(TESS_BLK_READ, 17, DEPS(2), 10, 1234, 3, 0);         /* unknown id: -2 */
	for (int i = 0; i < 8; i++)
		if (reply() == 15)
			after = buf[5];
	uint32_t dt = tess_cycle32() - t0;
	t_s(&l, "lba 3 before ");
	t_u(&l, before);
	t_s(&l, ", after ");
	t_u(&l, after);
	t_s(&l, "; ");
	t_u(&l, dt);
	t_s(&l, " cycles\n");
	t_put(&l);
	/* The last request a write: it must reach the file as it completes, not at the end
	   of the run (the cosim reads the model's file as the run ends). */
	request(TESS_BLK_WRITE, 20, 0, 0, 0, 6, gen * 100 + 7);
	msg_recv((tess_msg *)buf);
	return after == gen * 100 + 50 ? 0 : 1;
}
