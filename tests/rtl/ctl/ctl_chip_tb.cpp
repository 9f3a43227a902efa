// ctl_chip_tb: an OS boot on the 4x4 RTL chip (rtl/tess_dev_chip.sv: tess_mesh, whose
// tiles hold their control units, with the devices at the mesh's ports). Only tile 0 is
// preloaded (SPEC §10, --boot: CONTROL over every tile); it loads,
// starts, supervises and kills the others over the control network. The console output
// (cycle, tile, bytes) must be the C model's (the Z records ctl_rec wrote for the same
// boot, --no-semihost). The tiles clear their own SRAM at a halt or CTL_CLEAR.
//
// usage: ctl_chip_tb IMAGE.bin ENTRY LOG NAME
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "Vtess_dev_chip.h"
#include "Vtess_dev_chip___024root.h"
#include "ctl_dev_host.h"
#include "tb_console.h"
#include "verilated.h"

#define NODE(y, x, v) \
	tess_dev_chip__DOT__u_mesh__DOT__g_row__BRA__##y##__KET____DOT__g_col__BRA__##x##__KET____DOT__u_tile__DOT__##v
#define MEM(y, x) root->NODE(y, x, u_sram__DOT__mem_q).m_storage

constexpr unsigned kW = 4, kH = 4, kN = kW * kH;

int main(int argc, char **argv)
{
	Verilated::commandArgs(argc, argv);
	if (argc < 5) {
		std::fprintf(stderr, "usage: ctl_chip_tb IMAGE.bin ENTRY LOG NAME\n");
		return 2;
	}
	const char *name = argv[4];
	std::string image;
	if (!read_file(argv[1], image) || !read_console_log(argv[3]))
		return 2;
	if (con_want.empty()) {
		std::printf("chip FAIL %s: the C model wrote nothing on the console\n", name);
		return 1;
	}
	dev_host_on_output(on_output, nullptr);

	Vtess_dev_chip *m = new Vtess_dev_chip;
	auto *root = m->rootp;
	uint32_t *mem0 = MEM(0, 0);
	const size_t mem_bytes = sizeof MEM(0, 0);
	if (image.size() > mem_bytes) {
		std::fprintf(stderr, "%s: larger than a tile's SRAM\n", argv[1]);
		return 2;
	}
	m->clk_i = 0;
	m->rst_ni = 1;
	m->eval();
	m->rst_ni = 0;
	m->eval();
	m->rst_ni = 1;
	m->eval();
	std::memcpy(mem0, image.data(), image.size());
	// tile 0 as --boot preloads it (SPEC §10): console, E and S neighbours, every tile,
	// CONTROL over every tile
	auto cap = [&](unsigned s, unsigned kind, uint32_t lo, uint32_t hi) {
		root->NODE(0, 0, u_core__DOT__u_caps__DOT__kind_q)[s] = kind;
		root->NODE(0, 0, u_core__DOT__u_caps__DOT__lo_q)[s] = lo;
		root->NODE(0, 0, u_core__DOT__u_caps__DOT__hi_q)[s] = hi;
		root->NODE(0, 0, u_core__DOT__u_caps__DOT__badge_q)[s] = 0;
	};
	cap(0, 1, 0xffff0000u, 0xffff0000u);
	cap(3, 1, 1, 1);
	cap(4, 1, kW, kW);
	cap(7, 1, 0, kN - 1);
	cap(8, 2, 0, kN - 1);
	m->start_pc_i = (uint32_t)std::strtoul(argv[2], nullptr, 0);
	m->bound_i = (uint32_t)mem_bytes;
	m->start_i = 1;
	m->eval();
	tick(m);                  // the start edge: cycle 0 follows
	m->start_i = 0;
	m->eval();
	const uint64_t end = con_want.back().cycle + 2000;
	for (uint64_t c = 0; c < end; c++)
		tick(m);
	m->final();
	delete m;

	if (console_differs("chip", name))
		return 1;
	std::printf("chip PASS %s: %zu console writes (%zu bytes) from the 4x4 RTL chip with control "
		    "units, each at the C model's cycle\n", name, con_got.size(), console_bytes());
	return 0;
}
