#!/bin/sh
# MPI benchmark (issue 9): Life on 64x64 tiles (build/bench/life.elf, 20 generations)
# in one process and with 1, 2 and 4 ranks: wall time, speed-up against one process,
# peak resident memory per rank, and whether stdout and --stats-json are identical.
# Figures only, nothing asserted. Environment: TESSERA, TESSERA_MPI, BUILD; MPI_BENCH_NPS
# (default "1 2 4"), MPI_BENCH_MESH (default 64x64), MPI_BENCH_ELF.
set -u
T=${TESSERA:-build/tessera}; M=${TESSERA_MPI:-build/tessera-mpi}; B=${BUILD:-build}
NPS=${MPI_BENCH_NPS:-"1 2 4"}; MESH=${MPI_BENCH_MESH:-64x64}
ELF=${MPI_BENCH_ELF:-$B/bench/life.elf}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }
cores=$(nproc)
echo "Life $MESH tiles ($ELF), host with $cores cores$( [ "$cores" -lt 4 ] && echo ', ranks beyond the cores oversubscribed')"
printf '%-16s %9s %9s  %-28s %s\n' run seconds speed-up "peak MiB per rank" identical

t0=$(now)
/usr/bin/time -f '%M' -o "$tmp/rss1" "$T" run --mesh "$MESH" --tile all="$ELF" \
	--stats-json "$tmp/one.json" > "$tmp/one.out" 2> /dev/null
t1=$(now)
one=$(echo "$t1 - $t0" | bc)
printf '%-16s %9.2f %9s  %-28s %s\n' "tessera run" "$one" 1.00 \
	"$(awk '{printf "%.0f", $1/1024}' "$tmp/rss1")" -

for np in $NPS; do
	t0=$(now)
	TESSERA_MPI_RSS=1 mpirun --oversubscribe -np "$np" "$M" run --mesh "$MESH" \
		--tile all="$ELF" --stats-json "$tmp/m.json" > "$tmp/m.out" 2> "$tmp/m.err"
	t1=$(now)
	s=$(echo "$t1 - $t0" | bc)
	rss=$(grep 'peak KiB per rank' "$tmp/m.err" | sed 's/.*rank://' |
		awk '{for (i = 1; i <= NF; i++) printf "%s%.0f", i > 1 ? " " : "", $i/1024}')
	same=no
	cmp -s "$tmp/one.out" "$tmp/m.out" && cmp -s "$tmp/one.json" "$tmp/m.json" && same=yes
	printf '%-16s %9.2f %9.2f  %-28s %s\n' "mpirun -np $np" "$s" \
		"$(echo "$one / $s" | bc -l)" "$rss" "$same"
done
