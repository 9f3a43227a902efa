/* Tile sets on the command line: "all", "5", "0-15", "x,y", "x0-x1,y0-y1". */
#ifndef TESS_TILESPEC_H
#define TESS_TILESPEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Parse spec for a W x H mesh. Calls fn(id, arg) for every tile in the set, in
 * increasing id order. Returns false with a reason in err when the spec is malformed or
 * names a tile outside the mesh.
 */
bool tilespec_each(const char *spec, uint32_t w, uint32_t h,
		   void (*fn)(uint32_t id, void *arg), void *arg, char *err, size_t errlen);

/* Parse an unsigned decimal (or 0x hex) number with an optional K/M/G suffix
 * (KiB/MiB/GiB also accepted) when `sizes` is true. */
bool parse_u64(const char *s, bool sizes, uint64_t *out);

#endif
