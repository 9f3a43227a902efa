/* Tile information instructions (tess.*) read back and checked, then tess.exit. */
#include "test.h"
	.text
	.globl _start
_start:
	TESS_INFO(t0, 0)        /* tid: 0 */
	bnez t0, bad
	TESS_INFO(t0, 1)        /* txy: 0 */
	bnez t0, bad
	TESS_INFO(t0, 2)        /* mesh: 1x1 */
	li t1, 0x10001
	bne t0, t1, bad
	TESS_INFO(t0, 3)        /* cycle */
	TESS_INFO(t1, 3)
	sub t2, t1, t0
	li t3, 1
	bne t2, t3, bad
	TESS_INFO(t0, 4)        /* cycleh: 0 */
	bnez t0, bad
	TESS_INFO(t0, 5)        /* instret */
	TESS_INFO(t1, 5)
	sub t2, t1, t0
	bne t2, t3, bad
	TESS_INFO(t0, 6)
	bnez t0, bad
	TESS_INFO(t0, 7)        /* membound = initial sp */
	bne t0, sp, bad
	li a0, 3
	TESS_EXIT(a0)           /* exit value 3 */
bad:	EXIT(1)
