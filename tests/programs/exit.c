/*
 * Exit values through main's return, exit() from a nested call and an unfinished line
 * that _exit must flush. On a 2x2 mesh tile 2 exits 7 and tile 3 returns 42: the run's
 * status is the lowest tile's non-zero value, 7 (isa/SPEC.md §12).
 */
#include <stdio.h>
#include <stdlib.h>

#include "tess.h"

static __attribute__((noreturn)) void leave(int v)
{
	printf("tile %u leaves with %d (no newline)", (unsigned)tess_tid(), v);
	exit(v);
}

int main(void)
{
	switch (tess_tid()) {
	case 2:
		leave(7);
	case 3:
		printf("tile 3 returns 42\n");
		return 42;
	default:
		leave(0);
	}
}
