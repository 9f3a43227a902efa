/*
 * What a request asks a worker to do, shared by the client (which knows the answer it
 * must get back) and the worker. arg = kind << 28 | n.
 */
#ifndef OS_WORK_H
#define OS_WORK_H

#include <stdint.h>

enum { WORK_GOOD, WORK_LOOP, WORK_HOG, WORK_ILLEGAL, WORK_KINDS };

#define WORK_ARG(kind, n) ((uint32_t)(kind) << 28 | ((n) & 0xffffu))
#define WORK_KIND(arg)    ((arg) >> 28)
#define WORK_N(arg)       ((arg) & 0xffffu)

/* FNV-1a over 0..n-1: a result the client can check. */
static inline uint32_t work_value(uint32_t n)
{
	uint32_t h = 2166136261u;
	for (uint32_t i = 0; i < n; i++)
		h = (h ^ i) * 16777619u;
	return h;
}

/* xorshift32: the seeded stream that decides which requests run away. */
static inline uint32_t work_rand(uint32_t *s)
{
	uint32_t x = *s ? *s : 0x9e3779b9u;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *s = x;
}

#endif
