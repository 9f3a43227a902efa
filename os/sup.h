/*
 * Supervision with Erlang/OTP's semantics on Tessera's hardware: the supervisor is the
 * tile that sent CTL_START, a child's halt arrives as an EXIT notice (acknowledged by
 * the message layer as it is received, SPEC §6.3), and a supervisor that halts takes
 * its whole subtree with it through the kill cascade, with no software involved.
 *
 *   strategies   one_for_one, one_for_all, rest_for_one, pool (simple_one_for_one)
 *   restart      permanent (always), transient (after an abnormal exit), temporary (never)
 *   intensity    more than `intensity` restarts within `period` cycles: the supervisor
 *                stops its children in reverse order and exits with SUP_EXIT_INTENSITY,
 *                so its own supervisor decides (escalation)
 *   backoff      failures in a row, each within `period` of the child's start: the
 *                first restarts at once, the n-th after backoff_base << (n - 2)
 *                cycles, at most backoff_max
 *
 * Children start in the order they were added and stop in reverse order.
 */
#ifndef OS_SUP_H
#define OS_SUP_H

#include <stdint.h>

#include "msg.h"
#include "spawn.h"

enum { SUP_ONE_FOR_ONE, SUP_ONE_FOR_ALL, SUP_REST_FOR_ONE, SUP_POOL };
enum { RESTART_PERMANENT, RESTART_TRANSIENT, RESTART_TEMPORARY };

#define SUP_EXIT_INTENSITY 77u   /* exit value of a supervisor whose intensity tripped */
#define SUP_EXIT_NOSTART   78u   /* a child could not be placed                        */
#define SUP_MAX_CHILDREN   64
#define SUP_MAX_INTENSITY  32

/* One manifest line: a service and how to run it. */
typedef struct {
	const char *name;        /* registered with the name service when set     */
	const os_image *img;
	uint8_t restart;
	os_budget budget;
	uint32_t grants;         /* GRANT_* of spawn.h                            */
	uint32_t region;         /* tiles of CONTROL region delegated (GRANT_REGION); the
				  * child itself runs on the tile just before them    */
	uint32_t arg;            /* a0 at start (copy index added)                */
	uint32_t count;          /* copies (0 counts as 1)                        */
} sup_spec;

enum { CH_FREE, CH_RUNNING, CH_STOPPING, CH_WAITING, CH_DONE };

typedef struct {
	const sup_spec *spec;
	uint32_t copy;
	int32_t tile;
	uint8_t state;
	uint8_t restart_after_stop;
	int32_t region_lo;
	uint32_t starts;
	uint32_t quick_fails;    /* failures in a row within `period` of a start */
	uint64_t started_at;
	uint32_t spawn_cycles;   /* what the last start cost this supervisor */
	uint64_t restart_at;
	uint32_t arg;
} sup_child;

typedef struct sup sup_t;
/* notice is the EXIT notice, or NULL when the child has just been started. */
typedef void (*sup_hook)(sup_t *s, sup_child *c, const tess_msg *notice);

struct sup {
	os_spawner *sp;
	uint8_t strategy;
	uint32_t intensity;
	uint64_t period;
	uint64_t backoff_base, backoff_max;
	uint64_t hist[SUP_MAX_INTENSITY + 1];
	uint32_t nhist;
	sup_child child[SUP_MAX_CHILDREN];
	uint32_t n;
	uint32_t restarts;
	sup_hook on_start, on_exit;
};

void sup_init(sup_t *s, os_spawner *sp, uint8_t strategy, uint32_t intensity,
	      uint64_t period);

/* Adds spec->count children (not started). Returns the index of the first, or -1. */
int sup_add(sup_t *s, const sup_spec *spec);

/* Starts every child in order. A child that cannot be placed: shutdown, no return. */
void sup_start_all(sup_t *s);

/* Pool: starts one more temporary child of spec with a0 = arg; its index, or -1. */
int sup_pool_start(sup_t *s, const sup_spec *spec, uint32_t arg);

/* Handles m if it is the EXIT notice of a child: 1, else 0. May not return (intensity). */
int sup_handle(sup_t *s, const tess_msg *m);

/* Starts the restarts that are due. Cycles until the next one is due, 0 if none. */
uint32_t sup_tick(sup_t *s);

/* Stops the children in reverse order and waits (bounded) for their notices. */
void sup_stop_all(sup_t *s);

/* sup_stop_all, then exits with value. */
__attribute__((noreturn)) void sup_shutdown(sup_t *s, uint32_t value);

/* A plain supervisor's whole life: start all, then handle notices forever. */
__attribute__((noreturn)) void sup_run(sup_t *s);

sup_child *sup_find(sup_t *s, uint32_t tile);

#endif
