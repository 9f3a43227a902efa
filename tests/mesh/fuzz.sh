#!/bin/sh
# Random multi-tile programs (tests/mesh/gen_prog.c) on a mesh (4x4 unless given) with a
# block store, every other seed placed by a random manifest (supervisors, a tile with
# CONTROL over every tile, budgets). Three checks, one per test group:
#  - threads (mesh-fuzz): each chip runs on 1 thread, on 2 with deferred run-ahead cut
#    at random places and on 3 (one each) with random cuts and parts moved at random;
#    statistics, message trace, output, exit status and disk must be byte-identical, the
#    messages counted as dropped must be those that reached a tile once it was IDLE
#    (dropped.awk), and no run may crash or report a sanitizer error;
#  - rtl (rtl-fuzz): each chip in lock step against the RTL (cosim --mesh): every
#    instruction, message, halt and refused control operation, and the disk;
#  - mpi (mpi-fuzz): each chip on 2 and 4 MPI ranks (mpirun ... tessera-mpi) against
#    one process: output, traces, statistics, exit status and disk byte-identical.
# They found three faults (sim/README.md, "Thirteenth session"): a message delivered to
# a tile as it became IDLE was kept when the network got there before the core phase
# reached the halt; the chip's final cycle followed windows that only continued a cut
# run-ahead; a control operation left waiting at the end of a run was never refused.
# Usage: fuzz.sh BUILD FIRST COUNT [MESH [threads|rtl|mpi]]. Ends with "N passed, N failed".
B=$(cd "$1" && pwd); first=$2; count=$3; mesh=${4:-4x4}; check=${5:-threads}
T=$B/tessera; G=$B/tests/mesh/gen_prog; A=$(dirname "$0")/dropped.awk
. "$(dirname "$0")/../isa_consts.sh"
L=$(isa_const LOOKAHEAD); X=$(isa_const TAG_MSG_EXIT)
pass=0; fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# manifest SEED: all tiles run p.elf; up to three get a supervisor, one in two seeds a
# tile gets CONTROL over every tile, one in three a tile gets budgets.
manifest() {
	r=$1
	rnd() { r=$(((r * 1103515245 + 12345) % 2147483648)); n=$((r / 65536 % $1)); }
	tiles=$(($(echo "$mesh" | tr x '*')))
	echo "all p.elf"
	for i in 1 2 3; do
		rnd "$tiles"; t=$n; rnd "$tiles"
		[ "$t" != "$n" ] && echo "$t p.elf supervisor=$n"
	done
	rnd 2; [ "$n" = 0 ] && { rnd "$tiles"; echo "$n p.elf control=all"; }
	rnd 3; [ "$n" = 0 ] && { rnd "$tiles"; t=$n; rnd 20000; c=$n; rnd 30
		echo "$t p.elf cycles=$((c + 500)) msgs=$n"; }
}

# run NAME THREADS [ENV=VALUE...]: the chip of manifest $tmp/m; results in $tmp/NAME.*
run() {
	name=$1; th=$2; shift 2
	rm -f "$tmp/$name.disk"
	env "$@" TESSERA_WINDOW_ANY_CORES=1 "$T" run --mesh "$mesh" --manifest "$tmp/m" \
		--disk "$tmp/$name.disk" --max-cycles 20000 --threads "$th" --stats-json "$tmp/$name.json" \
		--msg-trace "$tmp/$name.mt" > "$tmp/$name.out" 2> "$tmp/$name.err"
	echo $? > "$tmp/$name.rc"
}

# differs LABEL RUN FILE...: each of the run's files that is not one thread's
differs() {
	label=$1; r=$2; shift 2
	for f in "$@"; do
		cmp -s "$tmp/one.$f" "$tmp/$r.$f" || echo " $label: $f differs;"
	done
}

# same_threads SEED: what is wrong with the seed's chip on threads (nothing: "")
same_threads() {
	run one 1
	run cut 2 TESSERA_DEFER_TEST="$1"
	run moved 3 TESSERA_DEFER_TEST="$1" TESSERA_BALANCE_TEST="$1"
	rc=$(cat "$tmp/one.rc")
	case $rc in 0|1|124|126) ;; *) echo " exit $rc;" ;; esac
	grep -l 'Sanitizer\|runtime error' "$tmp"/*.err > /dev/null 2>&1 && echo " sanitizer;"
	awk -v L="$L" -v MSG_EXIT="$X" -f "$A" "$tmp/one.json" "$tmp/one.mt" > /dev/null 2> "$tmp/drop" ||
		echo " $(cat "$tmp/drop");"
	for r in cut moved; do
		differs "$r" "$r" rc out err mt json disk
	done
}

# same_mpi: what is wrong with the chip on MPI ranks (nothing: "")
same_mpi() {
	run one 1
	for np in 2 4; do
		rm -f "$tmp/mpi.disk"
		mpirun --oversubscribe -np "$np" "$B/tessera-mpi" run --mesh "$mesh" \
			--manifest "$tmp/m" --disk "$tmp/mpi.disk" --max-cycles 20000 \
			--stats-json "$tmp/mpi.json" --msg-trace "$tmp/mpi.mt" > "$tmp/mpi.out" 2> /dev/null
		echo $? > "$tmp/mpi.rc"
		differs "$np ranks" mpi rc out mt json disk       # (mpirun adds to stderr)
	done
}

# same_rtl: what is wrong with the chip against the RTL (nothing: "")
same_rtl() {
	rm -f "$tmp/cs.disk"
	"$B/cosim" --quiet --mesh "$mesh" --manifest "$tmp/m" --disk "$tmp/cs.disk" \
		--max-cycles 20000 > "$tmp/cs" 2>&1
	grep -q '^COSIM PASS' "$tmp/cs" ||
		echo " $(grep -v '^ *[0-9]* [0-9]* 0x' "$tmp/cs" | head -3 | tr '\n' ' ')"
}

seed=$first
while [ "$seed" -lt $((first + count)) ]; do
	"$G" "$seed" > "$tmp/p.s" && "$T" as --exec -o "$tmp/p.elf" "$tmp/p.s" ||
		{ fail=$((fail + 1)); echo "FAIL seed $seed: no program"; seed=$((seed + 1)); continue; }
	if [ $((seed % 2)) = 0 ]; then manifest "$seed"; else echo "all p.elf"; fi > "$tmp/m"
	case $check in
	rtl) bad=$(same_rtl) ;;
	mpi) bad=$(same_mpi) ;;
	*) bad=$(same_threads "$seed") ;;
	esac
	if [ -z "$bad" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL seed $seed:$bad" | tr '\n' ' '
		echo "(tests/mesh/fuzz.sh $1 $seed 1 $mesh $check)"
	fi
	seed=$((seed + 1))
done
case $check in
rtl) how="against the RTL" ;;
mpi) how="on 1 process and 2 and 4 MPI ranks" ;;
*) how="on 1/2/3 threads" ;;
esac
echo "random programs on $mesh: seeds $first..$((first + count - 1)) $how"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
