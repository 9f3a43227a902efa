/* CRC-32 (the zlib polynomial, bit by bit) and Adler-32 over 8 KiB of memory filled
 * with a pattern, and over "123456789" (CRC-32 check value cbf43926). */
#include "semi.h"

static unsigned char buf[8192];

static u32 crc32(const unsigned char *p, u32 n)
{
	u32 c = 0xffffffffu;
	while (n--) {
		c ^= *p++;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ 0xedb88320u : c >> 1;
	}
	return ~c;
}

static u32 adler32(const unsigned char *p, u32 n)
{
	u32 a = 1, b = 0;
	while (n--) {
		a = (a + *p++) % 65521u;
		b = (b + a) % 65521u;
	}
	return b << 16 | a;
}

int main(void)
{
	for (u32 i = 0; i < sizeof buf; i++)
		buf[i] = (unsigned char)(i * 7 + (i >> 8));
	char line[64];
	put_line(line, fmt_hex(fmt_str(line, "crc32(123456789) = "),
			       crc32((const unsigned char *)"123456789", 9)));
	put_line(line, fmt_hex(fmt_str(line, "crc32(buf) = "), crc32(buf, sizeof buf)));
	put_line(line, fmt_hex(fmt_str(line, "adler32(buf) = "), adler32(buf, sizeof buf)));
	return 0;
}
