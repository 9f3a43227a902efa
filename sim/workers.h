/*
 * Host worker threads for the core phase of a window: the active tiles of one window
 * are independent (isa/SPEC.md §8.3, LOOKAHEAD), so they run on any number of threads
 * with identical results. The engine splits the mesh into one part per thread.
 */
#ifndef TESS_WORKERS_H
#define TESS_WORKERS_H

#include <stdint.h>

struct mesh;
typedef struct workers workers;

/* n host threads in all (the caller's included); NULL when n <= 1 or on failure. */
workers *workers_new(int n);
void workers_free(workers *w);
/* Call fn(ctx, k) on thread k for k in [0, n) (0: the caller); returns when all
   are done. */
void workers_run(workers *w, void (*fn)(void *ctx, int k), void *ctx);
/* Inside a round: every thread waits here until all n have arrived (a barrier). */
void workers_sync(workers *w);

#endif
