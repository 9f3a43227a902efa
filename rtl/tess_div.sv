// DIV, DIVU, REM, REMU: a restoring divider, one quotient bit per cycle. Started in the
// issue cycle c, it iterates in cycles c+1..c+32 and holds done_o in cycle c+33, so the
// result is written before the next instruction issues at c+34 (DIV costs 34, SPEC §5).
module tess_div (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        start_i,
  input  logic        signed_i,   // DIV, REM
  input  logic        rem_i,      // REM, REMU
  input  logic [31:0] a_i,
  input  logic [31:0] b_i,
  output logic        done_o,
  output logic [31:0] result_o
);
  logic        busy_q, done_q, rem_q, neg_q_q, neg_r_q, zero_q;
  logic [5:0]  cnt_q;
  logic [31:0] part_q;   // partial remainder (always below the divisor)
  logic [31:0] quo_q, div_q, a_q;
  logic [32:0] shifted, diff;
  logic [31:0] mag_a, mag_b, q_out, r_out;

  assign mag_a = signed_i && a_i[31] ? -a_i : a_i;
  assign mag_b = signed_i && b_i[31] ? -b_i : b_i;
  assign shifted = {part_q, quo_q[31]};
  assign diff = shifted - {1'b0, div_q};

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      busy_q <= 1'b0;
      done_q <= 1'b0;
      cnt_q <= '0;
      part_q <= '0;
      quo_q <= '0;
      div_q <= '0;
      a_q <= '0;
      rem_q <= 1'b0;
      neg_q_q <= 1'b0;
      neg_r_q <= 1'b0;
      zero_q <= 1'b0;
    end else begin
      done_q <= 1'b0;
      if (start_i) begin
        busy_q <= 1'b1;
        cnt_q <= '0;
        part_q <= '0;
        quo_q <= mag_a;
        div_q <= mag_b;
        a_q <= a_i;
        rem_q <= rem_i;
        neg_q_q <= signed_i && (a_i[31] ^ b_i[31]);
        neg_r_q <= signed_i && a_i[31];
        zero_q <= b_i == 32'd0;
      end else if (busy_q) begin
        if (!diff[32]) begin
          part_q <= diff[31:0];
          quo_q <= {quo_q[30:0], 1'b1};
        end else begin
          part_q <= shifted[31:0];
          quo_q <= {quo_q[30:0], 1'b0};
        end
        cnt_q <= cnt_q + 6'd1;
        if (cnt_q == 6'd31) begin
          busy_q <= 1'b0;
          done_q <= 1'b1;
        end
      end
    end
  end

  // Division by zero as RISC-V: quotient all ones, remainder the dividend. INT_MIN / -1
  // needs no case of its own: the magnitudes give 2^31 and the signs cancel.
  assign q_out = zero_q ? 32'hffffffff : neg_q_q ? -quo_q : quo_q;
  assign r_out = zero_q ? a_q : neg_r_q ? -part_q : part_q;
  assign done_o = done_q;
  assign result_o = rem_q ? r_out : q_out;
endmodule
