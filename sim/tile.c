/* Tile state: memory, reset, halt. */
#include "tile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "mesh.h"
#include "net.h"

bool tile_alloc_mem(tile_t *t, uint32_t mem_size)
{
	if (t->mem)
		return true;
	/* Pages of an anonymous mapping are zero and cost nothing until touched: a tile
	   uses a few KiB of its SRAM, and a chip has thousands of tiles. */
	void *p = mmap(NULL, mem_size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	t->mem_mapped = p != MAP_FAILED;
	t->mem = t->mem_mapped ? p : calloc(1, mem_size);   /* too many mappings: the heap */
	if (!t->mem)
		return false;
	t->mem_size = mem_size;
	t->bound = mem_size;
	return true;
}

void tile_free(tile_t *t)
{
	if (!t)
		return;
	net_tile_free(t);
	if (!t->mem_mapped)
		free(t->mem);
	else if (!(t->mesh && t->mesh->exiting))
		munmap(t->mem, t->mem_size);
	if (!t->dc_shared)
		free(t->dcache);
	out_buf_free(&t->out);
	free(t);
}

/* Predecoded storage grows in steps of this many words (4 KiB of code). */
#define DC_STEP 1024u

bool tile_grow_dcache(tile_t *t, uint32_t pc)
{
	uint32_t want = (pc / 4 / DC_STEP + 1) * DC_STEP;
	if (want > t->bound / 4)
		want = t->bound / 4;
	if (want <= t->dc_words)
		return true;
	tile_own_dcache(t);
	dinsn *v = realloc(t->dcache, (size_t)want * sizeof *v);
	if (!v)
		return false;
	memset(v + t->dc_words, DINSN_UNDECODED, (size_t)(want - t->dc_words) * sizeof *v);
	t->dcache = v;
	t->dc_words = want;
	return true;
}

void tile_share_dcache(tile_t *t, dinsn *table, uint32_t words)
{
	if (t->dcache || !table)
		return;                /* already has predecoded words of its own */
	t->dcache = table;
	t->dc_words = words < t->bound / 4 ? words : t->bound / 4;
	t->dc_shared = true;
}

void tile_copy_dcache(tile_t *t)
{
	dinsn *v = malloc((size_t)t->dc_words * sizeof *v + 1);
	if (!v) {
		fprintf(stderr, "tessera: out of host memory predecoding tile %u\n", t->id);
		exit(125);
	}
	memcpy(v, t->dcache, (size_t)t->dc_words * sizeof *v);
	t->dcache = v;
	t->dc_shared = false;
}

void tile_start(tile_t *t, uint32_t pc, uint64_t at)
{
	memset(t->x, 0, sizeof t->x);
	t->x[2] = t->bound;
	if (t->dc_words > t->bound / 4)
		t->dc_words = t->bound / 4;
	t->pc = pc;
	t->now = at;
	t->start_cycle = at;
	t->instret = 0;
	t->load_rd = 0;
	t->msgs_sent = 0;
	t->cause = CAUSE_RUNNING;
	t->state = TS_RUNNING;
}

/* Zero SRAM: a fresh anonymous mapping over it costs nothing until touched (and drops
   a copy-on-write image, sim/elf_load.c); the heap's memory is written. */
static void zero_mem(tile_t *t)
{
	if (!t->mem_mapped || mmap(t->mem, t->mem_size, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE,
				   -1, 0) == MAP_FAILED)
		memset(t->mem, 0, t->mem_size);
}

void tile_clear(tile_t *t)
{
	if (t->mem)            /* NULL: another MPI rank's tile (sim/mpi.c) */
		zero_mem(t);
	if (!t->dc_shared)
		free(t->dcache);
	t->dcache = NULL;
	t->dc_shared = false;
	t->dc_words = 0;
	t->bound = t->mem_size;
	t->budget_cycles = 0;
	t->budget_msgs = 0;
	t->msgs_sent = 0;
}

void tile_write_mem(tile_t *t, uint32_t addr, const void *src, uint32_t len)
{
	if (!t->mem)            /* another MPI rank's tile: its owner writes it */
		return;
	memcpy(t->mem + addr, src, len);
	tile_invalidate(t, addr, len);
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
