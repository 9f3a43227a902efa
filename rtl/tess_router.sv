// One router of the mesh (isa/SPEC.md §8): 5 ports (0 local, 1 N, 2 E, 3 S, 4 W) x 2
// virtual networks (0 data, 1 control), XY routing, wormhole switching, credits,
// round-robin arbitration, arbitrated exactly as sim/noc.c switch_cycle() does:
//  - an input buffer holds ROUTER_BUF_FLITS flits per port and vnet; every flit in it
//    may cross (a flit written at the end of cycle a-1 "arrives" at a and crosses at a
//    or later; the link register in front of it is the second cycle of HOP_LATENCY);
//  - outputs are served in the order local, N, E, S, W; on each, control before data;
//    among the inputs whose head flit asks for it (a head flit only while the output is
//    free on its vnet, a body flit only from the input that owns it), round robin
//    starting after the last winning head; an input sends at most one flit a cycle;
//  - the winner still needs a credit (the local data output: a mailbox slot for a
//    head), else nothing passes on that output and vnet this cycle and the other vnet
//    is tried.
// Every output (out_*_o, in_credit_o) is a register: nothing combinational leaves the
// router except eject_take_o, which only the tile's own mailbox sees.
//
// Route flit (flit 0 of a message, written by tess_ni; fields in isa/params.h, read with
// tess_isa_pkg::route_kind/row/col): the endpoint's kind (a tile, the console, the
// block store), the control bit, the destination router's row and column (for a device:
// its attachment tile).
module tess_router (
  input  logic             clk_i,
  input  logic             rst_ni,
  input  logic [9:0]       x_i,
  input  logic [9:0]       y_i,
  // flits written into the input buffers at the end of this cycle
  input  logic [4:0]       in_valid_i,
  input  logic [4:0]       in_vnet_i,
  input  logic [4:0]       in_head_i,
  input  logic [4:0]       in_tail_i,
  input  logic [159:0]     in_data_i,       // 32 bits per port
  output logic [9:0]       in_credit_o,    // bit 2*port+vnet: a slot of that buffer was freed
  // flits that crossed the switch last cycle (link / eject registers)
  output logic [4:0]       out_valid_o,
  output logic [4:0]       out_vnet_o,
  output logic [4:0]       out_head_o,
  output logic [4:0]       out_tail_o,
  output logic [159:0]     out_data_o,
  input  logic [9:0]       out_credit_i,   // credits from downstream (ports 1..4), 2*port+vnet
  input  logic [4:0]       out_sink_i,     // port leads to a device or to nothing: always takes
  input  logic             eject_ok_i,     // the mailbox has a data slot for a head flit
  output logic             eject_take_o    // a data head crosses into the local port now
);
  localparam int unsigned DEPTH = tess_isa_pkg::ROUTER_BUF_FLITS;
  localparam int unsigned PW = $clog2(DEPTH);     // DEPTH is a power of two
  localparam logic [2:0] NONE = 3'd7;

  // input buffers: {head, tail, data}
  logic [33:0] buf_q [5][2][DEPTH];
  logic [PW-1:0] rd_q  [5][2];
  logic [PW:0]   cnt_q [5][2];
  logic [2:0]  dir_q [5][2];        // output of the packet passing through this input
  logic [2:0]  owner_q [5][2];      // input holding the output (wormhole), NONE
  logic [2:0]  rr_q    [5][2];      // last winning input of a head
  logic [PW:0] cred_q  [5][2];      // credits toward the next buffer (ports 1..4)

  // XY (SPEC §8.1): x first, then y; at the destination, the endpoint's port.
  function automatic logic [2:0] route(input logic [1:0] kind, input logic [9:0] ry,
                                       input logic [9:0] rx, input logic [9:0] x,
                                       input logic [9:0] y);
    if (rx > x) route = 3'd2;
    else if (rx < x) route = 3'd4;
    else if (ry > y) route = 3'd3;
    else if (ry < y) route = 3'd1;
    else if (kind == tess_isa_pkg::ROUTE_KIND_CONSOLE) route = 3'd4;   // west of (0,0)
    else if (kind == tess_isa_pkg::ROUTE_KIND_BLOCK) route = 3'd2;     // east of (W-1,0)
    else route = 3'd0;
  endfunction

  // Round robin: the first input in mask after `last`.
  function automatic logic [2:0] rr_pick(input logic [4:0] mask, input logic [2:0] last);
    logic [2:0] k, pick;
    pick = NONE;
    for (int j = 5; j >= 1; j--) begin
      k = 3'((32'(last) + 32'(j)) % 5);
      if (mask[k]) pick = k;
    end
    rr_pick = pick;
  endfunction

  // ---- what is written into the input buffers at the end of this cycle ----
  logic [4:0]       wv, wvn, wh, wt;
  logic [159:0]     wd;
`ifdef TESS_FAULT_HOP_LONG
  // Fault injection (tests/rtl): every link one cycle longer than HOP_LATENCY says, so
  // co-simulation must fail at the first message that crosses a link.
  /* verilator lint_off UNUSEDSIGNAL */   // bit 0 (local) passes undelayed
  logic [4:0]       dv_q, dvn_q, dh_q, dt_q;
  logic [159:0]     dd_q;
  /* verilator lint_on UNUSEDSIGNAL */
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) begin
      dv_q <= '0; dvn_q <= '0; dh_q <= '0; dt_q <= '0; dd_q <= '0;
    end else begin
      dv_q <= in_valid_i; dvn_q <= in_vnet_i; dh_q <= in_head_i; dt_q <= in_tail_i;
      dd_q <= in_data_i;
    end
  assign wv  = {dv_q[4:1], in_valid_i[0]};
  assign wvn = {dvn_q[4:1], in_vnet_i[0]};
  assign wh  = {dh_q[4:1], in_head_i[0]};
  assign wt  = {dt_q[4:1], in_tail_i[0]};
  assign wd  = {dd_q[159:32], in_data_i[31:0]};
`else
  assign wv  = in_valid_i;
  assign wvn = in_vnet_i;
  assign wh  = in_head_i;
  assign wt  = in_tail_i;
  assign wd  = in_data_i;
`endif

  // ---- requests (state at the start of the cycle) ----
  logic [33:0] hd   [5][2];
  logic [2:0]  want [5][2];
  logic        req  [5][2];
  always_comb begin
    for (int i = 0; i < 5; i++)
      for (int v = 0; v < 2; v++) begin
        hd[i][v] = buf_q[i][v][rd_q[i][v]];
        want[i][v] = hd[i][v][33] ? route(tess_isa_pkg::route_kind(hd[i][v][31:0]),
                                          tess_isa_pkg::route_row(hd[i][v][31:0]),
                                          tess_isa_pkg::route_col(hd[i][v][31:0]), x_i, y_i)
                                  : dir_q[i][v];
        req[i][v] = cnt_q[i][v] != '0 &&
                    (hd[i][v][33] ? owner_q[want[i][v]][v] == NONE
                                  : owner_q[want[i][v]][v] == 3'(i));
      end
  end

  // ---- switch allocation, in the model's order ----
  logic [4:0]  g_valid;
  logic [2:0]  g_in   [5];
  logic        g_vnet [5];
  logic [4:0]  used;
  always_comb begin
    logic [4:0] mask;
    logic [2:0] win;
    logic       ok;
    used = '0;
    g_valid = '0;
    eject_take_o = 1'b0;
    for (int o = 0; o < 5; o++) begin
      g_in[o] = 3'd0;
      g_vnet[o] = 1'b0;
      for (int vv = 0; vv < 2; vv++) begin
        mask = '0;
        for (int i = 0; i < 5; i++)
          mask[i] = req[i][1 - vv] && want[i][1 - vv] == 3'(o) && !used[i];
        win = owner_q[o][1 - vv] != NONE ? owner_q[o][1 - vv] : rr_pick(mask, rr_q[o][1 - vv]);
        if (win == NONE) win = 3'd0;   // mask empty: nothing passes
        if (o == 0)
          ok = vv == 1 && hd[win][0][33] ? eject_ok_i : 1'b1;
        else
          ok = out_sink_i[o] || cred_q[o][1 - vv] != '0 || out_credit_i[2 * o + 1 - vv];
        if (!g_valid[o] && mask != '0 && ok) begin
          g_valid[o] = 1'b1;
          g_in[o] = win;
          g_vnet[o] = 1'(1 - vv);
          used[win] = 1'b1;
          if (o == 0 && vv == 1 && hd[win][0][33]) eject_take_o = 1'b1;
        end
      end
    end
  end

  // ---- state ----
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      for (int i = 0; i < 5; i++)
        for (int v = 0; v < 2; v++) begin
          rd_q[i][v] <= '0;
          cnt_q[i][v] <= '0;
          dir_q[i][v] <= '0;
          owner_q[i][v] <= NONE;
          rr_q[i][v] <= '0;
          cred_q[i][v] <= (PW+1)'(DEPTH);
          for (int k = 0; k < DEPTH; k++) buf_q[i][v][k] <= '0;
        end
      out_valid_o <= '0;
      out_vnet_o <= '0;
      out_head_o <= '0;
      out_tail_o <= '0;
      out_data_o <= '0;
      in_credit_o <= '0;
    end else begin
      in_credit_o <= '0;
      for (int o = 0; o < 5; o++) begin
        // credits: those returned now, less the one spent now
        for (int v = 0; v < 2; v++)
          cred_q[o][v] <= cred_q[o][v] + (PW+1)'(out_credit_i[2 * o + v]) -
                          (PW+1)'(g_valid[o] && g_vnet[o] == 1'(v) && !out_sink_i[o]);
        out_valid_o[o] <= g_valid[o];
        out_vnet_o[o] <= g_vnet[o];
        out_head_o[o] <= hd[g_in[o]][g_vnet[o]][33];
        out_tail_o[o] <= hd[g_in[o]][g_vnet[o]][32];
        out_data_o[32 * o +: 32] <= hd[g_in[o]][g_vnet[o]][31:0];
        if (g_valid[o]) begin
          if (hd[g_in[o]][g_vnet[o]][33]) begin
            owner_q[o][g_vnet[o]] <= g_in[o];
            rr_q[o][g_vnet[o]] <= g_in[o];
            dir_q[g_in[o]][g_vnet[o]] <= 3'(o);
          end
          if (hd[g_in[o]][g_vnet[o]][32]) owner_q[o][g_vnet[o]] <= NONE;
          in_credit_o[{g_in[o], g_vnet[o]}] <= 1'b1;
        end
      end
      for (int i = 0; i < 5; i++)
        for (int v = 0; v < 2; v++) begin
          logic pop, push;
          pop = 1'b0;
          for (int o = 0; o < 5; o++)
            if (g_valid[o] && g_in[o] == 3'(i) && g_vnet[o] == 1'(v)) pop = 1'b1;
          push = wv[i] && wvn[i] == 1'(v);
          if (push)
            buf_q[i][v][PW'(32'(rd_q[i][v]) + 32'(cnt_q[i][v]))] <= {wh[i], wt[i], wd[32 * i +: 32]};
          if (pop) rd_q[i][v] <= rd_q[i][v] + 1'b1;
          cnt_q[i][v] <= cnt_q[i][v] + (PW+1)'(push) - (PW+1)'(pop);
        end
    end
  end
endmodule
