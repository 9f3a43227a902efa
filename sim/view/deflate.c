/* A small deflate (fixed Huffman, greedy matches) and inflate (stored, fixed). */
#include "deflate.h"

#include <stdlib.h>
#include <string.h>

static const uint16_t len_base[29] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27,
	31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3,
	3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t dist_base[30] = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129,
	193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t dist_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7,
	8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

#define WINDOW 32768
#define HASH_BITS 15

typedef struct {
	uint8_t *p;
	size_t n;
	uint32_t acc;
	int nacc;
} bitw;

static void put_bits(bitw *w, uint32_t v, int n)     /* LSB first */
{
	w->acc |= v << w->nacc;
	w->nacc += n;
	while (w->nacc >= 8) {
		w->p[w->n++] = (uint8_t)w->acc;
		w->acc >>= 8;
		w->nacc -= 8;
	}
}

static void put_code(bitw *w, uint32_t code, int n)   /* Huffman codes: MSB first */
{
	uint32_t r = 0;
	for (int i = 0; i < n; i++)
		r |= ((code >> i) & 1) << (n - 1 - i);
	put_bits(w, r, n);
}

static void put_sym(bitw *w, unsigned s)
{
	if (s < 144) put_code(w, 0x30 + s, 8);
	else if (s < 256) put_code(w, 0x190 + s - 144, 9);
	else if (s < 280) put_code(w, s - 256, 7);
	else put_code(w, 0xc0 + s - 280, 8);
}

static void put_match(bitw *w, unsigned len, unsigned dist)
{
	int l = 28;
	while (len_base[l] > len)
		l--;
	put_sym(w, 257 + (unsigned)l);
	put_bits(w, len - len_base[l], len_extra[l]);
	int d = 29;
	while (dist_base[d] > dist)
		d--;
	put_code(w, (uint32_t)d, 5);
	put_bits(w, dist - dist_base[d], dist_extra[d]);
}

static size_t match_len(const uint8_t *s, size_t i, size_t d, size_t n)
{
	size_t k = 0, most = n - i < 258 ? n - i : 258;
	while (k < most && s[i + k] == s[i + k - d])
		k++;
	return k;
}

static uint32_t hash3(const uint8_t *p)
{
	return ((uint32_t)p[0] << 16 ^ (uint32_t)p[1] << 8 ^ p[2]) * 2654435761u >> (32 - HASH_BITS);
}

uint8_t *zlib_deflate(const uint8_t *src, size_t n, size_t row, size_t *out_n)
{
	/* Worst case: every byte a 9-bit literal. */
	uint8_t *out = malloc(n + n / 8 + 64);
	size_t *head = calloc((size_t)1 << HASH_BITS, sizeof *head);   /* position + 1 */
	if (!out || !head) {
		free(out);
		free(head);
		return NULL;
	}
	bitw w = {out, 0, 0, 0};
	out[w.n++] = 0x78;
	out[w.n++] = 0x01;
	put_bits(&w, 1, 1);      /* last block */
	put_bits(&w, 1, 2);      /* fixed Huffman */
	uint32_t a = 1, b = 0;
	for (size_t i = 0; i < n; i++) {
		a = (a + src[i]) % 65521;
		b = (b + a) % 65521;
	}
	for (size_t i = 0; i < n;) {
		size_t best = 0, bd = 0, cand[3] = {3, row, 0};
		if (i + 3 <= n) {
			uint32_t h = hash3(src + i);
			if (head[h] && i - (head[h] - 1) <= WINDOW)
				cand[2] = i - (head[h] - 1);
			head[h] = i + 1;
		}
		for (int c = 0; c < 3; c++) {
			size_t d = cand[c];
			if (!d || d > i || d > WINDOW)
				continue;
			size_t l = match_len(src, i, d, n);
			if (l > best) {
				best = l;
				bd = d;
			}
		}
		if (best >= 3) {
			put_match(&w, (unsigned)best, (unsigned)bd);
			i += best;
		} else
			put_sym(&w, src[i++]);
	}
	put_sym(&w, 256);
	if (w.nacc)
		put_bits(&w, 0, 8 - w.nacc);
	uint32_t adler = b << 16 | a;
	for (int k = 3; k >= 0; k--)
		out[w.n++] = (uint8_t)(adler >> (8 * k));
	free(head);
	*out_n = w.n;
	return out;
}

/* ---- inflate ------------------------------------------------------------------ */

typedef struct {
	const uint8_t *p;
	size_t n, pos;     /* in bits */
	bool bad;
} bitr;

static uint32_t get_bits(bitr *r, int n)
{
	uint32_t v = 0;
	for (int i = 0; i < n; i++, r->pos++) {
		if (r->pos / 8 >= r->n) {
			r->bad = true;
			return 0;
		}
		v |= (uint32_t)((r->p[r->pos / 8] >> (r->pos % 8)) & 1) << i;
	}
	return v;
}

static int get_sym(bitr *r)
{
	uint32_t c = 0;
	for (int i = 0; i < 7; i++)
		c = c << 1 | get_bits(r, 1);
	if (c <= 23)
		return 256 + (int)c;
	c = c << 1 | get_bits(r, 1);
	if (c >= 0x30 && c <= 0xbf)
		return (int)c - 0x30;
	if (c >= 0xc0 && c <= 0xc7)
		return 280 + (int)c - 0xc0;
	c = c << 1 | get_bits(r, 1);
	return c >= 0x190 ? 144 + (int)c - 0x190 : -1;
}

static bool inflate_fixed(bitr *r, uint8_t *dst, size_t want, size_t *o)
{
	for (;;) {
		int s = get_sym(r);
		if (s < 0 || r->bad)
			return false;
		if (s < 256) {
			if (*o >= want)
				return false;
			dst[(*o)++] = (uint8_t)s;
			continue;
		}
		if (s == 256)
			return true;
		if (s > 285)
			return false;
		size_t len = len_base[s - 257] + get_bits(r, len_extra[s - 257]);
		uint32_t dc = 0;
		for (int i = 0; i < 5; i++)
			dc = dc << 1 | get_bits(r, 1);
		if (dc > 29)
			return false;
		size_t dist = dist_base[dc] + get_bits(r, dist_extra[dc]);
		if (r->bad || dist > *o || *o + len > want)
			return false;
		for (size_t k = 0; k < len; k++, (*o)++)
			dst[*o] = dst[*o - dist];
	}
}

bool zlib_inflate(const uint8_t *z, size_t zn, uint8_t *dst, size_t want)
{
	if (zn < 6 || (z[0] & 15) != 8 || ((z[0] << 8) | z[1]) % 31)
		return false;
	bitr r = {z + 2, zn - 6, 0, false};
	size_t o = 0;
	for (bool last = false; !last;) {
		last = get_bits(&r, 1);
		uint32_t type = get_bits(&r, 2);
		if (r.bad)
			return false;
		if (type == 1) {
			if (!inflate_fixed(&r, dst, want, &o))
				return false;
			continue;
		}
		if (type != 0)
			return false;           /* dynamic Huffman: not written by png.c */
		r.pos = (r.pos + 7) / 8 * 8;
		size_t at = r.pos / 8;
		if (at + 4 > r.n)
			return false;
		size_t len = r.p[at] | (size_t)r.p[at + 1] << 8;
		if (at + 4 + len > r.n || o + len > want)
			return false;
		memcpy(dst + o, r.p + at + 4, len);
		o += len;
		r.pos = (at + 4 + len) * 8;
	}
	const uint8_t *ad = z + zn - 4;
	uint32_t a = 1, b = 0;
	for (size_t i = 0; i < o; i++) {
		a = (a + dst[i]) % 65521;
		b = (b + a) % 65521;
	}
	return o == want && (b << 16 | a) == ((uint32_t)ad[0] << 24 | (uint32_t)ad[1] << 16 |
					       (uint32_t)ad[2] << 8 | ad[3]);
}
