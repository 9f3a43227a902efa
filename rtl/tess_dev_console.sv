// The console device (isa/SPEC.md §9.1), behavioural: west of tile (0,0). CON_WRITE
// bytes go to the host at their delivery cycle, CON_READ is answered at its delivery
// cycle with host input; the host side (stdout ordering and prefixes, stdin) is the
// simulation harness's, through DPI-C (sim/cosim/ctl_dev_host.cpp), as in the C model
// (sim/devices/console_dev.c), which hands the bytes to the run's ordered output.
// Messages with other tags are consumed and ignored.
module tess_dev_console (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic [63:0] now_i,
  input  logic [15:0] mesh_w_i,     // W
  // requests: the mesh's flits toward the console
  input  logic        req_valid_i,
  input  logic        req_head_i,
  input  logic        req_tail_i,
  input  logic [31:0] req_data_i,
  // replies into the attachment router
  output logic        rep_valid_o,
  output logic        rep_vnet_o,
  output logic        rep_head_o,
  output logic        rep_tail_o,
  output logic [31:0] rep_data_o,
  input  logic [1:0]  rep_credit_i
);
  localparam int unsigned MW = tess_isa_pkg::MSG_MAX_WORDS;
  localparam int unsigned MAXB = (MW - 1) * 4;    // bytes a message carries after nbytes

  // host side: bytes packed little-endian from bit 0 (up to MAXB = 60)
  import "DPI-C" function void tess_dev_con_write(input longint cycle, input int src,
                                                  input int nbytes, input bit [479:0] b);
  import "DPI-C" function int tess_dev_con_read(input int maxbytes, output bit [479:0] b);

  logic             msg;
  logic [31:0]      src;
  logic [7:0]       tag;
  logic [4:0]       len;
  logic [MW*32-1:0] w;
  tess_dev_rx u_rx (
    .clk_i, .rst_ni, .valid_i(req_valid_i), .head_i(req_head_i), .tail_i(req_tail_i),
    .data_i(req_data_i), .msg_o(msg), .src_o(src), .tag_o(tag), .len_o(len), .w_o(w)
  );

  // CON_READ: the reply is produced at the delivery cycle (the cycle after the tail)
  logic             rep_q;
  logic [19:0]      rep_dst_q;
  logic [MW*32-1:0] rep_w_q;
  logic [4:0]       rep_len_q;
  tess_dev_ni #(.DEV(0)) u_ni (
    .clk_i, .rst_ni, .now_i, .mesh_w_i, .wr_i(rep_q), .wr_at_i(now_i), .wr_dst_i(rep_dst_q),
    .wr_tag_i(tess_isa_pkg::TAG_CON_READ), .wr_len_i(rep_len_q), .wr_w_i(rep_w_q),
    .out_valid_o(rep_valid_o), .out_vnet_o(rep_vnet_o), .out_head_o(rep_head_o),
    .out_tail_o(rep_tail_o), .out_data_o(rep_data_o), .credit_i(rep_credit_i)
  );

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rep_q <= 1'b0;
      rep_dst_q <= '0;
      rep_w_q <= '0;
      rep_len_q <= '0;
    end else begin
      rep_q <= 1'b0;
      if (msg && tag == tess_isa_pkg::TAG_CON_WRITE && len != 5'd0) begin
        logic [31:0] nb, room;
        nb = w[31:0];
        room = {25'd0, len, 2'b00} - 32'd4;    // bytes the payload carries after nbytes
        if (nb > room) nb = room;
        if (nb != 32'd0) tess_dev_con_write(now_i + 64'd1, src, int'(nb), w[MW*32-1:32]);
      end
      if (msg && tag == tess_isa_pkg::TAG_CON_READ) begin
        bit [479:0] got;
        logic [31:0] want;
        int n;
        got = '0;
        want = len != 5'd0 ? w[31:0] : 32'd0;
        if (want > 32'(MAXB)) want = 32'(MAXB);
        n = want != 32'd0 ? tess_dev_con_read(int'(want), got) : 0;
        rep_q <= 1'b1;
        rep_dst_q <= src[19:0];
        rep_w_q <= {got, 32'(n)};
        rep_len_q <= 5'd1 + 5'((n + 3) / 4);
      end
    end
  end
endmodule
