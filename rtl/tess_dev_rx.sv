// A device's receiving side, behavioural: the flits the mesh top passes to a device
// (its router's edge port) assembled into messages (route, header, badge, [capability],
// payload; tess_ni's header bits). A message is shown in the cycle of its tail flit
// (msg_o); its delivery cycle (SPEC §8.3) is the next one. Devices always consume.
module tess_dev_rx (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        valid_i,
  input  logic        head_i,
  input  logic        tail_i,
  input  logic [31:0] data_i,
  output logic        msg_o,
  output logic [31:0] src_o,
  output logic [7:0]  tag_o,
  output logic [4:0]  len_o,
  output logic [tess_isa_pkg::MSG_MAX_WORDS*32-1:0] w_o
);
  localparam int unsigned MW = tess_isa_pkg::MSG_MAX_WORDS;
  logic [4:0]       idx_q;
  logic [31:0]      src_q;
  logic [7:0]       tag_q;
  logic             cap_q;
  logic [MW*32-1:0] w_q;
  logic [4:0]       pay0, len;

  assign pay0 = cap_q ? 5'(tess_isa_pkg::MSG_HDR_FLITS + tess_isa_pkg::SEND_CAP_WORDS)
                      : 5'(tess_isa_pkg::MSG_HDR_FLITS);
  assign len = idx_q >= pay0 ? idx_q - pay0 + 5'd1 : 5'd0;
  always_comb begin
    w_o = w_q;
    if (idx_q >= pay0) w_o[32*(idx_q - pay0) +: 32] = data_i;
  end
  assign msg_o = valid_i && tail_i;
  assign src_o = src_q;
  assign tag_o = tag_q;
  assign len_o = len;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      idx_q <= '0;
      src_q <= '0;
      tag_q <= '0;
      cap_q <= 1'b0;
      w_q <= '0;
    end else if (valid_i) begin
      idx_q <= tail_i ? 5'd0 : (head_i ? 5'd1 : idx_q + 5'd1);
      if (idx_q == 5'd1) begin
        src_q <= {12'd0, data_i[19:0]};
        tag_q <= data_i[27:20];
        cap_q <= data_i[30];
      end
      w_q <= tail_i ? '0 : w_o;
      if (tail_i) cap_q <= 1'b0;
    end
  end
endmodule
