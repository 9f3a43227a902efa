/*
 * Guest test programs: instructions, tags, slots and status codes are toolchain/tess.h's
 * (constants from isa/). This header adds the programs' own entry point and helpers.
 *
 * The entry is not crt0 on purpose: the harness writes `params` into the image before
 * the start (crt0 would zero it with .bss), programs start children at a function of
 * their own image (load_child/start_child), and the tests expect exact cycle counts of
 * these programs from their first instruction.
 * Build: riscv64-unknown-elf-gcc -march=rv32im -mabi=ilp32 -O2 -nostdlib -static
 *        -Wl,-Ttext=0 -Itoolchain -Iisa
 */
#ifndef TMSG_H
#define TMSG_H

#include <stdint.h>

#include "tess.h"

/* Console output through the console device (slot 0). */
static inline void con_write(const char *s, uint32_t n)
{
	while (n) {
		uint32_t buf[16], k = n > 60 ? 60 : n;
		buf[0] = k;
		char *p = (char *)&buf[1];
		for (uint32_t i = 0; i < k; i++)
			p[i] = s[i];
		msg_send(SEND_DESC(SLOT_CONSOLE, TESS_CON_WRITE, 1 + (k + 3) / 4), buf, 0);
		s += k;
		n -= k;
	}
}
static inline void con_puts(const char *s)
{
	uint32_t n = 0;
	while (s[n])
		n++;
	con_write(s, n);
}
/* Decimal into buf (no terminator); returns the length. */
static inline uint32_t t_utoa(char *buf, uint32_t v)
{
	char tmp[10];
	uint32_t n = 0, k = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		buf[k++] = tmp[--n];
	return k;
}

/* gcc may call these for struct copies and initialisers. */
void *memset(void *d, int c, unsigned long n);
void *memcpy(void *d, const void *s, unsigned long n);
void *memset(void *d, int c, unsigned long n)
{
	unsigned char *p = d;
	while (n--)
		*p++ = (unsigned char)c;
	return d;
}
void *memcpy(void *d, const void *s, unsigned long n)
{
	unsigned char *p = d;
	const unsigned char *q = s;
	while (n--)
		*p++ = *q++;
	return d;
}

/* Parameters the test harness writes before the start (symbol "params"). */
volatile uint32_t params[16];

int main(void);
__attribute__((naked, section(".text.start"))) void _start(void)
{
	__asm__ volatile("call main\n\t.insn r 0x0B, 1, 0, x0, a0, x0\n");
}

#endif

/* ---- small helpers for the example and supervision programs ------------------- */

/* Append text / a decimal to a line buffer. */
typedef struct { char b[120]; uint32_t n; } t_line;
static inline void t_s(t_line *l, const char *s) { while (*s && l->n < sizeof l->b) l->b[l->n++] = *s++; }
static inline void t_u(t_line *l, uint32_t v) { if (l->n + 10 <= sizeof l->b) l->n += t_utoa(l->b + l->n, v); }
static inline void t_put(t_line *l) { con_write(l->b, l->n); l->n = 0; }

static inline void ctl_send(uint32_t slot, uint32_t tag, uint32_t tile, const uint32_t *w,
			    uint32_t n)
{
	msg_send(SEND_DESC(slot, tag, n), w, tile);
}

extern char _end[];
/*
 * Load this very program into an idle tile through the CONTROL capability in `slot`
 * (CTL_LOAD, 15 words a message) and start it at `entry` with a0 = arg. Optional
 * budgets first, and a CONTROL capability over [glo, ghi] granted into its slot 8.
 */
static inline void start_child(uint32_t slot, uint32_t tile, void (*entry)(void), uint32_t arg)
{
	uint32_t w[2] = {(uint32_t)entry, arg};
	ctl_send(slot, TESS_CTL_START, tile, w, 2);
}
static inline void load_child(uint32_t slot, uint32_t tile, const uint32_t *budget,
			      uint32_t glo, uint32_t ghi)
{
	uint32_t w[16];
	uint32_t end = ((uint32_t)_end + 3) & ~3u;
	for (uint32_t a = 0; a < end; a += 60) {
		uint32_t n = (end - a) / 4 < 15 ? (end - a) / 4 : 15;
		w[0] = a;
		for (uint32_t i = 0; i < n; i++)
			w[1 + i] = ((const uint32_t *)a)[i];
		ctl_send(slot, TESS_CTL_LOAD, tile, w, 1 + n);
	}
	if (budget)
		ctl_send(slot, TESS_CTL_BUDGET, tile, budget, 4);
	if (glo <= ghi) {
		cap_narrow(slot, 31, glo, ghi);
		w[0] = SLOT_CONTROL;
		msg_send(SEND_DESC(slot, TESS_CTL_GRANT, 1) | SEND_DESC_PASS(31), w, tile);
		cap_drop(31);
	}
}
static inline void spawn(uint32_t slot, uint32_t tile, void (*entry)(void), uint32_t arg,
			 const uint32_t *budget, uint32_t glo, uint32_t ghi)
{
	load_child(slot, tile, budget, glo, ghi);
	start_child(slot, tile, entry, arg);
}
