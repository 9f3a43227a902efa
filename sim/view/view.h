/*
 * The viewer (tessera view): state shared by its files. The simulation runs in slices
 * (engine_run_until) between frames; a frame is drawn in software on a canvas
 * (canvas.h) that the window shows or a screenshot writes.
 *
 *   view_main.c   the command line, headless screenshots, the window loop
 *   view_run.c    run / pause / step / until a cycle / until a fault, cycles per second
 *   view_input.c  keys, mouse, the --script commands
 *   render.c      the frame: mesh, aggregates, heat maps, status bar, help
 *   cells.c       what a tile or a block of tiles looks like (state, heat, traffic)
 *   netview.c     links, flits in flight, devices, supervision lines
 *   inspect.c     the inspector panel of the selected tile
 */
#ifndef TESS_VIEW_H
#define TESS_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "canvas.h"
#include "engine.h"
#include "mesh.h"

/* What a tile shows (colours in cells.c). */
typedef enum {
	VS_EMPTY,      /* never used: no tile allocated */
	VS_IDLE,
	VS_RUNNING,
	VS_BLOCKED,    /* in msg.send / msg.recv: waiting on the network */
	VS_WAITING,    /* asleep in msg.wait */
	VS_EXITED,     /* halted with cause EXIT */
	VS_FAULTED,    /* halted with any other cause */
	VS_COUNT
} view_state;

typedef enum { HEAT_OFF, HEAT_CYCLES, HEAT_INSNS, HEAT_MSGS, HEAT_TRAFFIC, HEAT_COUNT } heat_mode;
typedef enum { RUN_PAUSED, RUN_FREE, RUN_TO_CYCLE, RUN_TO_FAULT } run_mode;

#define STATUS_H   (2 * FONT_H + 6)    /* status bar at the bottom */
#define PANEL_W    (66 * FONT_W + 8)  /* inspector on the right */
#define AGG_MIN_PX 3                   /* tiles smaller than this are drawn in blocks */

/* Recent traffic of the routers (netview.c): per router, lazily, in chunks. */
#define LINK_CHUNK 4096
typedef struct {
	uint64_t last[5];         /* flits counted at the last sample, per output port */
	uint64_t at;              /* cycle of the last sample */
	float rate[5];            /* flits per cycle, smoothed */
} link_rate;

typedef struct view {
	mesh_t *m;
	engine_t *eng;
	bool finished;            /* the engine says nothing more happens */
	/* running */
	run_mode mode;
	uint64_t target;          /* RUN_TO_CYCLE */
	uint64_t step_n;          /* cycles per 'n' */
	uint64_t arg;             /* number typed before a command key */
	bool has_arg;
	uint64_t slice;           /* cycles per engine call, adapted to take ~2 ms */
	double cps;               /* chip cycles per second, measured */
	double cps_t0;
	uint64_t cps_c0;
	uint32_t fault_tile;      /* the tile that stopped RUN_TO_FAULT, or UINT32_MAX */
	/* looking */
	double ox, oy;            /* mesh coordinates (tiles) at the mesh area's top-left */
	double ppt;               /* pixels per tile */
	heat_mode heat;
	double heat_max;           /* largest cell value of the last frame (the scale) */
	double heat_seen;          /* largest of this frame */
	bool links, tree, help, panel;
	int64_t sel;              /* selected tile or -1 */
	int mouse_x, mouse_y;
	bool mouse_in;
	char message[160];        /* last line shown in the status bar */
	/* frame */
	vcanvas cv;
	uint32_t counts[VS_COUNT];/* tiles in view by state, from the last frame */
	uint64_t flits;           /* flits in the routers in view, from the last frame */
	link_rate **lr;           /* ntiles / LINK_CHUNK chunk pointers */
	uint64_t lr_now;          /* cycle of the last traffic sample */
	bool quit;
} view;

/* view_run.c */
void view_init(view *v, mesh_t *m, engine_t *e);
void view_free(view *v);
/* Simulate for at most `budget` seconds of host time, as the run mode says. */
void view_advance(view *v, double budget);
void view_run_to(view *v, run_mode mode, uint64_t target);
double view_clock(void);

/* render.c */
void view_render(view *v);        /* into v->cv, which has the window's size */
void view_fit(view *v);
/* Mesh area on the canvas. */
void view_mesh_area(const view *v, int *x, int *y, int *w, int *h);
/* The tile under a canvas pixel, or -1. */
int64_t view_tile_at(const view *v, int px, int py);
void view_zoom(view *v, double factor, int px, int py);
/* Tiles per side of a drawn cell at the current zoom (1, or a power of two). */
uint32_t view_block(const view *v);

/* cells.c */
view_state view_tile_state(const tile_t *t);
uint32_t view_state_colour(view_state s);
const char *view_state_name(view_state s);
/* A block of tiles [x0, x1) x [y0, y1): its dominant state (faulted wins if present,
 * then the most frequent non-empty one), its summed heat value, and state counts. */
typedef struct {
	view_state st;
	double heat;
	uint32_t n[VS_COUNT];
	uint32_t flits;           /* in the routers of the block */
} view_cell;
void view_cell_sample(view *v, uint32_t x0, uint32_t y0, uint32_t x1, uint32_t y1, view_cell *c);
double view_tile_heat(view *v, const tile_t *t, uint32_t id);
uint32_t view_heat_colour(double f);
const char *view_heat_name(heat_mode h);

/* netview.c */
#define VIEW_LINK_IDLE 0xff2c2e38u     /* a link no flit has crossed */
#define VIEW_TREE_COLOUR 0xffff78c8u   /* supervision lines */
/* Where the link out of tile id by port (PORT_E...) is drawn. */
void view_link_rect(const view *v, uint32_t id, int port, int *x, int *y, int *w, int *h);
/* Recent flits per cycle out of `port` of the router of tile id (0 when none). */
double view_link_rate(view *v, uint32_t id, int port);
void view_draw_links(view *v, int ax, int ay, int aw, int ah);
void view_draw_tree(view *v, int ax, int ay, int aw, int ah);
void view_draw_devices(view *v, int ax, int ay, int aw, int ah);

/* inspect.c */
void view_draw_inspector(view *v, int x, int y, int w, int h);
/* One line of text per call for the hover box of a tile. */
void view_tile_summary(const view *v, uint32_t id, char *buf, size_t n);

/* view_input.c: keys are ASCII characters or these. */
enum { VK_LEFT = 0x100, VK_RIGHT, VK_UP, VK_DOWN, VK_ESC = 27, VK_BACKSPACE = 8 };
void view_key(view *v, int key);
/* A key by name for scripts: one character, or space, escape, left, right, up, down. */
int view_key_named(const char *name);
void view_click(view *v, int px, int py);
/* Commands separated by ';': step N, until N, fault, key K, select N,
 * shot FILE, heat MODE, quit. One is taken per frame, none while running to a goal. */
typedef struct view_script view_script;
view_script *view_script_new(const char *text);
void view_script_free(view_script *s);
/* Do the next command unless a step, until or fault runs; false when the script is done or failed
 * (a message on stderr, *failed set). Keys go through press(key) (the window's event
 * queue) or straight to view_key when press is NULL. */
bool view_script_step(view *v, view_script *s, void (*press)(int key), bool *failed);
bool view_screenshot(view *v, const char *path);

#endif
