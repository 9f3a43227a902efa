/*
 * Host worker threads for the core phase of a window: the active tiles of one window
 * are independent (isa/SPEC.md §8.3, LOOKAHEAD), so they run on any number of threads
 * with identical results. The engine splits the mesh into one part per thread.
 *
 * A pool of n parts starts one thread per part only while they fit the cores the
 * process may run on (or with TESSERA_WINDOW_ANY_CORES=1, for the tests): more threads
 * than cores would wait for each other's time slices at every meeting. Otherwise it
 * starts one thread per core and each runs several parts one after another (the parts,
 * and so every result, stay those of --threads N).
 */
#ifndef TESS_WORKERS_H
#define TESS_WORKERS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

struct mesh;
typedef struct workers workers;

/* A pool for n parts (the caller's thread included); NULL when n <= 1 or on failure. */
workers *workers_new(int n);
void workers_free(workers *w);
/* Call fn(ctx, k) for every part k in [0, n), part k on thread k mod threads (0: the
   caller); returns when all are done. */
void workers_run(workers *w, void (*fn)(void *ctx, int k), void *ctx);
/* The cores this process may run on (its CPU affinity: taskset, cgroup cpusets). */
int workers_host_cores(void);
/* Whether every part has a thread of its own (only then may a round meet inside). */
bool workers_thread_each(const workers *w);
/* Inside a round of a pool with a thread per part: waits until *count, which another
   part's thread raises, reaches at least `least` (acquire: what that thread wrote before
   raising it is then seen). Parts meet only the parts they must (sim/noc.c). */
void workers_await(const atomic_uint_fast64_t *count, uint64_t least);

#endif
