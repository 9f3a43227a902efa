/*
 * Client of the restart test: finds "echo" through the name service, makes it crash,
 * then reconnects the only way a client can, by asking the name service again, and
 * measures the cycles from the crash request to the first answer from the new
 * instance. Reports REPORT [3, cycles, old tile, new tile, lookups]. arg: cycles to
 * sleep first.
 */
#include "msg.h"
#include "ns.h"
#include "tess.h"

#define ECHO_WAIT 5000u   /* cycles for an answer before asking the name service again */

static int ping(int32_t slot, uint32_t x, uint32_t *tile)
{
	tess_msg m;
	uint32_t w[1] = { x };
	if (tess_send((uint32_t)slot, TAG_ECHO, w, 1) != 0)
		return 0;
	while (os_recv_match(&m, TAG_ECHO, ~0u, ECHO_WAIT))
		if (m.w[0] == x) {
			*tile = m.w[1];
			return 1;
		}
	return 0;
}

int main(void)
{
	uint32_t delay = tess_start_arg();
	uint32_t old_tile, new_tile = 0, lookups = 1;
	if (delay)   /* the name-service test kills it first */
		msg_wait(delay);
	int32_t slot = ns_lookup("echo", 0, 0);
	if (slot < 0 || !ping(slot, 1, &old_tile))
		return 2;
	uint64_t t0 = tess_cycles();
	tess_send((uint32_t)slot, TAG_CRASH, 0, 0);
	for (uint32_t x = 2; x < 100; x++) {
		cap_drop((uint32_t)slot);
		slot = ns_lookup("echo", ECHO_WAIT, 0);
		lookups++;
		if (slot >= 0 && ping(slot, x, &new_tile))
			break;
		new_tile = 0;
	}
	uint32_t w[5] = { 3, (uint32_t)(tess_cycles() - t0), old_tile, new_tile, lookups };
	tess_send(SLOT_SUPERVISOR, TAG_REPORT, w, 5);
	return new_tile ? 0 : 1;
}
