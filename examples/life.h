/* Conway's Life, shared by the mesh version and the one-tile reference. */
#ifndef EXAMPLES_LIFE_H
#define EXAMPLES_LIFE_H

#include <stdint.h>

#ifndef LIFE_GENERATIONS
#define LIFE_GENERATIONS 100
#endif

/* Initial state of cell (x, y) of the whole grid. */
static inline int life_seed(uint32_t x, uint32_t y)
{
	uint32_t h = (x * 73856093u) ^ (y * 19349663u);
	h *= 2654435761u;
	return (h >> 29) < 3;
}

/* Next state from the cell and its live-neighbour count. */
static inline int life_rule(int alive, unsigned n)
{
	return n == 3 || (alive && n == 2);
}

#endif
