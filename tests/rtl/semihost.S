/* Semihosting results: write to fd 2, to a bad fd (EBADF), an unknown call (ENOSYS),
 * read from stdin (empty in co-simulation), a zero-length write at the bound; fence and
 * fence.i on the way. */
#include "test.h"
	.text
	.globl _start
_start:
	li a0, 2; la a1, msg; li a2, 5; li a7, SYS_WRITE; ecall
	li a0, 7; la a1, msg; li a2, 5; li a7, SYS_WRITE; ecall      /* -9 */
	li a0, 1; li a7, 1234; ecall                                  /* -38 */
	li a0, 0; la a1, buf; li a2, 8; li a7, 63; ecall              /* read: 0 */
	li a0, 1; mv a1, sp; li a2, 0; li a7, SYS_WRITE; ecall        /* 0 bytes at the bound */
	fence
	.word 0x0000100f                                              /* fence.i */
	EXIT(0)
	.data
msg:	.ascii "err!\n"
buf:	.space 8
