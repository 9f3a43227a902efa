// Test top (test-rtl-ctl): a W x H mesh of tiles, each with its control unit (ctl_node),
// linked as rtl/tess_mesh.sv links them, with the console and the block store at the
// device ports (tess_dev_console/block) and the chip cycle. Tile 0 alone is started by
// the harness (an OS boot, SPEC §10); the others are loaded and started by it over the
// control network.
module ctl_chip #(
  parameter int unsigned W = 4,
  parameter int unsigned H = 4,
  parameter int unsigned AW = 14,
  parameter int unsigned NT = 64
) (
  input  logic           clk_i,
  input  logic           rst_ni,
  input  logic           start_i,
  input  logic [31:0]    start_pc_i,
  input  logic [31:0]    mem_i,
  output logic [W*H-1:0] halted_o,
  output logic [W*H-1:0] mem_clr_o,
  output logic [63:0]    now_o
);
  logic        con_tx_valid_o, con_tx_vnet_o, con_tx_head_o, con_tx_tail_o;
  logic        blk_tx_valid_o, blk_tx_vnet_o, blk_tx_head_o, blk_tx_tail_o;
  logic        con_rx_valid_i, con_rx_vnet_i, con_rx_head_i, con_rx_tail_i;
  logic        blk_rx_valid_i, blk_rx_vnet_i, blk_rx_head_i, blk_rx_tail_i;
  logic [31:0] con_tx_data_o, blk_tx_data_o, con_rx_data_i, blk_rx_data_i;
  logic [1:0]  con_rx_credit_o, blk_rx_credit_o;
  /* verilator lint_off UNUSEDSIGNAL */
  logic [31:0] rej [W*H];
  /* verilator lint_on UNUSEDSIGNAL */
  logic [63:0] now_q;
  logic        run_q;
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) begin
      now_q <= '0;
      run_q <= 1'b0;
    end else begin
      if (run_q) now_q <= now_q + 64'd1;
      if (start_i) begin
        run_q <= 1'b1;
        now_q <= '0;
      end
    end
  assign now_o = now_q;

  tess_dev_console u_con (
    .clk_i, .rst_ni, .now_i(now_q), .mesh_w_i(16'(W)),
    .req_valid_i(con_tx_valid_o && !con_tx_vnet_o), .req_head_i(con_tx_head_o),
    .req_tail_i(con_tx_tail_o), .req_data_i(con_tx_data_o),
    .rep_valid_o(con_rx_valid_i), .rep_vnet_o(con_rx_vnet_i), .rep_head_o(con_rx_head_i),
    .rep_tail_o(con_rx_tail_i), .rep_data_o(con_rx_data_i), .rep_credit_i(con_rx_credit_o)
  );
  tess_dev_block u_blk (
    .clk_i, .rst_ni, .now_i(now_q), .mesh_w_i(16'(W)),
    .req_valid_i(blk_tx_valid_o && !blk_tx_vnet_o), .req_head_i(blk_tx_head_o),
    .req_tail_i(blk_tx_tail_o), .req_data_i(blk_tx_data_o),
    .rep_valid_o(blk_rx_valid_i), .rep_vnet_o(blk_rx_vnet_i), .rep_head_o(blk_rx_head_i),
    .rep_tail_o(blk_rx_tail_i), .rep_data_o(blk_rx_data_i), .rep_credit_i(blk_rx_credit_o)
  );

  localparam int unsigned N = W * H;
  localparam int unsigned CON = 0, BLK = W - 1;   // tiles with the device ports

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

      ctl_node #(.AW(AW), .NT(NT), .W(W), .H(H), .ID(ID)) u_node (
        .clk_i, .rst_ni, .now_i(now_q), .mem_i, .start_i(start_i && ID == 0), .start_pc_i,
        .tx_sink_i(sink),
        .tx_valid_o(tx_valid[4 * ID +: 4]), .tx_vnet_o(tx_vnet[4 * ID +: 4]),
        .tx_head_o(tx_head[4 * ID +: 4]), .tx_tail_o(tx_tail[4 * ID +: 4]),
        .tx_data_o(tx_data[128 * ID +: 128]), .tx_credit_i(tx_credit[8 * ID +: 8]),
        .rx_valid_i(rx_valid[4 * ID +: 4]), .rx_vnet_i(rx_vnet[4 * ID +: 4]),
        .rx_head_i(rx_head[4 * ID +: 4]), .rx_tail_i(rx_tail[4 * ID +: 4]),
        .rx_data_i(rx_data[128 * ID +: 128]), .rx_credit_o(rx_credit[8 * ID +: 8]),
        .halted_o(halted_o[ID]), .mem_clr_o(mem_clr_o[ID]), .rejected_o(rej[ID])
      );
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
