/*
 * Spawning through a CONTROL capability. Control operations from one tile to another
 * travel one path on the control network, so they arrive in the order sent: load,
 * budget, grants, then start. A tile that is not idle rejects them (SPEC §6.1); the free
 * map keeps the spawner from choosing such a tile, and an EXIT notice frees it again.
 */
#include "spawn.h"

#include "msg.h"

static int32_t ctl(os_spawner *s, uint32_t tag, const uint32_t *w, uint32_t len,
		   uint32_t tile)
{
	return tess_send_to(s->ctl_slot, tile, tag, w, len);
}

int spawn_init(os_spawner *s, uint32_t ctl_slot)
{
	s->ctl_slot = ctl_slot;
	s->width = tess_mesh_w();
	s->height = tess_mesh_h();
	s->self = tess_tid();
	s->names_tile = -1;
	s->console_tile = -1;
	if (cap_kind(ctl_slot) != CAP_KIND_CONTROL)
		return -1;
	s->lo = cap_lo(ctl_slot);
	s->hi = cap_hi(ctl_slot);
	if (s->hi - s->lo >= SPAWN_MAX_TILES)
		s->hi = s->lo + SPAWN_MAX_TILES - 1;
	s->nfree = s->hi - s->lo + 1;
	for (unsigned i = 0; i < (s->nfree + 31) / 32; i++)
		s->busy[i] = 0;
	if (s->self >= s->lo && s->self <= s->hi)
		spawn_mark(s, s->self, 1);
	return 0;
}

void spawn_clamp(os_spawner *s, uint32_t n)
{
	while (s->hi - s->lo + 1 > n) {
		if (spawn_is_free(s, s->hi))
			s->nfree--;
		s->hi--;
	}
}

int spawn_is_free(const os_spawner *s, uint32_t tile)
{
	if (tile < s->lo || tile > s->hi)
		return 0;
	uint32_t i = tile - s->lo;
	return !(s->busy[i / 32] >> (i % 32) & 1);
}

void spawn_mark(os_spawner *s, uint32_t tile, int busy)
{
	if (tile < s->lo || tile > s->hi)
		return;
	uint32_t i = tile - s->lo, bit = 1u << (i % 32);
	int was = (s->busy[i / 32] & bit) != 0;
	if (busy && !was) {
		s->busy[i / 32] |= bit;
		s->nfree--;
	} else if (!busy && was) {
		s->busy[i / 32] &= ~bit;
		s->nfree++;
	}
}

/* Rings of growing Manhattan distance around `near`: cost follows the distance to the
 * nearest free tile, not the size of the region. */
int32_t spawn_place(const os_spawner *s, uint32_t near)
{
	if (!s->nfree)
		return -1;
	int32_t nx = (int32_t)(near % s->width), ny = (int32_t)(near / s->width);
	int32_t maxd = (int32_t)(s->width + s->height);
	for (int32_t d = 0; d <= maxd; d++) {
		for (int32_t dy = -d; dy <= d; dy++) {
			int32_t y = ny + dy, rest = d - (dy < 0 ? -dy : dy);
			if (y < 0 || y >= (int32_t)s->height)
				continue;
			for (int32_t sgn = -1; sgn <= 1; sgn += 2) {
				int32_t x = nx + sgn * rest;
				if (x >= 0 && x < (int32_t)s->width &&
				    spawn_is_free(s, (uint32_t)(y * (int32_t)s->width + x)))
					return y * (int32_t)s->width + x;
				if (!rest)
					break;
			}
		}
	}
	return -1;
}

int32_t spawn_reserve(os_spawner *s, uint32_t n)
{
	uint32_t run = 0;
	for (uint32_t t = s->hi + 1; t-- > s->lo;) {
		run = spawn_is_free(s, t) ? run + 1 : 0;
		if (run == n) {
			for (uint32_t i = t; i < t + n; i++)
				spawn_mark(s, i, 1);
			return (int32_t)t;
		}
		if (t == 0)
			break;
	}
	return -1;
}

/* Each record is a whole CTL_LOAD payload: the image is sent from where it lies. */
static void load_image(os_spawner *s, uint32_t tile, const os_image *img)
{
	uint32_t desc = SEND_DESC(s->ctl_slot, TESS_CTL_LOAD, MSG_MAX_WORDS), n;
	/* The tightest loop in spawning: the descriptor is made once. A big image takes
	 * thousands of cycles: every 64 records (~1,700 cycles) the notices that came
	 * meanwhile are acknowledged (ACK_GRACE). */
	for (const uint32_t *r = img->records; r < img->end; n = 0) {
		if (r != img->records)
			os_drain();
		for (; r < img->end && n < 64; r += MSG_MAX_WORDS, n++)
			msg_send(desc, r, tile);
	}
}

static void grant(os_spawner *s, uint32_t tile, uint32_t slot, uint32_t from,
		  uint32_t lo, uint32_t hi)
{
	if (cap_narrow(from, OS_SLOT_SCRATCH, lo, hi) != 0)
		return;
	msg_send(SEND_DESC(s->ctl_slot, TESS_CTL_GRANT, 1) | SEND_DESC_PASS(OS_SLOT_SCRATCH),
		 &slot, tile);
	cap_drop(OS_SLOT_SCRATCH);
}

static void grant_all(os_spawner *s, uint32_t tile, const os_spawn_args *a)
{
	uint32_t g = a ? a->grants : 0;
	/* The console: the console service when one runs, else what this tile has. */
	if ((g & GRANT_CONSOLE) && s->console_tile >= 0)
		grant(s, tile, SLOT_CONSOLE, SLOT_ALL_TILES, (uint32_t)s->console_tile,
		      (uint32_t)s->console_tile);
	else if (g & GRANT_CONSOLE)
		grant(s, tile, SLOT_CONSOLE, SLOT_CONSOLE, cap_lo(SLOT_CONSOLE),
		      cap_hi(SLOT_CONSOLE));
	if (g & GRANT_BLOCK)
		grant(s, tile, SLOT_BLOCK, SLOT_BLOCK, DEV_BLOCK, DEV_BLOCK);
	if (g & GRANT_SUPER)
		grant(s, tile, SLOT_SUPERVISOR, SLOT_ALL_TILES, s->self, s->self);
	if (g & GRANT_ALL)
		grant(s, tile, SLOT_ALL_TILES, SLOT_ALL_TILES, cap_lo(SLOT_ALL_TILES),
		      cap_hi(SLOT_ALL_TILES));
	if ((g & GRANT_NAMES) && s->names_tile >= 0)
		grant(s, tile, OS_SLOT_NAMES, SLOT_ALL_TILES, (uint32_t)s->names_tile,
		      (uint32_t)s->names_tile);
	if (g & GRANT_REGION)
		grant(s, tile, SLOT_CONTROL, s->ctl_slot, a->region_lo, a->region_hi);
}

void spawn_load(os_spawner *s, uint32_t tile, const os_image *img, const os_budget *b,
		const os_spawn_args *a)
{
	spawn_mark(s, tile, 1);
	load_image(s, tile, img);
	if (b && (b->cycles || b->mem || b->msgs)) {
		uint32_t w[4] = { (uint32_t)b->cycles, (uint32_t)(b->cycles >> 32), b->mem,
				  b->msgs };
		ctl(s, TESS_CTL_BUDGET, w, 4, tile);
	}
	grant_all(s, tile, a);
}

void spawn_start(os_spawner *s, uint32_t tile, const os_image *img, uint32_t arg)
{
	uint32_t w[2] = { img->entry, arg };
	ctl(s, TESS_CTL_START, w, 2, tile);
}

int32_t spawn(os_spawner *s, const os_image *img, const os_budget *b,
	      const os_spawn_args *a)
{
	int32_t t = spawn_place(s, s->self);
	if (t < 0)
		return -1;
	spawn_load(s, (uint32_t)t, img, b, a);
	spawn_start(s, (uint32_t)t, img, a ? a->arg : 0);
	return t;
}

void spawn_kill(os_spawner *s, uint32_t tile)
{
	ctl(s, TESS_CTL_KILL, 0, 0, tile);
}

void spawn_clear(os_spawner *s, uint32_t tile)
{
	ctl(s, TESS_CTL_CLEAR, 0, 0, tile);
	spawn_mark(s, tile, 0);
}
