/*
 * A 32-bit 0xAARRGGBB pixel buffer and what the viewer draws on it: rectangles, lines,
 * text in a 6x10 bitmap font. Everything is drawn here, in software, so the window and
 * the headless screenshot show the same picture.
 */
#ifndef TESS_VIEW_CANVAS_H
#define TESS_VIEW_CANVAS_H

#include <stdbool.h>
#include <stdint.h>

#define FONT_W 6
#define FONT_H 10

typedef struct {
	uint32_t *px;
	int w, h;
	int pitch;                /* pixels per row */
} vcanvas;

static inline uint32_t rgb(unsigned r, unsigned g, unsigned b)
{
	return 0xff000000u | (r & 255) << 16 | (g & 255) << 8 | (b & 255);
}
static inline uint32_t cv_get(const vcanvas *c, int x, int y)
{
	return c->px[(long)y * c->pitch + x];
}

/* A canvas of its own pixels (zeroed); false when out of memory. */
bool cv_alloc(vcanvas *c, int w, int h);
void cv_free(vcanvas *c);
void cv_fill(vcanvas *c, int x, int y, int w, int h, uint32_t col);
/* Mix col over the rectangle with alpha a (0..255). */
void cv_blend(vcanvas *c, int x, int y, int w, int h, uint32_t col, unsigned a);
void cv_frame(vcanvas *c, int x, int y, int w, int h, uint32_t col);
void cv_line(vcanvas *c, int x0, int y0, int x1, int y1, uint32_t col);
/* Text at (x, y), top-left; stops at the canvas edge. Returns the x after it. */
int cv_text(vcanvas *c, int x, int y, const char *s, uint32_t col);
/* Mix two colours: f from 0 (a) to 256 (b). */
uint32_t cv_mix(uint32_t a, uint32_t b, unsigned f);

/* The 6x10 font: rows of ASCII 32..126, bit 7 the leftmost pixel (sim/view/font.c). */
extern const uint8_t view_font[95][FONT_H];

#endif
