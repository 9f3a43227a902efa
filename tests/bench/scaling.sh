#!/bin/sh
# Thread scaling (issue 9): Life 64x64 on 1 thread and on 2, 4, 8, ... threads, up to
# the cores this process may run on (nproc: its CPU affinity), and on all of them.
# For each count: the best wall time, the speed-up over 1 thread, and the bound the part
# model gives the engine's design for that many parts (sim/part_model.h), and a check
# that output and statistics are those of 1 thread, byte for byte. Prints a table; JSON
# to $SCALING_JSON. Asserts no time; exits non-zero only if a run fails or differs.
# usage: scaling.sh TESSERA BENCHRUN ELF_DIR [quick]
set -eu
tess=$1; benchrun=$2; dir=$3; quick=${4:-}
json=${SCALING_JSON:-build/scaling.json}
rounds=3; [ -n "$quick" ] && rounds=1
cores=${SCALING_CORES:-$(nproc)}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
life="--mesh 64x64 --tile all=$dir/life.elf"

counts=1; n=2
while [ "$n" -lt "$cores" ]; do counts="$counts $n"; n=$((n * 2)); done
[ "$cores" -gt 1 ] && counts="$counts $cores"

# Output and statistics of each count against 1 thread's.
for n in $counts; do
	# shellcheck disable=SC2086
	"$tess" run $life --threads "$n" --stats > "$work/out.$n" 2> "$work/err.$n" || {
		echo "scaling: Life 64x64 on $n threads failed:" >&2; cat "$work/err.$n" >&2; exit 1; }
	if [ "$n" != 1 ] && { ! cmp -s "$work/out.1" "$work/out.$n" ||
	   ! cmp -s "$work/err.1" "$work/err.$n"; }; then
		echo "scaling: Life 64x64 on $n threads differs from 1 thread" >&2
		diff "$work/err.1" "$work/err.$n" | head -5 >&2
		exit 1
	fi
done

# Best of `rounds` for each count, the counts interleaved in each round (the host's
# speed drifts over seconds: sim/README.md, "Threads").
for r in $(seq "$rounds"); do
	for n in $counts; do
		# shellcheck disable=SC2086
		s=$("$benchrun" 1 /dev/null "$tess" run $life --threads "$n" | awk '{print $1}')
		best=$(cat "$work/best.$n" 2> /dev/null || echo "")
		if [ -z "$best" ] || awk -v a="$s" -v b="$best" 'BEGIN{exit !(a < b)}'; then
			echo "$s" > "$work/best.$n"
		fi
	done
done

printf '%-8s %9s %9s %12s  %s\n' threads seconds speed-up model-bound outputs
t1=$(cat "$work/best.1")
rows=""
for n in $counts; do
	s=$(cat "$work/best.$n")
	up=$(awk -v a="$t1" -v b="$s" 'BEGIN{printf "%.2f", a/b}')
	bound=-
	if [ "$n" -gt 1 ]; then
		# shellcheck disable=SC2086
		bound=$(TESSERA_PART_MODEL=1 TESSERA_BALANCE=0 "$tess" run $life --threads "$n" 2>&1 \
			> /dev/null | sed -n 's/.*per window.*at most \([0-9.]*\)x.*/\1/p')
	fi
	printf '%-8s %9s %8sx %11s%s  %s\n' "$n" "$s" "$up" "$bound" \
		"$( [ "$bound" = - ] || echo x)" "identical to 1 thread"
	rows="$rows${rows:+, }{\"threads\": $n, \"seconds\": $s, \"speedup\": $up, \"model_bound\": $( [ "$bound" = - ] && echo null || echo "${bound:-null}")}"
done
mkdir -p "$(dirname "$json")"
printf '{"cores": %s, "cpu": "%s", "life_64x64": [%s]}\n' "$cores" \
	"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" "$rows" > "$json"
echo "(Life 64x64; best of $rounds per count; model-bound: what the core phase of that many" \
	"parts can gain at most with a barrier per window, measured on one core; JSON in $json)"
