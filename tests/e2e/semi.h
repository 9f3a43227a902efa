/*
 * Semihosting (isa/SPEC.md §11) for the e2e C programs; tile information (tess_tid,
 * tess_xy, tess_mesh) comes from toolchain/tess.h.
 */
#ifndef E2E_SEMI_H
#define E2E_SEMI_H

#include "tess.h"

typedef unsigned int u32;

static inline long sys_write(int fd, const void *buf, u32 len)
{
	return tess_semihost(SEMIHOST_WRITE, fd, (long)buf, (long)len);
}

static inline void put_str(const char *s)
{
	u32 n = 0;
	while (s[n])
		n++;
	sys_write(1, s, n);
}

/* Decimal, into a caller's buffer; returns the end. */
static inline char *fmt_uint(char *p, u32 v)
{
	char tmp[12];
	int n = 0;
	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	while (n)
		*p++ = tmp[--n];
	return p;
}

static inline char *fmt_hex(char *p, u32 v)
{
	for (int i = 28; i >= 0; i -= 4)
		*p++ = "0123456789abcdef"[(v >> i) & 15];
	return p;
}

static inline char *fmt_str(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

static inline void put_line(char *buf, char *end)
{
	*end++ = '\n';
	sys_write(1, buf, (u32)(end - buf));
}

#endif
