/* Uses msg.poll: without --mesh (one tile in lock step, no network) cosim must say
 * UNSUPPORTED (exit 77), never PASS; with --mesh 1x1 it passes (run.sh checks both). */
	.text
	.globl _start
_start:	addi t0, sp, -64
	.insn r 0x2b, 1, 1, a0, t0, x0   /* msg.poll a0, t0 */
	li a7, 93
	ecall
