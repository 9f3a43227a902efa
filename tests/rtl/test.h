/* Macros for the co-simulation test programs (assembled with the C preprocessor). */
#define SYS_WRITE 64
#define SYS_EXIT  93

/* Semihosting write(1, label, len). Clobbers a0, a1, a2, a7. */
#define PUTS(label, len) \
	li a0, 1; la a1, label; li a2, len; li a7, SYS_WRITE; ecall

/* Semihosting exit(code). */
#define EXIT(code) li a0, code; li a7, SYS_EXIT; ecall

/* Xtess instructions through .insn (GNU as does not know them). */
#define TESS_INFO(rd, f7) .insn r 0x0b, 0, f7, rd, x0, x0
#define TESS_EXIT(rs) .insn r 0x0b, 1, 0, x0, rs, x0

/* Capability instructions (isa/SPEC.md §4.2). */
#define CAP_INFO(rd, rs)  .insn r 0x0b, 2, 0, rd, rs, x0
#define CAP_LO(rd, rs)    .insn r 0x0b, 2, 1, rd, rs, x0
#define CAP_HI(rd, rs)    .insn r 0x0b, 2, 2, rd, rs, x0
#define CAP_BADGE(rd, rs) .insn r 0x0b, 2, 3, rd, rs, x0
#define CAP_DROP(rd, rs)  .insn r 0x0b, 2, 4, rd, rs, x0
#define CAP_COPY(rd, rs1, rs2) .insn r 0x0b, 2, 5, rd, rs1, rs2
#define CAP_MINT(rd, rs1, rs2) .insn r 0x0b, 2, 6, rd, rs1, rs2
#define CAP_NARROW(rd, rs1, rs2, rs3) .insn r4 0x0b, 3, 0, rd, rs1, rs2, rs3
