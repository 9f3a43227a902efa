/* Directives: sections, symbols, data, alignment, constants, .insn. */
#include "asm.h"

#include <elf.h>
#include <string.h>

#define MAXARGS 64

typedef struct {
	asm_state *a;
	const char *p[MAXARGS], *e[MAXARGS];
	int n;
	const char *name;   /* the directive, for messages */
	const char *at;     /* where it starts in the line */
} dctx;

static bool want_args(dctx *c, int lo, int hi)
{
	if (c->n >= lo && c->n <= hi)
		return true;
	asm_error(c->a, c->n ? c->p[0] : c->at, "%s takes %d%s operand%s, found %d",
		  c->name, lo, hi > lo ? " or more" : "", lo == 1 && hi == 1 ? "" : "s", c->n);
	return false;
}

static int symbol_arg(dctx *c, int i)
{
	size_t n = asm_ident_len(c->p[i], c->e[i]);
	if (n == 0 || c->p[i] + n != c->e[i]) {
		asm_error(c->a, c->p[i], "symbol name expected");
		return -1;
	}
	return asm_sym_get(c->a, c->p[i], n);
}

static bool const_arg(dctx *c, int i, int64_t *out)
{
	asm_val v;
	*out = 0;
	if (!asm_expr(c->a, c->p[i], c->e[i], &v))
		return false;
	if (v.sym >= 0 && c->a->pass < 2) {
		int64_t k;
		if (!asm_const(c->a, c->p[i], &v, &k))
			return false;
		*out = k;
		return true;
	}
	return asm_const(c->a, c->p[i], &v, out);
}

static void switch_section(asm_state *a, const char *name, uint32_t type, uint32_t flags)
{
	int s = asm_section_get(a, name, type, flags);
	if (s != a->cur) {
		a->prev = a->cur;
		a->cur = s;
	}
}

/* Default type and flags of a section by its name, as GNU as gives them. */
static void section_defaults(const char *name, uint32_t *type, uint32_t *flags)
{
	*type = SHT_PROGBITS;
	*flags = 0;
	if (!strncmp(name, ".text", 5))
		*flags = SHF_ALLOC | SHF_EXECINSTR;
	else if (!strncmp(name, ".data", 5) || !strncmp(name, ".sdata", 6))
		*flags = SHF_ALLOC | SHF_WRITE;
	else if (!strncmp(name, ".rodata", 7) || !strncmp(name, ".srodata", 8))
		*flags = SHF_ALLOC;
	else if (!strncmp(name, ".bss", 4) || !strncmp(name, ".sbss", 5)) {
		*type = SHT_NOBITS;
		*flags = SHF_ALLOC | SHF_WRITE;
	}
}

static void d_section(dctx *c)
{
	if (!want_args(c, 1, 4))
		return;
	char name[256];
	const char *p = c->p[0], *e = c->e[0];
	if (p < e && *p == '"' && e - p >= 2 && e[-1] == '"')
		p++, e--;
	size_t n = (size_t)(e - p);
	if (n == 0 || n >= sizeof name || memchr(p, 0, n)) {
		asm_error(c->a, c->p[0], "section name expected");
		return;
	}
	memcpy(name, p, n);
	name[n] = 0;
	uint32_t type, flags;
	section_defaults(name, &type, &flags);
	if (c->n >= 2) {
		flags = 0;
		for (const char *q = c->p[1]; q < c->e[1]; q++) {
			if (*q == 'a') flags |= SHF_ALLOC;
			else if (*q == 'w') flags |= SHF_WRITE;
			else if (*q == 'x') flags |= SHF_EXECINSTR;
			else if (*q != '"' && *q != 'M' && *q != 'S' && *q != 'G')
				asm_error(c->a, q, "unknown section flag '%c'", *q);
		}
	}
	if (c->n >= 3) {
		if (c->e[2] - c->p[2] == 7 && !memcmp(c->p[2] + 1, "nobits", 6))
			type = SHT_NOBITS;
		else if (c->e[2] - c->p[2] == 9 && !memcmp(c->p[2] + 1, "progbits", 8))
			type = SHT_PROGBITS;
		else
			asm_error(c->a, c->p[2], "section type @progbits or @nobits expected");
	}
	switch_section(c->a, name, type, flags);
}

static void d_binding(dctx *c, int which)
{
	if (!want_args(c, 1, MAXARGS))
		return;
	for (int i = 0; i < c->n && i < MAXARGS; i++) {
		int s = symbol_arg(c, i);
		if (s < 0)
			continue;
		c->a->syms[s].global = which != 0;
		c->a->syms[s].weak = which == 2;
	}
}

static void data(dctx *c, int size)
{
	asm_state *a = c->a;
	if (!want_args(c, 1, MAXARGS))
		return;
	for (int i = 0; i < c->n && i < MAXARGS; i++) {
		asm_val v;
		if (!asm_expr(a, c->p[i], c->e[i], &v))
			v.v = 0, v.sym = -1;
		int64_t k = v.v;
		if (v.sym >= 0) {
			int sec;
			uint32_t val;
			if (asm_sym_resolved(a, v.sym, &sec, &val) && sec == ASM_SEC_ABS)
				k += (int32_t)val;
			else if (size == 4) {
				asm_add_reloc(a, asm_pc(a), R_RV_32, v.sym, (int32_t)v.v);
				k = 0;
			} else if (a->pass == 2)
				asm_error(a, c->p[i], "an address needs 4 bytes (.word)");
		}
		if (size < 8 && a->pass == 2 &&
		    (k < -(1LL << (size * 8 - 1)) || k >= (1LL << (size * 8))))
			asm_error(a, c->p[i], "value %lld does not fit in %d byte%s",
				  (long long)k, size, size > 1 ? "s" : "");
		uint8_t b[8];
		for (int j = 0; j < size; j++)
			b[j] = (uint8_t)((uint64_t)k >> (8 * j));
		asm_emit(a, b, (uint32_t)size);
	}
}

/* A string literal with C escapes, emitted as it is read. */
static void string_lit(asm_state *a, const char *p, const char *e, bool zero)
{
	if (e - p < 2 || *p != '"' || e[-1] != '"') {
		asm_error(a, p, "string in double quotes expected");
		return;
	}
	for (const char *q = p + 1; q < e - 1; q++) {
		uint8_t ch = (uint8_t)*q;
		if (ch == '\\' && q + 1 < e - 1) {
			char x = *++q;
			if (x >= '0' && x <= '7') {
				int v = 0, k = 0;
				while (k < 3 && q < e - 1 && *q >= '0' && *q <= '7')
					v = v * 8 + (*q++ - '0'), k++;
				q--;
				ch = (uint8_t)v;
			} else if (x == 'x') {
				int v = 0;
				while (q + 1 < e - 1 && strchr("0123456789abcdefABCDEF", q[1]) && q[1])
					q++, v = v * 16 + (*q <= '9' ? *q - '0' : (*q | 32) - 'a' + 10);
				ch = (uint8_t)v;
			} else
				ch = x == 'n' ? '\n' : x == 't' ? '\t' : x == 'r' ? '\r' : x == 'b' ? '\b'
				   : x == 'f' ? '\f' : x == 'v' ? '\v' : x == 'a' ? '\a' : (uint8_t)x;
		}
		asm_emit(a, &ch, 1);
	}
	if (zero)
		asm_emit(a, "", 1);
}

static void strings(dctx *c, bool zero)
{
	if (!want_args(c, 1, MAXARGS))
		return;
	for (int i = 0; i < c->n && i < MAXARGS; i++)
		string_lit(c->a, c->p[i], c->e[i], zero);
}

/* Pads to a multiple of bytes: code with nops (after zero bytes up to a word), data
 * with fill. */
static void align_to(dctx *c, int64_t bytes, bool has_fill, int64_t fill, int64_t max)
{
	asm_state *a = c->a;
	if (bytes <= 0 || (bytes & (bytes - 1)) || bytes > 0x10000) {
		asm_error(a, c->p[0], "alignment must be a power of two up to 65536");
		return;
	}
	asm_section *sec = &a->secs[a->cur];
	if (sec->align < bytes)
		sec->align = (uint32_t)bytes;
	uint32_t pad = (uint32_t)(-(int64_t)sec->size & (bytes - 1));
	if (max > 0 && pad > max)
		return;
	if (has_fill || !(sec->flags & SHF_EXECINSTR)) {
		asm_reserve(a, pad, (uint8_t)fill);
		return;
	}
	asm_pad_code(a, pad);
}

static void d_align(dctx *c, bool power)
{
	int64_t n, fill = 0, max = 0;
	if (!want_args(c, 1, 3) || !const_arg(c, 0, &n))
		return;
	bool has_fill = c->n >= 2 && c->e[1] > c->p[1];
	if (has_fill)
		const_arg(c, 1, &fill);
	if (c->n >= 3)
		const_arg(c, 2, &max);
	if (power && (n < 0 || n > 16)) {
		asm_error(c->a, c->p[0], "alignment exponent %lld out of range 0..16", (long long)n);
		return;
	}
	align_to(c, power ? 1LL << n : n, has_fill, fill, max);
}

static void d_space(dctx *c)
{
	int64_t n, fill = 0;
	if (!want_args(c, 1, 2) || !const_arg(c, 0, &n))
		return;
	if (c->n == 2)
		const_arg(c, 1, &fill);
	if (n < 0 || n > ASM_MAX_SECTION) {
		asm_error(c->a, c->p[0], "size %lld out of range", (long long)n);
		return;
	}
	asm_reserve(c->a, (uint32_t)n, (uint8_t)fill);
}

/* .org: moves forward to an offset in the current section. */
static void d_org(dctx *c)
{
	int64_t n, fill = 0;
	if (!want_args(c, 1, 2) || !const_arg(c, 0, &n))
		return;
	if (c->n == 2)
		const_arg(c, 1, &fill);
	uint32_t pc = asm_pc(c->a);
	if (n < pc || n > ASM_MAX_SECTION) {
		asm_error(c->a, c->p[0], ".org 0x%llx moves backwards or too far (now at 0x%x)",
			  (long long)n, pc);
		return;
	}
	asm_reserve(c->a, (uint32_t)(n - pc), (uint8_t)fill);
}

/* .equ/.set: the symbol takes the value now (later uses see the new one). */
static void d_equ(dctx *c)
{
	if (!want_args(c, 2, 2))
		return;
	int s = symbol_arg(c, 0);
	asm_val v;
	if (s < 0 || !asm_expr(c->a, c->p[1], c->e[1], &v))
		return;
	asm_sym *sym = &c->a->syms[s];
	int sec = ASM_SEC_ABS;
	uint32_t val = (uint32_t)v.v;
	if (v.sym >= 0) {
		uint32_t sv;
		if (!asm_sym_resolved(c->a, v.sym, &sec, &sv)) {
			if (c->a->pass == 2)
				asm_error(c->a, c->p[1], "'%s' is not defined here",
					  c->a->syms[v.sym].name);
			sec = ASM_SEC_ABS, sv = 0;
		}
		val += sv;
	}
	sym->section = sec;
	sym->value = val;
	sym->def_pass = c->a->pass;
}

static void d_type(dctx *c)
{
	if (!want_args(c, 2, 2))
		return;
	int s = symbol_arg(c, 0);
	if (s < 0)
		return;
	const char *t = c->p[1] + 1;
	size_t n = (size_t)(c->e[1] - t);
	if (n == 8 && !memcmp(t, "function", 8))
		c->a->syms[s].type = STT_FUNC;
	else if (n == 6 && !memcmp(t, "object", 6))
		c->a->syms[s].type = STT_OBJECT;
	else if (n == 6 && !memcmp(t, "notype", 6))
		c->a->syms[s].type = STT_NOTYPE;
	else
		asm_error(c->a, c->p[1], "symbol type @function, @object or @notype expected");
}

static void d_size(dctx *c)
{
	int64_t n;
	if (!want_args(c, 2, 2))
		return;
	int s = symbol_arg(c, 0);
	if (s >= 0 && const_arg(c, 1, &n))
		c->a->syms[s].size = (uint32_t)n;
}

/* .insn r OPC, F3, F7, rd, rs1, rs2  and  .insn r4 OPC, F3, F2, rd, rs1, rs2, rs3 */
static void d_insn(dctx *c)
{
	asm_state *a = c->a;
	const char *p = asm_skip_ws(c->p[0], c->e[0]);
	size_t kl = asm_ident_len(p, c->e[0]);
	bool r4 = kl == 2 && !memcmp(p, "r4", 2);
	if (!(r4 || (kl == 1 && *p == 'r'))) {
		asm_error(a, p, ".insn: only the r and r4 forms are supported");
		return;
	}
	c->p[0] = asm_skip_ws(p + kl, c->e[0]);
	if (!want_args(c, r4 ? 7 : 6, r4 ? 7 : 6))
		return asm_emit_word(a, 0);
	static const struct { const char *name; int opc; } names[] = {
		{"LOAD", 0x03}, {"MISC_MEM", 0x0f}, {"OP_IMM", 0x13}, {"AUIPC", 0x17},
		{"STORE", 0x23}, {"OP", 0x33}, {"LUI", 0x37}, {"BRANCH", 0x63}, {"JALR", 0x67},
		{"JAL", 0x6f}, {"SYSTEM", 0x73}, {"CUSTOM_0", 0x0b}, {"CUSTOM_1", 0x2b},
		{"CUSTOM_2", 0x5b}, {"CUSTOM_3", 0x7b}};
	int64_t opc = -1, f3, f7;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if ((size_t)(c->e[0] - c->p[0]) == strlen(names[i].name) &&
		    !memcmp(c->p[0], names[i].name, strlen(names[i].name)))
			opc = names[i].opc;
	if (opc < 0)
		const_arg(c, 0, &opc);
	const_arg(c, 1, &f3);
	const_arg(c, 2, &f7);
	if (a->pass == 2 && (opc < 0 || opc > 127 || (opc & 3) != 3 || f3 < 0 || f3 > 7 ||
			     f7 < 0 || f7 > (r4 ? 3 : 127)))
		asm_error(a, c->p[0], ".insn: opcode, funct3 or funct%d out of range", r4 ? 2 : 7);
	uint32_t w = (uint32_t)(opc & 127) | (uint32_t)(f3 & 7) << 12 |
		     (uint32_t)(f7 & 127) << 25;
	static const int shift[] = {7, 15, 20, 27};
	for (int i = 3; i < c->n; i++) {
		int r = asm_reg(c->p[i], c->e[i]);
		if (r < 0)
			asm_error(a, c->p[i], "register expected");
		else
			w |= (uint32_t)r << shift[i - 3];
	}
	asm_emit_word(a, w);
}

/* .ident "text": a string in .comment, after the NUL that starts that section. */
static void d_ident(dctx *c)
{
	asm_state *a = c->a;
	if (!want_args(c, 1, 1))
		return;
	int keep = a->cur, prev = a->prev;
	a->cur = asm_section_get(a, ".comment", SHT_PROGBITS, SHF_MERGE | SHF_STRINGS);
	if (asm_pc(a) == 0)
		asm_emit(a, "", 1);
	string_lit(a, c->p[0], c->e[0], true);
	a->cur = keep;
	a->prev = prev;
}

static bool ignored(const char *d)
{
	static const char *const names[] = {".file", ".attribute", ".option",
		".addrsig", ".addrsig_sym", ".loc", ".cfi_startproc", ".cfi_endproc",
		".cfi_sections", ".cfi_def_cfa_offset", ".cfi_offset", ".cfi_restore",
		".cfi_def_cfa", ".cfi_remember_state", ".cfi_restore_state", NULL};
	for (int i = 0; names[i]; i++)
		if (!strcmp(d, names[i]))
			return true;
	return false;
}

static void dispatch(dctx *c, const char *d)
{
	asm_state *a = c->a;
#define IS(s) (!strcmp(d, s))
	if (IS(".text") || IS(".data") || IS(".rodata") || IS(".bss")) {
		uint32_t type, flags;
		section_defaults(d, &type, &flags);
		switch_section(a, d, type, flags);
	} else if (IS(".section")) d_section(c);
	else if (IS(".previous")) { int t = a->cur; a->cur = a->prev; a->prev = t; }
	else if (IS(".globl") || IS(".global")) d_binding(c, 1);
	else if (IS(".local")) d_binding(c, 0);
	else if (IS(".weak")) d_binding(c, 2);
	else if (IS(".word") || IS(".4byte") || IS(".long") || IS(".int")) data(c, 4);
	else if (IS(".half") || IS(".2byte") || IS(".short")) data(c, 2);
	else if (IS(".byte")) data(c, 1);
	else if (IS(".dword") || IS(".8byte") || IS(".quad")) data(c, 8);
	else if (IS(".ascii")) strings(c, false);
	else if (IS(".asciz") || IS(".string")) strings(c, true);
	else if (IS(".align") || IS(".p2align")) d_align(c, true);
	else if (IS(".balign")) d_align(c, false);
	else if (IS(".equ") || IS(".set")) d_equ(c);
	else if (IS(".space") || IS(".skip")) d_space(c);
	else if (IS(".zero")) { if (want_args(c, 1, 1)) d_space(c); }
	else if (IS(".org")) d_org(c);
	else if (IS(".ident")) d_ident(c);
	else if (IS(".type")) d_type(c);
	else if (IS(".size")) d_size(c);
	else if (IS(".insn")) { if (want_args(c, 1, 8)) d_insn(c); }
	else if (IS(".end")) a->stop_file = true;
	else if (!ignored(d))
		asm_error(a, c->at, "unknown directive '%s'", d);
#undef IS
}

void asm_directive(asm_state *a, const char *mn, size_t mnlen, const char *ops,
		   const char *end)
{
	char d[32];
	dctx c = {.a = a, .name = mn, .at = mn};
	if (mnlen >= sizeof d) {
		asm_error(a, mn, "unknown directive '%.*s'", (int)mnlen, mn);
		return;
	}
	memcpy(d, mn, mnlen);
	d[mnlen] = 0;
	c.n = asm_split_operands(ops, end, c.p, c.e, MAXARGS);
	if (c.n > MAXARGS) {
		asm_error(a, ops, "too many operands (at most %d)", MAXARGS);
		return;
	}
	c.name = d;
	dispatch(&c, d);
}
