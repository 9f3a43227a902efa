/*
 * Inside the engine: the parts the mesh is cut into for the host threads and the
 * engine's state, shared by sim/engine.c (the window loop) and sim/chain.c (window
 * chains). Other modules use sim/engine.h.
 */
#ifndef TESS_ENGINE_PARTS_H
#define TESS_ENGINE_PARTS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "balance.h"
#include "engine.h"
#include "part_model.h"
#include "sched_heap.h"
#include "workers.h"

static inline uint64_t min64(uint64_t a, uint64_t b) { return a < b ? a : b; }

/* After a window of a chain, each part's say in whether the chain goes on (chain_run). */
typedef struct {
	bool stop;                /* the main thread is needed: a message for a device or a
	                             control unit was sent */
	bool work;                /* the part has something to do in the next window */
} chain_vote;

/*
 * One host thread's part of the mesh (consecutive tile ids, sim/balance.h): the events
 * of its tiles, the tiles ready in this window, and what they left behind. A part is
 * touched only by its thread during the core phase, so collecting, running and
 * rescheduling tiles all happen in parallel, and a tile runs on the same thread until
 * the boundaries move (its registers and SRAM stay in that core's cache).
 *
 * (Balancing by letting a thread that is done run other parts' ready tiles was tried
 * twice: Life 64x64 on 2 threads took 1.55 s instead of 1.40 s in the second session,
 * and 1.49 s instead of 1.47 s in the sixteenth, as the tiles' state moved between the
 * cores' caches: sim/README.md, "Helping, tried again".)
 */
typedef struct {
	sched_heap heap;
	uint32_t *ready, nready, ready_cap;
	uint32_t *halted, nhalted, halted_cap;    /* became inactive in this window */
	uint32_t *pending, npending, pending_cap; /* tiles holding unwritten output */
	uint32_t *defer, ndefer, defer_cap;       /* tiles cut short, from defer_head on */
	uint32_t defer_head;
	uint64_t to;              /* the end of the window its core phase runs to */
	uint64_t phase;           /* deferral: the number of that core phase (phase_over) */
	uint64_t rng;             /* TESSERA_DEFER_TEST: the part's random cuts */
	uint64_t latest;          /* the latest cycle any of its tiles reached */
	bool real;                /* a visit in this window had an event of its own
	                             (engine_run_until, T_real) */
	uint64_t real_end;        /* a chain: its last window with an event (chain_run) */
	int64_t special;          /* a chain: its count of special messages as it began */
	chain_vote vote[2];       /* a chain: what it found after windows of each parity */
	double busy;              /* seconds its thread worked since the last balance look */
	char pad[64];             /* parts are written by different threads */
} part_t;

struct engine {
	mesh_t *m;
	uint64_t T;
	uint64_t T_real;               /* the end of the last window with an event of its
	                                  own (engine_run_until) */
	bool done;
	part_t *parts;
	uint32_t nparts;
	balance bal;                   /* which part runs which tile */
	bool timed;                    /* parts on the threads: each times its work */
	bool defer;                    /* parts on the threads: run-ahead is deferred */
	bool defer_allowed;            /* TESSERA_DEFER=0 turns deferral off */
	bool defer_test;               /* TESSERA_DEFER_TEST=SEED: cuts at random places */
	uint64_t dphase;               /* core phases with deferral so far */
	atomic_uint_fast64_t visits_done;   /* parts that ran their window's tiles, over
	                                       those phases (phase_over) */
	atomic_uint_fast64_t dry_phase;     /* the last of them in which a part ran out of
	                                       deferred tiles */
	bool chain_allowed;            /* TESSERA_CHAIN=0 turns window chains off */
	uint64_t chain_from;           /* a chain's first window begins here */
	uint32_t chain_max, chain_ran; /* its most windows; those it ran */
	workers_count *arrived;        /* parts' arrivals at the chains' meetings (a line
	                                  of its own) */
	uint64_t arrived_base;         /* arrivals before this chain */
	part_model *model;             /* TESSERA_PART_MODEL=1: parts one after another */
	double *busy;                  /* the parts' busy times, gathered for balance_move */
	uint32_t *ran, nran, ran_cap;  /* MPI: tiles run in the last window, by part */
};


/* sim/engine.c, for the chains */
/* Earliest live event of part p, UINT64_MAX if none (drops stale entries on top). */
uint64_t engine_heap_next(const mesh_t *m, part_t *p);
/* Before part k's core phase: the tiles its routers woke go on its ready list. */
void engine_take_woken_part(engine_t *e, uint32_t k);
/* The core phase of part k (a workers_run function): its tiles up to parts[k].to. */
void engine_run_part(void *ctx, int k);
/* After a core phase, on one thread: halts, the parts' boundaries. */
void engine_phase_end(engine_t *e);
/* Write the output recorded before cycle `cutoff`. */
void engine_flush_output(engine_t *e, uint64_t cutoff);

/* sim/chain.c: whether a chain may start at T (after net_begin chose window mode);
   a chain from T, returning the end of its last window (sim/README.md, "Window
   chains"). */
bool chain_wanted(engine_t *e, uint64_t T, uint64_t cap);
uint64_t chain_run(engine_t *e, workers *w, uint64_t T, uint64_t cap);

#endif
