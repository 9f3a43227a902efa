// x0..x31. Two write ports: w0 for the instruction issuing now, w1 for a result that
// arrives later (a load's data the cycle after it issues, a division at its end). w0
// belongs to the younger instruction, so it wins when both name the same register.
// clear_i resets every register to 0 but sp (x2), which gets sp_i, and a0 (x10), which
// gets a0_i (SPEC §2.2, §6.1).
module tess_regfile (
  input  logic        clk_i,
  input  logic        clear_i,
  input  logic [31:0] sp_i,
  input  logic [31:0] a0_i,        // a0 at start (CTL_START's second word)
  input  logic [4:0]  r1_i,
  input  logic [4:0]  r2_i,
  input  logic [4:0]  r3_i,       // rs3 of R4 instructions (cap.narrow)
  output logic [31:0] r1_o,
  output logic [31:0] r2_o,
  output logic [31:0] r3_o,
  // fixed taps: the semihosting registers a0, a1, a2, a7
  output logic [31:0] a0_o,
  output logic [31:0] a1_o,
  output logic [31:0] a2_o,
  output logic [31:0] a7_o,
  input  logic        w0_en_i,
  input  logic [4:0]  w0_rd_i,
  input  logic [31:0] w0_data_i,
  input  logic        w1_en_i,
  input  logic [4:0]  w1_rd_i,
  input  logic [31:0] w1_data_i
);
  logic [31:0] regs_q [0:31];

  assign r1_o = r1_i == 5'd0 ? 32'd0 : regs_q[r1_i];
  assign r2_o = r2_i == 5'd0 ? 32'd0 : regs_q[r2_i];
  assign r3_o = r3_i == 5'd0 ? 32'd0 : regs_q[r3_i];
  assign a0_o = regs_q[10];
  assign a1_o = regs_q[11];
  assign a2_o = regs_q[12];
  assign a7_o = regs_q[17];

  always_ff @(posedge clk_i) begin
    for (int i = 0; i < 32; i++) begin
      if (clear_i) regs_q[i] <= i == 2 ? sp_i : i == 10 ? a0_i : 32'd0;
      else if (i != 0 && w0_en_i && w0_rd_i == 5'(i)) regs_q[i] <= w0_data_i;
      else if (i != 0 && w1_en_i && w1_rd_i == 5'(i)) regs_q[i] <= w1_data_i;
    end
  end
endmodule
