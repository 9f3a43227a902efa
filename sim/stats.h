/* Statistics: per-tile counters from stats.def, reports as a table and as JSON. */
#ifndef TESS_STATS_H
#define TESS_STATS_H

#include <stdint.h>
#include <stdio.h>

#include "isa.h"

typedef struct {
#define STAT(name, desc) uint64_t name;
#include "stats.def"
#undef STAT
	uint64_t op_count[OP_COUNT];
} tile_stats;

struct mesh;
void stats_print_table(const struct mesh *m, FILE *f);
void stats_write_json(const struct mesh *m, FILE *f);

#endif
