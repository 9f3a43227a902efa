# Hello from assembly. Cycle count by hand (isa/SPEC.md §5: every instruction here
# costs 1, ecall included; no loads):
#   0 li a0,1   1-2 la a1,msg (auipc, addi)   3 li a2,15   4 li a7,64   5 ecall
#   6 li a0,0   7 li a7,93   8 ecall: the tile halts at cycle 8 (the exit's issue cycle).
	.option norelax
	.text
	.globl _start
_start:
	li	a0, 1
	la	a1, msg
	li	a2, 15
	li	a7, 64
	ecall
	li	a0, 0
	li	a7, 93
	ecall
	.data
msg:	.ascii "hello from asm\n"
