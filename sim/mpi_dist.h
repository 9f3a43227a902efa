/*
 * One chip across MPI ranks (build/tessera-mpi): the partition, the per-tile logs of
 * what the cores did to the network side, the window exchange. sim/README.md has the
 * design; sim/mpi_hooks.h the hooks libtessera calls.
 */
#ifndef TESS_MPI_DIST_H
#define TESS_MPI_DIST_H

#include <stddef.h>
#include <stdint.h>

#include "mpi_hooks.h"

/* ---- the partition (sim/mpi_part.c) ---------------------------------------------- */

/*
 * Cut a W x H mesh into k = px * py rectangles: px column strips, py row strips, the
 * first W % px strips one column wider (rows likewise). Of the factorisations with
 * px <= W and py <= H, the one whose rectangles are closest to square (least
 * |columns - rows| of the largest rectangle), then the smallest largest rectangle, then
 * the most columns. Rank y * px + x owns strip (x, y). False, with why in err, when
 * k > W * H or no factorisation fits.
 */
bool mpi_part(uint32_t w, uint32_t h, int k, int *px, int *py, char *err, size_t errlen);
/* owner[id] for every tile of the mesh (ntiles entries). */
void mpi_part_owners(uint32_t w, uint32_t h, int px, int py, int32_t *owner);

/* ---- a growable byte buffer ------------------------------------------------------- */

typedef struct {
	uint8_t *p;
	size_t n, cap;
} mpi_buf;

void mpi_buf_put(mpi_buf *b, const void *src, size_t len);
void mpi_buf_free(mpi_buf *b);

/* ---- the logs (sim/mpi.c) ------------------------------------------------------- */

/* Record kinds in a tile's log of one window. */
enum { MPI_REC_EXEC = 1, MPI_REC_HALT, MPI_REC_LIMIT };

/* Per owned tile: what its core did this window; nest > 0 inside a logged call. */
typedef struct {
	mpi_buf log;
	int nest;
} mpi_tile_log;

/* Bytes per rank of the window's Allgather; a window with more logs and output than
   fit takes a second round (MPI_Allgatherv). */
#define MPI_SLOT 4096

typedef struct {
	dist_t ds;                 /* first: the hooks see a dist_t */
	mpi_tile_log **logs;       /* per tile id, allocated when an owned tile first logs */
	uint32_t ntiles;
	int32_t *owner;
	mpi_buf net, out;          /* this window's outgoing logs and output */
	mpi_buf all;               /* every rank's logs and output */
	uint8_t *slots;            /* MPI_SLOT bytes per rank: the window's Allgather */
	int *counts, *displs;
	uint64_t windows, big;       /* windows exchanged, of which over the slot */
	uint64_t quiet_windows;      /* windows with nothing to exchange */
	uint64_t bytes;             /* logs and output this rank sent */
	double mpi_s;               /* seconds in the window's collectives */
	bool quiet;                 /* this window: no tile runs on any rank */
	bool min_fresh;             /* min_all's last result holds (no window since) */
	uint64_t min_last;
} mpi_dist;

/* The distribution for a W x H mesh on this rank; NULL with a message on failure. */
mpi_dist *mpi_dist_new(uint32_t w, uint32_t h, char *err, size_t errlen);
void mpi_dist_free(mpi_dist *d);
/* The log of tile id (owned), created on first use. */
mpi_tile_log *mpi_tile_log_of(mpi_dist *d, uint32_t id);

/* ---- the window exchange and the end of the run (sim/mpi_window.c) ---------------- */

void mpi_window_start(dist_t *ds, const struct mesh *m, uint64_t to);
void mpi_window_end(struct mesh *m, const uint32_t *ready, uint32_t n, uint64_t next,
		    void (*note)(void *ctx, tile_t *t), void *ctx);
/* Rank 0 gets the final state, counters and statistics of every rank's tiles. */
void mpi_gather_tiles(struct mesh *m);

#endif
