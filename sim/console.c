/* Console output with per-tile line buffering and tile prefixes. */
#include "console.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mesh.h"

typedef struct {
	uint32_t tile;
	bool err;
	char *buf;
	size_t n, cap;
} line_buf;

struct console {
	int mode;
	bool passthrough;  /* one tile: no lines to keep apart */
	bool prefixing;
	uint32_t writers, first_writer;
	line_buf *lines;   /* one per (tile, stream) that has a partial line */
	size_t nlines, cap;
};

struct console *console_new(int prefix_mode, uint32_t ntiles)
{
	struct console *c = calloc(1, sizeof *c);
	if (c) {
		c->mode = prefix_mode;
		c->passthrough = ntiles == 1;
		c->prefixing = prefix_mode == PREFIX_ON;
	}
	return c;
}

void console_free(struct console *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nlines; i++)
		free(c->lines[i].buf);
	free(c->lines);
	free(c);
}

static line_buf *line_for(struct console *c, uint32_t tile, bool err)
{
	for (size_t i = 0; i < c->nlines; i++)
		if (c->lines[i].tile == tile && c->lines[i].err == err)
			return &c->lines[i];
	if (c->nlines == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 8;
		line_buf *v = realloc(c->lines, cap * sizeof *v);
		if (!v)
			return NULL;
		c->lines = v;
		c->cap = cap;
	}
	c->lines[c->nlines] = (line_buf){tile, err, NULL, 0, 0};
	return &c->lines[c->nlines++];
}

static void emit(struct console *c, const line_buf *l, const char *p, size_t n)
{
	FILE *f = l->err ? stderr : stdout;
	if (c->prefixing)
		fprintf(f, "[%u] ", l->tile);
	fwrite(p, 1, n, f);
}

static void note_writer(struct console *c, uint32_t tile)
{
	if (c->writers == 0) {
		c->writers = 1;
		c->first_writer = tile;
	} else if (c->writers == 1 && tile != c->first_writer) {
		c->writers = 2;
		if (c->mode == PREFIX_AUTO)
			c->prefixing = true;
	}
}

void console_expect_writers(mesh_t *m)
{
	if (m->console->mode == PREFIX_AUTO)
		m->console->prefixing = true;
}

void console_write(mesh_t *m, uint32_t tile, bool to_stderr, const char *data, size_t len)
{
	struct console *c = m->console;
	if (len == 0)
		return;           /* an empty write: nothing to buffer (and no memcpy from NULL) */
	note_writer(c, tile);
	line_buf *l = line_for(c, tile, to_stderr);
	if (!l)
		return;
	if (l->n + len > l->cap) {
		size_t cap = (l->n + len) * 2;
		char *b = realloc(l->buf, cap);
		if (!b)
			return;
		l->buf = b;
		l->cap = cap;
	}
	memcpy(l->buf + l->n, data, len);
	l->n += len;
	size_t start = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (l->buf[i] == '\n') {
			emit(c, l, l->buf + start, i + 1 - start);
			start = i + 1;
		}
	}
	memmove(l->buf, l->buf + start, l->n - start);
	l->n -= start;
	if (c->passthrough && l->n) {
		emit(c, l, l->buf, l->n);
		l->n = 0;
	}
}

void console_finish(mesh_t *m)
{
	struct console *c = m->console;
	for (size_t i = 0; i < c->nlines; i++)
		if (c->lines[i].n) {
			emit(c, &c->lines[i], c->lines[i].buf, c->lines[i].n);
			c->lines[i].n = 0;
		}
	fflush(stdout);
	fflush(stderr);
}
