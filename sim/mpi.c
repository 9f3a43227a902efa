/*
 * MPI: the hooks of sim/mpi_hooks.h. The owner of a tile logs, with their inputs, the
 * calls its core makes into the tile's network side; the other ranks replay them at
 * the end of the window (sim/mpi_window.c). A call made inside a logged call (a
 * msg.send that halts the tile on a bad buffer, the halt of a kill) is not logged
 * again: its replay makes it.
 */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "control.h"
#include "mpi_dist.h"

static void mpi_oom(void)
{
	fprintf(stderr, "tessera-mpi: out of host memory\n");
	exit(125);
}

void mpi_buf_put(mpi_buf *b, const void *src, size_t len)
{
	if (!len)
		return;              /* src may be NULL (an empty buffer) */
	if (b->n + len > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 4096;
		while (cap < b->n + len)
			cap *= 2;
		uint8_t *p = realloc(b->p, cap);
		if (!p)
			mpi_oom();
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, src, len);
	b->n += len;
}

void mpi_buf_free(mpi_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}

mpi_tile_log *mpi_tile_log_of(mpi_dist *d, uint32_t id)
{
	if (!d->logs[id] && !(d->logs[id] = calloc(1, sizeof *d->logs[id])))
		mpi_oom();
	return d->logs[id];
}

static mpi_dist *dist_of(const tile_t *t) { return (mpi_dist *)t->mesh->cfg.dist; }

#define PUT(b, v) mpi_buf_put((b), &(v), sizeof(v))

/* The words a msg.send reads, when its buffer is valid (else it halts before reading). */
static void log_payload(mpi_buf *b, const tile_t *t, const dinsn *d)
{
	uint32_t desc = t->x[d->rs1], addr = t->x[d->rs2], len = (desc >> 16) & 31, n = 0;
	if (d->op == OP_MSG_SEND && len <= MSG_MAX_WORDS && len && !(addr & 3) &&
	    addr < t->bound && len * 4 <= t->bound - addr)
		n = len * 4;
	PUT(b, n);
	if (n)
		mpi_buf_put(b, t->mem + addr, n);
}

static unsigned hook_exec(tile_t *t, const dinsn *d, uint32_t *rd)
{
	if (!dist_mine(t->mesh, t->id))
		return net_exec_here(t, d, rd);
	mpi_tile_log *l = mpi_tile_log_of(dist_of(t), t->id);
	if (!l->nest) {
		uint32_t kind = MPI_REC_EXEC, regs[3] = {t->x[d->rs1], t->x[d->rs2], t->x[d->rs3]};
		PUT(&l->log, kind);
		PUT(&l->log, t->now);
		PUT(&l->log, t->pc);
		PUT(&l->log, *d);
		PUT(&l->log, regs);
		log_payload(&l->log, t, d);
	}
	l->nest++;
	unsigned cost = net_exec_here(t, d, rd);
	l->nest--;
	return cost;
}

static void hook_halted(tile_t *t)
{
	if (dist_mine(t->mesh, t->id)) {
		mpi_tile_log *l = mpi_tile_log_of(dist_of(t), t->id);
		if (!l->nest) {
			uint32_t kind = MPI_REC_HALT, v[3] = {t->cause, t->halt_pc, t->halt_value};
			PUT(&l->log, kind);
			PUT(&l->log, t->now);
			PUT(&l->log, t->start_cycle);
			PUT(&l->log, v);
		}
	}
	ctl_on_halt(t);
}

static void hook_reach_limit(tile_t *t)
{
	if (!dist_mine(t->mesh, t->id)) {
		ctl_reach_limit(t);
		return;
	}
	mpi_tile_log *l = mpi_tile_log_of(dist_of(t), t->id);
	if (!l->nest) {
		uint32_t kind = MPI_REC_LIMIT, v[2] = {t->pc, (uint32_t)t->state};
		PUT(&l->log, kind);
		PUT(&l->log, t->now);
		PUT(&l->log, v);
	}
	l->nest++;
	ctl_reach_limit(t);
	l->nest--;
}

static uint64_t min_all(dist_t *ds, uint64_t v)
{
	mpi_dist *d = (mpi_dist *)ds;
	if (!d->min_fresh) {
		MPI_Allreduce(&v, &d->min_last, 1, MPI_UINT64_T, MPI_MIN, MPI_COMM_WORLD);
		d->min_fresh = true;
	}
	return d->min_last;
}

static uint64_t max_all(dist_t *ds, uint64_t v)
{
	(void)ds;
	uint64_t r = v;
	MPI_Allreduce(&v, &r, 1, MPI_UINT64_T, MPI_MAX, MPI_COMM_WORLD);
	return r;
}

static void share(dist_t *ds, void *buf, size_t len)
{
	(void)ds;
	for (size_t done = 0; done < len;) {      /* MPI counts are ints */
		int n = len - done > (1u << 30) ? 1 << 30 : (int)(len - done);
		MPI_Bcast((uint8_t *)buf + done, n, MPI_BYTE, 0, MPI_COMM_WORLD);
		done += (size_t)n;
	}
}

mpi_dist *mpi_dist_new(uint32_t w, uint32_t h, char *err, size_t errlen)
{
	int rank = 0, k = 1, px = 0, py = 0;
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	MPI_Comm_size(MPI_COMM_WORLD, &k);
	if (!mpi_part(w, h, k, &px, &py, err, errlen))
		return NULL;
	mpi_dist *d = calloc(1, sizeof *d);
	if (!d)
		mpi_oom();
	d->ntiles = w * h;
	d->owner = malloc(d->ntiles * sizeof *d->owner);
	d->logs = calloc(d->ntiles, sizeof *d->logs);
	d->counts = calloc((size_t)k, sizeof *d->counts);
	d->displs = calloc((size_t)k, sizeof *d->displs);
	d->slots = malloc((size_t)k * MPI_SLOT);
	if (!d->owner || !d->logs || !d->counts || !d->displs || !d->slots)
		mpi_oom();
	mpi_part_owners(w, h, px, py, d->owner);
	d->ds = (dist_t){.rank = rank, .nranks = k, .owner = d->owner, .exec = hook_exec,
			 .halted = hook_halted, .reach_limit = hook_reach_limit,
			 .min_all = min_all, .max_all = max_all, .share = share,
			 .window_start = mpi_window_start, .window_end = mpi_window_end};
	return d;
}

void mpi_dist_free(mpi_dist *d)
{
	if (!d)
		return;
	for (uint32_t i = 0; i < d->ntiles; i++)
		if (d->logs[i]) {
			mpi_buf_free(&d->logs[i]->log);
			free(d->logs[i]);
		}
	free(d->logs);
	free(d->owner);
	mpi_buf_free(&d->net);
	mpi_buf_free(&d->out);
	mpi_buf_free(&d->all);
	free(d->counts);
	free(d->displs);
	free(d->slots);
	free(d);
}
