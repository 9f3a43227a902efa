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
#include "verilated.h"

#define NODE(y, x, v) \
	tess_dev_chip__DOT__u_mesh__DOT__g_row__BRA__##y##__KET____DOT__g_col__BRA__##x##__KET____DOT__u_tile__DOT__##v
#define MEM(y, x) root->NODE(y, x, u_sram__DOT__mem_q).m_storage

namespace {

constexpr unsigned kW = 4, kH = 4, kN = kW * kH;
struct Con { uint64_t cycle; uint32_t src; std::string b; };
std::vector<Con> want, got;

bool read_file(const char *path, std::string &out)
{
	FILE *f = std::fopen(path, "rb");
	if (!f) {
		std::perror(path);
		return false;
	}
	char buf[65536];
	size_t n;
	while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
		out.append(buf, n);
	std::fclose(f);
	return true;
}

bool read_log(const char *path)
{
	FILE *f = std::fopen(path, "r");
	if (!f) {
		std::perror(path);
		return false;
	}
	char line[4096];
	while (std::fgets(line, sizeof line, f)) {
		if (line[0] != 'Z')
			continue;
		char *p = line + 1;
		Con c{};
		c.cycle = std::strtoull(p, &p, 10);
		c.src = (uint32_t)std::strtoul(p, &p, 10);
		for (unsigned long n = std::strtoul(p, &p, 10); n > 0; n--)
			c.b.push_back((char)std::strtoul(p, &p, 16));
		want.push_back(c);
	}
	std::fclose(f);
	return true;
}

void on_output(void *, uint64_t cycle, uint32_t src, const char *b, uint32_t n)
{
	got.push_back({cycle, src, std::string(b, n)});
}

}  // namespace

int main(int argc, char **argv)
{
	Verilated::commandArgs(argc, argv);
	if (argc < 5) {
		std::fprintf(stderr, "usage: ctl_chip_tb IMAGE.bin ENTRY LOG NAME\n");
		return 2;
	}
	const char *name = argv[4];
	std::string image;
	if (!read_file(argv[1], image) || !read_log(argv[3]))
		return 2;
	if (want.empty()) {
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
	m->clk_i = 1;
	m->eval();
	m->clk_i = 0;
	m->start_i = 0;
	m->eval();
	const uint64_t end = want.back().cycle + 2000;
	for (uint64_t c = 0; c < end; c++) {
		m->clk_i = 1;
		m->eval();
		m->clk_i = 0;
		m->eval();
	}
	m->final();
	delete m;

	int fails = 0;
	for (size_t i = 0; i < got.size() || i < want.size(); i++) {
		if (i >= got.size() || i >= want.size()) {
			std::printf("chip FAIL %s: %zu console writes, C model %zu\n", name, got.size(),
				    want.size());
			fails++;
			break;
		}
		if (got[i].cycle != want[i].cycle || got[i].src != want[i].src || got[i].b != want[i].b) {
			std::printf("chip FAIL %s: console write %zu: cycle %" PRIu64 " tile %u '%s'; C model "
				    "cycle %" PRIu64 " tile %u '%s'\n", name, i, got[i].cycle, got[i].src,
				    got[i].b.c_str(), want[i].cycle, want[i].src, want[i].b.c_str());
			fails++;
			break;
		}
	}
	if (fails)
		return 1;
	size_t bytes = 0;
	for (const Con &w : got)
		bytes += w.b.size();
	std::printf("chip PASS %s: %zu console writes (%zu bytes) from the 4x4 RTL chip with control "
		    "units, each at the C model's cycle\n", name, got.size(), bytes);
	return 0;
}
