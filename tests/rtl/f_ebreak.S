/* Fault: ebreak halts with BREAKPOINT. */
	.text
	.globl _start
_start:	li t0, 1
	lw t1, 0(zero)
	ebreak
