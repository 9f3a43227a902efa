/*
 * Client of the store tests. arg 1: PUT keys 1..STORE_KEYS (each acknowledged), make the
 * store crash in the middle of writing key 99, reconnect through the name service, and
 * GET everything back. arg 2 (a second simulator run on the same --disk): GET only.
 * Reports REPORT [3, acked puts, gets right, gets missing or wrong, torn visible].
 */
#include "msg.h"
#include "ns.h"
#include "tess.h"

#define STORE_KEYS 12
#define TORN_KEY   99
#define WAIT       50000u   /* cycles for an answer before asking the name service again */

static int32_t store = -1;

static uint32_t value(uint32_t key, uint32_t i) { return key * 1000u + i; }

static void connect(void)
{
	if (store >= 0)
		cap_drop((uint32_t)store);
	store = ns_lookup("store", WAIT, 0);
}

/* One request and its answer; retries through the name service when the store is gone. */
static int call(uint32_t tag, const uint32_t *w, uint32_t len, tess_msg *m)
{
	for (int tries = 0; tries < 5; tries++) {
		if (store < 0 || tess_send((uint32_t)store, tag, w, len) != 0) {
			connect();
			continue;
		}
		while (os_recv_match(m, TAG_ST_REPLY, ~0u, WAIT))
			if (m->w[1] == w[0])
				return (int32_t)m->w[0];
		connect();
	}
	return -100;
}

int main(void)
{
	uint32_t arg = tess_start_arg();
	tess_msg m;
	uint32_t acked = 0, right = 0, bad = 0, torn = 0, w[9];
	connect();
	for (uint32_t k = 1; arg == 1 && k <= STORE_KEYS; k++) {
		w[0] = k;
		for (uint32_t i = 0; i < 8; i++)
			w[1 + i] = value(k, i);
		acked += call(TAG_ST_PUT, w, 9, &m) == 0;
	}
	if (arg == 1) {
		w[0] = TORN_KEY;
		tess_send((uint32_t)store, TAG_ST_TORN, w, 1);
		connect();   /* the old capability points at a dead tile */
	}
	for (uint32_t k = 1; k <= STORE_KEYS; k++) {
		w[0] = k;
		int ok = call(TAG_ST_GET, w, 1, &m) == 0;
		for (uint32_t i = 0; ok && i < 8; i++)
			ok = m.w[2 + i] == value(k, i);
		ok ? right++ : bad++;
	}
	w[0] = TORN_KEY;
	torn = call(TAG_ST_GET, w, 1, &m) != -1;
	uint32_t r[5] = { 3, acked, right, bad, torn };
	tess_send(SLOT_SUPERVISOR, TAG_REPORT, r, 5);
	return bad || torn;
}
