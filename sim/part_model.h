/*
 * The part model (TESSERA_PART_MODEL=1, sim/engine.c): the parts of `--threads N` run
 * one after another on one thread and each part's core phase is timed in every window.
 * From those times this module works out, for a few ways of synchronising the parts,
 * how long N equal cores would need at the least, and so how much faster the core phase
 * could be than on one thread (sim/README.md, "How far more threads can go"):
 *
 * - barrier: every part waits for every part after each window (what the engine does):
 *   the sum over windows of the slowest part;
 * - near parts: a part starts window w+1 once the parts within reach of it have ended
 *   window w. Within reach: any tile of theirs within LOOKAHEAD / HOP_LATENCY hops of
 *   one of its own, the farthest a flit injected in one window can travel in the next;
 * - near parts with slack s: a part may be s windows ahead of those parts (window w+1
 *   once they ended w - s). Only a time-skewed engine could do this, running a part's
 *   tiles far from its border ahead of those near it; the figure bounds what that
 *   could give.
 *
 * The finish times are kept for the last few windows only, so a run of any length
 * needs the same memory. Results of the run are those of any other.
 */
#ifndef TESS_PART_MODEL_H
#define TESS_PART_MODEL_H

#include <stdint.h>
#include <stdio.h>

typedef struct part_model part_model;

/* first: nparts + 1 part boundaries (tile ids, first[nparts] == ntiles) of a mesh
   `width` tiles wide. NULL when out of memory. */
part_model *part_model_new(uint32_t nparts, const uint32_t *first, uint32_t width);
/* One window: secs[k] is how long part k's core phase took. */
void part_model_window(part_model *pm, const double *secs);
/* How many times faster than one thread N cores could run the core phase at the most:
   with a barrier after each window (slack < 0), or waiting only for the parts within
   reach with `slack` windows of slack (0, 1 or 2; more gives 1). */
double part_model_gain(const part_model *pm, int slack);
/* The bounds, two lines on f. */
void part_model_print(const part_model *pm, FILE *f);
void part_model_free(part_model *pm);

#endif
