// The network interface of a device (isa/SPEC.md §8.3, §9), behavioural: replies are
// written as whole messages with the cycle the device produced them (`at`, at most a
// few cycles before now: the block store writes one message a cycle); flit i of a
// message written at `at` gets the write time w0 + i, w0 = max(at, the cycle after the
// previous flit), as sim/noc.c ni_write(); it may enter the attachment router's input
// buffer at its write time + NI_LATENCY or later, one flit a cycle, each needing a
// credit of that buffer (data network: replies never use the control network).
// Route and header flits as tess_core writes them; header: [19:0] device index, [27:20] tag, [31] source is a device.
module tess_dev_ni #(
  parameter int unsigned DEV = 0     // device index (DEV_CONSOLE + DEV is its endpoint)
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic [63:0] now_i,
  input  logic [15:0] mesh_w_i,    // W: the route flit carries row and column
  input  logic        wr_i,
  input  logic [63:0] wr_at_i,
  input  logic [19:0] wr_dst_i,    // a tile
  input  logic [7:0]  wr_tag_i,
  input  logic [4:0]  wr_len_i,
  input  logic [tess_isa_pkg::MSG_MAX_WORDS*32-1:0] wr_w_i,
  output logic        out_valid_o,
  output logic        out_vnet_o,
  output logic        out_head_o,
  output logic        out_tail_o,
  output logic [31:0] out_data_o,
  // credits of the attachment router's input buffer; replies use only the data vnet
  /* verilator lint_off UNUSEDSIGNAL */
  input  logic [1:0]  credit_i
  /* verilator lint_on UNUSEDSIGNAL */
);
  typedef struct packed {
    logic [31:0] data;
    logic        head, tail;
    logic [63:0] due;
  } flit_t;
  flit_t       q [$];
  flit_t       hd_q;            // q[0], and whether there is one: registered copies, so
  logic        any_q;           // that the combinational side reads no queue
  logic [63:0] lw_q;            // write time of the next flit, at the earliest
  logic [3:0]  cred_q;
  flit_t       f;
  logic        go;

  always_comb begin
    f = hd_q;
    go = any_q && f.due <= now_i && (cred_q != 4'd0 || credit_i[0]);
  end
  assign out_valid_o = go;
  assign out_vnet_o = 1'b0;
  assign out_head_o = f.head;
  assign out_tail_o = f.tail;
  assign out_data_o = f.data;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      q.delete();
      hd_q <= '0;
      any_q <= 1'b0;
      lw_q <= '0;
      cred_q <= 4'(tess_isa_pkg::ROUTER_BUF_FLITS);
    end else begin
      logic [63:0] w;
      logic [19:0] row;
      logic [9:0]  col;
      logic [31:0] route;
      logic [4:0]  nf;
      flit_t       g;
      cred_q <= cred_q + 4'(credit_i[0]) - 4'(go);
      if (go) void'(q.pop_front());
      if (wr_i) begin
        w = wr_at_i > lw_q ? wr_at_i : lw_q;
        nf = 5'(tess_isa_pkg::MSG_HDR_FLITS) + wr_len_i;
        // the route flit to a tile, on the data network
        row = wr_dst_i / {4'd0, mesh_w_i};
        col = 10'(wr_dst_i - row * {4'd0, mesh_w_i});
        route = tess_isa_pkg::route_flit(tess_isa_pkg::ROUTE_KIND_TILE, 1'b0, row[9:0], col);
        for (int i = 0; i < 32; i++)
          if (i < 32'(nf)) begin
            g.data = i == 0 ? route : i == 1 ? {1'b1, 3'b000, wr_tag_i, 20'(DEV)} :
                     i == 2 ? 32'd0 : wr_w_i[32*(i >= 3 ? i - 3 : 0) +: 32];
            g.head = i == 0;
            g.tail = i == 32'(nf) - 1;
            g.due = w + 64'(i) + 64'(tess_isa_pkg::NI_LATENCY);
            q.push_back(g);
          end
        lw_q <= w + 64'(nf);
      end
      any_q <= q.size() != 0;
      hd_q <= q.size() != 0 ? q[0] : '0;
    end
  end
endmodule
