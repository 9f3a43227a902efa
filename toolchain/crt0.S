/*
 * crt0: where every program built by tessera-cc starts (entry = address 0, tess.ld).
 * The hardware gives sp = the memory bound and a0 = the CTL_START argument
 * (isa/SPEC.md §2.2, §6.1). Sets gp and tp, runs constructors, calls main, and exits
 * with main's value through exit() (which flushes stdio and ends in _exit, lib/exit.c).
 * .bss and .tbss are not zeroed here: a tile's SRAM is zero whenever a program starts
 * (zero at reset, and cleared by the hardware when a tile halts, SPEC §2.2, §6.2), and
 * zeroing costs a spawned program thousands of cycles. A supervisor that loads two
 * images into one idle tile must send CTL_CLEAR between them.
 */
	.section .text.start, "ax"
	.globl	_start
_start:
	.option	push
	.option	norelax
	la	gp, __global_pointer$
	.option	pop
	la	tp, __tls_base
	mv	s0, a0			/* the start argument, for __tess_start_arg */
	la	t0, __tess_start_arg
	sw	s0, 0(t0)
	call	__libc_init_array
	li	a0, 0
	li	a1, 0
	call	main
	call	exit
	.insn	r 0x0b, 1, 0, x0, a0, x0	/* tess.exit a0: not reached */

	.section .sbss.__tess_start_arg, "aw", @nobits
	.globl	__tess_start_arg
	.p2align 2
__tess_start_arg:
	.zero	4
