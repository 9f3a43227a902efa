/* Semihosting for the RTL tile: the same calls and results as sim/semihost.c. */
#include <stdio.h>
#include <unistd.h>

#include "cosim.h"
#include "isa.h"

enum { SYS_READ = 63, SYS_WRITE = 64, SYS_EXIT = 93, SYS_EXIT_GROUP = 94 };
enum { EBADF = 9, ENOSYS = 38 };

static uint8_t sram_byte(const uint32_t *mem, uint32_t a)
{
	return (uint8_t)(mem[a >> 2] >> (8 * (a & 3)));
}

static void sram_put(uint32_t *mem, uint32_t a, uint8_t v)
{
	uint32_t sh = 8 * (a & 3);
	mem[a >> 2] = (mem[a >> 2] & ~(0xffu << sh)) | (uint32_t)v << sh;
}

static bool buffer_ok(uint32_t bound, uint32_t addr, uint32_t len)
{
	return addr <= bound && len <= bound - addr;
}

static void sys_write(rtl *r, uint32_t bound, const uint32_t *g, cosim_bytes *out, bool echo)
{
	uint32_t fd = g[0], buf = g[1], len = g[2];
	if (fd != 1 && fd != 2) {
		rtl_ecall_answer(r, (uint32_t)-EBADF, false, 0, 0);
		return;
	}
	if (!buffer_ok(bound, buf, len)) {
		rtl_ecall_answer(r, 0, true, CAUSE_MEM_FAULT, buf);
		return;
	}
	const uint32_t *mem = rtl_mem(r);
	for (uint32_t i = 0; i < len; i++) {
		char c = (char)sram_byte(mem, buf + i);
		cosim_bytes_add(out, &c, 1);
	}
	if (echo)
		fwrite(out->data + out->len - len, 1, len, fd == 1 ? stdout : stderr);
	rtl_ecall_answer(r, len, false, 0, 0);
}

/* stdin is /dev/null in co-simulation (both sides would read it), so reads give 0. */
static void sys_read(rtl *r, uint32_t bound, const uint32_t *g)
{
	uint32_t fd = g[0], buf = g[1], len = g[2];
	if (fd != 0) {
		rtl_ecall_answer(r, (uint32_t)-EBADF, false, 0, 0);
		return;
	}
	if (!buffer_ok(bound, buf, len)) {
		rtl_ecall_answer(r, 0, true, CAUSE_MEM_FAULT, buf);
		return;
	}
	uint8_t tmp[256];
	uint32_t done = 0;
	while (done < len) {
		size_t want = len - done < sizeof tmp ? len - done : sizeof tmp;
		ssize_t n = read(0, tmp, want);
		if (n <= 0)
			break;
		for (ssize_t i = 0; i < n; i++)
			sram_put(rtl_mem(r), buf + done + (uint32_t)i, tmp[i]);
		done += (uint32_t)n;
		break;       /* one read(2), as the model does */
	}
	rtl_ecall_answer(r, done, false, 0, 0);
}

void cosim_semihost(rtl *r, uint32_t bound, const uint32_t regs[4], cosim_bytes *out, bool echo)
{
	switch (regs[3]) {
	case SYS_WRITE:
		sys_write(r, bound, regs, out, echo);
		break;
	case SYS_READ:
		sys_read(r, bound, regs);
		break;
	case SYS_EXIT:
	case SYS_EXIT_GROUP:
		rtl_ecall_answer(r, 0, true, CAUSE_EXIT, regs[0]);
		break;
	default:
		rtl_ecall_answer(r, (uint32_t)-ENOSYS, false, 0, 0);
	}
}
