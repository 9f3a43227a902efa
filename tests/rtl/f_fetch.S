/* Fault: jumping to the memory bound faults on the fetch (MEM_FAULT, value the pc). */
	.text
	.globl _start
_start:	lw t1, 0(zero)
	jr sp
