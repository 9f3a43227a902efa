// One queue of a tile's mailbox (isa/SPEC.md §4.3, §8.4): the tile has two, the data
// queue (MAILBOX_MSGS messages, SLOTS = 1) and the control queue for EXIT notices
// (SLOTS = 0: it always has room, DEPTH sized for the children a tile may have).
//
// Flits come from the router's eject register: a flit shown at cycle k crossed the switch
// at k-1; the message is complete, and can be taken, from the cycle after its tail is
// shown (delivery = tail crossing + 1 + EJECT_LATENCY, as sim/noc.c).
//
// Slot accounting of the data queue, as sim/mailbox.c: a slot is taken when a head flit
// crosses into the local port (reserve_i, same cycle) and given back LOOKAHEAD cycles
// after the msg.recv/msg.poll that removes the message (take_i at c: a head crossing
// at c + LOOKAHEAD may use it). A tile that is not running takes every flit and drops it.
module tess_mailbox #(
  parameter int unsigned DEPTH = tess_isa_pkg::MAILBOX_MSGS,
  parameter bit          SLOTS = 1'b1
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        active_i,        // the core is running (else messages are dropped)
  input  logic        in_valid_i,
  input  logic        in_head_i,
  input  logic        in_tail_i,
  input  logic [31:0] in_data_i,
  input  logic        reserve_i,
  output logic        slot_ok_o,
  // the oldest complete message
  output logic        valid_o,
  output logic [31:0] src_o,
  output logic [31:0] badge_o,
  output logic [7:0]  tag_o,
  output logic [4:0]  len_o,
  output logic [$clog2(DEPTH)-1:0] head_o,
  output logic        cap_o,           // it carries a capability: kind, lo, hi, badge
  output logic [1:0]  cap_kind_o,
  output logic [31:0] cap_lo_o,
  output logic [31:0] cap_hi_o,
  output logic [31:0] cap_badge_o,
  input  logic        take_i,
  // payload word `rd_word_i` of the message in slot `rd_slot_i` (kept until reused)
  input  logic [$clog2(DEPTH)-1:0] rd_slot_i,
  input  logic [3:0]  rd_word_i,
  output logic [31:0] rd_data_o,
  // a message became complete now (delivery), from src
  output logic        deliver_o,
  output logic [31:0] deliver_src_o
);
  localparam int unsigned SW = $clog2(DEPTH);
  localparam int unsigned FREE_DELAY = tess_isa_pkg::LOOKAHEAD - 1;

  logic [31:0]   src_q   [DEPTH];
  logic [31:0]   badge_q [DEPTH];
  logic [7:0]    tag_q   [DEPTH];
  logic [4:0]    len_q   [DEPTH];
  logic [31:0]   pay_q   [DEPTH][16];
  logic          cap_q   [DEPTH];
  logic          ckind_q [DEPTH];      // the capability is CONTROL (else SEND)
  logic [31:0]   clo_q   [DEPTH];
  logic [31:0]   chi_q   [DEPTH];
  logic [31:0]   cbadge_q [DEPTH];
  logic [SW-1:0] rd_q, wr_q;
  logic [SW:0]   cnt_q, held_q;
  logic [4:0]    flit_q;            // flit number of the message being written
  logic [FREE_DELAY-1:0] free_q;    // takes on their way to free a slot
  logic          drop_q;            // the message being written is dropped

  // Source endpoint from the header flit: a device's id, or a tile's.
  function automatic logic [31:0] src_of(input logic dev, input logic [19:0] id);
    src_of = dev ? tess_isa_pkg::DEV_BASE | {12'd0, id} : {12'd0, id};
  endfunction

  assign slot_ok_o = !SLOTS || !active_i || held_q < (SW+1)'(DEPTH);
  assign valid_o   = cnt_q != '0;
  assign head_o    = rd_q;
  assign src_o     = src_q[rd_q];
  assign badge_o   = badge_q[rd_q];
  assign tag_o     = tag_q[rd_q];
  assign len_o     = len_q[rd_q];
  assign cap_o       = cap_q[rd_q];
  assign cap_kind_o  = ckind_q[rd_q] ? tess_isa_pkg::CAP_KIND_CONTROL : tess_isa_pkg::CAP_KIND_SEND;
  assign cap_lo_o    = clo_q[rd_q];
  assign cap_hi_o    = chi_q[rd_q];
  assign cap_badge_o = cbadge_q[rd_q];
  assign rd_data_o = pay_q[rd_slot_i][rd_word_i];

  logic [4:0] fidx, pay0;
  assign pay0 = cap_q[wr_q] ? 5'd6 : 5'd3;
  logic       keep, done, deliver_q;
  logic [31:0] deliver_src_q;
  assign fidx = in_head_i ? 5'd0 : flit_q;
  assign keep = in_valid_i && (in_head_i || !drop_q);
  assign done = keep && in_tail_i;
  assign deliver_o = deliver_q;
  assign deliver_src_o = deliver_src_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rd_q <= '0;
      wr_q <= '0;
      cnt_q <= '0;
      held_q <= '0;
      flit_q <= '0;
      free_q <= '0;
      drop_q <= 1'b0;
      deliver_q <= 1'b0;
      deliver_src_q <= '0;
      for (int k = 0; k < DEPTH; k++) begin
        src_q[k] <= '0;
        badge_q[k] <= '0;
        tag_q[k] <= '0;
        len_q[k] <= '0;
        cap_q[k] <= 1'b0;
        ckind_q[k] <= 1'b0;
        clo_q[k] <= '0;
        chi_q[k] <= '0;
        cbadge_q[k] <= '0;
        for (int j = 0; j < 16; j++) pay_q[k][j] <= '0;
      end
    end else begin
      if (in_valid_i) flit_q <= fidx + 5'd1;
      deliver_q <= 1'b0;
      if (!active_i) begin
        // SPEC §8.4: a tile that is not running consumes and discards what reaches it
        rd_q <= '0;
        wr_q <= '0;
        cnt_q <= '0;
        held_q <= '0;
        free_q <= '0;
        drop_q <= !(in_valid_i && in_tail_i);
      end else begin
        free_q <= {free_q[FREE_DELAY-2:0], take_i && SLOTS};
        held_q <= held_q + (SW+1)'(reserve_i && SLOTS) - (SW+1)'(free_q[FREE_DELAY-1]);
        if (in_valid_i && in_head_i) drop_q <= 1'b0;
        if (keep) begin
          if (fidx == 5'd1) begin
            src_q[wr_q] <= src_of(in_data_i[31], in_data_i[19:0]);
            tag_q[wr_q] <= in_data_i[27:20];
            cap_q[wr_q] <= in_data_i[30];
            ckind_q[wr_q] <= in_data_i[29];
          end
          if (fidx == 5'd2) badge_q[wr_q] <= in_data_i;
          // payload from flit 3, or from flit 6 after a capability's three
          if (cap_q[wr_q] && fidx == 5'd3) clo_q[wr_q] <= in_data_i;
          if (cap_q[wr_q] && fidx == 5'd4) chi_q[wr_q] <= in_data_i;
          if (cap_q[wr_q] && fidx == 5'd5) cbadge_q[wr_q] <= in_data_i;
          if (fidx >= pay0) pay_q[wr_q][4'(fidx - pay0)] <= in_data_i;
          if (in_tail_i) begin
            len_q[wr_q] <= fidx + 5'd1 - pay0;
            wr_q <= wr_q + 1'b1;
            deliver_q <= 1'b1;
            deliver_src_q <= src_q[wr_q];
          end
        end
        cnt_q <= cnt_q + (SW+1)'(done) - (SW+1)'(take_i);
        if (take_i) rd_q <= rd_q + 1'b1;
      end
    end
  end
endmodule
