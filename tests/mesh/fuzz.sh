#!/bin/sh
# Random multi-tile programs (tests/mesh/gen_prog.c) on a 4x4 mesh: every seed's chip
# runs on 1 thread, on 2 threads with deferred run-ahead cut at random places, and on 3
# threads (one each) with random cuts and parts moved at random; the statistics, the
# message trace, the output and the exit status must be byte-identical, the messages
# counted as dropped must be those that reached a tile once it was IDLE (dropped.awk),
# and the simulator must neither crash nor report a sanitizer error.
# It found two faults (sim/README.md, "Thirteenth session"): a message delivered to a
# tile at the cycle it became IDLE was kept instead of discarded when the network got
# there before the core phase reached the halt, and the chip's final cycle followed
# the windows that only continued a cut run-ahead.
# Usage: fuzz.sh BUILD FIRST COUNT [MESH]. Ends with "N passed, N failed".
B=$(cd "$1" && pwd); first=$2; count=$3; mesh=${4:-4x4}
T=$B/tessera; G=$B/tests/mesh/gen_prog; A=$(dirname "$0")/dropped.awk
pass=0; fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run NAME THREADS [ENV=VALUE...]: the chip of $tmp/p.elf; its results in $tmp/NAME.*
run() {
	name=$1; th=$2; shift 2
	env "$@" TESSERA_WINDOW_ANY_CORES=1 "$T" run --mesh "$mesh" --tile all="$tmp/p.elf" \
		--max-cycles 40000 --threads "$th" --stats-json "$tmp/$name.json" \
		--msg-trace "$tmp/$name.mt" > "$tmp/$name.out" 2> "$tmp/$name.err"
	echo $? > "$tmp/$name.rc"
}

seed=$first
while [ "$seed" -lt $((first + count)) ]; do
	"$G" "$seed" > "$tmp/p.s" && "$T" as --exec -o "$tmp/p.elf" "$tmp/p.s" ||
		{ fail=$((fail + 1)); echo "FAIL seed $seed: no program"; seed=$((seed + 1)); continue; }
	run one 1
	run cut 2 TESSERA_DEFER_TEST="$seed"
	run moved 3 TESSERA_DEFER_TEST="$seed" TESSERA_BALANCE_TEST="$seed"
	bad=""
	rc=$(cat "$tmp/one.rc")
	case $rc in 0|1|124|126) ;; *) bad="$bad exit $rc;" ;; esac
	grep -l 'Sanitizer\|runtime error' "$tmp"/*.err > /dev/null 2>&1 && bad="$bad sanitizer;"
	awk -f "$A" "$tmp/one.json" "$tmp/one.mt" > /dev/null 2> "$tmp/drop" ||
		bad="$bad $(cat "$tmp/drop");"
	for r in cut moved; do
		for f in rc out err mt json; do
			cmp -s "$tmp/one.$f" "$tmp/$r.$f" || bad="$bad $r: $f differs;"
		done
	done
	if [ -z "$bad" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL seed $seed:$bad (tests/mesh/fuzz.sh $1 $seed 1 $mesh)"
	fi
	seed=$((seed + 1))
done
echo "random programs on $mesh: seeds $first..$((first + count - 1)) on 1/2/3 threads"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
