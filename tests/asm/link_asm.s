# The assembly half of the link test: tessera as assembles it, GNU ld links it with
# link_main.c compiled by gcc. Calls both ways, data in .data/.rodata/.bss, %hi/%lo,
# la, call, tail, local labels.
	.text
	.globl _start
	.type _start, @function
_start:
	call	main
	li	a7, 93
	ecall
	.size	_start, .-_start

	.globl	asm_write		# asm_write(buf, len): semihosting write to stdout
asm_write:
	mv	a2, a1
	mv	a1, a0
	li	a0, 1
	li	a7, 64
	ecall
	ret

	.globl	asm_checksum		# asm_checksum(p, n) = c_adjust(sum(p[0..n)) * scale)
asm_checksum:
	li	t0, 0
1:	beqz	a1, 2f
	lw	t1, 0(a0)
	add	t0, t0, t1
	addi	a0, a0, 4
	addi	a1, a1, -1
	j	1b
2:	lui	t2, %hi(scale)
	lw	t2, %lo(scale)(t2)
	mul	a0, t0, t2
	la	t3, counter
	lw	t4, 0(t3)
	addi	t4, t4, 1
	sw	t4, 0(t3)
	lui	t5, %hi(scratch+8)
	sw	a0, %lo(scratch+8)(t5)
	tail	c_adjust

	.data
	.globl	counter
counter: .word	0
	.globl	table
table:	.word	counter, asm_msg, scratch+8

	.section .rodata
scale:	.word	3
	.globl	asm_msg
asm_msg: .asciz	"hello from tessera as\n"

	.bss
	.globl	scratch
scratch: .space	16
