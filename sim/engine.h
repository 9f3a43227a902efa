/* The engine: runs the chip in windows of LOOKAHEAD cycles (see sim/net.h). */
#ifndef TESS_ENGINE_H
#define TESS_ENGINE_H

#include "mesh.h"

/* Run until every tile has halted or is blocked with nothing left to wake it, or until
 * cfg.max_cycles. m->now is the cycle reached; m->max_reached says if the limit cut it. */
void engine_run(mesh_t *m);

#endif
