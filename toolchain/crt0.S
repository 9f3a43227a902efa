/*
 * crt0: where every program built by tessera-cc starts (entry = address 0, tess.ld).
 * The hardware gives sp = the memory bound and a0 = the CTL_START argument
 * (isa/SPEC.md §2.2, §6.1). Sets gp and tp, zeroes .tbss and .bss (a restarted tile
 * may hold an earlier program's bytes), runs constructors, calls main, and exits with
 * main's value through exit() (which flushes stdio and ends in _exit, lib/exit.c).
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
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sw	zero, 0(t0)
	addi	t0, t0, 4
	j	1b
2:	la	t0, __tess_start_arg
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
