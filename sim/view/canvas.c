/* Software drawing on a pixel buffer (canvas.h). Every primitive clips to the canvas. */
#include "canvas.h"

#include <stdlib.h>

bool cv_alloc(vcanvas *c, int w, int h)
{
	c->px = calloc((size_t)w * (size_t)h, sizeof *c->px);
	c->w = w;
	c->h = h;
	c->pitch = w;
	return c->px != NULL;
}

void cv_free(vcanvas *c)
{
	free(c->px);
	c->px = NULL;
}

/* Clip a rectangle; false when nothing is left. */
static bool clip(const vcanvas *c, int *x, int *y, int *w, int *h)
{
	if (*x < 0) { *w += *x; *x = 0; }
	if (*y < 0) { *h += *y; *y = 0; }
	if (*x + *w > c->w) *w = c->w - *x;
	if (*y + *h > c->h) *h = c->h - *y;
	return *w > 0 && *h > 0;
}

void cv_fill(vcanvas *c, int x, int y, int w, int h, uint32_t col)
{
	if (!clip(c, &x, &y, &w, &h))
		return;
	for (int j = 0; j < h; j++) {
		uint32_t *p = c->px + (long)(y + j) * c->pitch + x;
		for (int i = 0; i < w; i++)
			p[i] = col;
	}
}

uint32_t cv_mix(uint32_t a, uint32_t b, unsigned f)
{
	unsigned r = (((a >> 16) & 255) * (256 - f) + ((b >> 16) & 255) * f) >> 8;
	unsigned g = (((a >> 8) & 255) * (256 - f) + ((b >> 8) & 255) * f) >> 8;
	unsigned bl = ((a & 255) * (256 - f) + (b & 255) * f) >> 8;
	return rgb(r, g, bl);
}

void cv_blend(vcanvas *c, int x, int y, int w, int h, uint32_t col, unsigned a)
{
	if (!clip(c, &x, &y, &w, &h))
		return;
	for (int j = 0; j < h; j++) {
		uint32_t *p = c->px + (long)(y + j) * c->pitch + x;
		for (int i = 0; i < w; i++)
			p[i] = cv_mix(p[i], col, a);
	}
}

void cv_frame(vcanvas *c, int x, int y, int w, int h, uint32_t col)
{
	cv_fill(c, x, y, w, 1, col);
	cv_fill(c, x, y + h - 1, w, 1, col);
	cv_fill(c, x, y, 1, h, col);
	cv_fill(c, x + w - 1, y, 1, h, col);
}

/* Bresenham; far-off endpoints are fine (each pixel is clipped), but callers keep
 * lines on or near the screen so the cost stays bounded. */
void cv_line(vcanvas *c, int x0, int y0, int x1, int y1, uint32_t col)
{
	int dx = abs(x1 - x0), dy = -abs(y1 - y0);
	int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1, err = dx + dy;
	for (int n = 0; n < 20000; n++) {
		if (x0 >= 0 && y0 >= 0 && x0 < c->w && y0 < c->h)
			c->px[(long)y0 * c->pitch + x0] = col;
		if (x0 == x1 && y0 == y1)
			break;
		int e2 = 2 * err;
		if (e2 >= dy) { err += dy; x0 += sx; }
		if (e2 <= dx) { err += dx; y0 += sy; }
	}
}

int cv_text(vcanvas *c, int x, int y, const char *s, uint32_t col)
{
	for (; *s; s++, x += FONT_W) {
		unsigned ch = (unsigned char)*s;
		if (ch < 32 || ch > 126)
			ch = '?';
		if (x >= c->w)
			break;
		const uint8_t *g = view_font[ch - 32];
		for (int j = 0; j < FONT_H; j++) {
			int yy = y + j;
			if (yy < 0 || yy >= c->h || !g[j])
				continue;
			for (int i = 0; i < FONT_W; i++)
				if (g[j] & (0x80 >> i) && x + i >= 0 && x + i < c->w)
					c->px[(long)yy * c->pitch + x + i] = col;
		}
	}
	return x;
}
