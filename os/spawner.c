/*
 * A spawner over a delegated region, for the parallel-spawn benchmark: spawns `arg`
 * copies of the 4 KiB program on its own tiles, waits for all of them to exit, and
 * exits with the cycles that took. Several of these run at once, one per region.
 */
#include "images.h"
#include "msg.h"
#include "spawn.h"

OS_IMAGE_DEFINE(pad4k);

static os_spawner sp;

int main(void)
{
	uint32_t arg = tess_start_arg();
	tess_msg m;
	uint32_t done = 0;
	if (spawn_init(&sp, SLOT_CONTROL) < 0)
		return 0;
	for (uint32_t i = 0; i < arg; i++) {
		if (spawn(&sp, &image_pad4k, 0, 0) < 0)
			return 0;
		while (os_poll(&m))   /* the first ones exit while later ones load */
			done += tess_msg_tag(&m) == TESS_MSG_EXIT;
	}
	while (done < arg && os_recv_match(&m, TESS_MSG_EXIT, ~0u, 1000000))
		done++;
	return (int)tess_cycle32();
}
