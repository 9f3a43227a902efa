/*
 * The mailbox of a tile: a data queue of MAILBOX_MSGS slots and a control queue for
 * EXIT notices that always has room (isa/SPEC.md §8.4). A data slot is taken when a
 * message's head flit is ejected into it
 * (the router's side) and given back LOOKAHEAD cycles after the msg.recv that empties
 * it (the core's side): the two sides run in different phases of a window, and the
 * delay keeps the core phase from affecting the network phase of the same window.
 */
#ifndef TESS_MAILBOX_H
#define TESS_MAILBOX_H

#include <stdbool.h>
#include <stdint.h>

#include "msg.h"

enum { MBQ_DATA = 0, MBQ_CTL = 1 };

typedef struct {
	msg_t *head, *tail;
	uint32_t held;                    /* slots taken, including those being freed */
	uint64_t frees[MAILBOX_MSGS * 2]; /* cycles at which taken slots come back */
	uint32_t nfrees;
} mb_queue;

typedef struct {
	mb_queue q[2];
} mailbox;

/* Router side, at cycle s: is there a free slot in queue q? */
bool mb_has_slot(mailbox *mb, int q, uint64_t s);
void mb_reserve(mailbox *mb, int q);
/* Append a message delivered at m->delivered (deliveries come in cycle order). */
void mb_deliver(mailbox *mb, int q, msg_t *m);
/* Core side: the message a msg.recv at cycle c takes (control first), or NULL. */
msg_t *mb_peek(const mailbox *mb, uint64_t c, int *q);
/* Earliest delivery cycle of a queued message, UINT64_MAX when empty. */
uint64_t mb_next_delivery(const mailbox *mb);
/* Remove the head of queue q, taken at cycle c; returns it (caller frees). */
msg_t *mb_take(mailbox *mb, int q, uint64_t c);
/* Drop every queued message (the tile halted). */
void mb_clear(mailbox *mb);
/* Drop the queued messages delivered at or after cycle c, which reached the tile when
   it was already IDLE (they were queued before its halt was simulated); the slots they
   took stay taken, as those of messages discarded on arrival. Returns how many. */
uint32_t mb_discard_from(mailbox *mb, uint64_t c);

#endif
