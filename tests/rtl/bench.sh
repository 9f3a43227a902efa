#!/bin/sh
# Simulated cycles per second of one program on 1x1 and 4x4 meshes (every tile runs it;
# no messages): the RTL under Verilator alone, the RTL and the C model in lock step, and
# the C model alone (tessera run, whole process, so startup is included).
# usage: bench.sh BUILD PROGRAM.elf
build=$1; elf=$2
log=$build/bench-rtl.log
now() { date +%s.%N; }
rate() { awk -v c="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.0f", c / (b - a) }'; }

for mesh in 1x1 4x4; do
	echo "== $mesh"
	"$build/cosim" --quiet --rtl-only --mesh $mesh "$elf" > /dev/null 2> "$log" || { cat "$log"; exit 1; }
	grep '^RTL:' "$log"
	cycles=$(sed -n 's/^RTL: \([0-9]*\) cycles.*/\1/p' "$log")
	"$build/cosim" --quiet --mesh $mesh "$elf" > /dev/null 2> "$log" || { cat "$log"; exit 1; }
	grep '^COSIM PASS' "$log"
	t0=$(now)
	"$build/tessera" run --quiet --mesh $mesh --tile all="$elf" > /dev/null
	t1=$(now)
	echo "C model: $cycles cycles on $mesh ($(rate "$cycles" "$t0" "$t1") cycles/s, tessera run)"
done
