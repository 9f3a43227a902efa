/* Fault: a taken branch to pc+6 halts with MISALIGNED at the branch (value: the
 * target); the same branch not taken goes on. Encoded by hand: the assembler would
 * relax an odd offset into a jump. */
	.text
	.globl _start
_start:	li t0, 1
	.word 0x00028363        /* beq t0, zero, pc+6: not taken */
	.word 0x00000363        /* beq zero, zero, pc+6: taken, misaligned */
