/* Fault: a semihosting write whose buffer crosses the memory bound halts the tile with
 * MEM_FAULT at the ecall (value: the buffer address). */
#include "test.h"
	.text
	.globl _start
_start:	li a0, 1
	addi a1, sp, -4
	li a2, 8
	li a7, SYS_WRITE
	ecall
