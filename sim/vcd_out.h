/*
 * VCD waves of the C model (tessera run --vcd FILE --vcd-tiles LIST): for each chosen
 * tile, the architectural and pipeline signals the RTL core also has, under the RTL's
 * hierarchical names and time base (time 2c is the rising edge that starts the chip's
 * cycle c), so that build/wavecmp compares them with build/cosim --vcd directly.
 * Names: a 1x1 run is TOP.tess_tile.*, tile k of a larger mesh
 * TOP.tess_mesh.g_row[y].g_col[x].u_tile.* as in rtl/tess_mesh.sv (waves/README.md).
 *
 * How it fits the engine: the core of a chosen tile runs a separate instantiation of
 * the interpreter (core_loop.h with CORE_VCD) that calls vcd_rec_retire() per retired
 * instruction; the record, a few value changes in the near future of its cycle, goes
 * into the tile's ordered output (sim/outq.h, stream OUT_VCD). The engine writes those
 * in (cycle, tile, order) order at the end of every window, whatever the threads, and
 * vcd_out_record() turns them into the file: a change lies at or after twice its
 * record's cycle, so everything before that is final and written.
 */
#ifndef TESS_VCD_OUT_H
#define TESS_VCD_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "outq.h"
#include "tile.h"

struct mesh;
typedef struct vcd_out vcd_out;

/* One retired instruction, as the interpreter saw it (before x0 is cleared). */
typedef struct {
	uint64_t cycle;       /* global issue cycle */
	uint32_t pc, next;    /* its pc, the next pc */
	uint32_t a, b;        /* x[rs1], x[rs2] of the word's fields, before it executed */
	uint32_t wval;        /* x[rd] after it executed (x0 not yet cleared) */
	uint32_t st_val;      /* a store's value (st_size bytes), else 0 */
	unsigned st_size;
	unsigned cost;
	uint64_t instret;     /* after it */
} vcd_retire;

/*
 * The waves of this process: at most one mesh writes them (tessera run has one), so
 * the core tests one global instead of the mesh growing a field.
 */
extern vcd_out *vcd_out_active;

/*
 * Open PATH for the tiles of LIST ("all", or numbers and ranges: "0,3,5-9") of mesh m
 * and make it the active writer. false with a reason in err on a bad list or an
 * unwritable file. Writes the header. PATH NULL: record only (an MPI rank other than
 * 0, whose output goes to rank 0), no file.
 */
bool vcd_out_open(const char *path, const char *list, struct mesh *m, char *err,
		  size_t errlen);
/* If m writes waves: record halts the core did not see (a kill, a budget running out
   while blocked), write what is left (cyc_q of tiles still running counts up to m->now),
   close. Returns false when the file could not be written. */
bool vcd_out_close(struct mesh *m);

/* Does tile t write waves? (the core's choice of interpreter) */
bool vcd_out_wants(const vcd_out *v, const tile_t *t);

/* Hooks, on the tile's own thread (sim/vcd_rec.c). vcd_rec_begin before each run of a
   chosen tile writes the start values once per start; vcd_rec_halt once after a run
   that halted it. */
void vcd_rec_begin(tile_t *t);
void vcd_rec_retire(tile_t *t, const dinsn *d, const vcd_retire *r);
void vcd_rec_halt(tile_t *t);
/* The halt record of a halted tile, straight to the writer (at the end of the run). */
void vcd_rec_halt_late(tile_t *t);

/* The writer's side of OUT_VCD records (called by out_flush, in order). */
void vcd_out_record(struct mesh *m, const out_record *r);

/* ---- shared by vcd_out.c and vcd_rec.c ---- */

/* A tile's signals (sim/vcd_sigs.def), then x0..x31. */
enum {
#define VCD_SIG(id, width, core, port) VS_##id,
#include "vcd_sigs.def"
#undef VCD_SIG
	VS_REG0,
	VS_COUNT = VS_REG0 + 32
};

/* Record items: a value change, or (sig VS_COUNT + n) the cycle counter's start/stop. */
#define VCD_ITEM_COUNT_FROM (VS_COUNT + 0)   /* cyc_q counts from cycle `val` (time 2val) */
#define VCD_ITEM_COUNT_STOP (VS_COUNT + 1)   /* cyc_q stops after cycle `val` */
typedef struct {
	uint64_t time;
	uint64_t val;
	uint32_t sig;
	uint32_t pad;
} vcd_item;

/*
 * In the output queue a record's items are bytes: signal, time - 2 * cycle (16 bits),
 * value as a base-128 varint; 5 or 6 bytes for most (a trace line is longer).
 * VCD_ITEM_BYTES is the most one item takes. decode returns false at the end.
 */
#define VCD_ITEM_BYTES 13
size_t vcd_item_encode(const vcd_item *it, size_t n, uint64_t cycle, uint8_t *out);
bool vcd_item_decode(const uint8_t **p, const uint8_t *end, uint64_t cycle, vcd_item *it);

/* The slot of a chosen tile (its signals' place), -1 for others. */
int32_t vcd_out_slot(const vcd_out *v, uint32_t id);
/* Per-slot state the tile's thread keeps: start cycle + 1 of the start, and of the
   halt, last recorded (0: none). */
uint64_t *vcd_out_started(vcd_out *v, int32_t slot);
uint64_t *vcd_out_halted(vcd_out *v, int32_t slot);

#endif
