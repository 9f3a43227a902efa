/* The core phase's parts of the mesh, moved to even out the threads' times (balance.h). */
#include "balance.h"

#include <stdlib.h>
#include <string.h>

/* Core phases on the threads between two looks at their times (Life 64x64 has about
   18,000). Fewer rounds measure the work's own ups and downs: Life's parts differ by
   up to 40% over 256 rounds on equal cores, and a boundary that follows them costs
   the moved tiles their cache. */
#define BALANCE_EVERY 2048
/* Test mode (TESSERA_BALANCE_TEST): random boundaries this often. */
#define BALANCE_TEST_EVERY 4
/* The parts are left alone while the busiest is within this much of the mean. */
#define BALANCE_TOLERANCE 0.05
/* A boundary moves by at least 1/BALANCE_STEP of the active tiles (measurement noise
   smaller than that is left alone). */
#define BALANCE_STEP 256

bool balance_init(balance *b, uint32_t nparts, uint32_t ntiles)
{
	memset(b, 0, sizeof *b);
	b->nparts = nparts;
	b->ntiles = ntiles;
	b->first = malloc((nparts + 1) * sizeof *b->first);
	b->prev = malloc((nparts + 1) * sizeof *b->prev);
	b->at = malloc((nparts + 1) * sizeof *b->at);
	if (!b->first || !b->prev || !b->at) {
		balance_free(b);
		return false;
	}
	for (uint32_t k = 0; k <= nparts; k++)   /* the shares of mesh_part */
		b->first[k] = (uint32_t)(((uint64_t)k * ntiles + nparts - 1) / nparts);
	memcpy(b->prev, b->first, (nparts + 1) * sizeof *b->first);
	const char *off = getenv("TESSERA_BALANCE"), *test = getenv("TESSERA_BALANCE_TEST");
	b->every = off && !strcmp(off, "0") ? 0 : BALANCE_EVERY;
	if (test && *test) {
		b->seed = strtoull(test, NULL, 0) | 1;
		b->every = BALANCE_TEST_EVERY;
	}
	return true;
}

void balance_free(balance *b)
{
	free(b->first);
	free(b->prev);
	free(b->at);
	b->first = b->prev = b->at = NULL;
}

bool balance_due(balance *b)
{
	if (!b->every || ++b->rounds < b->every)
		return false;
	b->rounds = 0;
	return true;
}

/* Test mode: boundaries anywhere in [0, ntiles], empty parts included. */
static void random_bounds(balance *b)
{
	for (uint32_t k = 1; k < b->nparts; k++) {
		b->seed ^= b->seed << 13;
		b->seed ^= b->seed >> 7;
		b->seed ^= b->seed << 17;
		uint32_t v = (uint32_t)(b->seed % ((uint64_t)b->ntiles + 1)), j = k;
		for (; j > 1 && b->first[j - 1] > v; j--)   /* insertion: ascending */
			b->first[j] = b->first[j - 1];
		b->first[j] = v;
	}
}

/* The index in active of the first id >= id. */
static uint32_t lower_bound(const uint32_t *active, uint32_t n, uint32_t id)
{
	uint32_t lo = 0, hi = n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (active[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Where boundary j would even out the times: walk the active tiles, each costing its
   part's time per tile, to the j-th share of the total. at[k]: index of part k's
   first active tile. */
static uint32_t even_index(const balance *b, const double *busy, const uint32_t *at,
			   uint32_t n, uint32_t j, double total)
{
	double want = total * j / b->nparts, sum = 0;
	for (uint32_t k = 0; k < b->nparts; k++) {
		uint32_t tiles = at[k + 1] - at[k];
		if (!tiles)
			continue;
		if (sum + busy[k] >= want) {
			double per = busy[k] / tiles;
			uint32_t i = per > 0 ? (uint32_t)((want - sum) / per) : 0;
			return at[k] + (i < tiles ? i : tiles);
		}
		sum += busy[k];
	}
	return n;
}

static bool even_out(balance *b, const double *busy, const uint32_t *active, uint32_t n)
{
	uint32_t np = b->nparts, *at = b->at, step = n / BALANCE_STEP ? n / BALANCE_STEP : 1;
	double total = 0, most = 0;
	for (uint32_t k = 0; k < np; k++) {
		total += busy[k];
		most = busy[k] > most ? busy[k] : most;
	}
	if (n < np || total <= 0 || most <= (1 + BALANCE_TOLERANCE) * total / np)
		return false;
	for (uint32_t k = 0; k <= np; k++)
		at[k] = lower_bound(active, n, b->first[k]);
	bool moved = false;
	uint32_t last = 0;
	for (uint32_t j = 1; j < np; j++) {
		uint32_t cur = at[j], even = even_index(b, busy, at, n, j, total);
		uint32_t next = even > cur ? cur + (even - cur + 1) / 2 : cur - (cur - even + 1) / 2;
		if ((even > cur ? even - cur : cur - even) < step)
			next = cur;
		if (next < last)
			next = last;
		last = next;
		uint32_t id = next < n ? active[next] : b->ntiles;
		if (next != cur && id != b->first[j]) {
			b->first[j] = id;
			moved = true;
		}
	}
	return moved;
}

bool balance_move(balance *b, const double *busy, const uint32_t *active, uint32_t nactive)
{
	memcpy(b->prev, b->first, (b->nparts + 1) * sizeof *b->first);
	if (b->seed) {
		random_bounds(b);
		return memcmp(b->prev, b->first, (b->nparts + 1) * sizeof *b->first) != 0;
	}
	return even_out(b, busy, active, nactive);
}
