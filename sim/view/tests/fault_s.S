# Loads from outside the memory bound after a few instructions: MEM_FAULT.
	.text
	.globl _start
_start:
	li	t0, 20
1:	addi	t0, t0, -1
	bnez	t0, 1b
	li	t1, -16
	lw	a0, 0(t1)
	j	_start
