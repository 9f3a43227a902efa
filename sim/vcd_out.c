/*
 * The VCD writer of the C model (sim/vcd_out.h): the header with the RTL's names, then
 * the records of the chosen tiles in the order the engine writes output.
 *
 * Why a queue: a record at cycle c holds changes from time 2c to a few dozen cycles on
 * (a division's result lands 34 cycles after it issues), and records reach the writer
 * in cycle order, so on a record at cycle c every pending change before time 2c is
 * final. The cycle counter cyc_q, which changes every cycle while a tile runs, is not
 * recorded at all: the writer counts it from the tile's start to its halt.
 */
#include "vcd_out.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mesh.h"

#define VCD_TILES_MAX 4096   /* tiles in one file at most: 100 signals each */

typedef struct {
	uint64_t time, seq, val;
	uint32_t gsig;           /* slot * VS_COUNT + signal */
} vcd_pend;

struct vcd_out {
	FILE *f;
	struct mesh *m;
	uint32_t ntiles, nslots;
	int32_t *slot_of;        /* per tile id: its slot, -1 when not chosen */
	uint32_t *tile_of;       /* per slot */
	uint64_t *started;       /* per slot: start cycle + 1 of the last start recorded */
	uint64_t *halted;        /* per slot: start cycle + 1 of the last halt recorded */
	uint64_t *cnt_from, *cnt_stop;   /* per slot: cyc_q counts over [from, stop] */
	uint32_t *counting, ncounting;   /* slots whose cyc_q is counting */
	vcd_pend *heap, *step;
	size_t nheap, capheap, nstep, capstep;
	uint64_t seq;
	uint64_t g;              /* every cycle before g is written */
	uint64_t *last, *seen;   /* per gsig: value written last; step that set it + 1 */
	uint8_t *written;        /* per gsig: written at all */
};

static const struct { unsigned width; const char *core, *port; } vcd_sigs[VS_REG0] = {
#define VCD_SIG(id, width, core, port) {width, core, port},
#include "vcd_sigs.def"
#undef VCD_SIG
};

static unsigned sig_width(unsigned s) { return s < VS_REG0 ? vcd_sigs[s].width : 32; }

static void vcd_oom(void)
{
	fprintf(stderr, "tessera: out of host memory writing waves\n");
	exit(125);
}

/* ---- the tile list ---- */

static bool add_tile(vcd_out *v, unsigned long id, char *err, size_t errlen)
{
	if (v->slot_of[id] >= 0)
		return true;
	if (v->nslots == VCD_TILES_MAX) {
		snprintf(err, errlen, "more than %u tiles", VCD_TILES_MAX);
		return false;
	}
	v->slot_of[id] = (int32_t)v->nslots;
	v->tile_of[v->nslots++] = (uint32_t)id;
	return true;
}

static bool parse_item(const char *s, size_t n, unsigned long *lo, unsigned long *hi)
{
	char buf[32], *end;
	if (n == 0 || n >= sizeof buf || strchr("+- ", s[0]))
		return false;
	memcpy(buf, s, n);
	buf[n] = 0;
	errno = 0;
	*lo = *hi = strtoul(buf, &end, 10);
	if (*end == '-' && end[1] && !strchr("+- ", end[1]))
		*hi = strtoul(end + 1, &end, 10);
	return !*end && !errno && *lo <= *hi;
}

/* "all" or numbers and ranges separated by commas, slots in the order given. */
static bool parse_list(vcd_out *v, const char *list, char *err, size_t errlen)
{
	if (!strcmp(list, "all")) {
		for (uint32_t id = 0; id < v->ntiles; id++)
			if (!add_tile(v, id, err, errlen))
				return false;
		return true;
	}
	for (const char *p = list; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
		size_t n = strcspn(p, ",");
		unsigned long lo, hi;
		if (!parse_item(p, n, &lo, &hi)) {
			snprintf(err, errlen, "'%.*s' is not a tile number or a range A-B", (int)n, p);
			return false;
		}
		if (hi >= v->ntiles) {
			snprintf(err, errlen, "tile %lu is outside the mesh (tiles 0..%u)", hi,
				 v->ntiles - 1);
			return false;
		}
		for (unsigned long id = lo; id <= hi; id++)
			if (!add_tile(v, id, err, errlen))
				return false;
	}
	return true;
}

/* ---- the header ---- */

static void code_of(uint32_t gsig, char out[8])
{
	int n = 0;
	do {
		out[n++] = (char)('!' + gsig % 94);
		gsig /= 94;
	} while (gsig);
	out[n] = 0;
}

static void decl(FILE *f, uint32_t gsig, unsigned width, const char *name, int index)
{
	char code[8], range[16] = "", idx[16] = "";
	code_of(gsig, code);
	if (width > 1)
		snprintf(range, sizeof range, " [%u:0]", width - 1);
	if (index >= 0)
		snprintf(idx, sizeof idx, "[%d]", index);
	fprintf(f, "$var wire %u %s %s%s%s $end\n", width, code, name, idx, range);
}

/* The ports of one tile (in a tile, in its core, and at TOP of a 1x1 run). */
static void decl_ports(FILE *f, uint32_t base)
{
	for (unsigned s = 0; s < VS_REG0; s++)
		if (vcd_sigs[s].port)
			decl(f, base + s, vcd_sigs[s].width, vcd_sigs[s].port, -1);
}

static void decl_tile(FILE *f, uint32_t base)
{
	decl_ports(f, base);
	fprintf(f, "$scope module u_core $end\n");
	decl_ports(f, base);
	for (unsigned s = 0; s < VS_REG0; s++)
		if (vcd_sigs[s].core)
			decl(f, base + s, vcd_sigs[s].width, vcd_sigs[s].core, -1);
	fprintf(f, "$scope module u_rf $end\n");
	for (int i = 0; i < 32; i++)
		decl(f, base + VS_REG0 + (uint32_t)i, 32, "regs_q", i);
	fprintf(f, "$upscope $end\n$upscope $end\n");
}

/* A mesh's chosen tiles, in id order: TOP.tess_mesh.g_row[y].g_col[x].u_tile. */
static void write_mesh_scopes(vcd_out *v)
{
	FILE *f = v->f;
	uint32_t w = v->m->cfg.width, row = UINT32_MAX;
	fprintf(f, "$scope module tess_mesh $end\n");
	for (uint32_t id = 0; id < v->ntiles; id++) {
		int32_t s = v->slot_of[id];
		if (s < 0)
			continue;
		if (id / w != row && row != UINT32_MAX)
			fprintf(f, "$upscope $end\n");
		if (id / w != row)
			fprintf(f, "$scope module g_row[%u] $end\n", id / w);
		row = id / w;
		fprintf(f, "$scope module g_col[%u] $end\n$scope module u_tile $end\n", id % w);
		decl_tile(f, (uint32_t)s * VS_COUNT);
		fprintf(f, "$upscope $end\n$upscope $end\n");
	}
	if (row != UINT32_MAX)
		fprintf(f, "$upscope $end\n");
}

static void write_header(vcd_out *v)
{
	FILE *f = v->f;
	fprintf(f, "$version tessera C model (sim/vcd_out.c) $end\n$timescale 1ps $end\n");
	fprintf(f, "$scope module TOP $end\n");
	if (v->ntiles == 1) {
		decl_ports(f, 0);
		fprintf(f, "$scope module tess_tile $end\n");
		decl_tile(f, 0);
	} else {
		write_mesh_scopes(v);
	}
	fprintf(f, "$upscope $end\n$upscope $end\n$enddefinitions $end\n");
}

/* ---- pending changes ---- */

static bool pend_before(const vcd_pend *a, const vcd_pend *b)
{
	return a->time != b->time ? a->time < b->time : a->seq < b->seq;
}

static void heap_push(vcd_out *v, vcd_pend x)
{
	if (v->nheap == v->capheap) {
		v->capheap = v->capheap ? 2 * v->capheap : 1024;
		if (!(v->heap = realloc(v->heap, v->capheap * sizeof *v->heap)))
			vcd_oom();
	}
	size_t i = v->nheap++;
	while (i && pend_before(&x, &v->heap[(i - 1) / 2])) {
		v->heap[i] = v->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	v->heap[i] = x;
}

static vcd_pend heap_pop(vcd_out *v)
{
	vcd_pend top = v->heap[0], x = v->heap[--v->nheap];
	size_t i = 0;
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, b = i;
		const vcd_pend *best = &x;
		if (l < v->nheap && pend_before(&v->heap[l], best))
			b = l, best = &v->heap[l];
		if (r < v->nheap && pend_before(&v->heap[r], best))
			b = r;
		if (b == i)
			break;
		v->heap[i] = v->heap[b];
		i = b;
	}
	if (v->nheap)
		v->heap[i] = x;
	return top;
}

static void step_add(vcd_out *v, uint32_t gsig, uint64_t val)
{
	if (v->nstep == v->capstep) {
		v->capstep = v->capstep ? 2 * v->capstep : 256;
		if (!(v->step = realloc(v->step, v->capstep * sizeof *v->step)))
			vcd_oom();
	}
	v->step[v->nstep++] = (vcd_pend){0, 0, val, gsig};
}

/* ---- writing ---- */

static void write_value(FILE *f, uint32_t gsig, uint64_t val)
{
	char code[8], bits[72];
	code_of(gsig, code);
	if (sig_width(gsig % VS_COUNT) == 1) {
		fprintf(f, "%c%s\n", val & 1 ? '1' : '0', code);
		return;
	}
	int n = 0;
	for (int b = 63; b >= 0; b--)
		if (n || (val >> b) & 1 || b == 0)
			bits[n++] = (char)('0' + ((val >> b) & 1));
	bits[n] = 0;
	fprintf(f, "b%s %s\n", bits, code);
}

/* The cycle counters of cycle g; a counter stops after its last cycle. */
static void step_counters(vcd_out *v, uint64_t g)
{
	uint32_t k = 0;
	for (uint32_t i = 0; i < v->ncounting; i++) {
		uint32_t s = v->counting[i];
		if (v->cnt_from[s] <= g && g <= v->cnt_stop[s])
			step_add(v, s * VS_COUNT + VS_CYC, g - v->cnt_from[s]);
		if (g < v->cnt_stop[s])
			v->counting[k++] = s;
	}
	v->ncounting = k;
}

/* Writes cycle g: the last change of each signal, when it changes the value. */
static void write_step(vcd_out *v, uint64_t g)
{
	v->nstep = 0;
	step_counters(v, g);
	while (v->nheap && v->heap[0].time < 2 * g + 2) {
		vcd_pend p = heap_pop(v);
		step_add(v, p.gsig, p.val);
	}
	bool stamped = false;
	for (size_t i = v->nstep; i-- > 0;) {
		const vcd_pend *p = &v->step[i];
		if (v->seen[p->gsig] == g + 1)
			continue;
		v->seen[p->gsig] = g + 1;
		if (v->written[p->gsig] && v->last[p->gsig] == p->val)
			continue;
		if (!stamped)
			fprintf(v->f, "#%" PRIu64 "\n", 2 * g);
		stamped = true;
		write_value(v->f, p->gsig, p->val);
		v->last[p->gsig] = p->val;
		v->written[p->gsig] = 1;
	}
}

/* Writes every cycle before `limit`. */
static void advance(vcd_out *v, uint64_t limit)
{
	while (v->g < limit) {
		uint64_t g = v->g;
		if (!v->ncounting) {
			if (!v->nheap) {
				v->g = limit;
				return;
			}
			if (v->heap[0].time / 2 > g)
				g = v->heap[0].time / 2;
			if (g >= limit) {
				v->g = limit;
				return;
			}
		}
		write_step(v, g);
		v->g = g + 1;
	}
}

static void count_from(vcd_out *v, uint32_t slot, uint64_t from)
{
	bool on = false;
	for (uint32_t i = 0; i < v->ncounting; i++)
		on |= v->counting[i] == slot;
	if (!on)
		v->counting[v->ncounting++] = slot;
	v->cnt_from[slot] = from;
	v->cnt_stop[slot] = UINT64_MAX;
}

vcd_out *vcd_out_active;

void vcd_out_record(mesh_t *m, const out_record *r)
{
	vcd_out *v = vcd_out_active;
	int32_t slot = v && v->m == m && v->f ? vcd_out_slot(v, r->tile) : -1;
	if (slot < 0)
		return;
	advance(v, r->cycle);
	const uint8_t *p = (const uint8_t *)r->data, *end = p + r->len;
	vcd_item it;
	while (vcd_item_decode(&p, end, r->cycle, &it)) {
		if (it.sig == VCD_ITEM_COUNT_FROM)
			count_from(v, (uint32_t)slot, it.val);
		else if (it.sig == VCD_ITEM_COUNT_STOP)
			v->cnt_stop[slot] = it.val;
		else   /* a change for a time already written (a late halt) goes now */
			heap_push(v, (vcd_pend){it.time < 2 * v->g ? 2 * v->g : it.time, v->seq++,
						it.val, (uint32_t)slot * VS_COUNT + it.sig});
	}
}

size_t vcd_item_encode(const vcd_item *it, size_t n, uint64_t cycle, uint8_t *out)
{
	uint8_t *o = out;
	for (size_t i = 0; i < n; i++) {
		uint64_t dt = it[i].time > 2 * cycle ? it[i].time - 2 * cycle : 0, x = it[i].val;
		*o++ = (uint8_t)it[i].sig;
		*o++ = (uint8_t)dt;
		*o++ = (uint8_t)(dt >> 8);
		do {
			*o++ = (uint8_t)((x & 127) | (x > 127 ? 128 : 0));
			x >>= 7;
		} while (x);
	}
	return (size_t)(o - out);
}

bool vcd_item_decode(const uint8_t **pp, const uint8_t *end, uint64_t cycle, vcd_item *it)
{
	const uint8_t *p = *pp;
	if (end - p < 4)
		return false;
	it->sig = p[0];
	it->time = 2 * cycle + (p[1] | (uint64_t)p[2] << 8);
	it->val = 0;
	p += 3;
	for (unsigned sh = 0; p < end && sh < 64; sh += 7) {
		it->val |= (uint64_t)(*p & 127) << sh;
		if (!(*p++ & 128))
			break;
	}
	*pp = p;
	return true;
}

/* ---- open and close ---- */

static bool alloc_state(vcd_out *v)
{
	size_t ng = (size_t)v->nslots * VS_COUNT;
	v->tile_of = realloc(v->tile_of, (v->nslots ? v->nslots : 1) * sizeof *v->tile_of);
	v->started = calloc(v->nslots + 1, sizeof *v->started);
	v->halted = calloc(v->nslots + 1, sizeof *v->halted);
	v->cnt_from = calloc(v->nslots + 1, sizeof *v->cnt_from);
	v->cnt_stop = calloc(v->nslots + 1, sizeof *v->cnt_stop);
	v->counting = calloc(v->nslots + 1, sizeof *v->counting);
	v->last = calloc(ng + 1, sizeof *v->last);
	v->seen = calloc(ng + 1, sizeof *v->seen);
	v->written = calloc(ng + 1, 1);
	return v->tile_of && v->started && v->halted && v->cnt_from && v->cnt_stop && v->counting &&
	       v->last && v->seen && v->written;
}

static void vcd_free(vcd_out *v)
{
	free(v->slot_of);
	free(v->tile_of);
	free(v->started);
	free(v->halted);
	free(v->cnt_from);
	free(v->cnt_stop);
	free(v->counting);
	free(v->heap);
	free(v->step);
	free(v->last);
	free(v->seen);
	free(v->written);
	free(v);
}

bool vcd_out_open(const char *path, const char *list, mesh_t *m, char *err, size_t errlen)
{
	vcd_out *v = calloc(1, sizeof *v);
	if (!v || !(v->slot_of = malloc(m->ntiles * sizeof *v->slot_of)) ||
	    !(v->tile_of = malloc(VCD_TILES_MAX * sizeof *v->tile_of)))
		vcd_oom();
	v->m = m;
	v->ntiles = m->ntiles;
	memset(v->slot_of, 0xff, m->ntiles * sizeof *v->slot_of);
	if (!parse_list(v, list, err, errlen)) {
		vcd_free(v);
		return false;
	}
	if (!alloc_state(v))
		vcd_oom();
	vcd_out_active = v;
	if (!path)
		return true;
	if (!(v->f = fopen(path, "w"))) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		vcd_free(v);
		vcd_out_active = NULL;
		return false;
	}
	write_header(v);
	for (uint32_t gs = 0; gs < v->nslots * VS_COUNT; gs++)   /* all zero at time 0 */
		heap_push(v, (vcd_pend){0, v->seq++, 0, gs});
	return true;
}

bool vcd_out_close(mesh_t *m)
{
	vcd_out *v = vcd_out_active;
	if (!v || v->m != m)
		return true;
	if (!v->f) {
		vcd_free(v);
		vcd_out_active = NULL;
		return true;
	}
	for (uint32_t s = 0; s < v->nslots; s++) {
		tile_t *t = m->tiles[v->tile_of[s]];
		if (t && t->state == TS_HALTED && v->started[s] == t->start_cycle + 1 &&
		    v->halted[s] != t->start_cycle + 1)
			vcd_rec_halt_late(t);
	}
	for (uint32_t i = 0; i < v->ncounting; i++) {
		uint32_t s = v->counting[i];
		if (v->cnt_stop[s] == UINT64_MAX)
			v->cnt_stop[s] = m->now > v->cnt_from[s] ? m->now : v->cnt_from[s];
	}
	advance(v, UINT64_MAX);
	bool ok = !ferror(v->f);
	ok &= fclose(v->f) == 0;
	vcd_free(v);
	vcd_out_active = NULL;
	return ok;
}

bool vcd_out_wants(const vcd_out *v, const tile_t *t)
{
	return v->m == t->mesh && vcd_out_slot(v, t->id) >= 0;
}

int32_t vcd_out_slot(const vcd_out *v, uint32_t id)
{
	return v && id < v->ntiles ? v->slot_of[id] : -1;
}

uint64_t *vcd_out_started(vcd_out *v, int32_t slot)
{
	return &v->started[slot];
}

uint64_t *vcd_out_halted(vcd_out *v, int32_t slot)
{
	return &v->halted[slot];
}
