/*
 * Conway's Life on a (32 W) x (32 H) grid, one 32x32 block per tile, cells as bits
 * (row r of the block is one word, bit c = column c). Each generation exchanges halos
 * with the neighbours: first the edge columns east and west (one word each), then the
 * edge rows north and south with the two corner cells from the columns just received
 * (two words), so diagonal neighbours arrive without extra messages. The population
 * is reduced onto tile 0 and printed every 25 generations.
 */
#include <stdio.h>

#include "common.h"
#include "life.h"

#define B 32
enum { TAG_COL_E = 80, TAG_COL_W, TAG_ROW_N, TAG_ROW_S };

static uint32_t rows[B], next_rows[B];
static uint32_t ghost_w, ghost_e;          /* columns of the west and east neighbours */
static uint32_t ghost_n[2], ghost_s[2];    /* row above/below; [1] bit 0 west, bit 1 east corner */

static void seed(void)
{
	uint32_t x0 = tess_x() * B, y0 = tess_y() * B;
	for (uint32_t r = 0; r < B; r++) {
		rows[r] = 0;
		for (uint32_t c = 0; c < B; c++)
			rows[r] |= (uint32_t)life_seed(x0 + c, y0 + r) << c;
	}
}

static uint32_t column(unsigned bit)
{
	uint32_t v = 0;
	for (uint32_t r = 0; r < B; r++)
		v |= (rows[r] >> bit & 1u) << r;
	return v;
}

static void exchange(void)
{
	uint32_t x = tess_x(), y = tess_y(), id = tess_tid(), w = tess_mesh_w(), h = tess_mesh_h();
	uint32_t v;
	tess_msg m;
	if (x > 0) { v = column(0); tess_send(SLOT_WEST, TAG_COL_W, &v, 1); }
	if (x + 1 < w) { v = column(B - 1); tess_send(SLOT_EAST, TAG_COL_E, &v, 1); }
	ghost_w = ghost_e = 0;
	if (x > 0) { tess_recv_tag(&m, TAG_COL_E, id - 1); ghost_w = m.w[0]; }
	if (x + 1 < w) { tess_recv_tag(&m, TAG_COL_W, id + 1); ghost_e = m.w[0]; }
	uint32_t top[2] = {rows[0], (ghost_w & 1u) | (ghost_e & 1u) << 1};
	uint32_t bottom[2] = {rows[B - 1], (ghost_w >> (B - 1) & 1u) | (ghost_e >> (B - 1) & 1u) << 1};
	if (y > 0) tess_send(SLOT_NORTH, TAG_ROW_N, top, 2);
	if (y + 1 < h) tess_send(SLOT_SOUTH, TAG_ROW_S, bottom, 2);
	ghost_n[0] = ghost_n[1] = ghost_s[0] = ghost_s[1] = 0;
	if (y > 0) { tess_recv_tag(&m, TAG_ROW_S, id - w); ghost_n[0] = m.w[0]; ghost_n[1] = m.w[1]; }
	if (y + 1 < h) { tess_recv_tag(&m, TAG_ROW_N, id + w); ghost_s[0] = m.w[0]; ghost_s[1] = m.w[1]; }
}

/* Adds the bit-vector v into the 3-bit counters c[0..2] (counts wrap at 8: 8 is dead). */
static void add(uint32_t c[3], uint32_t v)
{
	uint32_t c0 = c[0] & v;
	c[0] ^= v;
	uint32_t c1 = c[1] & c0;
	c[1] ^= c0;
	c[2] ^= c1;
}

/* Row word with its west and east outside cells: the cells at c-1 and c+1. */
static void sides(uint32_t row, unsigned wbit, unsigned ebit, uint32_t *left, uint32_t *right)
{
	*left = row << 1 | wbit;
	*right = row >> 1 | (uint32_t)ebit << (B - 1);
}

static void step(void)
{
	for (uint32_t r = 0; r < B; r++) {
		uint32_t up = r ? rows[r - 1] : ghost_n[0], down = r + 1 < B ? rows[r + 1] : ghost_s[0];
		unsigned upw = r ? ghost_w >> (r - 1) & 1u : ghost_n[1] & 1u;
		unsigned upe = r ? ghost_e >> (r - 1) & 1u : ghost_n[1] >> 1 & 1u;
		unsigned dnw = r + 1 < B ? ghost_w >> (r + 1) & 1u : ghost_s[1] & 1u;
		unsigned dne = r + 1 < B ? ghost_e >> (r + 1) & 1u : ghost_s[1] >> 1 & 1u;
		uint32_t c[3] = {0, 0, 0}, l, rr;
		sides(up, upw, upe, &l, &rr);
		add(c, l); add(c, up); add(c, rr);
		sides(rows[r], ghost_w >> r & 1u, ghost_e >> r & 1u, &l, &rr);
		add(c, l); add(c, rr);
		sides(down, dnw, dne, &l, &rr);
		add(c, l); add(c, down); add(c, rr);
		next_rows[r] = ~c[2] & c[1] & (c[0] | rows[r]);
	}
	for (uint32_t r = 0; r < B; r++)
		rows[r] = next_rows[r];
}

static uint32_t population(void)
{
	uint32_t n = 0;
	for (uint32_t r = 0; r < B; r++)
		n += (uint32_t)__builtin_popcount(rows[r]);
	return n;
}

int main(void)
{
	seed();
	uint64_t t0 = tess_cycles();
	for (int g = 0; g <= LIFE_GENERATIONS; g++) {
		if (g % 25 == 0) {
			uint32_t pop = reduce_sum(population());
			if (tess_tid() == 0)
				printf("life %lux%lu generation %d: population %lu\n",
				       (unsigned long)(tess_mesh_w() * B), (unsigned long)(tess_mesh_h() * B),
				       g, (unsigned long)pop);
		}
		if (g == LIFE_GENERATIONS)
			break;
		exchange();
		step();
	}
	if (tess_tid() == 0)
		printf("life: %d generations in %lu cycles\n", LIFE_GENERATIONS,
		       (unsigned long)(tess_cycles() - t0));
	return 0;
}
