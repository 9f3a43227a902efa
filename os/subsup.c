/*
 * A supervisor one level below the root, over the region the root delegated to it.
 *   arg 0: three echo services, one_for_one, forever (the kill-a-supervisor test)
 *   arg 1: one echo that crashes at start, intensity 3 in 1,000,000 cycles (the crash
 *          loop test): its fourth failure trips the intensity and this supervisor exits
 *          with SUP_EXIT_INTENSITY, so the root sees the failure one level up
 *   arg 2, 3, 4: strategy tests, one_for_all, rest_for_one, one_for_one: three echoes;
 *          child 1 is made to crash; the restarts are printed, then it exits 0
 *   arg 5: a dynamic pool of temporary echoes: three started, child 1 crashes and is
 *          not restarted, a fourth start takes its place
 */
#include "con.h"
#include "images.h"
#include "sup.h"

OS_IMAGE_DEFINE(echo);

#define TEST_WAIT 300000u

static os_spawner sp;
static sup_t sup;

static const sup_spec echo3 = {
	.img = &image_echo, .restart = RESTART_PERMANENT,
	.grants = GRANT_CONSOLE | GRANT_ALL | GRANT_SUPER, .count = 3,
};
static const sup_spec crasher = {
	.img = &image_echo, .restart = RESTART_PERMANENT,
	.grants = GRANT_CONSOLE, .arg = 0x100, .count = 1,
};

static void on_start(sup_t *s, sup_child *c, const tess_msg *notice)
{
	(void)s;
	(void)notice;
	con_puts("subsup: started child ");
	con_putu((uint32_t)(c - sup.child));
	con_puts(" on tile ");
	con_putu((uint32_t)c->tile);
	con_puts(" (start ");
	con_putu(c->starts);
	con_puts(") at cycle ");
	con_putu(tess_cycles());
	con_puts("\n");
}

static void on_exit(sup_t *s, sup_child *c, const tess_msg *m)
{
	(void)s;
	con_puts("subsup: child ");
	con_putu((uint32_t)(c - sup.child));
	con_puts(" halted, cause ");
	con_putu(m->w[TESS_EXIT_CAUSE]);
	con_puts("\n");
}

static int restarted(void)
{
	uint32_t want[3] = { sup.strategy == SUP_ONE_FOR_ALL ? 2 : 1, 2,
			     sup.strategy == SUP_ONE_FOR_ONE ? 1 : 2 };
	for (int i = 0; i < 3; i++)
		if (sup.child[i].state != CH_RUNNING || sup.child[i].starts != want[i])
			return 0;
	return 1;
}

/* Crashes child 1 and runs the supervisor until the expected restarts are done. */
static int strategy_test(void)
{
	tess_msg m;
	uint32_t hellos = 0;
	while (hellos < 3 && os_recv_match(&m, TAG_REPORT, ~0u, TEST_WAIT))
		hellos++;
	tess_send_to(SLOT_ALL_TILES, (uint32_t)sup.child[1].tile, TAG_CRASH, 0, 0);
	uint64_t deadline = tess_cycles() + TEST_WAIT;
	while (!restarted() && tess_cycles() < deadline) {
		uint32_t wait = sup_tick(&sup);
		if (restarted())
			break;
		if (os_wait(wait ? wait : (uint32_t)(deadline - tess_cycles()))) {
			os_recv(&m);
			sup_handle(&sup, &m);
		}
	}
	con_puts("subsup: starts");
	for (int i = 0; i < 3; i++) {
		con_puts(" ");
		con_putu(sup.child[i].starts);
	}
	con_puts("\n");
	int ok = restarted();
	sup_stop_all(&sup);
	return ok ? 0 : 1;
}

static const sup_spec pooled = {
	.img = &image_echo, .restart = RESTART_TEMPORARY,
	.grants = GRANT_CONSOLE | GRANT_ALL | GRANT_SUPER,
};

static int pool_test(void)
{
	tess_msg m;
	uint32_t hellos = 0;
	for (uint32_t i = 0; i < 3; i++)
		sup_pool_start(&sup, &pooled, i);
	while (hellos < 3 && os_recv_match(&m, TAG_REPORT, ~0u, TEST_WAIT))
		hellos++;
	tess_send_to(SLOT_ALL_TILES, (uint32_t)sup.child[1].tile, TAG_CRASH, 0, 0);
	while (os_recv_match(&m, TESS_MSG_EXIT, ~0u, TEST_WAIT) && !sup_handle(&sup, &m))
		;
	sup_tick(&sup);
	int gone = sup.child[1].state == CH_FREE;
	int again = sup_pool_start(&sup, &pooled, 3);
	con_puts("subsup: pool: crashed child ");
	con_puts(gone ? "not restarted" : "restarted");
	con_puts(", next start in slot ");
	con_putu((uint32_t)again);
	con_puts(", restarts ");
	con_putu(sup.restarts);
	con_puts("\n");
	sup_stop_all(&sup);
	return !(gone && again == 1 && sup.restarts == 0);
}

int main(void)
{
	uint32_t arg = tess_start_arg();
	static const uint8_t strategy[] = { SUP_ONE_FOR_ONE, SUP_ONE_FOR_ONE, SUP_ONE_FOR_ALL,
					    SUP_REST_FOR_ONE, SUP_ONE_FOR_ONE, SUP_POOL };
	if (spawn_init(&sp, SLOT_CONTROL) < 0 || arg > 5)
		return 3;
	sup_init(&sup, &sp, strategy[arg], 3, 1000000);
	sup.backoff_base = arg == 1 ? 2000 : 100;   /* the crash loop shows its backoff */
	if (arg == 5) {
		sup.on_start = on_start;
		return pool_test();
	}
	sup_add(&sup, arg == 1 ? &crasher : &echo3);
	if (arg == 1)
		sup.on_start = on_start;
	if (arg < 2)
		sup_run(&sup);
	sup.on_start = on_start;
	sup.on_exit = on_exit;
	sup_start_all(&sup);
	return strategy_test();
}
