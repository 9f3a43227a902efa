/*
 * A VCD file in memory: every variable by hierarchical name, and the value changes of
 * each identifier code. Enough of IEEE 1364 §18 for what Verilator and the C model
 * write: scopes, vars (aliases share a code), scalar, vector and real changes.
 */
#ifndef TESS_VCD_H
#define TESS_VCD_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint64_t time;
	const char *value;        /* normalised: "0", "1", "x", "101", "r1.5" ... */
} vcd_change;

typedef struct {
	char *code;
	vcd_change *changes;      /* in time order */
	size_t n, cap;
} vcd_wave;

typedef struct {
	char *name;               /* "TOP.tess_tile.u_core.pc_q" */
	size_t wave;              /* index into waves */
} vcd_var;

typedef struct {
	vcd_var *vars;            /* sorted by name after vcd_load */
	size_t nvars, capvars;
	vcd_wave *waves;
	size_t nwaves, capwaves;
	char **strings;           /* every value string, freed with the file */
	size_t nstrings, capstrings;
} vcd_file;

/* Load path; on failure returns NULL with "PATH:LINE: reason" in err. */
vcd_file *vcd_load(const char *path, char *err, size_t errlen);
void vcd_free(vcd_file *v);
/* The variable of this name, or NULL. */
const vcd_var *vcd_find(const vcd_file *v, const char *name);

#endif
