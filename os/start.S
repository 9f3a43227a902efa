/*
 * Minimal start file for OS programs until toolchain/crt0 lands. The tile starts here
 * (entry = address 0, see os.ld) with sp = memory bound and a0 = the CTL_START
 * argument, which os_main(arg) receives.
 * Memory of an idle tile is zero (SPEC §6.2), so .bss needs no clearing.
 */
	.section .text.start, "ax"
	.globl _start
_start:
	call	os_main
	.insn	r 0x0b, 1, 0, x0, a0, x0	/* tess.exit a0 */
