# A lone assembly program for `tessera as --exec`: prints a computed table through
# semihosting and exits with 7. Built by GNU as + ld as well; both runs must agree.
	.equ	N, 10
	.text
	.globl	_start
_start:
	la	s0, squares
	li	s1, 0
1:	mul	t0, s1, s1
	slli	t1, s1, 2
	add	t1, s0, t1
	sw	t0, 0(t1)
	addi	s1, s1, 1
	li	t2, N
	blt	s1, t2, 1b
	li	s1, 0
2:	slli	t1, s1, 2
	add	t1, s0, t1
	lw	a0, 0(t1)
	call	print_num
	addi	s1, s1, 1
	li	t2, N
	bne	s1, t2, 2b
	lui	a0, %hi(msg)
	addi	a0, a0, %lo(msg)
	la	a1, msg_end
	sub	a1, a1, a0
	call	write
	li	a0, 7
	li	a7, 93
	ecall

# print_num(a0): decimal and a newline
print_num:
	addi	sp, sp, -16
	sw	ra, 12(sp)
	la	t3, buf_end
	li	t4, '\n'
	addi	t3, t3, -1
	sb	t4, 0(t3)
	li	t5, 10
3:	remu	t4, a0, t5
	addi	t4, t4, '0'
	addi	t3, t3, -1
	sb	t4, 0(t3)
	divu	a0, a0, t5
	bnez	a0, 3b
	mv	a0, t3
	la	a1, buf_end
	sub	a1, a1, a0
	call	write
	lw	ra, 12(sp)
	addi	sp, sp, 16
	ret

write:	mv	a2, a1
	mv	a1, a0
	li	a0, 1
	li	a7, 64
	ecall
	ret

	.section .rodata
msg:	.ascii	"done\n"
msg_end:
	.data
	.word	0x12345678
	.bss
	.balign	4
squares: .space	4 * N
buf:	.space	12
buf_end:
