#!/bin/sh
# MPI runs (issue 9): `mpirun -np K tessera-mpi run ...` with K = 1..4 against
# `tessera run`: byte-identical stdout, --stats-json, --msg-trace (and --trace where
# asked), the same exit status and the same "tessera:" lines on stderr. Bad rank counts
# get a clear error. Ends with "N passed, N failed".
# Environment: TESSERA, TESSERA_MPI, BUILD; MPI_NPS overrides the rank counts.
T=${TESSERA:-build/tessera}; M=${TESSERA_MPI:-build/tessera-mpi}; B=${BUILD:-build}
NPS=${MPI_NPS:-"1 2 3 4"}
# Waiting ranks yield the CPU: on a 2-core host shared with other jobs a spinning rank
# keeps its partner from running (measured: Life 64x64, 2 ranks, 72 s spinning, 13 s).
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_mpi_yield_when_idle=1
# Under SAN=1: Open MPI's libraries and plugins leak at exit (LeakSanitizer would fail
# every run); the simulator's own leaks are checked by the groups that run tessera.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
pass=0; fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }

mpi() { np=$1; shift; mpirun --oversubscribe -np "$np" "$M" "$@"; }

# Only the simulator's own lines of stderr (mpirun adds its notes on a non-zero exit):
# messages, and the --stats table (tile rows, total, network).
own_err() { grep -E '^tessera|^ +tile state|^ +[0-9]+ (idle|running|blocked|waiting|exited|faulted) |^total: |^network: ' "$1"; }

# same NAME WANT-RC NPS TRACE -- tessera run arguments...
# WANT-RC - takes whatever tessera run exits with; TRACE=trace also compares the commit
# trace.
same() {
	name=$1; want=$2; nps=$3; tr=$4; shift 5
	ropt=""; mopt=""
	[ "$tr" = trace ] && ropt="--trace $tmp/r.tr" && mopt="--trace $tmp/m.tr"
	"$T" run "$@" $ropt --stats-json "$tmp/r.json" --msg-trace "$tmp/r.mt" \
		> "$tmp/r.out" 2> "$tmp/r.err"
	rc=$?
	if [ "$want" != - ] && [ "$rc" != "$want" ]; then
		ko "$name: tessera run exits $rc, want $want"; head -5 "$tmp/r.err"; return
	fi
	for np in $nps; do
		rm -f "$tmp/m.json" "$tmp/m.mt" "$tmp/m.tr"
		mpi "$np" run "$@" $mopt --stats-json "$tmp/m.json" --msg-trace "$tmp/m.mt" \
			> "$tmp/m.out" 2> "$tmp/m.err"
		mrc=$?
		what=""
		[ "$mrc" = "$rc" ] || what="$what exit $mrc (want $rc)"
		cmp -s "$tmp/r.out" "$tmp/m.out" || what="$what stdout"
		cmp -s "$tmp/r.json" "$tmp/m.json" || what="$what stats-json"
		cmp -s "$tmp/r.mt" "$tmp/m.mt" || what="$what msg-trace"
		[ "$tr" != trace ] || cmp -s "$tmp/r.tr" "$tmp/m.tr" || what="$what trace"
		own_err "$tmp/r.err" > "$tmp/r.e2"; own_err "$tmp/m.err" > "$tmp/m.e2"
		cmp -s "$tmp/r.e2" "$tmp/m.e2" || what="$what stderr"
		if [ -z "$what" ]; then ok; else
			ko "$name -np $np:$what"; diff "$tmp/r.out" "$tmp/m.out" | head -5
			head -5 "$tmp/m.err"
		fi
	done
}

P=$B/mesh; E=$B/examples
# The mesh programs (tests/mesh) and the examples (examples/).
same ring-64 0 "$NPS" trace -- --mesh 8x8 --tile all="$P/ring.elf" --stats
same reduce 0 "$NPS" trace -- --mesh 8x8 --tile all="$P/reduce.elf"
same all-to-all 0 "$NPS" - -- --mesh 8x8 --tile all="$P/a2a.elf"
same pingpong 0 "1 2" trace -- --mesh 2x1 --tile all="$P/pingpong.elf"
same ex-hello 0 "$NPS" - -- --mesh 4x4 --tile all="$E/hello.elf"
same ex-ring 0 "$NPS" - -- --mesh 4x4 --tile all="$E/ring.elf"
same ex-sum 0 "$NPS" - -- --mesh 8x8 --tile all="$E/sum.elf"
same ex-pipeline 0 "$NPS" - -- --mesh 8x1 --tile all="$E/pipeline.elf"
same ex-matmul 0 "$NPS" - -- --mesh 4x4 --tile all="$E/matmul.elf"
# Life and chaos run ~10^5 windows: 3 and 4 ranks oversubscribed on 2 cores take long.
same ex-life 0 "1 2 4" - -- --mesh 8x8 --tile all="$E/life.elf"
same ex-life-threads 0 "2" - -- --mesh 8x8 --tile all="$E/life.elf" --threads 2

# Devices: console input (rank 0 reads, every rank gets it), the block store.
printf 'hello tessera\nsecond line\n' > "$tmp/in"
for np in 1 2; do
	out=$(mpi "$np" run --mesh 2x1 --tile 0="$P/conread.elf" < "$tmp/in" 2> /dev/null)
	[ "$out" = "HELLO TESSERA
SECOND LINE" ] && ok || ko "conread -np $np: '$out'"
done
for np in 1 2; do   # twice each from a new disk: the second run reads the first's data
	rm -f "$tmp/dr" "$tmp/dm"
	for run in 1 2; do
		"$T" run --mesh 2x1 --disk "$tmp/dr" --tile 0="$P/blk.elf" > "$tmp/br$run" 2>&1
		mpi "$np" run --mesh 2x1 --disk "$tmp/dm" --tile 0="$P/blk.elf" > "$tmp/bm$run" 2>&1
	done
	if cmp -s "$tmp/br1" "$tmp/bm1" && cmp -s "$tmp/br2" "$tmp/bm2" &&
	   cmp -s "$tmp/dr" "$tmp/dm" && ! cmp -s "$tmp/br1" "$tmp/br2"; then ok
	else ko "block store -np $np"; fi
done

# Faults, --max-cycles, budgets, control operations, kills and the cascade.
cp "$P/chaos.elf" "$tmp/"
if [ -f "$B/tests/e2e/fault.elf" ]; then   # one line per faulting tile, from rank 0
	same mem-fault 126 "1 2" - -- --mesh 2x1 --tile all="$B/tests/e2e/fault.elf"
fi
same chaos-max-cycles 124 "1 2 3" - -- --mesh 4x4 --tile all="$P/chaos.elf" --max-cycles 100000
printf '0 chaos.elf cycles=5000\n' > "$tmp/m2"
same budget-fault 126 "1 2" - -- --mesh 2x1 --manifest "$tmp/m2"
printf 'all chaos.elf\n11 chaos.elf control=all\n' > "$tmp/m5"
same chaos-control 124 "$NPS" - -- --mesh 4x4 --manifest "$tmp/m5" --max-cycles 100000
printf '11 chaos.elf control=all\n' > "$tmp/m6"
same chaos-control-alone 126 "$NPS" - -- --mesh 4x4 --manifest "$tmp/m6" --max-cycles 1000000 --stats

# Random manifests (tests/mesh/gen_manifest.sh, as tests/rtl/manifests.sh runs them on
# threads and the RTL): supervisors without CONTROL, budgets, examples; 20,000 cycles.
mkdir "$tmp/gm"
for seed in 1 2 3 4 5 6; do
	set -- $(sh "$(dirname "$0")/../mesh/gen_manifest.sh" "$seed" "$B" "$tmp/gm")
	nps=2; [ $(($1 * $2)) -ge 4 ] && nps="2 4"    # 4 ranks cut 2x2, 3x3, 4x2 and 4x4
	same "manifest-$seed" - "$nps" - -- --mesh "$1x$2" --manifest "$tmp/gm/manifest" \
		--max-cycles 20000 --stats
done

# The OS booting over the network (CTL_LOAD into the owners' SRAM): whole with 1 and 2
# ranks, cut by --max-cycles with 3 and 4 (oversubscribed ranks are slow on 2 cores).
if [ -f "$B/os/root_demo.elf" ]; then
	same os-demo 0 "1 2" - -- --mesh 8x8 --boot "$B/os/root_demo.elf"
	same os-demo-cut 124 "3 4" - -- --mesh 8x8 --boot "$B/os/root_demo.elf" --max-cycles 60000
else
	echo "(no $B/os/root_demo.elf: OS demo not compared)"
fi

# A load that fails on rank 0 only (it alone opens the output files): every rank stops
# with its status instead of the others running on without it.
timeout 120 mpirun --oversubscribe -np 2 "$M" run --mesh 2x1 --tile all="$P/ring.elf" \
	--trace "$tmp/none/t" > "$tmp/lf.out" 2> "$tmp/lf.err"
rc=$?
if [ $rc = 125 ] && grep -q "$tmp/none/t: No such file" "$tmp/lf.err"; then ok
else ko "load failing on rank 0 only: exit $rc"; head -3 "$tmp/lf.err"; fi

# Bad rank counts: a clear error, exit status 125.
bad() {
	np=$1; mesh=$2; want=$3
	mpi "$np" run --mesh "$mesh" --tile all="$P/ring.elf" > "$tmp/b.out" 2> "$tmp/b.err"
	rc=$?
	if [ $rc = 125 ] && grep -q "tessera-mpi run: .*$want" "$tmp/b.err"; then ok; else
		ko "-np $np on $mesh: exit $rc"; head -3 "$tmp/b.err"; fi
}
bad 3 2x1 "3 ranks for a 2x1 mesh (2 tiles): at most one rank per tile"
bad 2 1x1 "at most one rank per tile"
bad 3 2x2 "3 ranks cannot cut a 2x2 mesh"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
