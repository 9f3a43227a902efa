/*
 * The hooks through which the engine and the network side run one chip across MPI
 * ranks (build/tessera-mpi, sim/mpi.c; the design is in sim/README.md). Without MPI
 * mesh_config.dist is NULL and every hook is one test of that pointer.
 *
 * Every rank keeps a replica of the whole network and of every tile's network side
 * (struct tile_net) and runs the network phase identically; only the owner of a tile
 * runs its core and keeps its SRAM (t->mem is NULL on the other ranks). What a core
 * phase does to the network side of a tile (net_exec, net_on_halt,
 * net_tile_reach_limit) is logged by the owner with its inputs and replayed by the
 * other ranks at the end of the window, before the next network phase.
 *
 * libtessera calls only through these pointers, so it needs no MPI library.
 */
#ifndef TESS_MPI_HOOKS_H
#define TESS_MPI_HOOKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mesh.h"

typedef struct dist {
	int rank, nranks;
	const int32_t *owner;        /* the rank owning each tile */
	const void *payload;         /* replay: the words the logged msg.send read */
	/* net_exec, net_on_halt and net_tile_reach_limit of the owner: log, then do it. */
	unsigned (*exec)(tile_t *t, const dinsn *d, uint32_t *rd);
	void (*halted)(tile_t *t);
	void (*reach_limit)(tile_t *t);
	/* Collective: the least / greatest of every rank's v. min_all is asked for the
	   earliest event of the ranks' schedules, which change only in a window: until
	   the next window it returns its last result without asking again. */
	uint64_t (*min_all)(struct dist *ds, uint64_t v);
	uint64_t (*max_all)(struct dist *ds, uint64_t v);
	/* Before the core phase: the network woke no tile and no rank's schedule has an
	   event before `to` (known from the last exchange), so no tile runs anywhere and
	   window_end exchanges nothing. Decided alike on every rank. */
	void (*window_start)(struct dist *ds, const struct mesh *m, uint64_t to);
	/* After the core phase (collective unless window_start found it quiet): ship the
	   logs of the tiles that ran (ids in ready), replay the others'; rank 0 gets every
	   rank's output and calls note(ctx, t) for each tile whose output buffer grew.
	   next: the earliest event of this rank's schedule (its tiles are filed again),
	   which min_all then knows. */
	void (*window_end)(struct mesh *m, const uint32_t *ready, uint32_t n, uint64_t next,
			   void (*note)(void *ctx, tile_t *t), void *ctx);
	/* Collective, in the network phase: rank 0's len bytes at buf reach every rank's
	   buf. Only rank 0 touches host input (stdin, the --disk file); the devices send
	   what it read to the others' replicas (console input, block store sectors). */
	void (*share)(struct dist *ds, void *buf, size_t len);
} dist_t;

/* Does this process run the tile's core (always, without MPI)? */
static inline bool dist_mine(const mesh_t *m, uint32_t id)
{
	const dist_t *ds = m->cfg.dist;
	return !ds || ds->owner[id] == ds->rank;
}

/* net_exec without the hook (sim/net.c): what the replay calls. */
unsigned net_exec_here(tile_t *t, const dinsn *d, uint32_t *rd_value);

#endif
