/*
 * The network as the viewer shows it, read from the network's own structures
 * (sim/noc.h): links shaded by recent flits per cycle, flits waiting in the routers'
 * input buffers, the devices on the edge, supervision lines from the control units.
 */
#include "view.h"

#include <stdlib.h>

#include "noc.h"

static const router_t *router_of(const view *v, uint32_t id)
{
	const net_t *n = v->m->net;
	return n && n->routers && id < v->m->ntiles ? n->routers[id] : NULL;
}

/* The traffic record of a router, allocated with its chunk on first look. */
static link_rate *rate_of(view *v, uint32_t id)
{
	if (!v->lr) {
		v->lr = calloc(v->m->ntiles / LINK_CHUNK + 1, sizeof *v->lr);
		if (!v->lr)
			return NULL;
	}
	link_rate **c = &v->lr[id / LINK_CHUNK];
	if (!*c && !(*c = calloc(LINK_CHUNK, sizeof **c)))
		return NULL;
	return &(*c)[id % LINK_CHUNK];
}

double view_link_rate(view *v, uint32_t id, int port)
{
	const router_t *r = router_of(v, id);
	if (!r)
		return 0;
	link_rate *lr = rate_of(v, id);
	if (!lr)
		return 0;
	uint64_t now = v->m->now;
	if (now > lr->at) {
		/* Smoothed over frames: half the old rate, half the rate since then. A router
		   seen for the first time (at == 0) counts its flits from cycle 0. */
		double dt = (double)(now - lr->at);
		for (int p = 0; p < NPORTS; p++) {
			double fresh = (double)(r->ps[p].flits - lr->last[p]) / dt;
			lr->rate[p] = (float)(lr->at ? 0.5 * lr->rate[p] + 0.5 * fresh : fresh);
			lr->last[p] = r->ps[p].flits;
		}
		lr->at = now;
	}
	return lr->rate[port];
}

/* Screen position of a tile's top-left corner. */
static void tile_xy(const view *v, int ax, int ay, double tx, double ty, int *px, int *py)
{
	*px = ax + (int)((tx - v->ox) * v->ppt);
	*py = ay + (int)((ty - v->oy) * v->ppt);
}

/* Unused: dark; used before: dim; busy: towards yellow with flits per cycle. */
static uint32_t traffic_colour(double rate, double total)
{
	if (rate <= 0 && total <= 0)
		return VIEW_LINK_IDLE;
	unsigned f = rate > 0 ? (unsigned)(64 + 192 * (rate > 1 ? 1 : rate)) : 24;
	return cv_mix(rgb(70, 74, 90), rgb(255, 240, 90), f);
}

void view_link_rect(const view *v, uint32_t id, int port, int *x, int *y, int *w, int *h)
{
	int s = (int)v->ppt, ax, ay, aw, ah, tx, ty;
	view_mesh_area(v, &ax, &ay, &aw, &ah);
	tile_xy(v, ax, ay, id % v->m->cfg.width, id / v->m->cfg.width, &tx, &ty);
	int g = s / 20 > 1 ? s / 20 : 1, len = s / 6, off = s / 2;
	/* Each direction has its own lane: out east above the middle, out west below... */
	switch (port) {
	case PORT_E: *x = tx + s - g; *y = ty + off - len; *w = 2 * g; *h = g; break;
	case PORT_W: *x = tx - g; *y = ty + off + len - g; *w = 2 * g; *h = g; break;
	case PORT_S: *x = tx + off - len; *y = ty + s - g; *w = g; *h = 2 * g; break;
	default:     *x = tx + off + len - g; *y = ty - g; *w = g; *h = 2 * g; break;
	}
}

/* The link out of tile id towards port p, drawn across the gap to the neighbour. */
static void draw_link(view *v, uint32_t id, int p)
{
	const router_t *r = router_of(v, id);
	double rate = view_link_rate(v, id, p);
	int x, y, w, h;
	view_link_rect(v, id, p, &x, &y, &w, &h);
	cv_fill(&v->cv, x, y, w, h, traffic_colour(rate, r ? (double)r->ps[p].flits : 0));
}

/* Flits in the input buffers of a router: dots along the side they came in by. */
static void draw_flits(view *v, const router_t *r, int x, int y, int s)
{
	int d = s / 10 > 2 ? s / 10 : 2;
	for (int p = 0; p < NPORTS; p++)
		for (int vn = 0; vn < NVNETS; vn++) {
			uint32_t col = vn == VNET_CTL ? rgb(255, 80, 255) : rgb(255, 255, 255);
			for (int k = 0; k < r->in[p][vn].n; k++) {
				int o = 2 + k * (d + 1) + vn * (ROUTER_BUF_FLITS * (d + 1));
				int fx = x + s / 2, fy = y + s / 2;
				switch (p) {
				case PORT_N: fx = x + o; fy = y + 1; break;
				case PORT_S: fx = x + o; fy = y + s - d - 1; break;
				case PORT_W: fx = x + 1; fy = y + o; break;
				case PORT_E: fx = x + s - d - 1; fy = y + o; break;
				default: fx = x + s / 2 - d + k * (d + 1); fy = y + s / 2 + vn * (d + 1); break;
				}
				cv_fill(&v->cv, fx, fy, d, d, col);
			}
		}
}

void view_draw_links(view *v, int ax, int ay, int aw, int ah)
{
	if (v->ppt < 10)
		return;
	uint32_t w = v->m->cfg.width, h = v->m->cfg.height;
	int s = (int)v->ppt;
	int64_t tx0 = (int64_t)v->ox, ty0 = (int64_t)v->oy;
	int64_t tx1 = (int64_t)(v->ox + aw / v->ppt) + 1, ty1 = (int64_t)(v->oy + ah / v->ppt) + 1;
	for (int64_t ty = ty0 < 0 ? 0 : ty0; ty < ty1 && ty < h; ty++)
		for (int64_t tx = tx0 < 0 ? 0 : tx0; tx < tx1 && tx < w; tx++) {
			uint32_t id = (uint32_t)(ty * w + tx);
			if (tx + 1 < w) draw_link(v, id, PORT_E);
			if (tx > 0) draw_link(v, id, PORT_W);
			if (ty + 1 < h) draw_link(v, id, PORT_S);
			if (ty > 0) draw_link(v, id, PORT_N);
			const router_t *r = router_of(v, id);
			if (r && r->nflits && s >= 16) {
				int x, y;
				tile_xy(v, ax, ay, (double)tx, (double)ty, &x, &y);
				draw_flits(v, r, x, y, s);
			}
		}
}

void view_draw_devices(view *v, int ax, int ay, int aw, int ah)
{
	(void)aw; (void)ah;
	int s = (int)v->ppt, x, y;
	if (s < 4)
		s = 4;
	int bw = s < 3 * FONT_W + 4 ? s : 3 * FONT_W + 4, bh = s < FONT_H + 4 ? s : FONT_H + 4;
	tile_xy(v, ax, ay, 0, 0, &x, &y);
	uint32_t col = rgb(120, 200, 220);
	cv_fill(&v->cv, x - bw - 2, y + (int)(v->ppt / 2) - bh / 2, bw, bh, col);
	if (bw > 3 * FONT_W)
		cv_text(&v->cv, x - bw, y + (int)(v->ppt / 2) - bh / 2 + 2, "CON", rgb(0, 0, 0));
	tile_xy(v, ax, ay, (double)v->m->cfg.width, 0, &x, &y);
	cv_fill(&v->cv, x + 2, y + (int)(v->ppt / 2) - bh / 2, bw, bh, col);
	if (bw > 3 * FONT_W)
		cv_text(&v->cv, x + 4, y + (int)(v->ppt / 2) - bh / 2 + 2, "BLK", rgb(0, 0, 0));
}

/* A line from every supervised tile in view to its supervisor's centre. */
void view_draw_tree(view *v, int ax, int ay, int aw, int ah)
{
	mesh_t *m = v->m;
	uint32_t w = m->cfg.width, h = m->cfg.height, drawn = 0;
	int64_t tx0 = (int64_t)v->ox, ty0 = (int64_t)v->oy;
	int64_t tx1 = (int64_t)(v->ox + aw / v->ppt) + 1, ty1 = (int64_t)(v->oy + ah / v->ppt) + 1;
	double half = 0.5;
	for (int64_t ty = ty0 < 0 ? 0 : ty0; ty < ty1 && ty < h; ty++)
		for (int64_t tx = tx0 < 0 ? 0 : tx0; tx < tx1 && tx < w; tx++) {
			const tile_t *t = m->tiles[ty * w + tx];
			if (!t || !t->net || !t->net->cu.has_super || !tile_active(t))
				continue;
			if (++drawn > 20000)
				return;     /* enough lines to see the shape */
			uint32_t s = t->net->cu.super;
			int x0, y0, x1, y1;
			tile_xy(v, ax, ay, (double)tx + half, (double)ty + half, &x0, &y0);
			tile_xy(v, ax, ay, s % w + half, s / w + half, &x1, &y1);
			cv_line(&v->cv, x0, y0, x1, y1, VIEW_TREE_COLOUR);
			cv_fill(&v->cv, x0 - 1, y0 - 1, 3, 3, VIEW_TREE_COLOUR);
		}
}
