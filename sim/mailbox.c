/* Mailbox queues and their slot accounting. */
#include "mailbox.h"

#include <stdlib.h>

bool mb_has_slot(mailbox *mb, int q, uint64_t s)
{
	mb_queue *x = &mb->q[q];
	uint32_t k = 0;
	for (uint32_t i = 0; i < x->nfrees; i++) {
		if (x->frees[i] <= s)
			x->held--;
		else
			x->frees[k++] = x->frees[i];
	}
	x->nfrees = k;
	return x->held < MAILBOX_MSGS;
}

void mb_reserve(mailbox *mb, int q) { mb->q[q].held++; }

void mb_deliver(mailbox *mb, int q, msg_t *m)
{
	mb_queue *x = &mb->q[q];
	m->next = NULL;
	if (x->tail)
		x->tail->next = m;
	else
		x->head = m;
	x->tail = m;
}

msg_t *mb_peek(const mailbox *mb, uint64_t c, int *q)
{
	for (int i = MBQ_CTL; i >= MBQ_DATA; i--) {
		msg_t *m = mb->q[i].head;
		if (m && m->delivered <= c) {
			*q = i;
			return m;
		}
	}
	return NULL;
}

uint64_t mb_next_delivery(const mailbox *mb)
{
	uint64_t best = UINT64_MAX;
	for (int i = 0; i < 2; i++)
		if (mb->q[i].head && mb->q[i].head->delivered < best)
			best = mb->q[i].head->delivered;
	return best;
}

msg_t *mb_take(mailbox *mb, int q, uint64_t c)
{
	mb_queue *x = &mb->q[q];
	msg_t *m = x->head;
	x->head = m->next;
	if (!x->head)
		x->tail = NULL;
	if (m->flags & MSGF_SLOT) {
		if (x->nfrees == sizeof x->frees / sizeof x->frees[0])
			abort();              /* more frees than slots: accounting broken */
		x->frees[x->nfrees++] = c + LOOKAHEAD;
	}
	return m;
}

uint32_t mb_discard_from(mailbox *mb, uint64_t c)
{
	uint32_t n = 0;
	for (int q = 0; q < 2; q++) {
		mb_queue *x = &mb->q[q];
		msg_t **link = &x->head;
		x->tail = NULL;
		while (*link) {
			msg_t *m = *link;
			if (m->delivered >= c) {
				*link = m->next;
				msg_free(m);
				n++;
			} else {
				x->tail = m;
				link = &m->next;
			}
		}
	}
	return n;
}

void mb_clear(mailbox *mb)
{
	for (int q = 0; q < 2; q++) {
		mb_queue *x = &mb->q[q];
		while (x->head) {
			msg_t *m = x->head;
			x->head = m->next;
			if (m->flags & MSGF_SLOT)
				x->held--;
			msg_free(m);
		}
		x->tail = NULL;
	}
}
