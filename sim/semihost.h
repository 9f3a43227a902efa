/* Semihosting (isa/SPEC.md §11): ecall as Linux write/read/exit. */
#ifndef TESS_SEMIHOST_H
#define TESS_SEMIHOST_H

#include <stdbool.h>

#include "tile.h"

/* Perform the ecall at t->pc. Returns false when the tile halted (exit or fault). */
bool semihost_ecall(tile_t *t);

#endif
