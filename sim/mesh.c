/* The chip: tiles allocated on first use, the active list, configuration. */
#include "mesh.h"

#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "mpi_hooks.h"
#include "net.h"

_Thread_local uint32_t mesh_thread;

void mesh_config_default(mesh_config *c)
{
	memset(c, 0, sizeof *c);
	c->width = 1;
	c->height = 1;
	c->mem_size = MEM_DEFAULT;
	c->semihost = true;
	c->prefix = PREFIX_AUTO;
	c->threads = 1;
}

mesh_t *mesh_new(const mesh_config *c)
{
	mesh_t *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->cfg = *c;
	m->ntiles = c->width * c->height;
	m->nparts = c->threads > 1 ? (uint32_t)c->threads : 1;
	if (m->nparts > m->ntiles)
		m->nparts = m->ntiles;
	m->tiles = calloc(m->ntiles, sizeof *m->tiles);
	m->woken = calloc(m->nparts, sizeof *m->woken);
	m->net_out.by_router = true;
	m->console = console_new(c->prefix, m->ntiles);
	if (!m->tiles || !m->woken || !m->console || !net_init(m)) {
		mesh_free(m);
		return NULL;
	}
	return m;
}

void mesh_free(mesh_t *m)
{
	if (!m)
		return;
	if (m->tiles)
		for (uint32_t i = 0; i < m->ntiles; i++)
			tile_free(m->tiles[i]);
	net_free(m);
	console_free(m->console);
	out_buf_free(&m->net_out);
	free(m->tiles);
	free(m->active);
	free(m->draining);
	for (uint32_t k = 0; m->woken && k < m->nparts; k++)
		free(m->woken[k].v);
	free(m->woken);
	free(m);
}

tile_t *mesh_tile(mesh_t *m, uint32_t id)
{
	if (id >= m->ntiles)
		return NULL;
	if (m->tiles[id])
		return m->tiles[id];
	tile_t *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->id = id;
	t->tx = (uint16_t)(id % m->cfg.width);
	t->ty = (uint16_t)(id / m->cfg.width);
	t->mesh = m;
	t->state = TS_IDLE;
	if (!dist_mine(m, id))    /* MPI: another rank's tile, no SRAM here (sim/mpi.c) */
		t->mem_size = t->bound = m->cfg.mem_size;
	else if (!tile_alloc_mem(t, m->cfg.mem_size)) {
		tile_free(t);
		return NULL;
	}
	if (!net_tile_attach(t)) {
		tile_free(t);
		return NULL;
	}
	m->tiles[id] = t;
	return t;
}

bool mesh_list_push(uint32_t **v, uint32_t *n, uint32_t *cap, uint32_t id)
{
	if (*n == *cap) {
		uint32_t c = *cap ? *cap * 2 : 16;
		uint32_t *nv = realloc(*v, c * sizeof *nv);
		if (!nv)
			return false;
		*v = nv;
		*cap = c;
	}
	(*v)[(*n)++] = id;
	return true;
}

void mesh_wake(mesh_t *m, tile_t *t)
{
	if (t->woken || !tile_active(t))
		return;
	t->woken = true;
	part_list_push(&m->woken[mesh_part(m, t->id)], t->id);
}

void part_list_push(part_list *l, uint32_t id)
{
	if (!mesh_list_push(&l->v, &l->n, &l->cap, id)) {
		fprintf(stderr, "tessera: out of host memory\n");
		exit(125);
	}
}

uint32_t mesh_nwoken(const mesh_t *m)
{
	uint32_t n = 0;
	for (uint32_t k = 0; k < m->nparts; k++)
		n += m->woken[k].n;
	return n;
}

void mesh_activate(mesh_t *m, tile_t *t)
{
	mesh_wake(m, t);
	for (uint32_t i = 0; i < m->nactive; i++)
		if (m->active[i] == t->id)
			return;
	if (!mesh_list_push(&m->active, &m->nactive, &m->active_cap, t->id))
		abort();
	uint32_t i = m->nactive - 1;
	while (i > 0 && m->active[i - 1] > t->id) {
		m->active[i] = m->active[i - 1];
		i--;
	}
	m->active[i] = t->id;
}
