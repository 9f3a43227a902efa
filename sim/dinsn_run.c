/*
 * Straight-line runs of predecoded words (sim/tile.h, dinsn.run). The interpreter
 * checks its limit, the predecoded table's bound and the undecoded mark once per run
 * instead of once per instruction (sim/core_loop.h): a run is what follows a word in
 * order without anything those checks or the engine must see first.
 */
#include "tile.h"

/* Whether the interpreter may issue the op inside a run: not a system, capability or
   message instruction (they leave the loop or need the engine), not undecoded. */
static bool plain(uint8_t op)
{
	switch (op) {
	case OP_ECALL: case OP_EBREAK: case OP_TESS_EXIT: case OP_INVALID:
	case OP_CAP_INFO: case OP_CAP_LO: case OP_CAP_HI: case OP_CAP_BADGE:
	case OP_CAP_DROP: case OP_CAP_COPY: case OP_CAP_MINT: case OP_CAP_NARROW:
	case OP_MSG_SEND: case OP_MSG_RECV: case OP_MSG_POLL: case OP_MSG_WAIT:
	case OP_MSG_ACK: case DINSN_UNDECODED:
		return false;
	default:
		return true;
	}
}

/* Whether a plain op may change the pc (isa/'s jump and branch classes): it ends a run,
   the next word may not follow. */
static bool ends_run(uint8_t op)
{
	isa_timing_class c = isa_insns[op].timing;
	return c == TC_JUMP || c == TC_BRANCH;
}

void dinsn_runs_fill(dinsn *v, uint32_t n)
{
	for (uint32_t i = n; i-- > 0;) {
		unsigned r = 0;
		if (plain(v[i].op) && !ends_run(v[i].op) && i + 1 < n && plain(v[i + 1].op))
			r = ends_run(v[i + 1].op) ? 1 : 1 + v[i + 1].run;
		v[i].run = (uint8_t)(r > DINSN_RUN_MAX ? DINSN_RUN_MAX : r);
	}
}

unsigned dinsn_run(dinsn *v, uint32_t n, uint32_t i)
{
	if (v[i].run != DINSN_RUN_UNKNOWN)
		return v[i].run;
	unsigned r = 0;
	if (plain(v[i].op) && !ends_run(v[i].op))
		for (uint32_t j = i + 1; r < DINSN_RUN_MAX; j++) {
			if (j >= n || v[j].op == DINSN_UNDECODED)
				return r;          /* not kept: the word may be decoded later */
			if (!plain(v[j].op))
				break;
			r++;
			if (ends_run(v[j].op))
				break;
		}
	v[i].run = (uint8_t)r;
	return r;
}

/* Walks back from the word before `first` only as far as a run could pass: not through
   a word that is no part of one (undecoded, system) or that ends one. */
void dinsn_runs_cut(dinsn *v, uint32_t first)
{
	uint32_t stop = first > DINSN_RUN_MAX ? first - DINSN_RUN_MAX : 0;
	for (uint32_t i = first; i-- > stop;) {
		if (v[i].run != DINSN_RUN_UNKNOWN && i + v[i].run >= first)
			v[i].run = DINSN_RUN_UNKNOWN;
		if (!plain(v[i].op) || ends_run(v[i].op))
			break;
	}
}
