/*
 * A frame: the mesh (tiles, or blocks of tiles when they would be smaller than
 * AGG_MIN_PX), overlays, the status bar, the inspector and the help. The cost follows
 * the pixels on screen (and the tiles in view), never the size of the mesh.
 */
#include "view.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static const uint32_t bg_colour = 0xff101218u;

void view_mesh_area(const view *v, int *x, int *y, int *w, int *h)
{
	*x = 0;
	*y = 0;
	*w = v->cv.w - (v->panel && v->sel >= 0 ? PANEL_W : 0);
	*h = v->cv.h - STATUS_H;
	if (*w < 16) *w = 16;
	if (*h < 16) *h = 16;
}

void view_fit(view *v)
{
	int ax, ay, aw, ah;
	view_mesh_area(v, &ax, &ay, &aw, &ah);
	/* Room left and right for the devices (CON, BLK), a little above and below. */
	double W = v->m->cfg.width, H = v->m->cfg.height;
	double sx = (aw - 2 * (3 * FONT_W + 10)) / W, sy = (ah - 16) / H;
	v->ppt = sx < sy ? sx : sy;
	if (v->ppt > 1e-3 && v->ppt >= 1)
		v->ppt = floor(v->ppt);
	if (v->ppt < 1.0 / 64)
		v->ppt = 1.0 / 64;
	v->ox = -(aw / v->ppt - W) / 2;
	v->oy = -(ah / v->ppt - H) / 2;
}

int64_t view_tile_at(const view *v, int px, int py)
{
	int ax, ay, aw, ah;
	view_mesh_area(v, &ax, &ay, &aw, &ah);
	if (px < ax || py < ay || px >= ax + aw || py >= ay + ah)
		return -1;
	double tx = v->ox + (px - ax) / v->ppt, ty = v->oy + (py - ay) / v->ppt;
	if (tx < 0 || ty < 0 || tx >= v->m->cfg.width || ty >= v->m->cfg.height)
		return -1;
	return (int64_t)ty * v->m->cfg.width + (int64_t)tx;
}

void view_zoom(view *v, double factor, int px, int py)
{
	double np = v->ppt * factor;
	if (np > 256) np = 256;
	if (np < 1.0 / 64) np = 1.0 / 64;
	double tx = v->ox + px / v->ppt, ty = v->oy + py / v->ppt;
	v->ppt = np;
	v->ox = tx - px / np;
	v->oy = ty - py / np;
}

static uint32_t cell_colour(view *v, const view_cell *c)
{
	if (v->heat == HEAT_OFF || c->st == VS_FAULTED)
		return view_state_colour(c->st);
	double h = c->heat;
	if (h > v->heat_seen)
		v->heat_seen = h;
	double f = v->heat_max > 0 ? log1p(h) / log1p(v->heat_max) : 0;
	return view_heat_colour(f);
}

/* Cells of b x b tiles: b = 1 when a tile is at least AGG_MIN_PX wide, else the
   smallest power of two that makes a cell that wide. */
uint32_t view_block(const view *v)
{
	uint32_t b = 1;
	while (b * v->ppt < AGG_MIN_PX && b < 1024)
		b *= 2;
	return b;
}

static void draw_cells(view *v, int ax, int ay, int aw, int ah)
{
	uint32_t W = v->m->cfg.width, H = v->m->cfg.height, b = view_block(v);
	int gap = b == 1 && v->ppt >= 6 ? (v->ppt >= 20 ? (int)v->ppt / 10 : 1) : 0;
	int64_t bx0 = (int64_t)floor(v->ox / b), by0 = (int64_t)floor(v->oy / b);
	if (bx0 < 0) bx0 = 0;
	if (by0 < 0) by0 = 0;
	memset(v->counts, 0, sizeof v->counts);
	v->flits = 0;
	for (int64_t by = by0; by * b < H; by++) {
		int y0 = ay + (int)floor((by * (double)b - v->oy) * v->ppt);
		if (y0 >= ay + ah)
			break;
		int y1 = ay + (int)floor(((by + 1) * (double)b - v->oy) * v->ppt);
		for (int64_t bx = bx0; bx * b < W; bx++) {
			int x0 = ax + (int)floor((bx * (double)b - v->ox) * v->ppt);
			if (x0 >= ax + aw)
				break;
			int x1 = ax + (int)floor(((bx + 1) * (double)b - v->ox) * v->ppt);
			view_cell c;
			uint32_t tx1 = (uint32_t)(bx + 1) * b, ty1 = (uint32_t)(by + 1) * b;
			view_cell_sample(v, (uint32_t)bx * b, (uint32_t)by * b,
					 tx1 < W ? tx1 : W, ty1 < H ? ty1 : H, &c);
			for (int s = 0; s < VS_COUNT; s++)
				v->counts[s] += c.n[s];
			v->flits += c.flits;
			int cw = x1 - x0 > 1 ? x1 - x0 - gap : 1, ch = y1 - y0 > 1 ? y1 - y0 - gap : 1;
			cv_fill(&v->cv, x0, y0, cw, ch, cell_colour(v, &c));
			if (v->sel >= 0 && (uint64_t)v->sel % W / b == (uint64_t)bx &&
			    (uint64_t)v->sel / W / b == (uint64_t)by)
				cv_frame(&v->cv, x0 - 1, y0 - 1, cw + 2, ch + 2, rgb(255, 255, 255));
		}
	}
}

/* Tile ids (and a halted tile's cause) inside the cells when they are large enough. */
static void draw_labels(view *v, int ax, int ay, int aw, int ah)
{
	if (v->ppt < 5 * FONT_W + 4)
		return;
	uint32_t W = v->m->cfg.width, H = v->m->cfg.height;
	for (uint32_t ty = v->oy > 0 ? (uint32_t)v->oy : 0; ty < H; ty++) {
		int y = ay + (int)((ty - v->oy) * v->ppt);
		if (y >= ay + ah)
			break;
		for (uint32_t tx = v->ox > 0 ? (uint32_t)v->ox : 0; tx < W; tx++) {
			int x = ax + (int)((tx - v->ox) * v->ppt);
			if (x >= ax + aw)
				break;
			char buf[32];
			snprintf(buf, sizeof buf, "%u", ty * W + tx);
			cv_text(&v->cv, x + 3, y + 3, buf, rgb(0, 0, 0));
			const tile_t *t = v->m->tiles[ty * W + tx];
			if (t && t->state == TS_HALTED && v->ppt >= 3 * FONT_H) {
				snprintf(buf, sizeof buf, "%.*s", (int)(v->ppt - 6) / FONT_W,
					 isa_cause_name(t->cause));
				cv_text(&v->cv, x + 3, y + 4 + FONT_H, buf, rgb(0, 0, 0));
			}
		}
	}
}

static const char *mode_name(const view *v)
{
	if (v->finished)
		return "finished";
	switch (v->mode) {
	case RUN_PAUSED: return "paused";
	case RUN_FREE: return "running";
	case RUN_TO_CYCLE: return "running to a cycle";
	case RUN_TO_FAULT: return "running until a fault";
	}
	return "";
}

static void draw_status(view *v)
{
	int y = v->cv.h - STATUS_H;
	cv_fill(&v->cv, 0, y, v->cv.w, STATUS_H, rgb(30, 32, 40));
	char buf[512];
	int x = 4;
	snprintf(buf, sizeof buf, "cycle %" PRIu64 "  %s  %.0f cycles/s  mesh %ux%u  ",
		 v->m->now, mode_name(v), v->cps, v->m->cfg.width, v->m->cfg.height);
	x = cv_text(&v->cv, x, y + 3, buf, rgb(230, 230, 230));
	for (int s = VS_IDLE; s < VS_COUNT; s++) {
		cv_fill(&v->cv, x, y + 4, FONT_W, FONT_H - 2, view_state_colour((view_state)s));
		snprintf(buf, sizeof buf, " %s %u  ", view_state_name((view_state)s), v->counts[s]);
		x = cv_text(&v->cv, x + FONT_W, y + 3, buf, rgb(200, 200, 200));
	}
	char arg[32] = "";
	if (v->has_arg)
		snprintf(arg, sizeof arg, "  typed %" PRIu64, v->arg);
	char heat[64] = "";
	if (v->heat != HEAT_OFF)
		snprintf(heat, sizeof heat, " (white: %.4g per cell)", v->heat_max);
	snprintf(buf, sizeof buf, "heat: %s%s  step %" PRIu64 "  flits in routers in view %" PRIu64
		 "%s  %s", view_heat_name(v->heat), heat, v->step_n, v->flits, arg, v->message);
	cv_text(&v->cv, 4, y + 4 + FONT_H, buf, rgb(200, 200, 200));
	cv_text(&v->cv, v->cv.w - 8 * FONT_W, y + 4 + FONT_H, "? help", rgb(150, 150, 150));
}

static const char *const help_lines[] = {
	"Tessera viewer: keys",
	"",
	"space       run / pause",
	"s or .      step one cycle",
	"n           step N cycles (N: the number typed before, else the step size)",
	"[ ]         halve / double the step size",
	"g           run until cycle N (typed before g)",
	"f           run until a tile faults",
	"0-9         type a number for n, g or c; backspace, escape clear it",
	"c           select tile N (typed before c)",
	"h           heat map: off, cycles, instructions, messages, traffic",
	"l           links shaded by traffic, flits in flight (zoomed in)",
	"t           supervision tree: a line from each tile to its supervisor",
	"i           inspector panel of the selected tile",
	"click       select a tile; drag: pan",
	"wheel + -   zoom (around the mouse); arrows: pan; z: fit the mesh",
	"p           screenshot (tessera-view-CYCLE.png)",
	"?           this help;  q: quit",
	"",
	"Colours: running green, blocked on the network amber, asleep in msg.wait",
	"blue, exited grey, faulted red (cause on hover), idle dark. Small tiles are",
	"drawn in blocks: the most common state, red if any tile in it faulted.",
};

static void draw_help(view *v)
{
	int n = (int)(sizeof help_lines / sizeof help_lines[0]);
	int w = 80 * FONT_W + 16, h = n * (FONT_H + 2) + 16;
	int x = (v->cv.w - w) / 2, y = (v->cv.h - h) / 2;
	cv_blend(&v->cv, x, y, w, h, rgb(0, 0, 0), 220);
	cv_frame(&v->cv, x, y, w, h, rgb(200, 200, 200));
	for (int i = 0; i < n; i++)
		cv_text(&v->cv, x + 8, y + 8 + i * (FONT_H + 2), help_lines[i], rgb(240, 240, 240));
}

static void draw_hover(view *v)
{
	if (!v->mouse_in)
		return;
	int64_t id = view_tile_at(v, v->mouse_x, v->mouse_y);
	if (id < 0)
		return;
	char buf[300];
	view_tile_summary(v, (uint32_t)id, buf, sizeof buf);
	uint32_t b = view_block(v), W = v->m->cfg.width, H = v->m->cfg.height;
	if (b > 1) {        /* an aggregate: what the block holds */
		uint32_t x0 = (uint32_t)id % W / b * b, y0 = (uint32_t)id / W / b * b;
		view_cell c;
		view_cell_sample(v, x0, y0, x0 + b < W ? x0 + b : W, y0 + b < H ? y0 + b : H, &c);
		size_t k = strlen(buf);
		k += (size_t)snprintf(buf + k, sizeof buf - k, " | block %ux%u:", b, b);
		for (int s = VS_IDLE; s < VS_COUNT && k < sizeof buf; s++)
			if (c.n[s])
				k += (size_t)snprintf(buf + k, sizeof buf - k, " %s %u",
						      view_state_name((view_state)s), c.n[s]);
	}
	int w = (int)strlen(buf) * FONT_W + 8, x = v->mouse_x + 14, y = v->mouse_y + 14;
	if (x + w > v->cv.w) x = v->cv.w - w;
	if (y + FONT_H + 6 > v->cv.h - STATUS_H) y = v->mouse_y - FONT_H - 10;
	cv_fill(&v->cv, x, y, w, FONT_H + 6, rgb(250, 250, 220));
	cv_text(&v->cv, x + 4, y + 3, buf, rgb(0, 0, 0));
}

void view_render(view *v)
{
	int ax, ay, aw, ah;
	view_mesh_area(v, &ax, &ay, &aw, &ah);
	cv_fill(&v->cv, 0, 0, v->cv.w, v->cv.h, bg_colour);
	vcanvas whole = v->cv;
	/* Draw the mesh on a view of the canvas cut to the mesh area. */
	v->cv.w = ax + aw;
	v->cv.h = ay + ah;
	v->heat_seen = 0;
	draw_cells(v, ax, ay, aw, ah);
	if (v->heat != HEAT_OFF && (v->heat_seen > 1.5 * v->heat_max || v->heat_max == 0)) {
		v->heat_max = v->heat_seen;     /* the scale moved a lot: draw again with it */
		draw_cells(v, ax, ay, aw, ah);
	}
	v->heat_max = v->heat_seen;
	if (v->links)
		view_draw_links(v, ax, ay, aw, ah);
	draw_labels(v, ax, ay, aw, ah);
	view_draw_devices(v, ax, ay, aw, ah);
	if (v->tree)
		view_draw_tree(v, ax, ay, aw, ah);
	v->cv = whole;
	if (v->panel && v->sel >= 0)
		view_draw_inspector(v, ax + aw, 0, v->cv.w - aw, v->cv.h - STATUS_H);
	draw_status(v);
	draw_hover(v);
	if (v->help)
		draw_help(v);
}
