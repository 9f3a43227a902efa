/*
 * Parallel sum: every tile sums its slice of f(i) = (i * 2654435761) >> 16 for
 * i < N, then the partial sums are reduced onto tile 0 (rows westwards, then column 0
 * northwards). Tile 0 checks the total against its own sequential sum.
 */
#include <stdio.h>

#include "common.h"

#define N 65536u

static uint32_t f(uint32_t i) { return (i * 2654435761u) >> 16; }

int main(void)
{
	uint32_t id = tess_tid(), tiles = tess_mesh_w() * tess_mesh_h();
	uint32_t lo = N / tiles * id, hi = id + 1 == tiles ? N : N / tiles * (id + 1);
	uint64_t t0 = tess_cycles();
	uint32_t s = 0;
	for (uint32_t i = lo; i < hi; i++)
		s += f(i);
	uint32_t total = reduce_sum(s);
	if (id != 0)
		return 0;
	uint64_t par = tess_cycles() - t0;
	uint32_t ref = 0;
	for (uint32_t i = 0; i < N; i++)
		ref += f(i);
	printf("sum over %lu tiles: %lu (sequential %lu) %s; parallel %lu cycles\n",
	       (unsigned long)tiles, (unsigned long)total, (unsigned long)ref,
	       total == ref ? "ok" : "WRONG", (unsigned long)par);
	return total == ref ? 0 : 1;
}
