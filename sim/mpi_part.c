/* The partition of the mesh into one rectangle per rank (rule in sim/mpi.h). */
#include <stdio.h>

#include "mpi_dist.h"

static uint32_t ceil_div(uint32_t a, uint32_t b) { return (a + b - 1) / b; }

/* Is (px, py) better than the best so far (bx, by)? */
static bool better(uint32_t w, uint32_t h, uint32_t px, uint32_t py, uint32_t bx, uint32_t by)
{
	if (!bx)
		return true;
	uint32_t cw = ceil_div(w, px), ch = ceil_div(h, py);
	uint32_t bw = ceil_div(w, bx), bh = ceil_div(h, by);
	uint32_t d = cw > ch ? cw - ch : ch - cw, bd = bw > bh ? bw - bh : bh - bw;
	if (d != bd)
		return d < bd;
	if ((uint64_t)cw * ch != (uint64_t)bw * bh)
		return (uint64_t)cw * ch < (uint64_t)bw * bh;
	return px > bx;
}

bool mpi_part(uint32_t w, uint32_t h, int k, int *px, int *py, char *err, size_t errlen)
{
	if (k < 1 || (uint64_t)k > (uint64_t)w * h) {
		snprintf(err, errlen, "%d ranks for a %ux%u mesh (%u tiles): at most one rank per tile",
			 k, w, h, w * h);
		return false;
	}
	uint32_t bx = 0, by = 0;
	for (uint32_t x = 1; x <= (uint32_t)k; x++) {
		if ((uint32_t)k % x || x > w || (uint32_t)k / x > h)
			continue;
		if (better(w, h, x, (uint32_t)k / x, bx, by))
			bx = x, by = (uint32_t)k / x;
	}
	if (!bx) {
		snprintf(err, errlen, "%d ranks cannot cut a %ux%u mesh into a grid of rectangles "
			 "(need %d = columns x rows, columns <= %u, rows <= %u)", k, w, h, k, w, h);
		return false;
	}
	*px = (int)bx;
	*py = (int)by;
	return true;
}

/* Strip of coordinate c when n cells are cut into k strips, the first n % k wider. */
static uint32_t strip_of(uint32_t c, uint32_t n, uint32_t k)
{
	uint32_t small = n / k, wide = n % k;
	uint32_t edge = wide * (small + 1);      /* first cell of the narrow strips */
	return c < edge ? c / (small + 1) : wide + (c - edge) / small;
}

void mpi_part_owners(uint32_t w, uint32_t h, int px, int py, int32_t *owner)
{
	for (uint32_t y = 0; y < h; y++)
		for (uint32_t x = 0; x < w; x++)
			owner[y * w + x] = (int32_t)(strip_of(y, h, (uint32_t)py) * (uint32_t)px +
						     strip_of(x, w, (uint32_t)px));
}
