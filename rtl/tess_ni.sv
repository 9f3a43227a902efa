// The network interface of a tile (isa/SPEC.md §8.3, §8.4): one flit queue per virtual
// network between the core (and the control unit) and the router's local input.
//
// Timing as sim/noc.c ni_write()/inject(): flit i of a msg.send issued at cycle c is
// written at w0 + i (so it may leave one cycle after flit i-1 may), w0 = max(c, the cycle after the previous flit written to that
// queue); a flit written at w may enter the router at w + NI_LATENCY or later, one flit a
// cycle over both queues (control first), each needing a credit of the local input
// buffer. The write times are fixed when the send issues (alloc_i), so the payload words,
// which the core reads from its SRAM one a cycle after the issue (pay_*), only have to
// arrive before their flit may leave, which they always do.
//
// Occupancy for the core's check (SPEC §8.4): flits allocated and not yet gone into the
// router; a flit leaving in this cycle already counts as gone (space_o is combinational).
// The control queue is deeper than NI_BUF_FLITS: the control unit's EXIT notice and
// kills are written whatever the occupancy (cu_*).
module tess_ni #(
  parameter int unsigned QW = 6          // queue index bits (2^QW flits per vnet)
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  // a msg.send issues now: F flits, the first three given now
  input  logic        alloc_i,
  input  logic        alloc_vnet_i,
  input  logic [4:0]  alloc_flits_i,
  input  logic [31:0] alloc_route_i,
  input  logic [31:0] alloc_header_i,
  input  logic [31:0] alloc_badge_i,
  input  logic        alloc_cap_i,        // a capability: flits 3..5 are cap0..cap2
  input  logic [31:0] alloc_cap0_i,
  input  logic [31:0] alloc_cap1_i,
  input  logic [31:0] alloc_cap2_i,
  // its payload words, in order, in later cycles
  input  logic        pay_valid_i,
  input  logic [31:0] pay_data_i,
  // free flits of each queue as the core sees them now (NI_BUF_FLITS less occupancy)
  output logic [13:0] space_o,           // [6:0] data, [13:7] control
  // the control unit writes one control-vnet flit now
  input  logic        cu_valid_i,
  input  logic        cu_head_i,
  input  logic        cu_tail_i,
  input  logic [31:0] cu_data_i,
  output logic [31:0] cu_wait_o,         // its write time is now + cu_wait_o (observation)
  // into the router's local input buffer (written at the end of this cycle)
  output logic        out_valid_o,
  output logic        out_vnet_o,
  output logic        out_head_o,
  output logic        out_tail_o,
  output logic [31:0] out_data_o,
  input  logic [1:0]  credit_i
);
  localparam int unsigned QD = 1 << QW;
  localparam int unsigned LAT = tess_isa_pkg::NI_LATENCY;
  localparam int unsigned BUF = tess_isa_pkg::NI_BUF_FLITS;
  localparam int unsigned RB = tess_isa_pkg::ROUTER_BUF_FLITS;

  logic [31:0]   data_q [2][QD];
  logic          head_q [2][QD];
  logic          tail_q [2][QD];
  // When a flit may leave (cycle mod 2^32): stored for the first flit of a message (and
  // for each control-unit flit), own_q set; every other flit may leave one cycle after
  // the one before it (its write time is the previous one's + 1). One due time written
  // per message keeps the queue a plain FIFO.
  logic [31:0]   due_q  [2][QD];
  logic          own_q  [2][QD];
  logic [31:0]   last_q [2];       // due time of the flit that left last
  logic [QW-1:0] rd_q [2], wr_q [2];
  logic [QW:0]   cnt_q [2];
  logic [31:0]   now_q;
  logic [31:0]   lw_q [2];         // cycle after the last flit written (its write time + 1)
  logic          lw_set_q [2];     // lw_q is still ahead of now_q (else a write is at now)
  logic [3:0]    cred_q [2];
  logic [QW-1:0] fill_q;           // where the next payload word goes
  logic          fill_vnet_q;

  // ---- toward the router: control first, each needing its due time and a credit ----
  logic [1:0]  can;
  logic [31:0] hd_due [2];
  always_comb begin
    for (int v = 0; v < 2; v++) begin
      hd_due[v] = own_q[v][rd_q[v]] ? due_q[v][rd_q[v]] : last_q[v] + 32'd1;
      can[v] = cnt_q[v] != '0 && $signed(now_q - hd_due[v]) >= 0 &&
               (cred_q[v] != '0 || credit_i[v]);
    end
    out_valid_o = can != 2'b00;
    out_vnet_o = can[1];
    out_head_o = head_q[out_vnet_o][rd_q[out_vnet_o]];
    out_tail_o = tail_q[out_vnet_o][rd_q[out_vnet_o]];
    out_data_o = data_q[out_vnet_o][rd_q[out_vnet_o]];
    for (int v = 0; v < 2; v++)
      space_o[7 * v +: 7] = 7'(BUF) - 7'(cnt_q[v]) + 7'(out_valid_o && out_vnet_o == 1'(v));
  end

  // write time of the first flit of a message (or of a control-unit flit) written now
  logic [31:0] w0 [2];
  always_comb
    for (int v = 0; v < 2; v++)
      w0[v] = lw_set_q[v] && $signed(lw_q[v] - now_q) > 0 ? lw_q[v] : now_q;
  assign cu_wait_o = w0[1] - now_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      now_q <= '0;
      fill_q <= '0;
      fill_vnet_q <= 1'b0;
      for (int v = 0; v < 2; v++) begin
        rd_q[v] <= '0;
        wr_q[v] <= '0;
        cnt_q[v] <= '0;
        lw_q[v] <= '0;
        lw_set_q[v] <= 1'b0;
        last_q[v] <= '0;
        cred_q[v] <= 4'(RB);
        for (int k = 0; k < QD; k++) begin
          data_q[v][k] <= '0;
          head_q[v][k] <= 1'b0;
          tail_q[v][k] <= 1'b0;
          due_q[v][k] <= '0;
          own_q[v][k] <= 1'b0;
        end
      end
    end else begin
      logic [1:0] added;
      added = '0;
      now_q <= now_q + 32'd1;
      for (int v = 0; v < 2; v++) begin
        cred_q[v] <= cred_q[v] + 4'(credit_i[v]) - 4'(out_valid_o && out_vnet_o == 1'(v));
        // once now reaches it, the last write time no longer matters (and the
        // comparison of w0 stays within a short distance, wrap-around or not)
        if (lw_q[v] == now_q) lw_set_q[v] <= 1'b0;
      end
      if (out_valid_o) begin
        // the entry is free again: its flags cleared, so a write sets only its own
        rd_q[out_vnet_o] <= rd_q[out_vnet_o] + 1'b1;
        last_q[out_vnet_o] <= hd_due[out_vnet_o];
        head_q[out_vnet_o][rd_q[out_vnet_o]] <= 1'b0;
        tail_q[out_vnet_o][rd_q[out_vnet_o]] <= 1'b0;
        own_q[out_vnet_o][rd_q[out_vnet_o]] <= 1'b0;
      end
      if (alloc_i) begin
        due_q[alloc_vnet_i][wr_q[alloc_vnet_i]] <= w0[alloc_vnet_i] + 32'(LAT);
        own_q[alloc_vnet_i][wr_q[alloc_vnet_i]] <= 1'b1;
        head_q[alloc_vnet_i][wr_q[alloc_vnet_i]] <= 1'b1;
        tail_q[alloc_vnet_i][QW'(32'(wr_q[alloc_vnet_i]) + 32'(alloc_flits_i) - 1)] <= 1'b1;
        data_q[alloc_vnet_i][wr_q[alloc_vnet_i]] <= alloc_route_i;
        data_q[alloc_vnet_i][wr_q[alloc_vnet_i] + 1'b1] <= alloc_header_i;
        data_q[alloc_vnet_i][QW'(32'(wr_q[alloc_vnet_i]) + 2)] <= alloc_badge_i;
        if (alloc_cap_i) begin
          data_q[alloc_vnet_i][QW'(32'(wr_q[alloc_vnet_i]) + 3)] <= alloc_cap0_i;
          data_q[alloc_vnet_i][QW'(32'(wr_q[alloc_vnet_i]) + 4)] <= alloc_cap1_i;
          data_q[alloc_vnet_i][QW'(32'(wr_q[alloc_vnet_i]) + 5)] <= alloc_cap2_i;
        end
        wr_q[alloc_vnet_i] <= QW'(32'(wr_q[alloc_vnet_i]) + 32'(alloc_flits_i));
        lw_q[alloc_vnet_i] <= w0[alloc_vnet_i] + 32'(alloc_flits_i);
        lw_set_q[alloc_vnet_i] <= 1'b1;
        added[alloc_vnet_i] = 1'b1;
        fill_q <= QW'(32'(wr_q[alloc_vnet_i]) + (alloc_cap_i ? 6 : 3));
        fill_vnet_q <= alloc_vnet_i;
      end else if (cu_valid_i) begin
        due_q[1][wr_q[1]] <= w0[1] + 32'(LAT);
        own_q[1][wr_q[1]] <= 1'b1;
        head_q[1][wr_q[1]] <= cu_head_i;
        tail_q[1][wr_q[1]] <= cu_tail_i;
        data_q[1][wr_q[1]] <= cu_data_i;
        wr_q[1] <= wr_q[1] + 1'b1;
        lw_q[1] <= w0[1] + 32'd1;
        lw_set_q[1] <= 1'b1;
        added[1] = 1'b1;
      end
      if (pay_valid_i) begin
        data_q[fill_vnet_q][fill_q] <= pay_data_i;
        fill_q <= fill_q + 1'b1;
      end
      for (int v = 0; v < 2; v++)
        cnt_q[v] <= cnt_q[v] + (added[v] ? (QW+1)'(alloc_i ? 32'(alloc_flits_i) : 32'd1) : '0) -
                    (QW+1)'(out_valid_o && out_vnet_o == 1'(v));
    end
  end
endmodule
