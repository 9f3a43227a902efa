/*
 * Console-service test program: writes CHAT_LINES lines, each in three pieces sent as
 * separate messages with pauses between, so that two chatters' pieces interleave;
 * then reports REPORT [3, arg] to its supervisor.
 */
#include "msg.h"
#include "tess.h"

#define CHAT_LINES 3

static void piece(const char *s)
{
	uint32_t w[16] = { 0 }, n = 0;
	for (; s[n]; n++)
		w[1 + n / 4] |= (uint32_t)(uint8_t)s[n] << (8 * (n % 4));
	w[0] = n;
	tess_send(SLOT_CONSOLE, TESS_CON_WRITE, w, 1 + (n + 3) / 4);
	msg_wait(300);
}

int main(void)
{
	uint32_t arg = tess_start_arg();
	char who[] = "chatter 0, ";
	who[8] = (char)('0' + (arg & 7));
	if (arg & 7)   /* msg.wait 0 would sleep until a message */
		msg_wait(100 * (arg & 7));
	for (int i = 0; i < CHAT_LINES; i++) {
		char line[] = "line 0\n";
		line[5] = (char)('0' + i);
		piece("hello from ");
		piece(who);
		piece(line);
	}
	uint32_t r[2] = { 3, arg };
	tess_send(SLOT_SUPERVISOR, TAG_REPORT, r, 2);
	return 0;
}
