/*
 * make bench-view: frames per second of the viewer at 64x64 and 1024x1024 (drawing
 * alone, and with the chip running), and the chip's speed with and without drawing.
 * Figures only, nothing asserted. usage: bench_view DIR (holding hash16.elf, spin_s.elf)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run_setup.h"
#include "view.h"

#define FRAME_S (1.0 / 30)

static const char *dir;

static bool open_view(view *v, run_opts *o, const char *const *args)
{
	char *argv[16], buf[16][256];
	int argc = 0;
	argv[argc++] = "view";
	for (; *args; args++, argc++) {
		const char *at = strchr(*args, '@');
		if (at)
			snprintf(buf[argc], sizeof buf[argc], "%.*s%s%s", (int)(at - *args), *args, dir, at + 1);
		else
			snprintf(buf[argc], sizeof buf[argc], "%s", *args);
		argv[argc] = buf[argc];
	}
	memset(o, 0, sizeof *o);
	int rc = run_parse_args(o, "view", argc, argv, NULL);
	mesh_t *m = rc < 0 ? run_load(o, &rc) : NULL;
	if (!m)
		return false;
	view_init(v, m, engine_new(m));
	if (!cv_alloc(&v->cv, 1280, 800))
		return false;
	view_fit(v);
	return true;
}

static void close_view(view *v, run_opts *o)
{
	mesh_t *m = v->m;
	engine_t *e = v->eng;
	view_free(v);
	engine_end(e);
	run_finish(o, m, 0);
}

static double render_fps(view *v, double secs)
{
	double t0 = view_clock(), t;
	int n = 0;
	do {
		view_render(v);
		n++;
	} while ((t = view_clock()) - t0 < secs);
	return n / (t - t0);
}

/* The window's loop without the window: a slice of simulation, a frame, and again. */
static void running(view *v, double secs, bool draw, double *fps, double *cps)
{
	uint64_t c0 = v->m->now;
	double t0 = view_clock(), t, draw_s = 0;
	int n = 0;
	view_run_to(v, RUN_FREE, 0);
	do {
		view_advance(v, draw ? (FRAME_S - draw_s > 0.005 ? FRAME_S - draw_s : 0.005) : 0.1);
		if (draw) {
			double d0 = view_clock();
			view_render(v);
			draw_s = view_clock() - d0;
			n++;
		}
	} while ((t = view_clock()) - t0 < secs && !v->finished);
	*fps = n / (t - t0);
	*cps = (double)(v->m->now - c0) / (t - t0);
	view_run_to(v, RUN_PAUSED, 0);
}

static void bench(const char *name, const char *const *args, double zoom_ppt)
{
	run_opts o;
	view v;
	if (!open_view(&v, &o, args)) {
		fprintf(stderr, "%s: setup failed\n", name);
		return;
	}
	double whole = render_fps(&v, 1.0);
	double fit = v.ppt;
	v.ppt = zoom_ppt;
	v.ox = v.oy = 0;
	double zoomed = render_fps(&v, 1.0);
	v.ppt = fit;
	view_fit(&v);
	double fps, cps_draw, cps_hidden, dummy;
	running(&v, 1.0, false, &dummy, &cps_hidden);    /* warm up: first fetches */
	running(&v, 2.0, false, &dummy, &cps_hidden);
	running(&v, 2.0, true, &fps, &cps_draw);
	fprintf(stderr, "view %-9s frames/s: %7.1f whole mesh (%.3g px/tile), %7.1f zoomed (%g px/tile), "
	       "%5.1f while running\n", name, whole, fit, zoomed, zoom_ppt, fps);
	fprintf(stderr, "view %-9s chip cycles/s: %.3g drawing at %.0f frames/s, %.3g hidden (no drawing)\n",
	       name, cps_draw, fps, cps_hidden);
	close_view(&v, &o);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: bench_view DIR\n");
		return 2;
	}
	dir = argv[1];
	if (!freopen("/dev/null", "w", stdout))     /* the guests' output */
		return 1;
	setvbuf(stderr, NULL, _IOLBF, 0);
	static const char *const small[] = {"--mesh", "64x64", "--mem", "16K",
					    "--tile", "all=@/spin_s.elf", NULL};
	static const char *const large[] = {"--mesh", "1024x1024", "--mem", "4K",
					    "--tile", "0-127,0-127=@/spin_s.elf",
					    "--tile", "1000,1000=@/fault_s.elf", NULL};
	bench("64x64", small, 24);
	bench("1024x1024", large, 24);
	return 0;
}
