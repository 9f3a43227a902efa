/* Control unit: control operations, EXIT notices, the cascade, acknowledgement deadlines. */
#include "control.h"

#include <stdlib.h>
#include <string.h>

#include "mesh.h"
#include "noc.h"

static void ctl_oom(void)
{
	fprintf(stderr, "tessera: out of host memory in a control unit\n");
	exit(125);
}

void ctl_arrive(net_t *n, uint32_t id, msg_t *m)
{
	tile_t *t = mesh_tile_if(n->mesh, id);
	uint64_t start = m->delivered;
	if (t && t->net && t->net->cu.busy_until > start)
		start = t->net->cu.busy_until;
	m->delivered = start + CTL_APPLY_CYCLES + m->len;
	if (t && t->net)
		t->net->cu.busy_until = m->delivered;
	net_event_push(n, m->delivered, id, m);
}

static void reject(tile_t *t, msg_t *m)
{
	t->stats.ctl_rejected++;
	msg_free(m);
}

/* An operation that finds its tile not IDLE: refused, a kill ignored (SPEC §6.1). */
static void refuse_busy(tile_t *t, msg_t *m)
{
	if (m->tag == TAG_CTL_KILL)
		msg_free(m);
	else
		reject(t, m);
}

/* Budgets (SPEC §7): 0 means unlimited, a bound of 0 means MEM. */
static bool apply_budget(tile_t *t, const msg_t *m)
{
	uint32_t bound = m->w[2] ? m->w[2] : t->mem_size;
	if (m->len < 4 || bound > t->mem_size || (bound & 3))
		return false;
	t->budget_cycles = m->w[0] | (uint64_t)m->w[1] << 32;
	t->bound = bound;
	t->budget_msgs = m->w[3];
	return true;
}

static void clear_state(tile_t *t)
{
	tile_clear(t);
	mb_clear(&t->net->mb);
	t->net->mb_stale = false;
	t->net->cu.nacks = 0;         /* notices that came while it was halting */
	memset(&t->net->caps, 0, sizeof t->net->caps);
	t->net->dirty = false;
}

/* Apply an operation to an IDLE (or halted) tile at cycle `at`. */
static void apply_idle(tile_t *t, msg_t *m, uint64_t at)
{
	if (t->net->dirty)
		clear_state(t);
	switch (m->tag) {
	case TAG_CTL_LOAD: {
		uint32_t addr = m->w[0], nw = m->len ? m->len - 1u : 0;
		if (!m->len || (addr & 3) || addr > t->mem_size || nw * 4 > t->mem_size - addr)
			return reject(t, m);
		tile_write_mem(t, addr, &m->w[1], nw * 4);
		break;
	}
	case TAG_CTL_BUDGET:
		if (!apply_budget(t, m))
			return reject(t, m);
		break;
	case TAG_CTL_START:
		if (!m->len)
			return reject(t, m);
		t->net->cu.has_super = true;
		t->net->cu.super = m->src;
		t->preloaded = false;
		tile_start(t, m->w[0], at);
		if (m->len > 1)
			t->x[10] = m->w[1];
		break;
	case TAG_CTL_GRANT:
		if (!(m->flags & MSGF_CAP) || !m->len || m->w[0] >= CAP_SLOTS)
			return reject(t, m);
		t->net->caps.slot[m->w[0]] = m->cap;
		/* (already set: the sender's own CONTROL capability descends from a
		   preloaded one, sim/README "MPI") */
		if (m->cap.kind == CAP_KIND_CONTROL)
			__atomic_store_n(&t->mesh->control_in_use, true, __ATOMIC_RELAXED);
		break;
	case TAG_CTL_CLEAR:
		clear_state(t);
		break;
	default:                          /* CTL_KILL: an idle tile ignores it */
		break;
	}
	msg_free(m);
}

static void ops_append(ctl_unit *cu, msg_t *m)
{
	m->next = NULL;
	if (cu->ops_tail)
		cu->ops_tail->next = m;
	else
		cu->ops = m;
	cu->ops_tail = m;
}

static msg_t *ops_pop(ctl_unit *cu)
{
	msg_t *m = cu->ops;
	cu->ops = m->next;
	if (!cu->ops)
		cu->ops_tail = NULL;
	return m;
}

/*
 * Net phase, at the apply cycle. A running tile may still halt before this cycle in
 * the core phase that follows, so the operation waits in its queue. A kill is a limit
 * of the tile (the engine runs it up to the cycle, ctl_reach_limit halts it); any other
 * operation is applied by ctl_on_halt if the tile halts first, or refused by
 * ctl_expire once the whole chip has passed its cycle with the tile still active.
 */
void ctl_apply_event(net_t *n, uint32_t id, msg_t *m)
{
	tile_t *t = m->tag == TAG_CTL_KILL ? mesh_tile_if(n->mesh, id) : mesh_tile(n->mesh, id);
	if (!t) {
		msg_free(m);              /* kill of a tile that never ran */
		return;
	}
	if (tile_active(t) || t->net->cu.ops) {
		ops_append(&t->net->cu, m);
		mesh_wake(n->mesh, t);
		if (!t->net->cu.listed) {
			t->net->cu.listed = true;
			if (!mesh_list_push(&n->cu_wait, &n->ncu_wait, &n->cu_wait_cap, id))
				ctl_oom();
		}
		return;
	}
	if (m->delivered < t->net->rx_until) {
		refuse_busy(t, m);        /* halting: IDLE only from h + LOOKAHEAD */
		return;
	}
	bool start = m->tag == TAG_CTL_START;
	apply_idle(t, m, m->delivered);
	if (start && tile_active(t))
		mesh_activate(n->mesh, t);
}

/* Drop the children whose notice reached the unit before `now`. */
static void prune_children(ctl_unit *cu, uint64_t now)
{
	uint32_t k = 0;
	for (uint32_t i = 0; i < cu->nchildren; i++)
		if (ctl_child_at(&cu->children[i], now))
			cu->children[k++] = cu->children[i];
	cu->nchildren = k;
}

void ctl_note_child(tile_t *t, uint32_t child)
{
	ctl_unit *cu = &t->net->cu;
	prune_children(cu, t->now);
	uint32_t i = 0;
	while (i < cu->nchildren && cu->children[i].id < child)
		i++;
	if (i < cu->nchildren && cu->children[i].id == child)
		return;   /* still a child, or its notice reaches the unit at or after now and
			     forgets it then (as the RTL does) */
	if (cu->nchildren == cu->children_cap) {
		uint32_t cap = cu->children_cap ? cu->children_cap * 2 : 8;
		ctl_child *v = realloc(cu->children, cap * sizeof *v);
		if (!v)
			ctl_oom();
		cu->children = v;
		cu->children_cap = cap;
	}
	memmove(cu->children + i + 1, cu->children + i, (cu->nchildren - i) * sizeof *cu->children);
	cu->children[i] = (ctl_child){child, UINT64_MAX};
	cu->nchildren++;
}

static void forget_child(ctl_unit *cu, uint32_t child, uint64_t at)
{
	for (uint32_t i = 0; i < cu->nchildren; i++)
		if (cu->children[i].id == child && cu->children[i].gone == UINT64_MAX)
			cu->children[i].gone = at;
}

void ctl_notice_delivered(net_t *n, tile_t *sup, const msg_t *m)
{
	(void)n;
	ctl_unit *cu = &sup->net->cu;
	forget_child(cu, m->src, m->delivered);
	for (uint32_t i = 0; i < cu->nacks; i++)
		if (cu->acks[i].child == m->src)
			return;           /* joins the pending one: its deadline, one ack */
	if (cu->nacks == cu->acks_cap) {
		uint32_t cap = cu->acks_cap ? cu->acks_cap * 2 : 8;
		ack_pending *v = realloc(cu->acks, cap * sizeof *v);
		if (!v)
			ctl_oom();
		cu->acks = v;
		cu->acks_cap = cap;
	}
	cu->acks[cu->nacks++] = (ack_pending){m->src, m->delivered};
}

int32_t ctl_ack(tile_t *t, uint32_t child)
{
	ctl_unit *cu = &t->net->cu;
	for (uint32_t i = 0; i < cu->nacks; i++)
		if (cu->acks[i].child == child && cu->acks[i].delivered <= t->now) {
			memmove(cu->acks + i, cu->acks + i + 1, (cu->nacks - i - 1) * sizeof *cu->acks);
			cu->nacks--;
			return ERR_OK;
		}
	return ERR_E_NOPENDING;
}

/* Earliest acknowledgement deadline, and which notice it belongs to. */
static uint64_t ack_deadline(const ctl_unit *cu, uint32_t *which)
{
	uint64_t best = UINT64_MAX;
	for (uint32_t i = 0; i < cu->nacks; i++)
		if (cu->acks[i].delivered + ACK_GRACE < best) {
			best = cu->acks[i].delivered + ACK_GRACE;
			*which = i;
		}
	return best;
}

static uint64_t first_kill(const ctl_unit *cu)
{
	for (const msg_t *m = cu->ops; m; m = m->next)
		if (m->tag == TAG_CTL_KILL)
			return m->delivered;
	return UINT64_MAX;
}

bool ctl_exposed(const tile_t *t)
{
	if (!t->net)
		return false;
	const ctl_unit *cu = &t->net->cu;
	for (uint32_t i = 0; i < cu->nchildren; i++)
		if (ctl_child_at(&cu->children[i], t->now))
			return true;
	return cu->has_super;
}

uint64_t ctl_limit(const tile_t *t)
{
	if (!t->net)
		return UINT64_MAX;
	const ctl_unit *cu = &t->net->cu;
	uint32_t w = 0;
	uint64_t a = ack_deadline(cu, &w), k = first_kill(cu);
	return a < k ? a : k;
}

/* The halt happens at t->now, the first instruction boundary at or after the limit. */
void ctl_reach_limit(tile_t *t)
{
	ctl_unit *cu = &t->net->cu;
	uint32_t w = 0;
	uint64_t a = ack_deadline(cu, &w), k = first_kill(cu);
	if (k <= a && k <= t->now)
		tile_halt(t, CAUSE_KILLED, t->pc, 0);
	else if (a <= t->now)
		tile_halt(t, CAUSE_UNHANDLED_EXIT, t->pc, cu->acks[w].child);
}

/* Net phase: the chip is simulated up to `now`; operations due before it found their
   tile still active, so they are refused. */
void ctl_expire(net_t *n, uint64_t now)
{
	uint32_t k = 0;
	for (uint32_t i = 0; i < n->ncu_wait; i++) {
		tile_t *t = n->mesh->tiles[n->cu_wait[i]];
		ctl_unit *cu = &t->net->cu;
		while (cu->ops && cu->ops->delivered < now && tile_active(t))
			refuse_busy(t, ops_pop(cu));  /* a kill cannot be here: the engine
							 performs kills */
		if (cu->ops)
			n->cu_wait[k++] = t->id;
		else
			cu->listed = false;
	}
	n->ncu_wait = k;
}

static msg_t *ctl_msg(const tile_t *t, uint32_t dst, uint8_t tag, uint8_t flags, uint64_t at)
{
	msg_t *m = msg_new();
	m->dst = dst;
	m->src = t->id;
	m->tag = tag;
	m->flags = (uint8_t)(MSGF_CTL | flags);
	m->sent = at;
	return m;
}

/* The EXIT notice and the kills leave through the NI, one flit per cycle (SPEC §6.2). */
static void send_remains(tile_t *t)
{
	ctl_unit *cu = &t->net->cu;
	uint64_t h = t->now;
	if (cu->has_super) {
		msg_t *m = ctl_msg(t, cu->super, TAG_MSG_EXIT, 0, h);
		uint32_t v[EXIT_NOTICE_WORDS] = {t->id, t->cause, t->halt_pc, t->halt_value,
						 (uint32_t)t->halt_cycles, (uint32_t)(t->halt_cycles >> 32)};
		memcpy(m->w, v, sizeof v);
		m->len = EXIT_NOTICE_WORDS;
		m->nflits = (uint8_t)msg_flits(m->len, 0);
		net_ni_send(t, VNET_CTL, m, h);
	}
	for (uint32_t i = 0; i < cu->nchildren; i++) {
		if (!ctl_child_at(&cu->children[i], h))
			continue;
		msg_t *m = ctl_msg(t, cu->children[i].id, TAG_CTL_KILL, MSGF_CU, h);
		m->nflits = (uint8_t)msg_flits(0, 0);
		net_ni_send(t, VNET_CTL, m, h);
	}
}

void ctl_on_halt(tile_t *t)
{
	ctl_unit *cu = &t->net->cu;
	send_remains(t);
	cu->has_super = false;
	cu->nchildren = 0;
	cu->nacks = 0;
	/* Like every action of a core, the halt reaches the mailbox and the control unit
	   LOOKAHEAD cycles later (SPEC §6.2): until then the tile takes messages as a
	   running one and refuses operations; then the mailbox goes, when the network
	   reaches that cycle (net.c). */
	t->net->rx_until = t->now + LOOKAHEAD;
	t->net->mb_stale = true;
	/* What the network put in the mailbox for cycles from rx_until on, routing a
	   window before this core phase got to the halt, reached an IDLE tile: discarded
	   on arrival, as it is when the halt comes first (net.c, deliver_to_tile). */
	t->stats.msgs_dropped += mb_discard_from(&t->net->mb, t->net->rx_until);
	memset(&t->net->caps, 0, sizeof t->net->caps);
	t->net->waiting = false;
	t->net->starting = false;
	/* SRAM and budgets are cleared when the tile is next used: the simulator keeps
	   them until then for reports and tests; no instruction can see them. */
	t->net->dirty = true;
	/* Operations that arrived for the running tile: those due before it is IDLE found
	   it running or halting (refused), the others apply to the idle tile at their
	   cycle. */
	while (cu->ops && !tile_active(t)) {
		msg_t *m = ops_pop(cu);
		uint64_t at = m->delivered;
		bool start = m->tag == TAG_CTL_START;
		if (at < t->net->rx_until) {
			refuse_busy(t, m);
			continue;
		}
		apply_idle(t, m, at);
		if (start && tile_active(t)) {
			/* Resumed by the engine at `at` through net_tile_wake (still on its list). */
			t->state = TS_WAITING;
			t->net->starting = true;
		}
	}
}

void ctl_free(ctl_unit *cu)
{
	while (cu->ops)
		msg_free(ops_pop(cu));
	free(cu->children);
	free(cu->acks);
	memset(cu, 0, sizeof *cu);
}

static cap_t send_cap(uint32_t lo, uint32_t hi)
{
	return (cap_t){CAP_KIND_SEND, lo, hi, 0};
}

void ctl_preload(tile_t *t, int64_t super, uint32_t ctl_lo, uint32_t ctl_hi)
{
	mesh_t *m = t->mesh;
	cap_t *s = t->net->caps.slot;
	uint32_t w = m->cfg.width, h = m->cfg.height;
	memset(&t->net->caps, 0, sizeof t->net->caps);
	s[SLOT_CONSOLE] = send_cap(DEV_CONSOLE, DEV_CONSOLE);
	if (m->net->blk)
		s[SLOT_BLOCK] = send_cap(DEV_BLOCK, DEV_BLOCK);
	if (t->ty > 0)
		s[SLOT_NORTH] = send_cap(t->id - w, t->id - w);
	if (t->tx + 1u < w)
		s[SLOT_EAST] = send_cap(t->id + 1, t->id + 1);
	if (t->ty + 1u < h)
		s[SLOT_SOUTH] = send_cap(t->id + w, t->id + w);
	if (t->tx > 0)
		s[SLOT_WEST] = send_cap(t->id - 1, t->id - 1);
	s[SLOT_ALL_TILES] = send_cap(0, m->ntiles - 1);
	if (super >= 0) {
		tile_t *sup = mesh_tile(m, (uint32_t)super);
		s[SLOT_SUPERVISOR] = send_cap((uint32_t)super, (uint32_t)super);
		t->net->cu.has_super = true;
		t->net->cu.super = (uint32_t)super;
		if (sup)
			ctl_note_child(sup, t->id);
	}
	if (ctl_lo <= ctl_hi) {
		s[SLOT_CONTROL] = (cap_t){CAP_KIND_CONTROL, ctl_lo, ctl_hi, 0};
		m->control_in_use = true;
	}
}
