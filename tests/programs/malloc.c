/*
 * malloc inside the tile's SRAM: fill the heap with 512-byte blocks until malloc says
 * NULL (errno ENOMEM, no fault), check every block lies between the image's end and
 * the stack reserve (tess_stack_reserve(), 8 KiB or set at link time) and kept its bytes, free them all and fill it again: same count.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "tess.h"

#define BLOCK 512
#define MAX_BLOCKS 256

extern char __heap_start[];
static unsigned char *blocks[MAX_BLOCKS];

static int fill(void)
{
	int n = 0;
	unsigned char *p;
	errno = 0;
	while (n < MAX_BLOCKS && (p = malloc(BLOCK))) {
		CHECK(p >= (unsigned char *)__heap_start);
		CHECK((uint32_t)(p + BLOCK) <= tess_membound() - tess_stack_reserve());
		memset(p, n & 255, BLOCK);
		blocks[n++] = p;
	}
	CHECK_EQ(errno, ENOMEM);
	for (int i = 0; i < n; i++)
		for (int k = 0; k < BLOCK; k += 64)
			CHECK_EQ(blocks[i][k], i & 255);
	return n;
}

int main(void)
{
	int n = fill();
	CHECK(n > 0);
	uint32_t top = (uint32_t)blocks[n - 1] + BLOCK;
	CHECK(tess_membound() - tess_stack_reserve() - top < 2 * BLOCK);   /* the heap was used up */
	for (int i = 0; i < n; i++)
		free(blocks[i]);
	int again = fill();
	CHECK_EQ(again, n);
	for (int i = 0; i < again; i++)
		free(blocks[i]);
	CHECK(malloc(tess_membound()) == NULL);
	volatile size_t mib = 1u << 20;         /* overflows size_t: NULL, not a fault */
	CHECK(calloc(mib, mib) == NULL);
	printf("bound %u, reserve %u: %d blocks of %d bytes, twice; %d checks passed, %d failed\n",
	       (unsigned)tess_membound(), (unsigned)tess_stack_reserve(), n, BLOCK, check_passes, check_fails);
	return check_fails;
}
