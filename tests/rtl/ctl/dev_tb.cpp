// dev_tb: the behavioural devices (rtl/tess_dev_console.sv, tess_dev_block.sv) replayed
// against the C model. Reads the log ctl_rec wrote (D: a request delivered to a device,
// Y: a reply the device wrote into its NI, Z: console output), drives each request's
// flits into the device so that they end the cycle before its delivery, and compares:
// every reply flit and the cycle it enters the router (write times as sim/noc.c
// ni_write, NI_LATENCY, one flit a cycle, credits returned at once), the console output
// (cycle, tile, bytes) and the disk image at the end.
//
// usage: dev_tb LOG DISK-BEFORE DISK-AFTER INPUT [NAME]   ("-": no disk / no input)
#include <cinttypes>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "Vdev_top.h"
#include "ctl_dev_host.h"
#include "params.h"
#include "tb_console.h"
#include "verilated.h"

namespace {


struct Req { uint64_t d; uint32_t src, tag, len, cap; std::vector<uint32_t> w; };
struct Rep { uint64_t at; uint32_t dst, tag, len; std::vector<uint32_t> w; };
struct Flit { uint64_t cycle; bool head, tail; uint32_t data; };

std::vector<Req> reqs[2];
std::vector<Rep> reps[2];
int failures = 0;
uint32_t mesh_w = 0;
const char *name = "";

void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fail(const char *fmt, ...)
{
	if (++failures > 20)
		return;
	va_list ap;
	va_start(ap, fmt);
	std::printf("dev FAIL %s: ", name);
	std::vprintf(fmt, ap);
	std::printf("\n");
	va_end(ap);
}

bool parse(const char *path)
{
	FILE *f = std::fopen(path, "r");
	if (!f) {
		std::perror(path);
		return false;
	}
	char line[4096];
	unsigned ln = 0;
	bool ok = true;
	while (ok && std::fgets(line, sizeof line, f)) {
		ln++;
		char *p = line + 1;
		bool bad = false;
		auto u = [&p, &bad](int base) {
			char *e;
			unsigned long long v = std::strtoull(p, &e, base);
			bad |= e == p;
			p = e;
			return v;
		};
		if (line[0] == 'D') {
			Req r{};
			r.d = u(10);
			uint32_t dev = (uint32_t)u(10);
			r.src = (uint32_t)u(10); r.tag = (uint32_t)u(10); r.len = (uint32_t)u(10);
			r.cap = (uint32_t)u(10);
			for (uint32_t i = 0; i < r.len; i++)
				r.w.push_back((uint32_t)u(16));
			if (dev > 1)
				bad = true;
			else
				reqs[dev].push_back(r);
		} else if (line[0] == 'Y') {
			Rep r{};
			r.at = u(10);
			uint32_t dev = (uint32_t)u(10);
			r.dst = (uint32_t)u(10); r.tag = (uint32_t)u(10); r.len = (uint32_t)u(10);
			for (uint32_t i = 0; i < r.len; i++)
				r.w.push_back((uint32_t)u(16));
			if (dev > 1)
				bad = true;
			else
				reps[dev].push_back(r);
		} else if (line[0] == 'Z') {
			Con c{};
			c.cycle = u(10);
			c.src = (uint32_t)u(10);
			for (unsigned long long n = u(10); n > 0; n--)
				c.b.push_back((char)u(16));
			con_want.push_back(c);
		} else if (line[0] == 'M') {
			(void)u(10);
			mesh_w = (uint32_t)u(10);
			(void)u(10);
		} else if (std::strchr("SPONKCHWLXR", line[0]) == nullptr) {
			std::fprintf(stderr, "%s:%u: unknown record\n", path, ln);
			ok = false;
		}
		if (bad) {
			std::fprintf(stderr, "%s:%u: malformed record\n", path, ln);
			ok = false;
		}
	}
	std::fclose(f);
	return ok;
}

// The flits a device's replies put into the router, as the C model's NI would.
std::vector<Flit> expected_flits(int dev)
{
	std::vector<Flit> out;
	uint64_t last_write = 0, leave = 0;
	for (const Rep &r : reps[dev]) {
		uint64_t w = r.at;
		if (last_write && w < last_write)
			w = last_write;
		uint32_t nf = 3 + r.len;
		for (uint32_t i = 0; i < nf; i++) {
			uint64_t t = w + i + NI_LATENCY;
			if (!out.empty() && t <= leave)
				t = leave + 1;
			leave = t;
			uint32_t data = i == 0 ? ((r.dst / mesh_w) << 16 | r.dst % mesh_w)
				      : i == 1 ? (1u << 31 | (r.tag & 0xffu) << 20 | (uint32_t)dev)
				      : i == 2 ? 0 : r.w[i - 3];
			out.push_back({t, i == 0, i + 1 == nf, data});
		}
		last_write = w + nf;
	}
	return out;
}

}  // namespace

int main(int argc, char **argv)
{
	Verilated::commandArgs(argc, argv);
	if (argc < 5) {
		std::fprintf(stderr, "usage: dev_tb LOG DISK-BEFORE DISK-AFTER INPUT [NAME]\n");
		return 2;
	}
	name = argc > 5 ? argv[5] : argv[1];
	std::string disk0, disk1, input;
	if (!parse(argv[1]) || !read_file(argv[2], disk0) || !read_file(argv[3], disk1) ||
	    !read_file(argv[4], input))
		return 2;
	if (dev_host_set_disk(reinterpret_cast<const uint8_t *>(disk0.data()), disk0.size())) {
		std::fprintf(stderr, "%s: not whole 32-byte sectors\n", argv[2]);
		return 2;
	}
	dev_host_set_input(input.data(), input.size());
	dev_host_on_output(on_output, nullptr);
	if (mesh_w == 0) {
		std::fprintf(stderr, "%s: no M record (the run did not finish)\n", argv[1]);
		return 2;
	}
	if (reqs[0].empty() && reqs[1].empty()) {
		std::printf("dev FAIL %s: no device request in this run\n", name);
		return 1;
	}

	// request flits by cycle, per device
	std::map<uint64_t, Flit> in[2];
	uint64_t end = 0;
	for (int dev = 0; dev < 2; dev++)
		for (const Req &r : reqs[dev]) {
			std::vector<uint32_t> f = {(uint32_t)(dev + 1) << 30,
						   (r.src & 0xfffffu) | (r.tag & 0xffu) << 20 | (r.cap ? 1u << 30 : 0), 0};
			if (r.cap)
				f.insert(f.end(), {0, 0, 0});
			f.insert(f.end(), r.w.begin(), r.w.end());
			uint64_t first = r.d - f.size();
			for (size_t i = 0; i < f.size(); i++) {
				if (in[dev].count(first + i))
					fail("device %d: two requests' flits in cycle %" PRIu64, dev, first + i);
				in[dev][first + i] = {first + i, i == 0, i + 1 == f.size(), f[i]};
			}
			end = std::max(end, r.d);
		}
	std::vector<Flit> want[2] = {expected_flits(0), expected_flits(1)};
	for (int dev = 0; dev < 2; dev++)
		if (!want[dev].empty())
			end = std::max(end, want[dev].back().cycle);
	end += 300;

	Vdev_top *m = new Vdev_top;
	m->clk_i = 0;
	m->rst_ni = 1;            // a falling edge: the reset is asynchronous
	m->eval();
	m->rst_ni = 0;
	m->eval();
	m->rst_ni = 1;
	m->mesh_w_i = mesh_w;
	m->eval();
	std::vector<Flit> got[2];
	bool went[2] = {false, false};
	for (uint64_t c = 0; c <= end; c++) {
		m->now_i = c;
		uint32_t v = 0, h = 0, t = 0;
		for (int dev = 0; dev < 2; dev++) {
			auto it = in[dev].find(c);
			if (it != in[dev].end()) {
				v |= 1u << dev;
				h |= (uint32_t)it->second.head << dev;
				t |= (uint32_t)it->second.tail << dev;
				m->req_data_i[dev] = it->second.data;
			}
			m->rep_credit_i[dev] = went[dev];   // the slot is free again at once
		}
		m->req_valid_i = v;
		m->req_head_i = h;
		m->req_tail_i = t;
		m->eval();
		for (int dev = 0; dev < 2; dev++) {
			went[dev] = (m->rep_valid_o >> dev) & 1;
			if (went[dev])
				got[dev].push_back({c, ((m->rep_head_o >> dev) & 1) != 0,
						    ((m->rep_tail_o >> dev) & 1) != 0, m->rep_data_o[dev]});
			if (went[dev] && ((m->rep_vnet_o >> dev) & 1))
				fail("device %d: a reply on the control network at %" PRIu64, dev, c);
		}
		m->clk_i = 1;
		m->eval();
		m->clk_i = 0;
		m->eval();
	}
	m->final();
	delete m;

	unsigned checks = 0;
	for (int dev = 0; dev < 2; dev++) {
		size_t n = std::max(want[dev].size(), got[dev].size());
		for (size_t i = 0; i < n; i++, checks++) {
			if (i >= got[dev].size() || i >= want[dev].size()) {
				fail("device %d: %zu reply flits, C model %zu", dev, got[dev].size(),
				     want[dev].size());
				break;
			}
			const Flit &g = got[dev][i], &w = want[dev][i];
			if (g.cycle != w.cycle || g.head != w.head || g.tail != w.tail || g.data != w.data) {
				fail("device %d: reply flit %zu: cycle %" PRIu64 " %s%s%08x; C model cycle %" PRIu64 " %s%s%08x",
				     dev, i, g.cycle, g.head ? "head " : "", g.tail ? "tail " : "", g.data,
				     w.cycle, w.head ? "head " : "", w.tail ? "tail " : "", w.data);
				break;
			}
		}
	}
	checks++;
	if (con_got.size() != con_want.size())
		fail("console: %zu writes, C model %zu", con_got.size(), con_want.size());
	for (size_t i = 0; i < con_got.size() && i < con_want.size(); i++, checks++)
		if (con_got[i].cycle != con_want[i].cycle || con_got[i].src != con_want[i].src ||
		    con_got[i].b != con_want[i].b) {
			fail("console write %zu: cycle %" PRIu64 " tile %u '%s'; C model cycle %" PRIu64 " tile %u '%s'",
			     i, con_got[i].cycle, con_got[i].src, con_got[i].b.c_str(), con_want[i].cycle,
			     con_want[i].src, con_want[i].b.c_str());
			break;
		}
	size_t dn;
	const uint8_t *d = dev_host_disk(&dn);
	checks++;
	if (dn != disk1.size() || (dn && std::memcmp(d, disk1.data(), dn)))
		fail("the disk image after the run differs from the C model's");
	if (failures) {
		std::printf("dev FAIL %s: %d differences\n", name, failures);
		return 1;
	}
	std::printf("dev PASS %s: %zu console and %zu block-store requests, %zu + %zu reply flits, "
		    "%zu console writes, %u checks\n", name, reqs[0].size(), reqs[1].size(),
		    got[0].size(), got[1].size(), con_got.size(), checks);
	return 0;
}
