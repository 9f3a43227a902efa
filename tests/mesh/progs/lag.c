/*
 * Long computations of random length between messages, and halts at random cycles
 * while messages to the halting tile are in flight: the work the engine defers and
 * cuts on threads (sim/engine.c, "deferred run-ahead"). Each tile does ROUNDS rounds
 * of: compute for a random time, send a word to a random tile, take what has arrived
 * without waiting. Tiles stop after a random number of rounds, so messages reach some
 * of them around their halt cycle (taken before it, discarded from it on). Each tile
 * prints how many words it took and their sum: any difference in when a tile halted
 * or what reached it shows in the output, the message trace or the statistics.
 */
#include "tmsg.h"

#define ROUNDS 160

static uint32_t buf[MSG_RECORD_HDR_WORDS + MSG_MAX_WORDS];
volatile uint32_t sink;

static uint32_t rnd(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

int main(void)
{
	uint32_t me = tess_tid(), n = tess_mesh_w() * tess_mesh_h();
	uint32_t s = me * 2654435761u + 7, got = 0, sum = 0;
	uint32_t rounds = ROUNDS / 2 + rnd(&s) % ROUNDS;
	for (uint32_t r = 0; r < rounds; r++) {
		uint32_t spin = rnd(&s) % 400;
		for (uint32_t i = 0; i < spin; i++)
			sink += i ^ me;
		uint32_t word = me << 16 | r;
		msg_send(SEND_DESC(SLOT_ALL_TILES, 3, 1), &word, rnd(&s) % n);
		while (msg_poll((tess_msg *)buf)) {
			got++;
			sum += buf[MSG_RECORD_HDR_WORDS];
		}
	}
	t_line l = {0};
	t_s(&l, "tile ");
	t_u(&l, me);
	t_s(&l, " took ");
	t_u(&l, got);
	t_s(&l, " sum ");
	t_u(&l, sum);
	t_s(&l, "\n");
	t_put(&l);
	return 0;
}
