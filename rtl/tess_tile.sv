// One tile: core, SRAM, capability table (in the core), the two mailbox queues, the NI
// and the router. Link ports are indexed 0 N, 1 E, 2 S, 3 W (router ports 1..4); every
// signal leaving the tile is a register, so tiles can be wired into a mesh
// (tess_mesh) or clocked as separate models and wired by a harness with the same result.
//
// The control unit (tess_ctl) is inside: control operations delivered here reach it
// (also shown on cu_rx_*), EXIT notices go into the mailbox's control queue (notice_o),
// it loads the SRAM and the capability table while the core is not running, starts and
// kills the core, answers msg.ack, writes EXIT notices and kills into the NI's control
// queue and clears the SRAM (flash clear), the table and the budgets at a halt. The
// start_* / kill_* inputs remain for a tile the chip preloads (SPEC §10).
module tess_tile #(
  parameter int unsigned AW = 14,
  parameter int unsigned NT = 64,           // tiles of the mesh at most (children bitmap)
  parameter int unsigned CTLQ_MSGS = 8      // EXIT notices the control queue holds
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        start_i,
  input  logic [31:0] start_pc_i,
  input  logic [31:0] start_a0_i,
  input  logic [31:0] bound_i,
  input  logic [63:0] budget_cycles_i,
  input  logic [31:0] budget_msgs_i,
  input  logic [31:0] tile_id_i,
  input  logic [31:0] txy_i,
  input  logic [31:0] mesh_i,
  input  logic [32:0] mesh_recip_i,
  input  logic        semihost_i,
  input  logic        kill_i,
  input  logic [3:0]  kill_cause_i,
  input  logic [31:0] kill_value_i,
  output logic        ecall_o,
  output logic [31:0] ecall_a0_o,
  output logic [31:0] ecall_a1_o,
  output logic [31:0] ecall_a2_o,
  output logic [31:0] ecall_a7_o,
  input  logic [31:0] ecall_ret_i,
  input  logic        ecall_halt_i,
  input  logic [3:0]  ecall_cause_i,
  input  logic [31:0] ecall_value_i,
  output logic        ret_valid_o,
  output logic [63:0] ret_cycle_o,
  output logic [31:0] ret_pc_o,
  output logic [31:0] ret_insn_o,
  output logic [4:0]  ret_rd_o,
  output logic [31:0] ret_rd_wdata_o,
  output logic        ret_mem_we_o,
  output logic [31:0] ret_mem_addr_o,
  output logic [31:0] ret_mem_wdata_o,
  output logic [2:0]  ret_mem_size_o,
  output logic        halted_o,
  output logic        unimpl_o,
  output logic [3:0]  halt_cause_o,
  output logic [31:0] halt_pc_o,
  output logic [31:0] halt_value_o,
  output logic [63:0] halt_cycle_o,
  output logic [63:0] cycle_o,
  output logic [63:0] instret_o,
  output logic        running_o,
  output logic        msg_op_o,
  output logic        halt_now_o,
  output logic [3:0]  halt_now_cause_o,
  output logic [31:0] halt_now_pc_o,
  output logic [31:0] halt_now_value_o,
  output logic [63:0] halt_now_cycle_o,
  output logic        start_child_o,
  output logic [31:0] start_child_tile_o,
  // links to the neighbours (0 N, 1 E, 2 S, 3 W)
  output logic [3:0]       tx_valid_o,
  output logic [3:0]       tx_vnet_o,
  output logic [3:0]       tx_head_o,
  output logic [3:0]       tx_tail_o,
  output logic [127:0]     tx_data_o,      // 32 bits per link
  input  logic [7:0]       tx_credit_i,    // bit 2*link+vnet
  input  logic [3:0]       tx_sink_i,      // no router there: a device or nothing, always takes
  input  logic [3:0]       rx_valid_i,
  input  logic [3:0]       rx_vnet_i,
  input  logic [3:0]       rx_head_i,
  input  logic [3:0]       rx_tail_i,
  input  logic [127:0]     rx_data_i,
  output logic [7:0]       rx_credit_o,
  // what the NI is given at a msg.send's issue (observation: the harness's message log)
  output logic        inj_o,
  output logic        inj_vnet_o,
  output logic [31:0] inj_dst_o,
  output logic [31:0] inj_header_o,
  output logic [31:0] inj_badge_o,
  output logic [31:0] inj_addr_o,
  output logic [4:0]  inj_flits_o,
  output logic [31:0] inj_cap0_o,
  output logic [31:0] inj_cap1_o,
  output logic [31:0] inj_cap2_o,
  // the eject register: the flit that crossed into the local port last cycle
  output logic        ej_valid_o,
  output logic        ej_vnet_o,
  output logic        ej_head_o,
  output logic        ej_tail_o,
  output logic [31:0] ej_data_o,
  // the control unit's message written into the NI (EXIT notice, kill): its route flit,
  // written (its write time) cu_inj_wait_o cycles from now, after the flits before it
  output logic        cu_inj_o,
  output logic [31:0] cu_inj_route_o,
  output logic [31:0] cu_inj_wait_o,
  // control unit
  output logic        cu_rx_valid_o,
  output logic        cu_rx_head_o,
  output logic        cu_rx_tail_o,
  output logic [31:0] cu_rx_data_o,
  output logic        notice_o,
  output logic [31:0] notice_src_o,
  output logic        ack_o,
  output logic [31:0] ack_tile_o,
  // the control unit (tess_ctl): the chip cycle, MEM, a preloaded tile's supervisor,
  // children and budgets (pulse pre_i once before cycle 0), operations refused
  input  logic [63:0] now_i,
  input  logic [31:0] mem_i,
  input  logic        pre_i,
  input  logic        pre_super_valid_i,
  input  logic [31:0] pre_super_i,
  input  logic [NT-1:0] pre_children_i,
  input  logic [31:0] pre_bound_i,
  input  logic [63:0] pre_cycles_i,
  input  logic [31:0] pre_msgs_i,
  output logic [31:0] ctl_rejected_o
);
  localparam int unsigned DW = $clog2(tess_isa_pkg::MAILBOX_MSGS);
  localparam int unsigned CW = $clog2(CTLQ_MSGS);

  logic [AW-1:0] imem_addr, dmem_addr, core_daddr;
  logic [31:0]   imem_rdata, imem_wdata, dmem_rdata, dmem_wdata, core_wdata;
  logic          imem_we, dmem_we, core_we;
  logic [3:0]    dmem_be, core_be;

  // NI <-> core
  logic          ni_alloc, ni_vnet, ni_pay_valid;
  logic [4:0]    ni_flits;
  logic [31:0]   ni_route, ni_header, ni_badge, ni_pay_data, ni_cap0, ni_cap1, ni_cap2;
  logic          ni_cap;
  logic [13:0]   ni_space;
  // mailbox <-> core
  logic          mb_valid, mb_ctl, mb_take, mb_rd_ctl;
  logic [31:0]   mb_src, mb_badge, mb_rd_data;
  logic [7:0]    mb_tag;
  logic [4:0]    mb_len;
  logic [3:0]    mb_slot, mb_rd_slot, mb_rd_word;
  logic          mb_cap;
  logic [1:0]    mb_cap_kind;
  logic [31:0]   mb_cap_lo, mb_cap_hi, mb_cap_badge;

  // ---- the control unit (tess_ctl) and what it drives ----
  logic          cu_mem_we_i, cu_cap_we_i, cu_cap_clear_i, cu_tx_valid_i, cu_tx_head_i, cu_tx_tail_i;
  logic [AW-1:0] cu_mem_addr_i;
  logic [31:0]   cu_mem_wdata_i, cu_cap_lo_i, cu_cap_hi_i, cu_cap_badge_i, cu_tx_data_i;
  logic [4:0]    cu_cap_slot_i;
  logic [1:0]    cu_cap_kind_i;
  logic [31:0]   ack_status, u_pc, u_a0, u_bound, u_msgs, u_kvalue;
  /* verilator lint_off UNUSEDSIGNAL */
  logic [31:0]   u_maddr;         // a byte address inside MEM: bits above AW+1 are 0
  /* verilator lint_on UNUSEDSIGNAL */
  logic [63:0]   u_cycles;
  logic [3:0]    u_kcause;
  logic          u_start, u_kill, u_mclr, u_ready, halting;
  logic          c_start, c_kill;
  logic [31:0]   c_pc, c_a0, c_bound, c_msgs, c_kvalue;
  logic [63:0]   c_cycles;
  logic [3:0]    c_kcause;
  // the unit's start (CTL_START) or the chip's (a preloaded tile: start_* held by the
  // harness, so the core's inputs show them as the C model's waves do)
  assign c_start  = start_i || u_start;
  assign c_pc     = u_start ? u_pc : start_pc_i;
  assign c_a0     = u_start ? u_a0 : start_a0_i;
  assign c_bound  = u_start ? u_bound : bound_i;
  assign c_cycles = u_start ? u_cycles : budget_cycles_i;
  assign c_msgs   = u_start ? u_msgs : budget_msgs_i;
  assign c_kill   = kill_i || u_kill;
  assign c_kcause = u_kill ? u_kcause : kill_cause_i;
  assign c_kvalue = u_kill ? u_kvalue : kill_value_i;
  assign cu_mem_addr_i = u_maddr[AW+1:2];
  assign u_ready = !ni_alloc;   // the NI takes the unit's flit only without a core alloc
  assign cu_inj_o = cu_tx_valid_i && cu_tx_head_i && u_ready;
  assign cu_inj_route_o = cu_tx_data_i;

  tess_ctl #(.NT(NT)) u_ctl (
    .clk_i, .rst_ni, .now_i, .tile_id_i, .mem_i, .mesh_w_i(mesh_i[15:0]),
    .rx_valid_i(cu_rx_valid_o), .rx_head_i(cu_rx_head_o), .rx_tail_i(cu_rx_tail_o),
    .rx_data_i(cu_rx_data_o), .notice_i(notice_o), .notice_src_i(notice_src_o),
    .ack_i(ack_o), .ack_tile_i(ack_tile_o), .ack_status_o(ack_status),
    .start_child_i(start_child_o), .start_child_tile_i(start_child_tile_o),
    /* verilator lint_off PINCONNECTEMPTY */
    .send_i(1'b0), .msgs_hit_o(),   // the core keeps the message budget
    .core_active_i(running_o), .halt_now_i(halt_now_o), .halt_cause_i(halt_now_cause_o),
    .halt_pc_i(halt_now_pc_o), .halt_value_i(halt_now_value_o), .halt_cycles_i(halt_now_cycle_o),
    .kill_o(u_kill), .kill_cause_o(u_kcause), .kill_value_o(u_kvalue),
    .start_o(u_start), .start_pc_o(u_pc), .start_a0_o(u_a0), .bound_o(u_bound),
    .budget_cycles_o(u_cycles), .budget_msgs_o(u_msgs),
    .mem_we_o(cu_mem_we_i), .mem_addr_o(u_maddr), .mem_wdata_o(cu_mem_wdata_i), .mem_clr_o(u_mclr),
    .cap_we_o(cu_cap_we_i), .cap_slot_o(cu_cap_slot_i), .cap_kind_o(cu_cap_kind_i),
    .cap_lo_o(cu_cap_lo_i), .cap_hi_o(cu_cap_hi_i), .cap_badge_o(cu_cap_badge_i),
    .cap_clr_o(cu_cap_clear_i), .halting_o(halting),
    /* verilator lint_on PINCONNECTEMPTY */
    .tx_valid_o(cu_tx_valid_i), .tx_head_o(cu_tx_head_i), .tx_tail_o(cu_tx_tail_i),
    .tx_data_o(cu_tx_data_i), .tx_ready_i(u_ready),
    .pre_i, .pre_super_valid_i, .pre_super_i, .pre_children_i, .pre_bound_i, .pre_cycles_i,
    .pre_msgs_i, .rejected_o(ctl_rejected_o)
  );

  tess_core #(.AW(AW)) u_core (
    .clk_i, .rst_ni, .start_i(c_start), .start_pc_i(c_pc), .bound_i(c_bound),
    .budget_cycles_i(c_cycles), .budget_msgs_i(c_msgs), .start_a0_i(c_a0), .tile_id_i, .txy_i,
    .mesh_i, .mesh_recip_i, .semihost_i,
    .kill_i(c_kill), .kill_cause_i(c_kcause), .kill_value_i(c_kvalue),
    .imem_addr_o(imem_addr), .imem_we_o(imem_we), .imem_wdata_o(imem_wdata),
    .imem_rdata_i(imem_rdata),
    .dmem_addr_o(core_daddr), .dmem_we_o(core_we), .dmem_be_o(core_be),
    .dmem_wdata_o(core_wdata), .dmem_rdata_i(dmem_rdata),
    .ni_alloc_o(ni_alloc), .ni_vnet_o(ni_vnet), .ni_flits_o(ni_flits), .ni_route_o(ni_route),
    .ni_header_o(ni_header), .ni_badge_o(ni_badge), .ni_dst_o(inj_dst_o),
    .ni_cap_o(ni_cap), .ni_cap0_o(ni_cap0), .ni_cap1_o(ni_cap1), .ni_cap2_o(ni_cap2),
    .ni_addr_o(inj_addr_o), .ni_pay_valid_o(ni_pay_valid), .ni_pay_data_o(ni_pay_data),
    .ni_space_i(ni_space),
    .mb_valid_i(mb_valid), .mb_ctl_i(mb_ctl), .mb_src_i(mb_src), .mb_badge_i(mb_badge),
    .mb_tag_i(mb_tag), .mb_len_i(mb_len), .mb_slot_i(mb_slot), .mb_take_o(mb_take),
    .mb_cap_i(mb_cap), .mb_cap_kind_i(mb_cap_kind), .mb_cap_lo_i(mb_cap_lo),
    .mb_cap_hi_i(mb_cap_hi), .mb_cap_badge_i(mb_cap_badge),
    .mb_rd_ctl_o(mb_rd_ctl), .mb_rd_slot_o(mb_rd_slot), .mb_rd_word_o(mb_rd_word),
    .mb_rd_data_i(mb_rd_data),
    .ack_o, .ack_tile_o, .ack_status_i(ack_status),
    .cu_cap_we_i, .cu_cap_slot_i, .cu_cap_kind_i, .cu_cap_lo_i, .cu_cap_hi_i,
    .cu_cap_badge_i, .cu_cap_clear_i,
    .ecall_o, .ecall_a0_o, .ecall_a1_o, .ecall_a2_o, .ecall_a7_o,
    .ecall_ret_i, .ecall_halt_i, .ecall_cause_i, .ecall_value_i,
    .ret_valid_o, .ret_cycle_o, .ret_pc_o, .ret_insn_o, .ret_rd_o, .ret_rd_wdata_o,
    .ret_mem_we_o, .ret_mem_addr_o, .ret_mem_wdata_o, .ret_mem_size_o,
    .halted_o, .unimpl_o, .halt_cause_o, .halt_pc_o, .halt_value_o, .halt_cycle_o,
    .cycle_o, .instret_o, .running_o, .msg_op_o,
    .halt_now_o, .halt_now_cause_o, .halt_now_pc_o, .halt_now_value_o, .halt_now_cycle_o,
    .start_child_o, .start_child_tile_o
  );

  // The control unit uses the data port while the core is not running.
  assign dmem_addr  = running_o ? core_daddr : cu_mem_addr_i;
  assign dmem_we    = running_o ? core_we : cu_mem_we_i;
  assign dmem_be    = running_o ? core_be : 4'b1111;
  assign dmem_wdata = running_o ? core_wdata : cu_mem_wdata_i;

  tess_sram #(.AW(AW)) u_sram (
    .clk_i, .clr_i(u_mclr),
    .a_addr_i(imem_addr), .a_we_i(imem_we), .a_wdata_i(imem_wdata), .a_rdata_o(imem_rdata),
    .b_addr_i(dmem_addr), .b_we_i(dmem_we), .b_be_i(dmem_be), .b_wdata_i(dmem_wdata),
    .b_rdata_o(dmem_rdata)
  );

  assign inj_o        = ni_alloc;
  assign inj_vnet_o   = ni_vnet;
  assign inj_header_o = ni_header;
  assign inj_badge_o  = ni_badge;
  assign inj_flits_o  = ni_flits;
  assign inj_cap0_o   = ni_cap0;
  assign inj_cap1_o   = ni_cap1;
  assign inj_cap2_o   = ni_cap2;

  // ---- router ----
  logic [4:0]       r_in_valid, r_in_vnet, r_in_head, r_in_tail;
  logic [159:0]     r_in_data;
  logic [9:0]       r_in_credit, r_out_credit;
  logic [4:0]       r_out_valid, r_out_vnet, r_out_head, r_out_tail;
  logic [159:0]     r_out_data;
  logic             eject_ok, eject_take;
  logic             ni_out_valid, ni_out_vnet, ni_out_head, ni_out_tail;
  logic [31:0]      ni_out_data;

  assign r_in_valid   = {rx_valid_i, ni_out_valid};
  assign r_in_vnet    = {rx_vnet_i, ni_out_vnet};
  assign r_in_head    = {rx_head_i, ni_out_head};
  assign r_in_tail    = {rx_tail_i, ni_out_tail};
  assign r_in_data    = {rx_data_i, ni_out_data};
  assign rx_credit_o  = r_in_credit[9:2];
  assign r_out_credit = {tx_credit_i, 2'b00};
  assign tx_valid_o   = r_out_valid[4:1];
  assign tx_vnet_o    = r_out_vnet[4:1];
  assign tx_head_o    = r_out_head[4:1];
  assign tx_tail_o    = r_out_tail[4:1];
  assign tx_data_o    = r_out_data[159:32];

  tess_router u_router (
    .clk_i, .rst_ni, .x_i(tess_isa_pkg::route_col(txy_i)), .y_i(tess_isa_pkg::route_row(txy_i)),
    .in_valid_i(r_in_valid), .in_vnet_i(r_in_vnet), .in_head_i(r_in_head),
    .in_tail_i(r_in_tail), .in_data_i(r_in_data), .in_credit_o(r_in_credit),
    .out_valid_o(r_out_valid), .out_vnet_o(r_out_vnet), .out_head_o(r_out_head),
    .out_tail_o(r_out_tail), .out_data_o(r_out_data), .out_credit_i(r_out_credit),
    .out_sink_i({tx_sink_i, 1'b1}), .eject_ok_i(eject_ok), .eject_take_o(eject_take)
  );

  tess_ni u_ni (
    .clk_i, .rst_ni,
    .alloc_i(ni_alloc), .alloc_vnet_i(ni_vnet), .alloc_flits_i(ni_flits),
    .alloc_route_i(ni_route), .alloc_header_i(ni_header), .alloc_badge_i(ni_badge),
    .alloc_cap_i(ni_cap), .alloc_cap0_i(ni_cap0), .alloc_cap1_i(ni_cap1), .alloc_cap2_i(ni_cap2),
    .pay_valid_i(ni_pay_valid), .pay_data_i(ni_pay_data), .space_o(ni_space),
    .cu_valid_i(cu_tx_valid_i), .cu_head_i(cu_tx_head_i), .cu_tail_i(cu_tx_tail_i),
    .cu_data_i(cu_tx_data_i), .cu_wait_o(cu_inj_wait_o),
    .out_valid_o(ni_out_valid), .out_vnet_o(ni_out_vnet), .out_head_o(ni_out_head),
    .out_tail_o(ni_out_tail), .out_data_o(ni_out_data), .credit_i(r_in_credit[1:0])
  );

  // ---- ejection: data vnet to the data queue; control vnet to the control unit
  // (operations, route bit 29) or to the control queue (EXIT notices) ----
  assign ej_valid_o = r_out_valid[0];
  assign ej_vnet_o  = r_out_vnet[0];
  assign ej_head_o  = r_out_head[0];
  assign ej_tail_o  = r_out_tail[0];
  assign ej_data_o  = r_out_data[31:0];

  logic to_cu_q, to_cu;
  assign to_cu = r_out_head[0] ? r_out_data[29] : to_cu_q;
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) to_cu_q <= 1'b0;
    else if (r_out_valid[0] && r_out_vnet[0]) to_cu_q <= to_cu;

  assign cu_rx_valid_o = r_out_valid[0] && r_out_vnet[0] && to_cu;
  assign cu_rx_head_o  = r_out_head[0];
  assign cu_rx_tail_o  = r_out_tail[0];
  assign cu_rx_data_o  = r_out_data[31:0];

  logic          dq_valid, cq_valid;
  logic [31:0]   dq_src, cq_src, dq_badge, cq_badge, dq_rd, cq_rd, dq_dsrc;
  logic [7:0]    dq_tag, cq_tag;
  logic [4:0]    dq_len, cq_len;
  logic [DW-1:0] dq_head;
  logic [CW-1:0] cq_head;
  logic          dq_dlv, cq_slot_ok, dq_cap, cq_cap;
  logic [1:0]    dq_ckind, cq_ckind;
  logic [31:0]   dq_clo, cq_clo, dq_chi, cq_chi, dq_cbadge, cq_cbadge;

  // SPEC §8.4: a tile that halts at h is IDLE from h + LOOKAHEAD on: until then its
  // mailbox takes what reaches it as a running tile's does; then it is emptied, and what
  // reaches it is discarded
  logic mb_active;
  assign mb_active = running_o || halting;

  tess_mailbox #(.DEPTH(tess_isa_pkg::MAILBOX_MSGS), .SLOTS(1'b1)) u_mb_data (
    .clk_i, .rst_ni, .active_i(mb_active),
    .in_valid_i(r_out_valid[0] && !r_out_vnet[0]), .in_head_i(r_out_head[0]),
    .in_tail_i(r_out_tail[0]), .in_data_i(r_out_data[31:0]),
    .reserve_i(eject_take), .slot_ok_o(eject_ok),
    .valid_o(dq_valid), .src_o(dq_src), .badge_o(dq_badge), .tag_o(dq_tag), .len_o(dq_len),
    .head_o(dq_head), .take_i(mb_take && !mb_ctl),
    .cap_o(dq_cap), .cap_kind_o(dq_ckind), .cap_lo_o(dq_clo), .cap_hi_o(dq_chi),
    .cap_badge_o(dq_cbadge),
    .rd_slot_i(DW'(mb_rd_slot)), .rd_word_i(mb_rd_word), .rd_data_o(dq_rd),
    .deliver_o(dq_dlv), .deliver_src_o(dq_dsrc)
  );

  tess_mailbox #(.DEPTH(CTLQ_MSGS), .SLOTS(1'b0)) u_mb_ctl (
    .clk_i, .rst_ni, .active_i(mb_active),
    .in_valid_i(r_out_valid[0] && r_out_vnet[0] && !to_cu), .in_head_i(r_out_head[0]),
    .in_tail_i(r_out_tail[0]), .in_data_i(r_out_data[31:0]),
    .reserve_i(1'b0), .slot_ok_o(cq_slot_ok),
    .valid_o(cq_valid), .src_o(cq_src), .badge_o(cq_badge), .tag_o(cq_tag), .len_o(cq_len),
    .head_o(cq_head), .take_i(mb_take && mb_ctl),
    .cap_o(cq_cap), .cap_kind_o(cq_ckind), .cap_lo_o(cq_clo), .cap_hi_o(cq_chi),
    .cap_badge_o(cq_cbadge),
    .rd_slot_i(CW'(mb_rd_slot)), .rd_word_i(mb_rd_word), .rd_data_o(cq_rd),
    .deliver_o(notice_o), .deliver_src_o(notice_src_o)
  );

  // the control queue first (SPEC §4.3)
  assign mb_valid   = cq_valid || dq_valid;
  assign mb_ctl     = cq_valid;
  assign mb_src     = cq_valid ? cq_src : dq_src;
  assign mb_badge   = cq_valid ? cq_badge : dq_badge;
  assign mb_tag     = cq_valid ? cq_tag : dq_tag;
  assign mb_len     = cq_valid ? cq_len : dq_len;
  assign mb_slot    = cq_valid ? 4'(cq_head) : 4'(dq_head);
  assign mb_rd_data = mb_rd_ctl ? cq_rd : dq_rd;
  assign mb_cap       = cq_valid ? cq_cap : dq_cap;
  assign mb_cap_kind  = cq_valid ? cq_ckind : dq_ckind;
  assign mb_cap_lo    = cq_valid ? cq_clo : dq_clo;
  assign mb_cap_hi    = cq_valid ? cq_chi : dq_chi;
  assign mb_cap_badge = cq_valid ? cq_cbadge : dq_cbadge;

  // unused here: the data queue's delivery pulse, the control queue's slot flag, and
  // the top slot bit (both queues hold 8)
  logic unused;
  assign unused = ^{dq_dlv, dq_dsrc, cq_slot_ok, mb_rd_slot[3]};
endmodule
