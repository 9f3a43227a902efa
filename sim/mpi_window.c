/*
 * MPI: the end of a window. Every rank packs, for each of its tiles that ran, the
 * tile's log and its state after the core phase; all ranks get every rank's pack
 * (MPI_Allgatherv) and replay the others' in rank order. A tile's replay touches only
 * that tile's network side (and the injection list, whose order does not matter,
 * sim/noc.h), so the order among tiles does not change the result. Output goes to
 * rank 0 only (MPI_Gatherv), into the output buffers of its replicas, where the engine
 * writes it in (cycle, tile, order) as in one process.
 */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "control.h"
#include "mpi_dist.h"
#include "net.h"

#define PUT(b, v) mpi_buf_put((b), &(v), sizeof(v))

/* Reading a pack: GET copies the next sizeof(v) bytes into v. */
typedef struct {
	const uint8_t *p, *end;
} reader;

static void get(reader *r, void *v, size_t n)
{
	if ((size_t)(r->end - r->p) < n) {
		fprintf(stderr, "tessera-mpi: truncated window exchange\n");
		MPI_Abort(MPI_COMM_WORLD, 125);
	}
	memcpy(v, r->p, n);
	r->p += n;
}
#define GET(r, v) get((r), &(v), sizeof(v))

/* ---- packing -------------------------------------------------------------------- */

typedef struct {
	uint32_t id, state, pc, loglen;
	uint64_t now, start;
} tile_head;

static void pack_tile(mpi_dist *d, tile_t *t)
{
	mpi_tile_log *l = d->logs[t->id];
	tile_head h = {t->id, (uint32_t)t->state, t->pc, l ? (uint32_t)l->log.n : 0, t->now,
		       t->start_cycle};
	PUT(&d->net, h);
	if (l && l->log.n) {
		mpi_buf_put(&d->net, l->log.p, l->log.n);
		l->log.n = 0;
	}
}

/* A non-root rank's output leaves with the window; rank 0 writes it. */
static void pack_output(mpi_dist *d, tile_t *t)
{
	for (size_t i = 0; i < t->out.n; i++) {
		const out_record *r = &t->out.v[i];
		uint32_t h[4] = {t->id, r->tile, r->stream, r->len};
		PUT(&d->out, h);
		PUT(&d->out, r->cycle);
		mpi_buf_put(&d->out, r->data, r->len);
	}
	out_buf_free(&t->out);
}

/* ---- replay --------------------------------------------------------------------- */

static void replay_exec(mpi_dist *d, tile_t *t, reader *r)
{
	dinsn in;
	uint32_t regs[3], n, rd = 0;
	GET(r, t->now);
	GET(r, t->pc);
	GET(r, in);
	GET(r, regs);
	GET(r, n);
	d->ds.payload = r->p;
	r->p += n;
	t->x[in.rs1] = regs[0];
	t->x[in.rs2] = regs[1];
	t->x[in.rs3] = regs[2];
	t->state = TS_RUNNING;
	net_exec_here(t, &in, &rd);
	d->ds.payload = NULL;
}

static void replay_halt(tile_t *t, reader *r)
{
	uint32_t v[3];
	GET(r, t->now);
	GET(r, t->start_cycle);
	GET(r, v);
	tile_halt(t, v[0], v[1], v[2]);
}

static void replay_limit(tile_t *t, reader *r)
{
	uint32_t v[2];
	GET(r, t->now);
	GET(r, v);
	t->pc = v[0];
	t->state = (tile_state)v[1];
	ctl_reach_limit(t);
}

static void replay_tile(mpi_dist *d, mesh_t *m, reader *r)
{
	tile_head h;
	GET(r, h);
	tile_t *t = mesh_tile_if(m, h.id);
	if (!t || (uint32_t)(r->end - r->p) < h.loglen) {
		fprintf(stderr, "tessera-mpi: window exchange names tile %u, unknown here\n", h.id);
		MPI_Abort(MPI_COMM_WORLD, 125);
	}
	reader log = {r->p, r->p + h.loglen};
	r->p += h.loglen;
	while (log.p < log.end) {
		uint32_t kind;
		GET(&log, kind);
		if (kind == MPI_REC_EXEC)
			replay_exec(d, t, &log);
		else if (kind == MPI_REC_HALT)
			replay_halt(t, &log);
		else
			replay_limit(t, &log);
	}
	t->state = (tile_state)h.state;
	t->pc = h.pc;
	t->now = h.now;
	t->start_cycle = h.start;
}

static void unpack_output(mesh_t *m, reader *r, void (*note)(void *, tile_t *), void *ctx)
{
	while (r->p < r->end) {
		uint32_t h[4];
		uint64_t cycle;
		GET(r, h);
		GET(r, cycle);
		tile_t *t = mesh_tile_if(m, h[0]);
		if (!t || (uint32_t)(r->end - r->p) < h[3]) {
			fprintf(stderr, "tessera-mpi: output of tile %u, unknown here\n", h[0]);
			MPI_Abort(MPI_COMM_WORLD, 125);
		}
		out_put(&t->out, cycle, h[1], (out_stream)h[2], (const char *)r->p, h[3]);
		r->p += h[3];
		note(ctx, t);
	}
}

/* ---- the exchange --------------------------------------------------------------- */

/* What each rank says at the end of a window, first in its slot. */
typedef struct {
	uint32_t net, out;        /* bytes of logs and of output */
	uint64_t next;            /* earliest event of its schedule */
} slot_head;

#define SLOT_ROOM (MPI_SLOT - sizeof(slot_head))

/* Rank r's logs (replayed unless they are this rank's) and output (rank 0 writes it). */
static void take_rank(mpi_dist *d, mesh_t *m, int r, const slot_head *h, const uint8_t *p,
		      void (*note)(void *, tile_t *), void *ctx)
{
	if (r != d->ds.rank) {
		reader rd = {p, p + h->net};
		while (rd.p < rd.end)
			replay_tile(d, m, &rd);
	}
	if (d->ds.rank == 0 && r != 0) {
		reader rd = {p + h->net, p + h->net + h->out};
		unpack_output(m, &rd, note, ctx);
	}
}

/* Some rank's window did not fit its slot: every rank's logs and output again, whole. */
static void share_big(mpi_dist *d, mesh_t *m, void (*note)(void *, tile_t *), void *ctx)
{
	size_t total = 0;
	for (int i = 0; i < d->ds.nranks; i++) {
		const slot_head *h = (const slot_head *)(d->slots + (size_t)i * MPI_SLOT);
		d->counts[i] = (int)(h->net + h->out);
		d->displs[i] = (int)total;
		total += (size_t)d->counts[i];
	}
	if (total > d->all.cap) {
		free(d->all.p);
		if (!(d->all.p = malloc(total)))
			MPI_Abort(MPI_COMM_WORLD, 125);
		d->all.cap = total;
	}
	mpi_buf_put(&d->net, d->out.p, d->out.n);
	double t0 = MPI_Wtime();
	MPI_Allgatherv(d->net.p, (int)d->net.n, MPI_BYTE, d->all.p, d->counts, d->displs,
		       MPI_BYTE, MPI_COMM_WORLD);
	d->mpi_s += MPI_Wtime() - t0;
	for (int i = 0; i < d->ds.nranks; i++)
		take_rank(d, m, i, (const slot_head *)(d->slots + (size_t)i * MPI_SLOT),
			  d->all.p + d->displs[i], note, ctx);
}

void mpi_window_start(dist_t *ds, const mesh_t *m, uint64_t to)
{
	mpi_dist *d = (mpi_dist *)ds;
	d->quiet = !mesh_nwoken(m) && d->min_fresh && d->min_last >= to;
}

/* One Allgather of a slot per rank carries the window when it fits (most do). */
void mpi_window_end(mesh_t *m, const uint32_t *ready, uint32_t n, uint64_t next,
		    void (*note)(void *ctx, tile_t *t), void *ctx)
{
	mpi_dist *d = (mpi_dist *)m->cfg.dist;
	if (d->ds.rank != 0)
		net_drop_output(m);          /* the same on every rank: rank 0 writes it */
	if (d->quiet) {                  /* no tile ran anywhere; schedules unchanged */
		if (n) {
			fprintf(stderr, "tessera-mpi: tile %u ran in a window with no event\n",
				ready[0]);
			MPI_Abort(MPI_COMM_WORLD, 125);
		}
		d->quiet_windows++;
		return;
	}
	d->net.n = d->out.n = 0;
	for (uint32_t i = 0; i < n; i++) {
		tile_t *t = m->tiles[ready[i]];
		pack_tile(d, t);
		if (d->ds.rank != 0)
			pack_output(d, t);
	}
	uint8_t *slot = d->slots + (size_t)d->ds.rank * MPI_SLOT;
	slot_head h = {(uint32_t)d->net.n, (uint32_t)d->out.n, next};
	memcpy(slot, &h, sizeof h);
	if (d->net.n + d->out.n <= SLOT_ROOM) {
		if (d->net.n)
			memcpy(slot + sizeof h, d->net.p, d->net.n);
		if (d->out.n)
			memcpy(slot + sizeof h + d->net.n, d->out.p, d->out.n);
	}
	double t0 = MPI_Wtime();
	MPI_Allgather(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, d->slots, MPI_SLOT, MPI_BYTE,
		      MPI_COMM_WORLD);
	d->mpi_s += MPI_Wtime() - t0;
	d->windows++;
	d->bytes += d->net.n + d->out.n;
	bool big = false;
	d->min_last = UINT64_MAX;
	for (int i = 0; i < d->ds.nranks; i++) {
		const slot_head *hi = (const slot_head *)(d->slots + (size_t)i * MPI_SLOT);
		big |= hi->net + hi->out > SLOT_ROOM;
		if (hi->next < d->min_last)
			d->min_last = hi->next;
	}
	d->min_fresh = true;   /* the schedules do not change until the next window */
	if (big) {
		d->big++;
		share_big(d, m, note, ctx);
		return;
	}
	for (int i = 0; i < d->ds.nranks; i++) {
		const uint8_t *si = d->slots + (size_t)i * MPI_SLOT;
		take_rank(d, m, i, (const slot_head *)si, si + sizeof(slot_head), note, ctx);
	}
}
