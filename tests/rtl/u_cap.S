/* Uses cap.info, which needs the network side the RTL lacks yet: cosim must say
 * UNSUPPORTED (exit 77), never PASS. */
	.text
	.globl _start
_start:	li t0, 0
	.insn r 0x0b, 2, 0, a0, t0, x0   /* cap.info a0, t0 */
	li a7, 93
	ecall
