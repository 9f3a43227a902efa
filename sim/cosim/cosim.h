/*
 * Co-simulation of the RTL tile against the C model, in lock step: every instruction
 * the RTL retires is compared with the next one the model retires, as commit-trace
 * lines (isa/SPEC.md §12: cycle, tile, pc, instruction, register or memory write),
 * together with the semihosting output each produced, and the halt at the end.
 */
#ifndef TESS_COSIM_H
#define TESS_COSIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rtl.h"

#define COSIM_LINE 160
#define COSIM_HISTORY 20          /* retired instructions shown at a failure */

/* The last COSIM_HISTORY commit-trace lines of one side (cosim_log.c). */
typedef struct {
	char lines[COSIM_HISTORY][COSIM_LINE];
	unsigned n, next;
} cosim_log;

void cosim_log_add(cosim_log *l, const char *line);
void cosim_log_print(const cosim_log *l, const char *side);
/* The commit-trace line of an RTL record, without newline. */
void cosim_format(const rtl_retire *r, uint32_t tile, char *buf, size_t size);

/* Growable byte buffer: semihosting output of one instruction on one side. */
typedef struct {
	char *data;
	size_t len, cap;
} cosim_bytes;

void cosim_bytes_add(cosim_bytes *b, const void *p, size_t n);

/* The C model side (cosim_ref.c). */
typedef struct cosim_ref cosim_ref;
typedef struct {
	uint32_t width, height;   /* every tile runs the program */
	uint64_t max_cycles;      /* the model stops there too (network runs) */
	uint32_t mem_size;
	uint32_t bound;           /* memory bound (SPEC §7), <= mem_size */
	uint64_t budget_cycles;   /* 0: none */
	bool semihost;
	const char *elf_path;
	/* --boot / --manifest (mesh runs): tiles placed as tessera run places them, only
	 * those the chip preloads started; --disk: the block store's image */
	const char *boot_path, *manifest_path, *disk_path;
} cosim_cfg;

/* How a tile of the model stands before the run (the RTL tile is set up the same). */
typedef struct {
	bool started;             /* preloaded and started at cycle 0 */
	uint32_t pc, a0, bound;
	uint64_t budget_cycles;
	uint32_t budget_msgs;
	rtl_pre pre;              /* its control unit: supervisor, children, budgets */
} cosim_tile_start;

cosim_ref *cosim_ref_new(const cosim_cfg *c);   /* NULL after a message on stderr */
void cosim_ref_free(cosim_ref *r);
uint32_t cosim_ref_entry(const cosim_ref *r);
void cosim_ref_tile_start(const cosim_ref *r, uint32_t tile, cosim_tile_start *s);
/* SRAM bytes of a tile (MEM), and the model's last cycle after cosim_ref_run. */
uint32_t cosim_ref_mem_size(const cosim_ref *r);
uint64_t cosim_ref_end(const cosim_ref *r);
/* Tile `tile` is halted (or was never started) at the model's end. */
bool cosim_ref_idle(const cosim_ref *r, uint32_t tile);
/* Control operations the tile's unit refused (statistic ctl_rejected). */
uint64_t cosim_ref_rejected(const cosim_ref *r, uint32_t tile);
/* Tile `tile`'s SRAM (at start, before the first step); NULL: never loaded. */
const uint8_t *cosim_ref_mem(const cosim_ref *r, uint32_t tile);
/* Capability slot of a tile at start (kind 0: empty). */
void cosim_ref_cap(const cosim_ref *r, uint32_t tile, unsigned slot, unsigned *kind,
		   uint32_t *lo, uint32_t *hi, uint32_t *badge);
/* Run a tile of the model to its next retired instruction (true, its trace line in
 * line) or to its halt (false). Semihosting output of that step is appended to out. */
bool cosim_ref_step(cosim_ref *r, uint32_t tile, char *line, size_t size, cosim_bytes *out);
/* After the tile halted: cause, pc, value, cycles. */
void cosim_ref_halt(const cosim_ref *r, uint32_t tile, rtl_halt *h);
/* Run the whole model (network and all) to its end, its commit trace into `trace` and
 * its message trace into `msgs` (network runs: cosim_net.c). */
void cosim_ref_run(cosim_ref *r, FILE *trace, FILE *msgs);

typedef struct {
	cosim_cfg cfg;
	const char *trace_path, *vcd_path, *fail_vcd;
	uint64_t max_cycles;
	bool quiet, rtl_only;
	bool net;                 /* --mesh: RTL routers wired into a mesh (cosim_net.c) */
	bool poke;                /* --poke: one word differs in the RTL's SRAM */
	uint32_t poke_addr, poke_value;
} cosim_opts;

/* The network run: RTL mesh against the whole model, messages compared too. */
int cosim_net_run(const cosim_opts *o, int argc, char **argv);

/* Returns -1 when the run should go on, else an exit status (cosim_args.c). */
int cosim_parse_args(cosim_opts *o, int argc, char **argv);

/* Service the RTL's ecall against its SRAM (cosim_semihost.c), as sim/semihost.c
 * does for the model; output goes to out (and to the host when echo is set). */
void cosim_semihost(rtl *r, uint32_t bound, const uint32_t regs[4], cosim_bytes *out,
		    bool echo);

#endif
