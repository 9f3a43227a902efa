/* Console output through the console device (SPEC §9.1), buffered per line. */
#ifndef OS_CON_H
#define OS_CON_H

#include <stdint.h>

void con_putc(char c);
void con_puts(const char *s);
void con_putu(uint64_t v);
void con_puti(int64_t v);
void con_flush(void);

#endif
