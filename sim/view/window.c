/*
 * The window: SDL2 events in, the software-drawn frame out through a streaming
 * texture. While the chip runs, each frame gives the simulation what is left of
 * FRAME_S after drawing; while the window is hidden nothing is drawn, and while paused
 * the loop sleeps in SDL_WaitEventTimeout.
 */
#include "window.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FRAME_S (1.0 / 30)

typedef struct {
	SDL_Window *win;
	SDL_Renderer *ren;
	SDL_Texture *tex;
	int drag_x, drag_y;
	bool dragging, dragged;
} window;

static bool resize(view *v, window *w, int width, int height)
{
	if (w->tex)
		SDL_DestroyTexture(w->tex);
	cv_free(&v->cv);
	w->tex = SDL_CreateTexture(w->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING,
				   width, height);
	return w->tex && cv_alloc(&v->cv, width, height);
}

static int key_of(const SDL_Keysym *k)
{
	bool shift = k->mod & KMOD_SHIFT;
	switch (k->sym) {
	case SDLK_LEFT: return VK_LEFT;
	case SDLK_RIGHT: return VK_RIGHT;
	case SDLK_UP: return VK_UP;
	case SDLK_DOWN: return VK_DOWN;
	case SDLK_ESCAPE: return VK_ESC;
	case SDLK_BACKSPACE: return VK_BACKSPACE;
	case SDLK_SLASH: return shift ? '?' : '/';
	case SDLK_EQUALS: return shift ? '+' : '=';
	case SDLK_KP_PLUS: return '+';
	case SDLK_KP_MINUS: return '-';
	}
	return k->sym >= 32 && k->sym < 127 ? k->sym : -1;
}

/* A scripted key goes through SDL's event queue, as a real one does. */
static void press(int key)
{
	SDL_Event e = {0};
	e.type = SDL_KEYDOWN;
	e.key.state = SDL_PRESSED;
	switch (key) {
	case VK_LEFT: e.key.keysym.sym = SDLK_LEFT; break;
	case VK_RIGHT: e.key.keysym.sym = SDLK_RIGHT; break;
	case VK_UP: e.key.keysym.sym = SDLK_UP; break;
	case VK_DOWN: e.key.keysym.sym = SDLK_DOWN; break;
	case '?': e.key.keysym.sym = SDLK_SLASH; e.key.keysym.mod = KMOD_LSHIFT; break;
	case '+': e.key.keysym.sym = SDLK_EQUALS; e.key.keysym.mod = KMOD_LSHIFT; break;
	default: e.key.keysym.sym = key;
	}
	SDL_PushEvent(&e);
}

static void mouse(view *v, window *w, const SDL_Event *e)
{
	switch (e->type) {
	case SDL_MOUSEMOTION:
		v->mouse_x = e->motion.x;
		v->mouse_y = e->motion.y;
		v->mouse_in = true;
		if (w->dragging && (e->motion.state & SDL_BUTTON_LMASK)) {
			v->ox -= e->motion.xrel / v->ppt;
			v->oy -= e->motion.yrel / v->ppt;
			w->dragged |= abs(e->motion.x - w->drag_x) + abs(e->motion.y - w->drag_y) > 4;
		}
		break;
	case SDL_MOUSEBUTTONDOWN:
		w->dragging = e->button.button == SDL_BUTTON_LEFT;
		w->dragged = false;
		w->drag_x = e->button.x;
		w->drag_y = e->button.y;
		break;
	case SDL_MOUSEBUTTONUP:
		if (w->dragging && !w->dragged)
			view_click(v, e->button.x, e->button.y);
		w->dragging = false;
		break;
	case SDL_MOUSEWHEEL:
		view_zoom(v, e->wheel.y > 0 ? 1.25 : 0.8, v->mouse_x, v->mouse_y);
		break;
	}
}

/* Returns true when something changed that needs a new frame. */
static bool events(view *v, window *w)
{
	SDL_Event e;
	bool any = false;
	while (SDL_PollEvent(&e)) {
		any = true;
		if (e.type == SDL_QUIT)
			v->quit = true;
		else if (e.type == SDL_KEYDOWN) {
			int k = key_of(&e.key.keysym);
			if (k >= 0)
				view_key(v, k);
		} else if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
			if (!resize(v, w, e.window.data1, e.window.data2))
				v->quit = true;
		} else if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_LEAVE)
			v->mouse_in = false;
		else
			mouse(v, w, &e);
	}
	return any;
}

static void present(view *v, window *w)
{
	view_render(v);
	SDL_UpdateTexture(w->tex, NULL, v->cv.px, v->cv.pitch * 4);
	SDL_RenderClear(w->ren);
	SDL_RenderCopy(w->ren, w->tex, NULL, NULL);
	SDL_RenderPresent(w->ren);
}

static int loop(view *v, window *w, view_script *script)
{
	double last_draw = 0, draw_s = 0;
	bool dirty = true, failed = false;
	while (!v->quit) {
		dirty |= events(v, w);
		if (script && !view_script_step(v, script, press, &failed)) {
			view_script_free(script);
			script = NULL;
			if (failed)
				return EXIT_FAILURE;
		}
		uint32_t flags = SDL_GetWindowFlags(w->win);
		bool hidden = flags & (SDL_WINDOW_HIDDEN | SDL_WINDOW_MINIMIZED);
		bool running = v->mode != RUN_PAUSED;
		/* Hidden: simulate in long stretches and never draw. */
		view_advance(v, hidden ? 0.1 : FRAME_S - draw_s > 0.005 ? FRAME_S - draw_s : 0.005);
		double now = view_clock();
		if (!hidden && (dirty || running || now - last_draw > 0.5)) {
			present(v, w);
			draw_s = view_clock() - now;
			last_draw = now;
			dirty = running;
		}
		if (!running && !script)
			dirty |= SDL_WaitEventTimeout(NULL, 100) != 0;
	}
	view_script_free(script);
	return 0;
}

/* SDL falls back to drivers that show nothing when there is no display: a window
   nobody can see would run for ever, so say so unless SDL_VIDEODRIVER asked for it. */
static bool no_display(void)
{
	const char *d = SDL_GetCurrentVideoDriver();
	return !getenv("SDL_VIDEODRIVER") && d && (!strcmp(d, "offscreen") || !strcmp(d, "dummy"));
}

int view_window(view *v, int width, int height, const char *script_text)
{
	if (SDL_Init(SDL_INIT_VIDEO) != 0 || no_display()) {
		fprintf(stderr, "tessera view: cannot open a window: %s\n"
			"(without a display, use --screenshot FILE.png --at-cycle N, or --no-window "
			"--script)\n", no_display() ? "no display" : SDL_GetError());
		SDL_Quit();
		return 125;
	}
	window w = {0};
	view_script *script = script_text ? view_script_new(script_text) : NULL;
	int rc = 125;
	w.win = SDL_CreateWindow("Tessera", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED,
				 width, height, SDL_WINDOW_RESIZABLE);
	if (w.win)
		w.ren = SDL_CreateRenderer(w.win, -1, 0);
	if (!w.ren || (script_text && !script) || !resize(v, &w, width, height))
		fprintf(stderr, "tessera view: cannot set up the window: %s\n", SDL_GetError());
	else {
		view_fit(v);
		rc = loop(v, &w, script);
		script = NULL;
	}
	view_script_free(script);
	if (w.tex) SDL_DestroyTexture(w.tex);
	if (w.ren) SDL_DestroyRenderer(w.ren);
	if (w.win) SDL_DestroyWindow(w.win);
	SDL_Quit();
	return rc;
}
