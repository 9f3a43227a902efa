# Sums 10 + 9 + ... + 1 and exits with 55. Cycle count by hand (isa/SPEC.md §5):
#   0 li a0,0   1 li t0,10
#   each of 10 iterations: add (1), addi (1), bnez: taken 9 times (3), not taken once (1)
#   2 + 10*2 + 9*3 + 1 = 50: li a7,93 issues at 50, the exit ecall at 51.
	.text
	.globl _start
_start:
	li	a0, 0
	li	t0, 10
1:	add	a0, a0, t0
	addi	t0, t0, -1
	bnez	t0, 1b
	li	a7, 93
	ecall
