/*
 * Harness of the mesh tests: build a chip, preload guest programs (from build/mesh/)
 * with parameters, supervisor and control rights, run it, look at the tiles.
 */
#ifndef MT_H
#define MT_H

#include <check.h>
#include <stdbool.h>
#include <stdint.h>

#include "mesh.h"

typedef struct {
	mesh_t *m;
	struct elf_image *img[16];
	int nimg;
} mt_chip;

/* A w x h chip; max_cycles 0 means a generous default (tests must not hang). */
void mt_new(mt_chip *c, uint32_t w, uint32_t h, uint64_t max_cycles);
/* Preload prog (a name in build/mesh/, without .elf) on tile id with params. */
tile_t *mt_load(mt_chip *c, uint32_t id, const char *prog, const uint32_t *params,
		unsigned nparams);
/* Give tile id a supervisor (preloaded) and/or CONTROL over [lo, hi]. */
void mt_caps(mt_chip *c, uint32_t id, int64_t super, uint32_t lo, uint32_t hi);
void mt_run(mt_chip *c);
void mt_free(mt_chip *c);
/* Read a word of a tile's memory at a symbol of the program plus offset. */
uint32_t mt_word(mt_chip *c, uint32_t id, const char *sym, uint32_t index);
/* Hops and the contention-free latency of SPEC §8.3, computed here independently. */
uint32_t mt_latency(uint32_t hops, uint32_t len, bool cap);

Suite *suite_net(void);
Suite *suite_progs(void);

#endif
