/*
 * Ordered output. Tiles run in parallel within a window, so what they print (console
 * text, semihosting writes, commit-trace lines) is recorded with its cycle and written
 * at the end of the window in (cycle, tile, order of recording) order: the output is
 * the same whatever the number of host threads.
 */
#ifndef TESS_OUTQ_H
#define TESS_OUTQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { OUT_STDOUT, OUT_STDERR, OUT_TRACE, OUT_MSGTRACE, OUT_VCD } out_stream;

typedef struct {
	uint64_t cycle;
	uint32_t tile;
	uint32_t seq;
	uint32_t stream;
	uint32_t len;
	char *data;
} out_record;

typedef struct {
	out_record *v;
	size_t n, cap;
	uint32_t seq;
	bool by_router;           /* the network's: within a cycle in router order, not
	                             tile order (out_flush sorts it even alone) */
} out_buf;

struct mesh;

/* Record len bytes for a stream at a cycle. tile is the writer's id. */
void out_put(out_buf *b, uint64_t cycle, uint32_t tile, out_stream s, const char *data, size_t len);
void out_printf(out_buf *b, uint64_t cycle, uint32_t tile, out_stream s, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void out_buf_free(out_buf *b);          /* the records; keeps by_router */

/*
 * Write the records of several buffers that lie before cycle `cutoff`, in
 * (cycle, tile, seq) order, and remove them. Nothing recorded later may lie before
 * cutoff (the engine passes the cycle up to which the whole chip is simulated).
 */
void out_flush(struct mesh *m, out_buf **bufs, size_t nbufs, uint64_t cutoff);

#endif
