/*
 * Placeholder network: no routers, no devices. Message and capability instructions
 * halt the tile with ILLEGAL until the network (sim/noc.c and friends) lands; the
 * mesh work replaces this file.
 */
#include "net.h"

#include "mesh.h"

bool net_init(struct mesh *m) { (void)m; return true; }
void net_free(struct mesh *m) { (void)m; }
bool net_tile_attach(tile_t *t) { (void)t; return true; }
void net_tile_free(tile_t *t) { (void)t; }
void net_on_halt(tile_t *t) { (void)t; }
uint64_t net_tile_limit(const tile_t *t) { (void)t; return UINT64_MAX; }
void net_tile_reach_limit(tile_t *t) { (void)t; }
uint64_t net_tile_wake(const tile_t *t) { (void)t; return UINT64_MAX; }
void net_advance(struct mesh *m, uint64_t from, uint64_t to) { (void)m; (void)from; (void)to; }
bool net_idle(const struct mesh *m) { (void)m; return true; }

unsigned net_exec(tile_t *t, const dinsn *d, uint32_t *rd_value)
{
	(void)rd_value;
	(void)d;
	tile_halt(t, CAUSE_ILLEGAL, t->pc, t->mem[t->pc] | t->mem[t->pc + 1] << 8 |
		  t->mem[t->pc + 2] << 16 | (uint32_t)t->mem[t->pc + 3] << 24);
	return 0;
}

void net_stats_json(const struct mesh *m, FILE *f) { (void)m; (void)f; }
