/* Unit-test harness: encoder, program builder, runner (see ut.h). */
#include "ut.h"

#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "mesh.h"

static uint32_t enc_b(int32_t imm)
{
	uint32_t v = (uint32_t)imm;
	return ((v >> 12) & 1) << 31 | ((v >> 5) & 63) << 25 | ((v >> 1) & 15) << 8 |
	       ((v >> 11) & 1) << 7;
}

static uint32_t enc_j(int32_t imm)
{
	uint32_t v = (uint32_t)imm;
	return ((v >> 20) & 1) << 31 | ((v >> 1) & 1023) << 21 | ((v >> 11) & 1) << 20 |
	       ((v >> 12) & 255) << 12;
}

uint32_t ut_enc(isa_op op, unsigned rd, unsigned rs1, unsigned rs2, int32_t imm)
{
	const isa_insn *in = &isa_insns[op];
	uint32_t w = in->match, u = (uint32_t)imm;
	uint32_t RD = (rd & 31) << 7, RS1 = (rs1 & 31) << 15, RS2 = (rs2 & 31) << 20;
	switch (in->format) {
	case FMT_R:     return w | RD | RS1 | RS2;
	case FMT_R4:    return w | RD | RS1 | RS2 | (u & 31) << 27;  /* imm: rs3 */
	case FMT_I:
	case FMT_IL:    return w | RD | RS1 | (u & 0xfff) << 20;
	case FMT_SH:    return w | RD | RS1 | (u & 31) << 20;
	case FMT_S:     return w | RS1 | RS2 | (u & 31) << 7 | ((u >> 5) & 127) << 25;
	case FMT_B:     return w | RS1 | RS2 | enc_b(imm);
	case FMT_U:     return w | RD | (u & 0xfffff000u);
	case FMT_J:     return w | RD | enc_j(imm);
	case FMT_FENCE: return w | 0x0ff00000u;
	case FMT_XRD:   return w | RD;
	case FMT_XRS1:  return w | RS1;
	case FMT_XRDRS1: return w | RD | RS1;
	default:        return w;
	}
}

uint32_t ut_emit(ut_prog *p, uint32_t word)
{
	ck_assert_uint_lt(p->n, UT_MAX_WORDS);
	p->w[p->n] = word;
	return 4 * p->n++;
}

uint32_t ut_op(ut_prog *p, isa_op op, unsigned rd, unsigned rs1, unsigned rs2, int32_t imm)
{
	return ut_emit(p, ut_enc(op, rd, rs1, rs2, imm));
}

void ut_li(ut_prog *p, unsigned rd, uint32_t v)
{
	uint32_t hi = (v + 0x800u) & 0xfffff000u;
	ut_op(p, OP_LUI, rd, 0, 0, (int32_t)hi);
	ut_op(p, OP_ADDI, rd, rd, 0, (int32_t)(v - hi));
}

void ut_exit(ut_prog *p, unsigned rs1)
{
	ut_op(p, OP_TESS_EXIT, 0, rs1, 0, 0);
}

unsigned ut_cost(isa_timing_class tc)
{
	return isa_timing_cost[tc];
}

static void copy_result(ut_result *r, const tile_t *t, uint32_t data_addr)
{
	r->halted = t->state == TS_HALTED;
	r->cause = t->cause;
	r->value = t->halt_value;
	r->pc = t->halt_pc;
	r->cycles = t->halt_cycles;
	r->instret = t->instret;
	r->stall_load_use = t->stats.stall_load_use;
	memcpy(r->x, t->x, sizeof r->x);
	uint32_t n = sizeof r->mem;
	if (data_addr < t->mem_size) {
		if (n > t->mem_size - data_addr)
			n = t->mem_size - data_addr;
		memcpy(r->mem, t->mem + data_addr, n);
	}
}

ut_result ut_run(const ut_prog *p, const ut_cfg *cfg)
{
	static const ut_cfg none;
	if (!cfg)
		cfg = &none;
	mesh_config mc;
	mesh_config_default(&mc);
	mc.quiet = true;
	if (cfg->mem)
		mc.mem_size = cfg->mem;
	if (cfg->width)
		mc.width = cfg->width;
	if (cfg->height)
		mc.height = cfg->height;
	if (cfg->twin && mc.width * mc.height < cfg->tile + 2)
		mc.width = cfg->tile + 2;
	mc.semihost = !cfg->no_semihost;
	mc.max_cycles = 1u << 24;   /* a broken test must not hang */
	mesh_t *m = mesh_new(&mc);
	ck_assert_ptr_nonnull(m);
	tile_t *t = NULL;
	for (uint32_t k = 0; k < (cfg->twin ? 2u : 1u); k++) {
		tile_t *u = mesh_tile(m, cfg->tile + k);
		ck_assert_ptr_nonnull(u);
		tile_write_mem(u, 0, p->w, p->n * 4);
		if (cfg->data)
			tile_write_mem(u, cfg->data_addr, cfg->data, cfg->data_len);
		if (cfg->bound)
			u->bound = cfg->bound;
		u->budget_cycles = cfg->budget_cycles;
		tile_start(u, 0, 0);
		u->preloaded = true;
		mesh_activate(m, u);
		if (!t)
			t = u;
	}
	engine_run(m);
	ut_result r;
	memset(&r, 0, sizeof r);
	copy_result(&r, t, cfg->data_addr);
	ck_assert_msg(!m->max_reached, "test program did not halt");
	mesh_free(m);
	return r;
}
