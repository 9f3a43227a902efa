/* Fault: a store at the memory bound (sp) halts with MEM_FAULT. */
	.text
	.globl _start
_start:	addi t0, sp, -4
	sw t0, 0(t0)            /* the last word: fine */
	sh t0, 2(t0)
	sb t0, 3(t0)
	sw t0, 0(sp)            /* at the bound */
