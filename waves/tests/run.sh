#!/bin/sh
# Tests of wavecmp: equal waves written differently, known first differences, bad input;
# of the C model's waves (tessera run --vcd): names, tiles, threads, bad options, the
# first difference of two programs; and (with Verilator) the C model's waves against
# the RTL's (build/cosim --vcd) of the same programs, RTL against RTL, and both against
# the fault-injection build, whose first difference must follow the first taken branch.
# usage: run.sh BUILD rtl|no-rtl
build=$1; rtl=$2
tess=$build/tessera
rtlelf=$build/tests/rtl; e2e=$build/tests/e2e
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

# ---- the C model's waves ----

# first_cycle A.trace B.trace: the cycle of the first line where two traces differ
first_cycle() { diff "$1" "$2" | awk '/^[<>]/ { print $2; exit }'; }
# earliest T: the time of wavecmp's first (earliest) difference in $work/out
earliest() { head -n 1 "$work/out" | sed -n 's/.*: first differs at \([0-9]*\):.*/\1/p'; }
# all_common: every signal of A is in B too, and there are many (wavecmp's summary)
all_common() {
	tail -n 1 "$work/out" | awk '{ exit !($2 == $9 && $2 >= 100 && $12 == 0) }'
}

# Two programs that agree until one faults: the waves part where the traces do.
for p in f_ebreak f_illegal; do
	"$tess" run --quiet --trace "$work/$p.trace" --vcd "$work/$p.vcd" "$rtlelf/$p.elf" > /dev/null 2>&1
done
fc=$(first_cycle "$work/f_ebreak.trace" "$work/f_illegal.trace")
"$wc" --max 1000 "$work/f_ebreak.vcd" "$work/f_illegal.vcd" > "$work/out" 2>&1
[ $? = 1 ] && [ -n "$fc" ] && [ "$(earliest)" = $((2 * fc + 2)) ] &&
	grep -q "^TOP.tess_tile.u_core.state_q: first differs at $((2 * fc + 2)): a=0x1 b=0x2" "$work/out"
check "model waves of two programs: first difference after the first different instruction" $?

# --trace with --vcd: the same trace as without.
"$tess" run --quiet --trace "$work/fib.trace" "$e2e/fib.elf" > /dev/null 2>&1
"$tess" run --quiet --trace "$work/fib2.trace" --vcd "$work/fib.vcd" "$e2e/fib.elf" > /dev/null 2>&1
cmp -s "$work/fib.trace" "$work/fib2.trace" && grep -q 'scope module tess_tile' "$work/fib.vcd"
check "--trace and --vcd together" $?

# A mesh: chosen tiles under TOP.tess_mesh.g_row[y].g_col[x].u_tile, the same file for any
# number of threads (64 tiles, so that two threads share the work).
elf=$rtlelf/branch.elf
"$tess" run --quiet --mesh 8x8 --tile all="$elf" --vcd "$work/m1.vcd" --vcd-tiles 0,5-6,63 \
	--threads 1 > /dev/null 2>&1; r1=$?
"$tess" run --quiet --mesh 8x8 --tile all="$elf" --vcd "$work/m2.vcd" --vcd-tiles 0,5-6,63 \
	--threads 2 > /dev/null 2>&1; r2=$?
[ $r1 = 0 ] && [ $r2 = 0 ] && cmp -s "$work/m1.vcd" "$work/m2.vcd" &&
	[ "$(grep -c 'scope module u_tile' "$work/m1.vcd")" = 4 ] &&
	[ "$(grep -c 'scope module g_row' "$work/m1.vcd")" = 2 ] &&
	grep -q 'scope module g_row\[7\]' "$work/m1.vcd" && ! grep -q 'g_col\[4\]' "$work/m1.vcd"
check "--vcd-tiles on 8x8, threads 1 and 2 write the same file" $?

# MPI (when build/tessera-mpi is built): rank 0 writes the file, the same file.
if [ -x "$build/tessera-mpi" ] && command -v mpirun > /dev/null; then
	OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 timeout 120 \
		mpirun --oversubscribe -np 3 "$build/tessera-mpi" run --quiet --mesh 8x8 \
		--tile all="$elf" --vcd "$work/mpi.vcd" --vcd-tiles 0,5-6,63 > /dev/null 2>&1
	cmp -s "$work/m1.vcd" "$work/mpi.vcd"; check "tessera-mpi with 3 ranks writes the same file" $?
fi

# Tile 5 against tile 0 of the same run: only the tile's number and place differ.
"$wc" --scope-a 'TOP.tess_mesh.g_row[0].g_col[5].u_tile' \
	--scope-b 'TOP.tess_mesh.g_row[0].g_col[0].u_tile' \
	"$work/m1.vcd" "$work/m1.vcd" > "$work/out" 2>&1
[ $? = 1 ] && [ "$(grep -c 'first differs at 0:' "$work/out")" = 4 ] &&
	grep -q 'u_core.tile_id_i: first differs at 0: a=0x5 b=0x0' "$work/out" &&
	grep -q 'u_core.txy_i: first differs at 0: a=0x5 b=0x0' "$work/out" && grep -q ' 4 differ' "$work/out"
check "mesh waves: tile 5 against tile 0" $?

# GTKWave save files name only signals that the files they are for have.
vcd_names() {  # the full names of a VCD's variables (vector ranges left out)
	awk '$1 == "$scope" { s[++n] = $3 } $1 == "$upscope" { n-- }
	     $1 == "$var" { p = ""; for (i = 1; i <= n; i++) p = p s[i] "."; print p $5 }
	     $1 == "$enddefinitions" { exit }' "$1" | sort -u
}
gtkw_ok() {  # save file, VCD
	vcd_names "$2" > "$work/names"
	grep '^TOP\.' "$1" | sed 's/\[[0-9]*:[0-9]*\]$//' | sort -u > "$work/wanted"
	[ -s "$work/wanted" ] && [ -z "$(comm -23 "$work/wanted" "$work/names")" ]
}
"$tess" run --quiet --vcd "$work/branch.m.vcd" "$elf" > /dev/null 2>&1
gtkw_ok waves/model.gtkw "$work/branch.m.vcd"; check "waves/model.gtkw names signals of the model's file" $?
"$tess" run --quiet --mesh 2x2 --tile all="$elf" --vcd "$work/m22.vcd" --vcd-tiles all > /dev/null 2>&1
gtkw_ok waves/mesh.gtkw "$work/m22.vcd"; check "waves/mesh.gtkw names signals of a 2x2 model file" $?

# Bad options: a clear message, exit status 125, no crash.
bad_opt() {  # name, expected message, options...
	name=$1; msg=$2; shift 2
	"$tess" run "$@" "$elf" > "$work/out" 2>&1
	[ $? = 125 ] && grep -q -- "$msg" "$work/out"; check "bad option: $name" $?
}
bad_opt "tile outside" "tile 4 is outside the mesh (tiles 0..3)" --mesh 2x2 --vcd "$work/x.vcd" --vcd-tiles 1,4
bad_opt "not a number" "'x1' is not a tile number or a range A-B" --vcd "$work/x.vcd" --vcd-tiles 0,x1
bad_opt "reversed range" "'3-1' is not a tile number" --mesh 2x2 --vcd "$work/x.vcd" --vcd-tiles 3-1
bad_opt "empty item" "'' is not a tile number" --vcd "$work/x.vcd" --vcd-tiles 0,,
bad_opt "list without --vcd" "--vcd-tiles needs --vcd FILE" --vcd-tiles 0
bad_opt "unwritable file" "$work/no/such/dir/x.vcd: No such file" --vcd "$work/no/such/dir/x.vcd"

# model_rtl: the C model's waves against the RTL's, program by program.
model_rtl() {
	for p in $rtlelf/alu $rtlelf/branch $rtlelf/loaduse $rtlelf/muldiv $rtlelf/semihost \
		 $rtlelf/caps $rtlelf/xtess $rtlelf/f_memfault $rtlelf/f_misaligned \
		 $e2e/fib $e2e/hello $e2e/sort $e2e/fault; do
		n=$(basename "$p")
		"$build/cosim" --quiet --vcd "$work/$n.r.vcd" "$p.elf" > /dev/null 2>&1
		"$tess" run --quiet --vcd "$work/$n.m.vcd" "$p.elf" > /dev/null 2>&1
		"$wc" "$work/$n.m.vcd" "$work/$n.r.vcd" > "$work/out" 2>&1
		[ $? = 0 ] && all_common; check "model and RTL waves of $n: no difference" $?
	done
	# Different programs across the two: the first difference where the traces part.
	"$build/cosim" --quiet --vcd "$work/f_illegal.r.vcd" "$rtlelf/f_illegal.elf" > /dev/null 2>&1
	"$wc" "$work/f_ebreak.vcd" "$work/f_illegal.r.vcd" > "$work/out" 2>&1
	[ $? = 1 ] && [ "$(earliest)" = $((2 * fc + 2)) ]
	check "model f_ebreak against RTL f_illegal: first difference at $((2 * fc + 2))" $?
	# The fault-injection RTL (a taken branch one cycle short): wait_q first, one
	# cycle after the first taken branch issues.
	bc=$(awk '$5 == "bne" { print $1; exit }' "$work/branch.trace")
	"$wc" --max 1000 "$work/branch.m.vcd" "$work/fault.vcd" > "$work/out" 2>&1
	[ $? = 1 ] && [ -n "$bc" ] && [ "$(earliest)" = $((2 * bc + 2)) ] &&
		grep -q "^TOP.tess_tile.u_core.wait_q: first differs at $((2 * bc + 2)): a=0x2 b=0x1" "$work/out"
	check "model waves against the fault-injection RTL" $?
	# A 2x2 mesh: the model's tile 0 against the RTL's tile 0 of cosim --mesh 2x2.
	"$build/cosim" --quiet --mesh 2x2 --vcd "$work/r22.vcd" "$elf" > /dev/null 2>&1
	"$wc" --scope-a 'TOP.tess_mesh.g_row[0].g_col[0].u_tile' --scope-b TOP.tess_tile \
		"$work/m22.vcd" "$work/r22.vcd" > "$work/out" 2>&1
	[ $? = 0 ] && tail -n 1 "$work/out" | awk '{ exit !($9 >= 100 && $12 == 0) }'
	check "2x2: model tile 0 against RTL tile 0" $?
}

if [ "$rtl" = rtl ]; then
	elf=$build/tests/rtl/branch.elf
	"$build/cosim" --quiet --vcd "$work/good.vcd" "$elf" > /dev/null 2>&1
	"$build/cosim" --quiet --vcd "$work/good2.vcd" "$elf" > /dev/null 2>&1
	"$build/cosim-fault" --quiet --vcd "$work/fault.vcd" "$elf" > /dev/null 2>&1
	"$wc" "$work/good.vcd" "$work/good2.vcd" > "$work/out" 2>&1
	[ $? = 0 ] && grep -q ' 0 differ' "$work/out"; check "RTL waves of two identical runs" $?
	gtkw_ok waves/core.gtkw "$work/good.vcd"; check "waves/core.gtkw names signals of the RTL's file" $?
	gtkw_ok waves/router.gtkw "$work/good.vcd"; check "waves/router.gtkw names signals of the RTL's file" $?
	# the first taken branch issues at cycle c (model trace); waves put cycle c at 2c
	"$build/tessera" run --quiet --trace "$work/branch.trace" "$elf" > /dev/null 2>&1
	c=$(awk '$5 == "bne" { print $1; exit }' "$work/branch.trace")
	"$wc" --max 1000 "$work/good.vcd" "$work/fault.vcd" > "$work/out" 2>&1
	[ $? = 1 ] && grep -q "^TOP.tess_tile.u_core.cost: first differs at $((2 * c)): a=0x3 b=0x2" "$work/out"
	check "RTL waves against the fault-injection build" $?
	model_rtl
else
	echo "waves: verilator is not installed: RTL wave checks skipped"
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
