/* cosim's command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cosim.h"
#include "isa.h"

static const char usage_text[] =
	"usage: cosim [options] PROGRAM.elf [+trace]\n"
	"       cosim --mesh WxH (--boot ROOT.elf | --manifest FILE) [options]\n"
	"\n"
	"Runs PROGRAM.elf on the RTL tile and on the C model side by side and compares\n"
	"every retired instruction (cycle, pc, instruction, register or memory write), the\n"
	"semihosting output and the halt of every tile.\n"
	"\n"
	"  --mesh WxH         every tile of a WxH mesh (64 tiles at most) runs the program,\n"
	"                     the RTL routers wired into a mesh; every message injection\n"
	"                     and delivery is compared too (without --mesh: one tile in\n"
	"                     lock step, no network)\n"
	"  --boot ROOT.elf    (with --mesh) an OS boot as tessera run --boot: only tile 0\n"
	"                     preloaded, the others loaded and started by their control\n"
	"                     units over the control network\n"
	"  --manifest FILE    (with --mesh) tiles placed as tessera run --manifest places them\n"
	"  --disk FILE        the block store's image (the RTL's copy is compared at the end)\n"
	"  --trace FILE       the RTL's commit trace (same format as tessera run --trace)\n"
	"  --vcd FILE         RTL waves (+trace alone writes rtl.vcd)\n"
	"  --fail-vcd FILE    on COSIM FAIL, RTL waves of the cycles around the failure\n"
	"  --mem SIZE         SRAM per tile, a power of two 4K..1M (default 64K)\n"
	"  --bound B          memory bound below the SRAM size (SPEC §7)\n"
	"  --budget-cycles N  cycle budget (SPEC §7)\n"
	"  --max-cycles N     stop after N cycles, a pass if all matched (default 1e8)\n"
	"  --no-semihost      ecall halts instead of write/exit\n"
	"  --quiet            no guest output, only the verdict\n"
	"  --poke ADDR=VALUE  write a word into the RTL's SRAM only (a test that the\n"
	"                     comparison catches a data difference)\n"
	"  --rtl-only         run the RTL alone, no comparison (to time Verilator)\n";



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
int cosim_parse_args(cosim_opts *o, int argc, char **argv)
{
	uint64_t v;
	o->cfg.width = o->cfg.height = 1;
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
		} else if (!strcmp(a, "--boot")) {
			o->cfg.boot_path = argv[++i];
		} else if (!strcmp(a, "--manifest")) {
			o->cfg.manifest_path = argv[++i];
		} else if (!strcmp(a, "--disk")) {
			o->cfg.disk_path = argv[++i];
		} else if (!strcmp(a, "--vcd")) {
			o->vcd_path = argv[++i];
		} else if (!strcmp(a, "--fail-vcd")) {
			o->fail_vcd = argv[++i];
		} else if (!strcmp(a, "--mem")) {
			if (!parse_size(next, &v) || v < MEM_MIN || v > MEM_MAX || (v & (v - 1)))
				return usage_error("bad --mem (a power of two from 4K to 1M)", next);
			o->cfg.mem_size = (uint32_t)v;
			i++;
		} else if (!strcmp(a, "--mesh")) {
			unsigned w, h;
			char tail;
			/* each RTL tile holds a 1 MiB SRAM: 64 tiles at most */
			if (sscanf(next, "%ux%u%c", &w, &h, &tail) != 2 || !w || !h || w * h > 64)
				return usage_error("bad --mesh (WxH, at most 64 tiles)", next);
			o->cfg.width = w;
			o->cfg.height = h;
			o->net = true;
			i++;
		} else if (!strcmp(a, "--poke")) {
			char *eq;
			unsigned long ad = strtoul(next, &eq, 0);
			if (*eq != '=' || (ad & 3))
				return usage_error("bad --poke (ADDR=VALUE, ADDR a multiple of 4)", next);
			o->poke = true;
			o->poke_addr = (uint32_t)ad;
			o->poke_value = (uint32_t)strtoul(eq + 1, NULL, 0);
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
	bool placed = o->cfg.boot_path || o->cfg.manifest_path;
	if (placed && (!o->net || o->rtl_only))
		return usage_error("--boot and --manifest need --mesh WxH, and no", "--rtl-only");
	if (o->cfg.boot_path && o->cfg.manifest_path)
		return usage_error("--boot and --manifest exclude each other:", o->cfg.manifest_path);
	if (placed && o->cfg.elf_path)
		return usage_error("with --boot or --manifest the programs are theirs, not", o->cfg.elf_path);
	if (o->cfg.disk_path && !placed)
		return usage_error("--disk is for --boot or --manifest runs:", o->cfg.disk_path);
	if (!o->cfg.elf_path && !placed) {
		fputs(usage_text, stderr);
		return 125;
	}
	if (o->trace_path && o->cfg.width * o->cfg.height > 1)
		return usage_error("--trace is for one tile; this run has", "--mesh");
	if (o->rtl_only)
		o->net = false;           /* the RTL tiles alone, unwired (timing Verilator) */
	if (o->net && o->poke)
		return usage_error("--poke is for runs without", "--mesh");
	o->cfg.max_cycles = o->max_cycles;
	if (!o->cfg.bound)
		o->cfg.bound = o->cfg.mem_size;
	if (o->cfg.bound > o->cfg.mem_size) {
		fprintf(stderr, "cosim: --bound %u is over the tile's memory (%u)\n", o->cfg.bound,
			o->cfg.mem_size);
		return 125;
	}
	return -1;
}

