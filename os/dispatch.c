/*
 * The request server's dispatcher. Each request gets its own worker tile from the
 * region the root delegated (SLOT_CONTROL), with a cycle budget and a memory bound;
 * the worker's EXIT notice is the answer, and a halt for any other cause than EXIT
 * becomes an error for that client alone.
 *
 * Scheduling from queue depth: tiles are kept warm (image and budgets loaded, not
 * started) so a request needs only CTL_START. When a request finds no warm tile, the
 * warm target grows to twice the demand (running + queued); after DISPATCH_IDLE cycles
 * without a request it halves, and warm tiles above it are cleared and returned.
 *
 * Free tiles are a stack ordered by distance from the dispatcher, nearest on top, so
 * the nearest free tile is found in one step (freed tiles go back on top).
 */
#include "con.h"
#include "images.h"
#include "msg.h"
#include "tess.h"

OS_IMAGE_DECLARE(worker);

#define QUEUE_MAX     256
#define DISPATCH_MAX  512        /* worker tiles at most (table size)  */
#define DISPATCH_IDLE 20000u
#define WORK_CYCLES   20000u     /* per request                        */
#define WORK_MEM      8192u      /* memory bound of a worker, bytes    */

typedef struct {
	uint32_t client, id, arg;
	uint64_t arrived;
} request;

static os_spawner sp;
static os_image worker;
static const os_budget work_budget = { WORK_CYCLES, WORK_MEM, 0 };
static request queue[QUEUE_MAX];
static uint32_t qhead, qlen;
static request running[DISPATCH_MAX];     /* by tile - sp.lo             */
static uint8_t is_running[DISPATCH_MAX];
static uint16_t freel[DISPATCH_MAX], warml[DISPATCH_MAX];
static uint32_t nfree, nwarm, nrunning, warm_target = 1;
static uint32_t served, failed, peak_workers, peak_queue, grows, shrinks;
static uint64_t last_request, total_latency;
static uint32_t by_cause[16];        /* failures by halt cause */

static uint32_t dist(uint32_t t)
{
	uint32_t w = sp.width, x = t % w, y = t / w, sx = sp.self % w, sy = sp.self / w;
	return (x > sx ? x - sx : sx - x) + (y > sy ? y - sy : sy - y);
}

/* Counting sort of the region by distance, farthest pushed first. */
static void free_init(void)
{
	static uint16_t count[2 * MESH_MAX_DIM + 1];
	uint32_t n = sp.hi - sp.lo + 1, maxd = 0;
	for (uint32_t t = sp.lo; t <= sp.hi; t++) {
		uint32_t d = dist(t);
		count[d]++;
		maxd = d > maxd ? d : maxd;
	}
	for (uint32_t d = 0, at = n; d <= maxd; d++) {   /* count[d] = first slot of d */
		at -= count[d];
		count[d] = (uint16_t)at;
	}
	for (uint32_t t = sp.lo; t <= sp.hi; t++)
		freel[count[dist(t)]++] = (uint16_t)(t - sp.lo);
	nfree = n;
}

static void reply(const request *r, int32_t status, uint32_t value)
{
	uint32_t w[3] = { r->id, (uint32_t)status, value };
	tess_send_to(SLOT_ALL_TILES, r->client, TAG_REP, w, 3);
}

static int make_warm(void)
{
	if (!nfree)
		return 0;
	uint32_t i = freel[--nfree];
	spawn_load(&sp, sp.lo + i, &worker, &work_budget, 0);
	warml[nwarm++] = (uint16_t)i;
	return 1;
}

static void grow(void)
{
	uint32_t want = 2 * (nrunning + qlen), cap = sp.hi - sp.lo + 1;
	want = want > cap ? cap : want;
	if (want > warm_target) {
		warm_target = want;
		grows++;
	}
}

/*
 * Starts queued requests on warm tiles, or on fresh ones when none is warm. A long
 * queue takes longer than ACK_GRACE to start (each fresh worker is a load of its
 * image): notices that come meanwhile are taken in and acknowledged (os_drain).
 */
static void dispatch(void)
{
	while (qlen) {
		os_drain();
		if (!nwarm) {
			grow();
			if (!make_warm())
				return;
		}
		uint32_t i = warml[--nwarm];
		running[i] = queue[qhead];
		is_running[i] = 1;
		qhead = (qhead + 1) % QUEUE_MAX;
		qlen--;
		nrunning++;
		spawn_start(&sp, sp.lo + i, &worker, running[i].arg);
	}
}

static void worker_exited(const tess_msg *m)
{
	uint32_t t = m->w[TESS_EXIT_TILE], i = t - sp.lo;
	if (t < sp.lo || t > sp.hi || !is_running[i])
		return;
	const request *r = &running[i];
	if (m->w[TESS_EXIT_CAUSE] == TESS_CAUSE_EXIT) {
		reply(r, 0, m->w[TESS_EXIT_VALUE]);
		served++;
	} else {
		reply(r, -(int32_t)m->w[TESS_EXIT_CAUSE], m->w[TESS_EXIT_PC]);
		failed++;
		by_cause[m->w[TESS_EXIT_CAUSE] & 15]++;
	}
	total_latency += tess_cycles() - r->arrived;
	is_running[i] = 0;
	nrunning--;
	spawn_mark(&sp, t, 0);
	freel[nfree++] = (uint16_t)i;
}

static void enqueue(const tess_msg *m)
{
	request r = { m->src, m->w[0], m->w[1], tess_cycles() };
	last_request = r.arrived;
	if (qlen == QUEUE_MAX || tess_msg_len(m) != 2) {
		reply(&r, -100, 0);
		failed++;
		return;
	}
	queue[(qhead + qlen++) % QUEUE_MAX] = r;
	if (qlen > peak_queue)
		peak_queue = qlen;
}

/* Halves the warm target when idle and clears warm tiles above it. */
static void shrink(void)
{
	if (warm_target > 1) {
		warm_target /= 2;
		shrinks++;
	}
	while (nwarm > warm_target) {
		uint32_t i = warml[--nwarm];
		spawn_clear(&sp, sp.lo + i);
		freel[nfree++] = (uint16_t)i;
	}
	last_request = tess_cycles();
}

static void report(void)
{
	uint32_t done = served + failed;
	uint32_t w[15] = { 2, served, failed, peak_workers, nwarm + nrunning, peak_queue,
			   grows, shrinks, (uint32_t)(total_latency / (done ? done : 1)),
			   warm_target, nrunning, qlen, by_cause[TESS_CAUSE_BUDGET_CYCLES],
			   by_cause[TESS_CAUSE_MEM_FAULT], by_cause[TESS_CAUSE_ILLEGAL] };
	tess_send(SLOT_SUPERVISOR, TAG_REPORT, w, 15);
}

static void handle(const tess_msg *m)
{
	if ((m->info & MSG_INFO_CONTROL) && tess_msg_tag(m) == TESS_MSG_EXIT)
		worker_exited(m);
	else if (tess_msg_tag(m) == TAG_REQ)
		enqueue(m);
	else if (tess_msg_tag(m) == TAG_STATS)
		report();
}

int main(void)
{
	tess_msg m;
	worker = OS_IMAGE(worker);
	if (spawn_init(&sp, SLOT_CONTROL) < 0)
		return 1;
	spawn_clamp(&sp, DISPATCH_MAX);
	free_init();
	for (;;) {
		/* Take everything waiting before deciding, so the queue depth is seen. */
		while (os_poll(&m))
			handle(&m);
		dispatch();
		if (nwarm + nrunning > peak_workers)
			peak_workers = nwarm + nrunning;
		if (!qlen && nwarm < warm_target && make_warm())
			continue;
		uint64_t idle_at = last_request + DISPATCH_IDLE, now = tess_cycles();
		if (!qlen && !nrunning && now >= idle_at && (nwarm > 1 || warm_target > 1)) {
			shrink();
			continue;
		}
		os_wait(now < idle_at ? (uint32_t)(idle_at - now) : 0);
	}
}
