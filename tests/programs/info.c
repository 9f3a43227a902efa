/*
 * Tile information instructions: id, coordinates, mesh size and memory bound agree
 * with each other, and the counters step exactly as isa/SPEC.md §5 says (one cycle and
 * one instruction per tess.* instruction).
 */
#include <stdio.h>

#include "check.h"
#include "tess.h"

int main(void)
{
	uint32_t t = tess_tid(), x = tess_x(), y = tess_y();
	uint32_t w = tess_mesh_w(), h = tess_mesh_h();
	CHECK_EQ(t, y * w + x);
	CHECK(x < w && y < h);
	uint32_t c0, c1, i0, i1;
	__asm__ volatile(".insn r 0x0b, 0, 3, %0, x0, x0\n\t"
			 ".insn r 0x0b, 0, 3, %1, x0, x0\n\t"
			 ".insn r 0x0b, 0, 5, %2, x0, x0\n\t"
			 ".insn r 0x0b, 0, 5, %3, x0, x0"
			 : "=&r"(c0), "=&r"(c1), "=&r"(i0), "=&r"(i1));
	CHECK_EQ(c1 - c0, 1);
	CHECK_EQ(i1 - i0, 1);
	uint64_t a = tess_cycles(), n = tess_instret();
	volatile uint32_t q = 1000;
	q = q / 7;                              /* DIV: 34 cycles */
	CHECK(tess_cycles() - a >= 34);
	CHECK(tess_instret() > n);
	CHECK_EQ(tess_start_arg(), 0);
	int local;
	CHECK((uint32_t)&local < tess_membound() && (uint32_t)&local > tess_membound() - 256);
	printf("tile %u at (%u,%u) of %ux%u, bound %u: %d checks passed, %d failed\n",
	       (unsigned)t, (unsigned)x, (unsigned)y, (unsigned)w, (unsigned)h,
	       (unsigned)tess_membound(), check_passes, check_fails);
	return check_fails;
}
