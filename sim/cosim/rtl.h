/*
 * The Verilated RTL tile as C sees it (sim/cosim/rtl_tile.cpp is the only C++).
 * One call to rtl_clock is one machine cycle: after it, the outputs show the state of
 * the new cycle, and an ecall issuing in it must be answered before the next call.
 * The tile's chip cycle (the control unit's now_i) is 0 in the cycle after the start
 * edge and counts rtl_clock calls. rtl_mem is the SRAM as plain words: after the
 * tile's flash clear (a halt, CTL_CLEAR) the harness zeroes the words it left.
 */
#ifndef TESS_COSIM_RTL_H
#define TESS_COSIM_RTL_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rtl rtl;

/* A retired instruction (cycle is its issue cycle, local to the tile). */
typedef struct {
	uint64_t cycle;
	uint32_t pc, insn;
	unsigned rd;              /* register written, 0 when none */
	uint32_t rd_value;
	bool mem_we;
	uint32_t mem_addr, mem_value;
	unsigned mem_size;        /* bytes */
} rtl_retire;

typedef struct {
	unsigned cause;
	uint32_t pc, value;
	uint64_t cycle;
	bool unimplemented;       /* an instruction this RTL does not implement yet */
} rtl_halt;

/*
 * vcd_path NULL: no waves. argv: plusargs (+trace) for Verilated::commandArgs.
 * share: NULL, or a tile made before whose simulated time this one shares (no waves
 * then); such tiles are freed before the one they share with.
 */
rtl *rtl_new(const char *vcd_path, int argc, char **argv, rtl *share);
void rtl_free(rtl *r);
/* Write waves only for cycles [from, to] (default: all). */
void rtl_wave_window(rtl *r, uint64_t from, uint64_t to);
/* The SRAM as words (little-endian bytes in each), and its size in bytes. */
uint32_t *rtl_mem(rtl *r);
uint32_t rtl_mem_bytes(const rtl *r);
/* Fill capability slot `slot` before the start (as the chip preloads a tile). */
void rtl_set_cap(rtl *r, unsigned slot, unsigned kind, uint32_t lo, uint32_t hi,
		 uint32_t badge);
/* Start the core at pc with memory bound `bound` (SPEC §2.2), a cycle budget and a
 * message budget (SPEC §7, 0: none). Every link port leads nowhere until
 * rtl_link_sinks says otherwise. */
void rtl_start(rtl *r, uint32_t pc, uint32_t bound, uint64_t budget_cycles,
	       uint32_t budget_msgs, uint32_t tile, uint32_t txy, uint32_t mesh, bool semihost);
/* The same start edge for a tile the chip does not start: its control unit loads and
 * starts it (CTL_LOAD, CTL_START). */
void rtl_start_idle(rtl *r, uint32_t tile, uint32_t txy, uint32_t mesh, bool semihost);

/* The control unit (tess_ctl, inside the tile), before rtl_start: MEM (the tile's SRAM
 * bytes as the model has it) and, for a preloaded tile, its supervisor, children and
 * budgets (SPEC §10; given to the unit at the start edge). pre NULL: none. */
typedef struct {
	bool has_super;
	uint32_t super;
	uint64_t children;        /* bit per tile id */
	uint32_t bound;           /* 0: MEM */
	uint64_t cycles;
	uint32_t msgs;
} rtl_pre;
void rtl_set_ctl(rtl *r, uint32_t mem, const rtl_pre *pre);
/* The core is running (started, not halted); its local cycle (0 at its first issue). */
bool rtl_running(rtl *r);
uint64_t rtl_cycle(rtl *r);
/* Operations the control unit refused so far (statistic ctl_rejected). */
uint32_t rtl_rejected(rtl *r);
void rtl_clock(rtl *r);
uint64_t rtl_clocks(const rtl *r);
/* An ecall issues in this cycle: a0, a1, a2, a7 into regs[4]. */
bool rtl_ecall(rtl *r, uint32_t regs[4]);
/* Answer it: new a0, or a halt with a cause and value. */
void rtl_ecall_answer(rtl *r, uint32_t ret, bool halt, unsigned cause, uint32_t value);
bool rtl_retired(rtl *r, rtl_retire *out);
bool rtl_halted(rtl *r, rtl_halt *out);

/* A message instruction is at the core's issue slot (the lock-step path cannot run it). */
bool rtl_msg_op(rtl *r);

/* ---- the network side: links (0 N, 1 E, 2 S, 3 W), injections, ejections ---- */
typedef struct {
	bool valid, vnet, head, tail;
	uint32_t data;
} rtl_flit;

/* Bit d set: link d has no router behind it (a device or the mesh edge): it always
 * takes flits and returns no credits. */
void rtl_link_sinks(rtl *r, unsigned mask);
/* The flit leaving on link d in this cycle (the link register). */
void rtl_tx(rtl *r, int d, rtl_flit *f);
/* Credits (bit per vnet) this tile returns on link d in this cycle. */
unsigned rtl_rx_credit(rtl *r, int d);
/* Inputs for the next clock edge: the flit arriving on link d, credits for link d. */
void rtl_rx(rtl *r, int d, const rtl_flit *f);
void rtl_tx_credit(rtl *r, int d, unsigned credits);

/* A msg.send issues in this cycle: what the NI is given. */
typedef struct {
	bool ctl;
	uint32_t dst, header, badge, addr;
	unsigned flits;
	uint32_t cap[3];          /* the passed capability's lo, hi, badge (header bit 30) */
} rtl_inject;
bool rtl_injected(rtl *r, rtl_inject *o);
/* The control unit writes a message (EXIT notice, kill) into the NI in this cycle: its
 * route flit (fields in isa/params.h, ROUTE_*), and how many cycles from
 * now its first flit's write time is (after the flits queued before it). */
bool rtl_cu_injected(rtl *r, uint32_t *route, uint32_t *wait);
/* The flit that crossed into the tile's local port last cycle. */
bool rtl_ejected(rtl *r, rtl_flit *f);

#ifdef __cplusplus
}
#endif

#endif
