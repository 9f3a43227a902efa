/*
 * A pipeline of stages, one per tile along row 0: tile 0 produces ITEMS numbers, tile k
 * applies stage k and passes the result east, the last tile sums what comes out and
 * checks it against the stages applied sequentially.
 */
#include <stdio.h>

#include "tess.h"

#define ITEMS 200u
enum { TAG_ITEM = 66 };

static uint32_t stage(uint32_t k, uint32_t v) { return v * (2 * k + 3) + k * k; }

int main(void)
{
	uint32_t k = tess_x(), w = tess_mesh_w();
	if (tess_y() != 0)
		return 0;
	uint64_t t0 = tess_cycles();
	uint32_t sum = 0;
	tess_msg m;
	for (uint32_t i = 0; i < ITEMS; i++) {
		uint32_t v = i;
		if (k > 0) {
			tess_recv_tag(&m, TAG_ITEM, ~0u);
			v = m.w[0];
		}
		v = stage(k, v);
		if (k + 1 < w)
			tess_send(SLOT_EAST, TAG_ITEM, &v, 1);
		else
			sum += v;
	}
	if (k + 1 < w)
		return 0;
	uint32_t ref = 0;
	for (uint32_t i = 0; i < ITEMS; i++) {
		uint32_t v = i;
		for (uint32_t s = 0; s < w; s++)
			v = stage(s, v);
		ref += v;
	}
	printf("pipeline of %lu stages, %lu items: sum %lu (sequential %lu) %s; %lu cycles\n",
	       (unsigned long)w, (unsigned long)ITEMS, (unsigned long)sum, (unsigned long)ref,
	       sum == ref ? "ok" : "WRONG", (unsigned long)(tess_cycles() - t0));
	return sum == ref ? 0 : 1;
}
