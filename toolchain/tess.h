/*
 * tess.h: Tessera's own instructions (the Xtess extension, isa/SPEC.md §4) for C on the
 * chip, as static inline functions over GNU as `.insn` forms, plus the message,
 * capability and control helpers built on them. Every constant comes from isa/:
 * params.h (sizes, slots, devices) and the tables tags.def, errors.def, causes.def.
 *
 * Build with tessera-cc, which puts isa/ and toolchain/ on the include path.
 */
#ifndef TESS_H
#define TESS_H

#include <stdint.h>

#include "params.h"

/* Reserved message tags (isa/tags.def): TESS_CTL_LOAD, TESS_CON_WRITE, TESS_MSG_EXIT... */
enum {
#define TAG(name, val, desc) TESS_##name = val,
#include "tags.def"
#undef TAG
};

/* Status codes of Xtess instructions (isa/errors.def): TESS_OK, TESS_E_SLOT, ... */
enum {
#define ERROR(name, val, desc) TESS_##name = val,
#include "errors.def"
#undef ERROR
};

/* Halt causes carried by EXIT notices (isa/causes.def): TESS_CAUSE_EXIT, ... */
enum {
#define CAUSE(name, num, desc) TESS_CAUSE_##name = num,
#include "causes.def"
#undef CAUSE
};

/* ---- tile information (custom-0, funct3 0) -------------------------------------- */

/*
 * One function per tile-information instruction (funct7 = f7). Each is its own asm
 * statement because .insn needs the selector as a literal; plain C (no statement
 * expressions), so the header is clean under -std=c11 -pedantic.
 */
#define TESS_INFO_FN_(name, f7) \
	static inline uint32_t name(void) \
	{ \
		uint32_t r; \
		__asm__ volatile(".insn r 0x0b, 0, " #f7 ", %0, x0, x0" : "=r"(r)); \
		return r; \
	}
TESS_INFO_FN_(tess_info_tid_, 0)
TESS_INFO_FN_(tess_info_txy_, 1)
TESS_INFO_FN_(tess_info_mesh_, 2)
TESS_INFO_FN_(tess_info_cycle_, 3)
TESS_INFO_FN_(tess_info_cycleh_, 4)
TESS_INFO_FN_(tess_info_instret_, 5)
TESS_INFO_FN_(tess_info_instreth_, 6)
TESS_INFO_FN_(tess_info_membound_, 7)
#undef TESS_INFO_FN_

/* This tile's id (y * W + x). */
static inline uint32_t tess_tid(void) { return tess_info_tid_(); }
/* Column and row of this tile, packed: y << 16 | x (one instruction). */
static inline uint32_t tess_xy(void) { return tess_info_txy_(); }
/* Mesh height and width, packed: h << 16 | w (one instruction). */
static inline uint32_t tess_mesh(void) { return tess_info_mesh_(); }
/* Column and row of this tile. */
static inline uint32_t tess_x(void) { return tess_info_txy_() & 0xffffu; }
static inline uint32_t tess_y(void) { return tess_info_txy_() >> 16; }
/* Mesh width and height. */
static inline uint32_t tess_mesh_w(void) { return tess_info_mesh_() & 0xffffu; }
static inline uint32_t tess_mesh_h(void) { return tess_info_mesh_() >> 16; }
/* Cycles since this tile started (64-bit, read consistently). */
static inline uint64_t tess_cycles(void)
{
	uint32_t hi, lo, hi2;
	do {
		hi = tess_info_cycleh_();
		lo = tess_info_cycle_();
		hi2 = tess_info_cycleh_();
	} while (hi != hi2);
	return (uint64_t)hi << 32 | lo;
}
/* Low 32 bits of the cycle counter: one instruction. */
static inline uint32_t tess_cycle32(void) { return tess_info_cycle_(); }
/* Instructions retired since start (64-bit). */
static inline uint64_t tess_instret(void)
{
	uint32_t hi, lo, hi2;
	do {
		hi = tess_info_instreth_();
		lo = tess_info_instret_();
		hi2 = tess_info_instreth_();
	} while (hi != hi2);
	return (uint64_t)hi << 32 | lo;
}
/* The memory bound: bytes of SRAM this tile may use, from 0. */
static inline uint32_t tess_membound(void) { return tess_info_membound_(); }

/*
 * The argument of the CTL_START that started this program (a0 at the entry, SPEC §6.1);
 * crt0 keeps it because it calls main with no arguments.
 */
static inline uint32_t tess_start_arg(void)
{
	extern uint32_t __tess_start_arg;
	return __tess_start_arg;
}

/*
 * Bytes below the memory bound kept for the stack: malloc never grows into them. Set
 * at link time: tessera-cc -Wl,--defsym=__tess_stack_reserve=N (default 8192, tess.ld).
 */
static inline uint32_t tess_stack_reserve(void)
{
	extern char __tess_stack_reserve[];
	return (uint32_t)(uintptr_t)__tess_stack_reserve;
}

/*
 * A semihosting call (isa/SPEC.md §11; on unless tessera run --no-semihost): ecall with
 * a7 = call (SEMIHOST_WRITE, SEMIHOST_READ, SEMIHOST_EXIT from isa/params.h), arguments in
 * a0..a2; returns a0. Runs the same under qemu-riscv32.
 */
static inline long tess_semihost(long call, long a, long b, long c)
{
	register long a0 __asm__("a0") = a, a1 __asm__("a1") = b, a2 __asm__("a2") = c;
	register long a7 __asm__("a7") = call;
	__asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
	return a0;
}

/* Halts the tile with cause EXIT and this value (the supervisor's notice carries it). */
static inline __attribute__((noreturn)) void tess_exit(uint32_t value)
{
	__asm__ volatile(".insn r 0x0b, 1, 0, x0, %0, x0" : : "r"(value) : "memory");
	__builtin_unreachable();
}

/* ---- capabilities (custom-0, funct3 2 and 3) ------------------------------------ */

/* Capability instructions with one or two source registers (funct7 = f7). */
#define TESS_CAP1_FN_(name, f7) \
	static inline uint32_t name(uint32_t a) \
	{ \
		uint32_t r; \
		__asm__ volatile(".insn r 0x0b, 2, " #f7 ", %0, %1, x0" : "=r"(r) : "r"(a)); \
		return r; \
	}
#define TESS_CAP2_FN_(name, f7) \
	static inline uint32_t name(uint32_t a, uint32_t b) \
	{ \
		uint32_t r; \
		__asm__ volatile(".insn r 0x0b, 2, " #f7 ", %0, %1, %2" \
				 : "=r"(r) : "r"(a), "r"(b)); \
		return r; \
	}
TESS_CAP1_FN_(tess_cap_info_, 0)
TESS_CAP1_FN_(tess_cap_lo_, 1)
TESS_CAP1_FN_(tess_cap_hi_, 2)
TESS_CAP1_FN_(tess_cap_badge_, 3)
TESS_CAP1_FN_(tess_cap_drop_, 4)
TESS_CAP2_FN_(tess_cap_copy_, 5)
TESS_CAP2_FN_(tess_cap_mint_, 6)
#undef TESS_CAP1_FN_
#undef TESS_CAP2_FN_

/* Kind of a slot (CAP_KIND_*), bit 4 set when it names one endpoint. */
static inline uint32_t cap_info(uint32_t slot) { return tess_cap_info_(slot); }
static inline uint32_t cap_kind(uint32_t slot) { return cap_info(slot) & 15u; }
/* The endpoint range [lo, hi] and the badge of a slot. */
static inline uint32_t cap_lo(uint32_t slot) { return tess_cap_lo_(slot); }
static inline uint32_t cap_hi(uint32_t slot) { return tess_cap_hi_(slot); }
static inline uint32_t cap_badge(uint32_t slot) { return tess_cap_badge_(slot); }
/* Empties a slot. Returns a status (TESS_OK or TESS_E_*). */
static inline int32_t cap_drop(uint32_t slot) { return (int32_t)tess_cap_drop_(slot); }
/* Copies slot src into slot dst. */
static inline int32_t cap_copy(uint32_t src, uint32_t dst)
{
	return (int32_t)tess_cap_copy_(src, dst);
}
/* Copies an unbadged SEND capability into dst with a badge. */
static inline int32_t cap_mint(uint32_t src, uint32_t dst, uint32_t badge)
{
	return (int32_t)tess_cap_mint_(src | dst << 8, badge);
}
/* Copies src into dst narrowed to [lo, hi] (inside src's range). */
static inline int32_t cap_narrow(uint32_t src, uint32_t dst, uint32_t lo, uint32_t hi)
{
	int32_t r;
	__asm__ volatile(".insn r4 0x0b, 3, 0, %0, %1, %2, %3"
			 : "=r"(r) : "r"(src | dst << 8), "r"(lo), "r"(hi));
	return r;
}

/* ---- messages (custom-1) --------------------------------------------------------- */

/* What msg.recv writes: info, source, badge, then the payload. */
typedef struct {
	uint32_t info;
	uint32_t src;
	uint32_t badge;
	uint32_t w[MSG_MAX_WORDS];
} tess_msg;

/* Payload words of an EXIT notice (SPEC §6.2, EXIT_NOTICE_WORDS in all). */
enum {
	TESS_EXIT_TILE,     /* the child that halted                */
	TESS_EXIT_CAUSE,    /* TESS_CAUSE_*                         */
	TESS_EXIT_PC,       /* pc of the halt                       */
	TESS_EXIT_VALUE,    /* exit value, faulting address or word */
	TESS_EXIT_CYC_LO,   /* the child's cycle count, low word    */
	TESS_EXIT_CYC_HI,   /* and high word                        */
};

/* Fields of an info word (what msg_recv and msg_poll return, SPEC §4.3). */
static inline uint32_t tess_info_tag(uint32_t info) { return info >> 8 & 255u; }
static inline uint32_t tess_info_len(uint32_t info) { return info >> 16 & 31u; }
static inline int tess_info_is_control(uint32_t info) { return (info & MSG_INFO_CONTROL) != 0; }
/* The slot a passed capability was put in, or -1. */
static inline int tess_info_cap_slot(uint32_t info)
{
	return info & MSG_INFO_CAP ? (int)(info >> 24 & 31u) : -1;
}

static inline uint32_t tess_msg_tag(const tess_msg *m) { return tess_info_tag(m->info); }
static inline uint32_t tess_msg_len(const tess_msg *m) { return tess_info_len(m->info); }
static inline int tess_msg_is_control(const tess_msg *m) { return tess_info_is_control(m->info); }
static inline int tess_msg_cap_slot(const tess_msg *m) { return tess_info_cap_slot(m->info); }

/*
 * msg.send: desc is SEND_DESC(slot, tag, len) (| SEND_DESC_PASS(slot) to pass a
 * capability); dest matters only when the slot covers a range. Blocks while the
 * network interface is full. Returns TESS_OK or TESS_E_*.
 */
static inline int32_t msg_send(uint32_t desc, const void *payload, uint32_t dest)
{
	int32_t r;
	__asm__ volatile(".insn r4 0x2b, 0, 0, %0, %1, %2, %3"
			 : "=r"(r) : "r"(desc), "r"(payload), "r"(dest) : "memory");
	return r;
}
/* msg.recv: blocks until a message is there; returns its info word. */
static inline uint32_t msg_recv(tess_msg *m)
{
	uint32_t r;
	__asm__ volatile(".insn r 0x2b, 1, 0, %0, %1, x0" : "=r"(r) : "r"(m) : "memory");
	return r;
}
/* msg.poll: as msg_recv when a message is there, else returns 0 at once. */
static inline uint32_t msg_poll(tess_msg *m)
{
	uint32_t r;
	__asm__ volatile(".insn r 0x2b, 1, 1, %0, %1, x0" : "=r"(r) : "r"(m) : "memory");
	return r;
}
/* msg.wait: sleeps until a message is there (1) or `cycles` pass (0); 0 = no deadline. */
static inline uint32_t msg_wait(uint32_t cycles)
{
	uint32_t r;
	__asm__ volatile(".insn r 0x2b, 1, 2, %0, %1, x0" : "=r"(r) : "r"(cycles) : "memory");
	return r;
}
/* msg.ack: acknowledges the pending EXIT notice from a child tile (SPEC §6.3). */
static inline int32_t msg_ack(uint32_t child)
{
	int32_t r;
	__asm__ volatile(".insn r 0x2b, 1, 3, %0, %1, x0" : "=r"(r) : "r"(child) : "memory");
	return r;
}

/* Sends len words with a tag through a single-endpoint slot. */
static inline int32_t tess_send(uint32_t slot, uint32_t tag, const uint32_t *w, uint32_t len)
{
	return msg_send(SEND_DESC(slot, tag, len), w, 0);
}
/* Sends through a range slot to endpoint dest. */
static inline int32_t tess_send_to(uint32_t slot, uint32_t dest, uint32_t tag,
				   const uint32_t *w, uint32_t len)
{
	return msg_send(SEND_DESC(slot, tag, len), w, dest);
}

/* ---- control of child tiles (SPEC §6.1): messages through a CONTROL slot --------- */

/* Writes n words at addr of idle tile `tile`, 15 words per message. */
int32_t tess_ctl_load(uint32_t slot, uint32_t tile, uint32_t addr, const uint32_t *w, uint32_t n);
/* Sets an idle tile's budgets: cycles (0 unlimited), memory bound (0 all), messages. */
int32_t tess_ctl_budget(uint32_t slot, uint32_t tile, uint64_t cycles, uint32_t bound,
			uint32_t msgs);
/* Starts an idle tile at pc with a0 = arg; this tile becomes its supervisor. */
int32_t tess_ctl_start(uint32_t slot, uint32_t tile, uint32_t pc, uint32_t arg);
/* Kills a running tile. */
int32_t tess_ctl_kill(uint32_t slot, uint32_t tile);
/* Installs the capability in cap_slot into the idle tile's slot dst_slot. */
int32_t tess_ctl_grant(uint32_t slot, uint32_t tile, uint32_t dst_slot, uint32_t cap_slot);
/* Clears an idle tile (memory, capabilities, budgets). */
int32_t tess_ctl_clear(uint32_t slot, uint32_t tile);

/*
 * Receiving with a hold-back queue: the console reader (stdin) and callers that wait
 * for one particular reply keep other messages here, and tess_recv returns them first.
 */
void tess_recv(tess_msg *m);
/* Waits for a message with this tag (from src unless src == ~0u); others are held back. */
void tess_recv_tag(tess_msg *m, uint32_t tag, uint32_t src);

/* Flushes this tile's console line buffer (printf output is line-buffered). */
void tess_console_flush(void);

#endif
