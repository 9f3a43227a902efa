/* Formatting RTL records as commit-trace lines, and the history kept for failures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cosim.h"
#include "isa.h"

void cosim_log_add(cosim_log *l, const char *line)
{
	snprintf(l->lines[l->next], COSIM_LINE, "%s", line);
	l->next = (l->next + 1) % COSIM_HISTORY;
	if (l->n < COSIM_HISTORY)
		l->n++;
}

void cosim_log_print(const cosim_log *l, const char *side)
{
	fprintf(stderr, "last %u retired instructions (%s):\n", l->n, side);
	unsigned first = (l->next + COSIM_HISTORY - l->n) % COSIM_HISTORY;
	for (unsigned i = 0; i < l->n; i++)
		fprintf(stderr, "  %s\n", l->lines[(first + i) % COSIM_HISTORY]);
}

/* Same text as sim/trace.c writes for the model: the RTL says itself which register it
 * wrote, so a wrong write-enable shows as a difference instead of being masked. */
void cosim_format(const rtl_retire *r, uint32_t tile, char *buf, size_t size)
{
	char dis[64], wr[48] = "";
	isa_disasm(r->insn, r->pc, dis, sizeof dis);
	if (r->rd)
		snprintf(wr, sizeof wr, " %s=0x%08x", isa_reg_names[r->rd & 31], r->rd_value);
	else if (r->mem_we)
		snprintf(wr, sizeof wr, " mem[0x%08x]=0x%0*x", r->mem_addr, (int)r->mem_size * 2,
			 r->mem_value);
	snprintf(buf, size, "%llu %u 0x%08x %08x %s%s", (unsigned long long)r->cycle, tile,
		 r->pc, r->insn, dis, wr);
}

void cosim_bytes_add(cosim_bytes *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		size_t cap = (b->len + n) * 2 + 64;
		char *d = realloc(b->data, cap);
		if (!d) {
			fprintf(stderr, "cosim: out of memory\n");
			exit(125);
		}
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
}
