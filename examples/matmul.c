/*
 * Matrix multiply across a P x P mesh with Cannon's algorithm: C = A B with n = 4P,
 * each tile holding one 4x4 block (16 words: one message). Tiles start with the skewed
 * blocks, then P times multiply-accumulate, pass A west and B north (wrapping round,
 * through the range capability to every tile). The block checksums are reduced onto
 * tile 0, which checks them against a sequential product.
 */
#include <stdio.h>

#include "common.h"

#define BS 4
enum { TAG_A = 67, TAG_B = 68 };

static int32_t a_at(uint32_t r, uint32_t c) { return (int32_t)((r * 7 + c * 3) % 11) - 5; }
static int32_t b_at(uint32_t r, uint32_t c) { return (int32_t)((r * 5 + c * 2) % 13) - 6; }

static void fill(int32_t *blk, uint32_t bi, uint32_t bj, int32_t (*at)(uint32_t, uint32_t))
{
	for (uint32_t r = 0; r < BS; r++)
		for (uint32_t c = 0; c < BS; c++)
			blk[r * BS + c] = at(bi * BS + r, bj * BS + c);
}

static uint32_t weight(uint32_t n, uint32_t r, uint32_t c) { return r * n + c + 1; }

int main(void)
{
	uint32_t p = tess_mesh_w(), i = tess_y(), j = tess_x();
	if (tess_mesh_h() != p) {
		if (tess_tid() == 0)
			printf("matmul needs a square mesh\n");
		return 2;
	}
	uint32_t n = p * BS, k0 = (i + j) % p;
	int32_t a[BS * BS], b[BS * BS], c[BS * BS] = {0};
	fill(a, i, k0, a_at);
	fill(b, k0, j, b_at);
	uint32_t west = i * p + (j + p - 1) % p, north = ((i + p - 1) % p) * p + j;
	uint32_t east = i * p + (j + 1) % p, south = ((i + 1) % p) * p + j;
	uint64_t t0 = tess_cycles();
	tess_msg m;
	for (uint32_t step = 0; step < p; step++) {
		for (uint32_t r = 0; r < BS; r++)
			for (uint32_t col = 0; col < BS; col++)
				for (uint32_t k = 0; k < BS; k++)
					c[r * BS + col] += a[r * BS + k] * b[k * BS + col];
		if (step + 1 == p)
			break;
		tess_send_to(SLOT_ALL_TILES, west, TAG_A, (uint32_t *)a, BS * BS);
		tess_send_to(SLOT_ALL_TILES, north, TAG_B, (uint32_t *)b, BS * BS);
		tess_recv_tag(&m, TAG_A, east);
		for (int q = 0; q < BS * BS; q++)
			a[q] = (int32_t)m.w[q];
		tess_recv_tag(&m, TAG_B, south);
		for (int q = 0; q < BS * BS; q++)
			b[q] = (int32_t)m.w[q];
	}
	uint32_t sum = 0;
	for (uint32_t r = 0; r < BS; r++)
		for (uint32_t col = 0; col < BS; col++)
			sum += (uint32_t)c[r * BS + col] * weight(n, i * BS + r, j * BS + col);
	uint32_t total = reduce_sum(sum);
	if (tess_tid() != 0)
		return 0;
	uint64_t cycles = tess_cycles() - t0;
	uint32_t ref = 0;
	for (uint32_t r = 0; r < n; r++)
		for (uint32_t col = 0; col < n; col++) {
			int32_t v = 0;
			for (uint32_t k = 0; k < n; k++)
				v += a_at(r, k) * b_at(k, col);
			ref += (uint32_t)v * weight(n, r, col);
		}
	printf("matmul %lux%lu on %lux%lu tiles: checksum %lu (sequential %lu) %s; %lu cycles\n",
	       (unsigned long)n, (unsigned long)n, (unsigned long)p, (unsigned long)p,
	       (unsigned long)total, (unsigned long)ref, total == ref ? "ok" : "WRONG",
	       (unsigned long)cycles);
	return total == ref ? 0 : 1;
}
