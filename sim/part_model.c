/* The part model's bounds for ways of synchronising the parts (sim/part_model.h). */
#include "part_model.h"

#include <stdbool.h>
#include <stdlib.h>

#include "balance.h"
#include "params.h"

/* Slack 0, 1 and 2 windows; finish times kept for the last RING windows. */
#define NSLACK 3
#define RING (NSLACK + 1)

struct part_model {
	uint32_t nparts;
	uint32_t *lo, *hi;        /* part k waits for parts lo[k]..hi[k] */
	double sum;               /* every part's time, summed */
	double barrier;           /* the slowest part per window, summed */
	uint64_t w;               /* windows so far */
	double *fin;              /* [slack][w % RING][part]: when part ends window w */
};

/* The parts holding a tile within `reach` rows of part k's tiles (ids are row-major). */
static void near_parts(part_model *pm, const uint32_t *first, uint32_t width)
{
	uint32_t n = pm->nparts, ntiles = first[n];
	uint32_t span = width * ((LOOKAHEAD + HOP_LATENCY - 1) / HOP_LATENCY);
	for (uint32_t k = 0; k < n; k++) {
		uint32_t a = first[k], b = first[k + 1];
		if (a == b) {          /* no tiles: waits for nobody */
			pm->lo[k] = pm->hi[k] = k;
			continue;
		}
		uint32_t from = a > span ? a - span : 0;
		uint32_t to = b - 1 + span < ntiles ? b - 1 + span : ntiles - 1;
		pm->lo[k] = balance_part_in(first, n, from);
		pm->hi[k] = balance_part_in(first, n, to);
	}
}

part_model *part_model_new(uint32_t nparts, const uint32_t *first, uint32_t width)
{
	part_model *pm = calloc(1, sizeof *pm);
	if (!pm)
		return NULL;
	pm->nparts = nparts;
	pm->lo = calloc(nparts, sizeof *pm->lo);
	pm->hi = calloc(nparts, sizeof *pm->hi);
	pm->fin = calloc((size_t)NSLACK * RING * nparts, sizeof *pm->fin);
	if (!pm->lo || !pm->hi || !pm->fin) {
		part_model_free(pm);
		return NULL;
	}
	near_parts(pm, first, width);
	return pm;
}

static double *fin_at(const part_model *pm, int slack, uint64_t w)
{
	return pm->fin + ((size_t)slack * RING + w % RING) * pm->nparts;
}

void part_model_window(part_model *pm, const double *secs)
{
	double most = 0;
	for (uint32_t k = 0; k < pm->nparts; k++) {
		pm->sum += secs[k];
		most = secs[k] > most ? secs[k] : most;
	}
	pm->barrier += most;
	uint64_t w = pm->w++;
	for (int s = 0; s < NSLACK; s++) {
		double *now = fin_at(pm, s, w);
		const double *own = fin_at(pm, s, w + RING - 1);     /* window w - 1 */
		const double *dep = fin_at(pm, s, w + RING - 1 - s); /* window w - 1 - s */
		bool early = w < (uint64_t)s + 1;                    /* before window 0: 0 */
		for (uint32_t k = 0; k < pm->nparts; k++) {
			double start = w ? own[k] : 0;
			for (uint32_t j = pm->lo[k]; !early && j <= pm->hi[k]; j++)
				start = dep[j] > start ? dep[j] : start;
			now[k] = start + secs[k];
		}
	}
}

double part_model_gain(const part_model *pm, int slack)
{
	double end = 0;
	if (slack < 0)
		end = pm->barrier;
	else if (slack < NSLACK && pm->w) {
		const double *last = fin_at(pm, slack, pm->w + RING - 1);
		for (uint32_t k = 0; k < pm->nparts; k++)
			end = last[k] > end ? last[k] : end;
	}
	return end > 0 ? pm->sum / end : 1.0;
}

void part_model_print(const part_model *pm, FILE *f)
{
	fprintf(f, "part model: %u parts, core phases %.3f s in all, slowest part per window "
		"%.3f s: at most %.2fx on %u threads\n", pm->nparts, pm->sum, pm->barrier,
		part_model_gain(pm, -1), pm->nparts);
	fprintf(f, "part model: waiting only for the parts within reach: at most %.2fx; "
		"with 1 or 2 windows of slack: %.2fx, %.2fx\n", part_model_gain(pm, 0),
		part_model_gain(pm, 1), part_model_gain(pm, 2));
}

void part_model_free(part_model *pm)
{
	if (!pm)
		return;
	free(pm->lo);
	free(pm->hi);
	free(pm->fin);
	free(pm);
}
