#!/bin/sh
# Random manifests (tests/rtl/manifests.sh): each seed places the mesh test programs and
# the examples on a random mesh of up to 16 tiles, with random supervisors (no CONTROL
# capability, or one now and then), cycle, message and memory budgets, and runs the chip
#  - with 1 host thread, 2 threads, 2 threads with deferred run-ahead cut at random
#    places and 3 threads with parts moved at random: output, message trace and
#    statistics must be byte-identical;
#  - in lock step against the RTL (cosim --mesh): every instruction, message, halt.
# It found the run-ahead of supervised tiles (sim/README, "Run-ahead"), an RTL core that
# let the instruction at a kill's slot send its message, and two cosim harness gaps.
# Usage: manifests.sh BUILD FIRST COUNT. Ends with "N passed, N failed".
B=$(cd "$1" && pwd); first=$2; count=$3
T=$B/tessera; C=$B/cosim; P=$B/mesh
pass=0; fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL seed $seed: $*"; sed 's/^/    /' "$tmp/m"; }

for p in watch deaf pingpong lat lag chaos caps ring reduce a2a super killer; do
	cp "$P/$p.elf" "$tmp/" || { echo "manifests: $P/$p.elf missing"; echo "0 passed, 1 failed"; exit 1; }
done
for p in hello ring sum matmul pipeline; do
	cp "$B/examples/$p.elf" "$tmp/ex_$p.elf" ||
		{ echo "manifests: $B/examples/$p.elf missing"; echo "0 passed, 1 failed"; exit 1; }
done

# gen SEED: "W H MAXCYCLES" on the first line, then the manifest
gen() {
	awk -v seed="$1" 'BEGIN {
		srand(seed);
		split("2 1 2 2 3 3 4 4 4 2", dims, " "); d = 1 + int(rand() * 5);
		w = dims[2 * d - 1]; h = dims[2 * d]; n = w * h;
		np = split("watch deaf pingpong lat lag chaos caps ring reduce a2a super killer " \
			   "ex_hello ex_ring ex_sum ex_matmul ex_pipeline", p, " ");
		split("50000 150000 300000", mc, " ");
		print w, h, mc[1 + int(rand() * 3)];
		npre = 0;
		for (t = 0; t < n; t++) {
			if (t && rand() < 0.15) continue;
			line = t " " p[1 + int(rand() * np)] ".elf";
			if (npre && rand() < 0.4) line = line " supervisor=" pre[1 + int(rand() * npre)];
			if (rand() < 0.2) line = line " cycles=" (500 + int(rand() * 100000));
			if (rand() < 0.15) line = line " msgs=" (1 + int(rand() * 40));
			if (rand() < 0.05) line = line " bound=" (8 + 4 * int(rand() * 15)) "K";
			if (rand() < 0.04) line = line " control=all";
			else if (rand() < 0.04) line = line " control=" int(rand() * n) "-" (n - 1);
			print line; pre[++npre] = t;
		}
	}'
}

seed=$first
while [ "$seed" -lt $((first + count)) ]; do
	gen "$seed" > "$tmp/g"
	read -r w h mc < "$tmp/g"
	tail -n +2 "$tmp/g" > "$tmp/m"
	run() {   # run NAME THREADS [ENV=VALUE...]
		name=$1; th=$2; shift 2
		env "$@" "$T" run --mesh "${w}x$h" --manifest "$tmp/m" --max-cycles "$mc" \
			--threads "$th" --msg-trace "$tmp/$name.mt" --stats-json "$tmp/$name.json" \
			> "$tmp/$name.out" 2>&1
		echo $? >> "$tmp/$name.out"
	}
	run one 1
	run two 2
	run cut 2 TESSERA_DEFER_TEST="$seed"
	run moved 3 TESSERA_BALANCE_TEST="$seed" TESSERA_WINDOW_ANY_CORES=1
	same=1
	for r in two cut moved; do
		for f in out mt json; do
			cmp -s "$tmp/one.$f" "$tmp/$r.$f" || { same=0; ko "$r: $f differs from 1 thread"; }
		done
	done
	[ $same = 1 ] && ok
	if "$C" --quiet --mesh "${w}x$h" --manifest "$tmp/m" --max-cycles "$mc" > "$tmp/cs" 2>&1 &&
	   grep -q '^COSIM PASS' "$tmp/cs"
	then ok; else ko "cosim: $(grep -v '^ *[0-9]* [0-9]* 0x' "$tmp/cs" | head -4)"; fi
	seed=$((seed + 1))
done
echo "random manifests: seeds $first..$((first + count - 1)) on 1/2/3 threads and the RTL"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
