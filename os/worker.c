/*
 * A request's worker: one per request, on a fresh tile. The answer is the exit value,
 * which reaches the dispatcher in the EXIT notice: no capability is needed. The runaway
 * kinds are stopped by the hardware (cycle budget, memory bound, illegal instruction).
 */
#include "tess.h"
#include "work.h"

extern uint32_t _end[];

int main(void)
{
	uint32_t arg = tess_start_arg();
	switch (WORK_KIND(arg)) {
	case WORK_LOOP:
		for (volatile uint32_t i = 0;; i++)
			;
	case WORK_HOG:
		/* Grabs memory until the bound stops it. */
		for (volatile uint32_t *p = _end;; p += 16)
			*p = arg;
	case WORK_ILLEGAL:
		__asm__ volatile(".word 0");
		break;
	default:
		break;
	}
	tess_exit(work_value(WORK_N(arg)));
}
