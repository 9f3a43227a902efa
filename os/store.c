/*
 * The store service: a persistent key-value store on the block device (SPEC §9.2).
 *
 * The disk is a log of records, two sectors each (record i at sectors 2i, 2i+1):
 *   A: [STORE_MAGIC, seq, key, v0, v1, v2, v3, v4]
 *   B: [v5, v6, v7, 0, 0, 0, 0, checksum of A and B's first seven words]
 * A record is valid when its magic, its seq (= i) and its checksum hold; the log ends
 * at the first record that is not, so a torn last record (one sector written, the
 * service dead before the other) is dropped at recovery and never read as data.
 *
 * Ordering is the device's, not a kernel's: both writes of record i depend on both
 * writes of record i-1 (the device starts a request only when its dependencies have
 * completed), so the log on disk is always a prefix, and a PUT is acknowledged only
 * when both of its writes have completed: every acknowledged write survives a crash of
 * the service and the end of the run (--disk keeps the file). Sectors of one record go
 * to the device at once and are written concurrently.
 */
#include "msg.h"
#include "tess.h"

#define STORE_MAGIC 0x54535231u   /* "1RST" */
#define KEYS_MAX    128
#define VAL_WORDS   8
#define INFLIGHT    8
#define BLK_WAIT    100000u

typedef struct {
	uint32_t key, v[VAL_WORDS];
} entry;

typedef struct {
	uint32_t client, key, id_a, id_b, v[VAL_WORDS];
	uint8_t done, used;
} put;

static entry index_[KEYS_MAX];
static uint32_t nkeys, nrecords, next_id = 1, last_a, last_b, sectors;
static put inflight[INFLIGHT];

static uint32_t checksum(const uint32_t *a, const uint32_t *b)
{
	uint32_t h = 2166136261u;
	for (int i = 0; i < 8; i++)
		h = (h ^ a[i]) * 16777619u;
	for (int i = 0; i < 7; i++)
		h = (h ^ b[i]) * 16777619u;
	return h;
}

static entry *find(uint32_t key, int create)
{
	for (uint32_t i = 0; i < nkeys; i++)
		if (index_[i].key == key)
			return &index_[i];
	if (!create || nkeys == KEYS_MAX)
		return 0;
	index_[nkeys].key = key;
	return &index_[nkeys++];
}

/* One sector read, waited for; 0 on success. */
static int blk_read(uint32_t lba, uint32_t out[8])
{
	tess_msg m;
	uint32_t id = next_id++, w[5] = { id, 0, 0, 0, lba };
	tess_send(SLOT_BLOCK, TESS_BLK_READ, w, 5);
	while (os_recv_match(&m, TESS_BLK_READ, DEV_BLOCK, BLK_WAIT))
		if (m.w[0] == id) {
			for (int i = 0; i < 8; i++)
				out[i] = m.w[2 + i];
			return (int32_t)m.w[1];
		}
	return -1;
}

static uint32_t blk_sectors(void)
{
	tess_msg m;
	uint32_t id = next_id++, w[4] = { id, 0, 0, 0 };
	tess_send(SLOT_BLOCK, TESS_BLK_INFO, w, 4);
	while (os_recv_match(&m, TESS_BLK_INFO, DEV_BLOCK, BLK_WAIT))
		if (m.w[0] == id)
			return m.w[2];
	return 0;
}

/*
 * Request ids must not repeat (a dependency names an id), across restarts of this
 * service and across runs: the last sector holds a generation number, bumped at every
 * start, and every id is generation << 20 | a counter.
 */
static void new_generation(void)
{
	uint32_t g[8];
	sectors = blk_sectors();
	if (!sectors || blk_read(sectors - 1, g))
		tess_exit(4);
	next_id = (g[0] + 1) << 20;
	uint32_t w[13] = { next_id++, 1 /* barrier */, 0, 0, sectors - 1, g[0] + 1 };
	tess_send(SLOT_BLOCK, TESS_BLK_WRITE, w, 13);
}

/* Reads the log from the start and rebuilds the index; stops at the first bad record. */
static void recover(void)
{
	uint32_t a[8], b[8];
	for (nrecords = 0; 2 * nrecords + 2 < sectors; nrecords++) {
		if (blk_read(2 * nrecords, a) || blk_read(2 * nrecords + 1, b))
			break;
		if (a[0] != STORE_MAGIC || a[1] != nrecords || b[7] != checksum(a, b))
			break;
		entry *e = find(a[2], 1);
		if (!e)
			continue;
		for (int i = 0; i < 5; i++)
			e->v[i] = a[3 + i];
		for (int i = 0; i < 3; i++)
			e->v[5 + i] = b[i];
	}
}

static void reply(uint32_t client, int32_t status, uint32_t key, const uint32_t *v)
{
	uint32_t w[2 + VAL_WORDS] = { (uint32_t)status, key };
	for (int i = 0; v && i < VAL_WORDS; i++)
		w[2 + i] = v[i];
	tess_send_to(SLOT_ALL_TILES, client, TAG_ST_REPLY, w, v ? 2 + VAL_WORDS : 2);
}

/* Sends sector `half` (0: A, 1: B) of the next record; returns its request id. */
static uint32_t write_half(int half, uint32_t key, const uint32_t *v)
{
	uint32_t a[8] = { STORE_MAGIC, nrecords, key, v[0], v[1], v[2], v[3], v[4] };
	uint32_t b[8] = { v[5], v[6], v[7] };
	b[7] = checksum(a, b);
	uint32_t id = next_id++, deps = last_a ? 2 : 0;
	uint32_t w[13] = { id, deps << 1, last_a, last_b, 2 * nrecords + (uint32_t)half };
	for (int i = 0; i < 8; i++)
		w[5 + i] = half ? b[i] : a[i];
	tess_send(SLOT_BLOCK, TESS_BLK_WRITE, w, 13);
	return id;
}

static void do_put(const tess_msg *m)
{
	put *p = 0;
	for (int i = 0; i < INFLIGHT && !p; i++)
		if (!inflight[i].used)
			p = &inflight[i];
	if (!p || tess_msg_len(m) != 1 + VAL_WORDS || 2 * nrecords + 2 >= sectors) {
		reply(m->src, -2, m->w[0], 0);
		return;
	}
	p->used = 1;
	p->done = 0;
	p->client = m->src;
	p->key = m->w[0];
	for (int i = 0; i < VAL_WORDS; i++)
		p->v[i] = m->w[1 + i];
	p->id_a = write_half(0, p->key, p->v);
	p->id_b = write_half(1, p->key, p->v);
	last_a = p->id_a;
	last_b = p->id_b;
	nrecords++;
}

static void write_done(const tess_msg *m)
{
	for (int i = 0; i < INFLIGHT; i++) {
		put *p = &inflight[i];
		if (!p->used || (m->w[0] != p->id_a && m->w[0] != p->id_b))
			continue;
		if ((int32_t)m->w[1] != 0) {   /* the disk is full or refused: say so */
			p->used = 0;
			reply(p->client, (int32_t)m->w[1], p->key, 0);
			return;
		}
		if (++p->done < 2)
			return;
		entry *e = find(p->key, 1);
		for (int j = 0; e && j < VAL_WORDS; j++)
			e->v[j] = p->v[j];
		p->used = 0;
		reply(p->client, e ? 0 : -3, p->key, 0);
		return;
	}
}

static void do_get(const tess_msg *m)
{
	const entry *e = find(m->w[0], 0);
	reply(m->src, e ? 0 : -1, m->w[0], e ? e->v : 0);
}

/* For the tests: half a record on disk, then the service dies as in a crash mid-write. */
static void do_torn(const tess_msg *m)
{
	uint32_t v[VAL_WORDS] = { m->w[0], m->w[0] };
	write_half(0, m->w[0], v);
	__asm__ volatile(".word 0");
}

int main(void)
{
	tess_msg m;
	new_generation();
	recover();
	for (;;) {
		os_recv(&m);
		uint32_t tag = tess_msg_tag(&m);
		if (m.src == DEV_BLOCK && tag == TESS_BLK_WRITE)
			write_done(&m);
		else if (tag == TAG_ST_PUT)
			do_put(&m);
		else if (tag == TAG_ST_GET && tess_msg_len(&m) == 1)
			do_get(&m);
		else if (tag == TAG_ST_TORN)
			do_torn(&m);
	}
}
