// Test top piece (test-rtl-ctl): one tile with its control unit, wired through the
// tile's cu_* ports as /work/helpers/ctl_tile_wiring.md describes for tess_tile itself.
// The SRAM flash clear the tile lacks is left to the harness (mem_clr_o).
module ctl_node #(
  parameter int unsigned AW = 14,
  parameter int unsigned NT = 64,
  parameter int unsigned W = 1,
  parameter int unsigned H = 1,
  parameter int unsigned ID = 0
) (
  input  logic          clk_i,
  input  logic          rst_ni,
  input  logic [63:0]   now_i,
  input  logic [31:0]   mem_i,
  input  logic          start_i,      // the harness starts a preloaded tile
  input  logic [31:0]   start_pc_i,
  input  logic [3:0]    tx_sink_i,
  output logic [3:0]    tx_valid_o,
  output logic [3:0]    tx_vnet_o,
  output logic [3:0]    tx_head_o,
  output logic [3:0]    tx_tail_o,
  output logic [127:0]  tx_data_o,
  input  logic [7:0]    tx_credit_i,
  input  logic [3:0]    rx_valid_i,
  input  logic [3:0]    rx_vnet_i,
  input  logic [3:0]    rx_head_i,
  input  logic [3:0]    rx_tail_i,
  input  logic [127:0]  rx_data_i,
  output logic [7:0]    rx_credit_o,
  output logic          halted_o,
  output logic          mem_clr_o,
  output logic [31:0]   rejected_o
);
  localparam logic [32:0] RECIP = 33'((64'd1 << 32) / 64'(W) + 64'd1);
  logic        rx_v, rx_h, rx_t, notice, ack, u_start, u_kill, running, hnow, child;
  logic        mwe, cwe, cclr, txv, txh, txt, alloc;
  logic [31:0] rx_d, notice_src, ack_tile, ack_status, u_pc, u_a0, u_bound, u_msgs, u_kval;
  logic [31:0] mwdata, clo, chi, cbadge, txd, hpc, hval, child_tile;
  /* verilator lint_off UNUSEDSIGNAL */
  logic [31:0] maddr;      // a byte address inside MEM
  /* verilator lint_on UNUSEDSIGNAL */
  logic [63:0] u_cycles, hcyc;
  logic [3:0]  u_kcause, hcause;
  logic [4:0]  cslot;
  logic [1:0]  ckind;

  /* verilator lint_off PINCONNECTEMPTY */
  tess_tile #(.AW(AW)) u_tile (
    .clk_i, .rst_ni, .start_i(start_i || u_start), .start_pc_i(start_i ? start_pc_i : u_pc),
    .start_a0_i(start_i ? 32'd0 : u_a0), .bound_i(start_i ? mem_i : u_bound),
    .budget_cycles_i(start_i ? 64'd0 : u_cycles), .budget_msgs_i(start_i ? 32'd0 : u_msgs),
    .tile_id_i(32'(ID)), .txy_i({16'(ID / W), 16'(ID % W)}), .mesh_i({16'(H), 16'(W)}),
    .mesh_recip_i(RECIP), .semihost_i(1'b0),
    .kill_i(u_kill), .kill_cause_i(u_kcause), .kill_value_i(u_kval),
    .ecall_o(), .ecall_a0_o(), .ecall_a1_o(), .ecall_a2_o(), .ecall_a7_o(),
    .ecall_ret_i(32'd0), .ecall_halt_i(1'b0), .ecall_cause_i(4'd0), .ecall_value_i(32'd0),
    .ret_valid_o(), .ret_cycle_o(), .ret_pc_o(), .ret_insn_o(), .ret_rd_o(),
    .ret_rd_wdata_o(), .ret_mem_we_o(), .ret_mem_addr_o(), .ret_mem_wdata_o(),
    .ret_mem_size_o(), .halted_o, .unimpl_o(), .halt_cause_o(),
    .halt_pc_o(), .halt_value_o(), .halt_cycle_o(), .cycle_o(), .instret_o(),
    .running_o(running), .msg_op_o(), .halt_now_o(hnow), .halt_now_cause_o(hcause),
    .halt_now_pc_o(hpc), .halt_now_value_o(hval), .halt_now_cycle_o(hcyc),
    .start_child_o(child), .start_child_tile_o(child_tile),
    .tx_valid_o, .tx_vnet_o, .tx_head_o, .tx_tail_o, .tx_data_o, .tx_credit_i, .tx_sink_i,
    .rx_valid_i, .rx_vnet_i, .rx_head_i, .rx_tail_i, .rx_data_i, .rx_credit_o,
    .inj_o(alloc), .inj_vnet_o(), .inj_dst_o(), .inj_header_o(), .inj_badge_o(), .inj_addr_o(),
    .inj_flits_o(), .inj_cap0_o(), .inj_cap1_o(), .inj_cap2_o(), .ej_valid_o(), .ej_vnet_o(),
    .ej_head_o(), .ej_tail_o(), .ej_data_o(),
    .cu_rx_valid_o(rx_v), .cu_rx_head_o(rx_h), .cu_rx_tail_o(rx_t), .cu_rx_data_o(rx_d),
    .notice_o(notice), .notice_src_o(notice_src), .ack_o(ack), .ack_tile_o(ack_tile),
    .ack_status_i(ack_status),
    .cu_mem_we_i(mwe), .cu_mem_addr_i(maddr[AW+1:2]), .cu_mem_wdata_i(mwdata),
    .cu_cap_we_i(cwe), .cu_cap_slot_i(cslot), .cu_cap_kind_i(ckind), .cu_cap_lo_i(clo),
    .cu_cap_hi_i(chi), .cu_cap_badge_i(cbadge), .cu_cap_clear_i(cclr),
    .cu_tx_valid_i(txv), .cu_tx_head_i(txh), .cu_tx_tail_i(txt), .cu_tx_data_i(txd)
  );

  tess_ctl #(.NT(NT)) u_ctl (
    .clk_i, .rst_ni, .now_i, .tile_id_i(32'(ID)), .mem_i, .mesh_w_i(16'(W)),
    .rx_valid_i(rx_v), .rx_head_i(rx_h), .rx_tail_i(rx_t), .rx_data_i(rx_d),
    .notice_i(notice), .notice_src_i(notice_src),
    .ack_i(ack), .ack_tile_i(ack_tile), .ack_status_o(ack_status),
    .start_child_i(child), .start_child_tile_i(child_tile), .send_i(1'b0), .msgs_hit_o(),
    .core_active_i(running), .halt_now_i(hnow), .halt_cause_i(hcause), .halt_pc_i(hpc),
    .halt_value_i(hval), .halt_cycles_i(hcyc),
    .kill_o(u_kill), .kill_cause_o(u_kcause), .kill_value_o(u_kval),
    .start_o(u_start), .start_pc_o(u_pc), .start_a0_o(u_a0), .bound_o(u_bound),
    .budget_cycles_o(u_cycles), .budget_msgs_o(u_msgs),
    .mem_we_o(mwe), .mem_addr_o(maddr), .mem_wdata_o(mwdata), .mem_clr_o(mem_clr_o),
    .cap_we_o(cwe), .cap_slot_o(cslot), .cap_kind_o(ckind), .cap_lo_o(clo), .cap_hi_o(chi),
    .cap_badge_o(cbadge), .cap_clr_o(cclr), .mb_clr_o(),
    .tx_valid_o(txv), .tx_head_o(txh), .tx_tail_o(txt), .tx_data_o(txd), .tx_ready_i(!alloc),
    .pre_i(1'b0), .pre_super_valid_i(1'b0), .pre_super_i(32'd0), .pre_children_i('0),
    .pre_bound_i(32'd0), .pre_cycles_i(64'd0), .pre_msgs_i(32'd0), .rejected_o
  );
  /* verilator lint_on PINCONNECTEMPTY */
endmodule
