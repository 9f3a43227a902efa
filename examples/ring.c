/*
 * A token passes round every tile of the mesh LAPS times; each tile adds its id. Tile 0
 * prints the token and the cycles a lap took. Sends go through the range capability
 * to every tile (slot SLOT_ALL_TILES) to the next tile id, wrapping to 0.
 */
#include <stdio.h>

#include "tess.h"

#define LAPS 3
enum { TAG_TOKEN = 65 };

int main(void)
{
	uint32_t id = tess_tid(), n = tess_mesh_w() * tess_mesh_h(), next = (id + 1) % n;
	uint32_t token = 0;
	tess_msg m;
	for (int lap = 0; lap < LAPS; lap++) {
		uint64_t t0 = tess_cycles();
		if (id == 0)
			tess_send_to(SLOT_ALL_TILES, next, TAG_TOKEN, &token, 1);
		tess_recv_tag(&m, TAG_TOKEN, ~0u);
		token = m.w[0] + id;
		if (id != 0)
			tess_send_to(SLOT_ALL_TILES, next, TAG_TOKEN, &token, 1);
		else
			printf("lap %d: token %lu after %lu cycles round %lu tiles\n", lap,
			       (unsigned long)token, (unsigned long)(tess_cycles() - t0),
			       (unsigned long)n);
	}
	return 0;
}
