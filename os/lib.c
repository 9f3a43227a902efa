/* What gcc may call on its own in freestanding code (struct copies, zeroing). */
#include <stddef.h>
#include <stdint.h>

void *memcpy(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;
	if (!(((uintptr_t)d | (uintptr_t)s | n) & 3)) {
		for (size_t i = 0; i < n / 4; i++)
			((uint32_t *)dst)[i] = ((const uint32_t *)src)[i];
		return dst;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	uint8_t *d = dst;
	while (n--)
		*d++ = (uint8_t)c;
	return dst;
}
