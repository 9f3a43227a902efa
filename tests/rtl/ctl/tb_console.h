// What the device testbenches (dev_tb, chip_tb, ctl_chip_tb) share: reading files, the
// console output the C model wrote (Z records of ctl_rec) and the one the RTL devices
// produce (dev_host_on_output), and a clock edge. Included by one source file each.
#ifndef TESS_TB_CONSOLE_H
#define TESS_TB_CONSOLE_H

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

// One console write: the cycle, the tile that wrote, the bytes.
struct Con { uint64_t cycle; uint32_t src; std::string b; };

std::vector<Con> con_want, con_got;

// The whole file into out; "-" stands for no file (empty).
inline bool read_file(const char *path, std::string &out)
{
	out.clear();
	if (!std::strcmp(path, "-"))
		return true;
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

// A Z record (after the 'Z'): cycle, tile, byte count, the bytes in hex.
inline Con parse_con(char *p)
{
	Con c{};
	c.cycle = std::strtoull(p, &p, 10);
	c.src = (uint32_t)std::strtoul(p, &p, 10);
	for (unsigned long n = std::strtoul(p, &p, 10); n > 0; n--)
		c.b.push_back((char)std::strtoul(p, &p, 16));
	return c;
}

// The console output the C model wrote: the Z records of the log, into con_want.
inline bool read_console_log(const char *path)
{
	FILE *f = std::fopen(path, "r");
	if (!f) {
		std::perror(path);
		return false;
	}
	char line[4096];
	while (std::fgets(line, sizeof line, f))
		if (line[0] == 'Z')
			con_want.push_back(parse_con(line + 1));
	std::fclose(f);
	return true;
}

// dev_host_on_output's callback: the RTL console's writes, into con_got.
inline void on_output(void *, uint64_t cycle, uint32_t src, const char *b, uint32_t n)
{
	con_got.push_back({cycle, src, std::string(b, n)});
}

// The first console write that differs from the C model's, or a different count: one
// line "<what> FAIL <name>: ..." and true.
inline bool console_differs(const char *what, const char *name)
{
	for (size_t i = 0; i < con_got.size() && i < con_want.size(); i++) {
		const Con &g = con_got[i], &w = con_want[i];
		if (g.cycle != w.cycle || g.src != w.src || g.b != w.b) {
			std::printf("%s FAIL %s: console write %zu at cycle %" PRIu64 " tile %u (%zu bytes); "
				    "C model at cycle %" PRIu64 " tile %u (%zu bytes)\n", what, name, i,
				    g.cycle, g.src, g.b.size(), w.cycle, w.src, w.b.size());
			return true;
		}
	}
	if (con_got.size() == con_want.size())
		return false;
	std::printf("%s FAIL %s: %zu console writes, C model %zu\n", what, name, con_got.size(),
		    con_want.size());
	return true;
}

inline size_t console_bytes()
{
	size_t n = 0;
	for (const Con &c : con_got)
		n += c.b.size();
	return n;
}

// One clock cycle of a Verilated model with clk_i.
template <typename Model> void tick(Model *m)
{
	m->clk_i = 1;
	m->eval();
	m->clk_i = 0;
	m->eval();
}

}  // namespace

#endif
