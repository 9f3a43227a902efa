/* Fault: a misaligned lw halts with MISALIGNED (value: the address). */
	.text
	.globl _start
_start:	li t0, 0x102
	lw t1, 0(t0)
