/* The engine: runs the chip in windows of LOOKAHEAD cycles (see sim/net.h). */
#ifndef TESS_ENGINE_H
#define TESS_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include "mesh.h"

/* Run until every tile has halted or is blocked with nothing left to wake it, or until
 * cfg.max_cycles. m->now is the cycle reached; m->max_reached says if the limit cut it.
 * The same as engine_new, engine_run_until(UINT64_MAX), engine_end. */
void engine_run(mesh_t *m);

/*
 * A run in slices (the viewer): the same cycles, output and statistics as engine_run,
 * whatever the slices. engine_run_until runs until the chip reaches cycle `stop`
 * (m->now == stop) or finishes; it returns true once finished (m->now is then the last
 * cycle, as after engine_run). Tiles may have run ahead of m->now (t->now > m->now).
 * engine_end writes the output not yet written and frees the engine.
 */
typedef struct engine engine_t;
engine_t *engine_new(mesh_t *m);       /* NULL when out of memory */
bool engine_run_until(engine_t *e, uint64_t stop);
void engine_end(engine_t *e);

#endif
