#!/bin/sh
# Thread scaling (issue 9): Life 64x64 and the compute-bound hash loop on 64x64, each on
# 1 thread and on 2, 4, 8, ... threads up to the cores this process may run on (nproc:
# its CPU affinity), and on all of them. For each count: the best wall time, the
# speed-up over 1 thread, the bound the part model gives the engine's design for that
# many parts (sim/part_model.h), and a check that output and statistics are those of 1
# thread, byte for byte. Prints a table; JSON to $SCALING_JSON. Asserts no time; exits
# non-zero only if a run fails or differs.
# usage: scaling.sh TESSERA BENCHRUN ELF_DIR [quick]
set -eu
tess=$1; benchrun=$2; dir=$3; quick=${4:-}
json=${SCALING_JSON:-build/scaling.json}
rounds=3; [ -n "$quick" ] && rounds=1
cores=${SCALING_CORES:-$(nproc)}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/common.sh"

counts=1; n=2
while [ "$n" -lt "$cores" ]; do counts="$counts $n"; n=$((n * 2)); done
[ "$cores" -gt 1 ] && counts="$counts $cores"

# same KEY ARGS...: each count's output and statistics against 1 thread's.
same() {
	key=$1; shift
	for n in $counts; do
		"$tess" run "$@" --threads "$n" --stats > "$work/$key.out.$n" 2> "$work/$key.err.$n" || {
			echo "scaling: $key on $n threads failed:" >&2; cat "$work/$key.err.$n" >&2; exit 1; }
		if [ "$n" != 1 ] && { ! cmp -s "$work/$key.out.1" "$work/$key.out.$n" ||
		   ! cmp -s "$work/$key.err.1" "$work/$key.err.$n"; }; then
			echo "scaling: $key on $n threads differs from 1 thread" >&2
			diff "$work/$key.err.1" "$work/$key.err.$n" | head -5 >&2
			exit 1
		fi
	done
}

# timed KEY ARGS...: best of `rounds` for each count, the counts interleaved in each
# round (the host's speed drifts over seconds: sim/README.md, "Threads").
timed() {
	key=$1; shift
	for r in $(seq "$rounds"); do
		for n in $counts; do
			s=$("$benchrun" 1 /dev/null "$tess" run "$@" --threads "$n" | awk '{print $1}')
			if faster "$s" "$(cat "$work/$key.best.$n" 2> /dev/null)"; then
				echo "$s" > "$work/$key.best.$n"
			fi
		done
	done
}

# report KEY NAME ARGS...: the table's rows and the workload's JSON (in $json_rows).
json_rows=""
report() {
	key=$1; name=$2; shift 2
	t1=$(cat "$work/$key.best.1")
	rows=""
	for n in $counts; do
		s=$(cat "$work/$key.best.$n")
		up=$(awk -v a="$t1" -v b="$s" 'BEGIN{printf "%.2f", a/b}')
		bound=-
		if [ "$n" -gt 1 ]; then
			bound=$(TESSERA_PART_MODEL=1 TESSERA_BALANCE=0 "$tess" run "$@" --threads "$n" \
				2>&1 > /dev/null | model_bound)
		fi
		printf '%-26s %7s %9s %8sx %11s%s  %s\n' "$name" "$n" "$s" "$up" "${bound:-?}" \
			"$( [ "$bound" = - ] || echo x)" "identical to 1 thread"
		b=$bound; [ "$b" = - ] || [ -z "$b" ] && b=null
		rows="$rows${rows:+, }{\"threads\": $n, \"seconds\": $s, \"speedup\": $up, \"model_bound\": $b}"
	done
	json_rows="$json_rows${json_rows:+, }\"$key\": [$rows]"
}

life="--mesh 64x64 --tile all=$dir/life.elf"
hash="--mesh 64x64 --tile all=$dir/hash4k.elf"
# shellcheck disable=SC2086
{ same life_64x64 $life; same hash_64x64 $hash; timed life_64x64 $life; timed hash_64x64 $hash; }
printf '%-26s %7s %9s %9s %12s  %s\n' workload threads seconds speed-up model-bound outputs
# shellcheck disable=SC2086
{ report life_64x64 "Life 64x64 tiles" $life; report hash_64x64 "hash loop, 64x64 tiles" $hash; }
mkdir -p "$(dirname "$json")"
printf '{"cores": %s, "cpu": "%s", %s}\n' "$cores" \
	"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" "$json_rows" > "$json"
echo "(best of $rounds per count; model-bound: what the core phase of that many parts can" \
	"gain at most with a barrier per window, measured on one core; JSON in $json)"
