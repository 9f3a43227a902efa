/*
 * One tile: core state, SRAM, predecoded instructions, budgets and meters.
 * The network side of a tile (mailbox, NI, capability table, control unit) lives in
 * struct tile_net (sim/net.h), allocated with the tile.
 */
#ifndef TESS_TILE_H
#define TESS_TILE_H

#include <stdbool.h>
#include <stdint.h>

#include "isa.h"
#include "outq.h"
#include "stats.h"

typedef enum {
	TS_IDLE,      /* free: no program */
	TS_RUNNING,
	TS_BLOCKED,   /* in msg.send (NI full) or msg.recv (mailbox empty) */
	TS_WAITING,   /* in msg.wait */
	TS_HALTED,    /* finished; kept only for statistics and display */
} tile_state;

/* A predecoded instruction. op == DINSN_UNDECODED until first fetched. */
#define DINSN_UNDECODED 0xff
typedef struct {
	uint8_t op;          /* isa_op */
	uint8_t rd, rs1, rs2;
	uint8_t src1, src2;  /* registers read (for load-use), 0 when not read */
	uint8_t rs3;
	uint8_t run;         /* the next `run` words are a straight-line run (below) */
	int32_t imm;
} dinsn;

/*
 * Runs (sim/dinsn_run.c): v[i].run = r says the r words after word i are decoded and
 * issue in order after it without a system, capability or message instruction (only
 * the last of them may branch or jump), so the interpreter may run them without its
 * per-instruction checks. DINSN_RUN_UNKNOWN: not worked out (a fresh decode).
 */
#define DINSN_RUN_UNKNOWN 0xff
#define DINSN_RUN_MAX 254
/* The runs of a whole table of n decoded words. */
void dinsn_runs_fill(dinsn *v, uint32_t n);
/* The run of word i of a table of n words, kept in v[i].run when it is final. */
unsigned dinsn_run(dinsn *v, uint32_t n, uint32_t i);
/* Word `first` is no longer decoded: the runs before it that reach it are unknown. */
void dinsn_runs_cut(dinsn *v, uint32_t first);

/* Does the instruction read register r (r != 0): a load-use hazard with a load into r. */
static inline bool dinsn_reads(const dinsn *d, unsigned r)
{
	return d->src1 == r || d->src2 == r;
}

struct mesh;
struct tile_net;

typedef struct tile {
	uint32_t x[32];
	uint32_t pc;
	uint32_t id;
	uint16_t tx, ty;
	tile_state state;

	uint64_t now;          /* global cycle at which the next instruction may issue */
	uint64_t start_cycle;  /* global cycle at which it started; local = now - start */
	uint64_t instret;
	uint8_t load_rd;       /* rd of the previous instruction if it was a load, else 0 */
	bool preloaded;        /* started by the simulator (--tile), not by another tile */
	uint64_t msg_horizon;  /* set by the engine: msg.send/recv/poll/wait may issue only
	                          before this cycle (0: no limit); the core stops before */
	uint32_t sched_stamp;  /* engine: the live entry of this tile in its schedule */
	bool sched_ready;      /* engine: on the ready list of the current window */
	bool woken;            /* on the mesh's woken list (mesh_wake) */
	bool out_pending;      /* engine: has output not yet written */
	bool cut;              /* engine: its run-ahead stopped at a cycle, not before a
	                          message instruction */
	bool deferred;         /* engine: on its part's list of deferred run-ahead */
	uint32_t msg_execs;    /* msg.send/recv/poll/wait executed or blocked in (net_exec):
	                          the engine sees a visit reach one */

	uint8_t *mem;          /* MEM bytes, allocated when the tile is first loaded */
	dinsn *dcache;         /* predecoded words [0, dc_words*4): grown on first fetch */
	uint32_t dc_words;     /* never beyond the memory bound */
	bool dc_shared;        /* dcache is an image's table (read-only), copied on write */
	uint32_t mem_size;
	bool mem_mapped;       /* mem is its own mapping (else from the heap) */
	uint32_t bound;        /* memory bound (budget) */
	uint64_t budget_cycles;
	uint32_t budget_msgs;
	uint32_t msgs_sent;

	/* Halt record (valid once state == TS_HALTED). */
	uint32_t cause, halt_pc, halt_value;
	uint64_t halt_cycles;  /* local cycles used */

	tile_stats stats;
	struct tile_net *net;  /* network side, NULL until the network needs it */
	struct mesh *mesh;
	out_buf out;           /* output recorded this window (sim/outq.h) */
	const struct elf_image *image; /* program loaded by the simulator, for symbols */
} tile_t;

/* Allocate SRAM and predecode storage; zero state. Returns false on out of memory. */
bool tile_alloc_mem(tile_t *t, uint32_t mem_size);
void tile_free(tile_t *t);
/* Prepare to run at pc from global cycle `at`: registers cleared, sp = bound. */
void tile_start(tile_t *t, uint32_t pc, uint64_t at);
/* Back to the state of a fresh IDLE tile: SRAM zeroed, no predecoded words, budgets
   reset (SPEC §6.2: a halted tile is cleared before it is used again). */
void tile_clear(tile_t *t);
/* Halt now with a cause (SPEC §6.2). pc is the instruction not executed. */
void tile_halt(tile_t *t, uint32_t cause, uint32_t pc, uint32_t value);
/* Grow the predecoded range to cover pc (< bound); false when out of host memory. */
bool tile_grow_dcache(tile_t *t, uint32_t pc);
/* Use a read-only table of `words` predecoded words (the program's, shared with the
   other tiles running it) until the tile writes there or runs beyond it. */
void tile_share_dcache(tile_t *t, dinsn *table, uint32_t words);
/* Give the tile its own copy of a shared table (exits when out of host memory). */
void tile_copy_dcache(tile_t *t);
static inline void tile_own_dcache(tile_t *t)
{
	if (__builtin_expect(t->dc_shared, 0))
		tile_copy_dcache(t);
}
/* Forget predecoded words overlapping [addr, addr+len): memory there changed. */
static inline void tile_invalidate(tile_t *t, uint32_t addr, uint32_t len)
{
	if (addr / 4 >= t->dc_words)
		return;
	tile_own_dcache(t);
	for (uint32_t w = addr / 4; w < t->dc_words && w < (addr + len + 3) / 4; w++)
		t->dcache[w].op = DINSN_UNDECODED;
	dinsn_runs_cut(t->dcache, addr / 4);
}
/* Write bytes into SRAM from the host (loading); invalidates predecoded words. */
void tile_write_mem(tile_t *t, uint32_t addr, const void *src, uint32_t len);

static inline uint64_t tile_local_cycle(const tile_t *t) { return t->now - t->start_cycle; }
static inline bool tile_active(const tile_t *t)
{
	return t->state == TS_RUNNING || t->state == TS_BLOCKED || t->state == TS_WAITING;
}

#endif
