/*
 * The part of `tessera run` that other subcommands reuse (tessera view): the run
 * options, placing the programs on a new mesh, the exit status and the reports.
 * Messages start with "tessera CMD:" where CMD is the subcommand's name.
 */
#ifndef TESS_RUN_SETUP_H
#define TESS_RUN_SETUP_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>

#include "elf_load.h"
#include "manifest.h"
#include "mesh.h"

#define EXIT_MAX_CYCLES 124
#define EXIT_BAD_INPUT  125
#define EXIT_FAULT      126

typedef struct {
	char *spec;
	char *path;
	const manifest_entry *opt;   /* budgets etc. from a manifest line, or NULL */
} placement;

#define RUN_EXTRA_ID 1024        /* getopt ids of a subcommand's own options start here */

/* Options a subcommand adds to the run options: its getopt table (ids >= RUN_EXTRA_ID), a
 * handler returning 0 or non-zero (it printed why), and usage printed before run's. */
typedef struct {
	const struct option *opts;
	int (*parse)(void *ctx, int id, const char *arg);
	void *ctx;
	const char *usage;
} run_extra;

typedef struct {
	elf_image **images;          /* loaded, one per distinct path */
	char **paths;
	size_t n;
} image_cache;

typedef struct {
	const char *cmd;             /* "run", "view": for messages */
	mesh_config cfg;
	placement *places;
	size_t nplaces;
	const char *stats_json;
	const char *manifest_path, *disk_path;
	const char *boot_path;    /* --boot: the OS root, alone on tile 0 */
	const char *vcd_path, *vcd_tiles;   /* --vcd FILE, --vcd-tiles LIST */
	manifest mf;
	bool stats;
	image_cache ic;
} run_opts;

/* Parse the command line (argv[0] the subcommand). Returns -1 when the run should go
 * on, else an exit status (0 after --help or --version). extra may be NULL. */
int run_parse_args(run_opts *o, const char *cmd, int argc, char **argv, const run_extra *extra);
/* A mesh with every program placed and started, output files open; NULL with *rc set
 * (and a message on stderr) on failure. */
mesh_t *run_load(run_opts *o, int *rc);
/* Exit status per isa/SPEC.md §12, with a line on stderr per faulting tile. */
int run_status(const mesh_t *m);
/* --stats and --stats-json; 0 or an exit status. */
int run_write_reports(const run_opts *o, const mesh_t *m);
/* Close the outputs and free the mesh (may be NULL). */
void run_unload(mesh_t *m);
/* run_unload, then free the options; returns rc. */
int run_finish(run_opts *o, mesh_t *m, int rc);

#endif
