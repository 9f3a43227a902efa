/*
 * The interpreter loop, included three times by core.c: plain (CORE_TRACE 0), writing
 * the commit trace (CORE_TRACE 1), and writing waves (CORE_VCD 1, with CORE_TRACE 1:
 * it writes the trace too when there is one), so the fast path tests nothing about
 * tracing. Architectural state is kept in locals and written back on every exit and
 * before calling anything that looks at the tile.
 */

#define SYNC() do { t->pc = pc; t->now = now; t->instret = instret; } while (0)
#define FAULT(c, v) do { cause = (c); value = (v); goto fault; } while (0)
#define LOAD_CHECK(a, n) do { \
	if ((a) & ((n) - 1)) FAULT(CAUSE_MISALIGNED, (a)); \
	if ((a) >= bound || (n) > bound - (a)) FAULT(CAUSE_MEM_FAULT, (a)); } while (0)
#define JUMP_TO(target) do { \
	uint32_t tg_ = (target); \
	if (tg_ & 3) FAULT(CAUSE_MISALIGNED, tg_); \
	next = tg_; } while (0)
#if CORE_TRACE || CORE_VCD
#define STORE_NOTE(a, v, n) do { st_addr = (a); st_val = (v); st_size = (n); } while (0)
#else
#define STORE_NOTE(a, v, n) do { } while (0)
#endif

static void CORE_RUN(tile_t *t, uint64_t until)
{
	uint32_t *const x = t->x;
	uint8_t *const mem = t->mem;
	dinsn *dc = t->dcache;
	uint32_t dc_words = t->dc_words;
	const uint32_t bound = t->bound;
	const uint64_t budget_end = t->budget_cycles ? t->start_cycle + t->budget_cycles : UINT64_MAX;
	/* the cycle budget's end is a limit like `until` (tested once, after the loop) */
	const uint64_t limit = until < budget_end ? until : budget_end;
	uint64_t *const opc = t->stats.op_count;
	uint64_t now = t->now, instret = t->instret;
	uint32_t pc = t->pc;
	unsigned load_rd = t->load_rd;
	uint32_t cause = 0, value = 0;
	/* words left of the run being issued: the limit, the table's bound and the
	   undecoded mark were checked for all of them at its start (run_issue) */
	unsigned fast = 0;

	for (;;) {
		dinsn *d;
		if (CORE_RUNS && fast) {
			fast--;
			d = &dc[pc >> 2];
		} else {
			if (now >= limit)
				break;
			if (__builtin_expect((pc >> 2) >= dc_words, 0)) {
				if (pc >= bound)
					FAULT(CAUSE_MEM_FAULT, pc);
				if (!tile_grow_dcache(t, pc))
					core_out_of_memory(t);
				dc = t->dcache;
				dc_words = t->dc_words;
			}
			d = &dc[pc >> 2];
			if (__builtin_expect(d->op == DINSN_UNDECODED, 0))
				core_predecode(t, pc, d);
			if (CORE_RUNS)
				fast = run_issue(dc, dc_words, pc >> 2, now, limit);
		}
		if (load_rd && dinsn_reads(d, load_rd)) {
			now += LOAD_USE_STALL;
			t->stats.stall_load_use += LOAD_USE_STALL;
			load_rd = 0;
			if (now >= limit)
				break;
		}
		load_rd = 0;   /* the hazard is with the very next instruction only */
		const uint32_t a = x[d->rs1], b = x[d->rs2];
		const uint32_t imm = (uint32_t)d->imm;
		uint32_t next = pc + 4, addr;
		unsigned cost = 1;
#if CORE_TRACE || CORE_VCD
		uint32_t st_addr = 0, st_val = 0;
		unsigned st_size = 0;
#endif
		switch ((isa_op)d->op) {
		case OP_LUI:    x[d->rd] = imm; break;
		case OP_AUIPC:  x[d->rd] = pc + imm; break;
		case OP_JAL:
			JUMP_TO(pc + imm);
			x[d->rd] = pc + 4;
			cost = 1 + JUMP_PENALTY;
			break;
		case OP_JALR:
			JUMP_TO((a + imm) & ~1u);
			x[d->rd] = pc + 4;
			cost = 1 + JUMP_PENALTY;
			break;
#define BRANCH(OP, cond) case OP: \
			if (cond) { JUMP_TO(pc + imm); cost = 1 + BRANCH_TAKEN_PENALTY; \
				    t->stats.branches_taken++; } \
			break;
		BRANCH(OP_BEQ, a == b)
		BRANCH(OP_BNE, a != b)
		BRANCH(OP_BLT, (int32_t)a < (int32_t)b)
		BRANCH(OP_BGE, (int32_t)a >= (int32_t)b)
		BRANCH(OP_BLTU, a < b)
		BRANCH(OP_BGEU, a >= b)
#undef BRANCH
#define LOAD(OP, n, T) case OP: { \
			addr = a + imm; LOAD_CHECK(addr, n); \
			T v_; memcpy(&v_, mem + addr, n); \
			x[d->rd] = (uint32_t)(int32_t)v_; load_rd = d->rd; break; }
		LOAD(OP_LB, 1, int8_t)
		LOAD(OP_LH, 2, int16_t)
		LOAD(OP_LW, 4, int32_t)
		LOAD(OP_LBU, 1, uint8_t)
		LOAD(OP_LHU, 2, uint16_t)
#undef LOAD
#define STORE(OP, n, T) case OP: { \
			addr = a + imm; LOAD_CHECK(addr, n); \
			T v_ = (T)b; memcpy(mem + addr, &v_, n); \
			if ((addr >> 2) < dc_words) { \
				tile_invalidate(t, addr, n); dc = t->dcache; fast = 0; } \
			STORE_NOTE(addr, (uint32_t)v_, n); break; }
		STORE(OP_SB, 1, uint8_t)
		STORE(OP_SH, 2, uint16_t)
		STORE(OP_SW, 4, uint32_t)
#undef STORE
		case OP_ADDI:  x[d->rd] = a + imm; break;
		case OP_SLTI:  x[d->rd] = (int32_t)a < (int32_t)imm; break;
		case OP_SLTIU: x[d->rd] = a < imm; break;
		case OP_XORI:  x[d->rd] = a ^ imm; break;
		case OP_ORI:   x[d->rd] = a | imm; break;
		case OP_ANDI:  x[d->rd] = a & imm; break;
		case OP_SLLI:  x[d->rd] = a << (imm & 31); break;
		case OP_SRLI:  x[d->rd] = a >> (imm & 31); break;
		case OP_SRAI:  x[d->rd] = (uint32_t)((int32_t)a >> (imm & 31)); break;
		case OP_ADD:   x[d->rd] = a + b; break;
		case OP_SUB:   x[d->rd] = a - b; break;
		case OP_SLL:   x[d->rd] = a << (b & 31); break;
		case OP_SLT:   x[d->rd] = (int32_t)a < (int32_t)b; break;
		case OP_SLTU:  x[d->rd] = a < b; break;
		case OP_XOR:   x[d->rd] = a ^ b; break;
		case OP_SRL:   x[d->rd] = a >> (b & 31); break;
		case OP_SRA:   x[d->rd] = (uint32_t)((int32_t)a >> (b & 31)); break;
		case OP_OR:    x[d->rd] = a | b; break;
		case OP_AND:   x[d->rd] = a & b; break;
		case OP_FENCE:
		case OP_FENCE_I:
			break;
		case OP_ECALL:
			if (!t->mesh->cfg.semihost)
				FAULT(CAUSE_ECALL, 0);
			SYNC();
			if (!semihost_ecall(t))
				return;           /* halted (exit or fault) */
			dc = t->dcache;           /* a read may have copied a shared table */
			break;
		case OP_EBREAK:
			FAULT(CAUSE_BREAKPOINT, 0);
		case OP_MUL:    x[d->rd] = a * b; cost = isa_timing_cost[TC_MUL]; break;
		case OP_MULH:   x[d->rd] = (uint32_t)(((int64_t)(int32_t)a * (int32_t)b) >> 32);
				cost = isa_timing_cost[TC_MUL]; break;
		case OP_MULHSU: x[d->rd] = (uint32_t)(((int64_t)(int32_t)a * (uint64_t)b) >> 32);
				cost = isa_timing_cost[TC_MUL]; break;
		case OP_MULHU:  x[d->rd] = (uint32_t)(((uint64_t)a * b) >> 32);
				cost = isa_timing_cost[TC_MUL]; break;
		case OP_DIV:
			x[d->rd] = b == 0 ? 0xffffffffu :
				(a == 0x80000000u && b == 0xffffffffu) ? a :
				(uint32_t)((int32_t)a / (int32_t)b);
			cost = isa_timing_cost[TC_DIV];
			break;
		case OP_DIVU:
			x[d->rd] = b == 0 ? 0xffffffffu : a / b;
			cost = isa_timing_cost[TC_DIV];
			break;
		case OP_REM:
			x[d->rd] = b == 0 ? a : (a == 0x80000000u && b == 0xffffffffu) ? 0 :
				(uint32_t)((int32_t)a % (int32_t)b);
			cost = isa_timing_cost[TC_DIV];
			break;
		case OP_REMU:
			x[d->rd] = b == 0 ? a : a % b;
			cost = isa_timing_cost[TC_DIV];
			break;
		case OP_TESS_TID:      x[d->rd] = t->id; break;
		case OP_TESS_TXY:      x[d->rd] = (uint32_t)t->ty << 16 | t->tx; break;
		case OP_TESS_MESH:     x[d->rd] = t->mesh->cfg.height << 16 | t->mesh->cfg.width; break;
		case OP_TESS_CYCLE:    x[d->rd] = (uint32_t)(now - t->start_cycle); break;
		case OP_TESS_CYCLEH:   x[d->rd] = (uint32_t)((now - t->start_cycle) >> 32); break;
		case OP_TESS_INSTRET:  x[d->rd] = (uint32_t)instret; break;
		case OP_TESS_INSTRETH: x[d->rd] = (uint32_t)(instret >> 32); break;
		case OP_TESS_MEMBOUND: x[d->rd] = bound; break;
		case OP_TESS_EXIT:
			SYNC();
			tile_halt(t, CAUSE_EXIT, pc, a);
			return;
		case OP_CAP_INFO: case OP_CAP_LO: case OP_CAP_HI: case OP_CAP_BADGE:
		case OP_CAP_DROP: case OP_CAP_COPY: case OP_CAP_MINT: case OP_CAP_NARROW:
		case OP_MSG_SEND: case OP_MSG_RECV: case OP_MSG_POLL: case OP_MSG_WAIT:
		case OP_MSG_ACK: {
			uint32_t v_ = 0;
			if (d->op >= OP_MSG_SEND && d->op <= OP_MSG_WAIT && t->msg_horizon &&
			    now >= t->msg_horizon)
				goto out;         /* the engine must switch to windows first */
			SYNC();
			cost = net_exec(t, d, &v_);
			if (cost == 0) {
				t->load_rd = 0;
				return;           /* blocked or halted: re-executed on wake */
			}
			x[d->rd] = v_;
			dc = t->dcache;           /* msg.recv may have copied a shared table */
			break;
		}
		case OP_INVALID:
		default:
			FAULT(CAUSE_ILLEGAL, (uint32_t)d->imm);
		}
#if CORE_VCD
		/* before x0 is cleared: the RTL's result of an instruction with rd = x0 */
		vcd_rec_retire(t, d, &(vcd_retire){now, pc, next, a, b, x[d->rd], st_val, st_size,
						    cost, instret + 1});
#endif
		x[0] = 0;
		opc[d->op]++;
		instret++;
#if CORE_TRACE
		t->instret = instret;
		if (!CORE_VCD || t->mesh->trace)
			trace_retire(t, now, pc, d, st_addr, st_val, st_size);
#endif
		pc = next;
		now += cost;
	}
	/* The loop ended at the budget's end, unless `until` came first: the instruction at
	   pc does not issue, decided as at the loop's top: a fetch outside the memory
	   faults first, and a load-use stall counts first (SPEC §7; when it reaches
	   `until`, the halt waits for the next call, as a kill due there comes first). */
	if (now >= budget_end && now < until) {
		if (pc >= bound)
			FAULT(CAUSE_MEM_FAULT, pc);
		if (load_rd) {
			if ((pc >> 2) >= t->dc_words && !tile_grow_dcache(t, pc))
				core_out_of_memory(t);
			dinsn *d = &t->dcache[pc >> 2];
			if (d->op == DINSN_UNDECODED)
				core_predecode(t, pc, d);
			bool stall = dinsn_reads(d, load_rd);
			load_rd = 0;
			if (stall) {
				now += LOAD_USE_STALL;
				t->stats.stall_load_use += LOAD_USE_STALL;
				if (now >= until)
					goto out;
			}
		}
		SYNC();
		tile_halt(t, CAUSE_BUDGET_CYCLES, pc, 0);
		return;
	}
out:
	t->pc = pc;
	t->now = now;
	t->instret = instret;
	t->load_rd = (uint8_t)load_rd;
	return;
fault:
	SYNC();
	tile_halt(t, cause, pc, value);
}

#undef SYNC
#undef FAULT
#undef LOAD_CHECK
#undef JUMP_TO
#undef STORE_NOTE
