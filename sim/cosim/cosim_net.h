/*
 * The network co-simulation (cosim --mesh): its state, shared by cosim_net.c (the RTL
 * side and the comparisons) and cosim_net_ref.c (the model's run and what it recorded).
 */
#ifndef TESS_COSIM_NET_H
#define TESS_COSIM_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cosim.h"
#include "params.h"

#define CNET_MAX_TILES 64

/* One message as both sides log it. */
typedef struct {
	uint64_t sent, delivered;
	uint32_t src, dst;
	unsigned tag, len;
	bool ctl, has_pay;
	uint32_t w[MSG_MAX_WORDS];
	bool by_cu;               /* written by a control unit (EXIT notice, kill) */
	bool has_cap;             /* a capability passed: kind, lo, hi, badge */
	unsigned cap_kind;
	uint32_t cap[3];
} cnet_msg;

/* Flits of the message passing an ejection point. */
typedef struct {
	unsigned k;
	uint32_t header, badge, w[MSG_MAX_WORDS], cap[3];
} cnet_asm;

/* A halt of a tile: at (the chip cycle), cause, pc, value, local cycles. */
typedef struct {
	uint64_t at;
	rtl_halt h;
} cnet_halt;

typedef struct {
	rtl *r;
	cnet_halt *halts;         /* the model's halts of this tile, in order */
	size_t nhalts, next_halt, halts_cap;
	cnet_msg *cu;             /* the model's control-unit writes from this tile (sent:
				     the cycle its first flit entered the NI), in order */
	size_t ncu, next_cu, cu_cap;
	uint64_t base;            /* the chip cycle of the RTL core's local cycle 0 */
	bool was_running, was_halted;
	cosim_log log_rtl, log_ref;
	char **lines;             /* the model's commit-trace lines of this tile read ahead */
	size_t nlines, next_line, cap_lines;
	cnet_msg *inj;            /* the model's msg.send injections from this tile, in order */
	size_t ninj, next_inj, inj_cap;
	cnet_asm ej[2];           /* by vnet (0 data, 1 control): flits of both interleave */
	cosim_bytes out;          /* the RTL's console and semihosting output */
} cnet_tile;

typedef struct {
	const cosim_opts *o;
	cosim_ref *ref;
	cnet_tile *t;
	uint32_t n;
	FILE *trace;
	FILE *ref_trace;          /* the model's commit trace, read as the RTL goes */
	uint64_t cycle, retired, delivered;
	cnet_msg *ref_msgs;       /* the model's messages, in delivery order (delivered, dst) */
	size_t nref, ref_next;
	uint64_t ref_last;        /* its last delivery or halt */
	cosim_bytes *ref_out;     /* the model's output, per tile */
	cnet_asm dev_asm[2][2];   /* the console's and the block store's ports, by vnet */
	struct rtl_devs *devs;    /* the devices (sim/cosim/rtl_devs.h) */
	uint8_t *disk;            /* the disk image before the model's run (--disk) */
	size_t disk_len;
	uint64_t ref_end;         /* the model's last cycle */
	uint64_t halts;           /* halts matched */
	uint64_t cu_writes;       /* control-unit messages matched at their NI write */
	cnet_msg *pend;           /* RTL injections not yet delivered */
	size_t npend, pend_cap;
	uint32_t fail_tile;       /* the first failure: its tile and cycle */
	uint64_t fail_at;
	bool replay;              /* --fail-vcd's second run: no checks, waves of wave_tile */
	uint32_t wave_tile;       /* for cycles cnet_wave_from(fail_at) .. stop_at */
	uint64_t stop_at;
} cnet_run;

/* --fail-vcd: the cycles of waves around a failure at cycle `at`. */
enum { CNET_WAVE_BEFORE = 40, CNET_WAVE_AFTER = 10 };
static inline uint64_t cnet_wave_from(uint64_t at)
{
	return at > CNET_WAVE_BEFORE ? at - CNET_WAVE_BEFORE : 0;
}

/* cosim_net_ref.c */
int cnet_setup(cnet_run *c, int argc, char **argv);   /* 0, or an exit status */
void cnet_free(cnet_run *c);
int cnet_pending_push(cnet_run *c, const cnet_msg *m);
/* The oldest injection on m's path: its send cycle into m; false when there is none. */
bool cnet_pending_take(cnet_run *c, cnet_msg *m);
int cnet_compare_output(cnet_run *c);
/* The disk image the RTL's block store left against the model's (--disk). */
int cnet_compare_disk(cnet_run *c);
/* The model's next commit-trace line of a tile (NULL: none left), and taking it. */
const char *cnet_ref_line(cnet_run *c, uint32_t id);
void cnet_ref_pop(cnet_run *c, uint32_t id);
void cnet_print_output(const cnet_run *c);

#endif
