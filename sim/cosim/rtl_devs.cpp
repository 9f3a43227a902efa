// The Verilated devices (tests/rtl/ctl/dev_top.sv) behind the C interface of rtl_devs.h.
#include "rtl_devs.h"

#include <memory>

#include "Vdev_top.h"
#include "verilated.h"

struct rtl_devs {
	std::unique_ptr<VerilatedContext> ctx{new VerilatedContext};
	std::unique_ptr<Vdev_top> top;
	bool settled = false;
};

extern "C" rtl_devs *rtl_devs_new(unsigned mesh_w)
{
	rtl_devs *d = new rtl_devs;
	d->top.reset(new Vdev_top{d->ctx.get()});
	Vdev_top *m = d->top.get();
	m->clk_i = 0;
	m->rst_ni = 1;            // a falling edge: the reset is asynchronous
	m->eval();
	m->rst_ni = 0;
	m->eval();
	m->rst_ni = 1;
	m->mesh_w_i = (uint16_t)mesh_w;
	m->eval();
	return d;
}

extern "C" void rtl_devs_free(rtl_devs *d)
{
	if (!d)
		return;
	d->top->final();
	delete d;
}

static void set_bit(CData &v, int b, bool on)
{
	v = (CData)((v & ~(1u << b)) | (unsigned)on << b);
}

extern "C" void rtl_devs_in(rtl_devs *d, uint64_t now, int dev, const rtl_flit *req,
			    unsigned credit)
{
	Vdev_top *m = d->top.get();
	m->now_i = now;
	// requests reach a device on the data network only (devices are no control targets)
	set_bit(m->req_valid_i, dev, req->valid && !req->vnet);
	set_bit(m->req_head_i, dev, req->head);
	set_bit(m->req_tail_i, dev, req->tail);
	m->req_data_i[dev] = req->data;
	m->rep_credit_i[dev] = (CData)(credit & 3);
	d->settled = false;
}

extern "C" void rtl_devs_out(rtl_devs *d, int dev, rtl_flit *rep)
{
	Vdev_top *m = d->top.get();
	if (!d->settled) {
		m->eval();
		d->settled = true;
	}
	rep->valid = (m->rep_valid_o >> dev) & 1;
	rep->vnet = (m->rep_vnet_o >> dev) & 1;
	rep->head = (m->rep_head_o >> dev) & 1;
	rep->tail = (m->rep_tail_o >> dev) & 1;
	rep->data = m->rep_data_o[dev];
}

extern "C" void rtl_devs_clock(rtl_devs *d)
{
	Vdev_top *m = d->top.get();
	if (!d->settled)
		m->eval();
	m->clk_i = 1;
	m->eval();
	m->clk_i = 0;
	m->eval();
	d->settled = true;
}
