/* VCD reader (waves/vcd.h). */
#include "vcd.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VCD_MAX_DEPTH 64

typedef struct {
	FILE *f;
	const char *path;
	unsigned line, tok_line;  /* current line, line of the last token */
	char *err;
	size_t errlen;
	vcd_file *v;
	char *scope[VCD_MAX_DEPTH];
	int depth;
	uint64_t now;
	size_t *hash;             /* wave index + 1 per slot, 0 empty; hcap a power of 2 */
	size_t hcap;
} vcd_reader;

static bool vcd_error(vcd_reader *r, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(r->err, r->errlen, "%s:%u: ", r->path, r->tok_line);
	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < r->errlen)
		vsnprintf(r->err + n, r->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return false;
}

static void *vcd_grow(void *p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return p;
	size_t c = *cap ? *cap * 2 : 64;
	while (c < need)
		c *= 2;
	void *q = realloc(p, c * elem);
	if (!q) {
		fprintf(stderr, "wavecmp: out of memory\n");
		exit(2);
	}
	*cap = c;
	return q;
}

/* Next whitespace-separated token into buf; false at end of file. */
static bool vcd_token(vcd_reader *r, char *buf, size_t size)
{
	int c;
	size_t n = 0;
	while ((c = getc(r->f)) != EOF && isspace(c))
		if (c == '\n')
			r->line++;
	if (c == EOF)
		return false;
	r->tok_line = r->line;
	do {
		if (n + 1 < size)
			buf[n++] = (char)c;
	} while ((c = getc(r->f)) != EOF && !isspace(c));
	if (c == '\n')
		r->line++;
	buf[n] = 0;
	return true;
}

static bool vcd_skip_to_end(vcd_reader *r)
{
	char tok[256];
	while (vcd_token(r, tok, sizeof tok))
		if (!strcmp(tok, "$end"))
			return true;
	return vcd_error(r, "missing $end");
}

static size_t vcd_hash_str(const char *s)
{
	size_t h = 5381;
	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static void vcd_hash_put(vcd_reader *r, size_t wave)
{
	if ((r->v->nwaves + 1) * 2 > r->hcap) {      /* keep it at most half full */
		free(r->hash);
		r->hcap = r->hcap ? r->hcap * 2 : 256;
		r->hash = calloc(r->hcap, sizeof *r->hash);
		if (!r->hash) {
			fprintf(stderr, "wavecmp: out of memory\n");
			exit(2);
		}
		for (size_t i = 0; i < r->v->nwaves; i++)
			if (i != wave)
				vcd_hash_put(r, i);
	}
	size_t k = vcd_hash_str(r->v->waves[wave].code) & (r->hcap - 1);
	while (r->hash[k])
		k = (k + 1) & (r->hcap - 1);
	r->hash[k] = wave + 1;
}

static size_t vcd_wave_of(vcd_reader *r, const char *code, bool create)
{
	vcd_file *v = r->v;
	if (r->hcap)
		for (size_t k = vcd_hash_str(code) & (r->hcap - 1); r->hash[k]; k = (k + 1) & (r->hcap - 1))
			if (!strcmp(v->waves[r->hash[k] - 1].code, code))
				return r->hash[k] - 1;
	if (!create)
		return (size_t)-1;
	v->waves = vcd_grow(v->waves, &v->capwaves, v->nwaves + 1, sizeof *v->waves);
	v->waves[v->nwaves] = (vcd_wave){strdup(code), NULL, 0, 0};
	vcd_hash_put(r, v->nwaves);
	return v->nwaves++;
}

static bool vcd_var_decl(vcd_reader *r)
{
	char type[64], width[32], code[64], ref[256], tok[256];
	if (!vcd_token(r, type, sizeof type) || !vcd_token(r, width, sizeof width) ||
	    !vcd_token(r, code, sizeof code) || !vcd_token(r, ref, sizeof ref))
		return vcd_error(r, "truncated $var");
	char name[1024];
	int n = 0;
	for (int i = 0; i < r->depth; i++)
		n += snprintf(name + n, sizeof name - (size_t)n, "%s.", r->scope[i]);
	snprintf(name + n, sizeof name - (size_t)n, "%s", ref);
	while (vcd_token(r, tok, sizeof tok) && strcmp(tok, "$end"))
		if (tok[0] == '[' && !strchr(tok, ':'))   /* a bit of a split vector */
			strncat(name, tok, sizeof name - strlen(name) - 1);
	vcd_file *v = r->v;
	v->vars = vcd_grow(v->vars, &v->capvars, v->nvars + 1, sizeof *v->vars);
	v->vars[v->nvars++] = (vcd_var){strdup(name), vcd_wave_of(r, code, true)};
	return true;
}

static bool vcd_header_cmd(vcd_reader *r, const char *tok, bool *done)
{
	char name[256];
	if (!strcmp(tok, "$scope")) {
		if (!vcd_token(r, name, sizeof name) || !vcd_token(r, name, sizeof name))
			return vcd_error(r, "truncated $scope");
		if (r->depth == VCD_MAX_DEPTH)
			return vcd_error(r, "scopes nested deeper than %d", VCD_MAX_DEPTH);
		r->scope[r->depth++] = strdup(name);
		return vcd_skip_to_end(r);
	}
	if (!strcmp(tok, "$upscope")) {
		if (r->depth == 0)
			return vcd_error(r, "$upscope without $scope");
		free(r->scope[--r->depth]);
		return vcd_skip_to_end(r);
	}
	if (!strcmp(tok, "$var"))
		return vcd_var_decl(r);
	if (!strcmp(tok, "$enddefinitions"))
		*done = true;
	if (tok[0] == '$')
		return vcd_skip_to_end(r);
	return vcd_error(r, "unexpected '%s' in the header", tok);
}

/* Values compare by meaning: b0011 == b11 == 1 (scalar). */
static const char *vcd_norm(vcd_file *v, const char *s)
{
	if (s[0] == 'b' || s[0] == 'B') {
		s++;
		while (s[0] == '0' && s[1])
			s++;
	}
	char *c = strdup(s);
	for (char *p = c; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	v->strings = vcd_grow(v->strings, &v->capstrings, v->nstrings + 1, sizeof *v->strings);
	v->strings[v->nstrings++] = c;
	return c;
}

static bool vcd_change_add(vcd_reader *r, const char *code, const char *value)
{
	size_t w = vcd_wave_of(r, code, false);
	if (w == (size_t)-1)
		return vcd_error(r, "value change for undeclared code '%s'", code);
	vcd_wave *wv = &r->v->waves[w];
	wv->changes = vcd_grow(wv->changes, &wv->cap, wv->n + 1, sizeof *wv->changes);
	wv->changes[wv->n++] = (vcd_change){r->now, vcd_norm(r->v, value)};
	return true;
}

static bool vcd_body_token(vcd_reader *r, char *tok)
{
	char code[256];
	if (tok[0] == '#') {
		char *end;
		unsigned long long t = strtoull(tok + 1, &end, 10);
		if (*end || end == tok + 1 || t < r->now)
			return vcd_error(r, "bad time '%s'", tok);
		r->now = t;
		return true;
	}
	if (tok[0] == '$')
		return true;                /* $dumpvars, $end, ... group changes only */
	if (strchr("bBrR", tok[0])) {
		if (!vcd_token(r, code, sizeof code))
			return vcd_error(r, "value without identifier");
		return vcd_change_add(r, code, tok);
	}
	if (strchr("01xXzZ", tok[0]) && tok[1]) {
		char v[2] = {tok[0], 0};
		return vcd_change_add(r, tok + 1, v);
	}
	return vcd_error(r, "unexpected '%s'", tok);
}

static int vcd_var_cmp(const void *a, const void *b)
{
	return strcmp(((const vcd_var *)a)->name, ((const vcd_var *)b)->name);
}

static bool vcd_parse(vcd_reader *r)
{
	char tok[4096];
	bool done = false;
	while (!done) {
		if (!vcd_token(r, tok, sizeof tok))
			return vcd_error(r, "no $enddefinitions");
		if (!vcd_header_cmd(r, tok, &done))
			return false;
	}
	while (vcd_token(r, tok, sizeof tok))
		if (!vcd_body_token(r, tok))
			return false;
	qsort(r->v->vars, r->v->nvars, sizeof *r->v->vars, vcd_var_cmp);
	return true;
}

vcd_file *vcd_load(const char *path, char *err, size_t errlen)
{
	vcd_reader r = {.path = path, .line = 1, .err = err, .errlen = errlen};
	if (!(r.f = fopen(path, "r"))) {
		snprintf(err, errlen, "%s: cannot open", path);
		return NULL;
	}
	r.v = calloc(1, sizeof *r.v);
	bool ok = r.v && vcd_parse(&r);
	fclose(r.f);
	while (r.depth > 0)
		free(r.scope[--r.depth]);
	free(r.hash);
	if (!ok) {
		vcd_free(r.v);
		return NULL;
	}
	return r.v;
}

void vcd_free(vcd_file *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->nvars; i++)
		free(v->vars[i].name);
	for (size_t i = 0; i < v->nwaves; i++) {
		free(v->waves[i].code);
		free(v->waves[i].changes);
	}
	for (size_t i = 0; i < v->nstrings; i++)
		free(v->strings[i]);
	free(v->vars);
	free(v->waves);
	free(v->strings);
	free(v);
}

const vcd_var *vcd_find(const vcd_file *v, const char *name)
{
	vcd_var key = {(char *)name, 0};
	return bsearch(&key, v->vars, v->nvars, sizeof *v->vars, vcd_var_cmp);
}
