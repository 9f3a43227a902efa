/*
 * OS figures for make bench (printed, never asserted), run as the root (tile 0,
 * CONTROL over every tile). Each figure is measured with tess.cycle on this tile:
 *   spawn    from the start of spawn() of a 4 KiB image to its first message here
 *   restart  from the crashed service's EXIT notice to the restarted one's first message
 *   request  a request's round trip through the dispatcher and a fresh worker tile
 *   neighbour  a one-word message round trip to the tile next door
 */
#include "con.h"
#include "images.h"
#include "msg.h"
#include "sup.h"
#include "work.h"

OS_IMAGE_DEFINE(pad4k);
OS_IMAGE_DEFINE(echo);
OS_IMAGE_DEFINE(dispatch);

#define ROUNDS 8
#define WAIT   200000u

static os_spawner sp;

static void figure(const char *what, uint64_t total, uint32_t n, const char *unit)
{
	con_puts("bench: ");
	con_puts(what);
	con_puts(": ");
	con_putu(total / n);
	con_puts(unit);
	con_puts(" (mean of ");
	con_putu(n);
	con_puts(")\n");
}

/* Waits for a REPORT of this kind; returns its arrival cycle, or 0. */
static uint64_t wait_report(uint32_t kind, os_msg *m)
{
	while (os_recv_match(m, TAG_REPORT, ~0u, WAIT))
		if (m->w[0] == kind)
			return tess_cycle64();
	return 0;
}

/* Waits for the EXIT notice of tile t (acknowledged on receipt) and frees it. */
static void reap(uint32_t t)
{
	os_msg m;
	while (os_recv_match(&m, TAG_MSG_EXIT, t, WAIT))
		if (m.info & MSG_INFO_CONTROL)
			break;
	spawn_mark(&sp, t, 0);
}

static void bench_spawn(void)
{
	static const os_spawn_args a = { .grants = GRANT_SUPER };
	os_msg m;
	uint64_t total = 0, busy = 0;
	uint32_t bytes = (uint32_t)(image_pad4k.end - image_pad4k.records) / 16 * 60;
	for (int i = 0; i < ROUNDS; i++) {
		uint64_t t0 = tess_cycle64();
		int32_t t = spawn(&sp, &image_pad4k, 0, &a);
		busy += tess_cycle64() - t0;
		total += wait_report(5, &m) - t0;
		reap((uint32_t)t);
	}
	con_puts("bench: image of ");
	con_putu(bytes);
	con_puts(" bytes\n");
	figure("spawn a 4 KiB program, to its first message", total, ROUNDS, " cycles");
	figure("spawn a 4 KiB program, spawner busy", busy, ROUNDS, " cycles");
}

static void bench_restart_and_neighbour(void)
{
	static const sup_spec echo = {
		.img = &image_echo, .restart = RESTART_PERMANENT,
		.grants = GRANT_ALL | GRANT_SUPER,
	};
	static sup_t s;
	os_msg m;
	uint64_t total = 0, ping = 0;
	sup_init(&s, &sp, SUP_ONE_FOR_ONE, ROUNDS + 1, 100000000);
	s.backoff_base = 0;   /* no backoff: measure the restart itself */
	sup_add(&s, &echo);
	sup_start_all(&s);
	wait_report(4, &m);
	/* Neighbour round trip: the echo runs on the nearest free tile, tile 1. */
	for (uint32_t i = 0; i < ROUNDS; i++) {
		uint32_t w[1] = { i };
		uint64_t t0 = tess_cycle64();
		os_send(OS_SLOT_ALL, TAG_ECHO, w, 1, (uint32_t)s.child[0].tile);
		os_recv_match(&m, TAG_ECHO, ~0u, WAIT);
		ping += tess_cycle64() - t0;
	}
	figure("neighbour message round trip (1 word each way)", ping, ROUNDS, " cycles");
	for (int i = 0; i < ROUNDS; i++) {
		os_send(OS_SLOT_ALL, TAG_CRASH, 0, 0, (uint32_t)s.child[0].tile);
		os_recv_match(&m, TAG_MSG_EXIT, ~0u, WAIT);
		uint64_t t0 = tess_cycle64();
		sup_handle(&s, &m);
		sup_tick(&s);
		total += wait_report(4, &m) - t0;
	}
	figure("restart a crashed service, notice to its first message", total, ROUNDS,
	       " cycles");
	sup_stop_all(&s);
}

static void bench_request(void)
{
	int32_t lo = spawn_reserve(&sp, 16);
	os_spawn_args a = { .grants = GRANT_ALL | GRANT_SUPER | GRANT_REGION,
			    .region_lo = (uint32_t)lo, .region_hi = (uint32_t)lo + 15 };
	int32_t d = spawn(&sp, &image_dispatch, 0, &a);
	os_msg m;
	uint64_t total = 0, warm = 0;
	for (uint32_t i = 0; i < 2 * ROUNDS; i++) {
		/* Wait out the dispatcher's warm-up so each request starts from the same state. */
		uint64_t until = tess_cycle64() + 5000;
		while (tess_cycle64() < until)
			msg_wait((uint32_t)(until - tess_cycle64()));
		uint32_t w[2] = { i, WORK_ARG(WORK_GOOD, 1) };
		uint64_t t0 = tess_cycle64();
		os_send(OS_SLOT_ALL, TAG_REQ, w, 2, (uint32_t)d);
		os_recv_match(&m, TAG_REP, ~0u, WAIT);
		if (i >= ROUNDS)
			warm += tess_cycle64() - t0;
		else
			total += tess_cycle64() - t0;
	}
	figure("request round trip through a fresh worker tile", total + warm, 2 * ROUNDS,
	       " cycles");
	spawn_kill(&sp, (uint32_t)d);
}

int os_main(void)
{
	if (spawn_init(&sp, SLOT_CONTROL) < 0)
		return 3;
	bench_spawn();
	bench_restart_and_neighbour();
	bench_request();
	con_flush();
	return 0;
}
