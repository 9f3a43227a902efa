/* PNG out (and back in): chunks and CRC32 here, deflate in deflate.c. */
#include "png.h"

#include "deflate.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const uint8_t png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

uint32_t png_crc32(const uint8_t *p, size_t n, uint32_t crc)
{
	static uint32_t table[256];
	if (!table[1])
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;
			for (int k = 0; k < 8; k++)
				c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
			table[i] = c;
		}
	crc = ~crc;
	for (size_t i = 0; i < n; i++)
		crc = table[(crc ^ p[i]) & 255] ^ (crc >> 8);
	return ~crc;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static bool chunk(FILE *f, const char *type, const uint8_t *data, size_t n)
{
	uint8_t hdr[8];
	put32(hdr, (uint32_t)n);
	memcpy(hdr + 4, type, 4);
	uint32_t crc = n ? png_crc32(data, n, png_crc32(hdr + 4, 4, 0)) : png_crc32(hdr + 4, 4, 0);
	uint8_t tail[4];
	put32(tail, crc);
	return fwrite(hdr, 1, 8, f) == 8 && (!n || fwrite(data, 1, n, f) == n) &&
	       fwrite(tail, 1, 4, f) == 4;
}

/* The scanlines (filter 0: none, RGB bytes), deflated into a zlib stream. */
static uint8_t *zlib_pixels(const vcanvas *c, size_t *out_n)
{
	size_t ll = 1 + 3 * (size_t)c->w, raw = (size_t)c->h * ll;
	uint8_t *r = malloc(raw);
	if (!r)
		return NULL;
	for (int y = 0; y < c->h; y++) {
		uint8_t *line = r + (size_t)y * ll;
		line[0] = 0;
		for (int x = 0; x < c->w; x++) {
			uint32_t p = cv_get(c, x, y);
			line[1 + 3 * x] = (uint8_t)(p >> 16);
			line[2 + 3 * x] = (uint8_t)(p >> 8);
			line[3 + 3 * x] = (uint8_t)p;
		}
	}
	uint8_t *z = zlib_deflate(r, raw, ll, out_n);
	free(r);
	return z;
}

bool png_write(const char *path, const vcanvas *c)
{
	size_t zn;
	uint8_t *z = zlib_pixels(c, &zn);
	if (!z) {
		errno = ENOMEM;
		return false;
	}
	FILE *f = fopen(path, "wb");
	if (!f) {
		free(z);
		return false;
	}
	uint8_t ihdr[13];
	put32(ihdr, (uint32_t)c->w);
	put32(ihdr + 4, (uint32_t)c->h);
	ihdr[8] = 8;      /* bits per sample */
	ihdr[9] = 2;      /* RGB */
	ihdr[10] = ihdr[11] = ihdr[12] = 0;
	bool ok = fwrite(png_sig, 1, 8, f) == 8 && chunk(f, "IHDR", ihdr, 13) &&
		  chunk(f, "IDAT", z, zn) && chunk(f, "IEND", NULL, 0);
	free(z);
	if (fclose(f) != 0)
		ok = false;
	if (!ok && !errno)
		errno = EIO;
	return ok;
}

static uint8_t *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	uint8_t *buf = NULL;
	size_t cap = 0;
	*n = 0;
	for (;;) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 65536;
			uint8_t *nb = realloc(buf, cap);
			if (!nb)
				break;
			buf = nb;
		}
		size_t got = fread(buf + *n, 1, cap - *n, f);
		if (!got)
			break;
		*n += got;
	}
	fclose(f);
	return buf;
}

static bool fail(char *err, size_t errlen, const char *path, const char *why)
{
	snprintf(err, errlen, "%s: %s", path, why);
	return false;
}

/* Inflate IDAT into pixels. */
static bool unpack(const uint8_t *z, size_t zn, vcanvas *c)
{
	size_t ll = 1 + 3 * (size_t)c->w, raw = ll * (size_t)c->h;
	uint8_t *r = malloc(raw);
	bool ok = r && zlib_inflate(z, zn, r, raw);
	for (int y = 0; ok && y < c->h; y++) {
		ok = r[(size_t)y * ll] == 0;     /* filter none, as png_write writes */
		for (int x = 0; ok && x < c->w; x++) {
			const uint8_t *p = r + (size_t)y * ll + 1 + 3 * (size_t)x;
			c->px[(long)y * c->pitch + x] = rgb(p[0], p[1], p[2]);
		}
	}
	free(r);
	return ok;
}

bool png_read(const char *path, vcanvas *c, char *err, size_t errlen)
{
	size_t n;
	uint8_t *d = slurp(path, &n);
	if (!d)
		return fail(err, errlen, path, "cannot read");
	bool ok = false;
	if (n < 33 || memcmp(d, png_sig, 8) || memcmp(d + 12, "IHDR", 4))
		fail(err, errlen, path, "not a PNG");
	else if (d[24] != 8 || d[25] != 2 || get32(d + 16) > 16384 || get32(d + 20) > 16384)
		fail(err, errlen, path, "not an 8-bit RGB PNG of this writer");
	else if (!cv_alloc(c, (int)get32(d + 16), (int)get32(d + 20)))
		fail(err, errlen, path, "out of memory");
	else {
		size_t o = 33;
		while (o + 12 <= n && memcmp(d + o + 4, "IDAT", 4))
			o += 12 + get32(d + o);
		uint32_t len = o + 12 <= n ? get32(d + o) : 0;
		if (o + 12 + (size_t)len > n || png_crc32(d + o + 4, 4 + len, 0) != get32(d + o + 8 + len))
			fail(err, errlen, path, "IDAT missing or its CRC is wrong");
		else if (!(ok = unpack(d + o + 8, len, c)))
			fail(err, errlen, path, "IDAT does not inflate to the picture (this reader "
			     "knows only what png_write writes)");
		if (!ok)
			cv_free(c);
	}
	free(d);
	return ok;
}
