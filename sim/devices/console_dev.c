/*
 * The console device (SPEC §9.1), west of tile (0,0): CON_WRITE bytes go to host
 * stdout through the ordered output (so they interleave with semihosting output in
 * (cycle, tile) order and get the per-tile prefix); CON_READ replies with stdin bytes.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "devices.h"
#include "mesh.h"
#include "mpi_hooks.h"

#define CON_MAX_BYTES ((MSG_MAX_WORDS - 1) * 4)

static void con_read(net_t *n, const msg_t *m, uint64_t at)
{
	uint32_t want = m->len ? m->w[0] : 0, w[MSG_MAX_WORDS] = {0};
	if (want > CON_MAX_BYTES)
		want = CON_MAX_BYTES;
	ssize_t got = 0;
	if (want) {
		fflush(stdout);
		dist_t *ds = n->mesh->cfg.dist;   /* MPI: rank 0 reads, every rank gets it */
		if (!ds || ds->rank == 0)
			got = read(0, &w[1], want);
		if (got < 0)
			got = 0;
		if (ds) {
			ds->share(ds, &got, sizeof got);
			ds->share(ds, &w[1], (size_t)got);
		}
	}
	w[0] = (uint32_t)got;
	dev_reply(n, DEVI_CONSOLE, m->src, TAG_CON_READ, w, 1 + ((uint32_t)got + 3) / 4, at);
}

void con_arrive(net_t *n, msg_t *m, uint64_t at)
{
	if (m->tag == TAG_CON_WRITE && m->len) {
		uint32_t nb = m->w[0], room = (m->len - 1u) * 4;
		if (nb > room)
			nb = room;
		if (nb)
			out_put(&n->mesh->net_out, at, m->src, OUT_STDOUT, (const char *)&m->w[1], nb);
	} else if (m->tag == TAG_CON_READ) {
		con_read(n, m, at);
	}
	msg_free(m);
}
