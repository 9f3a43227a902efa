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
#include "run_setup.h"

struct cosim_ref {
	mesh_t *m;
	elf_image *img;
	run_opts *run;            /* --boot / --manifest: placed by tessera run's own code */
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

/* tessera run's placing of --boot / --manifest (sim/run_setup.c), on the options the
 * chip tests give tessera run. */
static bool ref_run_setup(cosim_ref *r, const cosim_cfg *c)
{
	char mesh[32], mem[32], maxc[32];
	char *argv[16];
	int argc = 0, rc;
	snprintf(mesh, sizeof mesh, "%ux%u", c->width, c->height);
	snprintf(mem, sizeof mem, "%u", c->mem_size);
	snprintf(maxc, sizeof maxc, "%llu", (unsigned long long)c->max_cycles);
	argv[argc++] = "run";
	argv[argc++] = "--quiet";
	argv[argc++] = "--mesh";
	argv[argc++] = mesh;
	argv[argc++] = "--mem";
	argv[argc++] = mem;
	argv[argc++] = "--max-cycles";
	argv[argc++] = maxc;
	if (!c->semihost)
		argv[argc++] = "--no-semihost";
	argv[argc++] = c->boot_path ? "--boot" : "--manifest";
	argv[argc++] = (char *)(c->boot_path ? c->boot_path : c->manifest_path);
	if (c->disk_path) {
		argv[argc++] = "--disk";
		argv[argc++] = (char *)c->disk_path;
	}
	argv[argc] = NULL;
	if (!(r->run = calloc(1, sizeof *r->run)))
		return false;
	if ((rc = run_parse_args(r->run, "run", argc, argv, NULL)) >= 0)
		return false;
	optind = 1;                    /* getopt again for anyone after us */
	r->m = run_load(r->run, &rc);
	return r->m != NULL;
}

cosim_ref *cosim_ref_new(const cosim_cfg *c)
{
	cosim_ref *r = calloc(1, sizeof *r);
	if (r && (c->boot_path || c->manifest_path)) {
		if (!ref_run_setup(r, c)) {
			fprintf(stderr, "cosim: the model could not be set up (see above)\n");
			cosim_ref_free(r);
			return NULL;
		}
		return r;
	}
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
		r->m->trace = r->m->msg_trace = NULL;
	if (r->run) {
		if (r->m)
			r->m->exiting = true;
		run_finish(r->run, r->m, 0);
		free(r->run);
	} else {
		mesh_free(r->m);
	}
	elf_image_free(r->img);
	free(r);
}

uint32_t cosim_ref_entry(const cosim_ref *r)
{
	return r->img ? r->img->entry : r->m->tiles[0]->pc;
}

const uint8_t *cosim_ref_mem(const cosim_ref *r, uint32_t tile)
{
	const tile_t *t = r->m->tiles[tile];
	return t ? t->mem : NULL;
}

uint32_t cosim_ref_mem_size(const cosim_ref *r)
{
	return r->m->cfg.mem_size;
}

uint64_t cosim_ref_end(const cosim_ref *r)
{
	return r->m->now;
}

bool cosim_ref_idle(const cosim_ref *r, uint32_t tile)
{
	const tile_t *t = r->m->tiles[tile];
	return !t || t->state == TS_HALTED || t->state == TS_IDLE;
}

uint64_t cosim_ref_rejected(const cosim_ref *r, uint32_t tile)
{
	const tile_t *t = r->m->tiles[tile];
	return t ? t->stats.ctl_rejected : 0;
}

void cosim_ref_tile_start(const cosim_ref *r, uint32_t tile, cosim_tile_start *s)
{
	const tile_t *t = r->m->tiles[tile];
	memset(s, 0, sizeof *s);
	if (!t || t->state == TS_IDLE || t->state == TS_HALTED)
		return;
	s->started = true;
	s->pc = t->pc;
	s->a0 = t->x[10];
	s->bound = t->bound;
	s->budget_cycles = t->budget_cycles;
	s->budget_msgs = t->budget_msgs;
	if (!t->net)
		return;
	const ctl_unit *u = &t->net->cu;
	s->pre.has_super = u->has_super;
	s->pre.super = u->super;
	for (uint32_t i = 0; i < u->nchildren; i++)
		if (u->children[i].id < 64 && ctl_child_at(&u->children[i], t->now))
			s->pre.children |= 1ull << u->children[i].id;
	s->pre.bound = t->bound == t->mem_size ? 0 : t->bound;
	s->pre.cycles = t->budget_cycles;
	s->pre.msgs = t->budget_msgs;
}

void cosim_ref_cap(const cosim_ref *r, uint32_t tile, unsigned slot, unsigned *kind,
		   uint32_t *lo, uint32_t *hi, uint32_t *badge)
{
	const tile_t *t = r->m->tiles[tile];
	static const cap_t empty;
	const cap_t *c = t && t->net ? &t->net->caps.slot[slot % CAP_SLOTS] : &empty;
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
