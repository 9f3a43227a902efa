/*
 * A supervisor one level below the root, over the region the root delegated to it.
 * arg 0: three echo services, one_for_one (the kill-a-supervisor test);
 * arg 1: one echo that crashes at start, intensity 3 in 1,000,000 cycles (the crash
 * loop test): its fourth failure trips the intensity and this supervisor exits with
 * SUP_EXIT_INTENSITY, so the root sees the failure one level up.
 */
#include "images.h"
#include "sup.h"

OS_IMAGE_DEFINE(echo);

static os_spawner sp;
static sup_t sup;

static const sup_spec echo3 = {
	.name = 0, .img = &image_echo, .restart = RESTART_PERMANENT,
	.budget = { 0, 0, 0 }, .grants = GRANT_CONSOLE | GRANT_ALL, .count = 3,
};
static const sup_spec crasher = {
	.name = 0, .img = &image_echo, .restart = RESTART_PERMANENT,
	.budget = { 0, 0, 0 }, .grants = GRANT_CONSOLE, .arg = 0x100, .count = 1,
};

int os_main(uint32_t arg)
{
	if (spawn_init(&sp, OS_SLOT_CONTROL) < 0)
		return 3;
	sup_init(&sup, &sp, SUP_ONE_FOR_ONE, 3, 1000000);
	sup.backoff_base = 100;
	sup_add(&sup, arg ? &crasher : &echo3);
	sup_run(&sup);
}
