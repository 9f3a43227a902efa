// The chip as the spec draws it (SPEC §1, §9): the W x H mesh with its two devices at
// the mesh top's device ports, the console west of tile (0,0) and the block store east
// of tile (W-1,0); each tile has its control unit, so an OS boot (only tile 0 preloaded)
// loads and starts the others over the control network. The devices are behavioural
// (DPI-C host side: sim/cosim/ctl_dev_host.cpp), so this top is for simulation, not for yosys; the chip cycle the
// devices time their replies by counts from the start edge (cycle 0 is the first issue).
module tess_dev_chip #(
  parameter int unsigned W = 2,
  parameter int unsigned H = 2,
  parameter int unsigned AW = 14
) (
  input  logic           clk_i,
  input  logic           rst_ni,
  input  logic [W*H-1:0] start_i,      // the tiles the chip preloads (SPEC §10)
  input  logic [31:0]    start_pc_i,
  input  logic [31:0]    bound_i,
  output logic [W*H-1:0] halted_o,
  output logic [63:0]    now_o
);
  logic        ct_valid, ct_vnet, ct_head, ct_tail, cr_valid, cr_vnet, cr_head, cr_tail;
  logic        bt_valid, bt_vnet, bt_head, bt_tail, br_valid, br_vnet, br_head, br_tail;
  logic [31:0] ct_data, cr_data, bt_data, br_data;
  logic [1:0]  cr_credit, br_credit;
  logic [63:0] now_q;
  logic        run_q;

  // the chip cycle: 0 in the cycle after the start edge
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) begin
      now_q <= '0;
      run_q <= 1'b0;
    end else begin
      if (run_q) now_q <= now_q + 64'd1;
      if (|start_i) begin
        run_q <= 1'b1;
        now_q <= '0;
      end
    end
  assign now_o = now_q;

  tess_mesh #(.W(W), .H(H), .AW(AW)) u_mesh (
    .clk_i, .rst_ni, .start_i, .start_pc_i, .now_i(now_q), .bound_i, .halted_o,
    .con_tx_valid_o(ct_valid), .con_tx_vnet_o(ct_vnet), .con_tx_head_o(ct_head),
    .con_tx_tail_o(ct_tail), .con_tx_data_o(ct_data),
    .con_rx_valid_i(cr_valid), .con_rx_vnet_i(cr_vnet), .con_rx_head_i(cr_head),
    .con_rx_tail_i(cr_tail), .con_rx_data_i(cr_data), .con_rx_credit_o(cr_credit),
    .blk_tx_valid_o(bt_valid), .blk_tx_vnet_o(bt_vnet), .blk_tx_head_o(bt_head),
    .blk_tx_tail_o(bt_tail), .blk_tx_data_o(bt_data),
    .blk_rx_valid_i(br_valid), .blk_rx_vnet_i(br_vnet), .blk_rx_head_i(br_head),
    .blk_rx_tail_i(br_tail), .blk_rx_data_i(br_data), .blk_rx_credit_o(br_credit)
  );

  // requests reach a device on the data network only (devices are no control targets)
  tess_dev_console u_con (
    .clk_i, .rst_ni, .now_i(now_q), .mesh_w_i(16'(W)),
    .req_valid_i(ct_valid && !ct_vnet), .req_head_i(ct_head), .req_tail_i(ct_tail),
    .req_data_i(ct_data),
    .rep_valid_o(cr_valid), .rep_vnet_o(cr_vnet), .rep_head_o(cr_head), .rep_tail_o(cr_tail),
    .rep_data_o(cr_data), .rep_credit_i(cr_credit)
  );
  tess_dev_block u_blk (
    .clk_i, .rst_ni, .now_i(now_q), .mesh_w_i(16'(W)),
    .req_valid_i(bt_valid && !bt_vnet), .req_head_i(bt_head), .req_tail_i(bt_tail),
    .req_data_i(bt_data),
    .rep_valid_o(br_valid), .rep_vnet_o(br_vnet), .rep_head_o(br_head), .rep_tail_o(br_tail),
    .rep_data_o(br_data), .rep_credit_i(br_credit)
  );
endmodule
