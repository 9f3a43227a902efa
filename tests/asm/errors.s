# Every line below is wrong; `tessera as` must name each one (errors.expect).
	.text
	frob	a0, a1
	addi	a0, a1
	addi	a0, a1, 4096
	slli	a0, a0, 32
	lw	a0, 8(a9)
	beq	a0, a1, .Lnowhere
	beq	a0, a1, .+6
	.bogus	1
	li	a0, 0x100000000
	lui	a0, 0x100000
	add	a0, a1, 5
dup:	nop
dup:	nop
	.word	1 +
	.byte	256
	j	1f
	fence	rx, w
	.align	99
	addi	a0, a0, %lo(x
	sw	a0, 4(a1
	jal	a0, .+0x200000
	.insn	r 0x0b, 9, 0, a0, a1, a2
	li	a0, undefined_sym
	mv	a0
