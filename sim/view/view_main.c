/*
 * tessera view: the run options of tessera run (sim/run_setup.c) plus the viewer's.
 * With --screenshot it draws one frame at --at-cycle without a display; otherwise it
 * opens an SDL2 window (sim/view/window.c).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "run_setup.h"
#include "tilespec.h"
#include "view.h"
#include "window.h"

static const char view_usage[] =
	"usage: tessera view [options] [PROGRAM.elf]\n"
	"\n"
	"Runs programs as tessera run does, in a window that shows the chip: tiles coloured\n"
	"by state, links by traffic, an inspector of the selected tile. Press ? in the\n"
	"window for the keys. Viewer options:\n"
	"\n"
	"  --screenshot FILE.png no window: run to --at-cycle, draw one frame, write it\n"
	"  --at-cycle N          the cycle of the screenshot (default 0)\n"
	"  --size WxH            window or picture size in pixels (default 1280x800)\n"
	"  --select N            open the inspector on tile N\n"
	"  --heat MODE           off, cycles, instructions, messages or traffic\n"
	"  --tree                draw the supervision tree\n"
	"  --no-links            do not draw the links\n"
	"  --script CMDS         commands run in turn, ';' between them: step N, until N,\n"
	"                        fault, key K, select N, heat MODE, shot FILE, quit\n"
	"  --no-window           play --script without a display (shot writes the frames)\n"
	"\n"
	"Run options (as for tessera run):\n";

enum { OPT_SHOT = RUN_EXTRA_ID, OPT_AT, OPT_SIZE, OPT_SELECT, OPT_HEAT, OPT_TREE,
       OPT_NOLINKS, OPT_SCRIPT, OPT_NOWIN };

static const struct option view_opts[] = {
	{"screenshot", required_argument, NULL, OPT_SHOT},
	{"at-cycle", required_argument, NULL, OPT_AT},
	{"size", required_argument, NULL, OPT_SIZE},
	{"select", required_argument, NULL, OPT_SELECT},
	{"heat", required_argument, NULL, OPT_HEAT},
	{"tree", no_argument, NULL, OPT_TREE},
	{"no-links", no_argument, NULL, OPT_NOLINKS},
	{"script", required_argument, NULL, OPT_SCRIPT},
	{"no-window", no_argument, NULL, OPT_NOWIN},
	{NULL, 0, NULL, 0},
};

typedef struct {
	const char *shot, *script;
	uint64_t at;
	int w, h;
	int64_t sel;
	int heat;
	bool tree, no_links, no_window;
} view_opts_t;

static int view_bad(const char *what, const char *arg)
{
	fprintf(stderr, "tessera view: bad %s '%s'\n(tessera view --help lists the options)\n",
		what, arg);
	return 1;
}

static int parse_view_opt(void *ctx, int id, const char *arg)
{
	view_opts_t *o = ctx;
	uint64_t n;
	char tail;
	switch (id) {
	case OPT_SHOT: o->shot = arg; return 0;
	case OPT_SCRIPT: o->script = arg; return 0;
	case OPT_TREE: o->tree = true; return 0;
	case OPT_NOLINKS: o->no_links = true; return 0;
	case OPT_NOWIN: o->no_window = true; return 0;
	case OPT_AT:
		return parse_u64(arg, false, &o->at) ? 0 : view_bad("--at-cycle", arg);
	case OPT_SELECT:
		if (!parse_u64(arg, false, &n) || n > UINT32_MAX)
			return view_bad("--select", arg);
		o->sel = (int64_t)n;
		return 0;
	case OPT_SIZE:
		if (sscanf(arg, "%dx%d%c", &o->w, &o->h, &tail) != 2 || o->w < 64 || o->h < 64 ||
		    o->w > 8192 || o->h > 8192)
			return view_bad("--size (WxH pixels, 64..8192)", arg);
		return 0;
	case OPT_HEAT:
		for (int h = 0; h < HEAT_COUNT; h++)
			if (!strcmp(arg, view_heat_name((heat_mode)h))) {
				o->heat = h;
				return 0;
			}
		return view_bad("--heat (off, cycles, instructions, messages, traffic)", arg);
	}
	return 1;
}

static void apply_opts(view *v, const view_opts_t *o)
{
	v->heat = (heat_mode)o->heat;
	v->tree = o->tree;
	v->links = !o->no_links;
	if (o->sel >= 0 && (uint64_t)o->sel < v->m->ntiles)
		v->sel = o->sel;
}

/* Run to the cycle, draw, write. */
static int headless(view *v, const view_opts_t *o)
{
	if (!cv_alloc(&v->cv, o->w, o->h)) {
		fprintf(stderr, "tessera view: out of memory for a %dx%d picture\n", o->w, o->h);
		return EXIT_BAD_INPUT;
	}
	view_fit(v);
	view_run_to(v, RUN_TO_CYCLE, o->at);
	while (v->mode != RUN_PAUSED)
		view_advance(v, 1.0);
	if (!view_screenshot(v, o->shot)) {
		perror(o->shot);
		return EXIT_BAD_INPUT;
	}
	fprintf(stderr, "tessera view: wrote %s at cycle %" PRIu64 "\n", o->shot, v->m->now);
	return 0;
}

/* --no-window --script: the script's commands with no display; keys go to view_key. */
static int scripted(view *v, const view_opts_t *o)
{
	view_script *s = view_script_new(o->script);
	if (!s || !cv_alloc(&v->cv, o->w, o->h)) {
		fprintf(stderr, "tessera view: out of memory\n");
		view_script_free(s);
		return EXIT_BAD_INPUT;
	}
	view_fit(v);
	bool failed = false;
	while (!v->quit && view_script_step(v, s, NULL, &failed))
		view_advance(v, 1.0);
	view_script_free(s);
	return failed ? EXIT_BAD_INPUT : 0;
}

int cli_view(int argc, char **argv)
{
	view_opts_t vo = {.w = 1280, .h = 800, .sel = -1};
	run_extra extra = {view_opts, parse_view_opt, &vo, view_usage};
	run_opts o = {0};
	int rc = run_parse_args(&o, "view", argc, argv, &extra);
	if (rc >= 0)
		return run_finish(&o, NULL, rc);
	if (vo.sel >= 0 && (uint64_t)vo.sel >= (uint64_t)o.cfg.width * o.cfg.height) {
		view_bad("--select (a tile of the mesh)", argv[0]);
		return run_finish(&o, NULL, EXIT_BAD_INPUT);
	}
	if (vo.no_window && !vo.script) {
		view_bad("--no-window (it plays a --script)", "");
		return run_finish(&o, NULL, EXIT_BAD_INPUT);
	}
	mesh_t *m = run_load(&o, &rc);
	if (!m)
		return run_finish(&o, NULL, rc);
	engine_t *e = engine_new(m);
	if (!e) {
		fprintf(stderr, "tessera view: out of memory\n");
		return run_finish(&o, m, EXIT_BAD_INPUT);
	}
	view v;
	view_init(&v, m, e);
	apply_opts(&v, &vo);
	if (vo.shot)
		rc = headless(&v, &vo);
	else if (vo.no_window)
		rc = scripted(&v, &vo);
	else
		rc = view_window(&v, vo.w, vo.h, vo.script);
	bool finished = v.finished;
	view_free(&v);
	engine_end(e);
	if (!rc && finished) {
		rc = run_status(m);
		int wr = run_write_reports(&o, m);
		if (wr)
			rc = wr;
	}
	return run_finish(&o, m, rc);
}
