/*
 * Expressions: numbers, characters, symbols, '.', local labels (1b, 1f), unary - ~ + !,
 * and binary operators with GNU as's precedence (* / % << >> above | & ^ above + -).
 * A value is a constant plus at most one symbol's address; sym - sym of one section
 * folds to a constant once both are known.
 */
#include "asm.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "isa.h"

typedef struct {
	asm_state *a;
	const char *p, *end;
	bool bad;
	int depth;          /* nesting, bounded so no input can exhaust the stack */
} expr_ctx;

static bool parse_binary(expr_ctx *c, int level, asm_val *out);

static void fail(expr_ctx *c, const char *at, const char *msg)
{
	if (!c->bad)
		asm_error(c->a, at, "%s", msg);
	c->bad = true;
}

static void skip(expr_ctx *c) { c->p = asm_skip_ws(c->p, c->end); }

/* Register names without a search: the common ABI names by their first letter. */
int asm_reg(const char *p, const char *end)
{
	size_t n = (size_t)(end - p);
	if (n == 2 || n == 3) {
		unsigned d = (unsigned)(p[1] - '0'), d2 = n == 3 ? (unsigned)(p[2] - '0') : 0;
		bool one = n == 2 && d <= 9, two = n == 3 && d <= 9 && d2 <= 9 && d != 0;
		unsigned v = one ? d : two ? d * 10 + d2 : 99;
		if (p[0] == 'a' && one && v <= 7)
			return 10 + (int)v;
		if (p[0] == 't' && one && v <= 6)
			return v <= 2 ? 5 + (int)v : 25 + (int)v;
		if (p[0] == 's' && v <= 11)
			return v <= 1 ? 8 + (int)v : 16 + (int)v;
		if (p[0] == 'x' && v <= 31)
			return (int)v;
	}
	return isa_reg_number(p, n);
}

/* A reference to the n-th definition of local label num ("1b", "1f"). */
static int local_ref(expr_ctx *c, unsigned long num, bool forward)
{
	asm_state *a = c->a;
	unsigned long k = a->local_count && num <= a->local_max ? (unsigned long)a->local_count[num] : 0;
	if (!forward && k == 0) {
		fail(c, c->p, "backward reference to a local label that is not defined yet");
		return -1;
	}
	char name[48];
	snprintf(name, sizeof name, ".L%lu\002%lu", num, forward ? k + 1 : k);
	return asm_sym_get(a, name, strlen(name));
}

static bool parse_number(expr_ctx *c, asm_val *out)
{
	const char *s = c->p;
	unsigned long long v = 0;
	int base = 10;
	const char *q = s;
	if (q + 1 < c->end && q[0] == '0' && (q[1] == 'x' || q[1] == 'X'))
		base = 16, q += 2;
	else if (q + 2 < c->end && q[0] == '0' && (q[1] == 'b' || q[1] == 'B') &&
		 (q[2] == '0' || q[2] == '1'))
		base = 2, q += 2;
	else if (q[0] == '0' && q + 1 < c->end && isdigit((unsigned char)q[1]))
		base = 8, q++;
	const char *digits = q;
	while (q < c->end) {
		int d = isdigit((unsigned char)*q) ? *q - '0' :
			isxdigit((unsigned char)*q) ? tolower((unsigned char)*q) - 'a' + 10 : 99;
		if (d >= base)
			break;
		if (v > (~0ull >> 4))
			return fail(c, s, "number too large"), false;
		v = v * (unsigned)base + (unsigned)d;
		q++;
	}
	if (base == 10 && q < c->end && (*q == 'b' || *q == 'f') &&
	    (q + 1 == c->end || !asm_is_ident((unsigned char)q[1]))) {
		if (v > 1000000)
			return fail(c, s, "local label number too large"), false;
		c->p = q + 1;
		out->v = 0;
		out->sym = local_ref(c, (unsigned long)v, *q == 'f');
		return out->sym >= 0;
	}
	if (q == digits || (q < c->end && asm_is_ident((unsigned char)*q)))
		return fail(c, s, "malformed number"), false;
	c->p = q;
	out->v = (int64_t)v;
	out->sym = -1;
	return true;
}

static bool parse_char(expr_ctx *c, asm_val *out)
{
	const char *s = c->p++;
	if (c->p >= c->end)
		return fail(c, s, "character constant expected"), false;
	int ch = (unsigned char)*c->p++;
	if (ch == '\\' && c->p < c->end) {
		int e = *c->p++;
		ch = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == '0' ? 0 : e;
	}
	if (c->p < c->end && *c->p == '\'')
		c->p++;
	out->v = ch;
	out->sym = -1;
	return true;
}

/* A symbol's value as an expression term: constants fold, addresses stay symbolic. */
static void symbol_value(asm_state *a, int s, asm_val *out)
{
	int sec;
	uint32_t val;
	out->v = 0;
	out->sym = s;
	if (asm_sym_resolved(a, s, &sec, &val) && sec == ASM_SEC_ABS) {
		out->v = (int32_t)val;
		out->sym = -1;
	}
}

static bool parse_primary_nested(expr_ctx *c, asm_val *out);

static bool parse_primary(expr_ctx *c, asm_val *out)
{
	if (c->depth >= 200)
		return fail(c, c->p, "expression nested too deeply"), false;
	c->depth++;
	bool ok = parse_primary_nested(c, out);
	c->depth--;
	return ok;
}

static bool parse_primary_nested(expr_ctx *c, asm_val *out)
{
	skip(c);
	if (c->p >= c->end)
		return fail(c, c->p, "expression expected"), false;
	char ch = *c->p;
	if (ch == '(') {
		c->p++;
		if (!parse_binary(c, 0, out))
			return false;
		skip(c);
		if (c->p >= c->end || *c->p != ')')
			return fail(c, c->p, "')' expected"), false;
		c->p++;
		return true;
	}
	if (ch == '-' || ch == '~' || ch == '+' || ch == '!') {
		const char *at = c->p++;
		if (!parse_primary(c, out))
			return false;
		if (ch == '+')
			return true;
		if (out->sym >= 0) {
			if (c->a->pass == 2)
				fail(c, at, "operator needs a constant operand");
			out->sym = -1;
		}
		out->v = ch == '-' ? -out->v : ch == '~' ? ~out->v : !out->v;
		return true;
	}
	if (isdigit((unsigned char)ch))
		return parse_number(c, out);
	if (ch == '\'')
		return parse_char(c, out);
	if (ch == '.' && !(c->p + 1 < c->end && asm_is_ident((unsigned char)c->p[1]))) {
		c->p++;
		out->v = asm_pc(c->a);
		out->sym = c->a->secs[c->a->cur].sym;
		return true;
	}
	size_t n = asm_ident_len(c->p, c->end);
	if (n == 0)
		return fail(c, c->p, "expression expected"), false;
	symbol_value(c->a, asm_sym_get(c->a, c->p, n), out);
	c->p += n;
	return true;
}

/* Binary operator at p: its precedence level (1 lowest) and length, or 0. */
static int binop(const char *p, const char *end, int *len)
{
	*len = 1;
	if (p >= end)
		return 0;
	if (p + 1 < end && ((p[0] == '<' && p[1] == '<') || (p[0] == '>' && p[1] == '>'))) {
		*len = 2;
		return 3;
	}
	switch (*p) {
	case '*': case '/': case '%': return 3;
	case '|': case '&': case '^': return 2;
	case '+': case '-': return 1;
	}
	return 0;
}

static bool both_const(expr_ctx *c, const char *at, asm_val *l, const asm_val *r)
{
	if (l->sym < 0 && r->sym < 0)
		return true;
	if (c->a->pass == 2)
		fail(c, at, "operator needs constant operands");
	l->sym = -1;
	return !c->bad;
}

/* l - r where both may be addresses. */
static bool subtract(expr_ctx *c, const char *at, asm_val *l, const asm_val *r)
{
	if (r->sym < 0) {
		l->v -= r->v;
		return true;
	}
	int ls, rs;
	uint32_t lv, rv;
	if (l->sym >= 0 && asm_sym_resolved(c->a, l->sym, &ls, &lv) &&
	    asm_sym_resolved(c->a, r->sym, &rs, &rv) && ls == rs) {
		l->v = l->v + lv - (r->v + rv);
		l->sym = -1;
		return true;
	}
	if (c->a->pass == 2)
		fail(c, at, "difference of symbols that are not in one section");
	l->sym = -1;
	l->v = 0;
	return !c->bad;
}

static bool apply(expr_ctx *c, const char *op, const char *at, asm_val *l, asm_val *r)
{
	if (*op == '+') {
		if (l->sym >= 0 && r->sym >= 0)
			return both_const(c, at, l, r);
		l->v += r->v;
		if (l->sym < 0)
			l->sym = r->sym;
		return true;
	}
	if (*op == '-')
		return subtract(c, at, l, r);
	if (!both_const(c, at, l, r))
		return false;
	int64_t x = l->v, y = r->v;
	switch (*op) {
	case '*': l->v = x * y; break;
	case '/': case '%':
		if (y == 0) {
			if (c->a->pass == 2)
				fail(c, at, "division by zero");
			l->v = 0;
			break;
		}
		l->v = *op == '/' ? x / y : x % y;
		break;
	case '<': l->v = (int64_t)((uint64_t)x << (y & 63)); break;
	case '>': l->v = x >> (y & 63); break;
	case '|': l->v = x | y; break;
	case '&': l->v = x & y; break;
	case '^': l->v = x ^ y; break;
	}
	return !c->bad;
}

static bool parse_binary(expr_ctx *c, int level, asm_val *out)
{
	if (level > 3)
		return parse_primary(c, out);
	if (!parse_binary(c, level + 1, out))
		return false;
	for (;;) {
		skip(c);
		int len, prec = binop(c->p, c->end, &len);
		if (prec != level + 1 || prec == 0)
			return true;
		const char *op = c->p;
		c->p += len;
		asm_val r;
		if (!parse_binary(c, level + 1, &r) || !apply(c, op, op, out, &r))
			return false;
	}
}

bool asm_expr(asm_state *a, const char *p, const char *end, asm_val *out)
{
	expr_ctx c = {a, p, end, false, 0};
	out->v = 0;
	out->sym = -1;
	if (!parse_binary(&c, 0, out))
		return false;
	skip(&c);
	if (c.p < c.end) {
		fail(&c, c.p, "unexpected text after an expression");
		return false;
	}
	return true;
}

bool asm_mod_expr(asm_state *a, const char *p, const char *end, asm_modifier *mod,
		  asm_val *out, const char **rest)
{
	static const struct { const char *name; asm_modifier mod; } mods[] = {
		{"%hi(", MOD_HI}, {"%lo(", MOD_LO}, {"%pcrel_hi(", MOD_PCREL_HI},
		{"%pcrel_lo(", MOD_PCREL_LO},
	};
	p = asm_skip_ws(p, end);
	*mod = MOD_NONE;
	if (p < end && *p == '%') {
		size_t i;
		for (i = 0; i < sizeof mods / sizeof mods[0]; i++) {
			size_t n = strlen(mods[i].name);
			if ((size_t)(end - p) >= n && !memcmp(p, mods[i].name, n))
				break;
		}
		if (i == sizeof mods / sizeof mods[0]) {
			asm_error(a, p, "unknown relocation operator (%%hi, %%lo, %%pcrel_hi, "
				  "%%pcrel_lo are known)");
			return false;
		}
		*mod = mods[i].mod;
		p += strlen(mods[i].name);
		/* find the matching ')' */
		const char *q = p;
		int depth = 1;
		while (q < end && depth > 0) {
			depth += *q == '(' ? 1 : *q == ')' ? -1 : 0;
			q++;
		}
		if (depth != 0) {
			asm_error(a, p, "')' expected");
			return false;
		}
		if (rest)
			*rest = q;
		else if (asm_skip_ws(q, end) != end) {
			asm_error(a, q, "unexpected text after an expression");
			return false;
		}
		return asm_expr(a, p, q - 1, out);
	}
	/* Plain expression up to a '(' that starts a base register, if any. */
	const char *q = end;
	if (rest) {
		const char *lp = memchr(p, '(', (size_t)(end - p));
		while (lp) {
			const char *r = memchr(lp, ')', (size_t)(end - lp));
			if (r && asm_reg(asm_skip_ws(lp + 1, r), asm_trim_end(lp + 1, r)) >= 0 &&
			    asm_skip_ws(r + 1, end) == end) {
				q = lp;
				break;
			}
			lp = memchr(lp + 1, '(', (size_t)(end - lp - 1));
		}
		*rest = q;
	}
	if (rest && q == end && end > p && end[-1] == ')') {
		const char *lp = end - 1;
		while (lp > p && lp[-1] != '(')
			lp--;
		size_t n = asm_ident_len(lp, end - 1);
		if (lp > p && n && lp + n == end - 1) {
			asm_error(a, lp, "'%.*s' is not a register", (int)n, lp);
			return false;
		}
	}
	if (asm_skip_ws(p, q) == q) {     /* "(a0)" alone: offset 0 */
		out->v = 0;
		out->sym = -1;
		return true;
	}
	return asm_expr(a, p, q, out);
}

bool asm_const(asm_state *a, const char *at, const asm_val *v, int64_t *out)
{
	*out = v->v;
	if (v->sym < 0)
		return true;
	int sec;
	uint32_t val;
	if (asm_sym_resolved(a, v->sym, &sec, &val) && sec == ASM_SEC_ABS) {
		*out = v->v + (int32_t)val;
		return true;
	}
	if (a->pass == 2) {
		asm_error(a, at, "constant expected, '%s' is %s", a->syms[v->sym].name,
			  sec == ASM_SEC_UNDEF ? "not defined" : "an address");
		return false;
	}
	return true;
}
