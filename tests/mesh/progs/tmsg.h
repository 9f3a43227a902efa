/*
 * Tessera message and capability instructions for guest test programs, as C inline
 * functions over GNU as `.insn` (isa/SPEC.md §4), plus the program's entry point.
 * Build: riscv64-unknown-elf-gcc -march=rv32im -mabi=ilp32 -O2 -nostdlib -static -Wl,-Ttext=0
 */
#ifndef TMSG_H
#define TMSG_H

#include <stdint.h>

#define T_CAP_SLOTS   32
#define SLOT_CONSOLE  0
#define SLOT_BLOCK    1
#define SLOT_NORTH    2
#define SLOT_EAST     3
#define SLOT_SOUTH    4
#define SLOT_WEST     5
#define SLOT_SUPER    6
#define SLOT_ALL      7
#define SLOT_CONTROL  8
#define DEV_CONSOLE   0xFFFF0000u
#define DEV_BLOCK     0xFFFF0001u
enum { CTL_LOAD = 1, CTL_BUDGET, CTL_START, CTL_KILL, CTL_GRANT, CTL_CLEAR,
       CON_WRITE = 16, CON_READ = 17, BLK_READ = 32, BLK_WRITE, BLK_FLUSH, BLK_INFO,
       MSG_EXIT = 224 };
enum { E_SLOT = -1, E_EMPTY = -2, E_KIND = -3, E_RANGE = -4, E_LEN = -5, E_PASS = -6,
       E_BADGED = -7, E_NOPENDING = -8 };

#define DESC(slot, tag, len) \
	(((uint32_t)(slot) & 31u) | (((uint32_t)(tag) & 255u) << 8) | (((uint32_t)(len) & 31u) << 16))
#define DESC_PASS(pslot) ((1u << 21) | (((uint32_t)(pslot) & 31u) << 24))
#define INFO_LEN(i) (((i) >> 16) & 31u)
#define INFO_TAG(i) (((i) >> 8) & 255u)
#define INFO_CTL(i) (((i) >> 30) & 1u)
#define INFO_CAP(i) (((i) >> 29) & 1u)
#define INFO_SLOT(i) (((i) >> 24) & 31u)

#define T_RD(f7) ({ uint32_t r_; __asm__ volatile(".insn r 0x0B, 0, " #f7 ", %0, x0, x0" : "=r"(r_)); r_; })
static inline uint32_t t_tid(void) { return T_RD(0); }
static inline uint32_t t_txy(void) { return T_RD(1); }
static inline uint32_t t_mesh(void) { return T_RD(2); }
static inline uint32_t t_cycle(void) { return T_RD(3); }
static inline uint32_t t_bound(void) { return T_RD(7); }
static inline __attribute__((noreturn)) void t_exit(uint32_t v)
{
	__asm__ volatile(".insn r 0x0B, 1, 0, x0, %0, x0" :: "r"(v));
	__builtin_unreachable();
}

#define T_CAP1(f7, a) ({ uint32_t r_; __asm__ volatile(".insn r 0x0B, 2, " #f7 ", %0, %1, x0" \
	: "=r"(r_) : "r"(a)); r_; })
#define T_CAP2(f7, a, b) ({ uint32_t r_; __asm__ volatile(".insn r 0x0B, 2, " #f7 ", %0, %1, %2" \
	: "=r"(r_) : "r"(a), "r"(b)); r_; })
static inline uint32_t cap_info(uint32_t s) { return T_CAP1(0, s); }
static inline uint32_t cap_lo(uint32_t s) { return T_CAP1(1, s); }
static inline uint32_t cap_hi(uint32_t s) { return T_CAP1(2, s); }
static inline uint32_t cap_badge(uint32_t s) { return T_CAP1(3, s); }
static inline int32_t cap_drop(uint32_t s) { return (int32_t)T_CAP1(4, s); }
static inline int32_t cap_copy(uint32_t s, uint32_t d) { return (int32_t)T_CAP2(5, s, d); }
static inline int32_t cap_mint(uint32_t s, uint32_t d, uint32_t badge)
{
	return (int32_t)T_CAP2(6, s | d << 8, badge);
}
static inline int32_t cap_narrow(uint32_t s, uint32_t d, uint32_t lo, uint32_t hi)
{
	int32_t r;
	__asm__ volatile(".insn r4 0x0B, 3, 0, %0, %1, %2, %3" : "=r"(r)
			 : "r"(s | d << 8), "r"(lo), "r"(hi));
	return r;
}

static inline int32_t msg_send(uint32_t desc, const void *buf, uint32_t dst)
{
	int32_t r;
	__asm__ volatile(".insn r4 0x2B, 0, 0, %0, %1, %2, %3" : "=r"(r)
			 : "r"(desc), "r"(buf), "r"(dst) : "memory");
	return r;
}
/* buf: 3 + 16 words at most: info, source, badge, payload. */
static inline uint32_t msg_recv(uint32_t *buf)
{
	uint32_t r;
	__asm__ volatile(".insn r 0x2B, 1, 0, %0, %1, x0" : "=r"(r) : "r"(buf) : "memory");
	return r;
}
static inline uint32_t msg_poll(uint32_t *buf)
{
	uint32_t r;
	__asm__ volatile(".insn r 0x2B, 1, 1, %0, %1, x0" : "=r"(r) : "r"(buf) : "memory");
	return r;
}
static inline uint32_t msg_wait(uint32_t cycles)
{
	uint32_t r;
	__asm__ volatile(".insn r 0x2B, 1, 2, %0, %1, x0" : "=r"(r) : "r"(cycles) : "memory");
	return r;
}
static inline int32_t msg_ack(uint32_t child)
{
	int32_t r;
	__asm__ volatile(".insn r 0x2B, 1, 3, %0, %1, x0" : "=r"(r) : "r"(child) : "memory");
	return r;
}

/* Console output through the console device (slot 0). */
static inline void con_write(const char *s, uint32_t n)
{
	while (n) {
		uint32_t buf[16], k = n > 60 ? 60 : n;
		buf[0] = k;
		char *p = (char *)&buf[1];
		for (uint32_t i = 0; i < k; i++)
			p[i] = s[i];
		msg_send(DESC(SLOT_CONSOLE, CON_WRITE, 1 + (k + 3) / 4), buf, 0);
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
	msg_send(DESC(slot, tag, n), w, tile);
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
	ctl_send(slot, CTL_START, tile, w, 2);
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
		ctl_send(slot, CTL_LOAD, tile, w, 1 + n);
	}
	if (budget)
		ctl_send(slot, CTL_BUDGET, tile, budget, 4);
	if (glo <= ghi) {
		cap_narrow(slot, 31, glo, ghi);
		w[0] = SLOT_CONTROL;
		msg_send(DESC(slot, CTL_GRANT, 1) | DESC_PASS(31), w, tile);
		cap_drop(31);
	}
}
static inline void spawn(uint32_t slot, uint32_t tile, void (*entry)(void), uint32_t arg,
			 const uint32_t *budget, uint32_t glo, uint32_t ghi)
{
	load_child(slot, tile, budget, glo, ghi);
	start_child(slot, tile, entry, arg);
}
