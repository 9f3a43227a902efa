#!/bin/sh
# MPI benchmark (issue 9): Life on 64x64 tiles (build/bench/life.elf, 20 generations)
# in one process and with 1, 2 and 4 ranks: wall time, speed-up against one process,
# peak resident memory per rank, and whether --stats-json (every cycle count and
# counter) is identical. Figures only, nothing asserted.
# Environment: TESSERA, TESSERA_MPI, BUILD; MPI_BENCH_NPS (default "1 2 4"),
# MPI_BENCH_MESH (default 64x64), MPI_BENCH_ELF.
set -u
T=${TESSERA:-build/tessera}; M=${TESSERA_MPI:-build/tessera-mpi}; B=${BUILD:-build}
NPS=${MPI_BENCH_NPS:-"1 2 4"}; MESH=${MPI_BENCH_MESH:-64x64}
ELF=${MPI_BENCH_ELF:-$B/bench/life.elf}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# Waiting ranks yield the CPU (a shared or oversubscribed host); MPI_BENCH_SPIN=1: they spin.
[ -n "${MPI_BENCH_SPIN:-}" ] || export OMPI_MCA_mpi_yield_when_idle=1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

cores=$(nproc)
echo "Life on $MESH tiles ($ELF); host with $cores cores$([ "$cores" -lt 4 ] &&
	echo '; ranks beyond the cores are oversubscribed')"
printf '%-16s %9s %9s  %-26s %s\n' run seconds speed-up "peak MiB per rank" identical

set -- $("$B/benchrun" 1 "$tmp/err" "$T" run --mesh "$MESH" --tile all="$ELF" \
	--stats-json "$tmp/one.json")
one=$1
printf '%-16s %9.2f %9s  %-26s %s\n' "tessera run" "$one" 1.00 \
	"$(awk -v k="$2" 'BEGIN{printf "%.0f", k/1024}')" -

for np in $NPS; do
	set -- $(TESSERA_MPI_RSS=1 "$B/benchrun" 1 "$tmp/m.err" mpirun --oversubscribe \
		-np "$np" "$M" run --mesh "$MESH" --tile all="$ELF" --stats-json "$tmp/m.json")
	rss=$(grep 'peak KiB per rank' "$tmp/m.err" | sed 's/.*rank://' |
		awk '{for (i = 1; i <= NF; i++) printf "%s%.0f", (i > 1 ? " " : ""), $i / 1024}')
	same=no
	cmp -s "$tmp/one.json" "$tmp/m.json" && same=yes
	printf '%-16s %9.2f %9.2f  %-26s %s\n' "mpirun -np $np" "$1" \
		"$(awk -v a="$one" -v b="$1" 'BEGIN{printf "%.2f", a/b}')" "$rss" "$same"
	grep 'tessera-mpi: rank' "$tmp/m.err" | sed 's/^tessera-mpi: /    /'
done
