/*
 * MPI: the end of a run. Rank 0 reports (exit status, --stats, --stats-json) from its
 * replicas, so it gets from each rank the final core state and counters of that
 * rank's tiles; their network side is already the same everywhere.
 */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mpi_dist.h"

typedef struct {
	uint32_t id, state, pc, cause, halt_pc, halt_value, msgs_sent, pad;
	uint64_t now, start_cycle, instret, halt_cycles;
	uint32_t x[32];
	tile_stats stats;
} tile_final;

static void pack(const tile_t *t, tile_final *f)
{
	memset(f, 0, sizeof *f);
	*f = (tile_final){t->id, (uint32_t)t->state, t->pc, t->cause, t->halt_pc, t->halt_value,
			  t->msgs_sent, 0, t->now, t->start_cycle, t->instret, t->halt_cycles,
			  {0}, t->stats};
	memcpy(f->x, t->x, sizeof f->x);
}

static void unpack(tile_t *t, const tile_final *f)
{
	t->state = (tile_state)f->state;
	t->pc = f->pc;
	t->cause = f->cause;
	t->halt_pc = f->halt_pc;
	t->halt_value = f->halt_value;
	t->msgs_sent = f->msgs_sent;
	t->now = f->now;
	t->start_cycle = f->start_cycle;
	t->instret = f->instret;
	t->halt_cycles = f->halt_cycles;
	memcpy(t->x, f->x, sizeof t->x);
	t->stats = f->stats;
}

void mpi_gather_tiles(mesh_t *m)
{
	mpi_dist *d = (mpi_dist *)m->cfg.dist;
	int k = d->ds.nranks, n = 0;
	for (uint32_t i = 0; i < m->ntiles; i++)
		n += m->tiles[i] && d->owner[i] == d->ds.rank;
	tile_final *mine = calloc((size_t)n + 1, sizeof *mine);
	int *counts = calloc((size_t)k, sizeof *counts), *displs = calloc((size_t)k, sizeof *displs);
	if (!mine || !counts || !displs)
		MPI_Abort(MPI_COMM_WORLD, 125);
	n = 0;
	for (uint32_t i = 0; i < m->ntiles; i++)
		if (m->tiles[i] && d->owner[i] == d->ds.rank)
			pack(m->tiles[i], &mine[n++]);
	int bytes = n * (int)sizeof *mine, total = 0;
	MPI_Gather(&bytes, 1, MPI_INT, counts, 1, MPI_INT, 0, MPI_COMM_WORLD);
	for (int i = 0; i < k; i++) {
		displs[i] = total;
		total += counts[i];
	}
	tile_final *all = d->ds.rank == 0 ? malloc((size_t)total + 1) : NULL;
	if (d->ds.rank == 0 && !all)
		MPI_Abort(MPI_COMM_WORLD, 125);
	MPI_Gatherv(mine, bytes, MPI_BYTE, all, counts, displs, MPI_BYTE, 0, MPI_COMM_WORLD);
	for (int i = 0; d->ds.rank == 0 && i < total / (int)sizeof *all; i++) {
		tile_t *t = mesh_tile_if(m, all[i].id);
		if (t)
			unpack(t, &all[i]);
	}
	free(all);
	free(mine);
	free(counts);
	free(displs);
}
