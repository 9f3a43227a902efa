/* Keys, clicks and the --script commands (the keys are listed in render.c's help). */
#include "view.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "png.h"

static void pan(view *v, double dx, double dy)
{
	int ax, ay, aw, ah;
	view_mesh_area(v, &ax, &ay, &aw, &ah);
	v->ox += dx * aw / v->ppt / 8;
	v->oy += dy * ah / v->ppt / 8;
}

static uint64_t take_arg(view *v, uint64_t dflt)
{
	uint64_t a = v->has_arg ? v->arg : dflt;
	v->has_arg = false;
	v->arg = 0;
	return a;
}

static void screenshot_key(view *v)
{
	char path[64];
	snprintf(path, sizeof path, "tessera-view-%" PRIu64 ".png", v->m->now);
	if (view_screenshot(v, path))
		snprintf(v->message, sizeof v->message, "wrote %s", path);
	else
		snprintf(v->message, sizeof v->message, "cannot write %s", path);
}

static bool command_key(view *v, int key)
{
	int ax, ay, aw, ah;
	view_mesh_area(v, &ax, &ay, &aw, &ah);
	switch (key) {
	case ' ': view_run_to(v, v->mode == RUN_PAUSED ? RUN_FREE : RUN_PAUSED, 0); break;
	case 's': case '.': view_run_to(v, RUN_TO_CYCLE, v->m->now + 1); break;
	case 'n': view_run_to(v, RUN_TO_CYCLE, v->m->now + take_arg(v, v->step_n)); break;
	case 'g': if (v->has_arg) view_run_to(v, RUN_TO_CYCLE, take_arg(v, 0)); break;
	case 'f': view_run_to(v, RUN_TO_FAULT, 0); break;
	case '[': if (v->step_n > 1) v->step_n /= 2; break;
	case ']': if (v->step_n < (1ull << 40)) v->step_n *= 2; break;
	case 'c': if (v->has_arg && v->arg < v->m->ntiles) v->sel = (int64_t)take_arg(v, 0);
		v->panel = true; break;
	case 'h': v->heat = (heat_mode)((v->heat + 1) % HEAT_COUNT); break;
	case 'l': v->links = !v->links; break;
	case 't': v->tree = !v->tree; break;
	case 'i': v->panel = !v->panel; break;
	case 'z': view_fit(v); break;
	case '+': case '=': view_zoom(v, 1.5, aw / 2, ah / 2); break;
	case '-': view_zoom(v, 1 / 1.5, aw / 2, ah / 2); break;
	case VK_LEFT: pan(v, -1, 0); break;
	case VK_RIGHT: pan(v, 1, 0); break;
	case VK_UP: pan(v, 0, -1); break;
	case VK_DOWN: pan(v, 0, 1); break;
	case 'p': screenshot_key(v); break;
	case '?': v->help = !v->help; break;
	case 'q': v->quit = true; break;
	default: return false;
	}
	return true;
}

void view_key(view *v, int key)
{
	if (key >= '0' && key <= '9') {
		if (v->arg < UINT64_MAX / 10 - 10)
			v->arg = v->arg * 10 + (uint64_t)(key - '0');
		v->has_arg = true;
		return;
	}
	if (key == VK_BACKSPACE) {
		v->arg /= 10;
		v->has_arg = v->arg != 0;
		return;
	}
	if (key == VK_ESC) {
		if (v->help)
			v->help = false;
		else if (v->has_arg)
			take_arg(v, 0);
		else
			v->sel = -1;
		return;
	}
	command_key(v, key);
}

void view_click(view *v, int px, int py)
{
	int64_t id = view_tile_at(v, px, py);
	if (id >= 0) {
		v->sel = id;
		v->panel = true;
	}
}

int view_key_named(const char *name)
{
	static const struct { const char *name; int key; } named[] = {
		{"space", ' '}, {"escape", VK_ESC}, {"left", VK_LEFT}, {"right", VK_RIGHT},
		{"up", VK_UP}, {"down", VK_DOWN}, {"backspace", VK_BACKSPACE},
	};
	if (strlen(name) == 1)
		return (unsigned char)name[0];
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (!strcmp(name, named[i].name))
			return named[i].key;
	return -1;
}

bool view_screenshot(view *v, const char *path)
{
	view_render(v);
	return png_write(path, &v->cv);
}

/* ---- scripts ------------------------------------------------------------------ */

struct view_script {
	char *text, *next;
};

view_script *view_script_new(const char *text)
{
	view_script *s = calloc(1, sizeof *s);
	if (!s || !(s->text = strdup(text))) {
		free(s);
		return NULL;
	}
	s->next = s->text;
	return s;
}

void view_script_free(view_script *s)
{
	if (s)
		free(s->text);
	free(s);
}

static bool script_error(bool *failed, const char *cmd, const char *why)
{
	fprintf(stderr, "tessera view: --script: '%s': %s\n", cmd, why);
	*failed = true;
	return false;
}

static bool number(const char *s, uint64_t *out)
{
	char *end;
	if (!s || !isdigit((unsigned char)*s))
		return false;
	*out = strtoull(s, &end, 0);
	return *end == 0;
}

static bool run_command(view *v, char *cmd, void (*press)(int), bool *failed)
{
	char *verb = strtok(cmd, " \t\n"), *arg = strtok(NULL, " \t\n");
	uint64_t n = 0;
	if (!verb)
		return true;
	if (!strcmp(verb, "step") && number(arg, &n))
		view_run_to(v, RUN_TO_CYCLE, v->m->now + n);
	else if (!strcmp(verb, "until") && number(arg, &n))
		view_run_to(v, RUN_TO_CYCLE, n);
	else if (!strcmp(verb, "fault"))
		view_run_to(v, RUN_TO_FAULT, 0);
	else if (!strcmp(verb, "key") && arg && view_key_named(arg) >= 0) {
		if (press)
			press(view_key_named(arg));
		else
			view_key(v, view_key_named(arg));
	} else if (!strcmp(verb, "select") && number(arg, &n) && n < v->m->ntiles) {
		v->sel = (int64_t)n;
		v->panel = true;
	} else if (!strcmp(verb, "heat") && arg) {
		int h = 0;
		while (h < HEAT_COUNT && strcmp(arg, view_heat_name((heat_mode)h)))
			h++;
		if (h == HEAT_COUNT)
			return script_error(failed, verb, "heat is off, cycles, instructions, messages or traffic");
		v->heat = (heat_mode)h;
	} else if (!strcmp(verb, "shot") && arg) {
		if (!view_screenshot(v, arg))
			return script_error(failed, arg, "cannot write the screenshot");
	} else if (!strcmp(verb, "quit"))
		v->quit = true;
	else
		return script_error(failed, verb, "unknown command or bad argument (step N, until N, "
				    "fault, key K, select N, heat MODE, shot FILE, quit)");
	return true;
}

bool view_script_step(view *v, view_script *s, void (*press)(int key), bool *failed)
{
	if (v->mode == RUN_TO_CYCLE || v->mode == RUN_TO_FAULT)
		return true;            /* wait for the step, until or fault to end */
	if (!*s->next)
		return false;
	char *end = strchr(s->next, ';');
	if (end)
		*end = 0;
	char *cmd = s->next;
	s->next = end ? end + 1 : cmd + strlen(cmd);
	return run_command(v, cmd, press, failed) || !*failed;
}
