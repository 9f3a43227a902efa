/*
 * Client of the spawn-service test: asks "spawn" (found through the name service) for
 * four echo programs, talks to each through the capability in the answer, makes one
 * crash and receives its forwarded EXIT notice, then asks for a worker with a small
 * cycle budget running an infinite loop and receives its BUDGET_CYCLES notice.
 * Reports REPORT [3, spawned, echoed, crash cause, budget cause].
 */
#include "msg.h"
#include "ns.h"
#include "tess.h"
#include "work.h"

#define WAIT 200000u

static int32_t spawnd;

/* Asks for image img; returns the slot of the capability to it, or -1. */
static int32_t ask(uint32_t img, uint32_t arg, uint32_t cycles, uint32_t *tile)
{
	tess_msg m;
	uint32_t w[4] = { img, arg, cycles, 0 };
	tess_send((uint32_t)spawnd, TAG_SPAWN, w, 4);
	if (!os_recv_match(&m, TAG_SPAWNED, ~0u, WAIT) || m.w[0] != 0 || tess_msg_cap_slot(&m) < 0)
		return -1;
	*tile = m.w[1];
	return (int32_t)tess_msg_cap_slot(&m);
}

static uint32_t forwarded_cause(uint32_t tile)
{
	tess_msg m;
	while (os_recv_match(&m, TAG_CHILD_EXIT, ~0u, WAIT))
		if (m.w[TESS_EXIT_TILE] == tile)
			return m.w[TESS_EXIT_CAUSE];
	return 0;
}

int main(void)
{
	tess_msg m;
	int32_t slot[4];
	uint32_t tile[4], spawned = 0, echoed = 0;
	spawnd = ns_lookup("spawn", 0, 0);
	if (spawnd < 0)
		return 2;
	for (int i = 0; i < 4; i++)
		spawned += (slot[i] = ask(0 /* echo */, 0, 0, &tile[i])) >= 0;
	for (uint32_t i = 0; i < 4; i++) {
		uint32_t w[1] = { 100 + i };
		if (slot[i] >= 0 && tess_send((uint32_t)slot[i], TAG_ECHO, w, 1) == 0 &&
		    os_recv_match(&m, TAG_ECHO, tile[i], WAIT) && m.w[0] == 100 + i)
			echoed++;
	}
	tess_send((uint32_t)slot[2], TAG_CRASH, 0, 0);
	uint32_t crash = forwarded_cause(tile[2]);
	uint32_t t;
	int32_t s = ask(1 /* worker */, WORK_ARG(WORK_LOOP, 0), 5000, &t);
	uint32_t budget = s >= 0 ? forwarded_cause(t) : 0;
	uint32_t r[5] = { 3, spawned, echoed, crash, budget };
	tess_send(SLOT_SUPERVISOR, TAG_REPORT, r, 5);
	return !(spawned == 4 && echoed == 4 && crash == 2 && budget == 7);
}
