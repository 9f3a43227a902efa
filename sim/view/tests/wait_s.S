# msg.wait without a deadline and nobody sending: asleep ("waiting") for ever.
	.text
	.globl _start
_start:
	li	a1, 0
	.insn r 0x2b, 1, 2, a0, a1, x0
	j	_start
