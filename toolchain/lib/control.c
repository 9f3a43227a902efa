/* Control of child tiles: control operations are messages through a CONTROL slot. */
#include "tess.h"

int32_t tess_ctl_load(uint32_t slot, uint32_t tile, uint32_t addr, const uint32_t *w, uint32_t n)
{
	uint32_t buf[MSG_MAX_WORDS];
	while (n) {
		uint32_t k = n < MSG_MAX_WORDS - 1 ? n : MSG_MAX_WORDS - 1;
		buf[0] = addr;
		for (uint32_t i = 0; i < k; i++)
			buf[1 + i] = w[i];
		int32_t r = tess_send_to(slot, tile, TESS_CTL_LOAD, buf, k + 1);
		if (r)
			return r;
		addr += 4 * k;
		w += k;
		n -= k;
	}
	return TESS_OK;
}

int32_t tess_ctl_budget(uint32_t slot, uint32_t tile, uint64_t cycles, uint32_t bound,
			uint32_t msgs)
{
	uint32_t w[4] = {(uint32_t)cycles, (uint32_t)(cycles >> 32), bound, msgs};
	return tess_send_to(slot, tile, TESS_CTL_BUDGET, w, 4);
}

int32_t tess_ctl_start(uint32_t slot, uint32_t tile, uint32_t pc, uint32_t arg)
{
	uint32_t w[2] = {pc, arg};
	return tess_send_to(slot, tile, TESS_CTL_START, w, 2);
}

int32_t tess_ctl_kill(uint32_t slot, uint32_t tile)
{
	return tess_send_to(slot, tile, TESS_CTL_KILL, 0, 0);
}

int32_t tess_ctl_grant(uint32_t slot, uint32_t tile, uint32_t dst_slot, uint32_t cap_slot)
{
	uint32_t w[1] = {dst_slot};
	return msg_send(SEND_DESC(slot, TESS_CTL_GRANT, 1) | SEND_DESC_PASS(cap_slot), w, tile);
}

int32_t tess_ctl_clear(uint32_t slot, uint32_t tile)
{
	return tess_send_to(slot, tile, TESS_CTL_CLEAR, 0, 0);
}
