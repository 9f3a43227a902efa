/*
 * Host worker threads for the core phase of a window: the active tiles of one window
 * are independent (isa/SPEC.md §8.3, LOOKAHEAD), so they run on any number of threads
 * with identical results. The engine splits the mesh into one part per thread.
 *
 * A pool of n parts starts one thread per part only while they fit the cores the
 * process may run on (or with TESSERA_WINDOW_ANY_CORES=1, for the tests): more threads
 * than cores would wait for each other's time slices at every meeting. Otherwise it
 * starts one thread per core and each runs several parts one after another (the parts,
 * and so every result, stay those of --threads N). When the threads fill every core the
 * process may run on, thread t keeps to the t-th of them (TESSERA_PIN=0: never).
 */
#ifndef TESS_WORKERS_H
#define TESS_WORKERS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

struct mesh;
typedef struct workers workers;

/* A count that one thread raises and others wait for. A waiter spins a little, then
   sleeps in the kernel (a futex on `seq`) until the count is raised: on a host whose
   cores other processes share, a spinning or yielding waiter would hold a core the
   thread it waits for needs (sim/README.md, "Waiting and pinning"). */
typedef struct {
	atomic_uint_fast64_t value;
	atomic_uint seq;          /* bumped by every raise: the word sleepers wait on */
	atomic_uint sleepers;
} workers_count;

/* A pool for n parts (the caller's thread included); NULL when n <= 1 or on failure.
   A pool whose threads are pinned keeps the caller's thread to the first core until
   workers_free gives it back its affinity. */
workers *workers_new(int n);
void workers_free(workers *w);
/* Call fn(ctx, k) for every part k in [0, n), part k on thread k mod threads (0: the
   caller); returns when all are done. */
void workers_run(workers *w, void (*fn)(void *ctx, int k), void *ctx);
/* The cores this process may run on (its CPU affinity: taskset, cgroup cpusets). */
int workers_host_cores(void);
/* Whether every part has a thread of its own (only then may a round meet inside). */
bool workers_thread_each(const workers *w);
/* Sets the count to v (release: what this thread wrote before is seen by a waiter that
   sees v) and wakes its sleepers. */
void workers_raise(workers_count *c, uint64_t v);
/* Adds 1 to the count (release), for counts several threads raise, and wakes its
   sleepers. */
void workers_add(workers_count *c);
/* Inside a round of a pool with a thread per part: waits until the count, which another
   part's thread raises, reaches at least `least` (acquire). Parts meet only the parts
   they must (sim/noc.c). */
void workers_await(workers_count *c, uint64_t least);

#endif
