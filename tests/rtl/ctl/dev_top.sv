// Test top of the devices' replay (dev_tb.cpp): the console and the block store side by
// side, each with its request and reply ports.
module dev_top (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic [63:0] now_i,
  input  logic [15:0] mesh_w_i,
  input  logic [1:0]  req_valid_i,
  input  logic [1:0]  req_head_i,
  input  logic [1:0]  req_tail_i,
  input  logic [31:0] req_data_i [2],
  output logic [1:0]  rep_valid_o,
  output logic [1:0]  rep_vnet_o,
  output logic [1:0]  rep_head_o,
  output logic [1:0]  rep_tail_o,
  output logic [31:0] rep_data_o [2],
  input  logic [1:0]  rep_credit_i [2]
);
  tess_dev_console u_con (
    .clk_i, .rst_ni, .now_i, .mesh_w_i, .req_valid_i(req_valid_i[0]), .req_head_i(req_head_i[0]),
    .req_tail_i(req_tail_i[0]), .req_data_i(req_data_i[0]), .rep_valid_o(rep_valid_o[0]),
    .rep_vnet_o(rep_vnet_o[0]), .rep_head_o(rep_head_o[0]), .rep_tail_o(rep_tail_o[0]),
    .rep_data_o(rep_data_o[0]), .rep_credit_i(rep_credit_i[0])
  );
  tess_dev_block u_blk (
    .clk_i, .rst_ni, .now_i, .mesh_w_i, .req_valid_i(req_valid_i[1]), .req_head_i(req_head_i[1]),
    .req_tail_i(req_tail_i[1]), .req_data_i(req_data_i[1]), .rep_valid_o(rep_valid_o[1]),
    .rep_vnet_o(rep_vnet_o[1]), .rep_head_o(rep_head_o[1]), .rep_tail_o(rep_tail_o[1]),
    .rep_data_o(rep_data_o[1]), .rep_credit_i(rep_credit_i[1])
  );
endmodule
