/*
 * A small PNG writer (8-bit RGB, deflate of our own in deflate.c: no compression
 * library) and a reader for what it writes, used by the tests to look at screenshots.
 */
#ifndef TESS_VIEW_PNG_H
#define TESS_VIEW_PNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "canvas.h"

/* Write the canvas; false with errno set (or EIO) on failure. */
bool png_write(const char *path, const vcanvas *c);
/* Read a PNG made by png_write into a new canvas; false with a reason in err. */
bool png_read(const char *path, vcanvas *c, char *err, size_t errlen);
uint32_t png_crc32(const uint8_t *p, size_t n, uint32_t crc);

#endif
