# The seed of the ELF loader's random-corruption test: a small, valid program built by
# riscv64-unknown-elf-gcc (two segments, symbols), which exits with 0.
	.option norelax
	.text
	.globl _start
_start:
	la	a1, msg
	lw	a0, 0(a1)
	la	a2, buf
	sw	a0, 0(a2)
	li	a0, 0
	li	a7, 93
	ecall
	.data
msg:	.word 0x12345678
	.bss
buf:	.space 16
