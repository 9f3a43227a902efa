/* Start-up for the C test programs: sp is set by the tile; call main, exit(its value). */
	.text
	.globl _start
_start:
	call main
	li a7, 93
	ecall
