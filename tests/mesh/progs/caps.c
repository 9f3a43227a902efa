/*
 * Capability refusals and rights (SPEC §4.2, §4.3). Tile 0 (CONTROL over tile 1 only)
 * records each status in res[]; the test compares them with what the spec says.
 * Tile 1 receives one badged message carrying a capability and records what it saw.
 */
#include "tmsg.h"

int32_t res[64];
static uint32_t buf[MSG_RECORD_HDR_WORDS + MSG_MAX_WORDS], word[16];

int main(void)
{
	uint32_t n = (tess_mesh() & 0xffff) * (tess_mesh() >> 16), k = 0;
	if (tess_tid() == 1) {
		uint32_t info = msg_recv((tess_msg *)buf);
		res[0] = (int32_t)buf[1];             /* source */
		res[1] = (int32_t)buf[2];             /* badge */
		res[2] = (int32_t)((info & MSG_INFO_CAP) != 0);
		res[3] = (int32_t)tess_info_cap_slot(info);
		res[4] = (int32_t)cap_lo(tess_info_cap_slot(info));
		res[5] = (int32_t)buf[3];
		return 0;
	}
	res[k++] = (int32_t)cap_info(SLOT_CONSOLE);              /* 0: send, single: 0x11 */
	res[k++] = (int32_t)cap_info(31);                        /* 1: empty: 0 */
	res[k++] = (int32_t)cap_info(32);                        /* 2: TESS_E_SLOT */
	res[k++] = msg_send(SEND_DESC(20, 1, 1), word, 0);            /* 3: TESS_E_EMPTY */
	res[k++] = msg_send(SEND_DESC(SLOT_ALL_TILES, 1, 17), word, 1);     /* 4: TESS_E_LEN */
	res[k++] = msg_send(SEND_DESC(SLOT_ALL_TILES, 1, 1), word, n);      /* 5: TESS_E_RANGE */
	res[k++] = msg_send(SEND_DESC(SLOT_ALL_TILES, 1, 1) | SEND_DESC_PASS(25), word, 1);  /* 6: TESS_E_PASS */
	res[k++] = msg_send(SEND_DESC(SLOT_CONTROL, 99, 0), word, 1); /* 7: TESS_E_KIND */
	res[k++] = msg_send(SEND_DESC(SLOT_ALL_TILES, 1, 1), word, DEV_CONSOLE); /* 8: a device: TESS_E_RANGE */
	res[k++] = cap_narrow(SLOT_ALL_TILES, 20, 0, n);               /* 9: widen: TESS_E_RANGE */
	res[k++] = cap_narrow(SLOT_ALL_TILES, 20, 2, 1);               /* 10: lo > hi: TESS_E_RANGE */
	res[k++] = cap_narrow(SLOT_ALL_TILES, 20, 1, 2);               /* 11: OK */
	res[k++] = (int32_t)(cap_lo(20) | cap_hi(20) << 8);      /* 12: 0x201 */
	res[k++] = cap_narrow(20, 21, 0, 2);                     /* 13: widen lo: TESS_E_RANGE */
	res[k++] = cap_mint(SLOT_ALL_TILES, 22, 5);                    /* 14: OK */
	res[k++] = (int32_t)cap_badge(22);                       /* 15: 5 */
	res[k++] = cap_mint(22, 23, 6);                          /* 16: TESS_E_BADGED */
	res[k++] = cap_mint(SLOT_CONTROL, 24, 1);                /* 17: TESS_E_KIND */
	res[k++] = cap_mint(25, 26, 1);                          /* 18: TESS_E_EMPTY */
	res[k++] = cap_copy(40, 1);                              /* 19: TESS_E_SLOT */
	res[k++] = cap_copy(25, 1);                              /* 20: TESS_E_EMPTY */
	res[k++] = cap_copy(SLOT_CONSOLE, 27);                   /* 21: OK */
	res[k++] = (int32_t)cap_info(27);                        /* 22: 0x11 */
	res[k++] = cap_drop(27);                                 /* 23: OK */
	res[k++] = (int32_t)cap_info(27);                        /* 24: 0 */
	res[k++] = cap_drop(32);                                 /* 25: TESS_E_SLOT */
	res[k++] = msg_ack(3);                                   /* 26: TESS_E_NOPENDING */
	res[k++] = (int32_t)cap_info(SLOT_CONTROL);              /* 27: control, single: 0x12 */
	res[k++] = (int32_t)cap_info(SLOT_ALL_TILES);                  /* 28: send, range: 1 */
	word[0] = 0x100;                         /* refused: tile 1 is running */
	ctl_send(SLOT_CONTROL, TESS_CTL_LOAD, 1, word, 2);
	word[0] = 77;
	res[k++] = msg_send(SEND_DESC(22, 9, 1) | SEND_DESC_PASS(SLOT_CONSOLE), word, 1); /* 29: OK */
	return 0;
}
