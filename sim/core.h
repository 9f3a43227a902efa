/* The RV32IM + Xtess interpreter of one tile. */
#ifndef TESS_CORE_H
#define TESS_CORE_H

#include <stdint.h>

#include "tile.h"

/*
 * Run a RUNNING tile until it halts, blocks, or its next instruction would issue at
 * or after `until` (global cycles). Exact to isa/SPEC.md §5.
 */
void core_run(tile_t *t, uint64_t until);

/* The most cycles an instruction in a straight-line run may take, a load-use stall
   included (tests/unit checks isa/timing.def against it). */
#define CORE_WORST_COST 64u

/* Decode the word at pc into d (fields, immediates, registers read). */
void core_predecode(const tile_t *t, uint32_t pc, dinsn *d);
/* Decode an instruction word into d (never DINSN_UNDECODED). */
void core_decode_word(uint32_t w, dinsn *d);

/* Append the commit-trace line of one retired instruction (sim/trace.c). */
void trace_retire(tile_t *t, uint64_t cycle, uint32_t pc, const dinsn *d,
		  uint32_t mem_addr, uint32_t mem_value, unsigned mem_size);

#endif
