/*
 * The control unit of a tile (isa/SPEC.md §6): applies control operations, keeps the
 * supervisor and the children, sends the EXIT notice and the cascade of kills when the
 * tile halts, and holds the acknowledgement deadlines of notices received.
 */
#ifndef TESS_CONTROL_H
#define TESS_CONTROL_H

#include <stdbool.h>
#include <stdint.h>

#include "msg.h"
#include "tile.h"

typedef struct {
	uint32_t child;
	uint64_t delivered;       /* the notice is pending from this cycle on */
} ack_pending;

/* A child: a tile this unit started (CTL_START, or a manifest's supervisor). The unit
   forgets it when its EXIT notice reaches it (SPEC §6.1), at `gone`; the network phase
   takes the notice a few cycles earlier, so the entry stays until then. */
typedef struct {
	uint32_t id;
	uint64_t gone;            /* UINT64_MAX while it is a child */
} ctl_child;

/* Whether it is still a child at cycle `at` (a notice reaching the unit at `at` forgets
   it only after that cycle, as the RTL's child bit clears at the edge). */
static inline bool ctl_child_at(const ctl_child *c, uint64_t at)
{
	return c->gone >= at;
}

typedef struct {
	bool has_super;
	uint32_t super;
	ctl_child *children;      /* sorted by id */
	uint32_t nchildren, children_cap;
	ack_pending *acks;        /* in delivery order, at most one per child (SPEC §6.3) */
	uint32_t nacks, acks_cap;
	msg_t *ops, *ops_tail;    /* operations waiting for a running tile (m->delivered:
				     the cycle they apply) */
	uint64_t busy_until;      /* the unit applies one operation at a time */
	bool listed;              /* on the net's list of units with waiting operations */
} ctl_unit;

struct net;

/* A control operation reached the unit of tile `id` (delivered at m->delivered). */
void ctl_arrive(struct net *n, uint32_t id, msg_t *m);
/* Its apply cycle came (net phase, event queue). */
void ctl_apply_event(struct net *n, uint32_t id, msg_t *m);
/* An EXIT notice entered the control queue of supervisor `id`. */
void ctl_notice_delivered(struct net *n, tile_t *sup, const msg_t *m);
/* The supervisor sent CTL_START to `child`: remember it (core phase). */
void ctl_note_child(tile_t *t, uint32_t child);
/* msg.ack: returns 0 or E_NOPENDING. */
int32_t ctl_ack(tile_t *t, uint32_t child);
/* Whether the halt of another tile can reach t at a cycle not known yet: it has a
   supervisor (the cascade kills it) or children (an EXIT notice starts a deadline). */
bool ctl_exposed(const tile_t *t);
/* Cycle of the next thing that halts t from outside, UINT64_MAX if none. */
uint64_t ctl_limit(const tile_t *t);
void ctl_reach_limit(tile_t *t);
/* Refuse operations whose cycle the chip has passed with their tile active. */
void ctl_expire(struct net *n, uint64_t now);
/* The tile halted: notice, cascade, clear (tile_halt -> net_on_halt). */
void ctl_on_halt(tile_t *t);
void ctl_free(ctl_unit *cu);



/*
 * A tile preloaded by the simulator (SPEC §10): its capability table, and the
 * supervisor relation the manifest gives (super < 0: none; ctl_lo > ctl_hi: no control).
 */
void ctl_preload(tile_t *t, int64_t super, uint32_t ctl_lo, uint32_t ctl_hi);
#endif
