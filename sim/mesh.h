/*
 * The chip: a W x H mesh of tiles (allocated lazily: a tile that never runs costs a
 * pointer), the network, the devices, and the run's configuration.
 */
#ifndef TESS_MESH_H
#define TESS_MESH_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "balance.h"
#include "tile.h"

typedef enum { PREFIX_AUTO, PREFIX_ON, PREFIX_OFF } console_prefix_mode;

typedef struct {
	uint32_t width, height;
	uint32_t mem_size;
	uint64_t max_cycles;      /* 0: no limit */
	bool semihost;
	bool quiet;
	console_prefix_mode prefix;
	const char *trace_path;   /* commit trace, NULL: off */
	const char *msg_trace_path; /* message trace, NULL: off */
	int threads;
	struct dist *dist;        /* MPI ranks (sim/mpi_hooks.h); NULL in one process */
} mesh_config;

struct net;

/* Tile or router ids listed by one host thread's part of the mesh (mesh_part): parts
   are written by different threads at once, so each list has a cache line to itself. */
typedef struct {
	uint32_t *v, n, cap;
	char pad[64 - sizeof(uint32_t *) - 2 * sizeof(uint32_t)];
} part_list;

typedef struct mesh {
	mesh_config cfg;
	uint32_t ntiles;
	tile_t **tiles;           /* ntiles pointers, NULL until the tile is used */
	uint64_t now;             /* every tile has been simulated up to here */
	uint64_t ahead_end;       /* engine: no tile runs ahead past this (a slice's end) */
	uint32_t nparts;          /* host threads' parts of the mesh (mesh_part) */
	bool max_reached;
	bool control_in_use;      /* some tile holds a CONTROL capability (sim/engine.c) */
	bool exiting;             /* the process ends after mesh_free: leave tile SRAM
	                             mappings to the kernel, which drops them all at once
	                             (one munmap per tile costs a TLB flush each) */
	FILE *trace, *msg_trace;
	out_buf net_out;          /* output recorded by the network phase */
	struct console *console;
	uint32_t *active;         /* ids of tiles that may run, in increasing order */
	uint32_t nactive, active_cap;
	part_list *woken;         /* per part: tiles the network phase changed (mesh_wake) */
	uint32_t *draining;       /* tiles that halted during the last engine_run_until call */
	uint32_t ndraining, draining_cap;
	struct net *net;          /* network side (sim/net.h) */
	const uint32_t *part_first;   /* while an engine runs: its parts' boundaries
	                                 (sim/balance.h); NULL: equal shares */
} mesh_t;

void mesh_config_default(mesh_config *c);
/* Returns NULL (with a message on stderr) when out of memory. */
mesh_t *mesh_new(const mesh_config *c);
void mesh_free(mesh_t *m);
/* The tile with this id, allocated (memory included) on first use; NULL if out of memory. */
tile_t *mesh_tile(mesh_t *m, uint32_t id);
/*
 * The host thread (of m->nparts) that runs tile id and steps its router (sim/engine.c):
 * consecutive ids, equal shares until the engine's boundaries move (sim/balance.h; the
 * network follows them: net_parts_moved). (Rows dealt out in turn balanced Life 64x64
 * slightly better but ran slower: measured, sum over windows of the slower thread's
 * time 0.75 s against 0.69 s.)
 */
static inline uint32_t mesh_part(const mesh_t *m, uint32_t id)
{
	if (m->part_first)
		return balance_part_in(m->part_first, m->nparts, id);
	return (uint32_t)((uint64_t)id * m->nparts / m->ntiles);
}
/* The part whose lists this host thread fills in the core phase (it may run tiles of
   other parts: sim/engine.c); 0 on the main thread between phases. */
extern _Thread_local uint32_t mesh_thread;
/* Append id to a growable list; false when out of memory. */
bool mesh_list_push(uint32_t **v, uint32_t *n, uint32_t *cap, uint32_t id);
/* The same for a part's list; exits with a message when out of memory. */
void part_list_push(part_list *l, uint32_t id);
/* Tiles woken in all parts. */
uint32_t mesh_nwoken(const mesh_t *m);
/*
 * Network phase: something that decides when the tile can go on changed (a message
 * delivered, a control operation queued, space in its NI): the engine looks at it
 * again in this window. Must be called for every such change (sim/engine.c). Goes to
 * the list of the tile's part: the network phase may run parts on several threads.
 */
void mesh_wake(mesh_t *m, tile_t *t);
/* Put a tile that has just started on the list the engine runs. */
void mesh_activate(mesh_t *m, tile_t *t);
static inline tile_t *mesh_tile_if(const mesh_t *m, uint32_t id)
{
	return id < m->ntiles ? m->tiles[id] : NULL;
}

#endif
