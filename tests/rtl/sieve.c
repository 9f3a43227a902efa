/* A C workload for co-simulation: sieve, a hash with mul/div, printed via semihosting. */
#include "tess.h"

#define N 2000

static unsigned char composite[N];

static long sys_write(int fd, const void *buf, unsigned len)
{
	return tess_semihost(SEMIHOST_WRITE, fd, (long)buf, (long)len);
}

static void put_hex(unsigned v)
{
	char buf[9];
	for (int i = 0; i < 8; i++)
		buf[i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 15];
	buf[8] = '\n';
	sys_write(1, buf, 9);
}

int main(void)
{
	unsigned count = 0, h = 2166136261u;
	for (unsigned i = 2; i < N; i++) {
		if (composite[i])
			continue;
		count++;
		h = (h ^ i) * 16777619u;
		h += h / (i | 1) + h % 97;
		for (unsigned j = i * i; j < N; j += i)
			composite[j] = 1;
	}
	put_hex(count);
	put_hex(h);
	return count == 303 ? 0 : 1;
}
