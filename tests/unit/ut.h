/*
 * Unit-test harness: encode instructions from the isa/ table, build tiny programs in a
 * tile's memory, run them through the real engine and report how the tile halted.
 */
#ifndef TESS_UT_H
#define TESS_UT_H

#include <check.h>
#include <stdbool.h>
#include <stdint.h>

#include "isa.h"

/* Encode op with its fields; fields the op's format does not have are ignored. */
uint32_t ut_enc(isa_op op, unsigned rd, unsigned rs1, unsigned rs2, int32_t imm);

#define UT_MAX_WORDS 256
typedef struct {
	uint32_t w[UT_MAX_WORDS];
	unsigned n;
} ut_prog;

/* Append one word; returns its address (programs start at 0). */
uint32_t ut_emit(ut_prog *p, uint32_t word);
uint32_t ut_op(ut_prog *p, isa_op op, unsigned rd, unsigned rs1, unsigned rs2, int32_t imm);
/* rd = v in exactly two instructions (lui, addi): 2 cycles. */
void ut_li(ut_prog *p, unsigned rd, uint32_t v);
/* tess.exit rs1 */
void ut_exit(ut_prog *p, unsigned rs1);
static inline uint32_t ut_here(const ut_prog *p) { return p->n * 4; }

typedef struct {
	uint32_t mem;            /* SRAM bytes, 0: 64 KiB */
	uint32_t bound;          /* memory bound, 0: mem */
	uint64_t budget_cycles;  /* 0: unlimited */
	bool no_semihost;
	uint32_t width, height;  /* mesh, 0: 1x1 */
	uint32_t tile;           /* the tile that runs the program */
	uint32_t data_addr;      /* preloaded data bytes at data_addr */
	const void *data;
	uint32_t data_len;
	bool twin;               /* the same program also runs on the next tile, so the
				    engine runs in windows instead of one tile alone */
} ut_cfg;

typedef struct {
	uint32_t cause, value, pc;
	uint64_t cycles, instret, stall_load_use;
	uint32_t x[32];
	uint8_t mem[256];        /* copy of memory at ut_cfg.data_addr (or 0) */
	bool halted;
} ut_result;

/* Run p on a fresh mesh (cfg may be NULL) until the tile halts. */
ut_result ut_run(const ut_prog *p, const ut_cfg *cfg);

/* The cost in cycles of a timing class, from isa/timing.def. */
unsigned ut_cost(isa_timing_class tc);

/* Suites, one per file. */
Suite *suite_encode(void);
Suite *suite_alu(void);
Suite *suite_mem(void);
Suite *suite_ctrl(void);
Suite *suite_xtess(void);
Suite *suite_fault(void);
Suite *suite_semihost(void);
Suite *suite_elf(void);
Suite *suite_balance(void);
Suite *suite_sched(void);
Suite *suite_part_model(void);
Suite *suite_workers(void);
Suite *suite_runs(void);

#define NROWS(a) ((int)(sizeof(a) / sizeof((a)[0])))

#endif
