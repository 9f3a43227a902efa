// The capability table (isa/SPEC.md §4.2): CAP_SLOTS slots of {kind, lo, hi, badge} and
// the cap.* instructions, each done in its issue cycle (cost 1): the status or value is
// combinational, the one slot an instruction writes is written at the end of the cycle.
// Software can only read, copy, drop, badge and narrow what is there; the table is
// filled at start by the harness (public arrays), as the chip fills a preloaded tile's.
module tess_caps (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        en_i,       // a cap.* instruction retires this cycle
  input  logic [6:0]  op_i,
  input  logic [31:0] a_i,        // rs1
  input  logic [31:0] b_i,        // rs2
  input  logic [31:0] c_i,        // rs3 (cap.narrow)
  output logic [31:0] rd_o,
  // msg.send: the slot it sends through (q) and the slot it would pass (p)
  input  logic [4:0]  q_slot_i,
  output logic [1:0]  q_kind_o,
  output logic [31:0] q_lo_o,
  output logic [31:0] q_hi_o,
  output logic [31:0] q_badge_o,
  input  logic [4:0]  p_slot_i,
  output logic [1:0]  p_kind_o,
  output logic [31:0] p_lo_o,
  output logic [31:0] p_hi_o,
  output logic [31:0] p_badge_o,
  // msg.recv of a message carrying a capability: into the lowest empty slot, if any
  input  logic        in_we_i,
  input  logic [1:0]  in_kind_i,
  input  logic [31:0] in_lo_i,
  input  logic [31:0] in_hi_i,
  input  logic [31:0] in_badge_i,
  output logic        in_ok_o,
  output logic [4:0]  in_slot_o,
  // the control unit, while the core is not running (CTL_GRANT, CTL_CLEAR)
  input  logic        cu_we_i,
  input  logic [4:0]  cu_slot_i,
  input  logic [1:0]  cu_kind_i,
  input  logic [31:0] cu_lo_i,
  input  logic [31:0] cu_hi_i,
  input  logic [31:0] cu_badge_i,
  input  logic        cu_clear_i
);
  localparam logic [1:0] EMPTY = tess_isa_pkg::CAP_KIND_EMPTY;

  logic [1:0]  kind_q  [0:31] /* verilator public_flat_rw */;
  logic [31:0] lo_q    [0:31] /* verilator public_flat_rw */;
  logic [31:0] hi_q    [0:31] /* verilator public_flat_rw */;
  logic [31:0] badge_q [0:31] /* verilator public_flat_rw */;

  // source slot: rs1 itself for the plain forms, rs1 & 31 for mint and narrow
  logic        mint_or_narrow, a_big, b_big;
  logic [4:0]  src, dst;
  logic [1:0]  s_kind;
  logic [31:0] s_lo, s_hi, s_badge;
  logic        we;
  logic [1:0]  w_kind;
  logic [31:0] w_lo, w_hi, w_badge;

  assign mint_or_narrow = op_i == tess_isa_pkg::OP_CAP_MINT || op_i == tess_isa_pkg::OP_CAP_NARROW;
  assign a_big   = a_i >= 32'(tess_isa_pkg::CAP_SLOTS);
  assign b_big   = b_i >= 32'(tess_isa_pkg::CAP_SLOTS);
  assign src     = a_i[4:0];
  assign s_kind  = kind_q[src];
  assign s_lo    = lo_q[src];
  assign s_hi    = hi_q[src];
  assign s_badge = badge_q[src];
  assign q_kind_o  = kind_q[q_slot_i];
  assign q_lo_o    = lo_q[q_slot_i];
  assign q_hi_o    = hi_q[q_slot_i];
  assign q_badge_o = badge_q[q_slot_i];
  assign p_kind_o  = kind_q[p_slot_i];
  assign p_lo_o    = lo_q[p_slot_i];
  assign p_hi_o    = hi_q[p_slot_i];
  assign p_badge_o = badge_q[p_slot_i];
  always_comb begin
    in_ok_o = 1'b0;
    in_slot_o = 5'd0;
    for (int i = 31; i >= 0; i--)
      if (kind_q[i] == EMPTY) begin
        in_ok_o = 1'b1;
        in_slot_o = 5'(i);
      end
  end

  always_comb begin
    rd_o = tess_isa_pkg::ERR_OK;
    we = 1'b0;
    dst = src;
    w_kind = s_kind;
    w_lo = s_lo;
    w_hi = s_hi;
    w_badge = s_badge;
    if (a_big && !mint_or_narrow) begin
      rd_o = tess_isa_pkg::ERR_E_SLOT;
    end else begin
      case (op_i)
        tess_isa_pkg::OP_CAP_INFO:
          rd_o = {27'd0, s_kind != EMPTY && s_lo == s_hi, 2'd0, s_kind};
        tess_isa_pkg::OP_CAP_LO:    rd_o = s_kind != EMPTY ? s_lo : 32'd0;
        tess_isa_pkg::OP_CAP_HI:    rd_o = s_kind != EMPTY ? s_hi : 32'd0;
        tess_isa_pkg::OP_CAP_BADGE: rd_o = s_kind != EMPTY ? s_badge : 32'd0;
        tess_isa_pkg::OP_CAP_DROP: begin
          we = 1'b1; w_kind = EMPTY; w_lo = '0; w_hi = '0; w_badge = '0;
        end
        tess_isa_pkg::OP_CAP_COPY: begin
          dst = b_i[4:0];
          if (b_big) rd_o = tess_isa_pkg::ERR_E_SLOT;
          else if (s_kind == EMPTY) rd_o = tess_isa_pkg::ERR_E_EMPTY;
          else we = 1'b1;
        end
        tess_isa_pkg::OP_CAP_MINT: begin
          dst = a_i[12:8];
          w_badge = b_i;
          if (s_kind == EMPTY) rd_o = tess_isa_pkg::ERR_E_EMPTY;
          else if (s_kind != tess_isa_pkg::CAP_KIND_SEND) rd_o = tess_isa_pkg::ERR_E_KIND;
          else if (s_badge != 32'd0) rd_o = tess_isa_pkg::ERR_E_BADGED;
          else we = 1'b1;
        end
        default: begin  // cap.narrow: the new range must lie inside the old one
          dst = a_i[12:8];
          w_lo = b_i;
          w_hi = c_i;
          if (s_kind == EMPTY) rd_o = tess_isa_pkg::ERR_E_EMPTY;
          else if (b_i > c_i || b_i < s_lo || c_i > s_hi) rd_o = tess_isa_pkg::ERR_E_RANGE;
          else we = 1'b1;
        end
      endcase
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      for (int i = 0; i < 32; i++) begin
        kind_q[i] <= EMPTY;
        lo_q[i] <= '0;
        hi_q[i] <= '0;
        badge_q[i] <= '0;
      end
    end else if (cu_clear_i) begin
      for (int i = 0; i < 32; i++) kind_q[i] <= EMPTY;
    end else if (cu_we_i) begin
      kind_q[cu_slot_i] <= cu_kind_i;
      lo_q[cu_slot_i] <= cu_lo_i;
      hi_q[cu_slot_i] <= cu_hi_i;
      badge_q[cu_slot_i] <= cu_badge_i;
    end else if (in_we_i && in_ok_o) begin
      kind_q[in_slot_o] <= in_kind_i;
      lo_q[in_slot_o] <= in_lo_i;
      hi_q[in_slot_o] <= in_hi_i;
      badge_q[in_slot_o] <= in_badge_i;
    end else if (en_i && we) begin
      kind_q[dst] <= w_kind;
      lo_q[dst] <= w_lo;
      hi_q[dst] <= w_hi;
      badge_q[dst] <= w_badge;
    end
  end
endmodule
