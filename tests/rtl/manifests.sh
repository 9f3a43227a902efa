#!/bin/sh
# Random manifests (tests/mesh/gen_manifest.sh: the mesh test programs and the examples
# on a random mesh of up to 16 tiles, with random supervisors, budgets and now and then
# a CONTROL capability); each seed's chip runs
#  - with 1 host thread, 2 threads, 2 threads with deferred run-ahead cut at random
#    places and 3 threads with parts moved at random: output, message trace and
#    statistics must be byte-identical;
#  - in lock step against the RTL (cosim --mesh): every instruction, message, halt.
# It found the run-ahead of supervised tiles (sim/README, "Run-ahead"), an RTL core that
# let the instruction at a kill's slot send its message, and two cosim harness gaps.
# With "big" (manifests.sh BUILD FIRST COUNT big) the meshes have 64 to 256 tiles, each
# seed also runs on 5 threads with random cuts and random parts, and the RTL is left
# out (a cosim of 256 tiles takes minutes). These runs leave TESSERA_WINDOW_ANY_CORES
# off: parts beyond the host's cores share its threads (sim/workers.h), where a thread
# each would meet every cycle in the network's window mode and wait for time slices (a
# 3-thread run of 256 tiles took 16 s instead of 0.4 s).
# Usage: manifests.sh BUILD FIRST COUNT [big]. Ends with "N passed, N failed".
B=$(cd "$1" && pwd); first=$2; count=$3; size=${4:-small}
if [ "$size" = big ]; then
	anyc=0; what="random manifests, 64-256 tiles: seeds %s on 1/2/3/5 threads"
else
	anyc=1; what="random manifests: seeds %s on 1/2/3 threads and the RTL"
fi
T=$B/tessera; C=$B/cosim; G=$(dirname "$0")/../mesh/gen_manifest.sh
pass=0; fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL seed $seed: $*"; sed 's/^/    /' "$tmp/m"; }

# run NAME THREADS [ENV=VALUE...]: the chip of manifest $tmp/m ($w, $h, $mc), its
# output, message trace and statistics in $tmp/NAME.*
run() {
	name=$1; th=$2; shift 2
	env "$@" "$T" run --mesh "${w}x$h" --manifest "$tmp/m" --max-cycles "$mc" \
		--threads "$th" --msg-trace "$tmp/$name.mt" --stats-json "$tmp/$name.json" \
		> "$tmp/$name.out" 2>&1
	echo $? >> "$tmp/$name.out"
}

seed=$first
while [ "$seed" -lt $((first + count)) ]; do
	sh "$G" "$seed" "$B" "$tmp" "$size" > "$tmp/g" ||
		{ echo "manifests: programs missing"; echo "0 passed, 1 failed"; exit 1; }
	read -r w h mc < "$tmp/g"
	mv "$tmp/manifest" "$tmp/m"
	run one 1
	run two 2
	run cut 2 TESSERA_DEFER_TEST="$seed"
	run moved 3 TESSERA_BALANCE_TEST="$seed" TESSERA_WINDOW_ANY_CORES=$anyc
	runs="two cut moved"
	if [ "$size" = big ]; then
		run five 5 TESSERA_DEFER_TEST="$seed" TESSERA_BALANCE_TEST="$seed"
		runs="$runs five"
	fi
	same=1
	for r in $runs; do
		for f in out mt json; do
			cmp -s "$tmp/one.$f" "$tmp/$r.$f" || { same=0; ko "$r: $f differs from 1 thread"; }
		done
	done
	[ $same = 1 ] && ok
	if [ "$size" != big ]; then
		if "$C" --quiet --mesh "${w}x$h" --manifest "$tmp/m" --max-cycles "$mc" \
			> "$tmp/cs" 2>&1 && grep -q '^COSIM PASS' "$tmp/cs"
		then ok; else ko "cosim: $(grep -v '^ *[0-9]* [0-9]* 0x' "$tmp/cs" | head -4)"; fi
	fi
	seed=$((seed + 1))
done
printf "$what\n" "$first..$((first + count - 1))"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
