/* M extension on edge operands (zero, -1, INT_MIN, big), results folded into s0;
 * includes division by zero and INT_MIN / -1, and a use right after each. */
#include "test.h"
	.text
	.globl _start
_start:
	li s0, 0
	la s1, ops
	li s2, 9
1:	lw t0, 0(s1)
	lw t1, 4(s1)
	mul t2, t0, t1;    add s0, s0, t2
	mulh t2, t0, t1;   xor s0, s0, t2
	mulhsu t2, t0, t1; add s0, s0, t2
	mulhu t2, t0, t1;  xor s0, s0, t2
	div t2, t0, t1;    add s0, s0, t2
	divu t2, t0, t1;   xor s0, s0, t2
	rem t2, t0, t1;    add s0, s0, t2
	remu t2, t0, t1;   xor s0, s0, t2
	div zero, t0, t1        /* to x0 */
	slli s0, s0, 1
	addi s1, s1, 8
	addi s2, s2, -1
	bnez s2, 1b
	la t0, result
	sw s0, 0(t0)
	li a0, 1
	la a1, result
	li a2, 4
	li a7, SYS_WRITE
	ecall
	EXIT(0)
	.data
	.balign 4
ops:	.word 7, 3, -7, 3, 7, -3, 5, 0, -5, 0, 0x80000000, -1, 0xffffffff, 0xffffffff
	.word 0x7fffffff, 0x80000000, 123456789, 987
result:	.word 0
