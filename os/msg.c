/* Sending, receiving, and the deferral queue used by selective receive. */
#include "msg.h"

#define DEFER_MAX 32   /* messages put aside by selective receive; more are dropped */

static tess_msg deferred[DEFER_MAX];
static unsigned defer_head, defer_count;

/*
 * A record copied word by word: a struct assignment calls picolibc's memcpy, which
 * copies bytes (4x the cycles), and a supervisor shuffling its queue must still
 * acknowledge notices within ACK_GRACE.
 */
static void msg_copy(tess_msg *d, const tess_msg *s)
{
	uint32_t *dw = &d->info;
	const uint32_t *sw = &s->info;
	for (unsigned i = 0; i < MSG_RECORD_HDR_WORDS + MSG_MAX_WORDS; i++)
		dw[i] = sw[i];
}

int os_defer(const tess_msg *m)
{
	if (defer_count == DEFER_MAX)
		return -1;
	msg_copy(&deferred[(defer_head + defer_count++) % DEFER_MAX], m);
	return 0;
}

static int take_deferred(tess_msg *m, uint32_t tag, uint32_t src)
{
	for (unsigned i = 0; i < defer_count; i++) {
		tess_msg *d = &deferred[(defer_head + i) % DEFER_MAX];
		if ((tag != ~0u && tess_msg_tag(d) != tag) || (src != ~0u && d->src != src))
			continue;
		msg_copy(m, d);
		if (i == 0) {   /* the common case: the oldest */
			defer_head = (defer_head + 1) % DEFER_MAX;
			defer_count--;
			return 1;
		}
		/* Close the gap so the queue keeps arrival order. */
		for (unsigned j = i; j + 1 < defer_count; j++)
			msg_copy(&deferred[(defer_head + j) % DEFER_MAX],
				 &deferred[(defer_head + j + 1) % DEFER_MAX]);
		defer_count--;
		return 1;
	}
	return 0;
}

/*
 * Every EXIT notice is acknowledged the moment it leaves the mailbox, whatever the
 * program then does with it, so a supervisor busy elsewhere never misses ACK_GRACE.
 */
static void recv_acked(tess_msg *m)
{
	msg_recv(m);
	if ((m->info & MSG_INFO_CONTROL) && tess_msg_tag(m) == TESS_MSG_EXIT)
		msg_ack(m->src);
}

void os_recv(tess_msg *m)
{
	if (take_deferred(m, ~0u, ~0u))
		return;
	recv_acked(m);
}

uint32_t os_wait(uint32_t cycles)
{
	return defer_count ? 1 : msg_wait(cycles);
}

int os_poll(tess_msg *m)
{
	if (take_deferred(m, ~0u, ~0u))
		return 1;
	if (!msg_poll(m))
		return 0;
	if ((m->info & MSG_INFO_CONTROL) && tess_msg_tag(m) == TESS_MSG_EXIT)
		msg_ack(m->src);
	return 1;
}

void os_drain(void)
{
	tess_msg m;
	while (defer_count < DEFER_MAX && msg_poll(&m)) {
		if ((m.info & MSG_INFO_CONTROL) && tess_msg_tag(&m) == TESS_MSG_EXIT)
			msg_ack(m.src);
		os_defer(&m);
	}
}

int os_recv_match(tess_msg *m, uint32_t tag, uint32_t src, uint32_t cycles)
{
	if (take_deferred(m, tag, src))
		return 1;
	uint64_t deadline = tess_cycles() + cycles;
	for (;;) {
		if (cycles) {
			uint64_t now = tess_cycles();
			if (now >= deadline || !msg_wait((uint32_t)(deadline - now)))
				return 0;
		}
		recv_acked(m);
		if (tess_msg_tag(m) == tag && (src == ~0u || m->src == src))
			return 1;
		/* A full queue drops the message: callers size their windows below it. */
		os_defer(m);
	}
}

void os_name(const char *s, uint32_t out[2])
{
	out[0] = out[1] = 0;
	for (unsigned i = 0; i < 8 && s[i]; i++)
		out[i / 4] |= (uint32_t)(uint8_t)s[i] << (8 * (i % 4));
}
