# Self-modifying code on a mesh: every tile runs this one ELF, whose predecoded words
# the tiles share (sim/tile.h, tile_share_dcache). Tile 0 rewrites the instruction at
# `patch` (addi a0,zero,7 -> addi a0,zero,0) and runs it; tile 1 runs it unchanged.
# Tile 1 first waits ~100 cycles, so in every schedule (one tile ahead of the other,
# or windows) tile 0 has stored and redecoded first: a shared table that took tile 0's
# store or redecode would give tile 1 the new word. Exit values (the run's status is
# the lowest-numbered tile's non-zero value, isa/SPEC.md §12): tile 0 exits 7 if it
# did not see its own store, tile 1 exits 249 (0 - 7) if it saw tile 0's; 0 when right.
	.text
	.globl _start
_start:
	.insn r CUSTOM_0, 0, 0, t0, x0, x0   # tess.tid t0
	bnez	t0, delay
	lui	t1, %hi(newword)
	lw	t1, %lo(newword)(t1)
	la	t2, patch
	sw	t1, 0(t2)
	j	patch
delay:
	li	t3, 50
1:	addi	t3, t3, -1
	bnez	t3, 1b
patch:
	addi	a0, zero, 7
	beqz	t0, done
	addi	a0, a0, -7
done:
	li	a7, 93
	ecall
	.align 2
newword:
	addi	a0, zero, 0
