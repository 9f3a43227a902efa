/* The capability instructions on the preloaded table (slot 0 console, 7 all tiles,
 * 8 control), every status: success, E_SLOT, E_EMPTY, E_KIND, E_RANGE, E_BADGED;
 * selectors with high bits set; cap.narrow's rs3 loaded just before (no stall: rs3 is
 * not checked, the value is forwarded). Each rd is compared in lock step. */
#include "test.h"
	.text
	.globl _start
_start:
	li s0, 0
1:	CAP_INFO(a0, s0)             /* every slot, and 32, 33 beyond the table */
	CAP_LO(a1, s0)
	CAP_HI(a2, s0)
	CAP_BADGE(a3, s0)
	addi s0, s0, 1
	li t0, 34
	bne s0, t0, 1b
	li t0, 1000
	CAP_INFO(a0, t0)             /* E_SLOT */
	CAP_DROP(a0, t0)             /* E_SLOT */
	li t0, 0; li t1, 20
	CAP_COPY(a0, t0, t1)         /* console -> 20 */
	li t0, 1; li t1, 21
	CAP_COPY(a0, t0, t1)         /* empty: E_EMPTY */
	li t0, 0; li t1, 40
	CAP_COPY(a0, t0, t1)         /* E_SLOT */
	li t0, 40; li t1, 1
	CAP_COPY(a0, t0, t1)         /* E_SLOT */
	li t0, (21 << 8) | 20; li t1, 5
	CAP_MINT(a0, t0, t1)         /* 20 -> 21 with badge 5 */
	CAP_BADGE(a1, t0)            /* slot 20 still badge 0 (t0 & 31 = 20) */
	li t2, 21
	CAP_BADGE(a1, t2)
	li t0, (22 << 8) | 21
	CAP_MINT(a0, t0, t1)         /* badged already: E_BADGED */
	li t0, (22 << 8) | 8
	CAP_MINT(a0, t0, t1)         /* control: E_KIND */
	li t0, (22 << 8) | 1
	CAP_MINT(a0, t0, t1)         /* empty: E_EMPTY */
	li t0, 0xffffe07             /* selector with junk above: src 7, dst 30 */
	li t1, 0
	la s1, words
	lw t3, 0(s1)                 /* 0 */
	CAP_NARROW(a0, t0, t1, t3)   /* all tiles [0,0] -> 30 [0,0] */
	li t2, 30
	CAP_INFO(a1, t2)
	lw t3, 4(s1)                 /* 5 */
	CAP_NARROW(a0, t0, t1, t3)   /* wider than the source: E_RANGE */
	li t1, 1
	CAP_NARROW(a0, t0, t1, zero) /* lo > hi: E_RANGE */
	li t0, (23 << 8) | 2
	CAP_NARROW(a0, t0, zero, zero) /* empty: E_EMPTY */
	li t0, 20
	CAP_DROP(a0, t0)
	CAP_INFO(a1, t0)
	CAP_LO(a2, t0)
	EXIT(0)
	.data
	.balign 4
words:	.word 0, 5
