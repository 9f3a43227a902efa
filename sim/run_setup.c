/* The run options and program placement shared by tessera run and tessera view. */
#include "run_setup.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "control.h"
#include "devices/devices.h"
#include "mpi_hooks.h"
#include "stats.h"
#include "tilespec.h"
#include "vcd_out.h"
#include "version.h"
#include "workers.h"

static const char usage_head[] =
	"usage: tessera run [options] [PROGRAM.elf]\n"
	"\n"
	"Runs programs on a simulated Tessera chip. PROGRAM.elf alone runs on tile 0 of a\n"
	"1x1 mesh. Guest output goes to stdout; the simulator writes only to stderr.\n"
	"\n";

static const char usage_opts[] =
	"  --mesh WxH            mesh size, 1..1024 each way (default 1x1)\n"
	"  --mem SIZE            SRAM per tile: power of two, 4K..1M (default 64K)\n"
	"  --tile SPEC=FILE.elf  load FILE.elf on the tiles of SPEC: all, N, A-B, X,Y or\n"
	"                        X0-X1,Y0-Y1 (repeatable; a later one wins on a tile)\n"
	"  --max-cycles N        stop at cycle N (exit status 124)\n"
	"  --stats               print per-tile statistics on stderr at the end\n"
	"  --stats-json FILE     write statistics as JSON\n"
	"  --trace FILE          commit trace: cycle tile pc insn disassembly [rd=value]\n"
	"  --msg-trace FILE      message trace: sent delivered source destination tag len vnet\n"
	"  --vcd FILE            waves (VCD) with the RTL's signal names, time 2c = cycle c\n"
	"  --vcd-tiles LIST      tiles in the waves: all, or N and A-B, comma-separated (default 0)\n"
	"  --boot ROOT.elf       OS boot: only ROOT.elf, on tile 0, with CONTROL over every\n"
	"                        tile; the OS loads the rest (isa/SPEC.md §10)\n"
	"  --manifest FILE       place programs from FILE: lines SPEC FILE.elf [cycles=N]\n"
	"                        [bound=N] [msgs=N] [supervisor=ID] [control=all|A-B]\n"
	"  --disk FILE           block store backed by FILE (created with 64 KiB if missing)\n"
	"  --no-semihost         ecall halts the tile instead of write/read/exit\n"
	"  --console-prefix M    auto|on|off: prefix console lines with [tile] (default auto)\n"
	"  --threads N           N parts on host threads, at most one per core (default 1);\n"
	"                        results are identical for any N\n"
	"  --quiet               nothing on stderr but errors\n"
	"  --help, --version\n";

static const char usage_tail[] =
	"\n"
	"Exit status: the guest's exit value on a one-tile run; on a mesh 0 if every\n"
	"preloaded tile exited with 0, else the exit value of the lowest such tile that did\n"
	"not; 126 if a preloaded tile faulted; 124 at --max-cycles; 125 for bad input.\n";

enum { OPT_MESH = 256, OPT_MEM, OPT_TILE, OPT_MAX, OPT_STATS, OPT_JSON, OPT_TRACE,
       OPT_NOSEMI, OPT_PREFIX, OPT_QUIET, OPT_THREADS, OPT_HELP, OPT_VERSION,
       OPT_MSGTRACE, OPT_MANIFEST, OPT_DISK, OPT_BOOT, OPT_VCD, OPT_VCD_TILES };

static const struct option long_opts[] = {
	{"mesh", required_argument, NULL, OPT_MESH},
	{"mem", required_argument, NULL, OPT_MEM},
	{"tile", required_argument, NULL, OPT_TILE},
	{"max-cycles", required_argument, NULL, OPT_MAX},
	{"stats", no_argument, NULL, OPT_STATS},
	{"stats-json", required_argument, NULL, OPT_JSON},
	{"trace", required_argument, NULL, OPT_TRACE},
	{"no-semihost", no_argument, NULL, OPT_NOSEMI},
	{"console-prefix", required_argument, NULL, OPT_PREFIX},
	{"quiet", no_argument, NULL, OPT_QUIET},
	{"threads", required_argument, NULL, OPT_THREADS},
	{"msg-trace", required_argument, NULL, OPT_MSGTRACE},
	{"vcd", required_argument, NULL, OPT_VCD},
	{"vcd-tiles", required_argument, NULL, OPT_VCD_TILES},
	{"manifest", required_argument, NULL, OPT_MANIFEST},
	{"disk", required_argument, NULL, OPT_DISK},
	{"boot", required_argument, NULL, OPT_BOOT},
	{"help", no_argument, NULL, OPT_HELP},
	{"version", no_argument, NULL, OPT_VERSION},
	{NULL, 0, NULL, 0},
};

static const char *cmd_name = "run";   /* the subcommand, for messages */

static int bad(const char *fmt, const char *arg)
{
	fprintf(stderr, "tessera %s: ", cmd_name);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n(tessera %s --help lists the options)\n", cmd_name);
	return EXIT_BAD_INPUT;
}

static bool parse_mesh(const char *s, mesh_config *c)
{
	unsigned w, h;
	char tail;
	if (sscanf(s, "%ux%u%c", &w, &h, &tail) != 2)
		return false;
	if (w < 1 || h < 1 || w > MESH_MAX_DIM || h > MESH_MAX_DIM)
		return false;
	c->width = w;
	c->height = h;
	return true;
}

static bool parse_mem(const char *s, mesh_config *c)
{
	uint64_t v;
	if (!parse_u64(s, true, &v) || v < MEM_MIN || v > MEM_MAX || (v & (v - 1)))
		return false;
	c->mem_size = (uint32_t)v;
	return true;
}

static bool add_place(run_opts *o, const char *spec, const char *path)
{
	placement *v = realloc(o->places, (o->nplaces + 1) * sizeof *v);
	if (!v)
		return false;
	o->places = v;
	v[o->nplaces].spec = strdup(spec);
	v[o->nplaces].path = strdup(path);
	v[o->nplaces].opt = NULL;
	o->nplaces++;
	return true;
}

static int parse_one(run_opts *o, int c, const char *arg)
{
	uint64_t v;
	switch (c) {
	case OPT_MESH:
		return parse_mesh(arg, &o->cfg) ? 0 : bad("bad --mesh '%s' (expected WxH, 1..1024)", arg);
	case OPT_MEM:
		return parse_mem(arg, &o->cfg) ? 0 :
			bad("bad --mem '%s' (a power of two from 4K to 1M)", arg);
	case OPT_TILE: {
		const char *eq = strchr(arg, '=');
		if (!eq || eq == arg || !eq[1])
			return bad("bad --tile '%s' (expected SPEC=FILE.elf)", arg);
		char *spec = strndup(arg, (size_t)(eq - arg));
		bool ok = spec && add_place(o, spec, eq + 1);
		free(spec);
		return ok ? 0 : bad("%s", "out of memory");
	}
	case OPT_MAX:
		if (!parse_u64(arg, false, &v) || v == 0)
			return bad("bad --max-cycles '%s' (a positive number)", arg);
		o->cfg.max_cycles = v;
		return 0;
	case OPT_THREADS:
		if (!parse_u64(arg, false, &v) || v < 1 || v > 256)
			return bad("bad --threads '%s' (1..256)", arg);
		o->cfg.threads = (int)v;
		return 0;
	case OPT_STATS: o->stats = true; return 0;
	case OPT_JSON: o->stats_json = arg; return 0;
	case OPT_TRACE: o->cfg.trace_path = arg; return 0;
	case OPT_MSGTRACE: o->cfg.msg_trace_path = arg; return 0;
	case OPT_VCD: o->vcd_path = arg; return 0;
	case OPT_VCD_TILES: o->vcd_tiles = arg; return 0;
	case OPT_MANIFEST: o->manifest_path = arg; return 0;
	case OPT_DISK: o->disk_path = arg; return 0;
	case OPT_BOOT: o->boot_path = arg; return 0;
	case OPT_NOSEMI: o->cfg.semihost = false; return 0;
	case OPT_QUIET: o->cfg.quiet = true; return 0;
	case OPT_PREFIX:
		if (!strcmp(arg, "auto")) o->cfg.prefix = PREFIX_AUTO;
		else if (!strcmp(arg, "on")) o->cfg.prefix = PREFIX_ON;
		else if (!strcmp(arg, "off")) o->cfg.prefix = PREFIX_OFF;
		else return bad("bad --console-prefix '%s' (auto, on or off)", arg);
		return 0;
	}
	return bad("%s", "unknown option");
}

/* --boot ROOT: a one-line manifest "0 ROOT control=all". */
static bool boot_manifest(run_opts *o)
{
	manifest_entry *e = calloc(1, sizeof *e);
	if (!e)
		return false;
	e->spec = strdup("0");
	e->path = strdup(o->boot_path);
	e->has_ctl = true;
	e->ctl_hi = o->cfg.width * o->cfg.height - 1;
	o->mf.v = e;
	o->mf.n = 1;
	return e->spec && e->path;
}

/* The manifest's lines become placements (before --tile ones, which win on a tile). */
static bool add_manifest(run_opts *o)
{
	char err[512];
	if (o->boot_path) {
		if (!boot_manifest(o))
			return false;
	} else if (!manifest_load(o->manifest_path, o->cfg.width * o->cfg.height, &o->mf, err,
				  sizeof err)) {
		fprintf(stderr, "tessera %s: %s\n", cmd_name, err);
		return false;
	}
	size_t before = o->nplaces;
	for (size_t i = 0; i < o->mf.n; i++)
		if (!add_place(o, o->mf.v[i].spec, o->mf.v[i].path))
			return false;
	/* Manifest placements go first so that --tile overrides them. */
	placement *v = o->places;
	size_t k = o->mf.n;
	placement *tmp = malloc((o->nplaces) * sizeof *tmp);
	if (!tmp)
		return false;
	memcpy(tmp, v + before, k * sizeof *tmp);
	memcpy(tmp + k, v, before * sizeof *tmp);
	for (size_t i = 0; i < k; i++)
		tmp[i].opt = &o->mf.v[i];
	memcpy(v, tmp, o->nplaces * sizeof *tmp);
	free(tmp);
	return true;
}

/* run's options followed by the subcommand's (malloc'd; NULL when out of memory). */
static struct option *all_options(const run_extra *extra)
{
	size_t n = sizeof long_opts / sizeof long_opts[0], k = 0;
	while (extra && extra->opts[k].name)
		k++;
	struct option *v = malloc((n + k) * sizeof *v);
	if (!v)
		return NULL;
	if (k)
		memcpy(v, extra->opts, k * sizeof *v);
	memcpy(v + k, long_opts, n * sizeof *v);
	return v;
}

static int print_usage(const run_extra *extra)
{
	fputs(extra ? extra->usage : usage_head, stdout);
	fputs(usage_opts, stdout);
	if (!extra)
		fputs(usage_tail, stdout);
	return 0;
}

static int parse_option(run_opts *o, const run_extra *extra, int c, char **argv)
{
	if (c == OPT_HELP)
		return print_usage(extra);
	if (c == OPT_VERSION) {
		printf("tessera %s\n", TESSERA_VERSION);
		return 0;
	}
	if (c == '?') {
		if (optopt)
			return bad("option needs an argument or takes none: %s", argv[optind - 1]);
		return bad("unknown option '%s'", argv[optind - 1]);
	}
	if (c >= RUN_EXTRA_ID && extra)
		return extra->parse(extra->ctx, c, optarg) ? EXIT_BAD_INPUT : -1;
	int rc = parse_one(o, c, optarg);
	return rc ? rc : -1;
}

int run_parse_args(run_opts *o, const char *cmd, int argc, char **argv, const run_extra *extra)
{
	o->cmd = cmd_name = cmd;
	mesh_config_default(&o->cfg);
	struct option *opts = all_options(extra);
	if (!opts)
		return bad("%s", "out of memory");
	optind = 1;
	opterr = 0;
	int c, rc = -1;
	while (rc < 0 && (c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		rc = parse_option(o, extra, c, argv);
	free(opts);
	if (rc >= 0)
		return rc;
	if (optind < argc - 1)
		return bad("more than one program given ('%s'); use --tile SPEC=FILE", argv[optind + 1]);
	if (optind == argc - 1 && !add_place(o, "0", argv[optind]))
		return bad("%s", "out of memory");
	if (o->boot_path && (o->manifest_path || o->nplaces))
		return bad("%s", "--boot loads only the root: no --tile, --manifest or program with it");
	if ((o->manifest_path || o->boot_path) && !add_manifest(o))
		return EXIT_BAD_INPUT;
	if (o->nplaces == 0)
		return bad("%s", "no program given");
	return -1;
}

static elf_image *cached_image(image_cache *ic, const char *path, uint32_t mem, int *rc)
{
	for (size_t i = 0; i < ic->n; i++)
		if (!strcmp(ic->paths[i], path))
			return ic->images[i];
	char err[512];
	elf_image *img = elf_image_load(path, mem, err, sizeof err);
	if (!img) {
		fprintf(stderr, "tessera %s: %s\n", cmd_name, err);
		*rc = EXIT_BAD_INPUT;
		return NULL;
	}
	ic->images = realloc(ic->images, (ic->n + 1) * sizeof *ic->images);
	ic->paths = realloc(ic->paths, (ic->n + 1) * sizeof *ic->paths);
	if (!ic->images || !ic->paths) {
		fprintf(stderr, "tessera %s: out of memory\n", cmd_name);
		exit(EXIT_BAD_INPUT);
	}
	ic->images[ic->n] = img;
	ic->paths[ic->n++] = strdup(path);
	return img;
}

static void image_cache_free(image_cache *ic)
{
	for (size_t i = 0; i < ic->n; i++) {
		elf_image_free(ic->images[i]);
		free(ic->paths[i]);
	}
	free(ic->images);
	free(ic->paths);
}

typedef struct {
	const elf_image **per_tile;
	const manifest_entry **per_opt;
	const elf_image *img;
	const manifest_entry *opt;
} assign_ctx;

static void assign(uint32_t id, void *arg)
{
	assign_ctx *a = arg;
	a->per_tile[id] = a->img;
	a->per_opt[id] = a->opt;
}

/* Decide which image runs on each tile. Returns 0 or an exit status. */
static int assign_programs(const run_opts *o, image_cache *ic, const elf_image **per_tile,
			   const manifest_entry **per_opt)
{
	for (size_t i = 0; i < o->nplaces; i++) {
		int rc = 0;
		assign_ctx a = {per_tile, per_opt,
				cached_image(ic, o->places[i].path, o->cfg.mem_size, &rc),
				o->places[i].opt};
		if (!a.img)
			return rc;
		char err[256];
		if (!tilespec_each(o->places[i].spec, o->cfg.width, o->cfg.height, assign, &a,
				   err, sizeof err)) {
			fprintf(stderr, "tessera %s: --tile %s=%s: %s\n", cmd_name, o->places[i].spec,
				o->places[i].path, err);
			return EXIT_BAD_INPUT;
		}
	}
	return 0;
}

/* Budgets, supervisor and capabilities of a preloaded tile (SPEC §10). */
static int preload_options(mesh_t *m, tile_t *t, const elf_image **per_tile,
			   const manifest_entry *e)
{
	int64_t super = -1;
	uint32_t lo = 1, hi = 0;
	if (e) {
		if (e->bound > m->cfg.mem_size) {
			fprintf(stderr, "tessera %s: manifest line %d: bound %u over the tile's memory\n",
				cmd_name, e->line, e->bound);
			return EXIT_BAD_INPUT;
		}
		if (e->has_super && (!per_tile[e->super] || e->super == t->id)) {
			fprintf(stderr, "tessera %s: manifest line %d: supervisor %u of tile %u is not "
				"another preloaded tile\n", cmd_name, e->line, e->super, t->id);
			return EXIT_BAD_INPUT;
		}
		t->budget_cycles = e->cycles;
		t->budget_msgs = e->msgs;
		if (e->bound)
			t->bound = e->bound;
		super = e->has_super ? (int64_t)e->super : -1;
		if (e->has_ctl) {
			lo = e->ctl_lo;
			hi = e->ctl_hi;
		}
	}
	ctl_preload(t, super, lo, hi);
	return 0;
}

typedef struct {
	mesh_t *m;
	const elf_image **per_tile;
} fill_job;

/* Thread k copies the images of the tiles it will run (sim/engine.c's parts), so the
   first touch of their SRAM is spread over the threads, and stays in their caches. */
static void fill_part(void *ctx, int k)
{
	const fill_job *j = ctx;
	for (uint32_t id = 0; id < j->m->ntiles; id++)
		if (j->per_tile[id] && mesh_part(j->m, id) == (uint32_t)k)
			elf_image_fill(j->per_tile[id], j->m->tiles[id]);
}

static void fill_tiles(mesh_t *m, const elf_image **per_tile)
{
	uint32_t n = m->nparts;
	fill_job j = {m, per_tile};
	workers *w = n > 1 ? workers_new((int)n) : NULL;
	if (w)
		workers_run(w, fill_part, &j);
	else
		for (uint32_t k = 0; k < n; k++)
			fill_part(&j, (int)k);
	workers_free(w);
}

static int load_tiles(mesh_t *m, const elf_image **per_tile, const manifest_entry **per_opt)
{
	for (uint32_t id = 0; id < m->ntiles; id++) {
		if (!per_tile[id])
			continue;
		tile_t *t = mesh_tile(m, id);
		if (!t) {
			fprintf(stderr, "tessera %s: out of host memory loading tile %u\n", cmd_name, id);
			return EXIT_BAD_INPUT;
		}
		elf_image_attach(per_tile[id], t);
		t->preloaded = true;
		int rc = preload_options(m, t, per_tile, per_opt[id]);
		if (rc)
			return rc;
		tile_start(t, per_tile[id]->entry, 0);
		mesh_activate(m, t);
	}
	fill_tiles(m, per_tile);
	if (m->nactive > 1)
		console_expect_writers(m);
	return 0;
}

static void report_fault(const tile_t *t)
{
	const elf_symbol *s = elf_symbol_at(t->image, t->halt_pc);
	char where[160] = "";
	if (s)
		snprintf(where, sizeof where, " <%s+0x%x>", s->name, t->halt_pc - s->addr);
	fprintf(stderr, "tessera: tile %u (%u,%u) halted: %s (%s) at pc 0x%08x%s, value 0x%08x, "
		"cycle %" PRIu64 "\n", t->id, t->tx, t->ty, isa_cause_name(t->cause),
		isa_cause_text(t->cause), t->halt_pc, where, t->halt_value, t->halt_cycles);
}

/* Exit status per isa/SPEC.md §12, with a line on stderr per faulting tile. */
int run_status(const mesh_t *m)
{
	int status = 0;
	bool fault = false, set = false;
	for (uint32_t i = 0; i < m->ntiles; i++) {
		const tile_t *t = m->tiles[i];
		if (!t || !t->preloaded || t->state != TS_HALTED)
			continue;
		if (t->cause != CAUSE_EXIT) {
			fault = true;
			if (!m->cfg.quiet)
				report_fault(t);
		} else if (!set && t->halt_value != 0) {
			status = (int)(t->halt_value & 0xff);
			set = status != 0;
		}
	}
	if (m->max_reached) {
		if (!m->cfg.quiet)
			fprintf(stderr, "tessera: stopped at --max-cycles %" PRIu64 "\n", m->cfg.max_cycles);
		return EXIT_MAX_CYCLES;
	}
	return fault ? EXIT_FAULT : status;
}

int run_write_reports(const run_opts *o, const mesh_t *m)
{
	if (o->stats)
		stats_print_table(m, stderr);
	if (!o->stats_json)
		return 0;
	FILE *f = fopen(o->stats_json, "w");
	if (!f) {
		perror(o->stats_json);
		return EXIT_BAD_INPUT;
	}
	stats_write_json(m, f);
	return fclose(f) == 0 ? 0 : EXIT_BAD_INPUT;
}

/* Under MPI rank 0 writes the traces; the others record them (the trace must be on)
   and drop them, so they open /dev/null rather than truncate rank 0's file. */
static int open_outputs(mesh_t *m)
{
	bool root = !m->cfg.dist || m->cfg.dist->rank == 0;
	const char *tp = m->cfg.trace_path, *mp = m->cfg.msg_trace_path;
	if (tp && !(m->trace = fopen(root ? tp : "/dev/null", "w"))) {
		perror(tp);
		return EXIT_BAD_INPUT;
	}
	if (mp && !(m->msg_trace = fopen(root ? mp : "/dev/null", "w"))) {
		perror(mp);
		return EXIT_BAD_INPUT;
	}
	return 0;
}

/* --vcd: the waves of the chosen tiles (sim/vcd_out.h). */
static int open_waves(const run_opts *o, mesh_t *m)
{
	char err[256];
	if (!o->vcd_path && o->vcd_tiles) {
		fprintf(stderr, "tessera %s: --vcd-tiles needs --vcd FILE\n", o->cmd);
		return EXIT_BAD_INPUT;
	}
	/* Under MPI rank 0 writes the file: the other ranks record and ship their tiles'
	   changes to it with the rest of the output (sim/mpi_window.c). */
	const char *path = m->cfg.dist && m->cfg.dist->rank != 0 ? NULL : o->vcd_path;
	if (o->vcd_path &&
	    !vcd_out_open(path, o->vcd_tiles ? o->vcd_tiles : "0", m, err, sizeof err)) {
		fprintf(stderr, "tessera %s: --vcd %s --vcd-tiles %s: %s\n", o->cmd, o->vcd_path,
			o->vcd_tiles ? o->vcd_tiles : "0", err);
		return EXIT_BAD_INPUT;
	}
	return 0;
}

static void close_outputs(mesh_t *m)
{
	if (!vcd_out_close(m))
		fprintf(stderr, "tessera: writing the --vcd file failed\n");
	if (m->trace)
		fclose(m->trace);
	if (m->msg_trace)
		fclose(m->msg_trace);
	m->trace = m->msg_trace = NULL;
}

void run_unload(mesh_t *m)
{
	if (m)
		close_outputs(m);
	mesh_free(m);
}

int run_finish(run_opts *o, mesh_t *m, int rc)
{
	run_unload(m);
	image_cache_free(&o->ic);
	for (size_t i = 0; i < o->nplaces; i++) {
		free(o->places[i].spec);
		free(o->places[i].path);
	}
	free(o->places);
	manifest_free(&o->mf);
	return rc;
}

mesh_t *run_load(run_opts *o, int *rc)
{
	mesh_t *m = mesh_new(&o->cfg);
	const elf_image **per_tile = m ? calloc(m->ntiles, sizeof *per_tile) : NULL;
	const manifest_entry **per_opt = m ? calloc(m->ntiles, sizeof *per_opt) : NULL;
	char err[512];
	*rc = 0;
	if (!per_tile || !per_opt) {
		fprintf(stderr, "tessera %s: out of host memory for a %ux%u mesh\n", o->cmd,
			o->cfg.width, o->cfg.height);
		*rc = EXIT_BAD_INPUT;
	} else if (o->disk_path && !blk_open(m, o->disk_path, err, sizeof err)) {
		fprintf(stderr, "tessera %s: --disk %s\n", o->cmd, err);
		*rc = EXIT_BAD_INPUT;
	} else if (!(*rc = assign_programs(o, &o->ic, per_tile, per_opt)) &&
		   !(*rc = load_tiles(m, per_tile, per_opt))) {
		*rc = open_outputs(m);
		if (!*rc)
			*rc = open_waves(o, m);
	}
	free(per_tile);
	free(per_opt);
	if (*rc && m) {
		close_outputs(m);
		mesh_free(m);
		m = NULL;
	}
	return m;
}
