/* Guest programs on the simulated chip: latency, examples, supervision, budgets. */
#include <stdlib.h>
#include <string.h>

#include "elf_load.h"

#include "mt.h"
#include "noc.h"

/* One message from src to dst: the receiver measures the latency (lat.c). */
static uint32_t measure(uint32_t w, uint32_t h, uint32_t src, uint32_t dst, uint32_t len,
			bool cap)
{
	mt_chip c;
	mt_new(&c, w, h, 0);
	uint32_t ps[4] = {dst, len, cap, 1}, pr[4] = {0, 0, 0, 0};
	mt_load(&c, src, "lat", ps, 4);
	tile_t *r = mt_load(&c, dst, "lat", pr, 4);
	mt_run(&c);
	ck_assert_int_eq(r->state, TS_HALTED);
	ck_assert_int_eq(r->cause, CAUSE_EXIT);
	ck_assert_int_eq(r->halt_value, 0);
	ck_assert_int_eq(c.m->tiles[src]->halt_value, 0);
	uint32_t l = mt_word(&c, dst, "out", 0) - (mt_word(&c, src, "buf", 0) + 2);
	mt_free(&c);
	return l;
}

START_TEST(latency_formula)
{
	static const struct { uint32_t w, h, src, dst, hops; } paths[] = {
		{2, 1, 0, 1, 1}, {3, 3, 0, 8, 4}, {8, 8, 0, 63, 14}, {8, 8, 63, 0, 14},
		{8, 8, 7, 56, 14}, {4, 4, 5, 6, 1}, {5, 5, 24, 12, 4},
	};
	static const uint32_t lens[] = {0, 1, 4, 16};
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
		for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++)
			for (int cap = 0; cap < 2; cap++) {
				uint32_t got = measure(paths[i].w, paths[i].h, paths[i].src,
						       paths[i].dst, lens[k], cap);
				uint32_t want = mt_latency(paths[i].hops, lens[k], cap);
				ck_assert_msg(got == want, "%u hops, len %u, cap %d: latency %u, want %u",
					      paths[i].hops, lens[k], cap, got, want);
			}
}
END_TEST

START_TEST(capability_refusals)
{
	mt_chip c;
	mt_new(&c, 4, 4, 0);
	uint32_t one = 1;
	mt_load(&c, 0, "caps", NULL, 0);
	mt_caps(&c, 0, -1, 1, 1);
	mt_load(&c, 1, "caps", &one, 1);
	mt_run(&c);
	static const int32_t want[] = {
		0x11, 0, ERR_E_SLOT, ERR_E_EMPTY, ERR_E_LEN, ERR_E_RANGE, ERR_E_PASS, ERR_E_KIND,
		ERR_E_RANGE, ERR_E_RANGE, ERR_E_RANGE, 0, 0x201, ERR_E_RANGE, 0, 5, ERR_E_BADGED,
		ERR_E_KIND, ERR_E_EMPTY, ERR_E_SLOT, ERR_E_EMPTY, 0, 0x11, 0, 0, ERR_E_SLOT,
		ERR_E_NOPENDING, 0x12, 1, 0,
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		ck_assert_msg((int32_t)mt_word(&c, 0, "res", (uint32_t)i) == want[i],
			      "check %zu: got %d, want %d", i, (int32_t)mt_word(&c, 0, "res", (uint32_t)i),
			      want[i]);
	/* Tile 1: from tile 0, badge 5 (minted), the console capability in slot 1 (empty
	   without --disk), payload 77. */
	static const int32_t want1[] = {0, 5, 1, 1, (int32_t)DEV_CONSOLE, 77};
	for (size_t i = 0; i < 6; i++)
		ck_assert_msg((int32_t)mt_word(&c, 1, "res", (uint32_t)i) == want1[i],
			      "receiver %zu: got %d, want %d", i, (int32_t)mt_word(&c, 1, "res", (uint32_t)i),
			      want1[i]);
	/* Error sends cost one cycle and send nothing: a CTL_LOAD (refused by the running
	   tile 1) and the badged message in all. */
	ck_assert_uint_eq(c.m->tiles[0]->stats.msgs_sent, 2);
	ck_assert_uint_eq(c.m->tiles[1]->stats.ctl_rejected, 1);
	mt_free(&c);
}
END_TEST

static uint64_t global_halt(const tile_t *t) { return t->start_cycle + t->halt_cycles; }

static mt_chip *super_run(mt_chip *c, uint32_t scenario, bool semihost)
{
	mt_new(c, 4, 4, 0);
	c->m->cfg.semihost = semihost;
	mt_load(c, 0, "super", &scenario, 1);
	mt_caps(c, 0, -1, 0, 15);
	mt_run(c);
	return c;
}

/* Every halt cause sends a notice with tile, cause, pc, value and cycles. */
START_TEST(halt_notices)
{
	mt_chip c;
	super_run(&c, 1, false);
	ck_assert_int_eq(c.m->tiles[0]->cause, CAUSE_EXIT);
	ck_assert_int_eq(c.m->tiles[0]->halt_value, 0);
	for (uint32_t k = 1; k <= 10; k++) {
		const tile_t *t = c.m->tiles[k];
		ck_assert_msg(t && t->state == TS_HALTED, "tile %u did not halt", k);
		ck_assert_msg(t->cause == k, "tile %u: cause %u, want %u", k, t->cause, k);
		uint32_t want[6] = {k, k, t->halt_pc, t->halt_value, (uint32_t)t->halt_cycles,
				    (uint32_t)(t->halt_cycles >> 32)};
		for (uint32_t i = 0; i < 6; i++)
			ck_assert_msg(mt_word(&c, 0, "notices", k * 8 + i) == want[i],
				      "cause %u, notice word %u: %u, want %u", k, i,
				      mt_word(&c, 0, "notices", k * 8 + i), want[i]);
		ck_assert_int_eq((int32_t)mt_word(&c, 0, "acks", k * 2), 0);
		ck_assert_int_eq((int32_t)mt_word(&c, 0, "acks", k * 2 + 1), ERR_E_NOPENDING);
	}
	ck_assert_uint_eq(c.m->tiles[1]->halt_value, 42);
	ck_assert_uint_eq(c.m->tiles[2]->halt_value, 0);          /* the word .word 0 */
	ck_assert_uint_eq(c.m->tiles[3]->halt_value, MEM_DEFAULT);
	ck_assert_uint_eq(c.m->tiles[4]->halt_value, 2);
	ck_assert_uint_ge(c.m->tiles[7]->halt_cycles, 1000);
	ck_assert_uint_le(c.m->tiles[7]->halt_cycles, 1002);
	ck_assert_uint_eq(c.m->tiles[8]->stats.msgs_sent, 3);
	ck_assert_uint_eq(c.m->tiles[10]->halt_value, 12);         /* the grandchild */
	ck_assert_int_eq(c.m->tiles[12]->cause, CAUSE_EXIT);
	mt_free(&c);
}
END_TEST

/* Kill of tile 5 cascades through 6, 11 and their children, each at the cycle the
   kill message arrives (SPEC §6.2, §8.3). */
START_TEST(cascade_three_levels)
{
	mt_chip c;
	super_run(&c, 2, true);
	static const struct { uint32_t parent, kids[2]; } tree[] = {
		{5, {6, 11}}, {6, {7, 10}}, {11, {14, 15}},
	};
	ck_assert_int_eq(c.m->tiles[0]->cause, CAUSE_EXIT);
	ck_assert_int_eq(c.m->tiles[0]->halt_value, 0);
	ck_assert_int_eq(c.m->tiles[5]->cause, CAUSE_KILLED);
	for (size_t i = 0; i < 3; i++) {
		uint64_t h = global_halt(c.m->tiles[tree[i].parent]);
		for (uint32_t k = 0; k < 2; k++) {
			const tile_t *t = c.m->tiles[tree[i].kids[k]];
			ck_assert_msg(t != NULL, "tile %u never ran", tree[i].kids[k]);
			ck_assert_int_eq(t->cause, CAUSE_KILLED);
			/* notice (9 flits) first, then kills of 3 flits in increasing id order */
			uint64_t written = h + 9 + 3 * k;
			uint32_t hops = noc_hops(c.m->net, tree[i].parent, t->id);
			uint64_t want = written + mt_latency(hops, 0, false) + CTL_APPLY_CYCLES;
			ck_assert_msg(global_halt(t) == want, "tile %u halted at %llu, want %llu",
				      t->id, (unsigned long long)global_halt(t),
				      (unsigned long long)want);
		}
	}
	mt_free(&c);
}
END_TEST

/* A notice received but not acknowledged halts the supervisor ACK_GRACE later. */
START_TEST(unacknowledged_notice)
{
	mt_chip c;
	super_run(&c, 3, true);
	const tile_t *sup = c.m->tiles[0], *kid = c.m->tiles[5];
	ck_assert_int_eq(kid->cause, CAUSE_EXIT);
	ck_assert_int_eq(sup->cause, CAUSE_UNHANDLED_EXIT);
	ck_assert_uint_eq(sup->halt_value, 5);
	uint64_t delivered = global_halt(kid) + mt_latency(noc_hops(c.m->net, 5, 0), 6, false);
	ck_assert_uint_eq(global_halt(sup), delivered + ACK_GRACE);
	mt_free(&c);
}
END_TEST

/* Budgets stop a runaway loop and a memory hog at the cycle SPEC §7 gives. */
START_TEST(budgets)
{
	mt_chip c;
	super_run(&c, 4, true);
	const tile_t *spin = c.m->tiles[1], *hog = c.m->tiles[2];
	ck_assert_int_eq(spin->cause, CAUSE_BUDGET_CYCLES);
	ck_assert_uint_eq(spin->halt_cycles, 1002);       /* j . issues every 3 cycles */
	ck_assert_int_eq(hog->cause, CAUSE_MEM_FAULT);
	ck_assert_uint_eq(hog->halt_value, 0x6000);
	ck_assert_uint_eq(hog->halt_cycles, 5 * (0x6000 - 0x4000) / 4);
	ck_assert_int_eq(c.m->tiles[0]->halt_value, 0);
	mt_free(&c);
}
END_TEST

/* A halted tile is idle: it can be loaded and started again. */
START_TEST(restart_halted_tile)
{
	mt_chip c;
	super_run(&c, 5, true);
	for (uint32_t k = 0; k < 2; k++) {
		ck_assert_uint_eq(mt_word(&c, 0, "notices", k * 8 + 0), 1);
		ck_assert_uint_eq(mt_word(&c, 0, "notices", k * 8 + 1), CAUSE_EXIT);
		ck_assert_uint_eq(mt_word(&c, 0, "notices", k * 8 + 3), 42);
		ck_assert_int_eq((int32_t)mt_word(&c, 0, "acks", k * 2), 0);
	}
	/* Same program, same start: the same number of cycles both times. */
	ck_assert_uint_eq(mt_word(&c, 0, "notices", 4), mt_word(&c, 0, "notices", 8 + 4));
	ck_assert_uint_eq(c.m->tiles[0]->halt_value, 0);
	ck_assert_uint_gt(c.m->tiles[1]->start_cycle, mt_word(&c, 0, "notices", 4));
	mt_free(&c);
}
END_TEST

/*
 * Operations right behind a kill (scenario 6): the CLEARs that apply while the child is
 * halting (its halt h to h + LOOKAHEAD - 1) are refused, the later ones apply to the
 * idle tile, and it starts again after (SPEC §6.2).
 */
START_TEST(ops_while_halting)
{
	mt_chip c;
	super_run(&c, 6, true);
	const tile_t *t = c.m->tiles[1];
	ck_assert_uint_eq(mt_word(&c, 0, "notices", 2 * 8 + 1), CAUSE_KILLED);
	ck_assert_uint_eq(mt_word(&c, 0, "notices", 1 * 8 + 1), CAUSE_EXIT);
	ck_assert_uint_eq(mt_word(&c, 0, "notices", 1 * 8 + 3), 42);
	/* The kill applies at h (the spinning child halts at once); 3-flit CLEARs follow
	   3 cycles apart (--msg-trace): the first applies at h + 3, refused, the next at
	   h + 6 and on, applied. Before halting took LOOKAHEAD cycles, none was refused. */
	ck_assert_uint_eq(t->stats.ctl_rejected, 1);
	mt_free(&c);
}
END_TEST

/*
 * A control operation is decided at its apply cycle A (SPEC §6.1, §6.2): tile 1 spins
 * with a cycle budget and halts at 999, so it is IDLE from 999 + LOOKAHEAD; a CTL_LOAD
 * applied at 998 finds it running, one at 999 or 1002 finds it halting (both refused),
 * one applied at 1003 finds it idle (applied to the cleared tile).
 */
static void load_at(uint64_t apply, bool want_applied)
{
	mt_chip c;
	mt_new(&c, 2, 1, 0);
	tile_t *t = mt_load(&c, 1, "super", NULL, 0);
	const elf_symbol *spin = NULL;
	for (size_t i = 0; i < t->image->nsyms; i++)
		if (!strcmp(t->image->syms[i].name, "spin"))
			spin = &t->image->syms[i];
	ck_assert_ptr_nonnull(spin);
	t->budget_cycles = 999;
	tile_start(t, spin->addr, 0);
	tile_t *s = mesh_tile(c.m, 0);
	msg_t *m = msg_new();
	m->dst = 1;
	m->src = 0;
	m->tag = TAG_CTL_LOAD;
	m->flags = MSGF_CTL | MSGF_CU;
	m->len = 2;
	m->nflits = (uint8_t)msg_flits(2, 0);
	m->w[0] = 0x8000;
	m->w[1] = 0xabcd;
	/* delivered L after writing, applied 1 + len after delivery */
	uint64_t w = apply - mt_latency(1, 2, false) - CTL_APPLY_CYCLES - 2;
	m->sent = w;
	ni_write(&s->net->ni[VNET_CTL], m, w);
	s->net->ni_listed = true;
	noc_tile_injected(c.m->net, 0);
	/* A control operation comes from a tile holding a CONTROL capability; this one is
	   made by hand, so say so to the engine (no run-ahead past a possible kill). */
	c.m->control_in_use = true;
	mt_run(&c);
	ck_assert_int_eq(t->cause, CAUSE_BUDGET_CYCLES);
	ck_assert_uint_eq(t->halt_cycles, 999);
	uint32_t word;
	memcpy(&word, t->mem + 0x8000, 4);
	ck_assert_uint_eq(t->stats.ctl_rejected, want_applied ? 0 : 1);
	ck_assert_uint_eq(word, want_applied ? 0xabcd : 0);
	if (want_applied)                  /* cleared before the load: the code is gone */
		ck_assert_uint_eq(t->mem[spin->addr], 0);
	mt_free(&c);
}

START_TEST(op_decided_at_apply_cycle)
{
	load_at(998, false);
	load_at(999, false);
	load_at(999 + LOOKAHEAD - 1, false);
	load_at(999 + LOOKAHEAD, true);
	load_at(1200, true);
}
END_TEST

Suite *suite_progs(void)
{
	Suite *s = suite_create("progs");
	TCase *tc = tcase_create("latency");
	tcase_add_test(tc, latency_formula);
	suite_add_tcase(s, tc);
	tc = tcase_create("rights");
	tcase_add_test(tc, capability_refusals);
	suite_add_tcase(s, tc);
	tc = tcase_create("supervision");
	tcase_add_test(tc, halt_notices);
	tcase_add_test(tc, cascade_three_levels);
	tcase_add_test(tc, unacknowledged_notice);
	tcase_add_test(tc, budgets);
	tcase_add_test(tc, restart_halted_tile);
	tcase_add_test(tc, op_decided_at_apply_cycle);
	tcase_add_test(tc, ops_while_halting);
	suite_add_tcase(s, tc);
	return s;
}
