/*
 * OS figures for make bench (printed, never asserted), run as the root (tile 0,
 * CONTROL over every tile). Each figure is measured with tess.cycle on this tile:
 *   spawn    from the start of spawn() of a 4 KiB image to its first message here
 *   restart  from the crashed service's EXIT notice to the restarted one's first message
 *   request  a request's round trip through the dispatcher and a fresh worker tile
 *   neighbour  a one-word message round trip to the tile next door
 *   parallel 32 spawns from one tile, and from four spawners owning a region each
 */
#include "con.h"
#include "images.h"
#include "msg.h"
#include "sup.h"
#include "work.h"

OS_IMAGE_DEFINE(pad4k);
OS_IMAGE_DEFINE(echo);
OS_IMAGE_DEFINE(dispatch);
OS_IMAGE_DEFINE(spawner);
OS_IMAGE_DEFINE(ping);

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
static uint64_t wait_report(uint32_t kind, tess_msg *m)
{
	while (os_recv_match(m, TAG_REPORT, ~0u, WAIT))
		if (m->w[0] == kind)
			return tess_cycles();
	return 0;
}

/* Waits for the EXIT notice of tile t (acknowledged on receipt) and frees it. */
static void reap(uint32_t t)
{
	tess_msg m;
	while (os_recv_match(&m, TESS_MSG_EXIT, t, WAIT))
		if (m.info & MSG_INFO_CONTROL)
			break;
	spawn_mark(&sp, t, 0);
}

static void bench_spawn(void)
{
	static const os_spawn_args a = { .grants = GRANT_SUPER };
	tess_msg m;
	uint64_t total = 0, busy = 0;
	uint32_t bytes = (uint32_t)(image_pad4k.end - image_pad4k.records) / 16 * 60;
	for (int i = 0; i < ROUNDS; i++) {
		uint64_t t0 = tess_cycles();
		int32_t t = spawn(&sp, &image_pad4k, 0, &a);
		busy += tess_cycles() - t0;
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
	tess_msg m;
	uint64_t total = 0, ping = 0;
	sup_init(&s, &sp, SUP_ONE_FOR_ONE, ROUNDS + 1, 100000000);
	s.backoff_base = 0;   /* no backoff: measure the restart itself */
	sup_add(&s, &echo);
	sup_start_all(&s);
	wait_report(4, &m);
	/* Neighbour round trip: the echo runs on the nearest free tile, tile 1. */
	for (uint32_t i = 0; i < ROUNDS; i++) {
		uint32_t w[1] = { i };
		uint64_t t0 = tess_cycles();
		tess_send_to(SLOT_ALL_TILES, (uint32_t)s.child[0].tile, TAG_ECHO, w, 1);
		os_recv_match(&m, TAG_ECHO, ~0u, WAIT);
		ping += tess_cycles() - t0;
	}
	figure("neighbour message round trip (1 word each way)", ping, ROUNDS, " cycles");
	for (int i = 0; i < ROUNDS; i++) {
		tess_send_to(SLOT_ALL_TILES, (uint32_t)s.child[0].tile, TAG_CRASH, 0, 0);
		os_recv_match(&m, TESS_MSG_EXIT, ~0u, WAIT);
		uint64_t t0 = tess_cycles();
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
	tess_msg m;
	uint64_t total = 0, warm = 0;
	for (uint32_t i = 0; i < 2 * ROUNDS; i++) {
		/* Wait out the dispatcher's warm-up so each request starts from the same state. */
		uint64_t until = tess_cycles() + 5000;
		while (tess_cycles() < until)
			msg_wait((uint32_t)(until - tess_cycles()));
		uint32_t w[2] = { i, WORK_ARG(WORK_GOOD, 1) };
		uint64_t t0 = tess_cycles();
		tess_send_to(SLOT_ALL_TILES, (uint32_t)d, TAG_REQ, w, 2);
		os_recv_match(&m, TAG_REP, ~0u, WAIT);
		if (i >= ROUNDS)
			warm += tess_cycles() - t0;
		else
			total += tess_cycles() - t0;
	}
	figure("request round trip through a fresh worker tile", total + warm, 2 * ROUNDS,
	       " cycles");
	spawn_kill(&sp, (uint32_t)d);
	reap((uint32_t)d);
	for (uint32_t t = (uint32_t)lo; t < (uint32_t)lo + 16; t++)
		spawn_mark(&sp, t, 0);   /* its workers died with it: the region is free */
}

/* Waits for n EXIT notices; returns the cycles since t0 when the last came. */
static uint64_t reap_all(uint32_t n, uint64_t t0)
{
	tess_msg m;
	for (uint32_t i = 0; i < n && os_recv_match(&m, TESS_MSG_EXIT, ~0u, WAIT); i++)
		spawn_mark(&sp, m.w[TESS_EXIT_TILE], 0);
	return tess_cycles() - t0;
}

/*
 * 32 copies of the 4 KiB program: from this tile alone, then from 4 spawners that each
 * own a region of 12 tiles and spawn 8 (spawner.c), all at once.
 */
static void bench_parallel(void)
{
	tess_msg m;
	uint32_t early = 0;
	uint64_t t0 = tess_cycles();
	for (int i = 0; i < 32; i++) {
		spawn(&sp, &image_pad4k, 0, 0);
		while (os_poll(&m))   /* the first ones exit while later ones load */
			if (tess_msg_tag(&m) == TESS_MSG_EXIT) {
				spawn_mark(&sp, m.w[TESS_EXIT_TILE], 0);
				early++;
			}
	}
	uint64_t one = reap_all(32 - early, t0);
	int32_t lo[4];
	for (int i = 0; i < 4; i++)
		if ((lo[i] = spawn_reserve(&sp, 12)) < 0)
			return;
	t0 = tess_cycles();
	for (int i = 0; i < 4; i++) {
		/* Each spawner on the first tile of its block, controlling the other 11. */
		os_spawn_args a = { .grants = GRANT_REGION, .region_lo = (uint32_t)lo[i] + 1,
				    .region_hi = (uint32_t)lo[i] + 11, .arg = 8 };
		spawn_load(&sp, (uint32_t)lo[i], &image_spawner, 0, &a);
		spawn_start(&sp, (uint32_t)lo[i], &image_spawner, 8);
	}
	uint32_t slowest = 0;
	for (int i = 0; i < 4 && os_recv_match(&m, TESS_MSG_EXIT, ~0u, WAIT); i++) {
		spawn_mark(&sp, m.w[TESS_EXIT_TILE], 0);
		slowest = m.w[TESS_EXIT_VALUE] > slowest ? m.w[TESS_EXIT_VALUE] : slowest;
	}
	uint64_t four = tess_cycles() - t0;
	figure("spawn 32 programs of 4 KiB from one tile, until all ran", one, 1, " cycles");
	figure("spawn 32 programs of 4 KiB from 4 spawners (8 each), until all ran "
	       "(starting the spawners included)", four, 1, " cycles");
	figure("  of which the slowest spawner's own 8 spawns", slowest, 1, " cycles");
}

/* The raw figure: a one-word message to the tile next door and back, no OS layer on
 * either side (ping.c there, msg.send and msg.recv here). */
static void bench_ping(void)
{
	static const os_spawn_args a = { .grants = GRANT_ALL };
	tess_msg rec;
	uint32_t w[1] = { 7 };
	uint64_t total = 0;
	int32_t t = spawn(&sp, &image_ping, 0, &a);
	if (t != 1)
		return;   /* tile 1 is the east neighbour only when it was free */
	for (int i = 0; i < ROUNDS; i++) {
		uint32_t c0 = tess_cycle32();
		msg_send(SEND_DESC(SLOT_EAST, TAG_ECHO, 1), w, 0);
		msg_recv(&rec);
		total += tess_cycle32() - c0;
	}
	figure("neighbour message round trip, no OS layer (1 word each way)", total, ROUNDS,
	       " cycles");
	spawn_kill(&sp, (uint32_t)t);
	reap((uint32_t)t);
}

int main(void)
{
	if (spawn_init(&sp, SLOT_CONTROL) < 0)
		return 3;
	bench_ping();
	bench_spawn();
	bench_restart_and_neighbour();
	bench_request();
	bench_parallel();
	con_flush();
	return 0;
}
