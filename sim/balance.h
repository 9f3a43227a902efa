/*
 * Which host thread runs which tile in the core phase (sim/engine.c). Part k runs the
 * tiles with ids in [first[k], first[k+1]): consecutive ids, so neighbours share a
 * thread and its cache. The boundaries start at equal shares (those of mesh_part, the
 * network's parts) and move with the measured time of each thread: a host whose cores
 * differ in speed (a loaded VM, big and little cores) or a chip whose work is uneven
 * gets equal wall time per thread, not equal tile counts. Where a tile runs never
 * changes a result (the tests run every thread count and a random schedule of
 * boundaries against one thread), only the wall time.
 *
 * Environment: TESSERA_BALANCE=0 keeps the equal shares; TESSERA_BALANCE_TEST=SEED
 * moves the boundaries to random places every few windows (tests/mesh/e2e.sh).
 */
#ifndef TESS_BALANCE_H
#define TESS_BALANCE_H

#include <stdbool.h>
#include <stdint.h>

typedef struct balance {
	uint32_t nparts, ntiles;
	uint32_t *first;          /* nparts + 1 boundaries; first[nparts] == ntiles */
	uint32_t *prev;           /* the boundaries before the last move */
	uint32_t *at;             /* balance_move: index of each part's first active tile */
	uint32_t rounds;          /* core phases measured since the last look */
	uint32_t every;           /* look after this many; 0: never move */
	uint64_t seed;            /* test mode: random boundaries (0: off) */
} balance;

/* Equal shares of ntiles for nparts threads; false when out of memory. */
bool balance_init(balance *b, uint32_t nparts, uint32_t ntiles);
void balance_free(balance *b);

/* The part that runs tile id. */
static inline uint32_t balance_part_in(const uint32_t *first, uint32_t nparts, uint32_t id)
{
	uint32_t lo = 0, hi = nparts - 1;     /* first[lo] <= id < first[hi + 1] */
	while (lo < hi) {
		uint32_t mid = (lo + hi + 1) / 2;
		if (first[mid] <= id)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

static inline uint32_t balance_part(const balance *b, uint32_t id)
{
	return balance_part_in(b->first, b->nparts, id);
}

/* After a core phase on the threads: true every `every` calls (every 4 in test mode),
   when the caller should hand the parts' times to balance_move. */
bool balance_due(balance *b);
/*
 * busy[k]: seconds part k's thread worked since the last look; active: the active
 * tiles' ids, ascending. Moves each boundary halfway to where the parts' times would
 * be equal, if the times per tile stay what they were (test mode: to random places).
 * Returns true if a boundary moved; b->prev holds the old ones.
 */
bool balance_move(balance *b, const double *busy, const uint32_t *active, uint32_t nactive);

#endif
