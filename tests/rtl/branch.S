/* Branches taken and not taken in each direction, jal/jalr with and without link. */
#include "test.h"
	.text
	.globl _start
_start:
	li s0, 0
	li t0, -5
	li t1, 7
	beq t0, t1, bad
	bne t0, t1, 1f
	j bad
1:	blt t0, t1, 2f
	j bad
2:	bge t1, t0, 3f
	j bad
3:	bltu t0, t1, bad        /* -5 unsigned is large */
	bgeu t0, t1, 4f
	j bad
4:	bge t0, t1, bad
	blt t1, t0, bad
	li s1, 20               /* a counted loop: backward taken, final not taken */
5:	addi s0, s0, 3
	addi s1, s1, -1
	bnez s1, 5b
	call sub1               /* jal ra */
	la t2, sub2
	jalr ra, 0(t2)
	la t2, 6f
	jr t2                   /* jalr x0 */
	j bad
6:	addi a0, s0, -62        /* 20*3 + 1 + 1 = 62 */
	li a7, SYS_EXIT
	ecall
bad:	EXIT(1)
sub1:	addi s0, s0, 1
	ret
sub2:	addi s0, s0, 1
	jalr zero, 0(ra)
