/*
 * The reference for life.c: the same grid (LIFE_W x LIFE_H cells, default 256x256) on
 * one tile, a byte per cell, computed the plain way. Run with --mem 512K.
 */
#include <stdio.h>
#include <stdlib.h>

#include "life.h"

#ifndef LIFE_W
#define LIFE_W 256
#endif
#ifndef LIFE_H
#define LIFE_H 256
#endif

static unsigned char *grid, *next;

static int cell(int x, int y)
{
	return x >= 0 && y >= 0 && x < LIFE_W && y < LIFE_H && grid[y * LIFE_W + x];
}

int main(void)
{
	grid = calloc(LIFE_W * LIFE_H, 1);
	next = calloc(LIFE_W * LIFE_H, 1);
	if (!grid || !next) {
		printf("life_ref: out of memory (run with --mem 512K)\n");
		return 1;
	}
	for (int y = 0; y < LIFE_H; y++)
		for (int x = 0; x < LIFE_W; x++)
			grid[y * LIFE_W + x] = (unsigned char)life_seed((uint32_t)x, (uint32_t)y);
	for (int g = 0; g <= LIFE_GENERATIONS; g++) {
		if (g % 25 == 0) {
			unsigned long pop = 0;
			for (int i = 0; i < LIFE_W * LIFE_H; i++)
				pop += grid[i];
			printf("life %dx%d generation %d: population %lu\n", LIFE_W, LIFE_H, g, pop);
		}
		if (g == LIFE_GENERATIONS)
			break;
		for (int y = 0; y < LIFE_H; y++)
			for (int x = 0; x < LIFE_W; x++) {
				unsigned n = 0;
				for (int dy = -1; dy <= 1; dy++)
					for (int dx = -1; dx <= 1; dx++)
						n += (dx || dy) && cell(x + dx, y + dy);
				next[y * LIFE_W + x] = (unsigned char)life_rule(grid[y * LIFE_W + x], n);
			}
		unsigned char *t = grid;
		grid = next;
		next = t;
	}
	return 0;
}
