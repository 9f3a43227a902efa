/*
 * ctl_rec: `tessera run` with every input and output of every tile's control unit
 * recorded (the C model, sim/control.c, is the reference of rtl/tess_ctl.sv). The
 * functions the control unit shares with the rest of libtessera are wrapped with the
 * linker (-Wl,--wrap=NAME), so the model itself is unchanged.
 *
 * usage: ctl_rec LOG [tessera run options] — the log's lines (decimal; words hex):
 *   S at tile pc bound cycles msgs fromop n [slot kind lo hi badge]*n
 *                                           a tile starts (fromop: by CTL_START), with
 *                                           its n non-empty capability slots
 *   P tile super                            preloaded with a supervisor (-1: none)
 *   O D A tile src tag len cap kind lo hi badge w0..   an operation delivered at D,
 *                                           applying at A
 *   N D tile src                            an EXIT notice in the control queue
 *   K c tile child status                   msg.ack
 *   C c tile child                          CTL_START sent: a new child
 *   H h tile cause pc value cycles          a halt
 *   W h tile dst tag len cu w..             the halt's notice and kills, in NI order
 *   L tile addr n w..                       words CTL_LOAD writes
 *   X c tile                                a msg.send of the tile writes its NI
 *   D d dev src tag len cap w..             a request delivered to device dev (0 console,
 *                                           1 block store) at d
 *   Y at dev dst tag len w..                a device's reply, written into its NI at `at`
 *   Z at src n b..                          console output: n bytes (hex) at cycle `at`
 *   R tile rejected                         at the end: the ctl_rejected count
 *   M mem W H                               at the end: SRAM bytes of a tile, the mesh
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "control.h"
#include "devices/devices.h"
#include "outq.h"
#include "engine.h"
#include "mesh.h"
#include "net.h"
#include "noc.h"
#include "run_setup.h"

static FILE *rec;
static int in_ctl;        /* inside the control unit: starts and writes are its own */
static int in_con;        /* inside the console: its output */

static void rec_words(const uint32_t *w, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		fprintf(rec, " %x", w[i]);
	fputc('\n', rec);
}

void __real_ctl_arrive(net_t *n, uint32_t id, msg_t *m);
void __wrap_ctl_arrive(net_t *n, uint32_t id, msg_t *m)
{
	uint64_t d = m->delivered;
	__real_ctl_arrive(n, id, m);
	int cap = (m->flags & MSGF_CAP) != 0;
	fprintf(rec, "O %" PRIu64 " %" PRIu64 " %u %u %u %u %d %u %u %u %u", d, m->delivered, id,
		m->src, m->tag, m->len, cap, m->cap.kind, m->cap.lo, m->cap.hi, m->cap.badge);
	rec_words(m->w, m->len);
}

void __real_ctl_apply_event(net_t *n, uint32_t id, msg_t *m);
void __wrap_ctl_apply_event(net_t *n, uint32_t id, msg_t *m)
{
	in_ctl++;
	__real_ctl_apply_event(n, id, m);
	in_ctl--;
}

void __real_ctl_notice_delivered(net_t *n, tile_t *sup, const msg_t *m);
void __wrap_ctl_notice_delivered(net_t *n, tile_t *sup, const msg_t *m)
{
	fprintf(rec, "N %" PRIu64 " %u %u\n", m->delivered, sup->id, m->src);
	__real_ctl_notice_delivered(n, sup, m);
}

int32_t __real_ctl_ack(tile_t *t, uint32_t child);
int32_t __wrap_ctl_ack(tile_t *t, uint32_t child)
{
	int32_t r = __real_ctl_ack(t, child);
	fprintf(rec, "K %" PRIu64 " %u %u %d\n", t->now, t->id, child, r);
	return r;
}

void __real_ctl_note_child(tile_t *t, uint32_t child);
void __wrap_ctl_note_child(tile_t *t, uint32_t child)
{
	fprintf(rec, "C %" PRIu64 " %u %u\n", t->now, t->id, child);
	__real_ctl_note_child(t, child);
}

void __real_ctl_on_halt(tile_t *t);
void __wrap_ctl_on_halt(tile_t *t)
{
	fprintf(rec, "H %" PRIu64 " %u %u %u %u %" PRIu64 "\n", t->now, t->id, t->cause,
		t->halt_pc, t->halt_value, t->halt_cycles);
	in_ctl++;
	__real_ctl_on_halt(t);
	in_ctl--;
}

void __real_ni_write(ni_vnet *nv, msg_t *m, uint64_t from);
void __wrap_ni_write(ni_vnet *nv, msg_t *m, uint64_t from)
{
	if (in_ctl && (m->flags & MSGF_CTL)) {
		fprintf(rec, "W %" PRIu64 " %u %u %u %u %d", from, m->src, m->dst, m->tag, m->len,
			(m->flags & MSGF_CU) != 0);
		rec_words(m->w, m->len);
	} else if (!in_ctl && m->src < DEV_BASE) {
		fprintf(rec, "X %" PRIu64 " %u\n", from, m->src);
	}
	__real_ni_write(nv, m, from);
}

void __real_tile_start(tile_t *t, uint32_t pc, uint64_t at);
void __wrap_tile_start(tile_t *t, uint32_t pc, uint64_t at)
{
	fprintf(rec, "S %" PRIu64 " %u %u %u %" PRIu64 " %u %d", at, t->id, pc, t->bound,
		t->budget_cycles, t->budget_msgs, in_ctl > 0);
	const cap_t *c = t->net ? t->net->caps.slot : NULL;
	unsigned n = 0;
	for (unsigned i = 0; c && i < CAP_SLOTS; i++)
		n += c[i].kind != CAP_KIND_EMPTY;
	fprintf(rec, " %u", n);
	for (unsigned i = 0; c && i < CAP_SLOTS; i++)
		if (c[i].kind != CAP_KIND_EMPTY)
			fprintf(rec, " %u %u %u %u %u", i, c[i].kind, c[i].lo, c[i].hi, c[i].badge);
	fputc('\n', rec);
	__real_tile_start(t, pc, at);
}

void __real_tile_write_mem(tile_t *t, uint32_t addr, const void *src, uint32_t len);
void __wrap_tile_write_mem(tile_t *t, uint32_t addr, const void *src, uint32_t len)
{
	if (in_ctl) {
		fprintf(rec, "L %u %u %u", t->id, addr, len / 4);
		rec_words(src, len / 4);
	}
	__real_tile_write_mem(t, addr, src, len);
}

void __real_ctl_preload(tile_t *t, int64_t super, uint32_t ctl_lo, uint32_t ctl_hi);
void __wrap_ctl_preload(tile_t *t, int64_t super, uint32_t ctl_lo, uint32_t ctl_hi)
{
	fprintf(rec, "P %u %" PRId64 "\n", t->id, super);
	__real_ctl_preload(t, super, ctl_lo, ctl_hi);
}

static void rec_dev(int dev, const msg_t *m, uint64_t at)
{
	fprintf(rec, "D %" PRIu64 " %d %u %u %u %d", at, dev, m->src, m->tag, m->len,
		(m->flags & MSGF_CAP) != 0);
	rec_words(m->w, m->len);
}

void __real_con_arrive(net_t *n, msg_t *m, uint64_t at);
void __wrap_con_arrive(net_t *n, msg_t *m, uint64_t at)
{
	rec_dev(DEVI_CONSOLE, m, at);
	in_con++;
	__real_con_arrive(n, m, at);
	in_con--;
}

void __real_blk_arrive(net_t *n, msg_t *m, uint64_t at);
void __wrap_blk_arrive(net_t *n, msg_t *m, uint64_t at)
{
	rec_dev(DEVI_BLOCK, m, at);
	__real_blk_arrive(n, m, at);
}

void __real_dev_reply(net_t *n, int dev, uint32_t dst, uint8_t tag, const uint32_t *w,
		      unsigned len, uint64_t at);
void __wrap_dev_reply(net_t *n, int dev, uint32_t dst, uint8_t tag, const uint32_t *w,
		      unsigned len, uint64_t at)
{
	fprintf(rec, "Y %" PRIu64 " %d %u %u %u", at, dev, dst, tag, len);
	rec_words(w, len);
	__real_dev_reply(n, dev, dst, tag, w, len, at);
}

void __real_out_put(out_buf *b, uint64_t cycle, uint32_t tile, out_stream s, const char *data,
		    size_t len);
void __wrap_out_put(out_buf *b, uint64_t cycle, uint32_t tile, out_stream s, const char *data,
		    size_t len)
{
	if (in_con) {
		fprintf(rec, "Z %" PRIu64 " %u %zu", cycle, tile, len);
		for (size_t i = 0; i < len; i++)
			fprintf(rec, " %x", (unsigned char)data[i]);
		fputc('\n', rec);
	}
	__real_out_put(b, cycle, tile, s, data, len);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: ctl_rec LOG [tessera run options] PROGRAM...\n");
		return 2;
	}
	rec = fopen(argv[1], "w");
	if (!rec) {
		perror(argv[1]);
		return 125;
	}
	argv[1] = "run";
	run_opts o = {0};
	int rc = run_parse_args(&o, "run", argc - 1, argv + 1, NULL);
	if (rc >= 0)
		return run_finish(&o, NULL, rc);
	mesh_t *m = run_load(&o, &rc);
	if (m) {
		engine_run(m);
		rc = run_status(m);
		for (uint32_t i = 0; i < m->ntiles; i++)
			if (m->tiles[i])
				fprintf(rec, "R %u %" PRIu64 "\n", i, (uint64_t)m->tiles[i]->stats.ctl_rejected);
		fprintf(rec, "M %u %u %u\n", m->cfg.mem_size, m->cfg.width, m->cfg.height);
		m->exiting = true;
	}
	if (fclose(rec) != 0)
		rc = 125;
	return run_finish(&o, m, rc);
}
