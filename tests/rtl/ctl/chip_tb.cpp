// chip_tb: the devices attached at the RTL mesh's device ports (rtl/tess_dev_chip.sv,
// 1x1: tile 0 has the console west and the block store east) running a whole program
// against the C model: the program's image is loaded into the tile's SRAM, its
// capability table preloaded as SPEC §10 says (console, block store, all tiles), and the
// chip clocked until the tile halts (and a little longer, for messages in flight). The
// console output (cycle, tile, bytes) must equal the C model's (the Z records ctl_rec
// wrote for the same program), and the disk image after the run the C model's.
//
// usage: chip_tb IMAGE.bin ENTRY LOG DISK-BEFORE DISK-AFTER INPUT NAME
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

#define TILE0(x) tess_dev_chip__DOT__u_mesh__DOT__g_row__BRA__0__KET____DOT__g_col__BRA__0__KET____DOT__u_tile__DOT__##x

int main(int argc, char **argv)
{
	Verilated::commandArgs(argc, argv);
	if (argc < 8) {
		std::fprintf(stderr, "usage: chip_tb IMAGE.bin ENTRY LOG DISK-BEFORE DISK-AFTER INPUT NAME\n");
		return 2;
	}
	const char *name = argv[7];
	std::string image, disk0, disk1, input;
	if (!read_file(argv[1], image) || !read_console_log(argv[3]) || !read_file(argv[4], disk0) ||
	    !read_file(argv[5], disk1) || !read_file(argv[6], input))
		return 2;
	uint32_t entry = (uint32_t)std::strtoul(argv[2], nullptr, 0);
	dev_host_set_disk(reinterpret_cast<const uint8_t *>(disk0.data()), disk0.size());
	dev_host_set_input(input.data(), input.size());
	dev_host_on_output(on_output, nullptr);

	Vtess_dev_chip *m = new Vtess_dev_chip;
	auto *root = m->rootp;
	const uint32_t mem_bytes = (uint32_t)sizeof root->TILE0(u_sram__DOT__mem_q).m_storage;
	if (image.size() > mem_bytes) {
		std::fprintf(stderr, "%s: larger than the tile's SRAM\n", argv[1]);
		return 2;
	}
	m->clk_i = 0;
	m->rst_ni = 1;
	m->eval();
	m->rst_ni = 0;
	m->eval();
	m->rst_ni = 1;
	m->eval();
	image.resize((image.size() + 3) & ~size_t(3));
	std::memcpy(root->TILE0(u_sram__DOT__mem_q).m_storage, image.data(), image.size());
	// SPEC §10: slot 0 the console, slot 1 the block store (with a disk), slot 7 every tile
	auto cap = [&](unsigned s, uint32_t lo, uint32_t hi) {
		root->TILE0(u_core__DOT__u_caps__DOT__kind_q)[s] = 1;
		root->TILE0(u_core__DOT__u_caps__DOT__lo_q)[s] = lo;
		root->TILE0(u_core__DOT__u_caps__DOT__hi_q)[s] = hi;
		root->TILE0(u_core__DOT__u_caps__DOT__badge_q)[s] = 0;
	};
	cap(0, 0xffff0000u, 0xffff0000u);
	if (!disk0.empty())
		cap(1, 0xffff0001u, 0xffff0001u);
	cap(7, 0, 0);
	m->start_pc_i = entry;
	m->bound_i = mem_bytes;
	m->start_i = 1;
	m->eval();
	tick(m);                  // the start edge: cycle 0 follows
	m->start_i = 0;
	m->eval();
	uint64_t c = 0, halted_at = 0;
	const uint64_t limit = 5000000;
	for (; c < limit; c++) {
		if (m->halted_o & 1) {
			if (!halted_at)
				halted_at = c;
			if (c > halted_at + 300)
				break;     // messages still in flight have arrived
		}
		tick(m);
	}
	m->final();
	delete m;

	int fails = 0;
	if (c >= limit) {
		std::printf("chip FAIL %s: the tile did not halt within %" PRIu64 " cycles\n", name, limit);
		fails++;
	}
	if (console_differs("chip", name))
		fails++;
	size_t dn;
	const uint8_t *d = dev_host_disk(&dn);
	if (dn != disk1.size() || (dn && std::memcmp(d, disk1.data(), dn))) {
		std::printf("chip FAIL %s: the disk image after the run differs from the C model's\n", name);
		fails++;
	}
	if (fails)
		return 1;
	std::printf("chip PASS %s: %zu console writes (%zu bytes) at the C model's cycles, halted at "
		    "cycle %" PRIu64 "\n", name, con_got.size(), console_bytes(), halted_at);
	return 0;
}
