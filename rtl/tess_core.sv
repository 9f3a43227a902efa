// The Tessera core: RV32IM + Xtess (tile information, exit, the capability table in
// tess_caps, and the message instructions against tess_ni and the mailbox).
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
// Messages (SPEC §4.3, §5, §8.4): an instruction that must wait (msg.send with no room
// in its NI queue, msg.recv with an empty mailbox, msg.wait) simply does not issue in
// that cycle and is tried again in the next, so it issues at exactly the cycle the model's
// woken tile does, and a cycle budget or a kill stops it there. msg.send hands the NI its
// route, header and badge flits at the issue and reads its payload from the SRAM one word
// a cycle from the issue on (the NI fixes every flit's write time at the issue, so the
// words only have to arrive before their flits may leave). msg.recv writes its record
// with both SRAM ports in its first cycle (info, source) and port B in the next ones
// (badge, payload): 3 + len words in its 2 + len cycles.
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
  input  logic [31:0]   budget_msgs_i,     // message budget, 0: unlimited
  input  logic [31:0]   start_a0_i,
  input  logic [31:0]   tile_id_i,
  input  logic [31:0]   txy_i,
  input  logic [31:0]   mesh_i,
  input  logic [32:0]   mesh_recip_i,      // floor(2^32 / W) + 1: tile id -> row
  input  logic          semihost_i,
  // halt at the next instruction boundary (the control unit: kill, ack deadline)
  input  logic          kill_i,
  input  logic [3:0]    kill_cause_i,
  input  logic [31:0]   kill_value_i,
  // instruction port (word address; data in the next cycle); writes for msg.recv
  output logic [AW-1:0] imem_addr_o,
  output logic          imem_we_o,
  output logic [31:0]   imem_wdata_o,
  input  logic [31:0]   imem_rdata_i,
  // data port
  output logic [AW-1:0] dmem_addr_o,
  output logic          dmem_we_o,
  output logic [3:0]    dmem_be_o,
  output logic [31:0]   dmem_wdata_o,
  input  logic [31:0]   dmem_rdata_i,
  // network interface (tess_ni)
  output logic          ni_alloc_o,
  output logic          ni_vnet_o,
  output logic [4:0]    ni_flits_o,
  output logic [31:0]   ni_route_o,
  output logic [31:0]   ni_header_o,
  output logic [31:0]   ni_badge_o,
  output logic          ni_cap_o,          // a capability is passed: its lo, hi, badge
  output logic [31:0]   ni_cap0_o,
  output logic [31:0]   ni_cap1_o,
  output logic [31:0]   ni_cap2_o,
  output logic [31:0]   ni_dst_o,          // the endpoint (for the harness's message log)
  output logic [31:0]   ni_addr_o,         // payload address (idem)
  output logic          ni_pay_valid_o,
  output logic [31:0]   ni_pay_data_o,
  input  logic [13:0]   ni_space_i,        // free NI flits: [6:0] data, [13:7] control
  // mailbox: the message a msg.recv would take now (control queue first)
  input  logic          mb_valid_i,
  input  logic          mb_ctl_i,
  input  logic [31:0]   mb_src_i,
  input  logic [31:0]   mb_badge_i,
  input  logic [7:0]    mb_tag_i,
  input  logic [4:0]    mb_len_i,
  input  logic [3:0]    mb_slot_i,
  input  logic          mb_cap_i,          // the message carries a capability
  input  logic [1:0]    mb_cap_kind_i,
  input  logic [31:0]   mb_cap_lo_i,
  input  logic [31:0]   mb_cap_hi_i,
  input  logic [31:0]   mb_cap_badge_i,
  output logic          mb_take_o,
  output logic          mb_rd_ctl_o,
  output logic [3:0]    mb_rd_slot_o,
  output logic [3:0]    mb_rd_word_o,
  input  logic [31:0]   mb_rd_data_i,
  // msg.ack: the control unit answers in the same cycle
  output logic          ack_o,
  output logic [31:0]   ack_tile_o,
  input  logic [31:0]   ack_status_i,
  // control-unit access to the capability table while the core is not running
  input  logic          cu_cap_we_i,
  input  logic [4:0]    cu_cap_slot_i,
  input  logic [1:0]    cu_cap_kind_i,
  input  logic [31:0]   cu_cap_lo_i,
  input  logic [31:0]   cu_cap_hi_i,
  input  logic [31:0]   cu_cap_badge_i,
  input  logic          cu_cap_clear_i,
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
  output logic [63:0]   instret_o,
  output logic          running_o,
  output logic          msg_op_o,          // a message instruction is at its issue slot
  // the control unit: the halt as it happens (the record above shows it a cycle later),
  // and a msg.send of CTL_START through a CONTROL capability (the target is a child)
  output logic          halt_now_o,
  output logic [3:0]    halt_now_cause_o,
  output logic [31:0]   halt_now_pc_o,
  output logic [31:0]   halt_now_value_o,
  output logic [63:0]   halt_now_cycle_o,
  output logic          start_child_o,
  output logic [31:0]   start_child_tile_o
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
  // messages
  logic [31:0] budget_msgs_q, msgs_q;
  logic        waiting_q;     // in msg.wait: wait_until_q is its deadline
  logic [63:0] wait_until_q;
  logic [4:0]  pay_left_q;    // msg.send: payload words still to read
  logic [31:0] pay_addr_q;
  logic        pay_rd_q;      // a payload word was read last cycle
  logic [4:0]  rcv_left_q;    // msg.recv: record words still to write after the first two
  logic [31:0] rcv_addr_q, rcv_badge_q;
  logic        rcv_first_q;   // the next word is the badge
  logic [3:0]  rcv_slot_q, rcv_word_q;
  logic        rcv_ctl_q;

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
    .clk_i, .clear_i(rf_clear), .sp_i(bound_i), .a0_i(start_a0_i),
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
  // A kill or an acknowledgement deadline at the slot halts the tile before the
  // instruction (SPEC §6.1, §6.3): none of it may happen, not even its message or store.
  assign issue = slot && !kill_i && !fetch_fault && !hazard && !over_budget;

  // ---- execute (combinational, for the instruction issuing now) ----
  logic [31:0] next_pc, target, addr;
  logic [5:0]  cost;
  logic        halt, unimpl, mem_re, mem_we, div_start, taken;
  logic [3:0]  cause, be;
  logic [31:0] hvalue, st_data;
  logic        msg_stall, send_go, recv_go, wait_arm;
  logic [1:0]  q_kind, p_kind;
  logic [31:0] q_lo, q_hi, q_badge, p_lo, p_hi, p_badge, s_dst, info;
  logic        in_ok;
  logic [4:0]  in_slot;
  logic [4:0]  s_len, s_flits;
  logic        s_ctl;
  logic [31:0] s_route;
  logic [9:0]  d_row, d_col;
  logic [1:0]  d_kind;
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
    msg_stall = 1'b0;
    send_go = 1'b0;
    recv_go = 1'b0;
    wait_arm = 1'b0;
    ack_o = 1'b0;
    // a passed capability goes into the lowest empty slot (none: dropped, bit 29 clear)
    info = tess_isa_pkg::MSG_INFO_VALID | (mb_ctl_i ? tess_isa_pkg::MSG_INFO_CONTROL : 32'd0) |
           (mb_cap_i && in_ok ? tess_isa_pkg::MSG_INFO_CAP | {3'd0, in_slot, 24'd0} : 32'd0) |
           {11'd0, mb_len_i, mb_tag_i, 8'd0};
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
      tess_isa_pkg::OP_MSG_SEND: begin
        // SPEC §4.3: status refusals, then the message budget, then the payload
        cost = 6'(s_flits) - 6'd1;
        wr_en = 1'b1;
        if (s_len > 5'(tess_isa_pkg::MSG_MAX_WORDS)) begin
          wr_val = tess_isa_pkg::ERR_E_LEN; cost = 6'd1;
        end else if (q_kind == tess_isa_pkg::CAP_KIND_EMPTY) begin
          wr_val = tess_isa_pkg::ERR_E_EMPTY; cost = 6'd1;
        end else if (s_ctl && (a[15:8] < tess_isa_pkg::TAG_CTL_LOAD || a[15:8] > tess_isa_pkg::TAG_CTL_CLEAR)) begin
          wr_val = tess_isa_pkg::ERR_E_KIND; cost = 6'd1;
        end else if (s_dst < q_lo || s_dst > q_hi) begin
          wr_val = tess_isa_pkg::ERR_E_RANGE; cost = 6'd1;
        end else if (a[21] && p_kind == tess_isa_pkg::CAP_KIND_EMPTY) begin
          wr_val = tess_isa_pkg::ERR_E_PASS; cost = 6'd1;
        end else if (budget_msgs_q != 32'd0 && msgs_q >= budget_msgs_q) begin
          halt = 1'b1; cause = tess_isa_pkg::CAUSE_BUDGET_MSGS;
        end else if (s_len != 5'd0 && b[1:0] != 2'd0) begin
          halt = 1'b1; cause = tess_isa_pkg::CAUSE_MISALIGNED; hvalue = b;
        end else if (s_len != 5'd0 && (b >= bound_q || {25'd0, s_len, 2'd0} > bound_q - b)) begin
          halt = 1'b1; cause = tess_isa_pkg::CAUSE_MEM_FAULT; hvalue = b;
        end else if ((s_ctl ? ni_space_i[13:7] : ni_space_i[6:0]) < {2'd0, s_flits}) begin
          msg_stall = 1'b1;   // BLOCKED until the NI has room (SPEC §8.4)
        end else begin
          wr_val = tess_isa_pkg::ERR_OK; send_go = 1'b1;
        end
      end
      tess_isa_pkg::OP_MSG_RECV, tess_isa_pkg::OP_MSG_POLL: begin
        if (!mb_valid_i) begin
          if (op == tess_isa_pkg::OP_MSG_POLL) begin
            wr_en = 1'b1; wr_val = 32'd0; cost = 6'd1;
          end else begin
            msg_stall = 1'b1;
          end
        end else if (a[1:0] != 2'd0) begin
          halt = 1'b1; cause = tess_isa_pkg::CAUSE_MISALIGNED; hvalue = a;
        end else if (a >= bound_q || {25'd0, mb_len_i + 5'd3, 2'd0} > bound_q - a) begin
          halt = 1'b1; cause = tess_isa_pkg::CAUSE_MEM_FAULT; hvalue = a;
        end else begin
          wr_en = 1'b1; wr_val = info; recv_go = 1'b1;
          cost = 6'(tess_isa_pkg::COST_XRECV) + 6'(mb_len_i);
        end
      end
      tess_isa_pkg::OP_MSG_WAIT: begin
        wr_en = 1'b1;
        if (mb_valid_i) wr_val = 32'd1;
        else if (waiting_q && cyc_q >= wait_until_q) wr_val = 32'd0;
        else begin msg_stall = 1'b1; wait_arm = !waiting_q; end
      end
      tess_isa_pkg::OP_MSG_ACK: begin
        wr_en = 1'b1; wr_val = ack_status_i; ack_o = issue;
      end
      default: begin halt = 1'b1; cause = tess_isa_pkg::CAUSE_ILLEGAL; hvalue = insn; end
    endcase
    if (!issue) begin
      wr_en = 1'b0; mem_re = 1'b0; mem_we = 1'b0; div_start = 1'b0;
    end
    if (halt || msg_stall) begin
      wr_en = 1'b0; mem_re = 1'b0; mem_we = 1'b0; div_start = 1'b0;
      send_go = 1'b0; recv_go = 1'b0;
    end
    if (!issue) begin
      send_go = 1'b0; recv_go = 1'b0; wait_arm = 1'b0;
    end
  end

  // ---- msg.send: descriptor, capability, destination, route flit ----
  assign s_len   = a[20:16];
  assign s_flits = 5'(tess_isa_pkg::MSG_HDR_FLITS) + s_len +
                   (a[21] ? 5'(tess_isa_pkg::SEND_CAP_WORDS) : 5'd0);
  assign s_ctl   = q_kind == tess_isa_pkg::CAP_KIND_CONTROL;
  assign s_dst   = q_lo == q_hi ? q_lo : c;
  // row = floor(dst / W) by the reciprocal, exact for ids below 2^20 and W <= 1024
  /* verilator lint_off UNUSEDSIGNAL */
  logic [52:0] row_prod;
  logic [31:0] row_base;
  /* verilator lint_on UNUSEDSIGNAL */
  assign row_prod = {33'd0, s_dst[19:0]} * {20'd0, mesh_recip_i};
  assign row_base = {12'd0, row_prod[51:32]} * {16'd0, mesh_i[15:0]};
  always_comb begin
    if (s_dst == tess_isa_pkg::DEV_CONSOLE) begin
      d_kind = tess_isa_pkg::ROUTE_KIND_CONSOLE; d_row = 10'd0; d_col = 10'd0;
    end else if (s_dst == tess_isa_pkg::DEV_BLOCK) begin
      d_kind = tess_isa_pkg::ROUTE_KIND_BLOCK; d_row = 10'd0; d_col = 10'(mesh_i[15:0] - 16'd1);
    end else begin
      d_kind = tess_isa_pkg::ROUTE_KIND_TILE; d_row = row_prod[41:32];
      d_col = 10'(s_dst - row_base);
    end
    s_route = tess_isa_pkg::route_flit(d_kind, s_ctl, d_row, d_col);
  end

  assign ni_alloc_o  = send_go;
  assign ni_vnet_o   = s_ctl;
  assign ni_flits_o  = s_flits;
  assign ni_route_o  = s_route;
  // header: [31] source is a device, [30] capability, [29] it is CONTROL,
  // [28] control operation, [27:20] tag, [19:0] source tile
  assign ni_header_o = {1'b0, a[21], p_kind == tess_isa_pkg::CAP_KIND_CONTROL, s_ctl, a[15:8],
                        tile_id_i[19:0]};
  assign ni_cap_o    = a[21];
  assign ni_cap0_o   = p_lo;
  assign ni_cap1_o   = p_hi;
  assign ni_cap2_o   = p_badge;
  assign ni_badge_o  = q_badge;
  assign ni_dst_o    = s_dst;
  assign ni_addr_o   = b;
  assign ni_pay_valid_o = pay_rd_q;
  assign ni_pay_data_o  = dmem_rdata_i;
  assign ack_tile_o  = a;

  // ---- msg.recv: the record's words ----
  assign mb_take_o    = recv_go;
  assign mb_rd_ctl_o  = rcv_ctl_q;
  assign mb_rd_slot_o = rcv_slot_q;
  assign mb_rd_word_o = rcv_word_q;

  // ---- memory ports ----
  logic retire;
  assign retire = issue && !halt && !msg_stall;
  /* verilator lint_off UNUSEDSIGNAL */
  logic [31:0] a4;   // the record's second word, written through port A
  /* verilator lint_on UNUSEDSIGNAL */
  assign a4 = a + 32'd4;
  assign imem_addr_o  = state_q != ST_RUN ? start_pc_i[AW+1:2] :
                        recv_go ? a4[AW+1:2] :
                        retire ? next_pc[AW+1:2] : pc_q[AW+1:2];
  // Port B: the message engines while they run (the core issues nothing then), a
  // msg.send's first payload word or msg.recv's info word in their issue cycle.
  logic rcv_busy, pay_busy;
  assign rcv_busy = rcv_left_q != 5'd0;
  assign pay_busy = pay_left_q != 5'd0;
  always_comb begin
    dmem_addr_o  = addr[AW+1:2];
    dmem_we_o    = mem_we;
    dmem_be_o    = be;
    dmem_wdata_o = st_data << {addr[1:0], 3'b000};
    if (rcv_busy) begin
      dmem_addr_o = rcv_addr_q[AW+1:2]; dmem_we_o = 1'b1; dmem_be_o = 4'b1111;
      dmem_wdata_o = rcv_first_q ? rcv_badge_q : mb_rd_data_i;
    end else if (pay_busy) begin
      dmem_addr_o = pay_addr_q[AW+1:2];
    end else if (recv_go) begin
      dmem_addr_o = a[AW+1:2]; dmem_we_o = 1'b1; dmem_be_o = 4'b1111; dmem_wdata_o = info;
    end else if (op == tess_isa_pkg::OP_MSG_SEND) begin
      dmem_addr_o = b[AW+1:2];
    end
  end
  assign imem_we_o    = recv_go;
  assign imem_wdata_o = mb_src_i;
  // a halted tile is idle (SPEC §2.1): it can be started again
  assign rf_clear     = state_q != ST_RUN && start_i;

  tess_caps u_caps (
    .clk_i, .rst_ni, .en_i(retire && cap_op), .op_i(op), .a_i(a), .b_i(b), .c_i(c),
    .rd_o(cap_rd),
    .q_slot_i(a[4:0]), .q_kind_o(q_kind), .q_lo_o(q_lo), .q_hi_o(q_hi), .q_badge_o(q_badge),
    .p_slot_i(a[28:24]), .p_kind_o(p_kind), .p_lo_o(p_lo), .p_hi_o(p_hi), .p_badge_o(p_badge),
    .in_we_i(recv_go && mb_cap_i), .in_kind_i(mb_cap_kind_i), .in_lo_i(mb_cap_lo_i),
    .in_hi_i(mb_cap_hi_i), .in_badge_i(mb_cap_badge_i), .in_ok_o(in_ok), .in_slot_o(in_slot),
    .cu_we_i(cu_cap_we_i), .cu_slot_i(cu_cap_slot_i), .cu_kind_i(cu_cap_kind_i),
    .cu_lo_i(cu_cap_lo_i), .cu_hi_i(cu_cap_hi_i), .cu_badge_i(cu_cap_badge_i),
    .cu_clear_i(cu_cap_clear_i)
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
      budget_msgs_q <= '0;
      msgs_q <= '0;
      waiting_q <= 1'b0;
      wait_until_q <= '0;
      pay_left_q <= '0;
      pay_addr_q <= '0;
      pay_rd_q <= 1'b0;
      rcv_left_q <= '0;
      rcv_addr_q <= '0;
      rcv_badge_q <= '0;
      rcv_first_q <= 1'b0;
      rcv_slot_q <= '0;
      rcv_word_q <= '0;
      rcv_ctl_q <= 1'b0;
    end else begin
      pay_rd_q <= pay_busy;
      if (pay_busy) begin
        pay_left_q <= pay_left_q - 5'd1;
        pay_addr_q <= pay_addr_q + 32'd4;
      end
      if (rcv_busy) begin
        rcv_left_q <= rcv_left_q - 5'd1;
        rcv_addr_q <= rcv_addr_q + 32'd4;
        rcv_first_q <= 1'b0;
        if (!rcv_first_q) rcv_word_q <= rcv_word_q + 4'd1;
      end
      rec_valid_q <= 1'b0;
      ld_pend_q <= 1'b0;
      case (state_q)
        ST_IDLE, ST_HALT: if (start_i) begin
          state_q <= ST_RUN;
          pc_q <= start_pc_i;
          bound_q <= bound_i;
          budget_q <= budget_cycles_i;
          budget_msgs_q <= budget_msgs_i;
          msgs_q <= '0;
          waiting_q <= 1'b0;
          cyc_q <= '0;
          instret_q <= '0;
          wait_q <= '0;
          unimpl_q <= 1'b0;
          halt_cause_q <= tess_isa_pkg::CAUSE_RUNNING;
          div_busy_q <= 1'b0;
          pay_left_q <= '0;
          rcv_left_q <= '0;
        end
        ST_RUN: begin
          cyc_q <= cyc_q + 64'd1;
          if (wait_q != 6'd0) wait_q <= wait_q - 6'd1;
          if (slot && kill_i) begin
            state_q <= ST_HALT;
            halt_cause_q <= kill_cause_i;
            halt_pc_q <= pc_q;
            halt_value_q <= kill_value_i;
            halt_cycle_q <= cyc_q;
          end else if (slot && (fetch_fault || (!hazard && over_budget) || (issue && halt))) begin
            state_q <= ST_HALT;
            unimpl_q <= unimpl && issue;
            halt_cause_q <= fetch_fault ? tess_isa_pkg::CAUSE_MEM_FAULT :
                            !issue ? tess_isa_pkg::CAUSE_BUDGET_CYCLES : cause;
            halt_pc_q <= pc_q;
            halt_value_q <= fetch_fault ? pc_q : !issue ? 32'd0 : hvalue;
            halt_cycle_q <= cyc_q;
          end else if (wait_arm) begin
            waiting_q <= 1'b1;
            wait_until_q <= a == 32'd0 ? '1 : cyc_q + {32'd0, a};
          end else if (retire) begin
            if (op == tess_isa_pkg::OP_MSG_WAIT) waiting_q <= 1'b0;
            if (send_go) begin
              msgs_q <= msgs_q + 32'd1;
              // word 0 is read now (port B, issue cycle), the rest one a cycle
              pay_left_q <= s_len == 5'd0 ? 5'd0 : s_len - 5'd1;
              pay_addr_q <= b + 32'd4;
              pay_rd_q <= s_len != 5'd0;
            end
            if (recv_go) begin
              rcv_left_q <= 5'd1 + mb_len_i;
              rcv_addr_q <= a + 32'd8;
              rcv_badge_q <= mb_badge_i;
              rcv_first_q <= 1'b1;
              rcv_slot_q <= mb_slot_i;
              rcv_word_q <= '0;
              rcv_ctl_q <= mb_ctl_i;
            end
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
  assign running_o       = state_q == ST_RUN;
  assign halt_now_o       = state_q == ST_RUN && slot &&
                            (kill_i || fetch_fault || (!hazard && over_budget) || (issue && halt));
  assign halt_now_cause_o = kill_i ? kill_cause_i : fetch_fault ? tess_isa_pkg::CAUSE_MEM_FAULT :
                            !issue ? tess_isa_pkg::CAUSE_BUDGET_CYCLES : cause;
  assign halt_now_pc_o    = pc_q;
  assign halt_now_value_o = kill_i ? kill_value_i : fetch_fault ? pc_q : !issue ? 32'd0 : hvalue;
  assign halt_now_cycle_o = cyc_q;
  assign start_child_o      = send_go && s_ctl && a[15:8] == tess_isa_pkg::TAG_CTL_START;
  assign start_child_tile_o = s_dst;
  assign msg_op_o        = slot && (op == tess_isa_pkg::OP_MSG_SEND || op == tess_isa_pkg::OP_MSG_RECV ||
                                    op == tess_isa_pkg::OP_MSG_POLL || op == tess_isa_pkg::OP_MSG_WAIT ||
                                    op == tess_isa_pkg::OP_MSG_ACK);
endmodule
