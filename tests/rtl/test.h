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
