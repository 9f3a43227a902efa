/*
 * Tests of the viewer that need no display: the engine in slices gives what
 * engine_run gives; frames drawn at fixed cycles show the right colours at known tiles
 * (running, exited, faulted, blocked, waiting, unused), a busy link lit, the
 * supervision tree, aggregates on a 1024x1024 mesh; PNGs read back; scripts.
 *
 * usage: test_view DIR              (DIR holds the test programs and hash16.elf)
 *        test_view --check-png FILE (the window test's screenshot: see run.sh)
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "deflate.h"
#include "noc.h"
#include "png.h"
#include "run_setup.h"
#include "stats.h"
#include "view.h"

static int passed, failed, slice_errors;
static const char *dir;

static void check(bool ok, const char *name, const char *fmt, ...)
{
	if (ok) {
		passed++;
		printf("ok   %s\n", name);
		return;
	}
	failed++;
	printf("FAIL %s: ", name);
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* A mesh set up from a run command line; "@" in an argument stands for DIR. */
static mesh_t *setup(run_opts *o, const char *const *args)
{
	char *argv[32];
	int argc = 0;
	argv[argc++] = strdup("view");
	for (; *args; args++) {
		const char *at = strchr(*args, '@');
		char buf[512];
		if (at)
			snprintf(buf, sizeof buf, "%.*s%s%s", (int)(at - *args), *args, dir, at + 1);
		else
			snprintf(buf, sizeof buf, "%s", *args);
		argv[argc++] = strdup(buf);
	}
	memset(o, 0, sizeof *o);
	int rc = run_parse_args(o, "view", argc, argv, NULL);
	mesh_t *m = rc < 0 ? run_load(o, &rc) : NULL;
	for (int i = 0; i < argc; i++)
		free(argv[i]);
	if (!m)
		printf("setup failed (rc %d)\n", rc);
	return m;
}

/* ---- the engine in slices ------------------------------------------------------ */

/* Run with stdout into `out`; slices of random length when seed != 0. */
static char *run_capture(const char *const *args, unsigned seed, const char *out, uint64_t *end)
{
	run_opts o;
	mesh_t *m = setup(&o, args);
	if (!m)
		return NULL;
	fflush(stdout);
	int saved = dup(1);
	FILE *f = fopen(out, "w");
	dup2(fileno(f), 1);
	if (!seed)
		engine_run(m);
	else {
		engine_t *e = engine_new(m);
		srand(seed);
		for (;;) {
			uint64_t stop = m->now + 1 + (uint64_t)(rand() % 3 ? rand() % 5000 : rand() % 3);
			if (engine_run_until(e, stop))
				break;
			if (m->now != stop)        /* a slice ends exactly where it was asked to */
				slice_errors++;
		}
		engine_end(e);
	}
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	fclose(f);
	char *json = NULL;
	size_t n = 0;
	FILE *js = open_memstream(&json, &n);
	stats_write_json(m, js);
	fclose(js);
	*end = m->now;
	run_finish(&o, m, 0);
	return json;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *b = calloc(1, 1 << 20);
	if (f && b)
		b[fread(b, 1, (1 << 20) - 1, f)] = 0;
	if (f)
		fclose(f);
	return b;
}

/*
 * The chip's final cycle ("cycles") of a run that finished before --max-cycles is where
 * the engine's loop stood when it found nothing left to do: it depends on where the
 * windows ended, and engine_run reports less than the last halt when tiles ran ahead
 * (see sim/view/README.md). Everything else must be the same.
 */
static void drop_chip_cycles(char *json)
{
	char *p = json ? strstr(json, "\"cycles\": ") : NULL;
	if (!p || !strstr(json, "\"max_cycles_reached\": false"))
		return;
	char *q = p += 10;
	while (*q >= '0' && *q <= '9')
		q++;
	memmove(p, q, strlen(q) + 1);
}

static void test_slices(const char *name, const char *const *args)
{
	char a[64], b[64];
	snprintf(a, sizeof a, "/tmp/tessera-view-test-%d-a", (int)getpid());
	snprintf(b, sizeof b, "/tmp/tessera-view-test-%d-b", (int)getpid());
	uint64_t ea = 0, eb = 0;
	char *ja = run_capture(args, 0, a, &ea);
	for (unsigned seed = 1; seed <= 3; seed++) {
		char *jb = run_capture(args, seed, b, &eb);
		char *oa = slurp(a), *ob = slurp(b);
		drop_chip_cycles(ja);
		drop_chip_cycles(jb);
		char tname[96];
		snprintf(tname, sizeof tname, "slices_%s_seed%u", name, seed);
		check(ja && jb && oa && ob && !strcmp(ja, jb) && !strcmp(oa, ob) && ea > 0 && eb > 0 &&
		      !slice_errors,
		      tname, "engine_run and engine_run_until differ (end %llu vs %llu, json %s, "
		      "stdout %s, %d slices ended elsewhere)", (unsigned long long)ea, (unsigned long long)eb,
		      ja && jb && !strcmp(ja, jb) ? "same" : "differs",
		      oa && ob && !strcmp(oa, ob) ? "same" : "differs", slice_errors);
		slice_errors = 0;
		if (ja && jb && strcmp(ja, jb) && getenv("VIEW_TEST_DUMP")) {
			FILE *d = fopen("/tmp/tessera-view-a.json", "w");
			fputs(ja, d);
			fclose(d);
			d = fopen("/tmp/tessera-view-b.json", "w");
			fputs(jb, d);
			fclose(d);
		}
		free(jb);
		free(oa);
		free(ob);
	}
	free(ja);
	unlink(a);
	unlink(b);
}

/* ---- frames -------------------------------------------------------------------- */

typedef struct {
	run_opts o;
	mesh_t *m;
	engine_t *e;
	view v;
} scene;

static bool scene_open(scene *s, const char *const *args, int w, int h)
{
	s->m = setup(&s->o, args);
	if (!s->m)
		return false;
	s->e = engine_new(s->m);
	view_init(&s->v, s->m, s->e);
	if (!cv_alloc(&s->v.cv, w, h))
		return false;
	view_fit(&s->v);
	return true;
}

static void scene_run(scene *s, uint64_t cycle)
{
	view_run_to(&s->v, RUN_TO_CYCLE, cycle);
	while (s->v.mode != RUN_PAUSED)
		view_advance(&s->v, 1.0);
	view_render(&s->v);
}

static void scene_close(scene *s)
{
	view_free(&s->v);
	engine_end(s->e);
	run_finish(&s->o, s->m, 0);
}

/* The pixel at the centre of tile (tx, ty). */
static uint32_t centre(const view *v, const vcanvas *c, double tx, double ty)
{
	int x = (int)((tx + 0.5 - v->ox) * v->ppt), y = (int)((ty + 0.5 - v->oy) * v->ppt);
	return x >= 0 && y >= 0 && x < c->w && y < c->h ? cv_get(c, x, y) : 0;
}

static void expect_state(const scene *s, const vcanvas *c, uint32_t id, view_state st,
			 const char *what)
{
	uint32_t w = s->m->cfg.width;
	uint32_t got = centre(&s->v, c, id % w, id / w), want = view_state_colour(st);
	char name[96];
	snprintf(name, sizeof name, "%s_tile%u_%s", what, id, view_state_name(st));
	check(got == want, name, "colour %08x, expected %08x", got, want);
}

static const char *const states_args[] = {
	"--mesh", "4x4", "--tile", "0=@/spin_s.elf", "--tile", "1=@/exit_s.elf",
	"--tile", "2=@/fault_s.elf", "--tile", "3=@/recv_s.elf", "--tile", "4=@/wait_s.elf",
	"--tile", "5=@/send_s.elf", "--tile", "6=@/sink_s.elf", "--tile", "8-13=@/spin_s.elf",
	NULL};

static void test_states(void)
{
	scene s;
	if (!scene_open(&s, states_args, 900, 600)) {
		check(false, "states_setup", "no scene");
		return;
	}
	scene_run(&s, 3000);
	check(s.m->now == 3000, "states_cycle", "chip at cycle %llu", (unsigned long long)s.m->now);
	const view_state want[16] = {VS_RUNNING, VS_EXITED, VS_FAULTED, VS_BLOCKED, VS_WAITING,
				     VS_RUNNING, VS_RUNNING, VS_EMPTY, VS_RUNNING, VS_RUNNING,
				     VS_RUNNING, VS_RUNNING, VS_RUNNING, VS_RUNNING, VS_EMPTY,
				     VS_EMPTY};
	for (uint32_t id = 0; id < 16; id++)
		if (id != 5 && id != 6)      /* the sender and the sink block now and then */
			expect_state(&s, &s.v.cv, id, want[id], "frame");
	/* The same picture through a PNG file. */
	char path[64];
	snprintf(path, sizeof path, "/tmp/tessera-view-test-%d.png", (int)getpid());
	vcanvas back = {0};
	char err[256] = "";
	bool ok = png_write(path, &s.v.cv) && png_read(path, &back, err, sizeof err);
	bool same = ok && back.w == s.v.cv.w && back.h == s.v.cv.h &&
		    !memcmp(back.px, s.v.cv.px, (size_t)back.w * back.h * 4);
	check(same, "png_roundtrip", "%s", ok ? "pixels differ" : err);
	if (ok) {
		expect_state(&s, &back, 2, VS_FAULTED, "png");
		expect_state(&s, &back, 1, VS_EXITED, "png");
		expect_state(&s, &back, 0, VS_RUNNING, "png");
		cv_free(&back);
	}
	unlink(path);
	scene_close(&s);
}

/* The inspector of a faulted tile names its cause (drawn in the cause colour). */
static void test_inspector(void)
{
	scene s;
	if (!scene_open(&s, states_args, 1200, 700))
		return;
	s.v.sel = 2;
	scene_run(&s, 3000);
	int ax, ay, aw, ah, n = 0;
	view_mesh_area(&s.v, &ax, &ay, &aw, &ah);
	for (int y = 0; y < 60; y++)
		for (int x = aw; x < s.v.cv.w; x++)
			n += cv_get(&s.v.cv, x, y) == 0xffff9090u;
	check(aw < s.v.cv.w && n > 50, "inspector_fault_cause", "panel from x=%d, %d cause pixels", aw, n);
	s.v.help = true;
	view_render(&s.v);
	n = 0;
	for (int y = 0; y < s.v.cv.h; y++)
		for (int x = 0; x < s.v.cv.w; x++)
			n += cv_get(&s.v.cv, x, y) == rgb(240, 240, 240);
	check(n > 2000, "help_overlay", "%d pixels of help text", n);
	s.v.help = false;
	char buf[200];
	view_tile_summary(&s.v, 2, buf, sizeof buf);
	check(strstr(buf, "MEM_FAULT") != NULL, "hover_names_cause", "'%s'", buf);
	view_tile_summary(&s.v, 3, buf, sizeof buf);
	check(strstr(buf, "blocked") != NULL, "hover_blocked", "'%s'", buf);
	scene_close(&s);
}

static uint32_t lum(uint32_t c) { return ((c >> 16) & 255) + ((c >> 8) & 255) + (c & 255); }

static void test_link(void)
{
	static const char *const args[] = {"--mesh", "2x2", "--tile", "0=@/send_s.elf",
					   "--tile", "1=@/sink_s.elf", "--tile", "2-3=@/spin_s.elf",
					   NULL};
	scene s;
	if (!scene_open(&s, args, 800, 600))
		return;
	scene_run(&s, 1000);
	scene_run(&s, 2000);        /* two samples: a rate */
	int x, y, w, h;
	view_link_rect(&s.v, 0, PORT_E, &x, &y, &w, &h);
	uint32_t busy = cv_get(&s.v.cv, x + w / 2, y + h / 2);
	view_link_rect(&s.v, 2, PORT_E, &x, &y, &w, &h);
	uint32_t quiet = cv_get(&s.v.cv, x + w / 2, y + h / 2);
	check(quiet == VIEW_LINK_IDLE && lum(busy) > lum(quiet) + 200, "link_highlighted",
	      "busy link %08x, quiet link %08x", busy, quiet);
	check(view_link_rate(&s.v, 0, PORT_E) > 0.1, "link_rate", "%.3f flits/cycle",
	      view_link_rate(&s.v, 0, PORT_E));
	check(s.v.flits > 0, "flits_in_view", "no flit counted in the routers");
	scene_close(&s);
}

static void test_heat(void)
{
	static const char *const args[] = {"--mesh", "2x1", "--tile", "0=@/exit_s.elf",
					   "--tile", "1=@/spin_s.elf", NULL};
	scene s;
	if (!scene_open(&s, args, 600, 400))
		return;
	s.v.heat = HEAT_CYCLES;
	scene_run(&s, 20000);
	uint32_t a = centre(&s.v, &s.v.cv, 0, 0), b = centre(&s.v, &s.v.cv, 1, 0);
	check(lum(b) > lum(a) + 100, "heat_cycles", "exited tile %08x, long runner %08x", a, b);
	scene_close(&s);
}

static void test_tree(void)
{
	char mf[600];
	snprintf(mf, sizeof mf, "%s/tree.manifest", dir);
	FILE *f = fopen(mf, "w");
	if (!f) {
		check(false, "tree_manifest", "cannot write %s", mf);
		return;
	}
	fprintf(f, "0 spin_s.elf control=all\n3 spin_s.elf supervisor=0\n");
	fclose(f);
	const char *args[] = {"--mesh", "2x2", "--manifest", mf, NULL};
	scene s;
	if (!scene_open(&s, args, 600, 600))
		return;
	s.v.tree = true;
	scene_run(&s, 100);
	/* The diagonal from tile 3's centre (1.5, 1.5) to tile 0's (0.5, 0.5). */
	int hits = 0;
	for (double t = 0.3; t < 0.71; t += 0.05) {
		int x0 = (int)((1.5 - t - s.v.ox) * s.v.ppt), y0 = (int)((1.5 - t - s.v.oy) * s.v.ppt);
		bool on = false;
		for (int dy = -2; dy <= 2; dy++)
			for (int dx = -2; dx <= 2; dx++)
				on |= cv_get(&s.v.cv, x0 + dx, y0 + dy) == VIEW_TREE_COLOUR;
		hits += on;
	}
	check(hits >= 8, "tree_line", "%d of 9 points on the line", hits);
	scene_close(&s);
	unlink(mf);
}

static void test_aggregate(void)
{
	static const char *const args[] = {"--mesh", "1024x1024", "--mem", "4K",
					   "--tile", "0-7,0-7=@/spin_s.elf",
					   "--tile", "1000,1000=@/fault_s.elf", NULL};
	scene s;
	if (!scene_open(&s, args, 800, 600))
		return;
	double t0 = view_clock();
	scene_run(&s, 500);
	double dt = view_clock() - t0;
	check(s.v.ppt < AGG_MIN_PX, "aggregate_mode", "%.2f pixels per tile", s.v.ppt);
	uint32_t red = centre(&s.v, &s.v.cv, 1000, 1000), green = centre(&s.v, &s.v.cv, 3, 3),
		 empty = centre(&s.v, &s.v.cv, 500, 500);
	check(red == view_state_colour(VS_FAULTED), "aggregate_fault_shows", "%08x", red);
	check(green == view_state_colour(VS_RUNNING), "aggregate_running", "%08x", green);
	check(empty == view_state_colour(VS_EMPTY), "aggregate_empty", "%08x", empty);
	check(s.v.counts[VS_RUNNING] == 64 && s.v.counts[VS_FAULTED] == 1, "aggregate_counts",
	      "running %u faulted %u", s.v.counts[VS_RUNNING], s.v.counts[VS_FAULTED]);
	check(dt < 5, "aggregate_time", "%.2f s for a run to 500 and a frame", dt);
	/* Hovering a block: the tooltip (its pale background) appears beside the mouse. */
	s.v.mouse_in = true;
	s.v.mouse_x = (int)((1000.5 - s.v.ox) * s.v.ppt) - 200;
	s.v.mouse_y = (int)((1000.5 - s.v.oy) * s.v.ppt) - 100;
	view_render(&s.v);
	uint32_t tip = cv_get(&s.v.cv, s.v.mouse_x + 16, s.v.mouse_y + 15);
	check(view_block(&s.v) > 1 && tip == rgb(250, 250, 220), "aggregate_hover",
	      "block %u, pixel %08x", view_block(&s.v), tip);
	scene_close(&s);
}

static void test_until_fault(void)
{
	scene s;
	if (!scene_open(&s, states_args, 400, 300))
		return;
	view_run_to(&s.v, RUN_TO_FAULT, 0);
	for (int i = 0; i < 100 && s.v.mode != RUN_PAUSED; i++)
		view_advance(&s.v, 0.1);
	/* It stops at the end of the slice that saw the fault (the first is 1000 cycles). */
	check(s.v.mode == RUN_PAUSED && s.v.fault_tile == 2 && s.v.sel == 2 && s.m->now <= 1000 &&
	      strstr(s.v.message, "MEM_FAULT"),
	      "until_fault", "mode %d, tile %u, cycle %llu", s.v.mode, s.v.fault_tile,
	      (unsigned long long)s.m->now);
	scene_close(&s);
}

static void test_script(void)
{
	scene s;
	if (!scene_open(&s, states_args, 400, 300))
		return;
	char path[64], text[160];
	snprintf(path, sizeof path, "/tmp/tessera-view-test-%d-s.png", (int)getpid());
	snprintf(text, sizeof text, "step 1000; key 2; key c; heat cycles; shot %s; key q", path);
	view_script *sc = view_script_new(text);
	bool bad = false;
	for (int i = 0; i < 1000 && view_script_step(&s.v, sc, NULL, &bad); i++)
		view_advance(&s.v, 0.1);
	view_script_free(sc);
	check(!bad && s.m->now == 1000 && s.v.sel == 2 && s.v.heat == HEAT_CYCLES && s.v.quit &&
	      access(path, R_OK) == 0, "script", "cycle %llu, sel %lld, quit %d",
	      (unsigned long long)s.m->now, (long long)s.v.sel, s.v.quit);
	unlink(path);
	sc = view_script_new("step 10; frobnicate");
	for (int i = 0; i < 100 && view_script_step(&s.v, sc, NULL, &bad); i++)
		view_advance(&s.v, 0.1);
	view_script_free(sc);
	check(bad, "script_bad_command", "an unknown command was accepted");
	scene_close(&s);
}

/* Deflate then inflate: random bytes, runs, repeats at a row's distance, tiny inputs. */
static void test_deflate(void)
{
	static const size_t sizes[] = {1, 2, 3, 257, 70000, 300000};
	srand(7);
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
		for (int kind = 0; kind < 3; kind++) {
			size_t n = sizes[k], zn = 0, row = 97;
			uint8_t *src = malloc(n), *back = malloc(n);
			for (size_t i = 0; i < n; i++)
				src[i] = kind == 0 ? (uint8_t)rand() : kind == 1 ? (uint8_t)(i / 1000) :
					 i >= row && rand() % 8 ? src[i - row] : (uint8_t)rand();
			uint8_t *z = zlib_deflate(src, n, row, &zn);
			bool ok = z && zlib_inflate(z, zn, back, n) && !memcmp(src, back, n);
			char name[64];
			snprintf(name, sizeof name, "deflate_%zu_kind%d", n, kind);
			check(ok, name, "round trip failed (%zu bytes compressed)", zn);
			if (z && zn > 8) {      /* a damaged stream is refused, not a crash */
				z[zn / 2] ^= 0x5a;
				snprintf(name, sizeof name, "inflate_damaged_%zu_kind%d", n, kind);
				check(!zlib_inflate(z, zn, back, n), name, "a damaged stream was accepted");
			}
			free(z);
			free(src);
			free(back);
		}
}

/* A cut or damaged PNG gets a reason, never a crash. */
static void test_png_refusals(void)
{
	vcanvas c = {0}, back = {0};
	char path[64], err[256];
	snprintf(path, sizeof path, "/tmp/tessera-view-test-%d-r.png", (int)getpid());
	cv_alloc(&c, 50, 40);
	cv_fill(&c, 10, 10, 20, 20, rgb(1, 2, 3));
	png_write(path, &c);
	FILE *f = fopen(path, "r+");
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, n / 2, SEEK_SET);
	fputc(0x55, f);
	fclose(f);
	check(!png_read(path, &back, err, sizeof err) && strstr(err, path), "png_damaged", "accepted");
	truncate(path, n / 3);
	check(!png_read(path, &back, err, sizeof err) && strstr(err, path), "png_cut", "accepted");
	check(!png_read("/nonexistent.png", &back, err, sizeof err), "png_missing", "accepted");
	unlink(path);
	cv_free(&c);
}

/* The window test's screenshot: the states_args chip at cycle 1000. */
static int check_png(const char *path)
{
	vcanvas c = {0};
	char err[256];
	if (!png_read(path, &c, err, sizeof err)) {
		printf("%s\n", err);
		return 1;
	}
	uint32_t n[VS_COUNT] = {0};
	for (int y = 0; y < c.h; y++)
		for (int x = 0; x < c.w; x++)
			for (int s = 0; s < VS_COUNT; s++)
				n[s] += cv_get(&c, x, y) == view_state_colour((view_state)s);
	printf("pixels: running %u, exited %u, faulted %u, blocked %u, waiting %u\n",
	       n[VS_RUNNING], n[VS_EXITED], n[VS_FAULTED], n[VS_BLOCKED], n[VS_WAITING]);
	cv_free(&c);
	return n[VS_RUNNING] > 1000 && n[VS_EXITED] > 500 && n[VS_FAULTED] > 500 &&
	       n[VS_BLOCKED] > 500 && n[VS_WAITING] > 500 ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--check-png"))
		return check_png(argv[2]);
	if (argc != 2) {
		fprintf(stderr, "usage: test_view DIR | --check-png FILE\n");
		return 2;
	}
	dir = argv[1];
	static const char *const mixed[] = {"--mesh", "4x4", "--tile", "all=@/hash16.elf",
					    "--tile", "5=@/fault_s.elf", "--tile", "3=@/exit_s.elf",
					    NULL};
	static const char *const mixed2[] = {"--mesh", "4x4", "--tile", "all=@/hash16.elf",
					     "--tile", "5=@/fault_s.elf", "--threads", "2", NULL};
	static const char *const net[] = {"--mesh", "2x2", "--tile", "0=@/send_s.elf",
					  "--tile", "1=@/sink_s.elf", "--tile", "2=@/recv_s.elf",
					  "--tile", "3=@/wait_s.elf", "--max-cycles", "20000", NULL};
	test_slices("mixed", mixed);
	test_slices("threads", mixed2);
	test_slices("network", net);
	test_states();
	test_inspector();
	test_link();
	test_heat();
	test_tree();
	test_aggregate();
	test_until_fault();
	test_script();
	test_deflate();
	test_png_refusals();
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
