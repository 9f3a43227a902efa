/*
 * The spawn service, for programs that hold no CONTROL capability: it owns a region
 * (SLOT_CONTROL) and a code store, places each requested program on its free tile
 * nearest to the asker, loads it with the asked budgets, and answers with a SEND
 * capability to the new tile (narrowed from SLOT_ALL_TILES). It is the new tile's
 * supervisor: the EXIT notice comes here, is acknowledged at once, and is forwarded to
 * the asker as CHILD_EXIT. Several can run, each over its own region.
 */
#include "images.h"
#include "msg.h"

OS_IMAGE_DEFINE(echo);
OS_IMAGE_DEFINE(worker);

#define SPAWND_MAX 1024

static const os_image *const store[] = { &image_echo, &image_worker };
static os_spawner sp;
static uint32_t asker[SPAWND_MAX];   /* by tile - sp.lo: who asked for it */

static void answer(uint32_t to, int32_t status, int32_t tile)
{
	uint32_t w[2] = { (uint32_t)status, (uint32_t)tile };
	if (tile < 0 || cap_narrow(SLOT_ALL_TILES, OS_SLOT_SCRATCH, (uint32_t)tile,
				   (uint32_t)tile) != 0) {
		tess_send_to(SLOT_ALL_TILES, to, TAG_SPAWNED, w, 2);
		return;
	}
	msg_send(SEND_DESC(SLOT_ALL_TILES, TAG_SPAWNED, 2) | SEND_DESC_PASS(OS_SLOT_SCRATCH), w,
		 to);
	cap_drop(OS_SLOT_SCRATCH);
}

static void do_spawn(const tess_msg *m)
{
	uint32_t img = m->w[0];
	if (tess_msg_len(m) != 4 || img >= sizeof store / sizeof store[0]) {
		answer(m->src, -1, -1);
		return;
	}
	int32_t t = spawn_place(&sp, m->src);
	if (t < 0) {
		answer(m->src, -2, -1);
		return;
	}
	os_budget b = { m->w[2], m->w[3], 0 };
	os_spawn_args a = { .grants = GRANT_CONSOLE | GRANT_ALL, .arg = m->w[1] };
	spawn_load(&sp, (uint32_t)t, store[img], &b, &a);
	spawn_start(&sp, (uint32_t)t, store[img], a.arg);
	asker[(uint32_t)t - sp.lo] = m->src;
	answer(m->src, 0, t);
}

static void child_exit(const tess_msg *m)
{
	uint32_t t = m->w[TESS_EXIT_TILE];
	if (t < sp.lo || t > sp.hi)
		return;
	spawn_mark(&sp, t, 0);
	tess_send_to(SLOT_ALL_TILES, asker[t - sp.lo], TAG_CHILD_EXIT, m->w, EXIT_NOTICE_WORDS);
}

int main(void)
{
	tess_msg m;
	if (spawn_init(&sp, SLOT_CONTROL) < 0)
		return 1;
	spawn_clamp(&sp, SPAWND_MAX);
	for (;;) {
		os_recv(&m);
		if ((m.info & MSG_INFO_CONTROL) && tess_msg_tag(&m) == TESS_MSG_EXIT)
			child_exit(&m);
		else if (tess_msg_tag(&m) == TAG_SPAWN)
			do_spawn(&m);
	}
}
