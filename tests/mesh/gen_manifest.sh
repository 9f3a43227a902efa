#!/bin/sh
# A random manifest (tests/rtl/manifests.sh, tests/mpi/run.sh): the mesh test programs
# and the examples on a random mesh of up to 16 tiles (with "big": 64 to 256 tiles),
# with random supervisors (no CONTROL capability, or one now and then), cycle, message
# and memory budgets.
# Usage: gen_manifest.sh SEED BUILD DIR [big]: copies the programs into DIR, writes
# DIR/manifest and prints "W H MAXCYCLES". The same seed gives the same manifest with the
# same awk (Debian's mawk).
seed=$1; B=$2; D=$3; size=${4:-small}
# every program of tests/mesh/module.mk's MESH_PROGS but blk and conread (they need a
# disk or console input); the awk list below names the same ones
for p in watch deaf pingpong lat lag chaos caps ring reduce a2a super killer; do
	[ -f "$D/$p.elf" ] || cp "$B/mesh/$p.elf" "$D/" || exit 1
done
for p in hello ring sum matmul pipeline; do
	[ -f "$D/ex_$p.elf" ] || cp "$B/examples/$p.elf" "$D/ex_$p.elf" || exit 1
done
awk -v seed="$seed" -v out="$D/manifest" -v size="$size" 'BEGIN {
	srand(seed);
	if (size == "big") split("8 8 16 8 16 16 12 10 32 8", dims, " ");
	else split("2 1 2 2 3 3 4 4 4 2", dims, " ");
	d = 1 + int(rand() * 5);
	w = dims[2 * d - 1]; h = dims[2 * d]; n = w * h;
	np = split("watch deaf pingpong lat lag chaos caps ring reduce a2a super killer " \
		   "ex_hello ex_ring ex_sum ex_matmul ex_pipeline", p, " ");
	split("50000 150000 300000", mc, " ");
	print w, h, mc[1 + int(rand() * 3)];
	npre = 0;
	printf "" > out;
	for (t = 0; t < n; t++) {
		if (t && rand() < 0.15) continue;
		line = t " " p[1 + int(rand() * np)] ".elf";
		if (npre && rand() < 0.4) line = line " supervisor=" pre[1 + int(rand() * npre)];
		if (rand() < 0.2) line = line " cycles=" (500 + int(rand() * 100000));
		if (rand() < 0.15) line = line " msgs=" (1 + int(rand() * 40));
		if (rand() < 0.05) line = line " bound=" (8 + 4 * int(rand() * 15)) "K";
		if (rand() < 0.04) line = line " control=all";
		else if (rand() < 0.04) line = line " control=" int(rand() * n) "-" (n - 1);
		print line >> out; pre[++npre] = t;
	}
}'
