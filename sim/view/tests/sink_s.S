# Receives messages for ever.
	.text
	.globl _start
_start:
	li	a1, 0x1000
1:	.insn r 0x2b, 1, 0, a0, a1, x0
	j	1b
