/*
 * The network side of the chip, as the core and the engine see it: message and
 * capability instructions, the control unit, the routers and the devices.
 *
 * The engine runs the chip in windows of LOOKAHEAD cycles [from, to): first
 * net_advance() simulates the network (routers, links, NIs, control units, devices)
 * for the window, then every active tile runs up to `to`. This is exact because
 * nothing a core does at cycle t reaches the network before t + NI_LATENCY >= to
 * (isa/SPEC.md §8.3), and everything the network delivers before `to` is in the
 * mailboxes, with its delivery cycle, before the cores run.
 *
 * While the network is idle, the engine lets every running tile run ahead on its own
 * (stopping before msg.send/recv/poll/wait) — unless a control event could reach it
 * after it ran past the event's cycle (net_tile_may_run_ahead): m->control_in_use, set
 * as soon as any tile holds a CONTROL capability (a kill), a supervisor or children.
 *
 * Threads: in the core phase, net_exec, net_on_halt, net_tile_wake, net_tile_limit and
 * net_tile_reach_limit run concurrently for different tiles; they may touch only the
 * state of the tile they are given (its NI, mailbox, capabilities, control unit).
 */
#ifndef TESS_NET_H
#define TESS_NET_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "tile.h"

struct mesh;

/* Whole-chip network: created by mesh_new, freed by mesh_free. */
bool net_init(struct mesh *m);
void net_free(struct mesh *m);

/* Per-tile network state (capabilities, mailbox, NI, control unit). */
bool net_tile_attach(tile_t *t);          /* preload capabilities (SPEC §10) */
void net_tile_free(tile_t *t);

/*
 * Execute an Xtess instruction of the capability or message groups at t->now.
 * Returns its cost in cycles (>= 1) with *rd_value set, or 0 when the tile blocks:
 * then t->state is TS_BLOCKED or TS_WAITING, pc is unchanged, and the instruction is
 * executed again when the tile wakes (net_tile_wake).
 */
unsigned net_exec(tile_t *t, const dinsn *d, uint32_t *rd_value);

/* Called by tile_halt: EXIT notice, cascade (SPEC §6.2). */
void net_on_halt(tile_t *t);

/*
 * The earliest cycle at which something outside the tile halts it (a kill arriving,
 * an acknowledgement deadline), UINT64_MAX if none is known.
 */
uint64_t net_tile_limit(const tile_t *t);

/*
 * Whether the engine may run the tile past the window's end: no control event can reach
 * it at a cycle not known yet. Not while any tile holds a CONTROL capability (a kill),
 * nor while the tile has a supervisor (whose halt kills it: the cascade, SPEC §6.2) or
 * children (whose halt starts an acknowledgement deadline, §6.3).
 */
bool net_tile_may_run_ahead(const tile_t *t);

/*
 * The engine has run the tile up to net_tile_limit(t) (t->now >= the limit, or the
 * tile is blocked or asleep at the limit): perform what happens there (the kill, the
 * UNHANDLED_EXIT halt).
 */
void net_tile_reach_limit(tile_t *t);

/*
 * For a BLOCKED or WAITING tile: the cycle at which it can go on (a message delivered,
 * NI space, a wait deadline), or UINT64_MAX while nothing known lets it go on.
 */
uint64_t net_tile_wake(const tile_t *t);

/* The engine moved its parts' boundaries (mesh_t.part_first), between windows: the
   routers follow their tiles, so a tile's network side stays on its thread. */
void net_parts_moved(struct mesh *m);
/*
 * Network phase for cycles [from, to); the routers of the mesh's parts run on the host
 * threads w (sim/workers.h) when not NULL. net_advance does all of it. In two steps:
 * net_begin takes the tiles' new flits and tells whether the window runs in window
 * mode (sim/noc.h); then either net_window, where each part's thread steps its own
 * routers through the window and then calls then(ctx, k) in the same round (part k's
 * routers, the only ones that touch its tiles' network side, are done), or net_cycles.
 */
struct workers;
bool net_begin(struct mesh *m, uint64_t from, uint64_t to, struct workers *w);
void net_window(struct mesh *m, uint64_t from, uint64_t to, void (*then)(void *ctx, int k),
		void *ctx);
void net_cycles(struct mesh *m, uint64_t from, uint64_t to);
void net_advance(struct mesh *m, uint64_t from, uint64_t to, struct workers *w);
/*
 * Chained windows (the engine's window chains, sim/README.md): while only tiles talk to
 * each other, each part's thread runs window after window, its routers then its core
 * phase, and the parts meet once a window instead of returning to the main thread.
 * - net_chain_ok, once net_begin chose window mode for the window (so no message for a
 *   device, a control unit or the control network is anywhere and the devices are
 *   idle): nothing else needs the main thread later either, no event pending and no
 *   operation waiting (net_begin refuses those each window).
 * - net_chain_begin: before the round of windows [from, end), on the workers net_begin
 *   was given.
 * - net_part_window: part k's routers through [from, to) on its thread (`fresh`: the
 *   first window after net_chain_begin); returns whether part k's network was busy as
 *   the window began.
 * - net_part_pending: whether part k's network still holds something after cycle s (in
 *   its routers or NIs, or staged for a neighbour then).
 * - net_part_special: part k's count of messages for devices and control units (sent
 *   less delivered: a send in the chain raises it).
 * - net_chain_end: on the main thread after the round.
 */
bool net_chain_ok(const struct mesh *m);
void net_chain_begin(struct mesh *m, uint64_t from, uint64_t end);
bool net_part_window(struct mesh *m, uint32_t k, uint64_t from, uint64_t to, bool fresh);
bool net_part_pending(const struct mesh *m, uint32_t k, uint64_t s);
int64_t net_part_special(const struct mesh *m, uint32_t k);
void net_chain_end(struct mesh *m, uint64_t end);
/* Message-trace lines part k (< mesh nparts) of the network phase recorded. */
out_buf *net_part_out(struct mesh *m, uint32_t k);
/* Forget what the network phase recorded (MPI: rank 0 writes it). */
void net_drop_output(struct mesh *m);

/* True when no flit, queued message or device request is anywhere in the network. */
bool net_idle(const struct mesh *m);
/* The run stops at cycle `now`, everything before it simulated: control operations
   still waiting for a tile that stayed active are refused, as the next window would
   refuse them (SPEC §6.1). */
void net_end(struct mesh *m, uint64_t now);

/* Network statistics as JSON members (", \"links\": [...]"), appended to --stats-json. */
void net_stats_json(const struct mesh *m, FILE *f);

#endif
