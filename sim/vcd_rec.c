/*
 * What a chosen tile records for its waves (sim/vcd_out.h): the register transfers the
 * RTL core (rtl/tess_core.sv) makes for each event of the model, at the RTL's times.
 * An instruction that issues at cycle c changes the core's flops at the edge that
 * starts cycle c+1 (time 2(c+1)); a load's register at c+2, a division's result at
 * c+34 (its cost), when the RTL writes them. Runs on the tile's own thread.
 */
#include <string.h>

#include "mesh.h"
#include "vcd_out.h"

#define VCD_REC_MAX 128  /* items of one record at most (a division: about 64) */

typedef struct {
	vcd_item v[VCD_REC_MAX];
	unsigned n;
} vcd_rec;

static void put(vcd_rec *r, uint64_t time, unsigned sig, uint64_t val)
{
	if (r->n < VCD_REC_MAX)   /* only wait_q of a cost over 60 could get here */
		r->v[r->n++] = (vcd_item){time, val, sig, 0};
}

static void emit(tile_t *t, uint64_t cycle, const vcd_rec *r)
{
	uint8_t buf[VCD_REC_MAX * VCD_ITEM_BYTES];
	size_t n = vcd_item_encode(r->v, r->n, cycle, buf);
	out_put(&t->out, cycle, t->id, OUT_VCD, (const char *)buf, n);
}

/* The RTL's wr_en: the instruction writes rd through the issue-cycle port. */
static bool rtl_writes_rd(isa_op op)
{
	switch (isa_insns[op].timing) {
	case TC_LOAD: case TC_STORE: case TC_BRANCH: case TC_DIV:
		return false;
	default:
		return op != OP_FENCE && op != OP_FENCE_I;
	}
}

static bool is_store(isa_op op) { return op == OP_SB || op == OP_SH || op == OP_SW; }
static bool is_load(isa_op op) { return isa_insns[op].timing == TC_LOAD; }

/* Access size from funct3 as the RTL computes it for every instruction (size_of). */
static unsigned rtl_size(uint32_t word)
{
	unsigned f = (word >> 12) & 3;
	return f == 0 ? 1 : f == 1 ? 2 : 4;
}

void vcd_rec_begin(tile_t *t)
{
	vcd_out *v = vcd_out_active;
	int32_t slot = vcd_out_slot(v, t->id);
	uint64_t *started = vcd_out_started(v, slot);
	if (*started == t->start_cycle + 1)
		return;
	*started = t->start_cycle + 1;
	uint64_t T = 2 * t->start_cycle;
	vcd_rec r = {.n = 0};
	put(&r, T, VCD_ITEM_COUNT_FROM, t->start_cycle);
	for (unsigned s = 0; s < VS_REG0; s++)
		put(&r, T, s, 0);
	put(&r, T, VS_STATE, 1);
	put(&r, T, VS_PC, t->pc);
	put(&r, T, VS_INSTRET, t->instret);
	put(&r, T, VS_BOUND, t->bound);
	put(&r, T, VS_BUDGET, t->budget_cycles);
	put(&r, T, VS_BOUND_I, t->bound);
	put(&r, T, VS_BUDGET_I, t->budget_cycles);
	put(&r, T, VS_START_PC_I, t->pc);
	put(&r, T, VS_TILE_ID_I, t->id);
	put(&r, T, VS_TXY_I, (uint32_t)t->ty << 16 | t->tx);
	put(&r, T, VS_MESH_I, t->mesh->cfg.height << 16 | t->mesh->cfg.width);
	put(&r, T, VS_SEMIHOST_I, t->mesh->cfg.semihost);
	emit(t, t->start_cycle, &r);
	r.n = 0;
	for (unsigned i = 0; i < 32; i++)
		put(&r, T, VS_REG0 + i, t->x[i]);
	emit(t, t->start_cycle, &r);
}

/* The retire record's fields (rec_*_q), as the RTL latches them at the issue. */
static void retire_record(vcd_rec *o, uint64_t T, const tile_t *t, const vcd_retire *r,
			  uint32_t word, isa_op op)
{
	bool load = is_load(op), store = is_store(op), wr = rtl_writes_rd(op);
	uint32_t addr = r->a + (uint32_t)(store ? isa_imm_s(word) : isa_imm_i(word));
	put(o, T, VS_REC_VALID, isa_insns[op].timing != TC_DIV);
	put(o, T, VS_REC_CYCLE, r->cycle - t->start_cycle);
	put(o, T, VS_REC_PC, r->pc);
	put(o, T, VS_REC_INSN, word);
	put(o, T, VS_REC_LOAD, load);
	put(o, T, VS_REC_RD, wr || load ? (op == OP_ECALL ? 10 : isa_rd(word)) : 0);
	put(o, T, VS_REC_WDATA, !wr ? 0 : op == OP_ECALL ? t->x[10] : r->wval);
	put(o, T, VS_REC_MEM_WE, store);
	put(o, T, VS_REC_MEM_ADDR, addr);
	put(o, T, VS_REC_MEM_WDATA, store ? r->st_val : 0);
	put(o, T, VS_REC_MEM_SIZE, rtl_size(word));
	put(o, T, VS_LD_PEND, load);
	put(o, T, VS_LD_RD, isa_rd(word));
	put(o, T, VS_LD_F3, (word >> 12) & 7);
	put(o, T, VS_LD_OFF, addr & 3);
	if (load)
		put(o, T + 2, VS_LD_PEND, 0);
}

/* A division: busy until its result is written at the end of its cost. */
static void retire_div(vcd_rec *o, uint64_t T, const tile_t *t, const vcd_retire *r,
		       uint32_t word)
{
	uint64_t done = 2 * (r->cycle + r->cost);
	unsigned rd = isa_rd(word);
	put(o, T, VS_DIV_BUSY, 1);
	put(o, T, VS_DIV_RD, rd);
	put(o, T, VS_DIV_PC, r->pc);
	put(o, T, VS_DIV_INSN, word);
	put(o, T, VS_DIV_CYCLE, r->cycle - t->start_cycle);
	put(o, done, VS_DIV_BUSY, 0);
	put(o, done, VS_REC_VALID, 1);
	put(o, done, VS_REC_RD, rd);
	put(o, done, VS_REC_WDATA, r->wval);
	if (rd)
		put(o, done, VS_REG0 + rd, r->wval);
	put(o, done + 2, VS_REC_VALID, 0);
}

void vcd_rec_retire(tile_t *t, const dinsn *d, const vcd_retire *r)
{
	isa_op op = (isa_op)d->op;
	uint32_t word;
	memcpy(&word, t->mem + r->pc, 4);
	uint64_t T = 2 * (r->cycle + 1);
	vcd_rec o = {.n = 0};
	put(&o, T, VS_PC, r->next);
	put(&o, T, VS_INSTRET, r->instret);
	/* wait_q counts the issue slot down (6 bits: the RTL's costs stay under 64) */
	for (unsigned j = r->cost > 64 ? r->cost - 63 : 1; r->cost > 1 && j <= r->cost; j++)
		put(&o, 2 * (r->cycle + j), VS_WAIT, r->cost - j);
	retire_record(&o, T, t, r, word, op);
	unsigned rd = op == OP_ECALL ? 10 : isa_rd(word);
	if (isa_insns[op].timing == TC_DIV)
		retire_div(&o, T, t, r, word);
	else
		put(&o, T + 2, VS_REC_VALID, 0);
	if (rd && rtl_writes_rd(op))
		put(&o, T, VS_REG0 + rd, op == OP_ECALL ? t->x[10] : r->wval);
	else if (rd && is_load(op))
		put(&o, T + 2, VS_REG0 + rd, r->wval);
	emit(t, r->cycle, &o);
}

static void halt_record(tile_t *t, vcd_rec *r)
{
	uint64_t h = t->start_cycle + t->halt_cycles, T = 2 * (h + 1);
	*vcd_out_halted(vcd_out_active, vcd_out_slot(vcd_out_active, t->id)) = t->start_cycle + 1;
	put(r, T, VS_STATE, 2);
	put(r, T, VS_HALTED, 1);
	put(r, T, VS_HALT_CAUSE, t->cause);
	put(r, T, VS_HALT_PC, t->halt_pc);
	put(r, T, VS_HALT_VALUE, t->halt_value);
	put(r, T, VS_HALT_CYCLE, t->halt_cycles);
	put(r, T, VCD_ITEM_COUNT_STOP, h + 1);
}

void vcd_rec_halt(tile_t *t)
{
	vcd_rec r = {.n = 0};
	halt_record(t, &r);
	emit(t, t->start_cycle + t->halt_cycles, &r);
}

void vcd_rec_halt_late(tile_t *t)
{
	vcd_rec r = {.n = 0};
	uint8_t buf[VCD_REC_MAX * VCD_ITEM_BYTES];
	uint64_t cycle = t->start_cycle + t->halt_cycles;
	halt_record(t, &r);
	size_t n = vcd_item_encode(r.v, r.n, cycle, buf);
	out_record o = {cycle, t->id, 0, OUT_VCD, (uint32_t)n, (char *)buf};
	vcd_out_record(t->mesh, &o);
}
