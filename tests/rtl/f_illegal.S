/* Fault: a CSR instruction is ILLEGAL (value: the word). */
	.text
	.globl _start
_start:	li t0, 1
	.word 0xc0002573        /* rdcycle a0 */
