/*
 * wavecmp: compares two VCD files signal by signal, matching signals by hierarchical
 * name, and reports the first time each common signal differs.
 *
 *   wavecmp [--scope-a S] [--scope-b S] [--max N] A.vcd B.vcd
 *
 * --scope-a/--scope-b compare only the signals under a scope of each file, with that
 * scope taken off their names (so TOP.tess_tile.u_core.pc_q can meet a C model's
 * tile0.core.pc_q). Exit status: 0 no common signal differs, 1 some do, 2 bad input.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcd.h"

typedef struct {
	const char *name;         /* name in A, for the report */
	uint64_t time;
	const char *a, *b;
} wc_diff;

/* The value of a wave at time t (after every change at t), "?" before the first. */
static const char *wc_value_at(const vcd_wave *w, size_t *i, uint64_t t)
{
	while (*i < w->n && w->changes[*i].time <= t)
		(*i)++;
	return *i ? w->changes[*i - 1].value : "?";
}

/* Earliest time at which the two waves hold different values; false if never. */
static bool wc_first_diff(const vcd_wave *wa, const vcd_wave *wb, wc_diff *d)
{
	size_t ia = 0, ib = 0, na = 0, nb = 0;
	for (;;) {
		uint64_t ta = ia < wa->n ? wa->changes[ia].time : UINT64_MAX;
		uint64_t tb = ib < wb->n ? wb->changes[ib].time : UINT64_MAX;
		uint64_t t = ta < tb ? ta : tb;
		if (t == UINT64_MAX)
			return false;
		const char *va = wc_value_at(wa, &na, t), *vb = wc_value_at(wb, &nb, t);
		if (strcmp(va, vb)) {
			d->time = t;
			d->a = va;
			d->b = vb;
			return true;
		}
		ia = na;
		ib = nb;
	}
}

/* The name under scope (scope "" takes every name as it is), or NULL outside it. */
static const char *wc_under(const char *name, const char *scope)
{
	size_t n = strlen(scope);
	if (!n)
		return name;
	if (strncmp(name, scope, n) || name[n] != '.')
		return NULL;
	return name + n + 1;
}

static int wc_diff_cmp(const void *x, const void *y)
{
	const wc_diff *a = x, *b = y;
	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	return strcmp(a->name, b->name);
}

static void wc_print_value(const char *v)
{
	bool bin = v[0] != 'r' && v[0] != '?' && strspn(v, "01") == strlen(v);
	if (!bin || strlen(v) > 64) {
		printf("%s", v);
		return;
	}
	printf("0x%" PRIx64, (uint64_t)strtoull(v, NULL, 2));
}

static int wc_compare(const vcd_file *a, const vcd_file *b, const char *sa, const char *sb,
		      size_t max)
{
	wc_diff *diffs = calloc(a->nvars + 1, sizeof *diffs);
	size_t ndiff = 0, common = 0;
	char full[1200];
	if (!diffs) {
		fprintf(stderr, "wavecmp: out of memory\n");
		return 2;
	}
	for (size_t i = 0; i < a->nvars; i++) {
		const char *rel = wc_under(a->vars[i].name, sa);
		if (!rel)
			continue;
		snprintf(full, sizeof full, "%s%s%s", sb, *sb ? "." : "", rel);
		const vcd_var *vb = vcd_find(b, full);
		if (!vb)
			continue;
		common++;
		wc_diff d = {.name = a->vars[i].name};
		if (wc_first_diff(&a->waves[a->vars[i].wave], &b->waves[vb->wave], &d))
			diffs[ndiff++] = d;
	}
	qsort(diffs, ndiff, sizeof *diffs, wc_diff_cmp);
	for (size_t i = 0; i < ndiff && i < max; i++) {
		printf("%s: first differs at %" PRIu64 ": a=", diffs[i].name, diffs[i].time);
		wc_print_value(diffs[i].a);
		printf(" b=");
		wc_print_value(diffs[i].b);
		printf("\n");
	}
	if (ndiff > max)
		printf("... and %zu more\n", ndiff - max);
	printf("wavecmp: %zu signals in A, %zu in B, %zu in common, %zu differ\n",
	       a->nvars, b->nvars, common, ndiff);
	int rc = ndiff ? 1 : 0;
	if (!common) {
		fprintf(stderr, "wavecmp: no signal name in common\n");
		rc = 2;
	}
	free(diffs);
	return rc;
}

static int wc_usage(void)
{
	fprintf(stderr, "usage: wavecmp [--scope-a S] [--scope-b S] [--max N] A.vcd B.vcd\n");
	return 2;
}

int main(int argc, char **argv)
{
	const char *sa = "", *sb = "", *files[2];
	size_t max = 50, nf = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--scope-a") && i + 1 < argc)
			sa = argv[++i];
		else if (!strcmp(argv[i], "--scope-b") && i + 1 < argc)
			sb = argv[++i];
		else if (!strcmp(argv[i], "--max") && i + 1 < argc)
			max = strtoul(argv[++i], NULL, 10);
		else if (argv[i][0] == '-' || nf == 2)
			return wc_usage();
		else
			files[nf++] = argv[i];
	}
	if (nf != 2)
		return wc_usage();
	char err[1200];
	vcd_file *a = vcd_load(files[0], err, sizeof err), *b = NULL;
	if (a)
		b = vcd_load(files[1], err, sizeof err);
	if (!a || !b) {
		fprintf(stderr, "wavecmp: %s\n", err);
		vcd_free(a);
		return 2;
	}
	int rc = wc_compare(a, b, sa, sb, max);
	vcd_free(a);
	vcd_free(b);
	return rc;
}
