/* Manifest files: placing programs with budgets, supervisors and control rights. */
#include "manifest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tilespec.h"

typedef struct {
	const char *file;
	int line;
	uint32_t ntiles;
	char *err;
	size_t errlen;
} mf_ctx;

static bool mf_bad(const mf_ctx *c, const char *what, const char *arg)
{
	snprintf(c->err, c->errlen, "%s:%d: %s '%s'", c->file, c->line, what, arg);
	return false;
}

static bool parse_ctl(const mf_ctx *c, const char *v, manifest_entry *e)
{
	uint64_t lo, hi;
	const char *dash = strchr(v, '-');
	if (!strcmp(v, "all")) {
		lo = 0;
		hi = c->ntiles - 1;
	} else if (dash) {
		char a[32];
		size_t k = (size_t)(dash - v);
		if (k >= sizeof a)
			return mf_bad(c, "bad control range", v);
		memcpy(a, v, k);
		a[k] = 0;
		if (!parse_u64(a, false, &lo) || !parse_u64(dash + 1, false, &hi))
			return mf_bad(c, "bad control range", v);
	} else if (parse_u64(v, false, &lo)) {
		hi = lo;
	} else {
		return mf_bad(c, "bad control range", v);
	}
	if (lo > hi || hi >= c->ntiles)
		return mf_bad(c, "control range outside the mesh", v);
	e->has_ctl = true;
	e->ctl_lo = (uint32_t)lo;
	e->ctl_hi = (uint32_t)hi;
	return true;
}

static bool parse_option(const mf_ctx *c, char *tok, manifest_entry *e)
{
	char *eq = strchr(tok, '=');
	uint64_t v = 0;
	if (!eq)
		return mf_bad(c, "expected KEY=VALUE, got", tok);
	*eq = 0;
	const char *key = tok, *val = eq + 1;
	if (!strcmp(key, "control"))
		return parse_ctl(c, val, e);
	if (strcmp(key, "cycles") && strcmp(key, "bound") && strcmp(key, "msgs") &&
	    strcmp(key, "supervisor"))
		return mf_bad(c, "unknown key", key);
	bool sizes = !strcmp(key, "bound");
	if (!parse_u64(val, sizes, &v))
		return mf_bad(c, "bad number", val);
	if (!strcmp(key, "cycles")) {
		e->cycles = v;
	} else if (!strcmp(key, "bound")) {
		if (v > UINT32_MAX || (v & 3))
			return mf_bad(c, "bad bound (a multiple of 4 within the tile's memory)", val);
		e->bound = (uint32_t)v;
	} else if (!strcmp(key, "msgs")) {
		if (v > UINT32_MAX)
			return mf_bad(c, "bad msgs", val);
		e->msgs = (uint32_t)v;
	} else {
		if (v >= c->ntiles)
			return mf_bad(c, "supervisor outside the mesh", val);
		e->has_super = true;
		e->super = (uint32_t)v;
	}
	return true;
}

static char *relative_to(const char *file, const char *path)
{
	const char *slash = strrchr(file, '/');
	if (path[0] == '/' || !slash)
		return strdup(path);
	size_t k = (size_t)(slash - file) + 1;
	char *s = malloc(k + strlen(path) + 1);
	if (s) {
		memcpy(s, file, k);
		strcpy(s + k, path);
	}
	return s;
}

static bool parse_line(const mf_ctx *c, char *line, manifest *out)
{
	char *save = NULL, *spec = strtok_r(line, " \t\r\n", &save);
	if (!spec || spec[0] == '#')
		return true;
	char *file = strtok_r(NULL, " \t\r\n", &save);
	if (!file)
		return mf_bad(c, "expected SPEC FILE.elf [options], got", spec);
	manifest_entry e = {0};
	e.line = c->line;
	for (char *tok; (tok = strtok_r(NULL, " \t\r\n", &save)) && tok[0] != '#';)
		if (!parse_option(c, tok, &e))
			return false;
	manifest_entry *v = realloc(out->v, (out->n + 1) * sizeof *v);
	if (!v)
		return mf_bad(c, "out of memory at", spec);
	out->v = v;
	e.spec = strdup(spec);
	e.path = relative_to(c->file, file);
	v[out->n++] = e;
	return true;
}

bool manifest_load(const char *path, uint32_t ntiles, manifest *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "%s: cannot open the manifest", path);
		return false;
	}
	mf_ctx c = {path, 0, ntiles, err, errlen};
	char buf[4096];
	bool ok = true;
	while (ok && fgets(buf, sizeof buf, f)) {
		c.line++;
		ok = parse_line(&c, buf, out);
	}
	fclose(f);
	if (ok && out->n == 0) {
		snprintf(err, errlen, "%s: the manifest places no program", path);
		ok = false;
	}
	if (!ok)
		manifest_free(out);
	return ok;
}

void manifest_free(manifest *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].spec);
		free(m->v[i].path);
	}
	free(m->v);
	memset(m, 0, sizeof *m);
}
