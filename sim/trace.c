/* The commit trace: one line per retired instruction (isa/SPEC.md §12). */
#include <inttypes.h>
#include <string.h>

#include "core.h"
#include "mesh.h"

static bool writes_rd(isa_op op)
{
	switch (isa_insns[op].format) {
	case FMT_R: case FMT_R4: case FMT_I: case FMT_IL: case FMT_SH:
	case FMT_U: case FMT_J: case FMT_XRD: case FMT_XRDRS1:
		return true;
	default:
		return false;
	}
}

void trace_retire(tile_t *t, uint64_t cycle, uint32_t pc, const dinsn *d,
		  uint32_t mem_addr, uint32_t mem_value, unsigned mem_size)
{
	uint32_t word;
	char dis[64], wr[48] = "";
	memcpy(&word, t->mem + pc, 4);
	isa_disasm(word, pc, dis, sizeof dis);
	unsigned rd = d->op == OP_ECALL ? 10 : d->rd;
	if ((d->op == OP_ECALL || writes_rd((isa_op)d->op)) && rd != 0)
		snprintf(wr, sizeof wr, " %s=0x%08x", isa_reg_names[rd], t->x[rd]);
	else if (mem_size)
		snprintf(wr, sizeof wr, " mem[0x%08x]=0x%0*x", mem_addr, (int)mem_size * 2, mem_value);
	out_printf(&t->out, cycle, t->id, OUT_TRACE, "%" PRIu64 " %u 0x%08x %08x %s%s\n",
		   cycle, t->id, pc, word, dis, wr);
}
