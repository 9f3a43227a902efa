/*
 * picolibc stdio on the console device (isa/SPEC.md §9.1): stdout and stderr are
 * line-buffered and written with CON_WRITE messages through slot SLOT_CONSOLE; stdin
 * asks with CON_READ. A tile without a console capability falls back to semihosting
 * (write/read ecalls), so printf works everywhere with no setup.
 */
#include <stdio.h>
#include <string.h>

#include "tess.h"

#define LINE_MAX_BYTES ((MSG_MAX_WORDS - 1) * 4)   /* 60 bytes per CON_WRITE */

static uint32_t line[MSG_MAX_WORDS];   /* [nbytes, bytes...] */
static unsigned line_n;

void tess_console_flush(void)
{
	if (!line_n)
		return;
	line[0] = line_n;
	if (tess_send(SLOT_CONSOLE, TESS_CON_WRITE, line, 1 + (line_n + 3) / 4) != TESS_OK)
		tess_semihost(SEMIHOST_WRITE, 1, (long)&line[1], line_n);
	line_n = 0;
}

static int console_putc(char c, FILE *f)
{
	(void)f;
	((char *)&line[1])[line_n++] = c;
	if (c == '\n' || line_n == LINE_MAX_BYTES)
		tess_console_flush();
	return (unsigned char)c;
}

static char in_buf[LINE_MAX_BYTES];
static unsigned in_n, in_pos;

static int console_fill(void)
{
	tess_console_flush();          /* a prompt shows before the wait */
	uint32_t ask[1] = {LINE_MAX_BYTES};
	if (tess_send(SLOT_CONSOLE, TESS_CON_READ, ask, 1) != TESS_OK) {
		long n = tess_semihost(SEMIHOST_READ, 0, (long)in_buf, sizeof in_buf);
		in_n = n > 0 ? (unsigned)n : 0;
	} else {
		tess_msg m;
		tess_recv_tag(&m, TESS_CON_READ, DEV_CONSOLE);
		in_n = m.w[0] < LINE_MAX_BYTES ? m.w[0] : LINE_MAX_BYTES;
		memcpy(in_buf, &m.w[1], in_n);
	}
	in_pos = 0;
	return in_n ? 0 : -1;
}

static int console_getc(FILE *f)
{
	(void)f;
	if (in_pos == in_n && console_fill() < 0)
		return EOF;
	return (unsigned char)in_buf[in_pos++];
}

static int console_flush(FILE *f)
{
	(void)f;
	tess_console_flush();
	return 0;
}

static FILE console_stream = FDEV_SETUP_STREAM(console_putc, console_getc, console_flush,
					       _FDEV_SETUP_RW);

FILE *const stdin = &console_stream;
FILE *const stdout = &console_stream;
FILE *const stderr = &console_stream;
