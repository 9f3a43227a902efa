/* Statistics reports: a text table (stderr) and JSON. */
#include "stats.h"

#include <inttypes.h>

#include "mesh.h"
#include "net.h"
#include "noc.h"

static const char *state_name(const tile_t *t)
{
	switch (t->state) {
	case TS_IDLE: return "idle";
	case TS_RUNNING: return "running";
	case TS_BLOCKED: return "blocked";
	case TS_WAITING: return "waiting";
	case TS_HALTED: return t->cause == CAUSE_EXIT ? "exited" : "faulted";
	}
	return "?";
}

/* Sum of op_count over the instructions of one timing class. */
static uint64_t class_count(const tile_stats *s, isa_timing_class tc)
{
	uint64_t n = 0;
	for (int op = 0; op < OP_COUNT; op++)
		if (isa_insns[op].timing == tc)
			n += s->op_count[op];
	return n;
}

/* Cycles of a tile: final for a halted one, up to the end of the run otherwise. */
static uint64_t tile_cycles(const mesh_t *m, const tile_t *t)
{
	if (t->state == TS_HALTED)
		return t->halt_cycles;
	uint64_t end = t->now > m->now ? t->now : m->now;
	return end - t->start_cycle;
}

static bool tile_ran(const tile_t *t)
{
	return t && (t->state != TS_IDLE || t->instret);
}

void stats_print_table(const mesh_t *m, FILE *f)
{
	fprintf(f, "%6s %-8s %-14s %12s %12s %6s %10s %10s %10s %10s %8s %8s\n", "tile", "state",
		"cause", "cycles", "instret", "IPC", "loads", "stores", "taken-br", "ld-use",
		"msgs-out", "msgs-in");
	uint64_t tc = 0, ti = 0;
	for (uint32_t i = 0; i < m->ntiles; i++) {
		const tile_t *t = m->tiles[i];
		if (!tile_ran(t))
			continue;
		uint64_t cyc = tile_cycles(m, t);
		const tile_stats *s = &t->stats;
		fprintf(f, "%6u %-8s %-14s %12" PRIu64 " %12" PRIu64 " %6.3f %10" PRIu64 " %10" PRIu64
			" %10" PRIu64 " %10" PRIu64 " %8" PRIu64 " %8" PRIu64 "\n",
			i, state_name(t), t->state == TS_HALTED ? isa_cause_name(t->cause) : "-", cyc,
			t->instret, cyc ? (double)t->instret / (double)cyc : 0.0,
			class_count(s, TC_LOAD), class_count(s, TC_STORE), s->branches_taken,
			s->stall_load_use, s->msgs_sent, s->msgs_recv);
		tc += cyc;
		ti += t->instret;
	}
	fprintf(f, "total: %" PRIu64 " cycles of the chip, %" PRIu64 " tile-cycles, %" PRIu64
		" instructions\n", m->now, tc, ti);
	noc_stats_print(m, f);
}

static void json_tile(const mesh_t *m, const tile_t *t, FILE *f)
{
	fprintf(f, "    {\"id\": %u, \"x\": %u, \"y\": %u, \"state\": \"%s\", \"cause\": \"%s\", "
		"\"exit_value\": %u, \"pc\": %u, \"cycles\": %" PRIu64 ", \"start_cycle\": %" PRIu64,
		t->id, t->tx, t->ty, state_name(t),
		t->state == TS_HALTED ? isa_cause_name(t->cause) : "",
		t->state == TS_HALTED ? t->halt_value : 0,
		t->state == TS_HALTED ? t->halt_pc : t->pc, tile_cycles(m, t), t->start_cycle);
	const tile_stats *s = &t->stats;
#define STAT(name, desc) fprintf(f, ", \"%s\": %" PRIu64, #name, s->name);
#include "stats.def"
#undef STAT
	fprintf(f, ", \"instret\": %" PRIu64 ", \"ops\": {", t->instret);
	bool first = true;
	for (int op = 0; op < OP_COUNT; op++) {
		if (!s->op_count[op])
			continue;
		fprintf(f, "%s\"%s\": %" PRIu64, first ? "" : ", ", isa_insns[op].mnemonic,
			s->op_count[op]);
		first = false;
	}
	fprintf(f, "}}");
}

void stats_write_json(const mesh_t *m, FILE *f)
{
	fprintf(f, "{\n  \"width\": %u, \"height\": %u, \"mem\": %u, \"cycles\": %" PRIu64
		", \"max_cycles_reached\": %s,\n  \"tiles\": [\n", m->cfg.width, m->cfg.height,
		m->cfg.mem_size, m->now, m->max_reached ? "true" : "false");
	bool first = true;
	for (uint32_t i = 0; i < m->ntiles; i++) {
		const tile_t *t = m->tiles[i];
		if (!tile_ran(t))
			continue;
		if (!first)
			fprintf(f, ",\n");
		json_tile(m, t, f);
		first = false;
	}
	fprintf(f, "\n  ]");
	net_stats_json(m, f);
	fprintf(f, "\n}\n");
}
