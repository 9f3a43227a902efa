/* The interpreter: a fast and a tracing variant of one loop (core_loop.h). */
#include "core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mesh.h"
#include "net.h"
#include "semihost.h"

static void core_out_of_memory(const tile_t *t)
{
	fprintf(stderr, "tessera: out of host memory predecoding tile %u\n", t->id);
	exit(125);
}

#define CORE_TRACE 0
#define CORE_RUN core_run_fast
#include "core_loop.h"
#undef CORE_TRACE
#undef CORE_RUN

#define CORE_TRACE 1
#define CORE_RUN core_run_traced
#include "core_loop.h"
#undef CORE_TRACE
#undef CORE_RUN

void core_run(tile_t *t, uint64_t until)
{
	if (t->state != TS_RUNNING)
		return;
	if (t->mesh->trace)
		core_run_traced(t, until);
	else
		core_run_fast(t, until);
}
