/*
 * gen_sv: writes rtl/tess_isa_pkg.sv, the RTL's view of the instruction table, from
 * isa/insns.def, formats.def, timing.def, causes.def and params.h. The RTL decoder
 * uses only what is generated here, so an instruction is still described once.
 *
 * usage: gen_sv OUT.sv
 */
#include <stdio.h>
#include <string.h>

#include "isa.h"

/* Per-format operand reads (for the load-use hazard) and whether rd is written. */
static const struct { const char *name; int r1, r2; } gen_formats[] = {
#define FORMAT(name, syntax, r1, r2, r3) {#name, r1, r2},
#include "formats.def"
#undef FORMAT
};

static const struct { const char *name; int cost; } gen_timing[] = {
#define TIMING(name, cost) {#name, cost},
#include "timing.def"
#undef TIMING
};

static const struct { const char *id; unsigned match, mask; int fmt, tc; } gen_insns[] = {
#define INSN(id, mn, match, mask, fmt, tc) {#id, match, mask, FMT_##fmt, TC_##tc},
#include "insns.def"
#undef INSN
};

static const struct { const char *name; int val; } gen_errors[] = {
#define ERROR(name, val, desc) {#name, val},
#include "errors.def"
#undef ERROR
};

static const struct { const char *name; int num; } gen_causes[] = {
#define CAUSE(name, num, desc) {#name, num},
#include "causes.def"
#undef CAUSE
};

#define N_OF(a) (sizeof (a) / sizeof (a)[0])

/* Messages and the network (isa/params.h): the mailbox, NI and router. */
static void gen_network(FILE *f)
{
	static const struct { const char *name; unsigned val; } p[] = {
		{"MSG_MAX_WORDS", MSG_MAX_WORDS}, {"MSG_RECORD_HDR_WORDS", MSG_RECORD_HDR_WORDS},
		{"MSG_HDR_FLITS", MSG_HDR_FLITS}, {"SEND_CAP_WORDS", SEND_CAP_WORDS},
		{"HOP_LATENCY", HOP_LATENCY}, {"NI_LATENCY", NI_LATENCY},
		{"EJECT_LATENCY", EJECT_LATENCY}, {"LOOKAHEAD", LOOKAHEAD},
		{"ROUTER_BUF_FLITS", ROUTER_BUF_FLITS}, {"NI_BUF_FLITS", NI_BUF_FLITS},
		{"MAILBOX_MSGS", MAILBOX_MSGS},
		{"MESH_MAX_DIM", MESH_MAX_DIM},
	};
	fprintf(f, "\n  // Messages and the network (isa/params.h).\n");
	for (size_t i = 0; i < N_OF(p); i++)
		fprintf(f, "  localparam int unsigned %s = %u;\n", p[i].name, p[i].val);
	fprintf(f, "  localparam logic [31:0] MSG_INFO_VALID = 32'h%08x, MSG_INFO_CONTROL = 32'h%08x, "
		   "MSG_INFO_CAP = 32'h%08x;\n", MSG_INFO_VALID, MSG_INFO_CONTROL, MSG_INFO_CAP);
	fprintf(f, "  localparam logic [31:0] DEV_BASE = 32'h%08x;\n", DEV_BASE);
}

/* The route flit's fields (isa/params.h), as functions that build and read it. */
static void gen_route(FILE *f)
{
	_Static_assert((1u << ROUTE_COORD_BITS) >= MESH_MAX_DIM, "a coordinate fits");
	_Static_assert(ROUTE_ROW_LSB >= ROUTE_COORD_BITS && ROUTE_ROW_LSB + ROUTE_COORD_BITS
		       <= ROUTE_CTL_BIT && ROUTE_CTL_BIT < ROUTE_KIND_LSB && ROUTE_KIND_LSB == 30,
		       "the fields do not overlap");
	fprintf(f, "\n  // The route flit (isa/params.h).\n");
	fprintf(f, "  localparam int unsigned ROUTE_ROW_LSB = %d, ROUTE_COORD_BITS = %d, "
		   "ROUTE_CTL_BIT = %d, ROUTE_KIND_LSB = %d;\n", ROUTE_ROW_LSB, ROUTE_COORD_BITS,
		ROUTE_CTL_BIT, ROUTE_KIND_LSB);
	fprintf(f, "  localparam logic [1:0] ROUTE_KIND_TILE = 2'd%d, ROUTE_KIND_CONSOLE = 2'd%d, "
		   "ROUTE_KIND_BLOCK = 2'd%d;\n", ROUTE_KIND_TILE, ROUTE_KIND_CONSOLE,
		ROUTE_KIND_BLOCK);
	fprintf(f, "  typedef logic [ROUTE_COORD_BITS-1:0] coord_t;\n"
		   "  function automatic logic [31:0] route_flit(input logic [1:0] kind, input logic ctl,\n"
		   "                                             input coord_t row, input coord_t col);\n"
		   "    route_flit = '0;\n"
		   "    route_flit[ROUTE_KIND_LSB +: 2] = kind;\n"
		   "    route_flit[ROUTE_CTL_BIT] = ctl;\n"
		   "    route_flit[ROUTE_ROW_LSB +: ROUTE_COORD_BITS] = row;\n"
		   "    route_flit[0 +: ROUTE_COORD_BITS] = col;\n"
		   "  endfunction\n"
		   "  /* verilator lint_off UNUSEDSIGNAL */\n"
		   "  function automatic coord_t route_row(input logic [31:0] f);\n"
		   "    route_row = f[ROUTE_ROW_LSB +: ROUTE_COORD_BITS];\n"
		   "  endfunction\n"
		   "  function automatic coord_t route_col(input logic [31:0] f);\n"
		   "    route_col = f[0 +: ROUTE_COORD_BITS];\n"
		   "  endfunction\n"
		   "  function automatic logic [1:0] route_kind(input logic [31:0] f);\n"
		   "    route_kind = f[ROUTE_KIND_LSB +: 2];\n"
		   "  endfunction\n"
		   "  /* verilator lint_on UNUSEDSIGNAL */\n");
}

static void gen_constants(FILE *f)
{
	fprintf(f, "  // Instruction ids: the order of isa/insns.def; OP_INVALID for any other word.\n");
	for (size_t i = 0; i < N_OF(gen_insns); i++)
		fprintf(f, "  localparam logic [6:0] OP_%s = 7'd%zu;\n", gen_insns[i].id, i);
	fprintf(f, "  localparam logic [6:0] OP_INVALID = 7'd%zu;\n\n", N_OF(gen_insns));
	for (size_t i = 0; i < N_OF(gen_insns); i++)
		fprintf(f, "  localparam logic [31:0] MATCH_%s = 32'h%08x, MASK_%s = 32'h%08x;\n",
			gen_insns[i].id, gen_insns[i].match, gen_insns[i].id, gen_insns[i].mask);
	fprintf(f, "\n  // Timing classes (isa/timing.def): base cost in cycles.\n");
	for (size_t i = 0; i < N_OF(gen_timing); i++)
		fprintf(f, "  localparam int unsigned COST_%s = %d;\n", gen_timing[i].name, gen_timing[i].cost);
	fprintf(f, "\n  // Hazards and penalties (isa/params.h).\n");
	fprintf(f, "  localparam int unsigned LOAD_USE_STALL = %d;\n", LOAD_USE_STALL);
	fprintf(f, "  localparam int unsigned BRANCH_TAKEN_PENALTY = %d;\n", BRANCH_TAKEN_PENALTY);
	fprintf(f, "  localparam int unsigned JUMP_PENALTY = %d;\n", JUMP_PENALTY);
	fprintf(f, "  localparam int unsigned MEM_DEFAULT = %u;\n", MEM_DEFAULT);
	fprintf(f, "\n  // Capabilities (isa/params.h).\n");
	fprintf(f, "  localparam int unsigned CAP_SLOTS = %d;\n", CAP_SLOTS);
	fprintf(f, "  localparam logic [1:0] CAP_KIND_EMPTY = 2'd%d, CAP_KIND_SEND = 2'd%d, "
		   "CAP_KIND_CONTROL = 2'd%d;\n", CAP_KIND_EMPTY, CAP_KIND_SEND, CAP_KIND_CONTROL);
	gen_network(f);
	gen_route(f);
	fprintf(f, "\n  // Status codes of Xtess instructions (isa/errors.def).\n");
	for (size_t i = 0; i < N_OF(gen_errors); i++)
		fprintf(f, "  localparam logic [31:0] ERR_%s = 32'h%08x;\n", gen_errors[i].name,
			(unsigned)gen_errors[i].val);
	fprintf(f, "\n  // Halt causes (isa/causes.def).\n");
	for (size_t i = 0; i < N_OF(gen_causes); i++)
		fprintf(f, "  localparam logic [3:0] CAUSE_%s = 4'd%d;\n", gen_causes[i].name, gen_causes[i].num);
}

static const struct { const char *name; unsigned val; } gen_tags[] = {
#define TAG(name, val, desc) {#name, val},
#include "tags.def"
#undef TAG
};

/* Control unit and devices (rtl/tess_ctl.sv, rtl/tess_dev_*.sv): tags and params.h. */
static void gen_ctl_constants(FILE *f)
{
	fprintf(f, "\n  // Reserved message tags (isa/tags.def).\n");
	for (size_t i = 0; i < N_OF(gen_tags); i++)
		fprintf(f, "  localparam logic [7:0] TAG_%s = 8'd%u;\n", gen_tags[i].name, gen_tags[i].val);
	fprintf(f, "\n  // Control unit and devices (isa/params.h).\n");
	fprintf(f, "  localparam int unsigned CTL_APPLY_CYCLES = %d;\n", CTL_APPLY_CYCLES);
	fprintf(f, "  localparam int unsigned ACK_GRACE = %d;\n", ACK_GRACE);
	fprintf(f, "  localparam int unsigned EXIT_NOTICE_WORDS = %d;\n", EXIT_NOTICE_WORDS);
	fprintf(f, "  localparam logic [31:0] DEV_CONSOLE = 32'h%08x, DEV_BLOCK = 32'h%08x;\n",
		DEV_CONSOLE, DEV_BLOCK);
	fprintf(f, "  localparam int unsigned BLK_SECTOR_BYTES = %d, BLK_CHANNELS = %d, "
		   "BLK_LATENCY = %d, BLK_WORD_CYCLES = %d;\n",
		BLK_SECTOR_BYTES, BLK_CHANNELS, BLK_LATENCY, BLK_WORD_CYCLES);
}

static void gen_decode(FILE *f)
{
	fprintf(f, "\n  // The instruction a word encodes (first match in table order, as isa_decode).\n");
	fprintf(f, "  function automatic logic [6:0] decode_op(input logic [31:0] w);\n");
	fprintf(f, "    logic [6:0] op;\n    op = OP_INVALID;\n");
	for (size_t i = N_OF(gen_insns); i-- > 0;)
		fprintf(f, "    if ((w & MASK_%s) == MATCH_%s) op = OP_%s;\n",
			gen_insns[i].id, gen_insns[i].id, gen_insns[i].id);
	fprintf(f, "    decode_op = op;\n  endfunction\n");
}

/* A function of the instruction id returning a small integer per row. */
static void gen_table_fn(FILE *f, const char *name, int bits, int (*value)(size_t))
{
	fprintf(f, "\n  function automatic logic [%d:0] %s(input logic [6:0] op);\n", bits - 1, name);
	fprintf(f, "    logic [%d:0] v;\n    v = '0;\n    case (op)\n", bits - 1);
	for (size_t i = 0; i < N_OF(gen_insns); i++)
		if (value(i))
			fprintf(f, "      OP_%s: v = %d'd%d;\n", gen_insns[i].id, bits, value(i));
	fprintf(f, "      default: v = '0;\n    endcase\n    %s = v;\n  endfunction\n", name);
}

static int v_reads_rs1(size_t i) { return gen_formats[gen_insns[i].fmt].r1; }
static int v_reads_rs2(size_t i) { return gen_formats[gen_insns[i].fmt].r2; }
static int v_cost(size_t i) { return gen_timing[gen_insns[i].tc].cost; }

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: gen_sv OUT.sv\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "w");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	fprintf(f, "// rtl/tess_isa_pkg.sv: generated by isa/gen_sv.c from isa/*.def and isa/params.h\n"
		   "// — do not edit.\n\n"
		   "// The package is the whole table; each module uses only part of it.\n"
		   "/* verilator lint_off UNUSEDPARAM */\n"
		   "package tess_isa_pkg;\n\n");
	gen_constants(f);
	gen_ctl_constants(f);
	gen_decode(f);
	gen_table_fn(f, "op_reads_rs1", 1, v_reads_rs1);
	gen_table_fn(f, "op_reads_rs2", 1, v_reads_rs2);
	gen_table_fn(f, "op_cost", 6, v_cost);
	fprintf(f, "\nendpackage\n/* verilator lint_on UNUSEDPARAM */\n");
	return fclose(f) == 0 ? 0 : 1;
}
