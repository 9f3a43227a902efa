/* Every RV32I ALU operation on a spread of operands, folded into a checksum in s0. */
#include "test.h"
	.text
	.globl _start
_start:
	li s0, 0
	la s1, operands
	li s2, 8                 /* operand pairs */
1:	lw t0, 0(s1)
	lw t1, 4(s1)
	add t2, t0, t1;  xor s0, s0, t2
	sub t2, t0, t1;  add s0, s0, t2
	sll t2, t0, t1;  xor s0, s0, t2
	slt t2, t0, t1;  add s0, s0, t2
	sltu t2, t0, t1; add s0, s0, t2
	xor t2, t0, t1;  add s0, s0, t2
	srl t2, t0, t1;  xor s0, s0, t2
	sra t2, t0, t1;  add s0, s0, t2
	or t2, t0, t1;   xor s0, s0, t2
	and t2, t0, t1;  add s0, s0, t2
	addi t2, t0, -2048; xor s0, s0, t2
	slti t2, t0, -1; add s0, s0, t2
	sltiu t2, t0, 2047; add s0, s0, t2
	xori t2, t0, -1; add s0, s0, t2
	ori t2, t0, 0x555; xor s0, s0, t2
	andi t2, t0, 0x7f0; add s0, s0, t2
	slli t2, t0, 31; xor s0, s0, t2
	srli t2, t0, 17; add s0, s0, t2
	srai t2, t0, 5;  xor s0, s0, t2
	lui t2, 0xfedcb; add s0, s0, t2
	auipc t2, 0x12;  xor s0, s0, t2
	slli s0, s0, 1
	addi s1, s1, 8
	addi s2, s2, -1
	bnez s2, 1b
	/* store the checksum and print it as 8 hex digits */
	la s1, hex
	li s2, 8
2:	srli t0, s0, 28
	la t1, digits
	add t1, t1, t0
	lbu t1, 0(t1)
	sb t1, 0(s1)
	slli s0, s0, 4
	addi s1, s1, 1
	addi s2, s2, -1
	bnez s2, 2b
	PUTS(hex, 9)
	EXIT(0)

	.data
operands:
	.word 0, 0, 1, 31, -1, 1, 0x80000000, -1, 0x7fffffff, 33, 12345, -678, 0xdeadbeef, 0x13, -2048, 2047
digits:	.ascii "0123456789abcdef"
hex:	.ascii "00000000\n"
