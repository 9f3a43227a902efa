/*
 * The network alone: messages written straight into network interfaces, receivers
 * that empty their mailboxes on their own schedule, checked for delivery exactly once,
 * in order per (source, destination) pair, throughput and exact pipelining.
 */
#include <stdlib.h>
#include <string.h>

#include "mt.h"
#include "net.h"
#include "noc.h"
#include "devices/devices.h"
#include <stdio.h>
#include <unistd.h>

typedef struct {
	mt_chip c;
	uint32_t n;                /* tiles */
	uint32_t *next_seq;        /* [src * n + dst]: next sequence number expected */
	uint32_t *sent_seq;        /* [src * n + dst]: next sequence number to send */
	uint64_t delivered, last_delivery;
	uint64_t *per_src_last;
} traffic;

static void traffic_new(traffic *tr, uint32_t w, uint32_t h)
{
	memset(tr, 0, sizeof *tr);
	mt_new(&tr->c, w, h, 0);
	tr->n = w * h;
	tr->next_seq = calloc((size_t)tr->n * tr->n, sizeof *tr->next_seq);
	tr->sent_seq = calloc((size_t)tr->n * tr->n, sizeof *tr->sent_seq);
	tr->per_src_last = calloc(tr->n, sizeof *tr->per_src_last);
	tr->c.m->cfg.mem_size = MEM_MIN;   /* the tiles run no program */
	for (uint32_t i = 0; i < tr->n; i++) {
		tile_t *t = mesh_tile(tr->c.m, i);
		ck_assert_ptr_nonnull(t);
		t->state = TS_BLOCKED;     /* receiving: deliveries are kept, not dropped */
	}
}

static void traffic_free(traffic *tr)
{
	free(tr->next_seq);
	free(tr->sent_seq);
	free(tr->per_src_last);
	mt_free(&tr->c);
}

/* Write one message into src's NI at cycle `at` if it has room (as msg.send would). */
static bool send_one(traffic *tr, uint32_t src, uint32_t dst, uint32_t len, uint64_t at)
{
	tile_t *t = tr->c.m->tiles[src];
	unsigned nf = msg_flits(len, 0);
	if (ni_occupancy(&t->net->ni[VNET_DATA], at) + nf > NI_BUF_FLITS)
		return false;
	msg_t *m = msg_new();
	m->dst = dst;
	m->src = src;
	m->badge = 7;
	m->tag = 42;
	m->len = (uint8_t)len;
	m->nflits = (uint8_t)nf;
	m->sent = at;
	m->w[0] = tr->sent_seq[(size_t)src * tr->n + dst]++;
	for (uint32_t i = 1; i < len; i++)
		m->w[i] = src * 1000003u + i;
	ni_write(&t->net->ni[VNET_DATA], m, at);
	if (!t->net->ni_listed) {
		t->net->ni_listed = true;
		noc_tile_injected(tr->c.m->net, src);
	}
	return true;
}

/* Receiver id takes what it may at cycle c (at most `most` messages). */
static void drain(traffic *tr, uint32_t id, uint64_t c, int most)
{
	tile_t *t = tr->c.m->tiles[id];
	int q;
	msg_t *m;
	while (most-- > 0 && (m = mb_peek(&t->net->mb, c, &q))) {
		mb_take(&t->net->mb, q, c);
		ck_assert_uint_eq(m->dst, id);
		ck_assert_uint_eq(m->badge, 7);
		uint32_t *want = &tr->next_seq[(size_t)m->src * tr->n + id];
		ck_assert_msg(m->w[0] == *want || m->len == 0,
			      "%u->%u: got sequence %u, want %u", m->src, id, m->w[0], *want);
		for (uint32_t i = 1; i < m->len; i++)
			ck_assert_uint_eq(m->w[i], m->src * 1000003u + i);
		(*want)++;
		tr->delivered++;
		tr->last_delivery = m->delivered;
		tr->per_src_last[m->src] = m->delivered;
		msg_free(m);
	}
}

/* Run windows until every queued message is delivered (or fail past `limit`). */
typedef struct {
	uint32_t src, dst, len;
} plan_msg;

static uint64_t run_plan(traffic *tr, plan_msg *plan, uint32_t nplan, unsigned drain_rate,
			 uint64_t limit, uint32_t seed)
{
	uint32_t *cursor = calloc(tr->n, sizeof *cursor);   /* per source, next plan index */
	uint32_t **by_src = calloc(tr->n, sizeof *by_src), *cnt = calloc(tr->n, sizeof *cnt);
	for (uint32_t i = 0; i < nplan; i++)
		cnt[plan[i].src]++;
	for (uint32_t s = 0; s < tr->n; s++)
		by_src[s] = malloc((cnt[s] + 1) * sizeof **by_src), cnt[s] = 0;
	for (uint32_t i = 0; i < nplan; i++)
		by_src[plan[i].src][cnt[plan[i].src]++] = i;
	uint64_t T = 0;
	uint32_t rnd = seed * 2654435761u + 1;
	while (tr->delivered < nplan) {
		ck_assert_msg(T < limit, "seed %u: %llu of %u delivered at cycle %llu", seed,
			      (unsigned long long)tr->delivered, nplan, (unsigned long long)T);
		for (uint32_t s = 0; s < tr->n; s++)
			while (cursor[s] < cnt[s]) {
				plan_msg *p = &plan[by_src[s][cursor[s]]];
				if (!send_one(tr, s, p->dst, p->len, T))
					break;
				cursor[s]++;
			}
		net_advance(tr->c.m, T, T + LOOKAHEAD, NULL);
		for (uint32_t d = 0; d < tr->n; d++) {
			rnd = rnd * 1103515245u + 12345u;
			if (drain_rate == 0 || (rnd >> 16) % drain_rate == 0)
				drain(tr, d, T + LOOKAHEAD - 1, 2);
		}
		T += LOOKAHEAD;
	}
	ck_assert(net_idle(tr->c.m));
	for (uint32_t s = 0; s < tr->n; s++)
		free(by_src[s]);
	free(by_src);
	free(cnt);
	free(cursor);
	return T;
}

/* Thousands of seeded random patterns, most on 8x8, some on 4x4 and 8x4 (a third of
   them with receivers that take their messages slowly, so mailboxes fill up). */
START_TEST(random_traffic)
{
	for (uint32_t seed = 1; seed <= 2000; seed++) {
		uint32_t w = seed % 5 == 0 ? 4 : 8, h = seed % 7 == 0 ? 4 : 8;
		traffic tr;
		traffic_new(&tr, w, h);
		uint32_t rnd = seed, nplan = tr.n * (1 + seed % 4);
		plan_msg *plan = malloc(nplan * sizeof *plan);
		for (uint32_t i = 0; i < nplan; i++) {
			rnd = rnd * 1664525u + 1013904223u;
			plan[i].src = (rnd >> 8) % tr.n;
			rnd = rnd * 1664525u + 1013904223u;
			plan[i].dst = (rnd >> 8) % tr.n;
			plan[i].len = 1 + (rnd >> 20) % 16;
		}
		run_plan(&tr, plan, nplan, seed % 4, 2000000, seed);
		ck_assert_uint_eq(tr.delivered, nplan);
		free(plan);
		traffic_free(&tr);
	}
}
END_TEST

/* Every tile sends to every tile (itself included), twice, on 8x8. */
START_TEST(all_to_all)
{
	traffic tr;
	traffic_new(&tr, 8, 8);
	uint32_t nplan = 64 * 64 * 2, k = 0;
	plan_msg *plan = malloc(nplan * sizeof *plan);
	for (uint32_t r = 0; r < 2; r++)
		for (uint32_t s = 0; s < 64; s++)
			for (uint32_t d = 0; d < 64; d++)
				plan[k++] = (plan_msg){s, (s + d + r) % 64, 1 + (s + d) % 16};
	run_plan(&tr, plan, nplan, 0, 2000000, 0);
	ck_assert_uint_eq(tr.delivered, nplan);
	free(plan);
	traffic_free(&tr);
}
END_TEST

/* Back-to-back messages on one path stream at one flit per cycle, exactly. */
START_TEST(pipelined_stream)
{
	for (uint32_t len = 0; len <= 16; len += 4) {
		traffic tr;
		traffic_new(&tr, 8, 8);
		uint32_t k = 12, nf = 3 + len;
		tile_t *src = tr.c.m->tiles[0], *dst = tr.c.m->tiles[63];
		for (uint32_t i = 0; i < k; i++) {
			msg_t *m = msg_new();
			m->dst = 63;
			m->len = (uint8_t)len;
			m->nflits = (uint8_t)nf;
			ni_write(&src->net->ni[VNET_DATA], m, 0);
		}
		noc_tile_injected(tr.c.m->net, 0);
		uint64_t T = 0;
		uint32_t got = 0;
		while (got < k && T < 10000) {
			net_advance(tr.c.m, T, T + LOOKAHEAD, NULL);
			int q;
			msg_t *m;
			while ((m = mb_peek(&dst->net->mb, T + LOOKAHEAD - 1, &q))) {
				mb_take(&dst->net->mb, q, T + LOOKAHEAD - 1);
				uint64_t want = mt_latency(14, len, false) + (uint64_t)got * nf;
				ck_assert_msg(m->delivered == want, "len %u, message %u delivered at %llu, "
					      "want %llu", len, got, (unsigned long long)m->delivered,
					      (unsigned long long)want);
				got++;
				msg_free(m);
			}
			T += LOOKAHEAD;
		}
		ck_assert_uint_eq(got, k);
		traffic_free(&tr);
	}
}
END_TEST

/* Many sources to one destination: the ejection port is the bottleneck and is kept
   busy (one flit per cycle), and round robin shares it. */
START_TEST(hotspot_throughput)
{
	traffic tr;
	traffic_new(&tr, 4, 4);
	uint32_t per = 20, len = 16, nf = 3 + len, nplan = 0;
	plan_msg plan[15 * 20];
	for (uint32_t i = 0; i < per; i++)
		for (uint32_t s = 1; s < 16; s++)
			plan[nplan++] = (plan_msg){s, 0, len};
	run_plan(&tr, plan, nplan, 0, 1000000, 0);
	uint64_t flits = (uint64_t)nplan * nf;
	/* Lower bound: one flit per cycle into tile 0; upper: at most 2% idle + start-up. */
	ck_assert_uint_ge(tr.last_delivery, flits);
	ck_assert_msg(tr.last_delivery <= flits + flits / 50 + 64, "%llu cycles for %llu flits",
		      (unsigned long long)tr.last_delivery, (unsigned long long)flits);
	uint64_t lo = UINT64_MAX, hi = 0;
	for (uint32_t s = 1; s < 16; s++) {
		lo = tr.per_src_last[s] < lo ? tr.per_src_last[s] : lo;
		hi = tr.per_src_last[s] > hi ? tr.per_src_last[s] : hi;
	}
	/* Round robin at tile 0 alternates between its E input (row 0: 3 sources) and
	   its S input (the 12 others): row 0 is done within the first 2 x 60 messages. */
	for (uint32_t s = 1; s < 4; s++)
		ck_assert_msg(tr.per_src_last[s] <= 2 * 3 * per * nf + 100,
			      "source %u finished at %llu", s, (unsigned long long)tr.per_src_last[s]);
	(void)lo;
	(void)hi;
	traffic_free(&tr);
}
END_TEST

/* A full mailbox stops ejection; a slot freed by a receive at cycle c lets the next
   head flit in at c + LOOKAHEAD exactly (SPEC §8.4). */
START_TEST(mailbox_backpressure)
{
	traffic tr;
	traffic_new(&tr, 2, 1);
	tile_t *src = tr.c.m->tiles[0], *dst = tr.c.m->tiles[1];
	uint32_t len = 1, nf = 3 + len;
	for (uint32_t i = 0; i < MAILBOX_MSGS + 1; i++) {
		msg_t *m = msg_new();
		m->dst = 1;
		m->len = (uint8_t)len;
		m->nflits = (uint8_t)nf;
		m->w[0] = i;
		ni_write(&src->net->ni[VNET_DATA], m, 0);
	}
	noc_tile_injected(tr.c.m->net, 0);
	uint64_t T = 0;
	for (; T < 400; T += LOOKAHEAD)
		net_advance(tr.c.m, T, T + LOOKAHEAD, NULL);
	/* Eight in the mailbox, the ninth waiting in the network. */
	int q, n = 0;
	for (msg_t *m = dst->net->mb.q[MBQ_DATA].head; m; m = m->next)
		n++;
	ck_assert_int_eq(n, MAILBOX_MSGS);
	ck_assert(!net_idle(tr.c.m));
	uint64_t c = T + 1;                /* a receive in the core phase of this window */
	net_advance(tr.c.m, T, T + LOOKAHEAD, NULL);
	msg_t *m = mb_peek(&dst->net->mb, c, &q);
	ck_assert_ptr_nonnull(m);
	mb_take(&dst->net->mb, q, c);
	msg_free(m);
	for (T += LOOKAHEAD; T < 600; T += LOOKAHEAD)
		net_advance(tr.c.m, T, T + LOOKAHEAD, NULL);
	msg_t *last = dst->net->mb.q[MBQ_DATA].tail;
	ck_assert_uint_eq(last->w[0], MAILBOX_MSGS);
	/* head crosses at c + LOOKAHEAD, the tail F - 1 later, delivered 2 after that */
	ck_assert_uint_eq(last->delivered, c + LOOKAHEAD + (nf - 1) + 1 + EJECT_LATENCY);
	ck_assert(net_idle(tr.c.m));
	traffic_free(&tr);
}
END_TEST

/* Six independent reads: BLK_CHANNELS run at once, the others start when a channel
   frees; a read that depends on the sixth waits for it; a barrier waits for all. */
START_TEST(block_channels)
{
	traffic tr;
	traffic_new(&tr, 1, 1);
	char path[] = "/tmp/tessera-blk-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	unlink(path);                      /* blk_open creates it */
	char err[256];
	ck_assert_msg(blk_open(tr.c.m, path, err, sizeof err), "%s", err);
	tile_t *t = tr.c.m->tiles[0];
	static const uint32_t reqs[][5] = {
		{1, 0, 0, 0, 1}, {2, 0, 0, 0, 2}, {3, 0, 0, 0, 3}, {4, 0, 0, 0, 4}, {5, 0, 0, 0, 5},
		{6, 0, 0, 0, 6}, {7, 1 << 1, 6, 0, 7}, {8, 1, 0, 0, 8},
	};
	for (uint32_t i = 0; i < 8; i++) {
		msg_t *m = msg_new();
		m->dst = DEV_BLOCK;
		m->src = 0;
		m->tag = TAG_BLK_READ;
		m->len = 5;
		m->nflits = (uint8_t)msg_flits(5, 0);
		memcpy(m->w, reqs[i], sizeof reqs[i]);
		ni_write(&t->net->ni[VNET_DATA], m, 0);
	}
	noc_tile_injected(tr.c.m->net, 0);
	uint64_t done[9] = {0}, T;
	uint32_t got = 0, order[8];
	for (T = 0; got < 8 && T < 5000; T += LOOKAHEAD) {
		net_advance(tr.c.m, T, T + LOOKAHEAD, NULL);
		int q;
		msg_t *m;
		while ((m = mb_peek(&t->net->mb, T + LOOKAHEAD - 1, &q))) {
			mb_take(&t->net->mb, q, T + LOOKAHEAD - 1);
			ck_assert_uint_eq(m->w[1], 0);
			done[m->w[0]] = m->delivered;
			order[got++] = m->w[0];
			msg_free(m);
		}
	}
	ck_assert_uint_eq(got, 8);
	uint32_t busy = BLK_LATENCY + 8 * BLK_WORD_CYCLES;
	for (uint32_t i = 0; i < 4; i++)   /* the first four ran together */
		ck_assert_uint_lt(done[i + 1], done[1] + busy);
	/* Replies may queue behind each other on the way back, so bounds count from the
	   first reply (which does not): 5 and 6 wait for a channel, 7 for 6, 8 for 7. */
	ck_assert_uint_ge(done[5], done[1] + busy);
	ck_assert_uint_ge(done[6], done[1] + busy);
	ck_assert_uint_ge(done[7], done[1] + 2 * busy);
	ck_assert_uint_ge(done[8], done[1] + 3 * busy);
	ck_assert_uint_gt(done[7], done[6]);
	ck_assert_uint_eq(order[7], 8);
	ck_assert(net_idle(tr.c.m));
	traffic_free(&tr);
	unlink(path);
}
END_TEST

/* Part k's neighbours in window mode, worked out here from the tiles' adjacency. */
static void check_neighbours(mesh_t *m)
{
	net_t *n = m->net;
	uint32_t w = m->cfg.width, np = m->nparts;
	bool *adj = calloc((size_t)np * np, sizeof *adj);
	ck_assert_ptr_nonnull(adj);
	for (uint32_t id = 0; id < m->ntiles; id++) {
		uint32_t k = mesh_part(m, id);
		if (id % w + 1 < w && mesh_part(m, id + 1) != k)
			adj[k * np + mesh_part(m, id + 1)] = adj[mesh_part(m, id + 1) * np + k] = true;
		if (id + w < m->ntiles && mesh_part(m, id + w) != k)
			adj[k * np + mesh_part(m, id + w)] = adj[mesh_part(m, id + w) * np + k] = true;
	}
	for (uint32_t k = 0; k < np; k++) {
		uint32_t want = 0;
		for (uint32_t j = 0; j < np; j++)
			want += adj[k * np + j];
		ck_assert_uint_eq(n->parts[k].nbr.n, want);
		for (uint32_t i = 0; i < n->parts[k].nbr.n; i++)
			ck_assert(adj[k * np + n->parts[k].nbr.v[i]]);
	}
	free(adj);
}

static mesh_t *parted(uint32_t w, uint32_t h, int threads)
{
	mesh_config mc;
	mesh_config_default(&mc);
	mc.width = w;
	mc.height = h;
	mc.threads = threads;
	mc.quiet = true;
	mesh_t *m = mesh_new(&mc);
	ck_assert_ptr_nonnull(m);
	return m;
}

/* Window mode meets only neighbouring parts: a part per row of 8x8 has the rows above
   and below; parts that end inside rows (5x7 in 4) and moved boundaries too. */
START_TEST(part_neighbours)
{
	mesh_t *m = parted(8, 8, 8);
	for (uint32_t k = 0; k < 8; k++) {
		noc_part *p = &m->net->parts[k];
		ck_assert_uint_eq(p->nbr.n, k == 0 || k == 7 ? 1 : 2);
		for (uint32_t i = 0; i < p->nbr.n; i++)
			ck_assert(p->nbr.v[i] == k - 1 || p->nbr.v[i] == k + 1);
	}
	check_neighbours(m);
	mesh_free(m);
	m = parted(5, 7, 4);
	check_neighbours(m);
	/* part 1 shrinks to 3 tiles inside row 1: parts 0 and 2 touch */
	static const uint32_t first[] = {0, 6, 9, 30};
	m->part_first = first;
	net_parts_moved(m);
	check_neighbours(m);
	ck_assert_uint_eq(m->net->parts[1].nbr.n, 2);
	ck_assert_uint_eq(m->net->parts[0].nbr.n, 2);
	m->part_first = NULL;
	mesh_free(m);
}
END_TEST

Suite *suite_net(void)
{
	Suite *s = suite_create("net");
	TCase *tc = tcase_create("traffic");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, random_traffic);
	tcase_add_test(tc, all_to_all);
	tcase_add_test(tc, hotspot_throughput);
	tcase_add_test(tc, pipelined_stream);
	tcase_add_test(tc, mailbox_backpressure);
	tcase_add_test(tc, block_channels);
	tcase_add_test(tc, part_neighbours);
	suite_add_tcase(s, tc);
	return s;
}
