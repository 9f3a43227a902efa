/* A check that prints what failed and counts: the programs here test themselves. */
#ifndef PROGRAMS_CHECK_H
#define PROGRAMS_CHECK_H

#include <stdio.h>

static int check_fails, check_passes;

#define CHECK(cond) do { \
	if (cond) check_passes++; \
	else { check_fails++; printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

/* Checks that an Xtess status is the expected one, naming both on failure. */
#define CHECK_EQ(got, want) do { \
	long g_ = (long)(got), w_ = (long)(want); \
	if (g_ == w_) check_passes++; \
	else { check_fails++; printf("FAIL %s:%d: %s = %ld, want %s = %ld\n", \
				    __FILE__, __LINE__, #got, g_, #want, w_); } \
} while (0)

#endif
