# Each timing class once, exiting with tess.cycle's value. By hand (isa/SPEC.md §5):
#    0-1 la t1,val (auipc, addi)   2 lw t0,0(t1) (1)
#    4 add t2,t0,t0 (load-use stall: 3 + 1)   5 mul (3)   8 div (34)
#   42 tess.cycle a0 (returns its own issue cycle: 42)   43 j (3)
#   46 li a7,93   47 ecall: halts at cycle 47, exit status 42.
	.option norelax
	.text
	.globl _start
_start:
	la	t1, val
	lw	t0, 0(t1)
	add	t2, t0, t0
	mul	t3, t2, t2
	div	t4, t3, t0
	.insn r 0x0b, 0, 3, a0, x0, x0
	j	1f
1:	li	a7, 93
	ecall
	.data
val:	.word 7
