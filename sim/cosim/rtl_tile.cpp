// The Verilated tile behind the C interface of sim/cosim/rtl.h. Kept thin on purpose:
// everything else of the co-simulation is C.
#include "rtl.h"

#include <memory>

#include "Vtess_tile.h"
#include "Vtess_tile___024root.h"
#include "verilated.h"
#include "verilated_vcd_c.h"

// Tiles of one run share a context (one simulated time); the first tile made owns the
// clock's time steps and the waves.
struct rtl {
	std::shared_ptr<VerilatedContext> ctxp;
	VerilatedContext &ctx;
	std::unique_ptr<Vtess_tile> top;
	std::unique_ptr<VerilatedVcdC> vcd;
	uint64_t clocks = 0;
	bool started = false;     // waves start at the start edge, which is time 0
	uint64_t base = 0;
	uint64_t from = 0, to = UINT64_MAX;   // wave window, in times (2 per cycle)
	bool owner;
	uint16_t epoch = 0;       // the SRAM's epoch the words of mem_q are current in

	explicit rtl(std::shared_ptr<VerilatedContext> c, bool own)
		: ctxp(c), ctx(*c), owner(own) {}
};

static void rtl_tick(rtl *r)
{
	if (r->owner)
		r->ctx.timeInc(1);
}

static void rtl_eval(rtl *r)
{
	r->top->eval();
	uint64_t t = r->ctx.time() - r->base;
	if (r->vcd && r->started && t >= r->from && t <= r->to)
		r->vcd->dump(t);
}

extern "C" rtl *rtl_new(const char *vcd_path, int argc, char **argv, rtl *share)
{
	rtl *r;
	if (share) {
		r = new rtl(share->ctxp, false);
		vcd_path = nullptr;
	} else {
		r = new rtl(std::make_shared<VerilatedContext>(), true);
		r->ctx.commandArgs(argc, argv);
		const char *plus = r->ctx.commandArgsPlusMatch("trace");
		if (!vcd_path && plus && plus[0])
			vcd_path = "rtl.vcd";         // +trace without --vcd
		r->ctx.traceEverOn(vcd_path != nullptr);  // before the model is built
	}
	r->top.reset(new Vtess_tile{&r->ctx});
	if (vcd_path) {
		r->vcd.reset(new VerilatedVcdC);
		r->top->trace(r->vcd.get(), 99);
		r->vcd->open(vcd_path);
	}
	// A falling edge of rst_ni: the asynchronous resets run (a model built with
	// rst_ni already low sees no edge and would keep its zero-initialised state).
	r->top->clk_i = 0;
	r->top->rst_ni = 1;
	r->top->eval();
	r->top->rst_ni = 0;
	rtl_eval(r);
	rtl_tick(r);
	r->top->rst_ni = 1;
	rtl_eval(r);
	return r;
}

extern "C" void rtl_free(rtl *r)
{
	if (!r)
		return;
	r->top->final();
	if (r->vcd)
		r->vcd->close();
	delete r;
}

extern "C" void rtl_wave_window(rtl *r, uint64_t from, uint64_t to)
{
	r->from = 2 * from;
	r->to = to > UINT64_MAX / 2 - 1 ? UINT64_MAX : 2 * to + 1;
}

extern "C" uint32_t *rtl_mem(rtl *r)
{
	return r->top->rootp->tess_tile__DOT__u_sram__DOT__mem_q.m_storage;
}

extern "C" uint32_t rtl_mem_bytes(const rtl *r)
{
	return (uint32_t)sizeof r->top->rootp->tess_tile__DOT__u_sram__DOT__mem_q.m_storage;
}

extern "C" void rtl_set_cap(rtl *r, unsigned slot, unsigned kind, uint32_t lo, uint32_t hi,
			    uint32_t badge)
{
	auto *root = r->top->rootp;
	slot &= 31;
	root->tess_tile__DOT__u_core__DOT__u_caps__DOT__kind_q[slot] = kind & 3;
	root->tess_tile__DOT__u_core__DOT__u_caps__DOT__lo_q[slot] = lo;
	root->tess_tile__DOT__u_core__DOT__u_caps__DOT__hi_q[slot] = hi;
	root->tess_tile__DOT__u_core__DOT__u_caps__DOT__badge_q[slot] = badge;
}

extern "C" void rtl_set_ctl(rtl *r, uint32_t mem, const rtl_pre *pre)
{
	Vtess_tile *t = r->top.get();
	t->mem_i = mem;
	t->pre_i = pre != nullptr;
	if (!pre)
		return;
	t->pre_super_valid_i = pre->has_super;
	t->pre_super_i = pre->super;
	t->pre_children_i = pre->children;
	t->pre_bound_i = pre->bound;
	t->pre_cycles_i = pre->cycles;
	t->pre_msgs_i = pre->msgs;
}

static void start_edge(rtl *r, bool go, uint32_t tile, uint32_t txy, uint32_t mesh,
		       bool semihost)
{
	Vtess_tile *t = r->top.get();
	t->tile_id_i = tile;
	t->txy_i = txy;
	t->mesh_i = mesh;
	// floor(2^32 / W) + 1: the row of a tile id by a multiplication (tess_core)
	t->mesh_recip_i = (1ull << 32) / (mesh & 0xffff) + 1;
	t->semihost_i = semihost;
	t->tx_sink_i = 0xf;
	if (!t->mem_i)
		t->mem_i = rtl_mem_bytes(r);
	t->now_i = 0;
	t->start_i = go;
	t->clk_i = 0;
	rtl_tick(r);
	t->eval();
	// The start edge is time 0 of the waves; cycle c's edge is at time 2c.
	rtl_tick(r);
	r->base = r->ctx.time();
	r->started = true;
	t->clk_i = 1;
	rtl_eval(r);
	t->start_i = 0;
	t->pre_i = 0;
	t->eval();   // same time as the edge's dump: settle only
}

extern "C" void rtl_start(rtl *r, uint32_t pc, uint32_t bound, uint64_t budget_cycles,
			  uint32_t budget_msgs, uint32_t tile, uint32_t txy, uint32_t mesh, bool semihost)
{
	Vtess_tile *t = r->top.get();
	t->start_pc_i = pc;
	t->bound_i = bound;
	t->budget_cycles_i = budget_cycles;
	t->budget_msgs_i = budget_msgs;
	t->start_a0_i = 0;
	start_edge(r, true, tile, txy, mesh, semihost);
}

extern "C" void rtl_start_idle(rtl *r, uint32_t tile, uint32_t txy, uint32_t mesh, bool semihost)
{
	start_edge(r, false, tile, txy, mesh, semihost);
}

// After a flash clear the words of older epochs read 0 in the RTL: make mem_q say so,
// keeping a word written in the clear's own cycle (current epoch).
static void sync_clear(rtl *r)
{
	auto *root = r->top->rootp;
	uint16_t cur = root->tess_tile__DOT__u_sram__DOT__cur_q;
	if (cur == r->epoch)
		return;
	uint32_t *mem = root->tess_tile__DOT__u_sram__DOT__mem_q.m_storage;
	uint16_t *ep = root->tess_tile__DOT__u_sram__DOT__ep_q.m_storage;
	const size_t n = sizeof root->tess_tile__DOT__u_sram__DOT__mem_q.m_storage / 4;
	for (size_t i = 0; i < n; i++)
		if (ep[i] != cur) {
			mem[i] = 0;
			ep[i] = cur;
		}
	r->epoch = cur;
}

// One rising edge, then the settled state of the new cycle (clock high).
extern "C" void rtl_clock(rtl *r)
{
	Vtess_tile *t = r->top.get();
	t->clk_i = 0;
	rtl_tick(r);
	rtl_eval(r);
	t->clk_i = 1;
	rtl_tick(r);
	t->eval();             // the edge, with the last ecall's answer still applied
	t->ecall_halt_i = 0;   // answers last one cycle
	t->now_i++;            // the chip cycle of the new cycle
	rtl_eval(r);
	r->clocks++;
	sync_clear(r);
}

extern "C" bool rtl_running(rtl *r)
{
	return r->top->running_o;
}

extern "C" uint64_t rtl_cycle(rtl *r)
{
	return r->top->cycle_o;
}

extern "C" uint32_t rtl_rejected(rtl *r)
{
	return r->top->ctl_rejected_o;
}

extern "C" uint64_t rtl_clocks(const rtl *r)
{
	return r->clocks;
}

extern "C" bool rtl_ecall(rtl *r, uint32_t regs[4])
{
	Vtess_tile *t = r->top.get();
	if (!t->ecall_o)
		return false;
	regs[0] = t->ecall_a0_o;
	regs[1] = t->ecall_a1_o;
	regs[2] = t->ecall_a2_o;
	regs[3] = t->ecall_a7_o;
	return true;
}

extern "C" void rtl_ecall_answer(rtl *r, uint32_t ret, bool halt, unsigned cause, uint32_t value)
{
	Vtess_tile *t = r->top.get();
	t->ecall_ret_i = ret;
	t->ecall_halt_i = halt;
	t->ecall_cause_i = cause & 15;
	t->ecall_value_i = value;
	t->eval();   // settle the answer before the edge; the next dump shows it
}

extern "C" bool rtl_retired(rtl *r, rtl_retire *o)
{
	Vtess_tile *t = r->top.get();
	if (!t->ret_valid_o)
		return false;
	o->cycle = t->ret_cycle_o;
	o->pc = t->ret_pc_o;
	o->insn = t->ret_insn_o;
	o->rd = t->ret_rd_o;
	o->rd_value = t->ret_rd_wdata_o;
	o->mem_we = t->ret_mem_we_o;
	o->mem_addr = t->ret_mem_addr_o;
	o->mem_value = t->ret_mem_wdata_o;
	o->mem_size = t->ret_mem_size_o;
	return true;
}

extern "C" bool rtl_halted(rtl *r, rtl_halt *o)
{
	Vtess_tile *t = r->top.get();
	if (!t->halted_o)
		return false;
	o->cause = t->halt_cause_o;
	o->pc = t->halt_pc_o;
	o->value = t->halt_value_o;
	o->cycle = t->halt_cycle_o;
	o->unimplemented = t->unimpl_o;
	return true;
}

extern "C" bool rtl_msg_op(rtl *r)
{
	return r->top->msg_op_o;
}

extern "C" void rtl_link_sinks(rtl *r, unsigned mask)
{
	r->top->tx_sink_i = mask & 0xf;
}

extern "C" void rtl_tx(rtl *r, int d, rtl_flit *f)
{
	Vtess_tile *t = r->top.get();
	f->valid = (t->tx_valid_o >> d) & 1;
	f->vnet = (t->tx_vnet_o >> d) & 1;
	f->head = (t->tx_head_o >> d) & 1;
	f->tail = (t->tx_tail_o >> d) & 1;
	f->data = t->tx_data_o[d];
}

extern "C" unsigned rtl_rx_credit(rtl *r, int d)
{
	return (r->top->rx_credit_o >> (2 * d)) & 3;
}

static void set_bit(CData &v, int d, bool b)
{
	v = (CData)((v & ~(1u << d)) | (unsigned)b << d);
}

extern "C" void rtl_rx(rtl *r, int d, const rtl_flit *f)
{
	Vtess_tile *t = r->top.get();
	set_bit(t->rx_valid_i, d, f->valid);
	set_bit(t->rx_vnet_i, d, f->vnet);
	set_bit(t->rx_head_i, d, f->head);
	set_bit(t->rx_tail_i, d, f->tail);
	t->rx_data_i[d] = f->data;
}

extern "C" void rtl_tx_credit(rtl *r, int d, unsigned credits)
{
	Vtess_tile *t = r->top.get();
	t->tx_credit_i = (CData)((t->tx_credit_i & ~(3u << (2 * d))) | (credits & 3) << (2 * d));
}

extern "C" bool rtl_injected(rtl *r, rtl_inject *o)
{
	Vtess_tile *t = r->top.get();
	if (!t->inj_o)
		return false;
	o->ctl = t->inj_vnet_o;
	o->dst = t->inj_dst_o;
	o->header = t->inj_header_o;
	o->badge = t->inj_badge_o;
	o->addr = t->inj_addr_o;
	o->flits = t->inj_flits_o;
	o->cap[0] = t->inj_cap0_o;
	o->cap[1] = t->inj_cap1_o;
	o->cap[2] = t->inj_cap2_o;
	return true;
}

extern "C" bool rtl_ejected(rtl *r, rtl_flit *f)
{
	Vtess_tile *t = r->top.get();
	f->valid = t->ej_valid_o;
	f->vnet = t->ej_vnet_o;
	f->head = t->ej_head_o;
	f->tail = t->ej_tail_o;
	f->data = t->ej_data_o;
	return f->valid;
}

extern "C" bool rtl_cu_injected(rtl *r, uint32_t *route, uint32_t *wait)
{
	Vtess_tile *t = r->top.get();
	if (!t->cu_inj_o)
		return false;
	*route = t->cu_inj_route_o;
	*wait = t->cu_inj_wait_o;
	return true;
}
