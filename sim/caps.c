/* Capability instructions: read, copy, drop, mint a badge, narrow. Never widen. */
#include "caps.h"

#include "isa.h"

static uint32_t st(int32_t e) { return (uint32_t)e; }

static uint32_t cap_read(const cap_table *ct, isa_op op, uint32_t s)
{
	if (s >= CAP_SLOTS)
		return st(ERR_E_SLOT);
	const cap_t *c = &ct->slot[s];
	switch (op) {
	case OP_CAP_INFO: return c->kind | (uint32_t)(c->kind && c->lo == c->hi) << 4;
	case OP_CAP_LO: return c->kind ? c->lo : 0;
	case OP_CAP_HI: return c->kind ? c->hi : 0;
	default: return c->kind ? c->badge : 0;
	}
}

/* cap.mint: a SEND capability without a badge gets one. */
static uint32_t cap_mint(cap_table *ct, uint32_t sel, uint32_t badge)
{
	const cap_t *src = &ct->slot[sel & 31];
	if (src->kind == CAP_KIND_EMPTY)
		return st(ERR_E_EMPTY);
	if (src->kind != CAP_KIND_SEND)
		return st(ERR_E_KIND);
	if (src->badge != 0)
		return st(ERR_E_BADGED);
	cap_t c = *src;
	c.badge = badge;
	ct->slot[(sel >> 8) & 31] = c;
	return ERR_OK;
}

/* cap.narrow: the new range must lie inside the old one. */
static uint32_t cap_narrow(cap_table *ct, uint32_t sel, uint32_t lo, uint32_t hi)
{
	const cap_t *src = &ct->slot[sel & 31];
	if (src->kind == CAP_KIND_EMPTY)
		return st(ERR_E_EMPTY);
	if (lo > hi || lo < src->lo || hi > src->hi)
		return st(ERR_E_RANGE);
	cap_t c = *src;
	c.lo = lo;
	c.hi = hi;
	ct->slot[(sel >> 8) & 31] = c;
	return ERR_OK;
}

uint32_t caps_exec(cap_table *ct, const dinsn *d, const uint32_t *x)
{
	uint32_t a = x[d->rs1], b = x[d->rs2];
	switch ((isa_op)d->op) {
	case OP_CAP_DROP:
		if (a >= CAP_SLOTS)
			return st(ERR_E_SLOT);
		ct->slot[a] = (cap_t){0};
		return ERR_OK;
	case OP_CAP_COPY:
		if (a >= CAP_SLOTS || b >= CAP_SLOTS)
			return st(ERR_E_SLOT);
		if (ct->slot[a].kind == CAP_KIND_EMPTY)
			return st(ERR_E_EMPTY);
		ct->slot[b] = ct->slot[a];
		return ERR_OK;
	case OP_CAP_MINT:
		return cap_mint(ct, a, b);
	case OP_CAP_NARROW:
		return cap_narrow(ct, a, b, x[d->rs3]);
	default:
		return cap_read(ct, (isa_op)d->op, a);
	}
}

int caps_install(cap_table *ct, const cap_t *c)
{
	for (int i = 0; i < CAP_SLOTS; i++)
		if (ct->slot[i].kind == CAP_KIND_EMPTY) {
			ct->slot[i] = *c;
			return i;
		}
	return -1;
}
