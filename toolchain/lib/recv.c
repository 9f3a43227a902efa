/* Receiving with a hold-back queue for messages that arrive while waiting for one. */
#include <string.h>

#include "tess.h"

#define HELD_MAX 16

static tess_msg held[HELD_MAX];
static unsigned held_n;

void tess_recv(tess_msg *m)
{
	if (held_n) {
		*m = held[0];
		memmove(held, held + 1, (held_n - 1) * sizeof *held);
		held_n--;
		return;
	}
	msg_recv(m);
}

void tess_recv_tag(tess_msg *m, uint32_t tag, uint32_t src)
{
	for (unsigned i = 0; i < held_n; i++) {
		if (tess_msg_tag(&held[i]) == tag && (src == ~0u || held[i].src == src)) {
			*m = held[i];
			memmove(held + i, held + i + 1, (held_n - i - 1) * sizeof *held);
			held_n--;
			return;
		}
	}
	for (;;) {
		msg_recv(m);
		if (tess_msg_tag(m) == tag && (src == ~0u || m->src == src))
			return;
		if (held_n < HELD_MAX)
			held[held_n++] = *m;
		/* A full queue drops the oldest kept message rather than deadlock. */
		else {
			memmove(held, held + 1, (HELD_MAX - 1) * sizeof *held);
			held[HELD_MAX - 1] = *m;
		}
	}
}
