/* Helpers shared by the examples: neighbours and a sum reduction towards tile 0. */
#ifndef EXAMPLES_COMMON_H
#define EXAMPLES_COMMON_H

#include <stdint.h>

#include "tess.h"

enum { TAG_REDUCE = 64 };

/*
 * Sums v over every tile of the mesh onto tile (0,0): each row reduces westwards into
 * column 0, then column 0 reduces northwards. Returns the total on tile 0 (a partial
 * sum elsewhere). Uses the neighbour slots SLOT_WEST and SLOT_NORTH (isa/SPEC.md §10).
 */
static inline uint32_t reduce_sum(uint32_t v)
{
	uint32_t x = tess_x(), y = tess_y(), w = tess_mesh_w(), h = tess_mesh_h();
	tess_msg m;
	if (x + 1 < w) {                       /* the partial sum of everything east */
		tess_recv_tag(&m, TAG_REDUCE, tess_tid() + 1);
		v += m.w[0];
	}
	if (x > 0) {
		tess_send(SLOT_WEST, TAG_REDUCE, &v, 1);
		return v;
	}
	if (y + 1 < h) {                       /* column 0: everything south */
		tess_recv_tag(&m, TAG_REDUCE, tess_tid() + w);
		v += m.w[0];
	}
	if (y > 0)
		tess_send(SLOT_NORTH, TAG_REDUCE, &v, 1);
	return v;
}

#endif
