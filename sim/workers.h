/*
 * Host worker threads for the core phase of a window: the active tiles of one window
 * are independent (isa/SPEC.md §8.3, LOOKAHEAD), so they run on any number of threads
 * with identical results.
 */
#ifndef TESS_WORKERS_H
#define TESS_WORKERS_H

#include <stdint.h>

struct mesh;
typedef struct workers workers;

/* n host threads in all (the caller's included); NULL when n <= 1 or on failure. */
workers *workers_new(int n);
void workers_free(workers *w);
/* Call fn(m, id, to) for each id in ids[0..n), spread over the threads; returns when all are done. */
void workers_run(workers *w, struct mesh *m, const uint32_t *ids, uint32_t n, uint64_t to,
		 void (*fn)(struct mesh *m, uint32_t id, uint64_t to));

#endif
