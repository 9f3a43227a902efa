/* Console input: read stdin through TESS_CON_READ until end of input, write it back
   upper-cased through TESS_CON_WRITE. */
#include "tmsg.h"

static uint32_t buf[MSG_RECORD_HDR_WORDS + MSG_MAX_WORDS];

int main(void)
{
	for (;;) {
		uint32_t want = 60;
		msg_send(SEND_DESC(SLOT_CONSOLE, TESS_CON_READ, 1), &want, 0);
		msg_recv((tess_msg *)buf);
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
