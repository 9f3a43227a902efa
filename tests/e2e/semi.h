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
	register long a0 __asm__("a0") = fd;
	register const void *a1 __asm__("a1") = buf;
	register u32 a2 __asm__("a2") = len;
	register long a7 __asm__("a7") = 64;
	__asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
	return a0;
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
