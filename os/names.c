/*
 * The name service. It holds SLOT_ALL_TILES (SEND to every tile) only to narrow it: each
 * answer passes a capability to exactly the registered tile, so a client can reach what
 * it looked up and nothing else. A lookup of a name not (yet) registered waits, so a
 * client that lost its service asks again and is answered when the supervisor has
 * restarted it and registered the new tile.
 */
#include "msg.h"
#include "ns.h"

#define NAMES_MAX   32
#define PENDING_MAX 32

typedef struct {
	uint32_t name[2];
	uint32_t tile;
} ns_entry;

typedef struct {
	uint32_t name[2];
	uint32_t asker;
} ns_pending;

static ns_entry names[NAMES_MAX];
static unsigned nnames;
static ns_pending pending[PENDING_MAX];
static unsigned npending;

static ns_entry *find(const uint32_t name[2])
{
	for (unsigned i = 0; i < nnames; i++)
		if (names[i].name[0] == name[0] && names[i].name[1] == name[1])
			return &names[i];
	return 0;
}

static void answer(uint32_t asker, const ns_entry *e)
{
	uint32_t w[2] = { 0, e->tile };
	if (cap_narrow(SLOT_ALL_TILES, OS_SLOT_SCRATCH, e->tile, e->tile) != 0) {
		w[0] = (uint32_t)-1;
		tess_send_to(SLOT_ALL_TILES, asker, TAG_NS_REPLY, w, 2);
		return;
	}
	msg_send(SEND_DESC(SLOT_ALL_TILES, TAG_NS_REPLY, 2) | SEND_DESC_PASS(OS_SLOT_SCRATCH),
		 w, asker);
	cap_drop(OS_SLOT_SCRATCH);
}

static void do_register(const tess_msg *m)
{
	ns_entry *e = find(&m->w[1]);
	if (m->w[0] == NS_UNREGISTER) {
		if (e)
			*e = names[--nnames];
		return;
	}
	if (!e) {
		if (nnames == NAMES_MAX)
			return;
		e = &names[nnames++];
	}
	e->name[0] = m->w[1];
	e->name[1] = m->w[2];
	e->tile = m->w[0];
	for (unsigned i = 0; i < npending;) {
		if (pending[i].name[0] == e->name[0] && pending[i].name[1] == e->name[1]) {
			answer(pending[i].asker, e);
			pending[i] = pending[--npending];
		} else {
			i++;
		}
	}
}

static void do_lookup(const tess_msg *m)
{
	const ns_entry *e = find(m->w);
	if (e) {
		answer(m->src, e);
		return;
	}
	for (unsigned i = 0; i < npending; i++)
		if (pending[i].asker == m->src && pending[i].name[0] == m->w[0] &&
		    pending[i].name[1] == m->w[1])
			return;   /* asked again after a timeout: one answer is enough */
	if (npending < PENDING_MAX) {
		pending[npending++] = (ns_pending){ { m->w[0], m->w[1] }, m->src };
		return;
	}
	uint32_t w[2] = { (uint32_t)-1, 0 };
	tess_send_to(SLOT_ALL_TILES, m->src, TAG_NS_REPLY, w, 2);
}

int main(void)
{
	tess_msg m;
	for (;;) {
		os_recv(&m);
		if (tess_msg_tag(&m) == TAG_NS_REGISTER && tess_msg_len(&m) == 3)
			do_register(&m);
		else if (tess_msg_tag(&m) == TAG_NS_LOOKUP && tess_msg_len(&m) == 2)
			do_lookup(&m);
	}
}
