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

// One tile's replay: its inputs by cycle, the Verilated unit, what it did.
class Replay {
public:
	Replay(uint32_t id, const Tile &t, uint32_t nt) : id_(id), T(t), nt_(nt) {}
	unsigned run();

private:
	Cyc &at(uint64_t c) { if (c > end_) end_ = c; return in_[c]; }
	void schedule_op(const Op &o);
	void schedule();
	void reset_and_preload();
	void drive(const Cyc &x, uint64_t c);
	void check_halt(const Cyc &x, uint64_t c);
	void check_start(uint64_t c);
	void collect(const Cyc &x, uint64_t c);
	void check_remains();
	void check_end();

	uint32_t id_;
	const Tile &T;
	uint32_t nt_;
	Vtess_ctl *m_ = nullptr;
	std::map<uint64_t, Cyc> in_;
	uint64_t end_ = 0;
	unsigned checks_ = 0;
	bool active_ = false;     // the stub core: from a start to its halt
	uint64_t since_ = 0;      // the cycle the tile started
	size_t next_start_ = 0;
	uint64_t rise_ = UINT64_MAX;  // the cycle kill_o rose since the start
	bool kill_prev_ = false;
	Cap caps_[32] = {};       // the table as the unit's writes leave it
	std::vector<Msg> sent_;
	Msg cur_{};
	bool in_msg_ = false;
	std::vector<std::pair<uint32_t, uint32_t>> writes_;
};

void tick(Vtess_ctl *m)
{
	m->clk_i = 1;
	m->eval();
	m->clk_i = 0;
	m->eval();
}

// An operation's flits, the last one shown the cycle before its delivery.
void Replay::schedule_op(const Op &o)
{
	std::vector<uint32_t> f = {route(id_, 1),
				   (o.src & 0xfffffu) | (o.tag & 0xffu) << 20 | 1u << 28 |
				   (o.cap && o.kind == 2 ? 1u << 29 : 0) | (o.cap ? 1u << 30 : 0) |
				   (o.src >= 0xffff0000u ? 1u << 31 : 0), 0};
	if (o.cap)
		f.insert(f.end(), {o.lo, o.hi, o.badge});
	f.insert(f.end(), o.w.begin(), o.w.end());
	uint64_t first = o.d - f.size();
	for (size_t i = 0; i < f.size(); i++) {
		Cyc &c = at(first + i);
		if (c.has_flit)
			fail(id_, first + i, "two operations' flits in one cycle (C model deliveries overlap)");
		c.has_flit = true;
		c.flit = {i == 0, i + 1 == f.size(), f[i]};
	}
	at(o.a + 2);
}

void Replay::schedule()
{
	for (const Op &o : T.ops)
		schedule_op(o);
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
	end_ += 20;
}

// Reset; a tile the simulator preloaded gets its supervisor, children and budgets.
void Replay::reset_and_preload()
{
	m_->clk_i = 0;
	m_->rst_ni = 1;           // a falling edge: the reset is asynchronous
	m_->eval();
	m_->rst_ni = 0;
	m_->tile_id_i = id_;
	m_->mem_i = mem_size;
	m_->mesh_w_i = mesh_w;
	m_->tx_ready_i = 1;
	m_->eval();
	m_->rst_ni = 1;
	m_->eval();
	for (size_t i = 0; i < T.starts.size(); i++) {
		const Start &s = T.starts[i];
		if (s.fromop || s.at != 0)
			continue;
		uint64_t ch = 0;
		for (auto &kv : tiles)
			if (kv.second.super == (int64_t)id_ && kv.first < nt_)
				ch |= 1ull << kv.first;
		m_->pre_i = 1;
		m_->pre_super_valid_i = T.super >= 0;
		m_->pre_super_i = T.super >= 0 ? (uint32_t)T.super : 0;
		m_->pre_children_i = ch;
		m_->pre_bound_i = s.bound == mem_size ? 0 : s.bound;
		m_->pre_cycles_i = s.cycles;
		m_->pre_msgs_i = s.msgs;
		m_->now_i = 0;
		m_->eval();
		tick(m_);
		m_->pre_i = 0;
		active_ = true;
		next_start_ = i + 1;
	}
}

void Replay::drive(const Cyc &x, uint64_t c)
{
	m_->now_i = c;
	m_->rx_valid_i = x.has_flit;
	m_->rx_head_i = x.flit.head;
	m_->rx_tail_i = x.flit.tail;
	m_->rx_data_i = x.flit.data;
	m_->notice_i = x.notice;
	m_->notice_src_i = x.notice_src;
	m_->ack_i = x.ack;
	m_->ack_tile_i = x.ack_child;
	m_->start_child_i = x.child;
	m_->start_child_tile_i = x.child_id;
	m_->send_i = x.send;
	m_->core_active_i = active_;
	m_->halt_now_i = x.halt;
	m_->halt_cause_i = x.h.cause;
	m_->halt_pc_i = x.h.pc;
	m_->halt_value_i = x.h.value;
	m_->halt_cycles_i = x.h.cycles;
	m_->eval();
}

// A halt of the C model: KILLED/UNHANDLED_EXIT must be what the unit asks for, with the
// cause, value and the cycle it began asking (the C model's ctl_limit); others not.
void Replay::check_halt(const Cyc &x, uint64_t c)
{
	checks_++;
	bool ctl = x.h.cause == kCauseKilled || x.h.cause == kCauseUnhandled;
	if (!active_)
		fail(id_, c, "C model halts a tile the replay has not started");
	if (ctl && (!m_->kill_o || m_->kill_cause_o != x.h.cause || m_->kill_value_o != x.h.value))
		fail(id_, c, "halt cause %u value %u in the C model; RTL kill_o %d cause %u value %u",
		     x.h.cause, x.h.value, m_->kill_o, m_->kill_cause_o, m_->kill_value_o);
	else if (!ctl && m_->kill_o)
		fail(id_, c, "RTL asks for a halt (cause %u) where the C model halts with cause %u",
		     m_->kill_cause_o, x.h.cause);
	if (!ctl)
		return;
	uint64_t want = UINT64_MAX;
	if (x.h.cause == kCauseKilled) {
		for (const Op &o : T.ops)
			if (o.tag == kTagKill && o.a <= c && o.a >= since_ && o.a < want)
				want = o.a;
	} else {
		for (auto &n : T.notices)
			if (n.second == x.h.value && n.first + kGrace <= c && n.first >= since_)
				want = n.first + kGrace;
	}
	checks_++;
	if (rise_ != want)
		fail(id_, c, "RTL asked for the halt from cycle %" PRIu64 ", C model's limit %" PRIu64,
		     rise_, want);
}

// start_o: the C model starts the tile at the next cycle with these values.
void Replay::check_start(uint64_t c)
{
	checks_++;
	while (next_start_ < T.starts.size() && T.starts[next_start_].at < c + 1)
		next_start_++;
	if (next_start_ >= T.starts.size() || T.starts[next_start_].at != c + 1 ||
	    !T.starts[next_start_].fromop) {
		fail(id_, c, "RTL starts the tile at %" PRIu64 "; the C model does not", c + 1);
		return;
	}
	const Start *s = &T.starts[next_start_++];
	uint32_t a0 = 0;
	for (const Op &o : T.ops)
		if (o.tag == kTagStart && o.a == s->at)
			a0 = o.len > 1 ? o.w[1] : 0;
	for (unsigned i = 0; i < 32; i++)
		if (caps_[i] != s->caps[i])
			fail(id_, c, "start: capability slot %u kind %u [%x, %x] badge %x; C model kind %u "
			     "[%x, %x] badge %x", i, caps_[i].kind, caps_[i].lo, caps_[i].hi, caps_[i].badge,
			     s->caps[i].kind, s->caps[i].lo, s->caps[i].hi, s->caps[i].badge);
	if (m_->start_pc_o != s->pc || m_->start_a0_o != a0 || m_->bound_o != s->bound ||
	    m_->budget_cycles_o != s->cycles || m_->budget_msgs_o != s->msgs)
		fail(id_, c, "start: pc %x a0 %x bound %u cycles %" PRIu64 " msgs %u; C model pc %x a0 "
		     "%x bound %u cycles %" PRIu64 " msgs %u", m_->start_pc_o, m_->start_a0_o,
		     m_->bound_o, (uint64_t)m_->budget_cycles_o, m_->budget_msgs_o, s->pc, a0, s->bound,
		     s->cycles, s->msgs);
}

// The unit's writes: capability table, SRAM, flits into the NI.
void Replay::collect(const Cyc &x, uint64_t c)
{
	if (m_->cap_clr_o)
		for (Cap &k : caps_)
			k = Cap{};
	if (m_->cap_we_o)
		caps_[m_->cap_slot_o & 31] = Cap{m_->cap_kind_o, m_->cap_lo_o, m_->cap_hi_o, m_->cap_badge_o};
	if (m_->mem_we_o) {
		if (active_ && !x.halt)
			fail(id_, c, "CTL_LOAD writes SRAM while the tile runs");
		writes_.push_back({m_->mem_addr_o, m_->mem_wdata_o});
	}
	if (!m_->tx_valid_o)
		return;
	if (m_->tx_head_o) {
		if (in_msg_)
			fail(id_, c, "a head flit inside a message");
		cur_ = Msg{c, {}};
		in_msg_ = true;
	}
	cur_.f.push_back(m_->tx_data_o);
	if (m_->tx_tail_o) {
		sent_.push_back(cur_);
		in_msg_ = false;
	}
}

// The EXIT notices and kills: each message's first flit at the halt cycle plus the flits
// before it, route, header and payload as the C model's.
void Replay::check_remains()
{
	size_t k = 0;
	std::map<uint64_t, uint64_t> next_free;
	for (const Out &o : T.outs) {
		checks_++;
		uint64_t want = next_free.count(o.h) ? next_free[o.h] : o.h;
		next_free[o.h] = want + 3 + o.len;
		if (k >= sent_.size()) {
			fail(id_, o.h, "the C model sends tag %u to %u; the RTL sends nothing", o.tag, o.dst);
			k++;
			continue;
		}
		const Msg &g = sent_[k++];
		bool ok = g.first == want && g.f.size() == 3 + o.len && g.f[0] == route(o.dst, o.cu) &&
			  ((g.f[1] >> 20) & 0xff) == o.tag && (g.f[1] & 0xfffff) == id_ &&
			  ((g.f[1] >> 28) & 1) == o.cu && g.f[2] == 0;
		for (uint32_t i = 0; ok && i < o.len; i++)
			ok = g.f[3 + i] == o.w[i];
		if (ok)
			continue;
		std::string got;
		for (uint32_t v : g.f) {
			char b[12];
			std::snprintf(b, sizeof b, " %x", v);
			got += b;
		}
		fail(id_, g.first, "sent at %" PRIu64 ":%s; C model: at %" PRIu64 " to %u tag %u len %u",
		     g.first, got.c_str(), want, o.dst, o.tag, o.len);
	}
	if (k < sent_.size())
		fail(id_, sent_[k].first, "the RTL sends %zu messages the C model does not", sent_.size() - k);
}

void Replay::check_end()
{
	checks_ += 2;
	if (writes_ != T.loads)
		fail(id_, 0, "CTL_LOAD: %zu words written, C model %zu (or different words)",
		     writes_.size(), T.loads.size());
	if (m_->rejected_o != T.rejected)
		fail(id_, end_, "%u operations refused, C model %" PRIu64, m_->rejected_o, T.rejected);
	for (const Start &s : T.starts) {
		bool seen = !s.fromop || s.at == 0;
		for (const Op &o : T.ops)
			seen |= o.tag == kTagStart && o.a == s.at;
		if (!seen)
			fail(id_, s.at, "C model starts the tile without a START op");
	}
}

// Returns the number of checks made.
unsigned Replay::run()
{
	schedule();
	m_ = new Vtess_ctl;
	reset_and_preload();
	static const Cyc none;
	for (uint64_t c = 0; c <= end_; c++) {
		auto it = in_.find(c);
		const Cyc &x = it == in_.end() ? none : it->second;
		drive(x, c);
		if (m_->kill_o && !kill_prev_ && active_)
			rise_ = c;
		kill_prev_ = m_->kill_o && active_;
		if (x.send && m_->msgs_hit_o)
			fail(id_, c, "msg.send issues in the C model; the RTL says the message budget is used up");
		if (x.halt && x.h.cause == kCauseMsgs && !m_->msgs_hit_o)
			fail(id_, c, "BUDGET_MSGS halt in the C model; the RTL's message budget is not used up");
		if (x.ack) {
			checks_++;
			if ((int32_t)m_->ack_status_o != x.ack_status)
				fail(id_, c, "msg.ack of %u: status %d, C model %d", x.ack_child,
				     (int32_t)m_->ack_status_o, x.ack_status);
		}
		if (x.halt)
			check_halt(x, c);
		if (m_->start_o)
			check_start(c);
		collect(x, c);
		bool starting = m_->start_o;
		tick(m_);
		if (x.halt)
			active_ = false;
		if (starting) {
			active_ = true;
			since_ = c + 1;
			rise_ = UINT64_MAX;
		}
	}
	check_remains();
	check_end();
	m_->final();
	delete m_;
	return checks_;
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
		checks += Replay(kv.first, kv.second, nt).run();
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
