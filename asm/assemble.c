/*
 * The assembler's driver: walks every line of every file once per pass, splitting off
 * comments, labels and statements, and reports errors (in the last pass only, so each
 * is said once) as "file:line:column: error: message" with the line and a caret.
 */
#include "asm.h"

#include <ctype.h>
#include <elf.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SHOWN_ERRORS 200

asm_state *asm_new(FILE *err)
{
	asm_state *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	a->err = err;
	asm_section_get(a, ".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR);
	asm_section_get(a, ".data", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE);
	asm_section_get(a, ".bss", SHT_NOBITS, SHF_ALLOC | SHF_WRITE);
	return a;
}

void asm_free(asm_state *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->nsyms; i++)
		free(a->syms[i].name);
	for (size_t i = 0; i < a->nsecs; i++) {
		free(a->secs[i].name);
		free(a->secs[i].data);
		free(a->secs[i].relocs);
	}
	free(a->syms);
	free(a->hash);
	free(a->secs);
	free(a->local_count);
	free(a->sizes);
	free(a);
}

void asm_error(asm_state *a, const char *at, const char *fmt, ...)
{
	if (a->pass != 2)
		return;
	if (a->errors++ >= MAX_SHOWN_ERRORS || !a->err) {
		if (a->errors == MAX_SHOWN_ERRORS + 1 && a->err)
			fprintf(a->err, "tessera as: too many errors, the rest are not shown\n");
		return;
	}
	const asm_loc *l = &a->loc;
	size_t col = at && at >= l->text && at <= l->text + l->len ? (size_t)(at - l->text) : 0;
	fprintf(a->err, "%s:%d:%zu: error: ", l->file, l->line, col + 1);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(a->err, fmt, ap);
	va_end(ap);
	fprintf(a->err, "\n %.*s\n ", (int)l->len, l->text);
	for (size_t i = 0; i < col; i++)
		fputc(l->text[i] == '\t' ? '\t' : ' ', a->err);
	fprintf(a->err, "^\n");
}

/* End of the statement at p: a '#' comment or ';' outside quotes, or the line's end. */
static const char *statement_end(const char *p, const char *end, bool *more)
{
	*more = false;
	while (p < end) {
		if (*p == '"') {
			for (p++; p < end && *p != '"'; p++)
				if (*p == '\\')
					p++;
			if (p < end)
				p++;
			continue;
		}
		if (*p == '\'') {
			p += p + 1 < end && p[1] == '\\' ? 3 : 2;
			continue;
		}
		if (*p == '#')
			return p;
		if (*p == ';') {
			*more = true;
			return p;
		}
		p++;
	}
	return end;
}

static void local_label(asm_state *a, const char *at, unsigned long n)
{
	if (!a->local_count || n > a->local_max) {
		size_t max = n + 16;
		int *c = calloc(max + 1, sizeof *c);
		if (!c)
			exit(1);
		if (a->local_count)
			memcpy(c, a->local_count, (a->local_max + 1) * sizeof *c);
		free(a->local_count);
		a->local_count = c;
		a->local_max = max;
	}
	char name[48];
	snprintf(name, sizeof name, ".L%lu\002%d", n, ++a->local_count[n]);
	asm_define_label(a, at, asm_sym_get(a, name, strlen(name)));
}

/* Labels at p ("name:", "1:"); returns what follows them. */
static const char *labels(asm_state *a, const char *p, const char *end)
{
	for (;;) {
		p = asm_skip_ws(p, end);
		const char *q = p;
		if (q < end && isdigit((unsigned char)*q)) {
			unsigned long n = 0;
			while (q < end && isdigit((unsigned char)*q) && n < 100000000)
				n = n * 10 + (unsigned long)(*q++ - '0');
			if (q < end && *q == ':' && n <= 1000000) {
				local_label(a, p, n);
				p = q + 1;
				continue;
			}
			return p;
		}
		size_t n = asm_ident_len(p, end);
		if (n == 0 || p + n >= end || p[n] != ':')
			return p;
		asm_define_label(a, p, asm_sym_get(a, p, n));
		p += n + 1;
	}
}

static bool known_pseudo(const char *mn, size_t n)
{
	static const char *const names[] = {"nop", "ret", "unimp", "li", "la", "lla", "mv",
		"not", "neg", "seqz", "snez", "sltz", "sgtz", "sgt", "sgtu", "zext.b", "zext.h",
		"sext.b", "sext.h", "beqz", "bnez", "blez", "bgez", "bltz", "bgtz", "bgt",
		"ble", "bgtu", "bleu", "j", "jr", "call", "tail", NULL};
	for (int i = 0; names[i]; i++)
		if (strlen(names[i]) == n && !memcmp(names[i], mn, n))
			return true;
	return false;
}

static void statement(asm_state *a, const char *p, const char *end)
{
	p = labels(a, p, end);
	p = asm_skip_ws(p, end);
	if (p >= end)
		return;
	size_t n = asm_ident_len(p, end);
	if (n == 0) {
		asm_error(a, p, "instruction, directive or label expected");
		return;
	}
	const char *ops = p + n;
	const char *eq = asm_skip_ws(ops, end);
	if (eq < end && *eq == '=') {            /* sym = expr */
		char buf[512];
		int len = snprintf(buf, sizeof buf, "%.*s,%.*s", (int)n, p,
				   (int)(end - eq - 1), eq + 1);
		if (len < 0 || (size_t)len >= sizeof buf) {
			asm_error(a, p, "line too long");
			return;
		}
		/* the directive reads operands from buf; columns in messages point at p */
		asm_loc saved = a->loc;
		a->loc.text = buf;
		a->loc.len = (size_t)len;
		asm_directive(a, ".set", 4, buf, buf + len);
		a->loc = saved;
		return;
	}
	if (n > 0 && ops < end && !isspace((unsigned char)*ops)) {
		asm_error(a, ops, "unexpected character '%c'", *ops);
		return;
	}
	if (*p == '.') {
		asm_directive(a, p, n, ops, end);
		return;
	}
	if (asm_pseudo(a, p, n, ops, end) || asm_insn(a, p, n, ops, end))
		return;
	if (known_pseudo(p, n))
		asm_error(a, p, "wrong operands for '%.*s'", (int)n, p);
	else
		asm_error(a, p, "unknown instruction '%.*s'", (int)n, p);
}

static void one_line(asm_state *a, const char *p, const char *end)
{
	bool more = true;
	while (more && p <= end) {
		const char *e = statement_end(p, end, &more);
		statement(a, p, e);
		p = e + 1;
	}
}

static void start_pass(asm_state *a, int pass)
{
	a->pass = pass;
	for (size_t i = 0; i < a->nsecs; i++) {
		a->secs[i].size = 0;
		a->secs[i].nrelocs = 0;
	}
	a->cur = a->prev = 0;
	if (a->local_count)
		memset(a->local_count, 0, (a->local_max + 1) * sizeof *a->local_count);
	a->size_pos = 0;
	a->nlabels = 0;
}

static void run_file(asm_state *a, const char *text, size_t len, const char *name)
{
	const char *p = text, *end = text + len;
	a->stop_file = false;
	a->loc.file = name;
	a->loc.line = 0;
	while (p < end && !a->stop_file) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		a->loc.line++;
		a->loc.text = p;
		a->loc.len = (size_t)(le - p);
		if (memchr(p, 0, (size_t)(le - p)))
			asm_error(a, memchr(p, 0, (size_t)(le - p)), "NUL character in the source");
		else
			one_line(a, p, le);
		p = le + 1;
	}
}

int asm_run(asm_state *a, const char *const *texts, const size_t *lens,
	    const char *const *names, int n)
{
	for (int pass = 0; pass < 3; pass++) {
		start_pass(a, pass);
		for (int i = 0; i < n; i++)
			run_file(a, texts[i], lens[i], names[i]);
		asm_pad_sections(a);
	}
	return a->errors;
}
