/* Ordered output: recording, sorting, writing. */
#include "outq.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "mesh.h"
#include "vcd_out.h"

static void out_oom(void)
{
	fprintf(stderr, "tessera: out of memory recording output\n");
	exit(125);
}

void out_put(out_buf *b, uint64_t cycle, uint32_t tile, out_stream s, const char *data, size_t len)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 16;
		out_record *v = realloc(b->v, cap * sizeof *v);
		if (!v)
			out_oom();
		b->v = v;
		b->cap = cap;
	}
	char *copy = malloc(len ? len : 1);
	if (!copy)
		out_oom();
	memcpy(copy, data, len);
	b->v[b->n++] = (out_record){cycle, tile, b->seq++, s, (uint32_t)len, copy};
}

void out_printf(out_buf *b, uint64_t cycle, uint32_t tile, out_stream s, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		out_put(b, cycle, tile, s, small, (size_t)n);
		return;
	}
	char *big = malloc((size_t)n + 1);
	if (!big)
		out_oom();
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	out_put(b, cycle, tile, s, big, (size_t)n);
	free(big);
}

void out_buf_free(out_buf *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->v[i].data);
	free(b->v);
	bool by_router = b->by_router;
	memset(b, 0, sizeof *b);
	b->by_router = by_router;
}

static int record_order(const void *pa, const void *pb)
{
	const out_record *a = *(out_record *const *)pa, *b = *(out_record *const *)pb;
	if (a->cycle != b->cycle)
		return a->cycle < b->cycle ? -1 : 1;
	if (a->tile != b->tile)
		return a->tile < b->tile ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void write_record(mesh_t *m, const out_record *r)
{
	switch (r->stream) {
	case OUT_STDOUT:
	case OUT_STDERR:
		console_write(m, r->tile, r->stream == OUT_STDERR, r->data, r->len);
		break;
	case OUT_TRACE:
		if (m->trace)
			fwrite(r->data, 1, r->len, m->trace);
		break;
	case OUT_MSGTRACE:
		if (m->msg_trace)
			fwrite(r->data, 1, r->len, m->msg_trace);
		break;
	case OUT_VCD:   /* binary value changes (sim/vcd_out.h) */
		vcd_out_record(m, r);
		break;
	}
}

/* Number of leading records of b before cycle `cutoff` (a buffer is in cycle order). */
static size_t ready_prefix(const out_buf *b, uint64_t cutoff)
{
	size_t k = 0;
	while (k < b->n && b->v[k].cycle < cutoff)
		k++;
	return k;
}

static void drop_prefix(out_buf *b, size_t k)
{
	for (size_t j = 0; j < k; j++)
		free(b->v[j].data);
	memmove(b->v, b->v + k, (b->n - k) * sizeof *b->v);
	b->n -= k;
}

void out_flush(mesh_t *m, out_buf **bufs, size_t nbufs, uint64_t cutoff)
{
	size_t total = 0;
	for (size_t i = 0; i < nbufs; i++)
		total += ready_prefix(bufs[i], cutoff);
	if (total == 0)
		return;
	out_record **all = malloc(total * sizeof *all);
	if (!all)
		out_oom();
	size_t k = 0;
	for (size_t i = 0; i < nbufs; i++)
		for (size_t j = 0; j < bufs[i]->n && bufs[i]->v[j].cycle < cutoff; j++)
			all[k++] = &bufs[i]->v[j];
	/* One tile's buffer is in order; the network's is in the order of the routers. */
	if (nbufs > 1 || bufs[0]->by_router)
		qsort(all, total, sizeof *all, record_order);
	for (size_t i = 0; i < total; i++)
		write_record(m, all[i]);
	free(all);
	for (size_t i = 0; i < nbufs; i++)
		drop_prefix(bufs[i], ready_prefix(bufs[i], cutoff));
}
