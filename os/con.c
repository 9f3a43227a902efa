/*
 * Console output: bytes are gathered until a newline or 60 bytes (one CON_WRITE), then
 * sent to the console device through SLOT_CONSOLE. The device itself keeps lines of
 * different tiles apart (SPEC §9.1); this buffer only saves messages.
 */
#include "con.h"

#include "msg.h"

#define CON_BYTES 60

static uint32_t con_buf[1 + CON_BYTES / 4];
static unsigned con_n;

void con_flush(void)
{
	if (!con_n)
		return;
	con_buf[0] = con_n;
	tess_send(SLOT_CONSOLE, TESS_CON_WRITE, con_buf, 1 + (con_n + 3) / 4);
	con_n = 0;
	os_drain();   /* printing is slow: a supervisor must still acknowledge in time */
	for (unsigned i = 1; i <= CON_BYTES / 4; i++)
		con_buf[i] = 0;
}

void con_putc(char c)
{
	con_buf[1 + con_n / 4] |= (uint32_t)(uint8_t)c << (8 * (con_n % 4));
	con_n++;
	if (c == '\n' || con_n == CON_BYTES)
		con_flush();
}

void con_puts(const char *s)
{
	while (*s)
		con_putc(*s++);
}

void con_putu(uint64_t v)
{
	char d[21];
	int n = 0;
	while (v >> 32) {   /* 64-bit division is a libgcc loop: only when needed */
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	}
	uint32_t u = (uint32_t)v;
	do {
		/* u / 10 by multiplying with 2^35 / 10: DIV costs 34 cycles, MULHU 3. */
		uint32_t q = (uint32_t)(((uint64_t)u * 0xcccccccdu) >> 35);
		d[n++] = (char)('0' + (u - q * 10));
		u = q;
	} while (u);
	while (n)
		con_putc(d[--n]);
}

void con_puti(int64_t v)
{
	if (v < 0) {
		con_putc('-');
		v = -v;
	}
	con_putu((uint64_t)v);
}
