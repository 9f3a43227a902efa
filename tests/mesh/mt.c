/* Harness of the mesh tests. */
#include "mt.h"

#include <stdlib.h>
#include <string.h>

#include "control.h"
#include "elf_load.h"
#include "engine.h"

#ifndef MT_PROG_DIR
#define MT_PROG_DIR "build/mesh"
#endif

void mt_new(mt_chip *c, uint32_t w, uint32_t h, uint64_t max_cycles)
{
	memset(c, 0, sizeof *c);
	mesh_config mc;
	mesh_config_default(&mc);
	mc.width = w;
	mc.height = h;
	mc.quiet = true;
	mc.max_cycles = max_cycles ? max_cycles : 50u * 1000 * 1000;
	c->m = mesh_new(&mc);
	ck_assert_ptr_nonnull(c->m);
}

static const elf_symbol *find_sym(const elf_image *img, const char *name)
{
	for (size_t i = 0; i < img->nsyms; i++)
		if (!strcmp(img->syms[i].name, name))
			return &img->syms[i];
	return NULL;
}

tile_t *mt_load(mt_chip *c, uint32_t id, const char *prog, const uint32_t *params,
		unsigned nparams)
{
	char path[256], err[512];
	snprintf(path, sizeof path, "%s/%s.elf", MT_PROG_DIR, prog);
	elf_image *img = NULL;
	for (int i = 0; i < c->nimg; i++)
		if (!strcmp(c->img[i]->path, path))
			img = c->img[i];
	if (!img) {
		img = elf_image_load(path, c->m->cfg.mem_size, err, sizeof err);
		ck_assert_msg(img != NULL, "%s", err);
		ck_assert_int_lt(c->nimg, 16);
		c->img[c->nimg++] = img;
	}
	tile_t *t = mesh_tile(c->m, id);
	ck_assert_ptr_nonnull(t);
	elf_image_place(img, t);
	if (nparams) {
		const elf_symbol *s = find_sym(img, "params");
		ck_assert_msg(s != NULL, "%s has no params", path);
		tile_write_mem(t, s->addr, params, nparams * 4);
	}
	t->preloaded = true;
	ctl_preload(t, -1, 1, 0);
	tile_start(t, img->entry, 0);
	mesh_activate(c->m, t);
	return t;
}

void mt_caps(mt_chip *c, uint32_t id, int64_t super, uint32_t lo, uint32_t hi)
{
	ctl_preload(c->m->tiles[id], super, lo, hi);
}

void mt_run(mt_chip *c)
{
	engine_run(c->m);
}

void mt_free(mt_chip *c)
{
	mesh_free(c->m);
	for (int i = 0; i < c->nimg; i++)
		elf_image_free(c->img[i]);
	memset(c, 0, sizeof *c);
}

uint32_t mt_word(mt_chip *c, uint32_t id, const char *sym, uint32_t index)
{
	tile_t *t = c->m->tiles[id];
	ck_assert_ptr_nonnull(t);
	const elf_symbol *s = find_sym(t->image, sym);
	ck_assert_msg(s != NULL, "no symbol %s", sym);
	uint32_t v;
	memcpy(&v, t->mem + s->addr + 4 * index, 4);
	return v;
}

uint32_t mt_latency(uint32_t hops, uint32_t len, bool cap)
{
	uint32_t flits = 3 + len + (cap ? 3 : 0);
	return 4 /* NI */ + 2 + hops * 2 /* per hop */ + (flits - 1) + 1 /* eject */;
}
