/*
 * The supervision library (see sup.h for the semantics). State per child is a small
 * machine: RUNNING -> (exit) -> WAITING (restart due at restart_at) -> RUNNING, or
 * RUNNING -> (killed by us) STOPPING -> FREE/WAITING once its notice has come. Nothing
 * is restarted while any child is STOPPING, so one_for_all and rest_for_one restart
 * their group in order on tiles that are really free.
 */
#include "sup.h"

#define SHUTDOWN_WAIT 200000u   /* cycles to wait for killed children's notices */

void sup_init(sup_t *s, os_spawner *sp, uint8_t strategy, uint32_t intensity,
	      uint64_t period)
{
	s->sp = sp;
	s->strategy = strategy;
	s->intensity = intensity > SUP_MAX_INTENSITY ? SUP_MAX_INTENSITY : intensity;
	s->period = period;
	s->backoff_base = 1000;
	s->backoff_max = 64000;
	s->nhist = 0;
	s->n = 0;
	s->restarts = 0;
	s->on_start = s->on_exit = 0;
}

int sup_add(sup_t *s, const sup_spec *spec)
{
	uint32_t count = spec->count ? spec->count : 1, first = s->n;
	if (s->n + count > SUP_MAX_CHILDREN)
		return -1;
	for (uint32_t i = 0; i < count; i++) {
		sup_child *c = &s->child[s->n++];
		*c = (sup_child){ .spec = spec, .copy = i, .tile = -1, .state = CH_WAITING,
				  .region_lo = -1, .arg = spec->arg + i };
	}
	return (int)first;
}

sup_child *sup_find(sup_t *s, uint32_t tile)
{
	for (uint32_t i = 0; i < s->n; i++)
		if (s->child[i].tile == (int32_t)tile &&
		    (s->child[i].state == CH_RUNNING || s->child[i].state == CH_STOPPING))
			return &s->child[i];
	return 0;
}

static int start_child(sup_t *s, sup_child *c)
{
	const sup_spec *sp = c->spec;
	os_spawn_args a = { .grants = sp->grants, .arg = c->arg };
	uint64_t t0 = tess_cycles();
	int32_t t;
	if (sp->region) {
		/* The child runs on the first tile of its block and controls the rest: it
		 * spawns next to its own children, and its traffic stays in its block. */
		if (c->region_lo < 0)
			c->region_lo = spawn_reserve(s->sp, sp->region + 1);
		if (c->region_lo < 0)
			return -1;
		a.grants |= GRANT_REGION;
		a.region_lo = (uint32_t)c->region_lo + 1;
		a.region_hi = (uint32_t)c->region_lo + sp->region;
		t = c->region_lo;
		spawn_load(s->sp, (uint32_t)t, sp->img, &sp->budget, &a);
		spawn_start(s->sp, (uint32_t)t, sp->img, a.arg);
	} else {
		t = spawn(s->sp, sp->img, &sp->budget, &a);
	}
	if (t < 0)
		return -1;
	c->tile = t;
	c->state = CH_RUNNING;
	c->starts++;
	c->started_at = tess_cycles();
	c->spawn_cycles = (uint32_t)(c->started_at - t0);
	if (s->on_start)
		s->on_start(s, c, 0);
	return 0;
}

void sup_start_all(sup_t *s)
{
	for (uint32_t i = 0; i < s->n; i++)
		if (s->child[i].state == CH_WAITING && start_child(s, &s->child[i]) < 0)
			sup_shutdown(s, SUP_EXIT_NOSTART);
}

int sup_pool_start(sup_t *s, const sup_spec *spec, uint32_t arg)
{
	uint32_t i;
	for (i = 0; i < s->n && s->child[i].state != CH_FREE && s->child[i].state != CH_DONE; i++)
		;
	if (i == SUP_MAX_CHILDREN)
		return -1;
	if (i == s->n)
		s->n++;
	sup_child *c = &s->child[i];
	*c = (sup_child){ .spec = spec, .tile = -1, .region_lo = -1, .arg = arg };
	if (start_child(s, c) < 0) {
		c->state = CH_FREE;
		return -1;
	}
	return (int)i;
}

static void kill_child(sup_t *s, sup_child *c, int restart)
{
	if (c->state == CH_RUNNING) {
		spawn_kill(s->sp, (uint32_t)c->tile);
		c->state = CH_STOPPING;
		c->restart_after_stop = (uint8_t)(restart && c->spec->restart != RESTART_TEMPORARY);
	} else if (c->state == CH_WAITING && !restart) {
		c->state = CH_DONE;
	}
}

/* Kills, in reverse order, the children from index `from` on except `except`. */
static void kill_from(sup_t *s, uint32_t from, const sup_child *except, int restart)
{
	for (uint32_t i = s->n; i-- > from;)
		if (&s->child[i] != except)
			kill_child(s, &s->child[i], restart);
}

/* Records a restart; 1 when there have been more than `intensity` within `period`. */
static int intensity_tripped(sup_t *s, uint64_t now)
{
	uint32_t keep = 0;
	for (uint32_t i = 0; i < s->nhist; i++)
		if (now - s->hist[i] <= s->period)
			s->hist[keep++] = s->hist[i];
	s->nhist = keep;
	if (s->nhist < SUP_MAX_INTENSITY + 1)
		s->hist[s->nhist++] = now;
	return s->nhist > s->intensity;
}

static uint64_t backoff(sup_t *s, sup_child *c, uint64_t now)
{
	if (now - c->started_at > s->period) {
		c->quick_fails = 0;
		return 0;
	}
	if (c->quick_fails++ == 0)
		return 0;
	uint32_t sh = c->quick_fails - 2 > 20 ? 20 : c->quick_fails - 2;
	uint64_t d = s->backoff_base << sh;
	return d > s->backoff_max ? s->backoff_max : d;
}

static int abnormal(const tess_msg *m)
{
	return !(m->w[TESS_EXIT_CAUSE] == TESS_CAUSE_EXIT && m->w[TESS_EXIT_VALUE] == 0);
}

static void child_failed(sup_t *s, sup_child *c, const tess_msg *m)
{
	uint64_t now = tess_cycles();
	uint8_t r = c->spec->restart;
	if (r == RESTART_TEMPORARY || (r == RESTART_TRANSIENT && !abnormal(m))) {
		c->state = s->strategy == SUP_POOL ? CH_FREE : CH_DONE;
		return;
	}
	c->state = CH_DONE;   /* its tile is idle: nothing to kill on a shutdown */
	if (intensity_tripped(s, now))
		sup_shutdown(s, SUP_EXIT_INTENSITY);
	s->restarts++;
	c->state = CH_WAITING;
	c->restart_at = now + backoff(s, c, now);
	if (s->strategy == SUP_ONE_FOR_ALL)
		kill_from(s, 0, c, 1);
	else if (s->strategy == SUP_REST_FOR_ONE)
		kill_from(s, (uint32_t)(c - s->child) + 1, c, 1);
}

int sup_handle(sup_t *s, const tess_msg *m)
{
	if (!(m->info & MSG_INFO_CONTROL) || tess_msg_tag(m) != TESS_MSG_EXIT)
		return 0;
	sup_child *c = sup_find(s, m->w[TESS_EXIT_TILE]);
	if (!c)
		return 0;
	if (c->tile != c->region_lo)   /* a region's first tile stays reserved */
		spawn_mark(s->sp, (uint32_t)c->tile, 0);
	if (s->on_exit)
		s->on_exit(s, c, m);
	if (c->state == CH_STOPPING) {
		c->state = c->restart_after_stop ? CH_WAITING : CH_DONE;
		c->restart_at = 0;
	} else {
		child_failed(s, c, m);
	}
	return 1;
}

uint32_t sup_tick(sup_t *s)
{
	uint64_t now = tess_cycles(), next = 0;
	for (uint32_t i = 0; i < s->n; i++)
		if (s->child[i].state == CH_STOPPING)
			return 0;   /* the group restarts when every killed child is gone */
	for (uint32_t i = 0; i < s->n; i++) {
		sup_child *c = &s->child[i];
		if (c->state != CH_WAITING)
			continue;
		if (c->restart_at > now) {
			/* Keep order: nothing after a child that still waits starts before it. */
			next = c->restart_at - now;
			break;
		}
		if (start_child(s, c) < 0)
			sup_shutdown(s, SUP_EXIT_NOSTART);
	}
	return next > 0xffffffffu ? 0xffffffffu : (uint32_t)next;
}

static int any_stopping(const sup_t *s)
{
	for (uint32_t i = 0; i < s->n; i++)
		if (s->child[i].state == CH_STOPPING)
			return 1;
	return 0;
}

void sup_stop_all(sup_t *s)
{
	kill_from(s, 0, 0, 0);
	uint64_t deadline = tess_cycles() + SHUTDOWN_WAIT;
	tess_msg m;
	while (any_stopping(s) && tess_cycles() < deadline) {
		if (!os_recv_match(&m, TESS_MSG_EXIT, ~0u, (uint32_t)(deadline - tess_cycles())))
			break;
		sup_handle(s, &m);
	}
}

void sup_shutdown(sup_t *s, uint32_t value)
{
	sup_stop_all(s);
	tess_exit(value);
}

void sup_run(sup_t *s)
{
	tess_msg m;
	sup_start_all(s);
	for (;;) {
		uint32_t wait = sup_tick(s);
		if (wait && !os_wait(wait))
			continue;
		os_recv(&m);
		sup_handle(s, &m);
	}
}
