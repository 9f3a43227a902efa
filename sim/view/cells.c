/* What a tile, or a block of tiles, looks like: state colour and heat value. */
#include "view.h"

#include <math.h>

#include "noc.h"

view_state view_tile_state(const tile_t *t)
{
	if (!t)
		return VS_EMPTY;
	switch (t->state) {
	case TS_IDLE: return VS_IDLE;
	case TS_RUNNING: return VS_RUNNING;
	case TS_BLOCKED: return VS_BLOCKED;
	case TS_WAITING: return VS_WAITING;
	case TS_HALTED: return t->cause == CAUSE_EXIT ? VS_EXITED : VS_FAULTED;
	}
	return VS_IDLE;
}

static const struct {
	const char *name;
	uint8_t r, g, b;
} states[VS_COUNT] = {
	[VS_EMPTY]   = {"unused",  28,  30,  36},
	[VS_IDLE]    = {"idle",    62,  66,  78},
	[VS_RUNNING] = {"running", 52, 200,  84},
	[VS_BLOCKED] = {"blocked", 236, 168,  36},
	[VS_WAITING] = {"waiting", 64, 128, 236},
	[VS_EXITED]  = {"exited",  150, 150, 168},
	[VS_FAULTED] = {"faulted", 226,  44,  44},
};

uint32_t view_state_colour(view_state s) { return rgb(states[s].r, states[s].g, states[s].b); }
const char *view_state_name(view_state s) { return states[s].name; }

const char *view_heat_name(heat_mode h)
{
	static const char *const names[HEAT_COUNT] = {"off", "cycles", "instructions",
						      "messages", "traffic"};
	return names[h];
}

double view_tile_heat(view *v, const tile_t *t, uint32_t id)
{
	switch (v->heat) {
	case HEAT_CYCLES:
		return t ? (double)(t->state == TS_HALTED ? t->halt_cycles : tile_local_cycle(t)) : 0;
	case HEAT_INSNS:
		return t ? (double)t->instret : 0;
	case HEAT_MSGS:
		return t ? (double)(t->stats.msgs_sent + t->stats.msgs_recv) : 0;
	case HEAT_TRAFFIC: {
		double s = 0;
		for (int p = 0; p < NPORTS; p++)
			s += view_link_rate(v, id, p);
		return s;
	}
	default:
		return 0;
	}
}

/* Black, red, yellow, white as f goes from 0 to 1. */
uint32_t view_heat_colour(double f)
{
	if (!(f > 0))
		return rgb(16, 16, 24);
	if (f > 1)
		f = 1;
	double r = f * 3, g = f * 3 - 1, b = f * 3 - 2;
	r = r > 1 ? 1 : r;
	g = g < 0 ? 0 : g > 1 ? 1 : g;
	b = b < 0 ? 0 : b;
	return rgb((unsigned)(40 + 215 * r), (unsigned)(255 * g), (unsigned)(255 * b));
}

void view_cell_sample(view *v, uint32_t x0, uint32_t y0, uint32_t x1, uint32_t y1, view_cell *c)
{
	mesh_t *m = v->m;
	uint32_t w = m->cfg.width;
	for (int s = 0; s < VS_COUNT; s++)
		c->n[s] = 0;
	c->heat = 0;
	c->flits = 0;
	router_t **routers = m->net ? m->net->routers : NULL;
	for (uint32_t y = y0; y < y1; y++) {
		tile_t **row = m->tiles + (size_t)y * w;
		for (uint32_t x = x0; x < x1; x++) {
			const tile_t *t = row[x];
			c->n[view_tile_state(t)]++;
			if (routers && routers[y * w + x])
				c->flits += routers[y * w + x]->nflits;
			if (v->heat != HEAT_OFF && (t || v->heat == HEAT_TRAFFIC))
				c->heat += view_tile_heat(v, t, y * w + x);
		}
	}
	/* A fault is what one looks for: it shows however few tiles have it. */
	view_state best = c->n[VS_FAULTED] ? VS_FAULTED : VS_EMPTY;
	for (int s = VS_IDLE; s < VS_FAULTED && best != VS_FAULTED; s++)
		if (c->n[s] > (best == VS_EMPTY ? 0 : c->n[best]))
			best = (view_state)s;
	c->st = best;
}
