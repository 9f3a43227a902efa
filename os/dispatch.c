/*
 * The request server's dispatcher. Each request gets its own worker tile from the
 * region the root delegated (OS_SLOT_CONTROL), with a cycle budget and a memory bound;
 * the worker's EXIT notice is the answer, and a halt for any other cause than EXIT
 * becomes an error for that client alone.
 *
 * Scheduling from queue depth: tiles are kept warm (image and budgets loaded, not
 * started) so a request needs only CTL_START. The warm target doubles whenever a request
 * finds no warm tile while others wait, and halves after DISPATCH_IDLE cycles without a
 * request; surplus warm tiles are cleared and returned to the region.
 */
#include "con.h"
#include "images.h"
#include "msg.h"
#include "ns.h"
#include "sys.h"

OS_IMAGE_DECLARE(worker);

#define QUEUE_MAX     256
#define DISPATCH_MAX  512        /* worker tiles at most (table size) */
#define DISPATCH_IDLE 20000u
#define WORK_CYCLES   20000u     /* per request                       */
#define WORK_MEM      8192u      /* memory bound of a worker, bytes    */

typedef struct {
	uint32_t client, id, arg;
	uint64_t arrived;
} request;

typedef struct {
	uint8_t state;           /* 0 free, 1 warm, 2 running */
	request req;
} slot;

enum { W_FREE, W_WARM, W_RUNNING };

static os_spawner sp;
static os_image worker;
static const os_budget work_budget = { WORK_CYCLES, WORK_MEM, 0 };
static request queue[QUEUE_MAX];
static uint32_t qhead, qlen;
static slot tiles[DISPATCH_MAX];
static uint32_t nwarm, nrunning, warm_target = 1;
static uint32_t served, failed, peak_workers, peak_queue, grows, shrinks;
static uint64_t last_request, total_latency;

static slot *slot_of(uint32_t t) { return &tiles[t - sp.lo]; }

static void reply(const request *r, int32_t status, uint32_t value)
{
	uint32_t w[3] = { r->id, (uint32_t)status, value };
	os_send(OS_SLOT_ALL, TAG_REP, w, 3, r->client);
}

static int32_t take_warm(void)
{
	for (uint32_t t = sp.lo; t <= sp.hi; t++)
		if (slot_of(t)->state == W_WARM)
			return (int32_t)t;
	return -1;
}

static int32_t make_warm(void)
{
	int32_t t = spawn_place(&sp, sp.self);
	if (t < 0)
		return -1;
	spawn_load(&sp, (uint32_t)t, &worker, &work_budget, 0);
	slot_of((uint32_t)t)->state = W_WARM;
	nwarm++;
	return t;
}

/* Starts queued requests on warm tiles, or on fresh ones when none is warm. */
static void dispatch(void)
{
	while (qlen) {
		int32_t t = take_warm();
		if (t < 0) {
			if (qlen > 1 && warm_target < sp.hi - sp.lo + 1) {
				warm_target *= 2;
				grows++;
			}
			t = make_warm();
			if (t < 0)
				return;
		}
		slot *s = slot_of((uint32_t)t);
		s->req = queue[qhead];
		qhead = (qhead + 1) % QUEUE_MAX;
		qlen--;
		s->state = W_RUNNING;
		nwarm--;
		nrunning++;
		spawn_start(&sp, (uint32_t)t, &worker, s->req.arg);
	}
}

static void worker_exited(const os_msg *m)
{
	uint32_t t = m->w[EXIT_W_TILE];
	if (t < sp.lo || t > sp.hi || slot_of(t)->state != W_RUNNING)
		return;
	slot *s = slot_of(t);
	if (m->w[EXIT_W_CAUSE] == 1 /* EXIT */) {
		reply(&s->req, 0, m->w[EXIT_W_VALUE]);
		served++;
	} else {
		reply(&s->req, -(int32_t)m->w[EXIT_W_CAUSE], m->w[EXIT_W_PC]);
		failed++;
	}
	total_latency += tess_cycle64() - s->req.arrived;
	s->state = W_FREE;
	nrunning--;
	spawn_mark(&sp, t, 0);
}

static void enqueue(const os_msg *m)
{
	request r = { m->src, m->w[0], m->w[1], tess_cycle64() };
	last_request = r.arrived;
	if (qlen == QUEUE_MAX || MSG_LEN(m->info) != 2) {
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
	for (uint32_t t = sp.lo; t <= sp.hi && nwarm > warm_target; t++)
		if (slot_of(t)->state == W_WARM) {
			spawn_clear(&sp, t);
			slot_of(t)->state = W_FREE;
			nwarm--;
		}
	last_request = tess_cycle64();
}

static void report(void)
{
	uint32_t w[12] = { 2, served, failed, peak_workers, nwarm + nrunning, peak_queue,
			   grows, shrinks, (uint32_t)(total_latency / (served + failed + !(served + failed))),
			   warm_target, nrunning, qlen };
	os_send(OS_SLOT_SUPER, TAG_REPORT, w, 12, 0);
}

int os_main(void)
{
	os_msg m;
	worker = OS_IMAGE(worker);
	if (spawn_init(&sp, OS_SLOT_CONTROL) < 0)
		return 1;
	spawn_clamp(&sp, DISPATCH_MAX);
	for (;;) {
		dispatch();
		if (nwarm + nrunning > peak_workers)
			peak_workers = nwarm + nrunning;
		/* Warm up while nothing waits in the mailbox. */
		if (!qlen && nwarm < warm_target && msg_wait(1) == 0 && make_warm() >= 0)
			continue;
		uint64_t idle_at = last_request + DISPATCH_IDLE, now = tess_cycle64();
		if (!qlen && !nrunning && now >= idle_at && nwarm) {
			shrink();
			continue;
		}
		if (!msg_wait(now < idle_at ? (uint32_t)(idle_at - now) : DISPATCH_IDLE))
			continue;
		os_recv(&m);
		if ((m.info & MSG_INFO_CONTROL) && MSG_TAG(m.info) == TAG_MSG_EXIT)
			worker_exited(&m);
		else if (MSG_TAG(m.info) == TAG_REQ)
			enqueue(&m);
		else if (MSG_TAG(m.info) == TAG_STATS)
			report();
	}
}
