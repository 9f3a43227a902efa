/*
 * A request-server client. arg = pct << 24 | nreq << 8 | index. It finds the dispatcher
 * through the name service, sends nreq requests (a seeded pct% of them runaway: infinite
 * loop, memory hog, illegal instruction) with a window of CLIENT_WINDOW outstanding,
 * and checks every answer: a good request must come back with the right value, a
 * runaway one with an error, each exactly once. It reports to its supervisor:
 * REPORT [1, sent, good_ok, bad_err, wrong, lost, bad_sent, rtt_avg, index].
 */
#include "msg.h"
#include "ns.h"
#include "tess.h"
#include "work.h"

#define CLIENT_MAX    2048
#define CLIENT_WINDOW 4
#define CLIENT_QUIET  400000u    /* cycles without an answer before giving up */

static uint32_t expect[CLIENT_MAX];    /* arg of each request          */
static uint8_t answered[CLIENT_MAX];
static uint64_t sent_at[CLIENT_MAX];

typedef struct {
	uint32_t sent, good_ok, bad_err, wrong, bad_sent;
	uint64_t rtt;
} tally;

static void check(tally *t, const tess_msg *m, uint32_t nreq)
{
	uint32_t id = m->w[0];
	if (tess_msg_len(m) != 3 || id >= nreq || answered[id]) {
		t->wrong++;
		return;
	}
	answered[id] = 1;
	t->rtt += tess_cycles() - sent_at[id];
	uint32_t arg = expect[id];
	int32_t status = (int32_t)m->w[1];
	if (WORK_KIND(arg) == WORK_GOOD && status == 0 && m->w[2] == work_value(WORK_N(arg)))
		t->good_ok++;
	else if (WORK_KIND(arg) != WORK_GOOD && status < 0)
		t->bad_err++;
	else
		t->wrong++;
}

static uint32_t make_request(uint32_t *seed, uint32_t pct)
{
	uint32_t n = 1 + work_rand(seed) % 200;
	if (work_rand(seed) % 100 < pct)
		return WORK_ARG(1 + work_rand(seed) % (WORK_KINDS - 1), n);
	return WORK_ARG(WORK_GOOD, n);
}

int main(void)
{
	uint32_t arg = tess_start_arg();
	uint32_t index = arg & 255, nreq = arg >> 8 & 0xffff, pct = arg >> 24;
	uint32_t seed = 0x5eed0000u + index, done = 0, disp;
	tally t = { 0 };
	tess_msg m;
	if (nreq > CLIENT_MAX)
		nreq = CLIENT_MAX;
	int32_t slot = ns_lookup("dispatch", 0, &disp);
	if (slot < 0)
		return 2;
	while (done < nreq) {
		while (t.sent < nreq && t.sent - done < CLIENT_WINDOW) {
			uint32_t a = make_request(&seed, pct), w[2] = { t.sent, a };
			expect[t.sent] = a;
			t.bad_sent += WORK_KIND(a) != WORK_GOOD;
			sent_at[t.sent] = tess_cycles();
			tess_send((uint32_t)slot, TAG_REQ, w, 2);
			t.sent++;
		}
		if (!os_recv_match(&m, TAG_REP, ~0u, CLIENT_QUIET))
			break;
		check(&t, &m, nreq);
		done++;
	}
	uint32_t w[9] = { 1, t.sent, t.good_ok, t.bad_err, t.wrong, nreq - done, t.bad_sent,
			  (uint32_t)(t.rtt / (done ? done : 1)), index };
	tess_send(SLOT_SUPERVISOR, TAG_REPORT, w, 9);
	return t.wrong || done != nreq || t.good_ok + t.bad_err != nreq;
}
