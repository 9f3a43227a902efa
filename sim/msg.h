/*
 * A message in flight or in a mailbox, and a capability (isa/SPEC.md §4.2, §4.3).
 * Flits in routers point at their message: only the head's routing and the tail's
 * delivery look inside it.
 */
#ifndef TESS_MSG_H
#define TESS_MSG_H

#include <stdint.h>

#include "params.h"

typedef struct {
	uint8_t kind;             /* CAP_KIND_* */
	uint32_t lo, hi, badge;
} cap_t;

enum {
	MSGF_CTL = 1,             /* control network (vnet 1) */
	MSGF_CAP = 2,             /* carries a capability */
	MSGF_CU = 4,              /* a control operation, for the control unit */
	MSGF_SLOT = 8,            /* holds a mailbox slot at its destination */
	MSGF_COUNTED = 16,        /* counted in noc_part.special until delivered */
};

typedef struct msg {
	struct msg *next;         /* mailbox queue */
	uint64_t sent;            /* issue cycle of the msg.send (or halt cycle) */
	uint64_t delivered;       /* cycle it is in the mailbox / device / control unit */
	uint32_t dst, src, badge;
	uint8_t tag, len, flags, nflits;
	uint8_t routed, rlast;    /* route cache: destination column/row and last port */
	uint16_t rx, ry;
	cap_t cap;
	uint32_t w[MSG_MAX_WORDS];
} msg_t;

/* Flits of a message: route, header, badge, [capability x3], payload (SPEC §8.2). */
static inline unsigned msg_flits(unsigned len, int with_cap)
{
	return MSG_HDR_FLITS + len + (with_cap ? SEND_CAP_WORDS : 0);
}

/* Allocation; aborts with a message when the host is out of memory. */
msg_t *msg_new(void);
void msg_free(msg_t *m);

#endif
