/* Tile state: memory, reset, halt. */
#include "tile.h"

#include <stdlib.h>
#include <string.h>

#include "mesh.h"
#include "net.h"

bool tile_alloc_mem(tile_t *t, uint32_t mem_size)
{
	if (t->mem)
		return true;
	t->mem = calloc(1, mem_size);
	t->dcache = malloc((size_t)(mem_size / 4) * sizeof(dinsn));
	if (!t->mem || !t->dcache) {
		free(t->mem);
		free(t->dcache);
		t->mem = NULL;
		t->dcache = NULL;
		return false;
	}
	memset(t->dcache, DINSN_UNDECODED, (size_t)(mem_size / 4) * sizeof(dinsn));
	t->mem_size = mem_size;
	t->bound = mem_size;
	return true;
}

void tile_free(tile_t *t)
{
	if (!t)
		return;
	net_tile_free(t);
	free(t->mem);
	free(t->dcache);
	out_buf_free(&t->out);
	free(t);
}

void tile_start(tile_t *t, uint32_t pc, uint64_t at)
{
	memset(t->x, 0, sizeof t->x);
	t->x[2] = t->bound;
	t->pc = pc;
	t->now = at;
	t->start_cycle = at;
	t->instret = 0;
	t->load_rd = 0;
	t->msgs_sent = 0;
	t->cause = CAUSE_RUNNING;
	t->state = TS_RUNNING;
}

void tile_write_mem(tile_t *t, uint32_t addr, const void *src, uint32_t len)
{
	memcpy(t->mem + addr, src, len);
	uint32_t first = addr / 4, last = (addr + len + 3) / 4;
	for (uint32_t w = first; w < last && w < t->mem_size / 4; w++)
		t->dcache[w].op = DINSN_UNDECODED;
}

void tile_halt(tile_t *t, uint32_t cause, uint32_t pc, uint32_t value)
{
	t->state = TS_HALTED;
	t->cause = cause;
	t->halt_pc = pc;
	t->halt_value = value;
	t->halt_cycles = tile_local_cycle(t);
	net_on_halt(t);
}
