# Sends 4-word messages east (preloaded slot 3) for ever: traffic on one link.
	.text
	.globl _start
_start:
	li	a1, (3 | (7 << 8) | (4 << 16))   # SEND_DESC(SLOT_EAST, tag 7, len 4)
	li	a2, 0x1000
	li	a3, 0
1:	.insn r4 0x2b, 0, 0, a0, a1, a2, a3
	addi	a3, a3, 1
	sw	a3, 0(a2)
	j	1b
