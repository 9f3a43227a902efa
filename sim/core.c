/* The interpreter: a fast and a tracing variant of one loop (core_loop.h). */
#include "core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mesh.h"
#include "net.h"
#include "semihost.h"
#include "vcd_out.h"

static void core_out_of_memory(const tile_t *t)
{
	fprintf(stderr, "tessera: out of host memory predecoding tile %u\n", t->id);
	exit(125);
}

/*
 * Straight-line runs (sim/tile.h): how many of the words after word i may issue
 * without the loop's checks, issuing word i at `now`. Each of them issues at most
 * CORE_WORST_COST cycles after the one before (its cost and a load-use stall), so all
 * of them issue before `limit` if now + r * CORE_WORST_COST < limit. The tracing
 * variants check every instruction.
 */
static inline unsigned run_issue(dinsn *dc, uint32_t n, uint32_t i, uint64_t now,
				 uint64_t limit)
{
	unsigned r = dc[i].run;
	if (__builtin_expect(r == DINSN_RUN_UNKNOWN, 0))
		r = dinsn_run(dc, n, i);
	if (__builtin_expect(limit - now <= (uint64_t)CORE_WORST_COST * r, 0))
		r = (unsigned)((limit - now - 1) / CORE_WORST_COST);
	return r;
}

#define CORE_VCD 0
#define CORE_TRACE 0
#define CORE_RUNS 1
#define CORE_RUN core_run_fast
#include "core_loop.h"
#undef CORE_TRACE
#undef CORE_RUN
#undef CORE_RUNS
#define CORE_RUNS 0

#define CORE_TRACE 1
#define CORE_RUN core_run_traced
#include "core_loop.h"
#undef CORE_TRACE
#undef CORE_RUN
#undef CORE_VCD

#define CORE_VCD 1
#define CORE_TRACE 1
#define CORE_RUN core_run_vcd
#include "core_loop.h"
#undef CORE_TRACE
#undef CORE_RUN
#undef CORE_VCD

/* A tile that writes waves: its start values first, its halt after. */
static void core_run_waves(tile_t *t, uint64_t until)
{
	vcd_rec_begin(t);
	core_run_vcd(t, until);
	if (t->state == TS_HALTED)
		vcd_rec_halt(t);
}

void core_run(tile_t *t, uint64_t until)
{
	if (t->state != TS_RUNNING)
		return;
	if (__builtin_expect(vcd_out_active != NULL, 0) && vcd_out_wants(vcd_out_active, t))
		core_run_waves(t, until);
	else if (t->mesh->trace)
		core_run_traced(t, until);
	else
		core_run_fast(t, until);
}
