/*
 * The random numbers of the test generators and random tests: xorshift64 over a state
 * of the caller's (seeded non-zero), 32 bits at a time. The same seed gives the same
 * numbers on every host.
 */
#ifndef TESS_TESTS_RNG_H
#define TESS_TESTS_RNG_H

#include <stdint.h>

static inline uint32_t rng_next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return (uint32_t)(*s >> 16);
}

#endif
