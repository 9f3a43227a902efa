// The Tessera core: RV32IM + the Xtess instructions that need no network (tile
// information, exit, and the capability table, tess_caps).
//
// One clock is one machine cycle. The core is a multi-cycle issue machine: an
// instruction issues in a cycle, does all its work in that cycle (a load's data and a
// division's result arrive later, see below), and the next one issues cost cycles later,
// with the costs of isa/SPEC.md §5 taken from the generated package. What makes this
// exact rather than approximate is that every latency the spec charges is a wait of the
// issue slot, and the only data that arrives late are:
//  - load data, from the synchronous SRAM in the cycle after the load: an instruction
//    reading that register as rs1/rs2 in that cycle is held one cycle (the load-use
//    stall); anything else (ecall's implicit a0..a7) takes the data by forwarding;
//  - a division's result, written in cycle c+33 before the next issue at c+34.
// The next instruction's word is fetched (address presented) in the cycle the current
// one issues, so it is ready in the next cycle.
//
// Retire record (ret_*): valid for one cycle, the cycle after the instruction issued
// (for DIV, the cycle after its result is written); ret_cycle_o is the issue cycle.
// Halt record: set in the cycle after the halting instruction, held while halted.
module tess_core #(
  parameter int unsigned AW = 14   // SRAM word-address bits (2^AW words)
) (
  input  logic          clk_i,
  input  logic          rst_ni,
  // start (SPEC §2.2): pc = start_pc_i, every register 0 but sp = bound_i
  input  logic          start_i,
  input  logic [31:0]   start_pc_i,
  input  logic [31:0]   bound_i,
  input  logic [63:0]   budget_cycles_i,   // cycle budget (SPEC §7), 0: unlimited
  input  logic [31:0]   tile_id_i,
  input  logic [31:0]   txy_i,
  input  logic [31:0]   mesh_i,
  input  logic          semihost_i,
  // instruction port (word address; data in the next cycle)
  output logic [AW-1:0] imem_addr_o,
  input  logic [31:0]   imem_rdata_i,
  // data port
  output logic [AW-1:0] dmem_addr_o,
  output logic          dmem_we_o,
  output logic [3:0]    dmem_be_o,
  output logic [31:0]   dmem_wdata_o,
  input  logic [31:0]   dmem_rdata_i,
  // semihosting (SPEC §11): the harness answers within the ecall's issue cycle
  output logic          ecall_o,
  output logic [31:0]   ecall_a0_o,
  output logic [31:0]   ecall_a1_o,
  output logic [31:0]   ecall_a2_o,
  output logic [31:0]   ecall_a7_o,
  input  logic [31:0]   ecall_ret_i,
  input  logic          ecall_halt_i,
  input  logic [3:0]    ecall_cause_i,
  input  logic [31:0]   ecall_value_i,
  // retire record
  output logic          ret_valid_o,
  output logic [63:0]   ret_cycle_o,
  output logic [31:0]   ret_pc_o,
  output logic [31:0]   ret_insn_o,
  output logic [4:0]    ret_rd_o,
  output logic [31:0]   ret_rd_wdata_o,
  output logic          ret_mem_we_o,
  output logic [31:0]   ret_mem_addr_o,
  output logic [31:0]   ret_mem_wdata_o,
  output logic [2:0]    ret_mem_size_o,
  // halt record
  output logic          halted_o,
  output logic          unimpl_o,
  output logic [3:0]    halt_cause_o,
  output logic [31:0]   halt_pc_o,
  output logic [31:0]   halt_value_o,
  output logic [63:0]   halt_cycle_o,
  output logic [63:0]   cycle_o,
  output logic [63:0]   instret_o
);


  localparam logic [1:0] ST_IDLE = 2'd0, ST_RUN = 2'd1, ST_HALT = 2'd2;

`ifdef TESS_FAULT_BRANCH_PENALTY
  // Fault injection (tests/rtl): a taken branch one cycle cheaper than the spec says,
  // so co-simulation must fail at the instruction after the first taken branch.
  localparam int unsigned BR_PENALTY = tess_isa_pkg::BRANCH_TAKEN_PENALTY - 1;
`else
  localparam int unsigned BR_PENALTY = tess_isa_pkg::BRANCH_TAKEN_PENALTY;
`endif

  logic [1:0]  state_q;
  logic [31:0] pc_q, bound_q;
  logic [63:0] cyc_q, instret_q;
  logic [5:0]  wait_q;        // cycles before the next issue slot
  // load in flight (issued last cycle)
  logic        ld_pend_q;
  logic [4:0]  ld_rd_q;
  logic [2:0]  ld_f3_q;
  logic [1:0]  ld_off_q;
  // division in flight
  logic        div_busy_q;
  logic [4:0]  div_rd_q;
  logic [31:0] div_pc_q, div_insn_q;
  logic [63:0] div_cycle_q;
  // records
  logic        rec_valid_q, rec_load_q, rec_mem_we_q;
  logic [63:0] rec_cycle_q;
  logic [31:0] rec_pc_q, rec_insn_q, rec_wdata_q, rec_mem_addr_q, rec_mem_wdata_q;
  logic [4:0]  rec_rd_q;
  logic [2:0]  rec_mem_size_q;
  logic        unimpl_q;
  logic [3:0]  halt_cause_q;
  logic [31:0] halt_pc_q, halt_value_q;
  logic [63:0] halt_cycle_q;

  // ---- decode ----
  logic [31:0] insn;
  logic [6:0]  op;
  logic [4:0]  rd, rs1, rs2;
  logic [2:0]  f3;
  logic [31:0] imm_i, imm_s, imm_b, imm_u, imm_j;

  assign insn  = imem_rdata_i;
  assign op    = tess_isa_pkg::decode_op(insn);
  assign rd    = insn[11:7];
  assign rs1   = insn[19:15];
  assign rs2   = insn[24:20];
  assign f3    = insn[14:12];
  assign imm_i = {{20{insn[31]}}, insn[31:20]};
  assign imm_s = {{20{insn[31]}}, insn[31:25], insn[11:7]};
  assign imm_b = {{19{insn[31]}}, insn[31], insn[7], insn[30:25], insn[11:8], 1'b0};
  assign imm_u = {insn[31:12], 12'd0};
  assign imm_j = {{11{insn[31]}}, insn[31], insn[19:12], insn[20], insn[30:21], 1'b0};

  // ---- registers, with the late load data forwarded ----
  logic [31:0] rf_a, rf_b, rf_c, rf_a0, rf_a1, rf_a2, rf_a7, ld_data, a, b, c;
  logic [4:0]  rs3;
  logic [31:0] cap_rd;
  logic        cap_op;
  logic        wr_en, div_done;
  logic [31:0] wr_val, div_result;
  logic        rf_clear;

  function automatic logic [31:0] fwd(input logic [4:0] r, input logic [31:0] v,
                                      input logic pend, input logic [4:0] lrd,
                                      input logic [31:0] ld);
    fwd = (pend && lrd == r && r != 5'd0) ? ld : v;
  endfunction

  always_comb begin : load_align
    logic [31:0] w;
    w = dmem_rdata_i >> {ld_off_q, 3'b000};
    case (ld_f3_q)
      3'd0: ld_data = {{24{w[7]}}, w[7:0]};
      3'd1: ld_data = {{16{w[15]}}, w[15:0]};
      3'd4: ld_data = {24'd0, w[7:0]};
      3'd5: ld_data = {16'd0, w[15:0]};
      default: ld_data = w;
    endcase
  end

  assign a = fwd(rs1, rf_a, ld_pend_q, ld_rd_q, ld_data);
  assign b = fwd(rs2, rf_b, ld_pend_q, ld_rd_q, ld_data);
  assign rs3 = insn[31:27];
  assign c = fwd(rs3, rf_c, ld_pend_q, ld_rd_q, ld_data);
  assign ecall_a0_o = fwd(5'd10, rf_a0, ld_pend_q, ld_rd_q, ld_data);
  assign ecall_a1_o = fwd(5'd11, rf_a1, ld_pend_q, ld_rd_q, ld_data);
  assign ecall_a2_o = fwd(5'd12, rf_a2, ld_pend_q, ld_rd_q, ld_data);
  assign ecall_a7_o = fwd(5'd17, rf_a7, ld_pend_q, ld_rd_q, ld_data);

  tess_regfile u_rf (
    .clk_i, .clear_i(rf_clear), .sp_i(bound_i),
    .r1_i(rs1), .r2_i(rs2), .r3_i(rs3), .r1_o(rf_a), .r2_o(rf_b), .r3_o(rf_c),
    .a0_o(rf_a0), .a1_o(rf_a1), .a2_o(rf_a2), .a7_o(rf_a7),
    .w0_en_i(wr_en), .w0_rd_i(op == tess_isa_pkg::OP_ECALL ? 5'd10 : rd), .w0_data_i(wr_val),
    .w1_en_i(ld_pend_q || div_done),
    .w1_rd_i(div_done ? div_rd_q : ld_rd_q),
    .w1_data_i(div_done ? div_result : ld_data)
  );

  // ---- the issue slot ----
  logic [63:0] budget_q;
  logic slot, fetch_fault, hazard, over_budget, issue;
  assign slot = state_q == ST_RUN && wait_q == 6'd0 && !div_busy_q;
  assign fetch_fault = pc_q >= bound_q;
  assign hazard = ld_pend_q && ld_rd_q != 5'd0 &&
                  ((tess_isa_pkg::op_reads_rs1(op) == 1'b1 && rs1 == ld_rd_q) ||
                   (tess_isa_pkg::op_reads_rs2(op) == 1'b1 && rs2 == ld_rd_q));
  // SPEC §7: an instruction issues only while the cycle counter, after any load-use
  // stall, is below the budget (checked after the fetch, as the model does).
  assign over_budget = budget_q != 64'd0 && cyc_q >= budget_q;
  assign issue = slot && !fetch_fault && !hazard && !over_budget;

  // ---- execute (combinational, for the instruction issuing now) ----
  logic [31:0] next_pc, target, addr;
  logic [5:0]  cost;
  logic        halt, unimpl, mem_re, mem_we, div_start, taken;
  logic [3:0]  cause, be;
  logic [31:0] hvalue, st_data;
  logic [2:0]  msize;
  logic signed [32:0] m_a, m_b;
  // 33x33 signed product: bits 65:64 are sign copies nobody needs.
  /* verilator lint_off UNUSEDSIGNAL */
  logic signed [65:0] prod;
  /* verilator lint_on UNUSEDSIGNAL */

  assign m_a = {op != tess_isa_pkg::OP_MULHU && a[31], a};
  assign m_b = {op != tess_isa_pkg::OP_MULHU && op != tess_isa_pkg::OP_MULHSU && b[31], b};
  assign prod = m_a * m_b;

  // Access size in bytes from funct3 (bit 2 is the unsigned flag of LBU/LHU).
  function automatic logic [2:0] size_of(input logic [1:0] f);
    size_of = f == 2'd0 ? 3'd1 : f == 2'd1 ? 3'd2 : 3'd4;
  endfunction

  always_comb begin
    next_pc = pc_q + 32'd4;
    cost = tess_isa_pkg::op_cost(op);
    wr_en = 1'b0;
    wr_val = 32'd0;
    halt = 1'b0;
    unimpl = 1'b0;
    cause = tess_isa_pkg::CAUSE_RUNNING;
    hvalue = 32'd0;
    mem_re = 1'b0;
    mem_we = 1'b0;
    div_start = 1'b0;
    taken = 1'b0;
    target = 32'd0;
    addr = a + (op == tess_isa_pkg::OP_SB || op == tess_isa_pkg::OP_SH || op == tess_isa_pkg::OP_SW ? imm_s : imm_i);
    msize = size_of(f3[1:0]);
    be = 4'd0;
    st_data = 32'd0;
    ecall_o = 1'b0;
    cap_op = 1'b0;
    case (op)
      tess_isa_pkg::OP_LUI:   begin wr_en = 1'b1; wr_val = imm_u; end
      tess_isa_pkg::OP_AUIPC: begin wr_en = 1'b1; wr_val = pc_q + imm_u; end
      tess_isa_pkg::OP_JAL, tess_isa_pkg::OP_JALR: begin
        target = op == tess_isa_pkg::OP_JAL ? pc_q + imm_j : (a + imm_i) & ~32'd1;
        if (target[1:0] != 2'd0) begin
          halt = 1'b1; cause = tess_isa_pkg::CAUSE_MISALIGNED; hvalue = target;
        end else begin
          wr_en = 1'b1; wr_val = pc_q + 32'd4; next_pc = target;
          cost = 6'(tess_isa_pkg::COST_JUMP + tess_isa_pkg::JUMP_PENALTY);
        end
      end
      tess_isa_pkg::OP_BEQ, tess_isa_pkg::OP_BNE, tess_isa_pkg::OP_BLT, tess_isa_pkg::OP_BGE, tess_isa_pkg::OP_BLTU, tess_isa_pkg::OP_BGEU: begin
        case (op)
          tess_isa_pkg::OP_BEQ:  taken = a == b;
          tess_isa_pkg::OP_BNE:  taken = a != b;
          tess_isa_pkg::OP_BLT:  taken = $signed(a) < $signed(b);
          tess_isa_pkg::OP_BGE:  taken = $signed(a) >= $signed(b);
          tess_isa_pkg::OP_BLTU: taken = a < b;
          default: taken = a >= b;
        endcase
        target = pc_q + imm_b;
        if (taken && target[1:0] != 2'd0) begin
          halt = 1'b1; cause = tess_isa_pkg::CAUSE_MISALIGNED; hvalue = target;
        end else if (taken) begin
          next_pc = target;
          cost = 6'(tess_isa_pkg::COST_BRANCH + BR_PENALTY);
        end
      end
      tess_isa_pkg::OP_LB, tess_isa_pkg::OP_LH, tess_isa_pkg::OP_LW, tess_isa_pkg::OP_LBU, tess_isa_pkg::OP_LHU, tess_isa_pkg::OP_SB, tess_isa_pkg::OP_SH, tess_isa_pkg::OP_SW: begin
        if ((addr & (32'(msize) - 32'd1)) != 32'd0) begin
          halt = 1'b1; cause = tess_isa_pkg::CAUSE_MISALIGNED; hvalue = addr;
        end else if ({1'b0, addr} + 33'(msize) > {1'b0, bound_q}) begin
          halt = 1'b1; cause = tess_isa_pkg::CAUSE_MEM_FAULT; hvalue = addr;
        end else if (op == tess_isa_pkg::OP_SB || op == tess_isa_pkg::OP_SH || op == tess_isa_pkg::OP_SW) begin
          mem_we = 1'b1;
          be = (msize == 3'd1 ? 4'b0001 : msize == 3'd2 ? 4'b0011 : 4'b1111) << addr[1:0];
          st_data = msize == 3'd1 ? {24'd0, b[7:0]} : msize == 3'd2 ? {16'd0, b[15:0]} : b;
        end else begin
          mem_re = 1'b1;
        end
      end
      tess_isa_pkg::OP_ADDI:  begin wr_en = 1'b1; wr_val = a + imm_i; end
      tess_isa_pkg::OP_SLTI:  begin wr_en = 1'b1; wr_val = {31'd0, $signed(a) < $signed(imm_i)}; end
      tess_isa_pkg::OP_SLTIU: begin wr_en = 1'b1; wr_val = {31'd0, a < imm_i}; end
      tess_isa_pkg::OP_XORI:  begin wr_en = 1'b1; wr_val = a ^ imm_i; end
      tess_isa_pkg::OP_ORI:   begin wr_en = 1'b1; wr_val = a | imm_i; end
      tess_isa_pkg::OP_ANDI:  begin wr_en = 1'b1; wr_val = a & imm_i; end
      tess_isa_pkg::OP_SLLI:  begin wr_en = 1'b1; wr_val = a << rs2; end
      tess_isa_pkg::OP_SRLI:  begin wr_en = 1'b1; wr_val = a >> rs2; end
      tess_isa_pkg::OP_SRAI:  begin wr_en = 1'b1; wr_val = $signed(a) >>> rs2; end
      tess_isa_pkg::OP_ADD:   begin wr_en = 1'b1; wr_val = a + b; end
      tess_isa_pkg::OP_SUB:   begin wr_en = 1'b1; wr_val = a - b; end
      tess_isa_pkg::OP_SLL:   begin wr_en = 1'b1; wr_val = a << b[4:0]; end
      tess_isa_pkg::OP_SLT:   begin wr_en = 1'b1; wr_val = {31'd0, $signed(a) < $signed(b)}; end
      tess_isa_pkg::OP_SLTU:  begin wr_en = 1'b1; wr_val = {31'd0, a < b}; end
      tess_isa_pkg::OP_XOR:   begin wr_en = 1'b1; wr_val = a ^ b; end
      tess_isa_pkg::OP_SRL:   begin wr_en = 1'b1; wr_val = a >> b[4:0]; end
      tess_isa_pkg::OP_SRA:   begin wr_en = 1'b1; wr_val = $signed(a) >>> b[4:0]; end
      tess_isa_pkg::OP_OR:    begin wr_en = 1'b1; wr_val = a | b; end
      tess_isa_pkg::OP_AND:   begin wr_en = 1'b1; wr_val = a & b; end
      tess_isa_pkg::OP_FENCE, tess_isa_pkg::OP_FENCE_I: ;
      tess_isa_pkg::OP_ECALL: begin
        if (!semihost_i) begin
          halt = 1'b1; cause = tess_isa_pkg::CAUSE_ECALL;
        end else begin
          ecall_o = issue;
          if (ecall_halt_i) begin
            halt = 1'b1; cause = ecall_cause_i; hvalue = ecall_value_i;
          end else begin
            wr_en = 1'b1; wr_val = ecall_ret_i;
          end
        end
      end
      tess_isa_pkg::OP_EBREAK: begin halt = 1'b1; cause = tess_isa_pkg::CAUSE_BREAKPOINT; end
      tess_isa_pkg::OP_MUL:    begin wr_en = 1'b1; wr_val = prod[31:0]; end
      tess_isa_pkg::OP_MULH, tess_isa_pkg::OP_MULHSU, tess_isa_pkg::OP_MULHU: begin wr_en = 1'b1; wr_val = prod[63:32]; end
      tess_isa_pkg::OP_DIV, tess_isa_pkg::OP_DIVU, tess_isa_pkg::OP_REM, tess_isa_pkg::OP_REMU: div_start = 1'b1;
      tess_isa_pkg::OP_TESS_TID:      begin wr_en = 1'b1; wr_val = tile_id_i; end
      tess_isa_pkg::OP_TESS_TXY:      begin wr_en = 1'b1; wr_val = txy_i; end
      tess_isa_pkg::OP_TESS_MESH:     begin wr_en = 1'b1; wr_val = mesh_i; end
      tess_isa_pkg::OP_TESS_CYCLE:    begin wr_en = 1'b1; wr_val = cyc_q[31:0]; end
      tess_isa_pkg::OP_TESS_CYCLEH:   begin wr_en = 1'b1; wr_val = cyc_q[63:32]; end
      tess_isa_pkg::OP_TESS_INSTRET:  begin wr_en = 1'b1; wr_val = instret_q[31:0]; end
      tess_isa_pkg::OP_TESS_INSTRETH: begin wr_en = 1'b1; wr_val = instret_q[63:32]; end
      tess_isa_pkg::OP_TESS_MEMBOUND: begin wr_en = 1'b1; wr_val = bound_q; end
      tess_isa_pkg::OP_TESS_EXIT: begin halt = 1'b1; cause = tess_isa_pkg::CAUSE_EXIT; hvalue = a; end
      tess_isa_pkg::OP_CAP_INFO, tess_isa_pkg::OP_CAP_LO, tess_isa_pkg::OP_CAP_HI,
      tess_isa_pkg::OP_CAP_BADGE, tess_isa_pkg::OP_CAP_DROP, tess_isa_pkg::OP_CAP_COPY,
      tess_isa_pkg::OP_CAP_MINT, tess_isa_pkg::OP_CAP_NARROW: begin
        wr_en = 1'b1; wr_val = cap_rd; cap_op = 1'b1;
      end
      tess_isa_pkg::OP_INVALID: begin halt = 1'b1; cause = tess_isa_pkg::CAUSE_ILLEGAL; hvalue = insn; end
      // Message instructions need the network side, not built yet.
      default: begin halt = 1'b1; unimpl = 1'b1; cause = tess_isa_pkg::CAUSE_ILLEGAL; hvalue = insn; end
    endcase
    if (!issue) begin
      wr_en = 1'b0; mem_re = 1'b0; mem_we = 1'b0; div_start = 1'b0;
    end
    if (halt) begin
      wr_en = 1'b0; mem_re = 1'b0; mem_we = 1'b0; div_start = 1'b0;
    end
  end

  // ---- memory ports ----
  logic retire;
  assign retire = issue && !halt;
  assign imem_addr_o  = state_q == ST_IDLE ? start_pc_i[AW+1:2] :
                        retire ? next_pc[AW+1:2] : pc_q[AW+1:2];
  assign dmem_addr_o  = addr[AW+1:2];
  assign dmem_we_o    = mem_we;
  assign dmem_be_o    = be;
  assign dmem_wdata_o = st_data << {addr[1:0], 3'b000};
  assign rf_clear     = state_q == ST_IDLE && start_i;

  tess_caps u_caps (
    .clk_i, .rst_ni, .en_i(retire && cap_op), .op_i(op), .a_i(a), .b_i(b), .c_i(c),
    .rd_o(cap_rd)
  );

  tess_div u_div (
    .clk_i, .rst_ni, .start_i(div_start),
    .signed_i(op == tess_isa_pkg::OP_DIV || op == tess_isa_pkg::OP_REM), .rem_i(op == tess_isa_pkg::OP_REM || op == tess_isa_pkg::OP_REMU),
    .a_i(a), .b_i(b), .done_o(div_done), .result_o(div_result)
  );

  // ---- state ----
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= ST_IDLE;
      pc_q <= '0;
      bound_q <= '0;
      budget_q <= '0;
      cyc_q <= '0;
      instret_q <= '0;
      wait_q <= '0;
      ld_pend_q <= 1'b0;
      ld_rd_q <= '0;
      ld_f3_q <= '0;
      ld_off_q <= '0;
      div_busy_q <= 1'b0;
      div_rd_q <= '0;
      div_pc_q <= '0;
      div_insn_q <= '0;
      div_cycle_q <= '0;
      rec_valid_q <= 1'b0;
      rec_load_q <= 1'b0;
      rec_mem_we_q <= 1'b0;
      rec_cycle_q <= '0;
      rec_pc_q <= '0;
      rec_insn_q <= '0;
      rec_wdata_q <= '0;
      rec_mem_addr_q <= '0;
      rec_mem_wdata_q <= '0;
      rec_rd_q <= '0;
      rec_mem_size_q <= '0;
      unimpl_q <= 1'b0;
      halt_cause_q <= tess_isa_pkg::CAUSE_RUNNING;
      halt_pc_q <= '0;
      halt_value_q <= '0;
      halt_cycle_q <= '0;
    end else begin
      rec_valid_q <= 1'b0;
      ld_pend_q <= 1'b0;
      case (state_q)
        ST_IDLE: if (start_i) begin
          state_q <= ST_RUN;
          pc_q <= start_pc_i;
          bound_q <= bound_i;
          budget_q <= budget_cycles_i;
          cyc_q <= '0;
          instret_q <= '0;
          wait_q <= '0;
        end
        ST_RUN: begin
          cyc_q <= cyc_q + 64'd1;
          if (wait_q != 6'd0) wait_q <= wait_q - 6'd1;
          if (slot && (fetch_fault || (!hazard && over_budget) || (issue && halt))) begin
            state_q <= ST_HALT;
            unimpl_q <= unimpl && issue;
            halt_cause_q <= fetch_fault ? tess_isa_pkg::CAUSE_MEM_FAULT :
                            !issue ? tess_isa_pkg::CAUSE_BUDGET_CYCLES : cause;
            halt_pc_q <= pc_q;
            halt_value_q <= fetch_fault ? pc_q : !issue ? 32'd0 : hvalue;
            halt_cycle_q <= cyc_q;
          end else if (retire) begin
            pc_q <= next_pc;
            instret_q <= instret_q + 64'd1;
            wait_q <= cost - 6'd1;
            ld_pend_q <= mem_re;
            ld_rd_q <= rd;
            ld_f3_q <= f3;
            ld_off_q <= addr[1:0];
            rec_valid_q <= !div_start;
            rec_cycle_q <= cyc_q;
            rec_pc_q <= pc_q;
            rec_insn_q <= insn;
            rec_load_q <= mem_re;
            rec_rd_q <= (wr_en || mem_re) ? (op == tess_isa_pkg::OP_ECALL ? 5'd10 : rd) : 5'd0;
            rec_wdata_q <= wr_val;
            rec_mem_we_q <= mem_we;
            rec_mem_addr_q <= addr;
            rec_mem_wdata_q <= st_data;
            rec_mem_size_q <= msize;
            if (div_start) begin
              div_busy_q <= 1'b1;
              div_rd_q <= rd;
              div_pc_q <= pc_q;
              div_insn_q <= insn;
              div_cycle_q <= cyc_q;
            end
          end
          if (div_done) begin
            div_busy_q <= 1'b0;
            rec_valid_q <= 1'b1;
            rec_cycle_q <= div_cycle_q;
            rec_pc_q <= div_pc_q;
            rec_insn_q <= div_insn_q;
            rec_load_q <= 1'b0;
            rec_rd_q <= div_rd_q;
            rec_wdata_q <= div_result;
            rec_mem_we_q <= 1'b0;
          end
        end
        default: ;
      endcase
    end
  end

  assign ret_valid_o     = rec_valid_q;
  assign ret_cycle_o     = rec_cycle_q;
  assign ret_pc_o        = rec_pc_q;
  assign ret_insn_o      = rec_insn_q;
  assign ret_rd_o        = rec_rd_q;
  assign ret_rd_wdata_o  = rec_load_q ? ld_data : rec_wdata_q;
  assign ret_mem_we_o    = rec_mem_we_q;
  assign ret_mem_addr_o  = rec_mem_addr_q;
  assign ret_mem_wdata_o = rec_mem_wdata_q;
  assign ret_mem_size_o  = rec_mem_size_q;
  assign halted_o        = state_q == ST_HALT;
  assign unimpl_o        = unimpl_q;
  assign halt_cause_o    = halt_cause_q;
  assign halt_pc_o       = halt_pc_q;
  assign halt_value_o    = halt_value_q;
  assign halt_cycle_o    = halt_cycle_q;
  assign cycle_o         = cyc_q;
  assign instret_o       = instret_q;
endmodule
