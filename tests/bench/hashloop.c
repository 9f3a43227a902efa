/*
 * Compute-bound benchmark: an integer hash over a small table, the same ELF under
 * qemu-riscv32 and tessera (semihosting write/exit only). Prints the hash.
 */
#include "tess.h"

#ifndef ITER
#define ITER 20000000u
#endif


static unsigned table[256];

void _start(void)
{
	unsigned h = 2166136261u, x = 12345;
	for (unsigned i = 0; i < 256; i++) {
		x ^= x << 13; x ^= x >> 17; x ^= x << 5;
		table[i] = x;
	}
	for (unsigned i = 0; i < ITER; i++) {
		h ^= table[(h ^ i) & 255];
		h *= 16777619u;
		h += i >> 3;
	}
	char buf[9];
	for (int i = 0; i < 8; i++)
		buf[i] = "0123456789abcdef"[(h >> (28 - 4 * i)) & 15];
	buf[8] = '\n';
	tess_semihost(SEMIHOST_WRITE, 1, (long)buf, 9);
	tess_semihost(SEMIHOST_EXIT, 0, 0, 0);
	for (;;)
		;
}
