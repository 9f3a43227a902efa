// The control unit of a tile (isa/SPEC.md §6, §7): applies control operations that
// arrive on the control network, holds the budgets, the supervisor and the children,
// the acknowledgement deadlines of EXIT notices received, and on a halt writes the EXIT
// notice and the cascade of kills into the NI. The C model is sim/control.c; every
// timing rule below is the one it applies.
//
// Timing (SPEC §6.1): an operation delivered at D applies at
//   A = max(D, A_previous) + CTL_APPLY_CYCLES + len,
// deciding at A whether the tile is idle: a tile that halts at h is IDLE from
// h + LOOKAHEAD on (SPEC §6.2), halting in between (refused, as when running; the
// mailbox takes messages until then: halting_o).
// CTL_START is decided one cycle early (A-1), because the core's first fetch address is
// presented the cycle before its first issue: the new program issues at A with local
// cycle 0. CTL_LOAD writes its words through the SRAM data port in the cycles before
// A when the tile is already idle then (it cannot start meanwhile: only this unit starts
// it, one operation at a time), else after A.
//
// Route flit (tess_isa_pkg::route_flit, laid out in isa/params.h): kind a tile, the
// control bit set for a control operation (kill), clear for an EXIT notice (for the
// mailbox's control queue), the destination's row and column.
// Ports: see rtl/README.md ("The control unit and the devices") and
// /work/helpers/rtl_notes.md; flits as tess_ni/tess_router carry them (header bits
// [19:0] source, [27:20] tag, [28] control operation, [29] passed cap is CONTROL,
// [30] carries a capability, [31] source is a device).
module tess_ctl #(
  parameter int unsigned NT = 4,    // tiles of the mesh: children and notices by tile id
  // Operations waiting for their apply cycle. One of len 16 applies in 17 cycles while
  // operations of 3 flits keep arriving every 3 cycles: 6 can wait then (+1 arriving).
  parameter int unsigned QD = 8
) (
  input  logic          clk_i,
  input  logic          rst_ni,
  input  logic [63:0]   now_i,        // chip cycle
  input  logic [31:0]   tile_id_i,
  input  logic [31:0]   mem_i,        // MEM: SRAM bytes of this tile
  input  logic [15:0]   mesh_w_i,     // W: route flits carry row and column
  // control operations delivered to this tile, flit by flit (D = tail cycle + 1)
  input  logic          rx_valid_i,
  input  logic          rx_head_i,
  input  logic          rx_tail_i,
  input  logic [31:0]   rx_data_i,
  // EXIT notices entering this tile's mailbox control queue (delivery cycle)
  input  logic          notice_i,
  input  logic [31:0]   notice_src_i,
  // msg.ack issuing now; answered in the same cycle
  input  logic          ack_i,
  input  logic [31:0]   ack_tile_i,
  output logic [31:0]   ack_status_o,
  // msg.send of CTL_START through a CONTROL capability issuing now: a new child
  input  logic          start_child_i,
  input  logic [31:0]   start_child_tile_i,
  // msg.send issuing now (counted against the message budget)
  input  logic          send_i,
  output logic          msgs_hit_o,   // the message budget is used up
  // the core
  input  logic          core_active_i,  // running, blocked or waiting
  input  logic          halt_now_i,     // the core halts in this cycle (combinational)
  input  logic [3:0]    halt_cause_i,
  input  logic [31:0]   halt_pc_i,
  input  logic [31:0]   halt_value_i,
  input  logic [63:0]   halt_cycles_i,
  output logic          kill_o,         // halt at the next boundary (at once if blocked)
  output logic [3:0]    kill_cause_o,
  output logic [31:0]   kill_value_o,
  output logic          start_o,        // in cycle A-1 of a START applying at A
  output logic [31:0]   start_pc_o,
  output logic [31:0]   start_a0_o,
  output logic [31:0]   bound_o,
  output logic [63:0]   budget_cycles_o,
  output logic [31:0]   budget_msgs_o,
  // SRAM and capability table while the core is idle
  output logic          mem_we_o,
  output logic [31:0]   mem_addr_o,     // byte address, word aligned
  output logic [31:0]   mem_wdata_o,
  output logic          mem_clr_o,      // zero the SRAM (a write in the same cycle wins)
  output logic          cap_we_o,
  output logic [4:0]    cap_slot_o,
  output logic [1:0]    cap_kind_o,
  output logic [31:0]   cap_lo_o,
  output logic [31:0]   cap_hi_o,
  output logic [31:0]   cap_badge_o,
  output logic          cap_clr_o,      // empty the table (a write in the same cycle wins)
  output logic          halting_o,      // halted, not yet IDLE (h < now < h + LOOKAHEAD)
  // EXIT notice and kills into the NI's control vnet, one flit per cycle
  output logic          tx_valid_o,
  output logic          tx_head_o,
  output logic          tx_tail_o,
  output logic [31:0]   tx_data_o,
  input  logic          tx_ready_i,
  // preload (SPEC §10): supervisor, children and budgets of a tile the harness starts
  input  logic          pre_i,
  input  logic          pre_super_valid_i,
  input  logic [31:0]   pre_super_i,
  input  logic [NT-1:0] pre_children_i,
  input  logic [31:0]   pre_bound_i,
  input  logic [63:0]   pre_cycles_i,
  input  logic [31:0]   pre_msgs_i,
  output logic [31:0]   rejected_o      // operations refused (statistic ctl_rejected)
);
  localparam int unsigned MW = tess_isa_pkg::MSG_MAX_WORDS;
  localparam int unsigned QW = QD > 1 ? $clog2(QD) : 1;
  localparam int unsigned CW = NT > 1 ? $clog2(NT) : 1;
  localparam logic [63:0] GRACE = 64'(tess_isa_pkg::ACK_GRACE);

  // ---- operations: assembled from flits, queued with their apply cycle ----
  logic [4:0]        rx_idx_q;     // flit number of the message being received
  logic [7:0]        rx_tag_q;
  logic [31:0]       rx_src_q;
  logic              rx_cap_q, rx_ctl_q;
  logic [31:0]       rx_clo_q, rx_chi_q, rx_cbadge_q;
  logic [MW*32-1:0]  rx_w_q;
  logic [4:0]        rx_len;       // payload words, with the tail flit
  logic [MW*32-1:0]  rx_w;         // payload, with the tail flit's word
  logic [63:0]       busy_q;       // apply cycle of the last operation queued
  logic [63:0]       rx_at;

  logic [7:0]        q_tag [QD];
  logic [31:0]       q_src [QD];
  logic [4:0]        q_len [QD];
  logic [MW*32-1:0]  q_w [QD];
  logic              q_cap [QD], q_ctlcap [QD];
  logic [31:0]       q_clo [QD], q_chi [QD], q_cbadge [QD];
  logic [63:0]       q_at [QD];
  logic [QW-1:0]     q_rd_q, q_wr_q;
  logic [QW:0]       q_n_q;

  logic [4:0] pay0;                // flit index of payload word 0
  assign pay0 = rx_cap_q ? 5'(tess_isa_pkg::MSG_HDR_FLITS + tess_isa_pkg::SEND_CAP_WORDS)
                         : 5'(tess_isa_pkg::MSG_HDR_FLITS);
  always_comb begin
    rx_w = rx_w_q;
    rx_len = 5'd0;
    if (rx_idx_q >= pay0) begin
      rx_len = rx_idx_q - pay0 + 5'd1;
      rx_w[32*(rx_idx_q - pay0) +: 32] = rx_data_i;
    end
  end
  // delivered at D = now + 1
  assign rx_at = ((now_i + 64'd1 > busy_q) ? now_i + 64'd1 : busy_q) +
                 64'(tess_isa_pkg::CTL_APPLY_CYCLES) + 64'(rx_len);

  // ---- the head operation ----
  logic              h_valid, h_apply, h_start_dec, h_idle, h_ok, h_win;
  logic [7:0]        h_tag;
  logic [4:0]        h_len;
  logic [MW*32-1:0]  h_w;
  logic [63:0]       h_at;
  logic [31:0]       h_w0, h_w1, h_w2, h_bound;
  logic [32:0]       h_room;
  assign h_valid = q_n_q != '0;
  assign h_tag = q_tag[q_rd_q];
  assign h_len = q_len[q_rd_q];
  assign h_w   = q_w[q_rd_q];
  assign h_at  = q_at[q_rd_q];
  assign h_w0  = h_w[31:0];
  assign h_w1  = h_w[63:32];
  assign h_w2  = h_w[95:64];
  assign h_bound = h_w2 != 32'd0 ? h_w2 : mem_i;
  assign h_room = {1'b0, mem_i} - {1'b0, h_w0};
  // SPEC §6.1, §6.2: an operation applies to a tile IDLE at A, halted at A - LOOKAHEAD
  // or earlier. halt_tail_q[k]: the core halted k + 1 cycles ago.
  localparam int unsigned HT = tess_isa_pkg::LOOKAHEAD - 1;
  logic [HT-1:0] halt_tail_q;
  logic          idle_now, idle_next;
  assign halting_o = halt_tail_q != '0;
  assign idle_now  = !core_active_i && halt_tail_q == '0;
  assign idle_next = !core_active_i && halt_tail_q[HT-2:0] == '0;   // IDLE next cycle
  assign h_idle = h_start_dec ? idle_next : idle_now;
  assign h_apply = h_valid && h_tag != tess_isa_pkg::TAG_CTL_START && now_i == h_at;
  assign h_start_dec = h_valid && h_tag == tess_isa_pkg::TAG_CTL_START && now_i + 64'd1 == h_at;
  // well formed (SPEC §6.1 "Malformed operations are refused")
  always_comb begin
    unique case (h_tag)
      tess_isa_pkg::TAG_CTL_LOAD:
        h_ok = h_len != 5'd0 && h_w0[1:0] == 2'b00 && h_w0 <= mem_i &&
               {26'd0, h_len - 5'd1, 2'b00} <= h_room;
      tess_isa_pkg::TAG_CTL_BUDGET:
        h_ok = h_len >= 5'd4 && h_bound <= mem_i && h_bound[1:0] == 2'b00;
      tess_isa_pkg::TAG_CTL_START: h_ok = h_len != 5'd0;
      tess_isa_pkg::TAG_CTL_GRANT:
        h_ok = q_cap[q_rd_q] && h_len != 5'd0 && h_w0 < 32'(tess_isa_pkg::CAP_SLOTS);
      default: h_ok = 1'b1;
    endcase
  end
  // a LOAD's window: its words can go in before A when the tile is idle already
  assign h_win = h_valid && h_tag == tess_isa_pkg::TAG_CTL_LOAD && h_ok &&
                 now_i + 64'(h_len) == h_at && idle_now;

  logic q_push, q_pop;
  assign q_push = rx_valid_i && rx_tail_i;
  assign q_pop  = h_apply || h_start_dec;

  // ---- LOAD writes: one word per cycle from a buffer ----
  logic [MW*32-1:0] wb_q;
  logic [4:0]       wb_n_q, wb_i_q;
  logic [31:0]      wb_addr_q;
  logic             early_q;       // the head LOAD's words are written (window)
  logic             wb_load_win, wb_load_late;
  assign wb_load_win  = h_win && wb_n_q == 5'd0;
  assign wb_load_late = h_apply && h_tag == tess_isa_pkg::TAG_CTL_LOAD && h_ok && h_idle && !early_q;
  assign mem_we_o    = wb_n_q != 5'd0;
  assign mem_addr_o  = wb_addr_q + {25'd0, wb_i_q, 2'b00};
  assign mem_wdata_o = wb_q[32*wb_i_q +: 32];

  // ---- supervisor, children, acknowledgement deadlines ----
  logic          super_v_q;
  logic [31:0]   super_q;
  logic [NT-1:0] child_q, pend_q;
  logic [63:0]   dl_q [NT];
  logic [63:0]   dl_min;
  logic [CW-1:0] dl_which;
  always_comb begin
    dl_min = '1;
    dl_which = '0;
    for (int unsigned i = 0; i < NT; i++)
      if (pend_q[i] && dl_q[i] < dl_min) begin
        dl_min = dl_q[i];
        dl_which = CW'(i);
      end
  end
  logic ack_hit, ack_in;
  assign ack_in  = ack_tile_i < 32'(NT);
  assign ack_hit = ack_i && ack_in && (pend_q[CW'(ack_tile_i)] ||
                   (notice_i && notice_src_i == ack_tile_i));
  assign ack_status_o = ack_hit ? tess_isa_pkg::ERR_OK : tess_isa_pkg::ERR_E_NOPENDING;

  // ---- halting the core from outside: kill, unhandled EXIT ----
  logic        kill_q;             // a kill applied, the core not yet at a boundary
  logic [63:0] kill_at_q;
  logic        kill_now, unh, kill_win;
  logic [63:0] kill_at;
  assign kill_now = h_apply && h_tag == tess_isa_pkg::TAG_CTL_KILL && core_active_i;
`ifdef TESS_FAULT_KILL_LATE
  // Fault injection (tests/rtl/ctl): a kill takes effect one cycle after its apply
  // cycle, so the replay against the C model must fail at the first kill.
  assign kill_o = kill_q || unh;
`else
  assign kill_o = kill_q || kill_now || unh;
`endif
  assign unh = core_active_i && pend_q != '0 && dl_min <= now_i;
  assign kill_at = kill_q ? kill_at_q : now_i;
  // the C model's ctl_reach_limit: the kill when its cycle is not after the deadline
  assign kill_win = (kill_q || kill_now) && (!unh || kill_at <= dl_min);
  assign kill_cause_o = kill_win ? tess_isa_pkg::CAUSE_KILLED : tess_isa_pkg::CAUSE_UNHANDLED_EXIT;
  assign kill_value_o = kill_win ? 32'd0 : 32'(dl_which);

  // ---- budgets ----
  logic [31:0] bound_q, msgs_q, sent_q;
  logic [63:0] cycles_q;
  assign bound_o = bound_q != 32'd0 ? bound_q : mem_i;   // 0: MEM
  assign budget_cycles_o = cycles_q;
  assign budget_msgs_o = msgs_q;
  assign msgs_hit_o = msgs_q != 32'd0 && sent_q >= msgs_q;

  // ---- applying ----
  logic start_go;
  assign start_go  = h_start_dec && h_idle && h_ok;
  assign start_o   = start_go;
  assign start_pc_o = h_w0;
  assign start_a0_o = h_len > 5'd1 ? h_w1 : 32'd0;
  logic app_idle, do_clear, refuse;
  assign app_idle = h_apply && h_idle && h_ok;
  assign do_clear = app_idle && h_tag == tess_isa_pkg::TAG_CTL_CLEAR;
  assign refuse = (h_apply && h_tag != tess_isa_pkg::TAG_CTL_KILL && !(h_idle && h_ok)) ||
                  (h_start_dec && !start_go);
  assign mem_clr_o = halt_now_i || do_clear;
  assign cap_clr_o = halt_now_i || do_clear;
  assign cap_we_o  = app_idle && h_tag == tess_isa_pkg::TAG_CTL_GRANT;
  assign cap_slot_o = h_w0[4:0];
  assign cap_kind_o = q_ctlcap[q_rd_q] ? tess_isa_pkg::CAP_KIND_CONTROL : tess_isa_pkg::CAP_KIND_SEND;
  assign cap_lo_o = q_clo[q_rd_q];
  assign cap_hi_o = q_chi[q_rd_q];
  assign cap_badge_o = q_cbadge[q_rd_q];
  logic [31:0] rej_q;
  assign rejected_o = rej_q;

  // ---- the remains of a halt: EXIT notice, then a kill per child (SPEC §6.2) ----
  logic          em_note_q;        // the notice is still to go
  logic [NT-1:0] em_kill_q;        // children still to kill
  logic [31:0]   em_super_q;
  logic [4:0]    em_idx_q;
  logic [32*tess_isa_pkg::EXIT_NOTICE_WORDS-1:0] em_w_q, em_w;
  logic          em_note;
  logic [NT-1:0] em_kill;
  logic [31:0]   em_super;
  logic [4:0]    em_idx, em_last;
  logic [CW-1:0] em_child;
  always_comb begin
    em_note = halt_now_i ? super_v_q : em_note_q;
    em_kill = halt_now_i ? child_q : em_kill_q;
    em_super = halt_now_i ? super_q : em_super_q;
    em_idx = halt_now_i ? 5'd0 : em_idx_q;
    em_w = halt_now_i ? {halt_cycles_i, halt_value_i, halt_pc_i, 28'd0, halt_cause_i, tile_id_i}
                      : em_w_q;
    em_child = '0;
    for (int i = NT - 1; i >= 0; i--)
      if (em_kill[i]) em_child = CW'(i);
    em_last = em_note ? 5'(tess_isa_pkg::MSG_HDR_FLITS + tess_isa_pkg::EXIT_NOTICE_WORDS - 1)
                      : 5'(tess_isa_pkg::MSG_HDR_FLITS - 1);
  end
  assign tx_valid_o = (em_note || em_kill != '0) && tx_ready_i;
  assign tx_head_o = em_idx == 5'd0;
  assign tx_tail_o = em_idx == em_last;
  always_comb begin
    unique case (em_idx)
      5'd0: tx_data_o = route_to(em_note ? em_super[19:0] : 20'(em_child), mesh_w_i, !em_note);
      5'd1: tx_data_o = {1'b0, 1'b0, 1'b0, !em_note,
                         em_note ? tess_isa_pkg::TAG_MSG_EXIT : tess_isa_pkg::TAG_CTL_KILL,
                         tile_id_i[19:0]};
      5'd2: tx_data_o = 32'd0;    // badge
      default: tx_data_o = em_w[32*(em_idx - 5'(tess_isa_pkg::MSG_HDR_FLITS)) +: 32];
    endcase
  end

  function automatic logic [31:0] route_to(input logic [19:0] id, input logic [15:0] w,
                                           input logic op);
    logic [19:0] row;
    logic [9:0]  col;
    row = id / {4'd0, w};
    col = 10'(id - row * {4'd0, w});
    route_to = tess_isa_pkg::route_flit(tess_isa_pkg::ROUTE_KIND_TILE, op, row[9:0], col);
  endfunction

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rx_idx_q <= '0; rx_tag_q <= '0; rx_src_q <= '0; rx_cap_q <= 1'b0; rx_ctl_q <= 1'b0;
      rx_clo_q <= '0; rx_chi_q <= '0; rx_cbadge_q <= '0; rx_w_q <= '0;
      busy_q <= '0; q_rd_q <= '0; q_wr_q <= '0; q_n_q <= '0;
      wb_q <= '0; wb_n_q <= '0; wb_i_q <= '0; wb_addr_q <= '0; early_q <= 1'b0;
      super_v_q <= 1'b0; super_q <= '0; child_q <= '0; pend_q <= '0; halt_tail_q <= '0;
      kill_q <= 1'b0; kill_at_q <= '0;
      bound_q <= '0; msgs_q <= '0; sent_q <= '0; cycles_q <= '0; rej_q <= '0;
      em_note_q <= 1'b0; em_kill_q <= '0; em_super_q <= '0; em_idx_q <= '0; em_w_q <= '0;
    end else begin
      // receive
      if (rx_valid_i) begin
        rx_idx_q <= rx_tail_i ? 5'd0 : (rx_head_i ? 5'd1 : rx_idx_q + 5'd1);
        if (rx_idx_q == 5'd1) begin
          rx_tag_q <= rx_data_i[27:20];
          rx_src_q <= rx_data_i[31] ? tess_isa_pkg::DEV_CONSOLE + {12'd0, rx_data_i[19:0]}
                                    : {12'd0, rx_data_i[19:0]};
          rx_cap_q <= rx_data_i[30];
          rx_ctl_q <= rx_data_i[29];
        end
        if (rx_cap_q && rx_idx_q == 5'd3) rx_clo_q <= rx_data_i;
        if (rx_cap_q && rx_idx_q == 5'd4) rx_chi_q <= rx_data_i;
        if (rx_cap_q && rx_idx_q == 5'd5) rx_cbadge_q <= rx_data_i;
        if (rx_idx_q >= pay0) rx_w_q <= rx_w;
        if (rx_tail_i) begin
          rx_cap_q <= 1'b0;
          rx_w_q <= '0;
          q_tag[q_wr_q] <= rx_tag_q;
          q_src[q_wr_q] <= rx_src_q;
          q_len[q_wr_q] <= rx_len;
          q_w[q_wr_q] <= rx_w;
          q_cap[q_wr_q] <= rx_cap_q;
          q_ctlcap[q_wr_q] <= rx_ctl_q;
          q_clo[q_wr_q] <= rx_clo_q;
          q_chi[q_wr_q] <= rx_chi_q;
          q_cbadge[q_wr_q] <= rx_cbadge_q;
          q_at[q_wr_q] <= rx_at;
          q_wr_q <= q_wr_q + QW'(1);
          busy_q <= rx_at;
        end
      end
      if (q_push && !q_pop) q_n_q <= q_n_q + 1'b1;
      else if (!q_push && q_pop) q_n_q <= q_n_q - 1'b1;
      if (q_pop) begin
        q_rd_q <= q_rd_q + QW'(1);
        early_q <= 1'b0;
      end

      // LOAD words
      if (wb_n_q != 5'd0) begin
        wb_n_q <= wb_n_q - 5'd1;
        wb_i_q <= wb_i_q + 5'd1;
      end
      if (wb_load_win || wb_load_late) begin
        wb_q <= h_w >> 32;
        wb_n_q <= h_len - 5'd1;
        wb_i_q <= '0;
        wb_addr_q <= h_w0;
      end
      if (wb_load_win) early_q <= 1'b1;

      // budgets and message count
      if (send_i) sent_q <= sent_q + 32'd1;

      // children and notices
      if (start_child_i && start_child_tile_i < 32'(NT)) child_q[CW'(start_child_tile_i)] <= 1'b1;
      // at most one pending notice per child (SPEC §6.3): a notice from a child with
      // one pending joins it and keeps its deadline; an ack (even in the notice's own
      // cycle) acknowledges it
      if (notice_i && notice_src_i < 32'(NT)) begin
        child_q[CW'(notice_src_i)] <= 1'b0;
        if (!pend_q[CW'(notice_src_i)]) begin
          pend_q[CW'(notice_src_i)] <= 1'b1;
          dl_q[CW'(notice_src_i)] <= now_i + GRACE;
        end
      end
      if (ack_hit)
        pend_q[CW'(ack_tile_i)] <= 1'b0;
      if (kill_now && !kill_q) begin
        kill_q <= 1'b1;
        kill_at_q <= now_i;
      end

      // emission of the remains
      if (tx_valid_o) begin
        em_idx_q <= tx_tail_o ? 5'd0 : em_idx + 5'd1;
        em_note_q <= em_note && !tx_tail_o;
        em_kill_q <= em_kill;
        if (!em_note && tx_tail_o) em_kill_q[em_child] <= 1'b0;
      end else begin
        em_idx_q <= em_idx;
        em_note_q <= em_note;
        em_kill_q <= em_kill;
      end
      em_super_q <= em_super;
      em_w_q <= em_w;

      // a halt: the tile stops; remains go out from this cycle (above); IDLE from
      // h + LOOKAHEAD (EXIT notices taken while halting are dropped with the mailbox)
      halt_tail_q <= {halt_tail_q[HT-2:0], halt_now_i};
      if (halt_now_i || !core_active_i) pend_q <= '0;
      if (halt_now_i) begin
        super_v_q <= 1'b0;
        child_q <= '0;
        kill_q <= 1'b0;
        sent_q <= '0;
      end
      if (halt_now_i || do_clear) begin
        bound_q <= '0;
        cycles_q <= '0;
        msgs_q <= '0;
        sent_q <= '0;
      end
      // an operation applied at this cycle comes after the halt's clearing
      if (app_idle && h_tag == tess_isa_pkg::TAG_CTL_BUDGET) begin
        cycles_q <= {h_w1, h_w0};
        bound_q <= h_bound;
        msgs_q <= h_w[127:96];
      end
      if (start_go) begin
        super_v_q <= 1'b1;
        super_q <= q_src[q_rd_q];
        sent_q <= '0;
      end
      if (refuse) rej_q <= rej_q + 32'd1;

      if (pre_i) begin
        super_v_q <= pre_super_valid_i;
        super_q <= pre_super_i;
        child_q <= pre_children_i;
        bound_q <= pre_bound_i;
        cycles_q <= pre_cycles_i;
        msgs_q <= pre_msgs_i;
        sent_q <= '0;
      end
    end
  end

`ifndef SYNTHESIS
  // The queue cannot overflow (see QD): an operation of F flits takes F cycles to
  // arrive and CTL_APPLY_CYCLES + len = F - 2 cycles to apply, so the backlog a long one
  // leaves drains.
  always_ff @(posedge clk_i)
    if (q_push && !q_pop && q_n_q == (QW+1)'(QD))
      $error("tess_ctl: operation queue overflow at cycle %0d", now_i);
`endif
endmodule
