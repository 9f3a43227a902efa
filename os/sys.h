/*
 * Xtess instructions as C functions, for the OS while toolchain/tess.h (issue 5) is not
 * in the tree. Encodings follow isa/SPEC.md §4 and isa/insns.def; each is a static
 * inline over `.insn` so plain GNU as accepts it. When tess.h lands this file becomes an
 * include of it plus whatever names differ.
 */
#ifndef OS_SYS_H
#define OS_SYS_H

#include <stdint.h>

#include "params.h"

#define TESS_INFO(f7) ({ uint32_t r_; \
	__asm__ volatile(".insn r 0x0b, 0, " #f7 ", %0, x0, x0" : "=r"(r_)); r_; })

static inline uint32_t tess_tid(void)      { return TESS_INFO(0); }
static inline uint32_t tess_txy(void)      { return TESS_INFO(1); }
static inline uint32_t tess_mesh(void)     { return TESS_INFO(2); }
static inline uint32_t tess_cycle(void)    { return TESS_INFO(3); }
static inline uint32_t tess_cycleh(void)   { return TESS_INFO(4); }
static inline uint32_t tess_membound(void) { return TESS_INFO(7); }

/* 64-bit cycle counter; the high word is read twice so a carry between reads is seen. */
static inline uint64_t tess_cycle64(void)
{
	uint32_t hi, lo;
	do {
		hi = tess_cycleh();
		lo = tess_cycle();
	} while (hi != tess_cycleh());
	return (uint64_t)hi << 32 | lo;
}

/* Does not return: the tile halts with cause EXIT and this value. */
static inline __attribute__((noreturn)) void tess_exit(uint32_t value)
{
	__asm__ volatile(".insn r 0x0b, 1, 0, x0, %0, x0" : : "r"(value));
	__builtin_unreachable();
}

#define CAP_R1(f7, slot) ({ int32_t r_; \
	__asm__ volatile(".insn r 0x0b, 2, " #f7 ", %0, %1, x0" : "=r"(r_) : "r"(slot)); r_; })

static inline int32_t  cap_info(uint32_t s)  { return CAP_R1(0, s); }
static inline uint32_t cap_lo(uint32_t s)    { return (uint32_t)CAP_R1(1, s); }
static inline uint32_t cap_hi(uint32_t s)    { return (uint32_t)CAP_R1(2, s); }
static inline int32_t  cap_drop(uint32_t s)  { return CAP_R1(4, s); }

static inline int32_t cap_copy(uint32_t from, uint32_t to)
{
	int32_t r;
	__asm__ volatile(".insn r 0x0b, 2, 5, %0, %1, %2" : "=r"(r) : "r"(from), "r"(to));
	return r;
}

/* Copies slot `from` into slot `to` with the range [lo, hi] (inside the source's). */
static inline int32_t cap_narrow(uint32_t from, uint32_t to, uint32_t lo, uint32_t hi)
{
	int32_t r;
	__asm__ volatile(".insn r4 0x0b, 3, 0, %0, %1, %2, %3"
			 : "=r"(r) : "r"(from | to << 8), "r"(lo), "r"(hi));
	return r;
}

/* desc: SEND_DESC(slot, tag, len) [| SEND_DESC_PASS(pslot)]; dest used for ranges. */
static inline int32_t msg_send(uint32_t desc, const void *payload, uint32_t dest)
{
	int32_t r;
	__asm__ volatile(".insn r4 0x2b, 0, 0, %0, %1, %2, %3"
			 : "=r"(r) : "r"(desc), "r"(payload), "r"(dest) : "memory");
	return r;
}

/* Blocks; writes info, source, badge, payload at rec (3 + 16 words). Returns info. */
static inline uint32_t msg_recv(uint32_t *rec)
{
	uint32_t r;
	__asm__ volatile(".insn r 0x2b, 1, 0, %0, %1, x0" : "=r"(r) : "r"(rec) : "memory");
	return r;
}

/* As msg_recv when a message is there, else 0 and nothing written. */
static inline uint32_t msg_poll(uint32_t *rec)
{
	uint32_t r;
	__asm__ volatile(".insn r 0x2b, 1, 1, %0, %1, x0" : "=r"(r) : "r"(rec) : "memory");
	return r;
}

/* Sleeps until a message is there (1) or `cycles` have passed (0); 0 cycles: forever. */
static inline uint32_t msg_wait(uint32_t cycles)
{
	uint32_t r;
	__asm__ volatile(".insn r 0x2b, 1, 2, %0, %1, x0" : "=r"(r) : "r"(cycles) : "memory");
	return r;
}

/* Acknowledges the oldest pending EXIT notice from `tile`: 0 or E_NOPENDING (-8). */
static inline int32_t msg_ack(uint32_t tile)
{
	int32_t r;
	__asm__ volatile(".insn r 0x2b, 1, 3, %0, %1, x0" : "=r"(r) : "r"(tile) : "memory");
	return r;
}

#endif
