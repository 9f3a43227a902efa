/*
 * Capabilities on a 3x3 mesh: every tile finds the table of a preloaded tile
 * (isa/SPEC.md §10); the centre tile (4) checks every capability instruction's refusals
 * (§4.2) and msg.send's (§4.3), then sends to tile 5 through a badged copy of its east
 * capability and, through a capability narrowed to tile 5, passes that badged one;
 * tile 5 checks badge, source and the passed capability, and uses it.
 */
#include <stdio.h>

#include "check.h"
#include "tess.h"

enum { TAG_BADGED = 70, TAG_PASS = 71, TAG_SELF = 72, BADGE = 0xBEEF };

static void check_slot(uint32_t slot, uint32_t kind, uint32_t lo, uint32_t hi)
{
	CHECK_EQ(cap_kind(slot), kind);
	if (kind == CAP_KIND_EMPTY)
		return;
	CHECK_EQ(cap_info(slot) >> 4, lo == hi);
	CHECK_EQ(cap_lo(slot), lo);
	CHECK_EQ(cap_hi(slot), hi);
	CHECK_EQ(cap_badge(slot), 0);
}

static void check_neighbour(uint32_t slot, int inside, uint32_t tile)
{
	check_slot(slot, inside ? CAP_KIND_SEND : CAP_KIND_EMPTY, tile, tile);
}

static void check_table(void)
{
	uint32_t t = tess_tid(), x = tess_x(), y = tess_y(), w = tess_mesh_w(), h = tess_mesh_h();
	check_slot(SLOT_CONSOLE, CAP_KIND_SEND, DEV_CONSOLE, DEV_CONSOLE);
	check_slot(SLOT_BLOCK, CAP_KIND_EMPTY, 0, 0);          /* no --disk */
	check_neighbour(SLOT_NORTH, y > 0, t - w);
	check_neighbour(SLOT_EAST, x + 1 < w, t + 1);
	check_neighbour(SLOT_SOUTH, y + 1 < h, t + w);
	check_neighbour(SLOT_WEST, x > 0, t - 1);
	check_slot(SLOT_SUPERVISOR, CAP_KIND_EMPTY, 0, 0);     /* no manifest */
	check_slot(SLOT_ALL_TILES, CAP_KIND_SEND, 0, w * h - 1);
	check_slot(SLOT_CONTROL, CAP_KIND_EMPTY, 0, 0);
	for (uint32_t s = SLOT_CONTROL + 1; s < CAP_SLOTS; s++)
		check_slot(s, CAP_KIND_EMPTY, 0, 0);
}

static void centre_cap_ops(void)
{
	CHECK_EQ(cap_info(CAP_SLOTS), (uint32_t)-1);
	CHECK_EQ(cap_lo(40), (uint32_t)-1);
	CHECK_EQ(cap_copy(40, 12), TESS_E_SLOT);
	CHECK_EQ(cap_copy(20, 12), TESS_E_EMPTY);
	CHECK_EQ(cap_drop(40), TESS_E_SLOT);
	CHECK_EQ(cap_mint(SLOT_EAST, 10, BADGE), TESS_OK);
	CHECK_EQ(cap_badge(10), BADGE);
	CHECK_EQ(cap_lo(10), 5);
	CHECK_EQ(cap_mint(10, 13, 1), TESS_E_BADGED);
	CHECK_EQ(cap_mint(20, 13, 1), TESS_E_EMPTY);
	CHECK_EQ(cap_narrow(SLOT_ALL_TILES, 11, 5, 5), TESS_OK);
	CHECK_EQ(cap_info(11), CAP_KIND_SEND | 16);
	CHECK_EQ(cap_narrow(SLOT_ALL_TILES, 13, 5, 9), TESS_E_RANGE);
	CHECK_EQ(cap_narrow(SLOT_ALL_TILES, 13, 3, 2), TESS_E_RANGE);
	CHECK_EQ(cap_narrow(20, 13, 0, 0), TESS_E_EMPTY);
	CHECK_EQ(cap_kind(13), CAP_KIND_EMPTY);
	CHECK_EQ(cap_copy(11, 12), TESS_OK);
	CHECK_EQ(cap_hi(12), 5);
	CHECK_EQ(cap_drop(12), TESS_OK);
	CHECK_EQ(cap_kind(12), CAP_KIND_EMPTY);
}

static void centre_send_refusals(void)
{
	uint32_t w[MSG_MAX_WORDS + 1] = {0};
	tess_msg m;
	CHECK_EQ(msg_send(SEND_DESC(SLOT_EAST, 70, MSG_MAX_WORDS + 1), w, 0), TESS_E_LEN);
	CHECK_EQ(msg_send(SEND_DESC(20, 70, 1), w, 0), TESS_E_EMPTY);
	CHECK_EQ(msg_send(SEND_DESC(SLOT_ALL_TILES, 70, 1), w, 9), TESS_E_RANGE);
	CHECK_EQ(msg_send(SEND_DESC(SLOT_EAST, 70, 1) | SEND_DESC_PASS(20), w, 0), TESS_E_PASS);
	CHECK_EQ(msg_poll(&m), 0);
	uint64_t c = tess_cycles();
	CHECK_EQ(msg_wait(100), 0);
	CHECK(tess_cycles() - c >= 100);
}

static void centre(void)
{
	centre_cap_ops();
	centre_send_refusals();
	uint32_t v = 123;
	CHECK_EQ(tess_send(10, TAG_BADGED, &v, 1), TESS_OK);
	v = 456;
	CHECK_EQ(msg_send(SEND_DESC(11, TAG_PASS, 1) | SEND_DESC_PASS(10), &v, 0), TESS_OK);
}

static void east_of_centre(void)
{
	uint32_t free_slot = 0;
	while (cap_kind(free_slot) != CAP_KIND_EMPTY)
		free_slot++;
	tess_msg m;
	uint32_t info = msg_recv(&m);
	CHECK_EQ(info, m.info);
	CHECK_EQ(tess_msg_tag(&m), TAG_BADGED);
	CHECK_EQ(tess_msg_len(&m), 1);
	CHECK_EQ(m.src, 4);
	CHECK_EQ(m.badge, BADGE);
	CHECK_EQ(m.w[0], 123);
	CHECK(!tess_msg_is_control(&m) && tess_msg_cap_slot(&m) < 0);
	msg_recv(&m);
	CHECK_EQ(tess_msg_tag(&m), TAG_PASS);
	CHECK_EQ(m.badge, 0);
	CHECK_EQ(m.w[0], 456);
	CHECK_EQ(tess_msg_cap_slot(&m), free_slot);
	CHECK_EQ(cap_badge(free_slot), BADGE);
	CHECK_EQ(cap_lo(free_slot), 5);
	uint32_t v = 789;
	CHECK_EQ(tess_send(free_slot, TAG_SELF, &v, 1), TESS_OK);
	msg_recv(&m);
	CHECK_EQ(tess_msg_tag(&m), TAG_SELF);
	CHECK_EQ(m.src, 5);
	CHECK_EQ(m.badge, BADGE);
}

int main(void)
{
	check_table();
	if (tess_tid() == 4)
		centre();
	else if (tess_tid() == 5)
		east_of_centre();
	printf("tile %u: %d checks passed, %d failed\n", (unsigned)tess_tid(), check_passes,
	       check_fails);
	return check_fails;
}
