/*
 * cosim: runs one program on the RTL tile (Verilated) and on the C model in lock step
 * and compares every retired instruction, the semihosting output and the halt.
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

static const char usage_text[] =
	"usage: cosim [options] PROGRAM.elf [+trace]\n"
	"\n"
	"Runs PROGRAM.elf on the RTL tile and on the C model side by side (1x1 mesh) and\n"
	"compares every retired instruction (cycle, pc, instruction, register or memory\n"
	"write), the semihosting output and the halt.\n"
	"\n"
	"  --trace FILE       the RTL's commit trace (same format as tessera run --trace)\n"
	"  --vcd FILE         RTL waves (+trace alone writes rtl.vcd)\n"
	"  --fail-vcd FILE    on COSIM FAIL, RTL waves of the cycles around the failure\n"
	"  --mem SIZE         SRAM per tile, a power of two 4K..1M (default 64K)\n"
	"  --bound B          memory bound below the SRAM size (SPEC §7)\n"
	"  --budget-cycles N  cycle budget (SPEC §7)\n"
	"  --max-cycles N     stop after N cycles, a pass if all matched (default 1e8)\n"
	"  --no-semihost      ecall halts instead of write/exit\n"
	"  --quiet            no guest output, only the verdict\n"
	"  --rtl-only         run the RTL alone, no comparison (to time Verilator)\n";

typedef struct {
	cosim_cfg cfg;
	const char *trace_path, *vcd_path, *fail_vcd;
	uint64_t max_cycles;
	bool quiet, rtl_only;
} cosim_opts;

typedef struct {
	rtl *r;
	cosim_ref *ref;
	FILE *trace;
	cosim_log log_rtl, log_ref;
	cosim_bytes out_rtl, out_ref;
	uint64_t retired, cycles;
	uint8_t *image;           /* the SRAM at start, for the failure replay */
	const cosim_opts *o;
	int argc;
	char **argv;
} cosim_run;

static int usage_error(const char *what, const char *arg)
{
	fprintf(stderr, "cosim: %s '%s'\n(cosim --help lists the options)\n", what, arg);
	return 125;
}

static bool parse_size(const char *s, uint64_t *v)
{
	char *end;
	unsigned long long n = strtoull(s, &end, 0);
	if (end == s)
		return false;
	if (*end == 'K' || *end == 'k')
		n <<= 10, end++;
	else if (*end == 'M' || *end == 'm')
		n <<= 20, end++;
	*v = n;
	return *end == 0;
}

/* Returns -1 to go on, else an exit status. */
static int parse_args(cosim_opts *o, int argc, char **argv)
{
	uint64_t v;
	o->cfg.mem_size = MEM_DEFAULT;
	o->cfg.semihost = true;
	o->max_cycles = 100000000;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
		if (a[0] == '+')
			continue;                 /* plusargs are the RTL's */
		if (!strcmp(a, "--help")) {
			fputs(usage_text, stdout);
			return 0;
		} else if (!strcmp(a, "--no-semihost")) {
			o->cfg.semihost = false;
		} else if (!strcmp(a, "--quiet")) {
			o->quiet = true;
		} else if (!strcmp(a, "--rtl-only")) {
			o->rtl_only = true;
		} else if (a[0] == '-' && !next) {
			return usage_error("option needs an argument or is unknown:", a);
		} else if (!strcmp(a, "--trace")) {
			o->trace_path = argv[++i];
		} else if (!strcmp(a, "--vcd")) {
			o->vcd_path = argv[++i];
		} else if (!strcmp(a, "--fail-vcd")) {
			o->fail_vcd = argv[++i];
		} else if (!strcmp(a, "--mem")) {
			if (!parse_size(next, &v) || v < MEM_MIN || v > MEM_MAX || (v & (v - 1)))
				return usage_error("bad --mem (a power of two from 4K to 1M)", next);
			o->cfg.mem_size = (uint32_t)v;
			i++;
		} else if (!strcmp(a, "--bound")) {
			if (!parse_size(next, &v) || v == 0 || v > MEM_MAX)
				return usage_error("bad --bound", next);
			o->cfg.bound = (uint32_t)v;
			i++;
		} else if (!strcmp(a, "--budget-cycles")) {
			if (!parse_size(next, &v))
				return usage_error("bad --budget-cycles", next);
			o->cfg.budget_cycles = v;
			i++;
		} else if (!strcmp(a, "--max-cycles")) {
			if (!parse_size(next, &v) || v == 0)
				return usage_error("bad --max-cycles", next);
			o->max_cycles = v;
			i++;
		} else if (a[0] == '-') {
			return usage_error("unknown option", a);
		} else if (o->cfg.elf_path) {
			return usage_error("more than one program", a);
		} else {
			o->cfg.elf_path = a;
		}
	}
	if (!o->cfg.elf_path) {
		fputs(usage_text, stderr);
		return 125;
	}
	if (!o->cfg.bound)
		o->cfg.bound = o->cfg.mem_size;
	if (o->cfg.bound > o->cfg.mem_size) {
		fprintf(stderr, "cosim: --bound %u is over the tile's memory (%u)\n", o->cfg.bound,
			o->cfg.mem_size);
		return 125;
	}
	return -1;
}

static int cosim_fail(cosim_run *c, const char *what, const char *rtl_s, const char *ref_s)
{
	fprintf(stderr, "COSIM FAIL: tile 0: %s (after %" PRIu64 " matched instructions)\n",
		what, c->retired);
	fprintf(stderr, "  rtl:   %s\n  model: %s\n", rtl_s, ref_s);
	cosim_log_print(&c->log_rtl, "rtl, tile 0");
	cosim_log_print(&c->log_ref, "model, tile 0");
	return 1;
}

static void halt_text(const rtl_halt *h, char *buf, size_t size)
{
	snprintf(buf, size, "halt %s pc 0x%08x value 0x%08x cycle %" PRIu64,
		 isa_cause_name(h->cause), h->pc, h->value, h->cycle);
}

/* One RTL record against the model's next retired instruction. */
static int compare_retire(cosim_run *c, const rtl_retire *rec)
{
	char a[COSIM_LINE], b[COSIM_LINE] = "";
	cosim_format(rec, 0, a, sizeof a);
	cosim_log_add(&c->log_rtl, a);
	if (c->trace)
		fprintf(c->trace, "%s\n", a);
	if (!cosim_ref_step(c->ref, b, sizeof b, &c->out_ref)) {
		rtl_halt h;
		cosim_ref_halt(c->ref, &h);
		halt_text(&h, b, sizeof b);
		return cosim_fail(c, "the RTL retired an instruction where the model halted", a, b);
	}
	cosim_log_add(&c->log_ref, b);
	if (strcmp(a, b))
		return cosim_fail(c, "retired instructions differ", a, b);
	if (c->out_rtl.len != c->out_ref.len ||
	    (c->out_rtl.len && memcmp(c->out_rtl.data, c->out_ref.data, c->out_rtl.len)))
		return cosim_fail(c, "semihosting output differs", a, b);
	c->out_rtl.len = c->out_ref.len = 0;
	c->retired++;
	return 0;
}

static int compare_halt(cosim_run *c, const rtl_halt *h)
{
	char a[COSIM_LINE], b[COSIM_LINE] = "";
	rtl_halt m;
	halt_text(h, a, sizeof a);
	if (h->unimplemented) {
		fprintf(stderr, "COSIM UNSUPPORTED: tile 0: instruction 0x%08x at pc 0x%08x needs "
			"the network side, which the RTL does not have yet\n", h->value, h->pc);
		return 77;
	}
	if (cosim_ref_step(c->ref, b, sizeof b, &c->out_ref)) {
		cosim_log_add(&c->log_ref, b);
		return cosim_fail(c, "the RTL halted where the model retired an instruction", a, b);
	}
	cosim_ref_halt(c->ref, &m);
	halt_text(&m, b, sizeof b);
	if (h->cause != m.cause || h->pc != m.pc || h->value != m.value || h->cycle != m.cycle)
		return cosim_fail(c, "halts differ", a, b);
	if (c->out_rtl.len != c->out_ref.len)
		return cosim_fail(c, "semihosting output differs at the halt", a, b);
	fprintf(stderr, "cosim: tile 0 %s\n", a);
	return 0;
}

static int cosim_loop(cosim_run *c)
{
	uint32_t regs[4];
	rtl_retire rec;
	rtl_halt h;
	for (;;) {
		rtl_clock(c->r);
		c->cycles++;
		/* The record shown now is of an earlier instruction than an ecall issuing
		 * now, so it is compared before the ecall's output exists. */
		if (rtl_retired(c->r, &rec)) {
			int rc = compare_retire(c, &rec);
			if (rc)
				return rc;
		}
		if (rtl_ecall(c->r, regs))
			cosim_semihost(c->r, c->o->cfg.bound, regs, &c->out_rtl, !c->o->quiet);
		if (rtl_halted(c->r, &h))
			return compare_halt(c, &h);
		if (c->cycles >= c->o->max_cycles) {
			/* Every cycle so far matched; the model has not halted either (the
			 * next compare would have said so), as tessera run --max-cycles. */
			fprintf(stderr, "cosim: stopped at --max-cycles %" PRIu64 "\n",
				c->o->max_cycles);
			return 0;
		}
	}
}

/* The RTL alone, semihosting serviced, until it halts: Verilator's own speed. */
static int rtl_alone(cosim_run *c)
{
	uint32_t regs[4];
	rtl_halt h;
	char text[COSIM_LINE];
	while (!rtl_halted(c->r, &h)) {
		rtl_clock(c->r);
		if (rtl_ecall(c->r, regs))
			cosim_semihost(c->r, c->o->cfg.bound, regs, &c->out_rtl, !c->o->quiet);
		c->out_rtl.len = 0;
		if (++c->cycles >= c->o->max_cycles) {
			fprintf(stderr, "cosim: no halt within %" PRIu64 " cycles\n", c->o->max_cycles);
			return 1;
		}
	}
	halt_text(&h, text, sizeof text);
	fprintf(stderr, "cosim: rtl alone: tile 0 %s\n", text);
	return 0;
}

static void load_rtl(cosim_run *c, rtl *r)
{
	uint32_t *mem = rtl_mem(r);
	memset(mem, 0, rtl_mem_bytes(r));
	memcpy(mem, c->image, c->o->cfg.mem_size);   /* little-endian host */
	for (unsigned s = 0; s < CAP_SLOTS; s++) {
		unsigned kind;
		uint32_t lo, hi, badge;
		cosim_ref_cap(c->ref, s, &kind, &lo, &hi, &badge);
		rtl_set_cap(r, s, kind, lo, hi, badge);
	}
	rtl_start(r, cosim_ref_entry(c->ref), c->o->cfg.bound, c->o->cfg.budget_cycles, 0, 0,
		  1u << 16 | 1u, c->o->cfg.semihost);
}

/* After a failure at cycle `at`: run the RTL alone again from the start (it is
 * deterministic) and write waves of the cycles around `at`. */
static void replay_waves(cosim_run *c, uint64_t at)
{
	uint32_t regs[4];
	cosim_bytes out = {0};
	rtl *r = rtl_new(c->o->fail_vcd, c->argc, c->argv);
	rtl_wave_window(r, at > 40 ? at - 40 : 0, at + 10);
	load_rtl(c, r);
	rtl_halt h;
	for (uint64_t k = 0; k < at + 10 && !rtl_halted(r, &h); k++) {
		rtl_clock(r);
		if (rtl_ecall(r, regs))
			cosim_semihost(r, c->o->cfg.bound, regs, &out, false);
		out.len = 0;
	}
	rtl_free(r);
	free(out.data);
	fprintf(stderr, "cosim: waves of cycles %" PRIu64 "..%" PRIu64 " in %s\n",
		at > 40 ? at - 40 : 0, at + 10, c->o->fail_vcd);
}

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
	cosim_opts o = {0};
	int rc = parse_args(&o, argc, argv);
	if (rc >= 0)
		return rc;
	int devnull = open("/dev/null", O_RDONLY);   /* both sides would read stdin */
	if (devnull >= 0) {
		dup2(devnull, 0);
		close(devnull);
	}
	cosim_run c = {.o = &o, .argc = argc, .argv = argv};
	if (!(c.ref = cosim_ref_new(&o.cfg)))
		return 125;
	if (!(c.image = malloc(o.cfg.mem_size))) {
		fprintf(stderr, "cosim: out of memory\n");
		return 125;
	}
	memcpy(c.image, cosim_ref_mem(c.ref), o.cfg.mem_size);
	if (o.trace_path && !(c.trace = fopen(o.trace_path, "w"))) {
		perror(o.trace_path);
		cosim_ref_free(c.ref);
		return 125;
	}
	c.r = rtl_new(o.vcd_path, argc, argv);
	if (rtl_mem_bytes(c.r) < o.cfg.mem_size) {
		fprintf(stderr, "cosim: --mem %u is larger than the RTL's SRAM (%u bytes)\n",
			o.cfg.mem_size, rtl_mem_bytes(c.r));
		rc = 125;
	} else {
		double t0 = seconds();
		load_rtl(&c, c.r);
		rc = o.rtl_only ? rtl_alone(&c) : cosim_loop(&c);
		double dt = seconds() - t0;
		if (rc == 1 && o.fail_vcd) {
			rtl_free(c.r);       /* one Verilated model at a time */
			c.r = NULL;
			replay_waves(&c, c.cycles);
		}
		if (rc == 0 && o.rtl_only)
			fprintf(stderr, "RTL: %" PRIu64 " cycles (%.0f cycles/s)\n", c.cycles,
				dt > 0 ? (double)c.cycles / dt : 0.0);
		else if (rc == 0)
			fprintf(stderr, "COSIM PASS: %" PRIu64 " instructions, 0 messages, %" PRIu64
				" cycles matched (%.0f cycles/s)\n", c.retired, c.cycles,
				dt > 0 ? (double)c.cycles / dt : 0.0);
	}
	if (c.trace)
		fclose(c.trace);
	rtl_free(c.r);
	cosim_ref_free(c.ref);
	free(c.out_rtl.data);
	free(c.out_ref.data);
	free(c.image);
	return rc;
}
