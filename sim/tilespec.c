/* Parsing tile sets and numbers. */
#include "tilespec.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool parse_u64(const char *s, bool sizes, uint64_t *out)
{
	if (!s || !*s || *s == '-' || *s == '+')
		return false;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 0);
	if (errno || end == s)
		return false;
	unsigned shift = 0;
	if (sizes && *end) {
		switch (*end) {
		case 'k': case 'K': shift = 10; break;
		case 'm': case 'M': shift = 20; break;
		case 'g': case 'G': shift = 30; break;
		default: return false;
		}
		end++;
		if (!strcmp(end, "iB") || !strcmp(end, "B") || !strcmp(end, "ib"))
			end += strlen(end);
	}
	if (*end)
		return false;
	if (shift && v > (~0ull >> shift))
		return false;
	*out = (unsigned long long)v << shift;
	return true;
}

/* "a" or "a-b" into [lo, hi]; false if malformed. */
static bool parse_range(const char *s, size_t len, uint64_t *lo, uint64_t *hi)
{
	char buf[48];
	if (len == 0 || len >= sizeof buf)
		return false;
	memcpy(buf, s, len);
	buf[len] = 0;
	char *dash = strchr(buf, '-');
	if (dash)
		*dash = 0;
	if (!parse_u64(buf, false, lo))
		return false;
	if (!dash) {
		*hi = *lo;
		return true;
	}
	return parse_u64(dash + 1, false, hi) && *lo <= *hi;
}

bool tilespec_each(const char *spec, uint32_t w, uint32_t h,
		   void (*fn)(uint32_t id, void *arg), void *arg, char *err, size_t errlen)
{
	uint64_t n = (uint64_t)w * h, lo, hi, ylo, yhi;
	if (!strcmp(spec, "all")) {
		for (uint32_t i = 0; i < n; i++)
			fn(i, arg);
		return true;
	}
	const char *comma = strchr(spec, ',');
	if (!comma) {
		if (!parse_range(spec, strlen(spec), &lo, &hi)) {
			snprintf(err, errlen, "bad tile set '%s' (expected all, N, A-B, X,Y or X0-X1,Y0-Y1)", spec);
			return false;
		}
		if (hi >= n) {
			snprintf(err, errlen, "tile %llu is outside the %ux%u mesh (tiles 0-%llu)",
				 (unsigned long long)hi, w, h, (unsigned long long)(n - 1));
			return false;
		}
		for (uint64_t i = lo; i <= hi; i++)
			fn((uint32_t)i, arg);
		return true;
	}
	if (!parse_range(spec, (size_t)(comma - spec), &lo, &hi) ||
	    !parse_range(comma + 1, strlen(comma + 1), &ylo, &yhi)) {
		snprintf(err, errlen, "bad tile set '%s' (expected all, N, A-B, X,Y or X0-X1,Y0-Y1)", spec);
		return false;
	}
	if (hi >= w || yhi >= h) {
		snprintf(err, errlen, "tile (%llu,%llu) is outside the %ux%u mesh",
			 (unsigned long long)hi, (unsigned long long)yhi, w, h);
		return false;
	}
	for (uint64_t y = ylo; y <= yhi; y++)
		for (uint64_t x = lo; x <= hi; x++)
			fn((uint32_t)(y * w + x), arg);
	return true;
}
