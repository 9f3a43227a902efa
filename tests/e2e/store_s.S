# Stores of every width, for the commit trace (isa/SPEC.md §12: a store shows the
# address and the value in bytes x 2 hex digits). Every instruction costs 1 and the
# lbu's result is not read by the next instruction: the exit ecall issues at 7, and
# the exit status is the byte read back, 255.
	.text
	.globl _start
_start:
	li	t0, 0x400
	li	t1, -1
	sb	t1, 1(t0)
	sh	t1, 2(t0)
	sw	t1, 4(t0)
	lbu	a0, 1(t0)
	li	a7, 93
	ecall
