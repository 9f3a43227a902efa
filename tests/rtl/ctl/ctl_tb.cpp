// ctl_tb: rtl/tess_ctl.sv alone, replayed against the C model. Reads the log ctl_rec
// wrote for one `tessera run` (every input and output of every tile's control unit in
// the C model) and, tile by tile, drives one tess_ctl with that tile's inputs (control
// operations as flits ending the cycle before their delivery, EXIT notices, msg.ack,
// CTL_START sends, the core's starts and halts) and compares its outputs with the C
// model's: the START cycle, pc, a0 and budgets; KILLED/UNHANDLED_EXIT (cause, value,
// the cycle the unit asks for it); msg.ack statuses; the EXIT notice and kills it writes
// into the NI (cycle of each first flit, destination, header, payload); the words
// CTL_LOAD writes; the count of refused operations.
//
// usage: ctl_tb LOG [NAME]   prints "ctl PASS NAME: ..." or "ctl FAIL ..." (exit 1)
#include <cinttypes>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "Vtess_ctl.h"
#include "verilated.h"

namespace {

constexpr uint32_t kTagStart = 3, kTagKill = 4;
constexpr uint32_t kCauseMsgs = 8, kCauseKilled = 9, kCauseUnhandled = 10;
constexpr uint64_t kGrace = 10000;   // checked against the package below

struct Op { uint64_t d, a; uint32_t src, tag, len, cap, kind, lo, hi, badge; std::vector<uint32_t> w; };
struct Cap { uint32_t kind, lo, hi, badge; bool operator!=(const Cap &o) const {
	return kind != o.kind || lo != o.lo || hi != o.hi || badge != o.badge; } };
struct Start { uint64_t at; uint32_t pc, bound, msgs; uint64_t cycles; bool fromop; Cap caps[32]; };
struct Halt { uint64_t h; uint32_t cause, pc, value; uint64_t cycles; };
struct Out { uint64_t h; uint32_t dst, tag, len, cu; std::vector<uint32_t> w; };
struct Tile {
	std::vector<Op> ops;
	std::vector<Start> starts;
	std::vector<Halt> halts;
	std::vector<Out> outs;
	std::vector<std::pair<uint64_t, uint32_t>> notices;           // D, child
	std::vector<std::pair<uint64_t, std::pair<uint32_t, int32_t>>> acks;  // c, child, status
	std::vector<std::pair<uint64_t, uint32_t>> childs;            // c, child
	std::vector<uint64_t> sends;                                  // msg.send cycles
	std::vector<std::pair<uint32_t, uint32_t>> loads;             // addr, word
	int64_t super = -2;                                           // -2: not preloaded
	uint64_t rejected = 0;
	bool any = false;
};

std::map<uint32_t, Tile> tiles;
uint32_t mem_size = 65536, mesh_w = 1;

// tess_core's route flit to tile `id`: [29] a control operation, [25:16] row, [9:0] column
uint32_t route(uint32_t id, uint32_t cu)
{
	return cu << 29 | (id / mesh_w) << 16 | id % mesh_w;
}
int failures = 0;
const char *name = "";

void fail(uint32_t t, uint64_t c, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void fail(uint32_t t, uint64_t c, const char *fmt, ...)
{
	if (++failures > 20)
		return;
	va_list ap;
	va_start(ap, fmt);
	std::printf("ctl FAIL %s: tile %u cycle %" PRIu64 ": ", name, t, c);
	std::vprintf(fmt, ap);
	std::printf("\n");
	va_end(ap);
}

std::vector<uint32_t> hexwords(char *p, unsigned n)
{
	std::vector<uint32_t> w;
	for (unsigned i = 0; i < n; i++)
		w.push_back((uint32_t)std::strtoul(p, &p, 16));
	return w;
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
	while (std::fgets(line, sizeof line, f)) {
		ln++;
		char k = line[0];
		char *p = line + 1;
		bool bad = false;
		auto u = [&p, &bad]() {
			char *e;
			unsigned long long v = std::strtoull(p, &e, 10);
			bad |= e == p;
			p = e;
			return v;
		};
		if (k == 'O') {
			Op o{};
			o.d = u(); o.a = u();
			uint32_t t = (uint32_t)u();
			o.src = (uint32_t)u(); o.tag = (uint32_t)u(); o.len = (uint32_t)u();
			o.cap = (uint32_t)u(); o.kind = (uint32_t)u(); o.lo = (uint32_t)u();
			o.hi = (uint32_t)u(); o.badge = (uint32_t)u();
			o.w = hexwords(p, o.len);
			tiles[t].ops.push_back(o);
			tiles[t].any = true;
		} else if (k == 'S') {
			Start s{};
			s.at = u();
			uint32_t t = (uint32_t)u();
			s.pc = (uint32_t)u(); s.bound = (uint32_t)u(); s.cycles = u();
			s.msgs = (uint32_t)u(); s.fromop = u() != 0;
			for (unsigned n = (unsigned)u(); n > 0; n--) {
				uint32_t slot = (uint32_t)u() & 31;
				s.caps[slot].kind = (uint32_t)u(); s.caps[slot].lo = (uint32_t)u();
				s.caps[slot].hi = (uint32_t)u(); s.caps[slot].badge = (uint32_t)u();
			}
			tiles[t].starts.push_back(s);
		} else if (k == 'P') {
			uint32_t t = (uint32_t)u();
			tiles[t].super = std::strtoll(p, &p, 10);
		} else if (k == 'N') {
			uint64_t d = u();
			uint32_t t = (uint32_t)u();
			tiles[t].notices.push_back({d, (uint32_t)u()});
			tiles[t].any = true;
		} else if (k == 'K') {
			uint64_t c = u();
			uint32_t t = (uint32_t)u(), ch = (uint32_t)u();
			int32_t st = (int32_t)std::strtol(p, &p, 10);
			tiles[t].acks.push_back({c, {ch, st}});
			tiles[t].any = true;
		} else if (k == 'C') {
			uint64_t c = u();
			uint32_t t = (uint32_t)u();
			tiles[t].childs.push_back({c, (uint32_t)u()});
			tiles[t].any = true;
		} else if (k == 'H') {
			Halt h{};
			h.h = u();
			uint32_t t = (uint32_t)u();
			h.cause = (uint32_t)u(); h.pc = (uint32_t)u(); h.value = (uint32_t)u(); h.cycles = u();
			tiles[t].halts.push_back(h);
		} else if (k == 'W') {
			Out o{};
			o.h = u();
			uint32_t t = (uint32_t)u();
			o.dst = (uint32_t)u(); o.tag = (uint32_t)u(); o.len = (uint32_t)u(); o.cu = (uint32_t)u();
			o.w = hexwords(p, o.len);
			tiles[t].outs.push_back(o);
			tiles[t].any = true;
		} else if (k == 'L') {
			uint32_t t = (uint32_t)u(), addr = (uint32_t)u(), n = (uint32_t)u();
			std::vector<uint32_t> w = hexwords(p, n);
			for (uint32_t i = 0; i < n; i++)
				tiles[t].loads.push_back({addr + 4 * i, w[i]});
		} else if (k == 'X') {
			uint64_t c = u();
			tiles[(uint32_t)u()].sends.push_back(c);
		} else if (k == 'R') {
			uint32_t t = (uint32_t)u();
			tiles[t].rejected = u();
			if (tiles[t].rejected)
				tiles[t].any = true;
		} else if (k == 'M') {
			mem_size = (uint32_t)u();
			mesh_w = (uint32_t)u();
			(void)u();
		} else if (k == 'D' || k == 'Y' || k == 'Z') {
			continue;                 /* the devices' records (dev_tb) */
		} else {
			std::fprintf(stderr, "%s:%u: unknown record\n", path, ln);
			std::fclose(f);
			return false;
		}
		if (bad) {
			std::fprintf(stderr, "%s:%u: malformed record\n", path, ln);
			std::fclose(f);
			return false;
		}
	}
	std::fclose(f);
	return true;
}

// Inputs of one cycle.
struct Flit { bool head, tail; uint32_t data; };
struct Cyc {
	bool has_flit = false;
	Flit flit{};
	bool notice = false; uint32_t notice_src = 0;
	bool ack = false; uint32_t ack_child = 0; int32_t ack_status = 0;
	bool child = false; uint32_t child_id = 0;
	bool halt = false; Halt h{};
	bool send = false;
};

struct Msg { uint64_t first; std::vector<uint32_t> f; };

void tick(Vtess_ctl *m)
{
	m->clk_i = 1;
	m->eval();
	m->clk_i = 0;
	m->eval();
}

// Replays tile t; returns the number of checks made.
unsigned replay(uint32_t id, const Tile &T, uint32_t nt)
{
	unsigned checks = 0;
	std::map<uint64_t, Cyc> in;
	uint64_t end = 0;
	auto at = [&](uint64_t c) -> Cyc & { if (c > end) end = c; return in[c]; };
	for (const Op &o : T.ops) {
		std::vector<uint32_t> f;
		f.push_back(route(id, 1));
		uint32_t hdr = (o.src & 0xfffffu) | (o.tag & 0xffu) << 20 | 1u << 28 |
			       (o.cap && o.kind == 2 ? 1u << 29 : 0) | (o.cap ? 1u << 30 : 0) |
			       (o.src >= 0xffff0000u ? 1u << 31 : 0);
		f.push_back(hdr);
		f.push_back(0);
		if (o.cap) {
			f.push_back(o.lo);
			f.push_back(o.hi);
			f.push_back(o.badge);
		}
		for (uint32_t w : o.w)
			f.push_back(w);
		uint64_t first = o.d - f.size();
		for (size_t i = 0; i < f.size(); i++) {
			Cyc &c = at(first + i);
			if (c.has_flit)
				fail(id, first + i, "two operations' flits in one cycle (C model deliveries overlap)");
			c.has_flit = true;
			c.flit = {i == 0, i + 1 == f.size(), f[i]};
		}
		at(o.a + 2);
	}
	for (auto &n : T.notices) {
		Cyc &c = at(n.first);
		c.notice = true;
		c.notice_src = n.second;
	}
	for (auto &k : T.acks) {
		Cyc &c = at(k.first);
		c.ack = true;
		c.ack_child = k.second.first;
		c.ack_status = k.second.second;
	}
	for (auto &k : T.childs) {
		Cyc &c = at(k.first);
		c.child = true;
		c.child_id = k.second;
	}
	for (const Halt &h : T.halts) {
		Cyc &c = at(h.h);
		c.halt = true;
		c.h = h;
	}
	for (uint64_t c : T.sends)
		at(c).send = true;
	for (const Out &o : T.outs)
		at(o.h + 200);
	for (const Start &s : T.starts)
		at(s.at + 1);
	end += 20;

	Vtess_ctl *m = new Vtess_ctl;
	m->clk_i = 0;
	m->rst_ni = 1;            // a falling edge: the reset is asynchronous
	m->eval();
	m->rst_ni = 0;
	m->tile_id_i = id;
	m->mem_i = mem_size;
	m->mesh_w_i = mesh_w;
	m->tx_ready_i = 1;
	m->eval();
	m->rst_ni = 1;
	m->eval();
	bool active = false;
	uint64_t since = 0;       // the cycle the tile started
	size_t next_start = 0;
	// preload
	for (size_t i = 0; i < T.starts.size(); i++)
		if (!T.starts[i].fromop && T.starts[i].at == 0) {
			const Start &s = T.starts[i];
			m->pre_i = 1;
			m->pre_super_valid_i = T.super >= 0;
			m->pre_super_i = T.super >= 0 ? (uint32_t)T.super : 0;
			uint64_t ch = 0;
			for (auto &kv : tiles)
				if (kv.second.super == (int64_t)id && kv.first < nt)
					ch |= 1ull << kv.first;
			m->pre_children_i = ch;
			m->pre_bound_i = s.bound == mem_size ? 0 : s.bound;
			m->pre_cycles_i = s.cycles;
			m->pre_msgs_i = s.msgs;
			m->now_i = 0;
			m->eval();
			tick(m);
			m->pre_i = 0;
			active = true;
			next_start = i + 1;
		}
	std::vector<Msg> sent;
	Msg cur{};
	bool in_msg = false;
	std::vector<std::pair<uint32_t, uint32_t>> writes;
	uint64_t rise = UINT64_MAX;
	bool kill_prev = false;
	Cap caps[32] = {};        // the table as the unit's writes leave it
	for (uint64_t c = 0; c <= end; c++) {
		auto it = in.find(c);
		static const Cyc none;
		const Cyc &x = it == in.end() ? none : it->second;
		m->now_i = c;
		m->rx_valid_i = x.has_flit;
		m->rx_head_i = x.flit.head;
		m->rx_tail_i = x.flit.tail;
		m->rx_data_i = x.flit.data;
		m->notice_i = x.notice;
		m->notice_src_i = x.notice_src;
		m->ack_i = x.ack;
		m->ack_tile_i = x.ack_child;
		m->start_child_i = x.child;
		m->start_child_tile_i = x.child_id;
		m->send_i = x.send;
		m->core_active_i = active;
		m->halt_now_i = x.halt;
		m->halt_cause_i = x.h.cause;
		m->halt_pc_i = x.h.pc;
		m->halt_value_i = x.h.value;
		m->halt_cycles_i = x.h.cycles;
		m->eval();
		// outputs of this cycle
		if (m->kill_o && !kill_prev && active)
			rise = c;
		kill_prev = m->kill_o && active;
		if (x.send && m->msgs_hit_o)
			fail(id, c, "msg.send issues in the C model; the RTL says the message budget is used up");
		if (x.halt && x.h.cause == kCauseMsgs && !m->msgs_hit_o)
			fail(id, c, "BUDGET_MSGS halt in the C model; the RTL's message budget is not used up");
		if (x.ack) {
			checks++;
			if ((int32_t)m->ack_status_o != x.ack_status)
				fail(id, c, "msg.ack of %u: status %d, C model %d", x.ack_child,
				     (int32_t)m->ack_status_o, x.ack_status);
		}
		if (x.halt) {
			checks++;
			bool ctl = x.h.cause == kCauseKilled || x.h.cause == kCauseUnhandled;
			if (!active)
				fail(id, c, "C model halts a tile the replay has not started");
			if (ctl && (!m->kill_o || m->kill_cause_o != x.h.cause || m->kill_value_o != x.h.value))
				fail(id, c, "halt cause %u value %u in the C model; RTL kill_o %d cause %u value %u",
				     x.h.cause, x.h.value, m->kill_o, m->kill_cause_o, m->kill_value_o);
			else if (!ctl && m->kill_o)
				fail(id, c, "RTL asks for a halt (cause %u) where the C model halts with cause %u",
				     m->kill_cause_o, x.h.cause);
			if (ctl) {
				// the cycle the unit asked for the halt: the kill's apply cycle, or the
				// deadline of the notice not acknowledged (C model: ctl_limit)
				uint64_t want = UINT64_MAX;
				if (x.h.cause == kCauseKilled) {
					for (const Op &o : T.ops)
						if (o.tag == kTagKill && o.a <= c && o.a >= since && o.a < want)
							want = o.a;
				} else {
					for (auto &n : T.notices)
						if (n.second == x.h.value && n.first + kGrace <= c && n.first >= since)
							want = n.first + kGrace;
				}
				checks++;
				if (rise != want)
					fail(id, c, "RTL asked for the halt from cycle %" PRIu64 ", C model's limit %" PRIu64,
					     rise, want);
			}
		}
		if (m->start_o) {
			checks++;
			const Start *s = nullptr;
			while (next_start < T.starts.size() && T.starts[next_start].at < c + 1)
				next_start++;
			if (next_start < T.starts.size() && T.starts[next_start].at == c + 1 &&
			    T.starts[next_start].fromop)
				s = &T.starts[next_start++];
			if (!s) {
				fail(id, c, "RTL starts the tile at %" PRIu64 "; the C model does not", c + 1);
			} else {
				uint32_t a0 = 0;
				for (const Op &o : T.ops)
					if (o.tag == kTagStart && o.a == s->at)
						a0 = o.len > 1 ? o.w[1] : 0;
				for (unsigned i = 0; i < 32; i++)
					if (caps[i] != s->caps[i])
						fail(id, c, "start: capability slot %u kind %u [%x, %x] badge %x; C model kind %u [%x, %x] badge %x",
						     i, caps[i].kind, caps[i].lo, caps[i].hi, caps[i].badge, s->caps[i].kind,
						     s->caps[i].lo, s->caps[i].hi, s->caps[i].badge);
				if (m->start_pc_o != s->pc || m->start_a0_o != a0 || m->bound_o != s->bound ||
				    m->budget_cycles_o != s->cycles || m->budget_msgs_o != s->msgs)
					fail(id, c, "start: pc %x a0 %x bound %u cycles %" PRIu64 " msgs %u; C model pc %x a0 %x bound %u cycles %" PRIu64 " msgs %u",
					     m->start_pc_o, m->start_a0_o, m->bound_o, (uint64_t)m->budget_cycles_o,
					     m->budget_msgs_o, s->pc, a0, s->bound, s->cycles, s->msgs);
			}
		}
		if (m->cap_clr_o)
			for (Cap &k : caps)
				k = Cap{};
		if (m->cap_we_o)
			caps[m->cap_slot_o & 31] = Cap{m->cap_kind_o, m->cap_lo_o, m->cap_hi_o, m->cap_badge_o};
		if (m->mem_we_o) {
			if (active && !x.halt)
				fail(id, c, "CTL_LOAD writes SRAM while the tile runs");
			writes.push_back({m->mem_addr_o, m->mem_wdata_o});
		}
		if (m->tx_valid_o) {
			if (m->tx_head_o) {
				if (in_msg)
					fail(id, c, "a head flit inside a message");
				cur = Msg{c, {}};
				in_msg = true;
			}
			cur.f.push_back(m->tx_data_o);
			if (m->tx_tail_o) {
				sent.push_back(cur);
				in_msg = false;
			}
		}
		// the stub core: running from a START's apply cycle to its halt
		bool starting = m->start_o;
		tick(m);
		if (x.halt)
			active = false;
		if (starting) {
			active = true;
			since = c + 1;
			rise = UINT64_MAX;
		}
	}
	// the remains of every halt
	size_t k = 0;
	std::map<uint64_t, uint64_t> next_free;
	for (const Out &o : T.outs) {
		checks++;
		uint64_t want = next_free.count(o.h) ? next_free[o.h] : o.h;
		next_free[o.h] = want + 3 + o.len;
		if (k >= sent.size()) {
			fail(id, o.h, "the C model sends tag %u to %u; the RTL sends nothing", o.tag, o.dst);
			k++;
			continue;
		}
		const Msg &g = sent[k++];
		bool ok = g.first == want && g.f.size() == 3 + o.len && g.f[0] == route(o.dst, o.cu) &&
			  ((g.f[1] >> 20) & 0xff) == o.tag && (g.f[1] & 0xfffff) == id &&
			  ((g.f[1] >> 28) & 1) == o.cu && g.f[2] == 0;
		for (uint32_t i = 0; ok && i < o.len; i++)
			ok = g.f[3 + i] == o.w[i];
		if (!ok) {
			std::string got;
			for (uint32_t v : g.f) {
				char b[12];
				std::snprintf(b, sizeof b, " %x", v);
				got += b;
			}
			fail(id, g.first, "sent at %" PRIu64 ":%s; C model: at %" PRIu64 " to %u tag %u len %u",
			     g.first, got.c_str(), want, o.dst, o.tag, o.len);
		}
	}
	if (k < sent.size())
		fail(id, sent[k].first, "the RTL sends %zu messages the C model does not", sent.size() - k);
	checks++;
	if (writes != T.loads)
		fail(id, 0, "CTL_LOAD: %zu words written, C model %zu (or different words)",
		     writes.size(), T.loads.size());
	checks++;
	if (m->rejected_o != T.rejected)
		fail(id, end, "%u operations refused, C model %" PRIu64, m->rejected_o, T.rejected);
	for (const Start &s : T.starts)
		if (s.fromop && s.at > 0) {
			bool seen = false;
			for (const Op &o : T.ops)
				seen |= o.tag == kTagStart && o.a == s.at;
			if (!seen)
				fail(id, s.at, "C model starts the tile without a START op");
		}
	m->final();
	delete m;
	return checks;
}

}  // namespace

int main(int argc, char **argv)
{
	Verilated::commandArgs(argc, argv);
	if (argc < 2) {
		std::fprintf(stderr, "usage: ctl_tb LOG [NAME]\n");
		return 2;
	}
	name = argc > 2 ? argv[2] : argv[1];
	if (!parse(argv[1]))
		return 2;
	const uint32_t nt = 64;   // -GNT of the Verilated model
	unsigned ntiles = 0, checks = 0, ops = 0, halts = 0;
	for (auto &kv : tiles) {
		if (!kv.second.any && kv.second.halts.empty())
			continue;
		if (kv.first >= nt) {
			std::printf("ctl FAIL %s: tile %u beyond the model's %u tiles\n", name, kv.first, nt);
			return 1;
		}
		checks += replay(kv.first, kv.second, nt);
		ntiles++;
		ops += (unsigned)kv.second.ops.size();
		halts += (unsigned)kv.second.halts.size();
	}
	if (ntiles == 0) {
		std::printf("ctl FAIL %s: no control unit did anything in this run\n", name);
		return 1;
	}
	if (failures) {
		std::printf("ctl FAIL %s: %d differences\n", name, failures);
		return 1;
	}
	std::printf("ctl PASS %s: %u tiles, %u operations, %u halts, %u checks\n", name, ntiles, ops,
		    halts, checks);
	return 0;
}
