/* Console input: read stdin through CON_READ until end of input, write it back
   upper-cased through CON_WRITE. */
#include "tmsg.h"

static uint32_t buf[3 + 16];

int main(void)
{
	for (;;) {
		uint32_t want = 60;
		msg_send(DESC(SLOT_CONSOLE, CON_READ, 1), &want, 0);
		msg_recv(buf);
		uint32_t n = buf[3];
		if (n == 0)
			return 0;
		char *p = (char *)&buf[4];
		for (uint32_t i = 0; i < n; i++)
			if (p[i] >= 'a' && p[i] <= 'z')
				p[i] = (char)(p[i] - 32);
		con_write(p, n);
	}
}
