#!/bin/sh
# Differential test against qemu-riscv32: generates COUNT random RV32IM programs from
# FIRST_SEED on (tests/diff/gen.c), builds each with riscv64-unknown-elf-gcc, runs it
# under qemu-riscv32 and under tessera, and compares stdout and exit status.
# On a mismatch it prints the seed and the first differing line and keeps the program
# (.s, .elf, both outputs) in BUILD/tests/diff/fail/.
# usage: run.sh BUILD COUNT FIRST_SEED [JOBS] [BODY_LENGTH]
set -u
build=$1; count=$2; first=$3; jobs=${4:-2}; len=${5:-60}
work=$build/tests/diff/work
fail=$build/tests/diff/fail
log=$build/tests/diff/results.txt
start=$(date +%s)
rm -rf "$work" "$fail"
mkdir -p "$work" "$fail"
"$build/tests/diff/gen" -o "$work" -s "$first" -n "$count" -l "$len" || exit 1
# a private copy: a rebuild of BUILD/tessera during the run must not disturb it
cp "$build/tessera" "$work/tessera" || exit 1
seq "$first" $((first + count - 1)) |
	xargs -P "$jobs" -n 20 tests/diff/check_one.sh "$build" > "$log"
passed=$(grep -c '^ok ' "$log")
failed=$((count - passed))
grep -v '^ok ' "$log" | head -n 40
[ "$failed" -gt 0 ] && echo "kept the failing programs in $fail;" \
	"one again: make test-diff DIFF_SEED=<seed> DIFF_COUNT=1 DIFF_LEN=$len"
rm -rf "$work"
echo "diff: $count programs from seed $first, $passed matched qemu-riscv32, in $(($(date +%s) - start)) s"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
