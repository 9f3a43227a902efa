// One tile: the core and its SRAM (2^AW words). The network side (mailbox, router,
// capability table, control unit) is not built yet; see rtl/README.md.
module tess_tile #(
  parameter int unsigned AW = 14
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        start_i,
  input  logic [31:0] start_pc_i,
  input  logic [31:0] bound_i,
  input  logic [63:0] budget_cycles_i,
  input  logic [31:0] tile_id_i,
  input  logic [31:0] txy_i,
  input  logic [31:0] mesh_i,
  input  logic        semihost_i,
  output logic        ecall_o,
  output logic [31:0] ecall_a0_o,
  output logic [31:0] ecall_a1_o,
  output logic [31:0] ecall_a2_o,
  output logic [31:0] ecall_a7_o,
  input  logic [31:0] ecall_ret_i,
  input  logic        ecall_halt_i,
  input  logic [3:0]  ecall_cause_i,
  input  logic [31:0] ecall_value_i,
  output logic        ret_valid_o,
  output logic [63:0] ret_cycle_o,
  output logic [31:0] ret_pc_o,
  output logic [31:0] ret_insn_o,
  output logic [4:0]  ret_rd_o,
  output logic [31:0] ret_rd_wdata_o,
  output logic        ret_mem_we_o,
  output logic [31:0] ret_mem_addr_o,
  output logic [31:0] ret_mem_wdata_o,
  output logic [2:0]  ret_mem_size_o,
  output logic        halted_o,
  output logic        unimpl_o,
  output logic [3:0]  halt_cause_o,
  output logic [31:0] halt_pc_o,
  output logic [31:0] halt_value_o,
  output logic [63:0] halt_cycle_o,
  output logic [63:0] cycle_o,
  output logic [63:0] instret_o
);
  logic [AW-1:0] imem_addr, dmem_addr;
  logic [31:0]   imem_rdata, dmem_rdata, dmem_wdata;
  logic          dmem_we;
  logic [3:0]    dmem_be;

  tess_core #(.AW(AW)) u_core (
    .clk_i, .rst_ni, .start_i, .start_pc_i, .bound_i, .budget_cycles_i, .tile_id_i, .txy_i, .mesh_i,
    .semihost_i,
    .imem_addr_o(imem_addr), .imem_rdata_i(imem_rdata),
    .dmem_addr_o(dmem_addr), .dmem_we_o(dmem_we), .dmem_be_o(dmem_be),
    .dmem_wdata_o(dmem_wdata), .dmem_rdata_i(dmem_rdata),
    .ecall_o, .ecall_a0_o, .ecall_a1_o, .ecall_a2_o, .ecall_a7_o,
    .ecall_ret_i, .ecall_halt_i, .ecall_cause_i, .ecall_value_i,
    .ret_valid_o, .ret_cycle_o, .ret_pc_o, .ret_insn_o, .ret_rd_o, .ret_rd_wdata_o,
    .ret_mem_we_o, .ret_mem_addr_o, .ret_mem_wdata_o, .ret_mem_size_o,
    .halted_o, .unimpl_o, .halt_cause_o, .halt_pc_o, .halt_value_o, .halt_cycle_o,
    .cycle_o, .instret_o
  );

  tess_sram #(.AW(AW)) u_sram (
    .clk_i,
    .a_addr_i(imem_addr), .a_rdata_o(imem_rdata),
    .b_addr_i(dmem_addr), .b_we_i(dmem_we), .b_be_i(dmem_be), .b_wdata_i(dmem_wdata),
    .b_rdata_o(dmem_rdata)
  );
endmodule
