/* Fault: jalr to a target that is not a multiple of 4 halts at the jump. */
	.text
	.globl _start
_start:	la t0, _start
	addi t0, t0, 6
	jalr ra, 0(t0)
