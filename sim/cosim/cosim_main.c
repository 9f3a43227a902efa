/*
 * cosim: runs one program on RTL tiles (Verilated) and on the C model in lock step and
 * compares every retired instruction, the semihosting output and the halt of each tile.
 * Exit status: 0 pass, 1 COSIM FAIL, 77 the program uses what the RTL lacks yet,
 * 125 bad input.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cosim.h"
#include "isa.h"

/* One tile on both sides. */
typedef struct {
	rtl *r;
	cosim_log log_rtl, log_ref;
	cosim_bytes out_rtl, out_ref;
	uint64_t retired;
	bool halted;
} cosim_tile;

typedef struct {
	cosim_ref *ref;
	cosim_tile *tiles;
	uint32_t ntiles;
	FILE *trace;
	uint64_t cycles;
	uint8_t *image;           /* the SRAM at start, for the failure replay */
	const cosim_opts *o;
	int argc;
	char **argv;
	uint32_t fail_tile;
} cosim_run;

static int cosim_fail(cosim_run *c, uint32_t id, const char *what, const char *rtl_s,
		      const char *ref_s)
{
	cosim_tile *t = &c->tiles[id];
	char side[32];
	fprintf(stderr, "COSIM FAIL: tile %u: %s (after %" PRIu64 " matched instructions)\n",
		id, what, t->retired);
	fprintf(stderr, "  rtl:   %s\n  model: %s\n", rtl_s, ref_s);
	snprintf(side, sizeof side, "rtl, tile %u", id);
	cosim_log_print(&t->log_rtl, side);
	snprintf(side, sizeof side, "model, tile %u", id);
	cosim_log_print(&t->log_ref, side);
	c->fail_tile = id;
	return 1;
}

static void halt_text(const rtl_halt *h, char *buf, size_t size)
{
	snprintf(buf, size, "halt %s pc 0x%08x value 0x%08x cycle %" PRIu64,
		 isa_cause_name(h->cause), h->pc, h->value, h->cycle);
}

static bool same_bytes(const cosim_bytes *a, const cosim_bytes *b)
{
	return a->len == b->len && (!a->len || !memcmp(a->data, b->data, a->len));
}

/* One RTL record against the model's next retired instruction on that tile. */
static int compare_retire(cosim_run *c, uint32_t id, const rtl_retire *rec)
{
	cosim_tile *t = &c->tiles[id];
	char a[COSIM_LINE], b[COSIM_LINE] = "";
	cosim_format(rec, id, a, sizeof a);
	cosim_log_add(&t->log_rtl, a);
	if (c->trace)
		fprintf(c->trace, "%s\n", a);
	if (!cosim_ref_step(c->ref, id, b, sizeof b, &t->out_ref)) {
		rtl_halt h;
		cosim_ref_halt(c->ref, id, &h);
		halt_text(&h, b, sizeof b);
		return cosim_fail(c, id, "the RTL retired an instruction where the model halted", a, b);
	}
	cosim_log_add(&t->log_ref, b);
	if (strcmp(a, b))
		return cosim_fail(c, id, "retired instructions differ", a, b);
	if (!same_bytes(&t->out_rtl, &t->out_ref))
		return cosim_fail(c, id, "semihosting output differs", a, b);
	t->out_rtl.len = t->out_ref.len = 0;
	t->retired++;
	return 0;
}

static int compare_halt(cosim_run *c, uint32_t id, const rtl_halt *h)
{
	cosim_tile *t = &c->tiles[id];
	char a[COSIM_LINE], b[COSIM_LINE] = "";
	rtl_halt m;
	halt_text(h, a, sizeof a);
	if (h->unimplemented) {
		fprintf(stderr, "COSIM UNSUPPORTED: tile %u: instruction 0x%08x at pc 0x%08x needs "
			"the network side, which the RTL does not have yet\n", id, h->value, h->pc);
		return 77;
	}
	if (cosim_ref_step(c->ref, id, b, sizeof b, &t->out_ref)) {
		cosim_log_add(&t->log_ref, b);
		return cosim_fail(c, id, "the RTL halted where the model retired an instruction", a, b);
	}
	cosim_ref_halt(c->ref, id, &m);
	halt_text(&m, b, sizeof b);
	if (h->cause != m.cause || h->pc != m.pc || h->value != m.value || h->cycle != m.cycle)
		return cosim_fail(c, id, "halts differ", a, b);
	if (!same_bytes(&t->out_rtl, &t->out_ref))
		return cosim_fail(c, id, "semihosting output differs at the halt", a, b);
	if (!c->o->quiet || c->ntiles == 1)
		fprintf(stderr, "cosim: tile %u %s\n", id, a);
	t->halted = true;
	return 0;
}

/* One cycle of one tile: its retire record, its ecall, its halt. */
static int tile_cycle(cosim_run *c, uint32_t id, uint32_t *running)
{
	cosim_tile *t = &c->tiles[id];
	uint32_t regs[4];
	rtl_retire rec;
	rtl_halt h;
	int rc = 0;
	rtl_clock(t->r);
	if (rtl_msg_op(t->r)) {
		fprintf(stderr, "COSIM UNSUPPORTED: tile %u: a message instruction at cycle %" PRIu64
			"; the lock-step run has no network: run it with --mesh WxH\n", id,
			rtl_clocks(t->r));
		return 77;
	}
	/* The record shown now is of an earlier instruction than an ecall issuing now,
	 * so it is compared before the ecall's output exists. */
	if (rtl_retired(t->r, &rec) && (rc = compare_retire(c, id, &rec)))
		return rc;
	if (rtl_ecall(t->r, regs))
		cosim_semihost(t->r, c->o->cfg.bound, regs, &t->out_rtl,
			       !c->o->quiet && c->ntiles == 1);
	if (rtl_halted(t->r, &h)) {
		(*running)--;
		return compare_halt(c, id, &h);
	}
	return 0;
}

static int cosim_loop(cosim_run *c)
{
	uint32_t running = c->ntiles;
	while (running) {
		c->cycles++;
		for (uint32_t id = 0; id < c->ntiles; id++) {
			if (c->tiles[id].halted)
				continue;
			int rc = tile_cycle(c, id, &running);
			if (rc)
				return rc;
		}
		if (running && c->cycles >= c->o->max_cycles) {
			/* Every cycle so far matched; the model has not halted either (the
			 * next compare would have said so), as tessera run --max-cycles. */
			fprintf(stderr, "cosim: stopped at --max-cycles %" PRIu64 "\n",
				c->o->max_cycles);
			return 0;
		}
	}
	return 0;
}

/* The RTL tiles alone, semihosting serviced, until all halt: Verilator's speed. */
static int rtl_alone(cosim_run *c)
{
	uint32_t regs[4], running = c->ntiles;
	rtl_halt h;
	while (running) {
		if (++c->cycles > c->o->max_cycles) {
			fprintf(stderr, "cosim: no halt within %" PRIu64 " cycles\n", c->o->max_cycles);
			return 1;
		}
		for (uint32_t id = 0; id < c->ntiles; id++) {
			cosim_tile *t = &c->tiles[id];
			if (t->halted)
				continue;
			rtl_clock(t->r);
			if (rtl_ecall(t->r, regs))
				cosim_semihost(t->r, c->o->cfg.bound, regs, &t->out_rtl,
					       !c->o->quiet && c->ntiles == 1);
			t->out_rtl.len = 0;
			if (rtl_halted(t->r, &h)) {
				t->halted = true;
				running--;
			}
		}
	}
	return 0;
}

static void load_rtl(cosim_run *c, rtl *r, uint32_t id)
{
	const cosim_cfg *g = &c->o->cfg;
	uint32_t *mem = rtl_mem(r);
	memset(mem, 0, rtl_mem_bytes(r));
	memcpy(mem, c->image, g->mem_size);   /* little-endian host */
	if (c->o->poke && c->o->poke_addr < g->mem_size)
		mem[c->o->poke_addr / 4] = c->o->poke_value;
	for (unsigned s = 0; s < CAP_SLOTS; s++) {
		unsigned kind;
		uint32_t lo, hi, badge;
		cosim_ref_cap(c->ref, id, s, &kind, &lo, &hi, &badge);
		rtl_set_cap(r, s, kind, lo, hi, badge);
	}
	/* the control unit holds the budgets the tile was preloaded with */
	rtl_pre pre = {.bound = g->bound == g->mem_size ? 0 : g->bound, .cycles = g->budget_cycles};
	rtl_set_ctl(r, g->mem_size, &pre);
	uint32_t x = id % g->width, y = id / g->width;
	rtl_start(r, cosim_ref_entry(c->ref), g->bound, g->budget_cycles, 0, id, y << 16 | x,
		  g->height << 16 | g->width, g->semihost);
}

/* After a failure at cycle `at`: run the failing tile's RTL alone again from the start
 * (tiles are independent and deterministic) and write waves of the cycles around it. */
static void replay_waves(cosim_run *c, uint64_t at)
{
	uint32_t regs[4];
	cosim_bytes out = {0};
	rtl *r = rtl_new(c->o->fail_vcd, c->argc, c->argv, NULL);
	rtl_wave_window(r, at > 40 ? at - 40 : 0, at + 10);
	load_rtl(c, r, c->fail_tile);
	rtl_halt h;
	for (uint64_t k = 0; k < at + 10 && !rtl_halted(r, &h); k++) {
		rtl_clock(r);
		if (rtl_ecall(r, regs))
			cosim_semihost(r, c->o->cfg.bound, regs, &out, false);
		out.len = 0;
	}
	rtl_free(r);
	free(out.data);
	fprintf(stderr, "cosim: waves of tile %u, cycles %" PRIu64 "..%" PRIu64 ", in %s\n",
		c->fail_tile, at > 40 ? at - 40 : 0, at + 10, c->o->fail_vcd);
}

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Free the RTL tiles, those sharing tile 0's time before tile 0. */
static void free_tiles(cosim_run *c)
{
	for (uint32_t id = c->ntiles; id-- > 0;) {
		rtl_free(c->tiles[id].r);
		c->tiles[id].r = NULL;
	}
}

static bool make_tiles(cosim_run *c)
{
	c->ntiles = c->o->cfg.width * c->o->cfg.height;
	c->tiles = calloc(c->ntiles, sizeof *c->tiles);
	c->image = malloc(c->o->cfg.mem_size);
	if (!c->tiles || !c->image) {
		fprintf(stderr, "cosim: out of memory\n");
		return false;
	}
	memcpy(c->image, cosim_ref_mem(c->ref, 0), c->o->cfg.mem_size);
	for (uint32_t id = 0; id < c->ntiles; id++) {
		c->tiles[id].r = rtl_new(id ? NULL : c->o->vcd_path, c->argc, c->argv,
					 id ? c->tiles[0].r : NULL);
		if (rtl_mem_bytes(c->tiles[id].r) < c->o->cfg.mem_size) {
			fprintf(stderr, "cosim: --mem %u is larger than the RTL's SRAM (%u bytes)\n",
				c->o->cfg.mem_size, rtl_mem_bytes(c->tiles[id].r));
			return false;
		}
		load_rtl(c, c->tiles[id].r, id);
	}
	return true;
}

static int run(cosim_run *c)
{
	uint64_t retired = 0;
	double t0 = seconds();
	int rc = c->o->rtl_only ? rtl_alone(c) : cosim_loop(c);
	double dt = seconds() - t0, rate = dt > 0 ? (double)c->cycles / dt : 0.0;
	for (uint32_t id = 0; id < c->ntiles; id++)
		retired += c->tiles[id].retired;
	if (rc == 1 && c->o->fail_vcd) {
		free_tiles(c);           /* one Verilated model at a time */
		replay_waves(c, c->cycles);
	} else if (rc == 0 && c->o->rtl_only) {
		fprintf(stderr, "RTL: %" PRIu64 " cycles on %u tile%s (%.0f cycles/s)\n", c->cycles,
			c->ntiles, c->ntiles > 1 ? "s" : "", rate);
	} else if (rc == 0) {
		fprintf(stderr, "COSIM PASS: %" PRIu64 " instructions, 0 messages, %" PRIu64
			" cycles matched on %u tile%s (%.0f cycles/s)\n", retired, c->cycles,
			c->ntiles, c->ntiles > 1 ? "s" : "", rate);
	}
	return rc;
}

static void cosim_run_free(cosim_run *c)
{
	if (c->tiles) {
		free_tiles(c);
		for (uint32_t id = 0; id < c->ntiles; id++) {
			free(c->tiles[id].out_rtl.data);
			free(c->tiles[id].out_ref.data);
		}
	}
	if (c->trace)
		fclose(c->trace);
	cosim_ref_free(c->ref);
	free(c->tiles);
	free(c->image);
}

int main(int argc, char **argv)
{
	cosim_opts o = {0};
	int rc = cosim_parse_args(&o, argc, argv);
	if (rc >= 0)
		return rc;
	int devnull = open("/dev/null", O_RDONLY);   /* both sides would read stdin */
	if (devnull >= 0) {
		dup2(devnull, 0);
		close(devnull);
	}
	if (o.net)
		return cosim_net_run(&o, argc, argv);
	cosim_run c = {.o = &o, .argc = argc, .argv = argv};
	if (!(c.ref = cosim_ref_new(&o.cfg)))
		return 125;
	if (o.trace_path && !(c.trace = fopen(o.trace_path, "w"))) {
		perror(o.trace_path);
		rc = 125;
	} else {
		rc = make_tiles(&c) ? run(&c) : 125;
	}
	cosim_run_free(&c);
	return rc;
}
