/*
 * The host side of the console: stdout and stderr, with per-tile line buffering and
 * the "[T] " prefix once more than one tile writes (isa/SPEC.md §9.1).
 */
#ifndef TESS_CONSOLE_H
#define TESS_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mesh;
struct console;

struct console *console_new(int prefix_mode, uint32_t ntiles);
void console_free(struct console *c);
void console_write(struct mesh *m, uint32_t tile, bool to_stderr, const char *data, size_t len);
/* Several tiles will write: with --console-prefix auto, prefix from the first line. */
void console_expect_writers(struct mesh *m);
/* End of run: write what is left of unfinished lines. */
void console_finish(struct mesh *m);

#endif
