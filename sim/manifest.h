/*
 * --manifest FILE: which program runs on which tiles, with budgets, supervisor and
 * control rights (isa/SPEC.md §10). One line per group of tiles:
 *
 *   # comment
 *   SPEC FILE.elf [cycles=N] [bound=N] [msgs=N] [supervisor=ID] [control=all|A|A-B]
 *
 * SPEC is a tile set as for --tile; FILE is relative to the manifest's folder.
 */
#ifndef TESS_MANIFEST_H
#define TESS_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
	char *spec, *path;
	int line;
	uint64_t cycles;          /* budgets, 0: unlimited */
	uint32_t bound, msgs;
	bool has_super, has_ctl;
	uint32_t super;
	uint32_t ctl_lo, ctl_hi;
} manifest_entry;

typedef struct {
	manifest_entry *v;
	size_t n;
} manifest;

/* Parse; on refusal returns false with "FILE:LINE: reason" in err. */
bool manifest_load(const char *path, uint32_t ntiles, manifest *out, char *err, size_t errlen);
void manifest_free(manifest *m);

#endif
