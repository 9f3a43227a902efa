/* Load-use hazards (rs1, rs2, store data, x0, no hazard two apart), a load feeding
 * ecall's a-registers (no stall, data forwarded), and a store into the next
 * instruction's word (seen by that fetch). */
#include "test.h"
	.text
	.globl _start
_start:
	la s1, data
	lw t0, 0(s1)
	add t1, t0, t0          /* rs1 and rs2 from the load: 1 stall */
	lw t2, 4(s1)
	addi t3, t2, 1          /* rs1: stall */
	lw t4, 8(s1)
	add t5, t3, t4          /* rs2: stall */
	lw t6, 12(s1)
	sw t6, 16(s1)           /* store data (rs2): stall */
	lw a3, 0(s1)
	sw t0, 0(a3)            /* rs1 address from the load: stall, stores to data-? */
	lw zero, 0(s1)
	add t1, zero, zero      /* load to x0: no stall */
	lw a4, 4(s1)
	nop
	add a5, a4, a4          /* two apart: no stall */
	lh a5, 2(s1)
	lhu a6, 6(s1)
	lb s2, 3(s1)
	lbu s3, 7(s1)
	add s4, s2, s3
	lw s5, 0(s1)
	lw s5, 4(s1)            /* load after load, same rd */
	lw s6, 0(s1)
	li s6, 77               /* the younger write wins */
	add s7, s6, s5
	/* self-modifying: store a new instruction just before it is fetched */
	la t0, patch
	lw t1, newinsn
	sw t1, 0(t0)
patch:	addi a0, zero, 1        /* replaced by addi a0, zero, 42 */
	mv s8, a0
	/* write(1, msg, len) with len loaded right before the ecall: forwarded */
	li a0, 1
	la a1, msg
	li a7, SYS_WRITE
	lw a2, msglen
	ecall
	mv a0, s8
	addi a0, a0, -42
	li a7, SYS_EXIT
	ecall

	.data
	.balign 4
data:	.word 0x1000, 0x80017fff, 0x12345678, 0xcafebabe, 0
newinsn: addi a0, zero, 42
msglen:	.word 12
msg:	.ascii "load-use ok\n"
