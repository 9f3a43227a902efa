/*
 * The root: the one program the simulator loads (tile 0, CONTROL over every tile in
 * SLOT_CONTROL, SPEC §10). It reads the boot manifest built into its image, starts the
 * services in order from the code store, registers them with the name service, and
 * supervises them. At the end of a run it stops them in reverse order and proves that
 * no tile leaked: every tile but its own must accept and run a one-word probe program
 * (a tile that is not idle rejects control operations, SPEC §6.1, so it never answers).
 */
#include "con.h"
#include "manifest.h"
#include "msg.h"
#include "ns.h"

#define PROBE_WAIT   20000u     /* cycles for probe notices after the last probe    */
#define STATS_WAIT   200000u

static os_spawner sp;
static sup_t root_sup;
static const os_manifest *mf = &boot_manifest;

typedef struct {
	uint32_t clients, sent, good_ok, bad_err, wrong, lost, bad_sent;
	uint64_t rtt_sum;
} totals;

static totals tot;
static uint32_t spawned, spawned_bytes, peak_workers;
static uint64_t spawned_cycles;
static uint32_t nreports;

static void line(const char *a, uint64_t v, const char *b)
{
	con_puts(a);
	con_putu(v);
	con_puts(b);
}

static int name_is(const char *a, const char *b)
{
	uint32_t x[2], y[2];
	os_name(a, x);
	os_name(b, y);
	return x[0] == y[0] && x[1] == y[1];
}

/* Tells the console service whose lines tile c's are. */
static void con_name(const sup_child *c)
{
	uint32_t w[3] = { (uint32_t)c->tile };
	os_name(c->spec->name ? c->spec->name : c->spec->img->name, &w[1]);
	tess_send_to(SLOT_ALL_TILES, (uint32_t)sp.console_tile, TAG_CON_NAME, w, 3);
}

static void on_start(sup_t *s, sup_child *c, const tess_msg *notice)
{
	(void)notice;
	const char *name = c->spec->name ? c->spec->name : c->spec->img->name;
	if (c->spec->name && name_is(c->spec->name, "names")) {
		sp.names_tile = c->tile;
		/* A restarted name service knows nothing: tell it what runs. */
		for (uint32_t i = 0; c->starts > 1 && i < s->n; i++) {
			const sup_child *o = &s->child[i];
			if (o != c && o->spec->name && o->state == CH_RUNNING)
				ns_register(SLOT_ALL_TILES, (uint32_t)c->tile, o->spec->name,
					    (uint32_t)o->tile);
		}
	} else if (c->spec->name && name_is(c->spec->name, "console")) {
		sp.console_tile = c->tile;
		/* A (re)started console service learns the name of every tile that runs. */
		for (uint32_t i = 0; i < s->n; i++)
			if (s->child[i].state == CH_RUNNING)
				con_name(&s->child[i]);
	} else if (c->spec->name && sp.names_tile >= 0)
		ns_register(SLOT_ALL_TILES, (uint32_t)sp.names_tile, c->spec->name,
			    (uint32_t)c->tile);
	if (sp.console_tile >= 0 && c->tile != sp.console_tile)
		con_name(c);
	spawned++;
	spawned_bytes += (uint32_t)(c->spec->img->end - c->spec->img->records) / 16 * 60;
	spawned_cycles += c->spawn_cycles;
	con_puts("root: started ");
	con_puts(name);
	line(" on tile ", (uint32_t)c->tile, "");
	line(" (start ", c->starts, ")");
	line(" at cycle ", tess_cycles(), "\n");
}

static void on_exit(sup_t *s, sup_child *c, const tess_msg *m)
{
	(void)s;
	const char *name = c->spec->name ? c->spec->name : c->spec->img->name;
	if (c->spec->name && sp.names_tile >= 0 && c->tile != sp.names_tile)
		ns_register(SLOT_ALL_TILES, (uint32_t)sp.names_tile, c->spec->name,
			    NS_UNREGISTER);
	con_puts("root: ");
	con_puts(name);
	line(" on tile ", m->w[TESS_EXIT_TILE], "");
	line(" halted: cause ", m->w[TESS_EXIT_CAUSE], "");
	line(" value ", m->w[TESS_EXIT_VALUE], "");
	line(" pc ", m->w[TESS_EXIT_PC], "");
	line(" after ", (uint64_t)m->w[TESS_EXIT_CYC_HI] << 32 | m->w[TESS_EXIT_CYC_LO], " cycles");
	line(" at cycle ", tess_cycles(), "\n");
}

static void probe_one(uint32_t t)
{
	static const uint32_t load[2] = { 0, 0x0000100bu };   /* tess.exit x0 at 0 */
	static const uint32_t start[2] = { 0, 0 };
	tess_send_to(SLOT_CONTROL, t, TESS_CTL_LOAD, load, 2);
	tess_send_to(SLOT_CONTROL, t, TESS_CTL_START, start, 2);
}

static uint32_t probe_answer(const tess_msg *m, uint32_t lo, uint32_t hi)
{
	uint32_t t = m->w[TESS_EXIT_TILE];
	if (!(m->info & MSG_INFO_CONTROL) || tess_msg_tag(m) != TESS_MSG_EXIT)
		return os_defer(m), 0;
	return !sup_handle(&root_sup, m) && t >= lo && t <= hi &&
	       m->w[TESS_EXIT_CAUSE] == TESS_CAUSE_EXIT;
}

/* Probes tiles [lo, hi] except root and running children; returns how many did not
 * answer (tiles still busy). */
static uint32_t probe(uint32_t lo, uint32_t hi)
{
	uint32_t asked = 0, answered = 0;
	tess_msg m;
	for (uint32_t t = lo; t <= hi; t++) {
		if (t != sp.self && !sup_find(&root_sup, t)) {
			probe_one(t);
			asked++;
		}
		/* Take answers while probing: each must be acknowledged within ACK_GRACE. */
		while (os_poll(&m))
			answered += probe_answer(&m, lo, hi);
	}
	while (answered < asked && os_recv_match(&m, TESS_MSG_EXIT, ~0u, PROBE_WAIT))
		answered += probe_answer(&m, lo, hi);
	return asked - answered;
}

static void print_report(const tess_msg *m)
{
	const uint32_t *w = m->w;
	if (w[0] == 1) {
		tot.clients++;
		tot.sent += w[1];
		tot.good_ok += w[2];
		tot.bad_err += w[3];
		tot.wrong += w[4];
		tot.lost += w[5];
		tot.bad_sent += w[6];
		tot.rtt_sum += w[7];
		line("client ", w[8], "");
		line(": sent ", w[1], "");
		line(" (runaway ", w[6], ")");
		line(", good answered ", w[2], "");
		line(", runaway refused ", w[3], "");
		line(", wrong ", w[4], "");
		line(", lost ", w[5], "");
		line(", mean round trip ", w[7], " cycles\n");
	} else if (w[0] == 2) {
		peak_workers = w[3];
		line("dispatcher: served ", w[1], "");
		line(", failed ", w[2], "");
		line(", peak workers ", w[3], "");
		line(", workers now ", w[4], "");
		line(", peak queue ", w[5], "");
		line(", pool grew ", w[6], "");
		line(" times, shrank ", w[7], " times");
		line(", mean request latency ", w[8], " cycles\n");
		line("dispatcher: runaway stopped by cycle budget ", w[12], "");
		line(", by memory bound ", w[13], "");
		line(", as illegal instruction ", w[14], "\n");
	} else {
		line("report ", w[0], ":");
		for (uint32_t i = 1; i < tess_msg_len(m); i++)
			line(" ", w[i], "");
		con_puts("\n");
	}
}

static int32_t child_tile(const char *name)
{
	for (uint32_t i = 0; i < root_sup.n; i++) {
		const sup_child *c = &root_sup.child[i];
		if (c->spec->name && c->state == CH_RUNNING && name_is(c->spec->name, name))
			return c->tile;
	}
	return -1;
}

static void ask_stats(void)
{
	tess_msg m;
	int32_t t = mf->stats_from ? child_tile(mf->stats_from) : -1;
	if (t < 0)
		return;
	/* Idle first, so the report shows the pool after it has shrunk. */
	uint64_t until = tess_cycles() + mf->stats_delay;
	while (tess_cycles() < until)
		if (os_wait((uint32_t)(until - tess_cycles()))) {
			os_recv(&m);
			if (!sup_handle(&root_sup, &m))
				print_report(&m);
		}
	tess_send_to(SLOT_ALL_TILES, (uint32_t)t, TAG_STATS, 0, 0);
	if (os_recv_match(&m, TAG_REPORT, (uint32_t)t, STATS_WAIT))
		print_report(&m);
}

/*
 * Lets the console service write out the lines it still holds before it is stopped:
 * the writers have halted, so their messages are in its mailbox before this one.
 */
static void console_sync(void)
{
	tess_msg m;
	if (sp.console_tile < 0)
		return;
	tess_send_to(SLOT_ALL_TILES, (uint32_t)sp.console_tile, TAG_CON_SYNC, 0, 0);
	os_recv_match(&m, TAG_CON_SYNC, (uint32_t)sp.console_tile, STATS_WAIT);
}

static __attribute__((noreturn)) void finish(void)
{
	ask_stats();
	console_sync();
	sup_stop_all(&root_sup);
	uint32_t leaked = probe(0, sp.width * sp.height - 1);
	int ok = !tot.lost && !tot.wrong && !leaked &&
		 tot.good_ok + tot.bad_err == tot.sent;
	if (spawned) {
		line("figures: root spawned ", spawned, " programs");
		line(" (mean ", spawned_bytes / spawned, " bytes)");
		line(" in a mean ", spawned_cycles / spawned, " cycles each");
		if (tot.clients) {
			line(", mean request round trip ", tot.rtt_sum / tot.clients, " cycles");
			line(", peak worker tiles ", peak_workers, "");
		}
		con_puts("\n");
	}
	if (tot.clients) {
		line("summary: requests ", tot.sent, "");
		line(", served ", tot.good_ok, "");
		line(", failed ", tot.bad_err, "");
		line(" (runaway sent ", tot.bad_sent, ")");
		line(", wrong ", tot.wrong, "");
		line(", lost ", tot.lost, ", ");
	} else {
		con_puts("summary: ");
	}
	line("tiles leaked ", leaked, "");
	line(", restarts ", root_sup.restarts, "");
	line(", cycles ", tess_cycles(), "\n");
	con_flush();
	tess_exit(ok ? 0 : 1);
}

static int all_done(void)
{
	for (uint32_t i = 0; i < root_sup.n; i++)
		if (root_sup.child[i].state != CH_DONE && root_sup.child[i].state != CH_FREE)
			return 0;
	return 1;
}

/* The kill test: kill a child (a supervisor) and check that its subtree is gone. */
static void kill_named(void)
{
	int32_t t = child_tile(mf->kill_name);
	tess_msg m;
	if (t < 0)
		return;
	sup_child *c = sup_find(&root_sup, (uint32_t)t);
	int32_t lo = c->region_lo;
	uint32_t hi = (uint32_t)lo + c->spec->region;   /* its tile and its region */
	uint32_t before = lo >= 0 ? probe((uint32_t)lo, hi) : 0;
	uint64_t t0 = tess_cycles();
	spawn_kill(&sp, (uint32_t)t);
	if (!os_recv_match(&m, TESS_MSG_EXIT, (uint32_t)t, STATS_WAIT))
		return;
	uint64_t t1 = tess_cycles();
	sup_handle(&root_sup, &m);
	/* No waiting: the cascade left the supervisor in the cycle it halted, before its
	 * notice, so by the time a probe gets there every tile of the subtree is idle. */
	uint32_t busy = lo >= 0 ? probe((uint32_t)lo, hi) : 0;
	line("kill: subtree tiles busy before ", before, "");
	line(", notice after ", t1 - t0, " cycles");
	line(", subtree tiles still busy ", busy, "\n");
}

/* Checks the chip, starts the manifest's services in order; 0, or an exit value. */
static uint32_t boot(void)
{
	if (spawn_init(&sp, SLOT_CONTROL) < 0) {
		con_puts("root: no CONTROL capability in slot 8 (boot without --boot?)\n");
		return 3;
	}
	con_puts("root: booting ");
	con_puts(mf->title);
	line(" on ", sp.width, "x");
	line("", sp.height, " tiles\n");
	uint32_t need = 1;
	for (uint32_t i = 0; i < mf->nservices; i++) {
		const sup_spec *v = &mf->services[i];
		need += (v->count ? v->count : 1) * (1 + v->region);
	}
	if (need > sp.width * sp.height) {
		line("root: the manifest needs ", need, " tiles");
		line(", the chip has ", sp.width * sp.height, "\n");
		con_flush();
		return SUP_EXIT_NOSTART;
	}
	sup_init(&root_sup, &sp, mf->strategy, mf->intensity, mf->period);
	root_sup.on_start = on_start;
	root_sup.on_exit = on_exit;
	for (uint32_t i = 0; i < mf->nservices; i++)
		sup_add(&root_sup, &mf->services[i]);
	sup_start_all(&root_sup);
	return 0;
}

/* Cycles until the kill test's moment (after doing it when due), or `wait`. */
static uint32_t kill_due(uint32_t wait)
{
	static uint8_t killed;
	if (!mf->kill_name || killed)
		return wait;
	uint64_t now = tess_cycles();
	if (now >= mf->kill_at) {
		killed = 1;
		kill_named();
		return 1;
	}
	return !wait || mf->kill_at - now < wait ? (uint32_t)(mf->kill_at - now) : wait;
}

int main(void)
{
	tess_msg m;
	uint32_t err = boot();
	if (err)
		return (int)err;
	for (;;) {
		uint32_t wait = kill_due(sup_tick(&root_sup));
		if (mf->end_when_done && all_done())
			finish();
		if (wait && !os_wait(wait))
			continue;
		os_recv(&m);
		if (sup_handle(&root_sup, &m))
			continue;
		if (tess_msg_tag(&m) == TAG_REPORT) {
			print_report(&m);
			/* Only clients' final reports (kinds 1 and 3) end a run. */
			if ((m.w[0] == 1 || m.w[0] == 3) && mf->reports &&
			    ++nreports == mf->reports)
				finish();
		}
	}
}
