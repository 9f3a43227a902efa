# Never ends: only --max-cycles stops it (exit status 124).
	.text
	.globl _start
_start:
	addi	a0, a0, 1
	j	_start
