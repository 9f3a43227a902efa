/*
 * The block store (SPEC §9.2), east of tile (W-1,0), backed by a host file of 32-byte
 * sectors. Requests carry an id, flags (barrier, number of dependencies) and up to two
 * dependencies; BLK_CHANNELS run at once, each BLK_LATENCY + BLK_WORD_CYCLES per data
 * word. Writes reach the file when they complete, so data outlives the run.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "devices.h"
#include "mesh.h"
#include "mpi_hooks.h"

#define BLK_WORDS (BLK_SECTOR_BYTES / 4)

enum { RQ_WAITING, RQ_RUNNING, RQ_DONE };

typedef struct blk_req {
	struct blk_req *next;
	msg_t *m;
	uint64_t arrived, done_at;
	uint32_t seq;
	int state;
	int32_t status;
} blk_req;

typedef struct blockstore {
	FILE *f;                  /* MPI: open on rank 0 only */
	uint32_t sectors;
	bool sized;               /* MPI: the other ranks learn `sectors` from rank 0 */
	blk_req *head, *tail;     /* not yet completed, in arrival order */
	uint32_t running, seq;
	uint64_t next_done;       /* earliest completion of a running request */
	uint64_t recheck;         /* cycle from which waiting requests may start */
	uint32_t *done_ids;       /* ids of completed requests (open hash, +1) */
	uint32_t done_cap, ndone;
} blockstore;

/* Under MPI only rank 0 opens the file (sim/README.md, "Devices"). */
bool blk_open(mesh_t *me, const char *path, char *err, size_t errlen)
{
	net_t *n = me->net;
	blockstore *b = calloc(1, sizeof *b);
	if (!b) {
		snprintf(err, errlen, "out of memory");
		return false;
	}
	b->next_done = b->recheck = UINT64_MAX;
	const dist_t *ds = me->cfg.dist;
	if (ds && ds->rank != 0) {
		n->blk = b;
		return true;
	}
	FILE *f = fopen(path, "r+b");
	if (!f && errno == ENOENT && (f = fopen(path, "w+b"))) {
		static const char zero[BLK_SECTOR_BYTES];
		for (uint32_t i = 0; i < BLK_DEFAULT_SECTORS; i++)
			fwrite(zero, 1, sizeof zero, f);
		fflush(f);
	}
	struct stat st;
	if (!f)
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
	else if (fstat(fileno(f), &st) != 0 || st.st_size < BLK_SECTOR_BYTES)
		snprintf(err, errlen, "%s: a disk needs at least one %d-byte sector", path,
			 BLK_SECTOR_BYTES);
	else {
		b->f = f;
		b->sectors = (uint32_t)(st.st_size / BLK_SECTOR_BYTES);
		b->sized = !ds;
		n->blk = b;
		return true;
	}
	if (f)
		fclose(f);
	free(b);
	return false;
}

/* The disk's size; under MPI rank 0 tells the others at the first request (a
   collective: every rank's replica completes the same requests in the same order). */
static uint32_t disk_sectors(net_t *n, blockstore *b)
{
	if (!b->sized) {
		dist_t *ds = n->mesh->cfg.dist;
		ds->share(ds, &b->sectors, sizeof b->sectors);
		b->sized = true;
	}
	return b->sectors;
}

/* Sector lba into buf: from the file on rank 0, which sends it to the others. */
static void read_sector(net_t *n, blockstore *b, uint32_t lba, uint32_t *buf)
{
	if (b->f) {
		fseek(b->f, (long)lba * BLK_SECTOR_BYTES, SEEK_SET);
		if (fread(buf, 1, BLK_SECTOR_BYTES, b->f) != BLK_SECTOR_BYTES)
			memset(buf, 0, BLK_SECTOR_BYTES);
	}
	dist_t *ds = n->mesh->cfg.dist;
	if (ds)
		ds->share(ds, buf, BLK_SECTOR_BYTES);
}

/* Writes reach the file on rank 0 only (the others have none), as they complete
   (SPEC §9.2): flushed, not left in the stream's buffer until a later request or the
   end of the run moves it on. */
static void write_sector(blockstore *b, uint32_t lba, const uint32_t *buf)
{
	if (b->f) {
		fseek(b->f, (long)lba * BLK_SECTOR_BYTES, SEEK_SET);
		fwrite(buf, 1, BLK_SECTOR_BYTES, b->f);
		fflush(b->f);
	}
}

void blk_close(net_t *n)
{
	blockstore *b = n->blk;
	if (!b)
		return;
	while (b->head) {
		blk_req *r = b->head;
		b->head = r->next;
		msg_free(r->m);
		free(r);
	}
	if (b->f)
		fclose(b->f);
	free(b->done_ids);
	free(b);
	n->blk = NULL;
}

bool blk_busy(const net_t *n) { return n->blk->head != NULL; }

/* ---- completed ids -------------------------------------------------------------- */

static bool done_has(const blockstore *b, uint32_t id)
{
	if (!b->done_cap)
		return false;
	for (uint32_t i = (id * 2654435761u) & (b->done_cap - 1);; i = (i + 1) & (b->done_cap - 1)) {
		if (b->done_ids[i] == 0)
			return false;
		if (b->done_ids[i] == id + 1u)
			return true;
	}
}

static void done_add(blockstore *b, uint32_t id);

static void done_grow(blockstore *b)
{
	uint32_t *old = b->done_ids, oc = b->done_cap;
	b->done_cap = oc ? oc * 2 : 64;
	b->done_ids = calloc(b->done_cap, sizeof *b->done_ids);
	if (!b->done_ids) {
		fprintf(stderr, "tessera: out of host memory in the block store\n");
		exit(125);
	}
	b->ndone = 0;
	for (uint32_t i = 0; i < oc; i++)
		if (old[i])
			done_add(b, old[i] - 1);
	free(old);
}

static void done_add(blockstore *b, uint32_t id)
{
	if (id == UINT32_MAX || done_has(b, id))
		return;                   /* UINT32_MAX cannot be stored: never "done" */
	if ((b->ndone + 1) * 2 > b->done_cap)
		done_grow(b);
	uint32_t i = (id * 2654435761u) & (b->done_cap - 1);
	while (b->done_ids[i])
		i = (i + 1) & (b->done_cap - 1);
	b->done_ids[i] = id + 1;
	b->ndone++;
}

/* ---- requests ------------------------------------------------------------------- */

void blk_arrive(net_t *n, msg_t *m, uint64_t at)
{
	blockstore *b = n->blk;
	if (!b || m->tag < TAG_BLK_READ || m->tag > TAG_BLK_INFO || m->len < 4) {
		msg_free(m);              /* not a block-store request: ignored */
		return;
	}
	blk_req *r = calloc(1, sizeof *r);
	if (!r) {
		fprintf(stderr, "tessera: out of host memory in the block store\n");
		exit(125);
	}
	r->m = m;
	r->arrived = at;
	r->seq = b->seq++;
	if (at < b->recheck)
		b->recheck = at;
	if (b->tail)
		b->tail->next = r;
	else
		b->head = r;
	b->tail = r;
}

static uint32_t ndeps(const msg_t *m) { return (m->w[1] >> 1) & 3; }
static bool is_barrier(const msg_t *m) { return m->w[1] & 1; }

/*
 * May r start at s? -1: not yet; 0: yes; else the error status it completes with.
 * Everything before r in the list has arrived earlier and not completed.
 */
static int32_t may_start(const blockstore *b, const blk_req *r, uint64_t s)
{
	if (r->arrived > s)
		return -1;
	for (const blk_req *e = b->head; e != r; e = e->next) {
		if (is_barrier(r->m) || is_barrier(e->m))
			return -1;
		if (r->m->tag == TAG_BLK_FLUSH && e->m->tag == TAG_BLK_WRITE)
			return -1;
	}
	for (uint32_t k = 0; k < ndeps(r->m) && k < 2; k++) {
		uint32_t id = r->m->w[2 + k];
		for (const blk_req *e = b->head; e != r; e = e->next)
			if (e->m->w[0] == id)
				return -1;    /* an earlier request with that id is not done */
		if (!done_has(b, id))
			return -2;
	}
	return 0;
}

static unsigned data_words(const msg_t *m)
{
	return m->tag == TAG_BLK_READ || m->tag == TAG_BLK_WRITE ? BLK_WORDS : 0;
}

static void start(blockstore *b, blk_req *r, uint64_t s, int32_t st)
{
	r->state = RQ_RUNNING;
	r->status = st;
	r->done_at = s + BLK_LATENCY + BLK_WORD_CYCLES * data_words(r->m);
	if (r->done_at < b->next_done)
		b->next_done = r->done_at;
	b->running++;
}

/* Perform a request at its completion and reply. */
static void complete(net_t *n, blockstore *b, blk_req *r, uint64_t s)
{
	const msg_t *m = r->m;
	uint32_t w[2 + BLK_WORDS] = {m->w[0], 0};
	unsigned len = 2;
	uint32_t lba = m->w[4];
	bool io = m->tag == TAG_BLK_READ || m->tag == TAG_BLK_WRITE;
	if (r->status)
		w[1] = (uint32_t)r->status;
	else if (io && (m->len < 5 || lba >= disk_sectors(n, b) ||
			(m->tag == TAG_BLK_WRITE && m->len < 5 + BLK_WORDS)))
		w[1] = (uint32_t)-1;
	else if (m->tag == TAG_BLK_READ) {
		read_sector(n, b, lba, &w[2]);
		len = 2 + BLK_WORDS;
	} else if (m->tag == TAG_BLK_WRITE) {
		write_sector(b, lba, &m->w[5]);
	} else if (m->tag == TAG_BLK_INFO) {   /* (a FLUSH has nothing left to do: every
						   write reached the file as it completed) */
		w[2] = disk_sectors(n, b);
		len = 3;
	}
	dev_reply(n, DEVI_BLOCK, m->src, m->tag, w, len, s);
	done_add(b, m->w[0]);
}

static void unlink_req(blockstore *b, blk_req *r)
{
	blk_req **p = &b->head, *prev = NULL;
	while (*p != r) {
		prev = *p;
		p = &(*p)->next;
	}
	*p = r->next;
	if (b->tail == r)
		b->tail = prev;
}

/* Completions due at s, in arrival order (ties by arrival). */
static void complete_due(net_t *n, blockstore *b, uint64_t s)
{
	b->next_done = UINT64_MAX;
	for (blk_req *r = b->head, *next; r; r = next) {
		next = r->next;
		if (r->state != RQ_RUNNING)
			continue;
		if (r->done_at != s) {
			if (r->done_at < b->next_done)
				b->next_done = r->done_at;
			continue;
		}
		complete(n, b, r, s);
		b->running--;
		unlink_req(b, r);
		msg_free(r->m);
		free(r);
	}
	b->recheck = s;
}

/* Work is done only at completions and after arrivals: a queue of waiting requests
   costs nothing per cycle while nothing changes. */
void blk_cycle(net_t *n, uint64_t s)
{
	blockstore *b = n->blk;
	if (s == b->next_done)
		complete_due(n, b, s);
	if (s < b->recheck || b->running == BLK_CHANNELS)
		return;
	b->recheck = UINT64_MAX;
	for (blk_req *r = b->head; r && b->running < BLK_CHANNELS; r = r->next) {
		if (r->state != RQ_WAITING)
			continue;
		if (r->arrived > s) {
			if (r->arrived < b->recheck)
				b->recheck = r->arrived;
			continue;
		}
		int32_t st = may_start(b, r, s);
		if (st != -1)
			start(b, r, s, st);
	}
}
