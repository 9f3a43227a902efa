/* Name service client (protocol in ostags.def). */
#include "ns.h"

#include "msg.h"

void ns_register(uint32_t via, uint32_t dest, const char *name, uint32_t tile)
{
	uint32_t w[3] = { tile };
	os_name(name, &w[1]);
	tess_send_to(via, dest, TAG_NS_REGISTER, w, 3);
}

#define NS_RETRY 50000u   /* a lookup without a deadline asks again this often */

int32_t ns_lookup(const char *name, uint32_t cycles, uint32_t *tile)
{
	uint32_t w[2];
	tess_msg m;
	os_name(name, w);
	/* Without a deadline, ask again now and then: a restarted name service has
	 * forgotten the questions its predecessor was holding. */
	int got;
	do {
		if (tess_send(OS_SLOT_NAMES, TAG_NS_LOOKUP, w, 2) != 0)
			return -1;
		got = os_recv_match(&m, TAG_NS_REPLY, ~0u, cycles ? cycles : NS_RETRY);
	} while (!got && !cycles);
	if (!got)
		return -1;
	if (m.w[0] != 0 || tess_msg_cap_slot(&m) < 0)
		return -1;
	if (tile)
		*tile = m.w[1];
	return (int32_t)tess_msg_cap_slot(&m);
}
