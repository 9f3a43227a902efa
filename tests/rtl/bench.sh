#!/bin/sh
# Simulated cycles per second of one program on a 1x1 mesh: the RTL under Verilator
# alone, the RTL and the C model in lock step, and the C model alone (tessera run).
# usage: bench.sh BUILD PROGRAM.elf
build=$1; elf=$2
now() { date +%s.%N; }
rate() { awk -v c="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.0f", c / (b - a) }'; }

"$build/cosim" --quiet --rtl-only "$elf" > /dev/null 2> "$build/bench-rtl.log" || { cat "$build/bench-rtl.log"; exit 1; }
grep '^RTL:' "$build/bench-rtl.log"
cycles=$(sed -n 's/^RTL: \([0-9]*\) cycles.*/\1/p' "$build/bench-rtl.log")
"$build/cosim" --quiet "$elf" > /dev/null 2> "$build/bench-rtl.log" || { cat "$build/bench-rtl.log"; exit 1; }
grep '^COSIM PASS' "$build/bench-rtl.log"
t0=$(now)
"$build/tessera" run --quiet "$elf" > /dev/null
t1=$(now)
echo "C model (tessera run, whole process): $cycles cycles ($(rate "$cycles" "$t0" "$t1") cycles/s)"
echo "4x4: not measured, the RTL mesh (network side) is not built yet"
