/*
 * The inspector: everything about the selected tile, as lines of text. The tile's own
 * cycle (t->now) may be ahead of the chip's (m->now) when it ran ahead on its own.
 */
#include "view.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "elf_load.h"
#include "noc.h"

typedef struct {
	view *v;
	int x, y, w, bottom;
} panel;

static void line(panel *p, uint32_t col, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (p->y + FONT_H <= p->bottom)
		cv_text(&p->v->cv, p->x, p->y, buf, col);
	p->y += FONT_H + 1;
}

static const uint32_t c_head = 0xffffe080u, c_text = 0xffd8d8d8u, c_dim = 0xff909098u;

static void sym(const tile_t *t, uint32_t pc, char *buf, size_t n)
{
	const elf_symbol *s = t->image ? elf_symbol_at(t->image, pc) : NULL;
	if (s)
		snprintf(buf, n, " <%s+0x%x>", s->name, pc - s->addr);
	else
		buf[0] = 0;
}

void view_tile_summary(const view *v, uint32_t id, char *buf, size_t n)
{
	const tile_t *t = v->m->tiles[id];
	uint32_t w = v->m->cfg.width;
	view_state s = view_tile_state(t);
	int k = snprintf(buf, n, "tile %u (%u,%u) %s", id, id % w, id / w, view_state_name(s));
	if (!t || k < 0 || (size_t)k >= n)
		return;
	if (t->state == TS_HALTED)
		snprintf(buf + k, n - (size_t)k, ": %s (%s) at pc 0x%08x, value 0x%x", isa_cause_name(t->cause),
			 isa_cause_text(t->cause), t->halt_pc, t->halt_value);
	else if (t->state != TS_IDLE)
		snprintf(buf + k, n - (size_t)k, ", pc 0x%08x, cycle %" PRIu64, t->pc, tile_local_cycle(t));
}

static void registers(panel *p, const tile_t *t)
{
	line(p, c_head, "registers");
	for (int r = 0; r < 32; r += 4)
		line(p, c_text, "%-5s%08x %-5s%08x %-5s%08x %-5s%08x", isa_reg_names[r], t->x[r],
		     isa_reg_names[r + 1], t->x[r + 1], isa_reg_names[r + 2], t->x[r + 2],
		     isa_reg_names[r + 3], t->x[r + 3]);
}

static void disassembly(panel *p, const tile_t *t)
{
	uint32_t pc = t->state == TS_HALTED ? t->halt_pc : t->pc;
	char s[96];
	sym(t, pc, s, sizeof s);
	line(p, c_head, "code at 0x%08x%s", pc, s);
	for (int i = -5; i <= 6; i++) {
		int64_t a = (int64_t)pc + 4 * i;
		if (a < 0 || a + 4 > (int64_t)t->mem_size)
			continue;
		uint32_t w;
		memcpy(&w, t->mem + a, 4);
		char d[80];
		isa_disasm(w, (uint32_t)a, d, sizeof d);
		line(p, i ? c_text : 0xff80ff80u, "%s%08x: %08x  %s", i ? "  " : "> ", (uint32_t)a, w, d);
	}
}

static void budgets(panel *p, const tile_t *t)
{
	uint64_t used = t->state == TS_HALTED ? t->halt_cycles : tile_local_cycle(t);
	line(p, c_head, "budgets");
	if (t->budget_cycles)
		line(p, c_text, "cycles  %" PRIu64 " left of %" PRIu64,
		     t->budget_cycles > used ? t->budget_cycles - used : 0, t->budget_cycles);
	else
		line(p, c_text, "cycles  unlimited (%" PRIu64 " used)", used);
	if (t->budget_msgs)
		line(p, c_text, "msgs    %u left of %u", t->budget_msgs > t->msgs_sent ?
		     t->budget_msgs - t->msgs_sent : 0, t->budget_msgs);
	else
		line(p, c_text, "msgs    unlimited (%u sent)", t->msgs_sent);
	line(p, c_text, "bound   0x%x of %u KiB SRAM", t->bound, t->mem_size >> 10);
}

static void statistics(panel *p, const tile_t *t)
{
	line(p, c_head, "statistics");
	line(p, c_text, "%-52s %" PRIu64, "instructions retired", t->instret);
#define STAT(name, desc) \
	if (t->stats.name) \
		line(p, c_text, "%-52.52s %" PRIu64, desc, t->stats.name);
#include "stats.def"
#undef STAT
}

static const char *kind_name(unsigned k)
{
	return k == CAP_KIND_SEND ? "send" : k == CAP_KIND_CONTROL ? "control" : "?";
}

static void endpoint(char *buf, size_t n, uint32_t e)
{
	if (e == DEV_CONSOLE)
		snprintf(buf, n, "console");
	else if (e == DEV_BLOCK)
		snprintf(buf, n, "block");
	else
		snprintf(buf, n, "%u", e);
}

static void capabilities(panel *p, const tile_t *t)
{
	const struct tile_net *tn = t->net;
	line(p, c_head, "capabilities");
	int shown = 0;
	for (int i = 0; i < CAP_SLOTS; i++) {
		const cap_t *c = &tn->caps.slot[i];
		if (c->kind == CAP_KIND_EMPTY)
			continue;
		shown++;
		char lo[16], hi[16];
		endpoint(lo, sizeof lo, c->lo);
		endpoint(hi, sizeof hi, c->hi);
		if (c->lo == c->hi)
			line(p, c_text, "%2d %-7s %-15s badge %u", i, kind_name(c->kind), lo, c->badge);
		else
			line(p, c_text, "%2d %-7s %s..%s badge %u", i, kind_name(c->kind), lo, hi, c->badge);
	}
	if (!shown)
		line(p, c_dim, "none");
}

static void supervision(panel *p, const tile_t *t)
{
	const ctl_unit *cu = &t->net->cu;
	char kids[200] = "";
	size_t k = 0;
	for (uint32_t i = 0; i < cu->nchildren && k + 12 < sizeof kids; i++)
		if (ctl_child_at(&cu->children[i], t->now))
			k += (size_t)snprintf(kids + k, sizeof kids - k, "%s%u", k ? " " : "",
					      cu->children[i].id);
	if (cu->has_super)
		line(p, c_text, "supervisor %u, children: %s", cu->super, k ? kids : "none");
	else
		line(p, c_text, "no supervisor, children: %s", k ? kids : "none");
	if (cu->nacks)
		line(p, c_text, "%u EXIT notice(s) to acknowledge", cu->nacks);
}

static void mailbox_lines(panel *p, const tile_t *t)
{
	const mailbox *mb = &t->net->mb;
	line(p, c_head, "mailbox (control, then data)");
	int shown = 0;
	for (int q = 1; q >= 0; q--)
		for (const msg_t *m = mb->q[q].head; m && shown < 12; m = m->next, shown++) {
			char src[16];
			endpoint(src, sizeof src, m->src);
			line(p, c_text, "%s from %-7s tag %3u len %2u at %" PRIu64 "  %08x %08x",
			     q ? "ctl " : "data", src, m->tag, m->len, m->delivered,
			     m->len > 0 ? m->w[0] : 0, m->len > 1 ? m->w[1] : 0);
		}
	if (!shown)
		line(p, c_dim, "empty");
}

void view_draw_inspector(view *v, int x, int y, int w, int h)
{
	cv_fill(&v->cv, x, y, w, h, rgb(22, 24, 30));
	cv_fill(&v->cv, x, y, 1, h, rgb(80, 80, 90));
	panel p = {v, x + 6, y + 4, w - 8, y + h};
	uint32_t id = (uint32_t)v->sel;
	const tile_t *t = v->m->tiles[id];
	uint32_t mw = v->m->cfg.width;
	view_state st = view_tile_state(t);
	char head[64];
	int n = snprintf(head, sizeof head, "tile %u (%u,%u)  %s", id, id % mw, id / mw,
			 view_state_name(st));
	line(&p, rgb(255, 255, 255), "%s", head);
	cv_fill(&v->cv, p.x + (n + 1) * FONT_W, p.y - FONT_H - 1, 2 * FONT_W, FONT_H - 1,
		view_state_colour(st));
	if (t && t->state == TS_HALTED) {
		line(&p, 0xffff9090u, "%s: %s", isa_cause_name(t->cause), isa_cause_text(t->cause));
		line(&p, 0xffff9090u, "at pc 0x%08x, value 0x%08x, after %" PRIu64 " cycles",
		     t->halt_pc, t->halt_value, t->halt_cycles);
	}
	if (!t) {
		line(&p, c_dim, "never used: no program, no memory allocated");
		return;
	}
	char s[96];
	sym(t, t->pc, s, sizeof s);
	line(&p, c_text, "pc 0x%08x%s", t->pc, s);
	if (t->state == TS_BLOCKED || t->state == TS_WAITING)
		line(&p, c_text, "%s since cycle %" PRIu64 " (local %" PRIu64 "), chip cycle %" PRIu64,
		     view_state_name(st), t->now, tile_local_cycle(t), v->m->now);
	else if (tile_active(t))
		line(&p, c_text, "tile cycle %" PRIu64 " (local %" PRIu64 "), chip cycle %" PRIu64,
		     t->now, tile_local_cycle(t), v->m->now);
	else
		line(&p, c_text, "chip cycle %" PRIu64, v->m->now);
	if (t->image)
		line(&p, c_dim, "%s", t->image->path);
	registers(&p, t);
	disassembly(&p, t);
	budgets(&p, t);
	if (t->net) {
		supervision(&p, t);
		capabilities(&p, t);
		mailbox_lines(&p, t);
	}
	statistics(&p, t);
}
