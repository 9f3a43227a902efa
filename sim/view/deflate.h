/*
 * Deflate for the PNG writer: one block of fixed Huffman codes with greedy LZ77
 * matches (the previous pixel, the row above, the last place a 3-byte string was
 * seen), which is what flat-coloured screenshots need; and an inflate for stored and
 * fixed-Huffman blocks, so the tests can read the pictures back.
 */
#ifndef TESS_VIEW_DEFLATE_H
#define TESS_VIEW_DEFLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A zlib stream of src; `row` is a distance worth trying (the scanline length).
 * Returns a malloc'd buffer (NULL when out of memory). */
uint8_t *zlib_deflate(const uint8_t *src, size_t n, size_t row, size_t *out_n);
/* Inflate a zlib stream into exactly want bytes; false when it is malformed, uses
 * dynamic Huffman blocks, or does not give want bytes. */
bool zlib_inflate(const uint8_t *z, size_t zn, uint8_t *dst, size_t want);

#endif
