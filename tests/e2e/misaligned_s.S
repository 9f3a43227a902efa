# A word load from an odd address: MISALIGNED (value: the address), exit status 126.
	.text
	.globl _start
_start:
	li	t0, 0x801
	lw	a0, 0(t0)
	li	a7, 93
	ecall
