/* The C model's side of the co-simulation: one tile of libtessera, stepped one
 * retired instruction at a time, its commit-trace lines taken from its output buffer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "control.h"
#include "core.h"
#include "cosim.h"
#include "elf_load.h"
#include "engine.h"
#include "mesh.h"
#include "noc.h"

struct cosim_ref {
	mesh_t *m;
	elf_image *img;
};

/* Load and start one tile as tessera run --tile does without a manifest. */
static bool ref_load_tile(cosim_ref *r, const cosim_cfg *c, uint32_t id)
{
	tile_t *t = mesh_tile(r->m, id);
	if (!t)
		return false;
	elf_image_place(r->img, t);
	t->preloaded = true;
	ctl_preload(t, -1, 1, 0);      /* no supervisor, no control capability */
	t->bound = c->bound;           /* budgets as a manifest line would set them */
	t->budget_cycles = c->budget_cycles;
	tile_start(t, r->img->entry, 0);
	mesh_activate(r->m, t);
	return true;
}

cosim_ref *cosim_ref_new(const cosim_cfg *c)
{
	cosim_ref *r = calloc(1, sizeof *r);
	mesh_config mc;
	char err[512];
	mesh_config_default(&mc);
	mc.width = c->width;
	mc.height = c->height;
	mc.mem_size = c->mem_size;
	mc.semihost = c->semihost;
	mc.quiet = true;
	mc.max_cycles = c->max_cycles;
	if (!r || !(r->m = mesh_new(&mc))) {
		fprintf(stderr, "cosim: out of memory building the model\n");
		cosim_ref_free(r);
		return NULL;
	}
	if (!(r->img = elf_image_load(c->elf_path, c->mem_size, err, sizeof err))) {
		fprintf(stderr, "cosim: %s\n", err);
		cosim_ref_free(r);
		return NULL;
	}
	/* The traced interpreter runs when the mesh has a trace file; its lines stay in
	 * the tile's output buffer, which is read here and never flushed to the file. */
	r->m->trace = fopen("/dev/null", "w");
	if (!r->m->trace) {
		perror("/dev/null");
		cosim_ref_free(r);
		return NULL;
	}
	for (uint32_t id = 0; id < r->m->ntiles; id++)
		if (!ref_load_tile(r, c, id)) {
			fprintf(stderr, "cosim: out of memory loading tile %u\n", id);
			cosim_ref_free(r);
			return NULL;
		}
	return r;
}

void cosim_ref_free(cosim_ref *r)
{
	if (!r)
		return;
	if (r->m && r->m->trace)
		fclose(r->m->trace);
	if (r->m)
		r->m->trace = NULL;
	mesh_free(r->m);
	elf_image_free(r->img);
	free(r);
}

uint32_t cosim_ref_entry(const cosim_ref *r)
{
	return r->img->entry;
}

const uint8_t *cosim_ref_mem(const cosim_ref *r, uint32_t tile)
{
	return r->m->tiles[tile]->mem;
}

void cosim_ref_cap(const cosim_ref *r, uint32_t tile, unsigned slot, unsigned *kind,
		   uint32_t *lo, uint32_t *hi, uint32_t *badge)
{
	const cap_t *c = &r->m->tiles[tile]->net->caps.slot[slot % CAP_SLOTS];
	*kind = c->kind;
	*lo = c->lo;
	*hi = c->hi;
	*badge = c->badge;
}

/* Take what the step recorded: the trace line into line, output into out. */
static bool take_output(tile_t *t, char *line, size_t size, cosim_bytes *out)
{
	bool retired = false;
	for (size_t i = 0; i < t->out.n; i++) {
		out_record *o = &t->out.v[i];
		if (o->stream == OUT_TRACE) {
			size_t n = o->len && o->data[o->len - 1] == '\n' ? o->len - 1 : o->len;
			snprintf(line, size, "%.*s", (int)n, o->data);
			retired = true;
		} else if (o->stream == OUT_STDOUT || o->stream == OUT_STDERR) {
			cosim_bytes_add(out, o->data, o->len);
		}
		free(o->data);
	}
	t->out.n = 0;
	return retired;
}

bool cosim_ref_step(cosim_ref *r, uint32_t tile, char *line, size_t size, cosim_bytes *out)
{
	tile_t *t = r->m->tiles[tile];
	uint64_t before = t->instret;
	/* core_run stops before an instruction that would issue at or after `until`, so
	 * now + 1 runs at most one instruction (or only a load-use stall). */
	while (t->state == TS_RUNNING && t->instret == before)
		core_run(t, t->now + 1);
	return take_output(t, line, size, out) && t->instret != before;
}

void cosim_ref_halt(const cosim_ref *r, uint32_t tile, rtl_halt *h)
{
	const tile_t *t = r->m->tiles[tile];
	h->cause = t->state == TS_HALTED ? t->cause : CAUSE_RUNNING;
	h->pc = t->halt_pc;
	h->value = t->halt_value;
	h->cycle = t->halt_cycles;
	h->unimplemented = false;
}

void cosim_ref_run(cosim_ref *r, FILE *trace, FILE *msgs)
{
	if (r->m->trace)
		fclose(r->m->trace);
	r->m->trace = trace;
	r->m->msg_trace = msgs;
	engine_run(r->m);
	r->m->trace = NULL;            /* the caller's files */
	r->m->msg_trace = NULL;
}
