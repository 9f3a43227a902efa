// The block store (isa/SPEC.md §9.2), behavioural: east of tile (W-1,0). Requests wait
// in arrival order; each cycle, first the requests due complete (in arrival order: the
// sector is read or written and the reply written into the device's NI at that cycle),
// then, while fewer than BLK_CHANNELS run, waiting requests start in arrival order when
// the barrier, flush and dependency rules let them (a dependency on an id no earlier
// request carried completes with -2), each holding a channel for BLK_LATENCY +
// BLK_WORD_CYCLES per data word. As sim/devices/blockstore.c; the sectors are the
// harness's (DPI-C, sim/cosim/ctl_dev_host.cpp), the host file of `--disk`.
module tess_dev_block (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic [63:0] now_i,
  input  logic [15:0] mesh_w_i,     // W
  input  logic        req_valid_i,
  input  logic        req_head_i,
  input  logic        req_tail_i,
  input  logic [31:0] req_data_i,
  output logic        rep_valid_o,
  output logic        rep_vnet_o,
  output logic        rep_head_o,
  output logic        rep_tail_o,
  output logic [31:0] rep_data_o,
  input  logic [1:0]  rep_credit_i
);
  localparam int unsigned MW = tess_isa_pkg::MSG_MAX_WORDS;
  localparam int unsigned SW = tess_isa_pkg::BLK_SECTOR_BYTES / 4;   // words a sector
  localparam logic [1:0] WAITING = 2'd0, RUNNING = 2'd1;

  import "DPI-C" function int unsigned tess_dev_blk_sectors();
  import "DPI-C" function void tess_dev_blk_read(input int unsigned lba, output bit [255:0] d);
  import "DPI-C" function void tess_dev_blk_write(input int unsigned lba, input bit [255:0] d);
  import "DPI-C" function void tess_dev_blk_flush();

  typedef struct packed {
    logic [7:0]       tag;
    logic [31:0]      src;
    logic [4:0]       len;
    logic [MW*32-1:0] w;
    logic [63:0]      arrived, done_at;
    logic [1:0]       state;
    logic [31:0]      status;
  } req_t;
  typedef struct packed {
    logic [63:0]      at;
    logic [31:0]      dst;
    logic [7:0]       tag;
    logic [4:0]       len;
    logic [MW*32-1:0] w;
  } rep_t;

  logic             msg;
  logic [31:0]      src;
  logic [7:0]       tag;
  logic [4:0]       len;
  logic [MW*32-1:0] w;
  tess_dev_rx u_rx (
    .clk_i, .rst_ni, .valid_i(req_valid_i), .head_i(req_head_i), .tail_i(req_tail_i),
    .data_i(req_data_i), .msg_o(msg), .src_o(src), .tag_o(tag), .len_o(len), .w_o(w)
  );

  req_t rq [$];                 // not yet completed, in arrival order
  rep_t rp [$];                 // replies produced, not yet written into the NI
  bit   done_ids [int unsigned];
  rep_t r0;                     // rp[0] (registered copy: no queue read combinationally)
  logic r0_q;

  tess_dev_ni #(.DEV(1)) u_ni (
    .clk_i, .rst_ni, .now_i, .mesh_w_i, .wr_i(r0_q), .wr_at_i(r0.at), .wr_dst_i(r0.dst[19:0]),
    .wr_tag_i(r0.tag), .wr_len_i(r0.len), .wr_w_i(r0.w),
    .out_valid_o(rep_valid_o), .out_vnet_o(rep_vnet_o), .out_head_o(rep_head_o),
    .out_tail_o(rep_tail_o), .out_data_o(rep_data_o), .credit_i(rep_credit_i)
  );

  // Behavioural model (queues, an associative array, updates in the order of the C
  // model's loops within one cycle): blocking assignments on purpose, and helpers that
  // look at a few fields of a whole request.
  /* verilator lint_off BLKSEQ */
  /* verilator lint_off UNUSEDSIGNAL */
  function automatic logic [31:0] word(input req_t r, input int i);
    return r.w[32*i +: 32];
  endfunction
  function automatic logic is_barrier(input req_t r);
    return r.w[0 + 32] == 1'b1;       // flags bit 0
  endfunction
  function automatic int data_words(input req_t r);
    return r.tag == tess_isa_pkg::TAG_BLK_READ || r.tag == tess_isa_pkg::TAG_BLK_WRITE ? int'(SW) : 0;
  endfunction

  // The reply of request r completing at s (performs the read or write).
  function automatic rep_t complete(input req_t r, input logic [63:0] s);
    rep_t p;
    logic [31:0] lba;
    logic io;
    bit [255:0] d;
    p = '0;
    p.at = s;
    p.dst = r.src;
    p.tag = r.tag;
    p.len = 5'd2;
    p.w[31:0] = word(r, 0);
    lba = word(r, 4);
    io = r.tag == tess_isa_pkg::TAG_BLK_READ || r.tag == tess_isa_pkg::TAG_BLK_WRITE;
    if (r.status != 32'd0)
      p.w[63:32] = r.status;
    else if (io && (r.len < 5'd5 || lba >= tess_dev_blk_sectors() ||
                    (r.tag == tess_isa_pkg::TAG_BLK_WRITE && r.len < 5'(5 + SW))))
      p.w[63:32] = 32'hffffffff;
    else if (r.tag == tess_isa_pkg::TAG_BLK_READ) begin
      tess_dev_blk_read(lba, d);
      p.w[64 +: 256] = d;
      p.len = 5'(2 + SW);
    end else if (r.tag == tess_isa_pkg::TAG_BLK_WRITE) begin
      tess_dev_blk_write(lba, r.w[160 +: 256]);
    end else if (r.tag == tess_isa_pkg::TAG_BLK_FLUSH) begin
      tess_dev_blk_flush();
    end else begin
      p.w[64 +: 32] = tess_dev_blk_sectors();
      p.len = 5'd3;
    end
    return p;
  endfunction

  // May rq[k] start at s? -1: not yet; 0: yes; -2: a dependency no earlier request had.
  function automatic int may_start(input int k, input logic [63:0] s);
    req_t r;
    r = rq[k];
    if (r.arrived > s) return -1;
    for (int e = 0; e < k; e++) begin
      if (is_barrier(r) || is_barrier(rq[e])) return -1;
      if (r.tag == tess_isa_pkg::TAG_BLK_FLUSH && rq[e].tag == tess_isa_pkg::TAG_BLK_WRITE)
        return -1;
    end
    for (int j = 0; j < 2 && j < int'(word(r, 1) >> 1 & 32'd3); j++) begin
      logic [31:0] id;
      id = word(r, 2 + j);
      for (int e = 0; e < k; e++)
        if (word(rq[e], 0) == id) return -1;
      if (done_ids.exists(id) == 0) return -2;
    end
    return 0;
  endfunction

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rq.delete();
      rp.delete();
      done_ids.delete();
      r0 <= '0;
      r0_q <= 1'b0;
    end else begin
      int running, k;
      if (r0_q) void'(rp.pop_front());
      // completions due now, in arrival order
      k = 0;
      while (k < rq.size()) begin
        if (rq[k].state == RUNNING && rq[k].done_at == now_i) begin
          rp.push_back(complete(rq[k], now_i));
          if (word(rq[k], 0) != 32'hffffffff) done_ids[word(rq[k], 0)] = 1'b1;
          rq.delete(k);
        end else k++;
      end
      // starts, in arrival order, while a channel is free
      running = 0;
      foreach (rq[i]) if (rq[i].state == RUNNING) running++;
      for (int i = 0; i < rq.size() && running < int'(tess_isa_pkg::BLK_CHANNELS); i++)
        if (rq[i].state == WAITING) begin
          int st;
          st = may_start(i, now_i);
          if (st != -1) begin
            rq[i].state = RUNNING;
            rq[i].status = 32'(st);
            rq[i].done_at = now_i + 64'(tess_isa_pkg::BLK_LATENCY) +
                            64'(tess_isa_pkg::BLK_WORD_CYCLES) * 64'(data_words(rq[i]));
            running++;
          end
        end
      // a request delivered in the next cycle
      if (msg && tag >= tess_isa_pkg::TAG_BLK_READ && tag <= tess_isa_pkg::TAG_BLK_INFO &&
          len >= 5'd4) begin
        req_t r;
        r = '0;
        r.tag = tag;
        r.src = src;
        r.len = len;
        r.w = w;
        r.arrived = now_i + 64'd1;
        r.state = WAITING;
        rq.push_back(r);
      end
      r0_q <= rp.size() != 0;
      r0 <= rp.size() != 0 ? rp[0] : '0;
    end
  end
  /* verilator lint_on UNUSEDSIGNAL */
  /* verilator lint_on BLKSEQ */
endmodule
