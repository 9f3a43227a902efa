// The tile SRAM: 2^AW words of 32 bits, two synchronous ports. Port A fetches
// instructions, port B serves loads and stores (byte enables); port A also writes a
// whole word (msg.recv writes its record's first two words in one cycle, SPEC §5). Read data appears in the
// cycle after the address, as in an SRAM macro. A fetch in the cycle of a store to the
// same word returns the stored bytes: SPEC §3 says stores into code are seen by the
// next fetch, and the next fetch is presented in the store's own cycle.
module tess_sram #(
  parameter int unsigned AW = 14
) (
  input  logic          clk_i,
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
  logic [31:0] a_word;

  always_comb begin
    a_word = mem_q[a_addr_i];
    if (b_we_i && b_addr_i == a_addr_i) begin
      for (int i = 0; i < 4; i++)
        if (b_be_i[i]) a_word[8*i +: 8] = b_wdata_i[8*i +: 8];
    end
  end

  always_ff @(posedge clk_i) begin
    if (a_we_i) mem_q[a_addr_i] <= a_wdata_i;
    if (b_we_i) begin
      for (int i = 0; i < 4; i++)
        if (b_be_i[i]) mem_q[b_addr_i][8*i +: 8] <= b_wdata_i[8*i +: 8];
    end
    a_rdata_o <= a_word;
    b_rdata_o <= mem_q[b_addr_i];
  end
endmodule
