/* The capability table of a tile and the cap.* instructions (isa/SPEC.md §4.2). */
#ifndef TESS_CAPS_H
#define TESS_CAPS_H

#include <stdbool.h>
#include <stdint.h>

#include "msg.h"
#include "tile.h"

typedef struct {
	cap_t slot[CAP_SLOTS];
} cap_table;

/* Execute cap.info/lo/hi/badge/drop/copy/mint/narrow; returns rd. */
uint32_t caps_exec(cap_table *ct, const dinsn *d, const uint32_t *x);
/* Install in the lowest empty slot; returns the slot, or -1 when the table is full. */
int caps_install(cap_table *ct, const cap_t *c);
static inline bool caps_covers(const cap_t *c, uint32_t e) { return e >= c->lo && e <= c->hi; }

#endif
