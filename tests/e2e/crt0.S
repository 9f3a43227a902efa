# Start file of the end-to-end C programs: gp for relaxed accesses, then main, then
# semihosting exit (a7 = 93) with main's return value. sp is set by the machine.
	.section .text.start, "ax"
	.globl _start
_start:
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop
	call	main
	li	a7, 93
	ecall
