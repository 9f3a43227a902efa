#!/bin/sh
# Tests of wavecmp: equal waves written differently, known first differences, bad input,
# and (with Verilator) RTL waves of one run against themselves and against the
# fault-injection build, whose first difference must be at the first taken branch.
# usage: run.sh BUILD rtl|no-rtl
build=$1; rtl=$2
wc=$build/wavecmp
t=waves/tests
work=$build/tests/waves
mkdir -p "$work"
pass=0; fail=0
check() {  # name, condition result
	if [ "$2" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; cat "$work/out"; fi
}

"$wc" "$t/same_a.vcd" "$t/same_b.vcd" > "$work/out" 2>&1; rc=$?
[ $rc = 0 ] && grep -q '3 in common, 0 differ' "$work/out"; check "equal waves" $?

"$wc" "$t/same_a.vcd" "$t/diff_b.vcd" > "$work/out" 2>&1; rc=$?
[ $rc = 1 ] && grep -q '^top.cpu.state: first differs at 15: a=0x2 b=0x3$' "$work/out" &&
	grep -q '^top.cpu.pc: first differs at 20: a=0x8 b=0xc$' "$work/out" &&
	grep -q ', 2 differ' "$work/out"; check "known differences" $?

"$wc" --scope-a top.cpu --scope-b top.cpu "$t/same_a.vcd" "$t/diff_b.vcd" > "$work/out" 2>&1
[ $? = 1 ] && grep -q '^top.cpu.pc: first differs at 20' "$work/out"; check "--scope" $?

"$wc" "$t/same_a.vcd" "$t/bad.vcd" > "$work/out" 2>&1
[ $? = 2 ] && grep -q 'bad.vcd:8: value change for undeclared code' "$work/out"; check "bad input" $?

"$wc" "$t/same_a.vcd" "$work/missing.vcd" > "$work/out" 2>&1
[ $? = 2 ] && grep -q 'missing.vcd: cannot open' "$work/out"; check "missing file" $?

if [ "$rtl" = rtl ]; then
	elf=$build/tests/rtl/branch.elf
	"$build/cosim" --quiet --vcd "$work/good.vcd" "$elf" > /dev/null 2>&1
	"$build/cosim" --quiet --vcd "$work/good2.vcd" "$elf" > /dev/null 2>&1
	"$build/cosim-fault" --quiet --vcd "$work/fault.vcd" "$elf" > /dev/null 2>&1
	"$wc" "$work/good.vcd" "$work/good2.vcd" > "$work/out" 2>&1
	[ $? = 0 ] && grep -q ' 0 differ' "$work/out"; check "RTL waves of two identical runs" $?
	# the first taken branch issues at cycle c (model trace); waves put cycle c at 2c
	"$build/tessera" run --quiet --trace "$work/branch.trace" "$elf" > /dev/null 2>&1
	c=$(awk '$5 == "bne" { print $1; exit }' "$work/branch.trace")
	"$wc" --max 1000 "$work/good.vcd" "$work/fault.vcd" > "$work/out" 2>&1
	[ $? = 1 ] && grep -q "^TOP.tess_tile.u_core.cost: first differs at $((2 * c)): a=0x3 b=0x2" "$work/out"
	check "RTL waves against the fault-injection build" $?
else
	echo "waves: verilator is not installed: RTL wave checks skipped"
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
