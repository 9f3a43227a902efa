// The tile SRAM: 2^AW words of 32 bits, two synchronous ports. Port A fetches
// instructions, port B serves loads and stores (byte enables); port A also writes a
// whole word (msg.recv writes its record's first two words in one cycle, SPEC §5). Read
// data appears in the cycle after the address, as in an SRAM macro. A fetch in the cycle
// of a store to the same word returns the stored bytes: SPEC §3 says stores into code
// are seen by the next fetch, and the next fetch is presented in the store's own cycle.
module tess_sram #(
  parameter int unsigned AW = 14
) (
  input  logic          clk_i,
  input  logic          clr_i,      // every word reads 0 from the next cycle (a halt,
                                    // CTL_CLEAR, SPEC §6.2); a write in that cycle wins
  input  logic [AW-1:0] a_addr_i,
  input  logic          a_we_i,
  input  logic [31:0]   a_wdata_i,
  output logic [31:0]   a_rdata_o,
  input  logic [AW-1:0] b_addr_i,
  input  logic          b_we_i,
  input  logic [3:0]    b_be_i,
  input  logic [31:0]   b_wdata_i,
  output logic [31:0]   b_rdata_o
);
  // public: the co-simulation harness loads programs and services semihosting here.
  logic [31:0] mem_q [0:(1<<AW)-1] /* verilator public_flat_rw */;
  logic [31:0] a_word, b_old;
  // Flash clear by epochs (Verilator 5.006 cannot assign a whole unpacked array at an
  // edge): a word holds data only if written in the current epoch, else it reads 0; a
  // clear starts a new epoch. 2^16 clears of one tile would wrap (no run comes near).
  // public: a harness reading mem_q treats words of an older epoch as 0
  logic [15:0] ep_q [0:(1<<AW)-1] /* verilator public_flat_rw */;
  logic [15:0] cur_q /* verilator public_flat_rw */;
  logic [15:0] cur;
  assign cur = clr_i ? cur_q + 16'd1 : cur_q;
  assign b_old = ep_q[b_addr_i] == cur_q ? mem_q[b_addr_i] : 32'd0;

  always_comb begin
    a_word = ep_q[a_addr_i] == cur_q ? mem_q[a_addr_i] : 32'd0;
    if (b_we_i && b_addr_i == a_addr_i) begin
      for (int i = 0; i < 4; i++)
        if (b_be_i[i]) a_word[8*i +: 8] = b_wdata_i[8*i +: 8];
    end
  end

  always_ff @(posedge clk_i) begin
    cur_q <= cur;
    if (a_we_i) begin
      mem_q[a_addr_i] <= a_wdata_i;
      ep_q[a_addr_i] <= cur;
    end
    if (b_we_i) begin
      for (int i = 0; i < 4; i++)
        mem_q[b_addr_i][8*i +: 8] <= b_be_i[i] ? b_wdata_i[8*i +: 8] : b_old[8*i +: 8];
      ep_q[b_addr_i] <= cur;
    end
    a_rdata_o <= a_word;
    b_rdata_o <= b_old;
  end
endmodule
