// A W x H mesh of tiles (isa/SPEC.md §1, §8): tile (x, y) has id y*W + x, row 0 is the
// north edge. Each tile's router links to its neighbours' (N to S, E to W); a link with
// no router behind it takes every flit (only the two device ports are ever used).
// The devices are outside this module, behind clean ports (SPEC §9): the console at the
// west port of tile (0, 0), the block store at the east port of tile (W-1, 0).
//   D_tx_*: flits leaving the mesh toward the device (its requests; a device always
//           consumes, so no credits come back); a request's delivery cycle is the cycle
//           its tail shows here + 1.
//   D_rx_*: the device's network interface writing replies into that router's input
//           buffer (written at the end of the cycle, may cross the next cycle), with
//           D_rx_credit_o returning a credit per vnet for each slot freed (start with
//           ROUTER_BUF_FLITS per vnet).
// The tiles whose start_i bit is set start together at start_pc_i (preload, SPEC §10);
// semihosting is off (an ecall halts with ECALL). Each tile's control unit (tess_ctl,
// inside tess_tile) loads, starts and supervises the others over the control network;
// now_i is the chip cycle (0: the first issue cycle), which the units time by.
module tess_mesh #(
  parameter int unsigned W = 2,
  parameter int unsigned H = 2,
  parameter int unsigned AW = 14
) (
  input  logic          clk_i,
  input  logic          rst_ni,
  input  logic [W*H-1:0] start_i,
  input  logic [31:0]   start_pc_i,
  input  logic [63:0]   now_i,
  input  logic [31:0]   bound_i,
  output logic [W*H-1:0] halted_o,
  // console (west of tile 0)
  output logic          con_tx_valid_o,
  output logic          con_tx_vnet_o,
  output logic          con_tx_head_o,
  output logic          con_tx_tail_o,
  output logic [31:0]   con_tx_data_o,
  input  logic          con_rx_valid_i,
  input  logic          con_rx_vnet_i,
  input  logic          con_rx_head_i,
  input  logic          con_rx_tail_i,
  input  logic [31:0]   con_rx_data_i,
  output logic [1:0]    con_rx_credit_o,
  // block store (east of tile W-1)
  output logic          blk_tx_valid_o,
  output logic          blk_tx_vnet_o,
  output logic          blk_tx_head_o,
  output logic          blk_tx_tail_o,
  output logic [31:0]   blk_tx_data_o,
  input  logic          blk_rx_valid_i,
  input  logic          blk_rx_vnet_i,
  input  logic          blk_rx_head_i,
  input  logic          blk_rx_tail_i,
  input  logic [31:0]   blk_rx_data_i,
  output logic [1:0]    blk_rx_credit_o
);
  localparam int unsigned N = W * H;
  // floor(2^32 / W) + 1: a tile id's row by a multiplication (tess_core)
  localparam logic [32:0] RECIP = 33'((64'd1 << 32) / 64'(W) + 64'd1);
  localparam int unsigned CON = 0, BLK = W - 1;   // tiles with the device ports
  localparam logic [31:0] MEM = 32'(4 << AW);       // SRAM bytes of a tile

  // link d (0 N, 1 E, 2 S, 3 W) of tile t: bit 4t+d, data bits 32(4t+d) up, credits 2(4t+d) up
  // (what leaves a tile toward the mesh edge, other than the device links, goes nowhere)
  /* verilator lint_off UNUSEDSIGNAL */
  logic [4*N-1:0]   tx_valid, tx_vnet, tx_head, tx_tail, rx_valid, rx_vnet, rx_head, rx_tail;
  logic [128*N-1:0] tx_data, rx_data;
  logic [8*N-1:0]   tx_credit, rx_credit;
  /* verilator lint_on UNUSEDSIGNAL */

  for (genvar y = 0; y < H; y++) begin : g_row
    for (genvar x = 0; x < W; x++) begin : g_col
      localparam int unsigned ID = y * W + x;
      logic [3:0] sink;
      for (genvar d = 0; d < 4; d++) begin : g_link
        localparam bit HAS = d == 0 ? y > 0 : d == 1 ? x + 1 < W : d == 2 ? y + 1 < H : x > 0;
        localparam int unsigned NB = !HAS ? ID : d == 0 ? ID - W : d == 1 ? ID + 1 :
                                     d == 2 ? ID + W : ID - 1;
        localparam int unsigned L = 4 * ID + d, F = 4 * NB + (d + 2) % 4;  // our link, theirs
        assign sink[d] = !HAS;
        if (HAS) begin : g_nb
          assign {rx_valid[L], rx_vnet[L], rx_head[L], rx_tail[L]} =
                 {tx_valid[F], tx_vnet[F], tx_head[F], tx_tail[F]};
          assign rx_data[32 * L +: 32] = tx_data[32 * F +: 32];
          assign tx_credit[2 * L +: 2] = rx_credit[2 * F +: 2];
        end else if (ID == CON && d == 3) begin : g_con
          assign {rx_valid[L], rx_vnet[L], rx_head[L], rx_tail[L]} =
                 {con_rx_valid_i, con_rx_vnet_i, con_rx_head_i, con_rx_tail_i};
          assign rx_data[32 * L +: 32] = con_rx_data_i;
          assign tx_credit[2 * L +: 2] = 2'b00;
        end else if (y == 0 && x == BLK && d == 1) begin : g_blk
          assign {rx_valid[L], rx_vnet[L], rx_head[L], rx_tail[L]} =
                 {blk_rx_valid_i, blk_rx_vnet_i, blk_rx_head_i, blk_rx_tail_i};
          assign rx_data[32 * L +: 32] = blk_rx_data_i;
          assign tx_credit[2 * L +: 2] = 2'b00;
        end else begin : g_edge
          assign {rx_valid[L], rx_vnet[L], rx_head[L], rx_tail[L]} = 4'b0000;
          assign rx_data[32 * L +: 32] = 32'd0;
          assign tx_credit[2 * L +: 2] = 2'b00;
        end
      end

      /* verilator lint_off PINCONNECTEMPTY */
      tess_tile #(.AW(AW)) u_tile (
        .clk_i, .rst_ni, .start_i(start_i[ID]), .start_pc_i, .start_a0_i(32'd0), .bound_i,
        .budget_cycles_i(64'd0), .budget_msgs_i(32'd0), .tile_id_i(32'(ID)),
        .txy_i({16'(y), 16'(x)}), .mesh_i({16'(H), 16'(W)}), .mesh_recip_i(RECIP),
        .semihost_i(1'b0), .kill_i(1'b0), .kill_cause_i(4'd0), .kill_value_i(32'd0),
        .ecall_o(), .ecall_a0_o(), .ecall_a1_o(), .ecall_a2_o(), .ecall_a7_o(),
        .ecall_ret_i(32'd0), .ecall_halt_i(1'b0), .ecall_cause_i(4'd0), .ecall_value_i(32'd0),
        .ret_valid_o(), .ret_cycle_o(), .ret_pc_o(), .ret_insn_o(), .ret_rd_o(),
        .ret_rd_wdata_o(), .ret_mem_we_o(), .ret_mem_addr_o(), .ret_mem_wdata_o(),
        .ret_mem_size_o(), .halted_o(halted_o[ID]), .unimpl_o(), .halt_cause_o(),
        .halt_pc_o(), .halt_value_o(), .halt_cycle_o(), .cycle_o(), .instret_o(),
        .running_o(), .msg_op_o(), .halt_now_o(), .halt_now_cause_o(), .halt_now_pc_o(),
        .halt_now_value_o(), .halt_now_cycle_o(), .start_child_o(), .start_child_tile_o(),
        .tx_valid_o(tx_valid[4 * ID +: 4]), .tx_vnet_o(tx_vnet[4 * ID +: 4]),
        .tx_head_o(tx_head[4 * ID +: 4]), .tx_tail_o(tx_tail[4 * ID +: 4]),
        .tx_data_o(tx_data[128 * ID +: 128]), .tx_credit_i(tx_credit[8 * ID +: 8]),
        .tx_sink_i(sink),
        .rx_valid_i(rx_valid[4 * ID +: 4]), .rx_vnet_i(rx_vnet[4 * ID +: 4]),
        .rx_head_i(rx_head[4 * ID +: 4]), .rx_tail_i(rx_tail[4 * ID +: 4]),
        .rx_data_i(rx_data[128 * ID +: 128]), .rx_credit_o(rx_credit[8 * ID +: 8]),
        .inj_o(), .inj_vnet_o(), .inj_dst_o(), .inj_header_o(), .inj_badge_o(), .inj_addr_o(),
        .inj_flits_o(), .inj_cap0_o(), .inj_cap1_o(), .inj_cap2_o(), .ej_valid_o(), .ej_vnet_o(), .ej_head_o(), .ej_tail_o(), .ej_data_o(),
        .cu_inj_o(), .cu_inj_route_o(), .cu_inj_wait_o(),
        .cu_rx_valid_o(), .cu_rx_head_o(), .cu_rx_tail_o(), .cu_rx_data_o(),
        .notice_o(), .notice_src_o(), .ack_o(), .ack_tile_o(),
        .now_i, .mem_i(MEM), .pre_i(1'b0), .pre_super_valid_i(1'b0), .pre_super_i(32'd0),
        .pre_children_i('0), .pre_bound_i(32'd0), .pre_cycles_i(64'd0), .pre_msgs_i(32'd0),
        .ctl_rejected_o()
      );
      /* verilator lint_on PINCONNECTEMPTY */
    end
  end

  localparam int unsigned LC = 4 * CON + 3, LB = 4 * BLK + 1;   // the device links
  assign {con_tx_valid_o, con_tx_vnet_o, con_tx_head_o, con_tx_tail_o} =
         {tx_valid[LC], tx_vnet[LC], tx_head[LC], tx_tail[LC]};
  assign con_tx_data_o   = tx_data[32 * LC +: 32];
  assign con_rx_credit_o = rx_credit[2 * LC +: 2];
  assign {blk_tx_valid_o, blk_tx_vnet_o, blk_tx_head_o, blk_tx_tail_o} =
         {tx_valid[LB], tx_vnet[LB], tx_head[LB], tx_tail[LB]};
  assign blk_tx_data_o   = tx_data[32 * LB +: 32];
  assign blk_rx_credit_o = rx_credit[2 * LB +: 2];
endmodule
