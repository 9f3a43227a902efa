#!/bin/sh
# Co-simulation tests: every program given (tests/rtl/*, tests/e2e/*) on the RTL and the C model in lock
# step (build/cosim), the RTL's trace against `tessera run --trace`, the fault-injection
# build (taken-branch penalty one cycle short) failing at the right cycle, message
# programs on RTL meshes (--mesh: routers wired, every message compared), the router's
# fault-injection build (links one cycle long) failing at the right message, bad input.
# usage: run.sh BUILD ELF...
build=$1; shift
work=${RTL_WORK:-$build/tests/rtl/work}   # RTL_WORK: for runs side by side
mkdir -p "$work"
nprog=$#
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

for elf in "$@"; do
	name=$(basename "$elf" .elf)
	log=$work/$name.log
	# 2M cycles: the longest program (e2e checksum) needs 1.3M; spin_s never halts
	"$build/cosim" --quiet --max-cycles 2000000 --trace "$work/$name.rtl.trace" "$elf" > "$log" 2>&1
	rc=$?
	case $name in
	m_*)	# needs a mesh: run below with the message programs
		continue ;;
	u_*)	# uses what the RTL has not got yet: must not pass
		if [ $rc = 77 ] && grep -q '^COSIM UNSUPPORTED' "$log"; then ok
		else bad "$name: expected COSIM UNSUPPORTED (77), got $rc"; tail -n 5 "$log"; fi
		continue ;;
	esac
	if [ $rc = 0 ] && grep -q '^COSIM PASS' "$log"; then ok
	else bad "$name: cosim exit $rc"; tail -n 30 "$log"; continue; fi
	# the RTL's commit trace is the model's, byte for byte
	"$build/tessera" run --quiet --max-cycles 2000000 --trace "$work/$name.model.trace" "$elf" > /dev/null 2>&1
	# cycles below the limit only: tessera run may trace a little past --max-cycles
	awk '$1 < 2000000' "$work/$name.model.trace" > "$work/$name.model.cut"
	if cmp -s "$work/$name.rtl.trace" "$work/$name.model.cut"; then ok
	else bad "$name: RTL trace differs from tessera run --trace"
		diff "$work/$name.model.cut" "$work/$name.rtl.trace" | head -n 4; fi
done

# Fault injection: the first instruction after the first taken branch must be where
# co-simulation fails, one cycle early on the RTL side; the failure writes waves of the
# cycles around it (cycle c at time 2c).
elf=$build/tests/rtl/branch.elf
"$build/tessera" run --quiet --trace "$work/branch.model.trace" "$elf" > /dev/null 2>&1
expect=$(awk 'function hex(s,  i, v) { v = 0; s = tolower(substr(s, 3))
		for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return v }
	{ pc = hex($3) }
	prev && pc != prevpc + 4 && prevmn ~ /^b/ { print $1, $3; exit }
	{ prev = 1; prevpc = pc; prevmn = $5 }' "$work/branch.model.trace")
rm -f "$work/fault.vcd"
"$build/cosim-fault" --quiet --fail-vcd "$work/fault.vcd" "$elf" > "$work/fault.log" 2>&1
rc=$?
cyc=${expect% *}; pc=${expect#* }
if [ -n "$expect" ] && [ $rc = 1 ] && grep -q '^COSIM FAIL' "$work/fault.log" &&
   grep -q "^  rtl:   $((cyc - 1)) 0 $pc " "$work/fault.log" &&
   grep -q "^  model: $cyc 0 $pc " "$work/fault.log" &&
   grep -qx "#$((2 * cyc))" "$work/fault.vcd"; then ok
else bad "fault injection: expected COSIM FAIL at cycle $cyc pc $pc (rtl one cycle early), exit $rc"
	head -n 5 "$work/fault.log"; fi

# Meshes: every tile runs the program; tess.tid/txy/mesh differ per tile, and so do the
# tiles' run lengths (no messages here: see below).
for spec in tiles:2x2 tiles:4x4 alu:2x2 muldiv:3x1; do
	prog=${spec%%:*}; mesh=${spec#*:}
	elf=$build/tests/rtl/$prog.elf
	[ -f "$elf" ] || elf=$build/tests/e2e/$prog.elf
	if "$build/cosim" --quiet --mesh "$mesh" "$elf" > "$work/mesh.log" 2>&1 &&
	   grep -q '^COSIM PASS: .* on [0-9]* tiles' "$work/mesh.log"; then ok
	else bad "$prog on a $mesh mesh"; tail -n 30 "$work/mesh.log"; fi
done

# Messages (SPEC §4.3, §8): the programs of tests/mesh and of the toolchain's examples on
# RTL tiles whose routers are wired into the mesh; every message injection and delivery
# (cycle, source, destination, tag, length, payload) is compared with the model's, and
# a pass must have compared some. RTL_SLOW=1 adds the long ones (a minute or two).
mspecs="mesh/pingpong:2x1 mesh/ring:1x1 mesh/ring:2x2 mesh/ring:4x4 mesh/reduce:2x2
	mesh/reduce:4x4 mesh/a2a:2x2 mesh/a2a:4x4 examples/hello:1x1 examples/hello:2x2
	examples/hello:4x4 examples/ring:2x2 examples/ring:4x4 examples/pipeline:4x1
	examples/pipeline:8x1 examples/matmul:2x2 examples/sum:2x2 tests/rtl/m_cappass:2x1
	tests/rtl/m_cappass:2x2"
[ -n "$RTL_SLOW" ] && mspecs="$mspecs examples/sum:4x4 examples/matmul:4x4 examples/life:4x4"
for spec in $mspecs; do
	prog=${spec%%:*}; mesh=${spec#*:}
	elf=$build/$prog.elf
	if "$build/cosim" --quiet --mesh "$mesh" "$elf" > "$work/msg.log" 2>&1 &&
	   grep -q '^COSIM PASS: [0-9]* instructions, [1-9][0-9]* messages' "$work/msg.log"; then ok
	else bad "$prog on a $mesh mesh (messages)"; tail -n 12 "$work/msg.log"; fi
done
# m_cappass checks itself (exit 0): on the model, so that the cosim pass holds the RTL to
# a run that did what the spec says.
if "$build/tessera" run --quiet --mesh 2x2 --tile all="$build/tests/rtl/m_cappass.elf" \
	> /dev/null 2>&1; then ok
else bad "m_cappass: the model does not exit 0"; fi
# msg.poll without a network: UNSUPPORTED in lock step (above), a pass on a 1x1 mesh.
if "$build/cosim" --quiet --mesh 1x1 "$build/tests/rtl/u_msg.elf" > "$work/umsg.log" 2>&1 &&
   grep -q '^COSIM PASS' "$work/umsg.log"; then ok
else bad "u_msg on a 1x1 mesh"; tail -n 5 "$work/umsg.log"; fi

# Fault injection in the router: every link one cycle longer (cosim-fault-hop). The
# first message that crosses a link in the model's message trace must be where the
# comparison fails, delivered one cycle late on the RTL side.
for spec in mesh/pingpong:2x1 mesh/a2a:4x4; do
	prog=${spec%%:*}; mesh=${spec#*:}
	elf=$build/$prog.elf
	"$build/tessera" run --quiet --mesh "$mesh" --tile all="$elf" --msg-trace "$work/hop.mt" \
		> /dev/null 2>&1
	# sent delivered src dst ...: both ends tiles, not the same one
	first=$(awk '$3 != $4 && $3 < 1024 && $4 < 1024 { print $1, $2, $3, $4; exit }' "$work/hop.mt")
	set -- $first
	rm -f "$work/hop.vcd"
	"$build/cosim-fault-hop" --quiet --mesh "$mesh" --fail-vcd "$work/hop.vcd" "$elf" \
		> "$work/hop.log" 2>&1
	rc=$?
	# the waves of the failing tile: the failure's cycle c at time 2c, 40 cycles before
	fc=$(sed -n 's/^COSIM FAIL: tile [0-9]*, cycle \([0-9]*\):.*/\1/p' "$work/hop.log")
	if [ -n "$fc" ] && grep -qx "#$((2 * fc))" "$work/hop.vcd" &&
	   [ "$(grep -m 1 '^#' "$work/hop.vcd")" = "#$((fc > 40 ? 2 * (fc - 40) : 0))" ]; then ok
	else bad "--fail-vcd on $prog $mesh: no waves around cycle '$fc'"; fi
	if [ -n "$first" ] && [ $rc = 1 ] &&
	   grep -q "^COSIM FAIL: tile .*: message deliveries differ" "$work/hop.log" &&
	   grep -q "^  rtl:   msg sent $1 delivered $(($2 + 1)) $3 -> 0x$(printf %x "$4") " "$work/hop.log" &&
	   grep -q "^  model: msg sent $1 delivered $2 $3 -> 0x$(printf %x "$4") " "$work/hop.log"; then ok
	else bad "hop fault on $prog $mesh: expected COSIM FAIL at message '$first' one cycle late, exit $rc"
		head -n 4 "$work/hop.log"; fi
done

# Budgets (SPEC §7): a cycle budget ending at every cycle of loaduse (load-use stalls)
# and at cycles inside divisions of muldiv must halt both sides alike with
# BUDGET_CYCLES; a memory bound below the data makes both fault alike.
bpass=0; btotal=0
for spec in loaduse:1:52 muldiv:30:120; do
	prog=${spec%%:*}; range=${spec#*:}
	for b in $(seq "${range%:*}" "${range#*:}"); do
		btotal=$((btotal + 1))
		if "$build/cosim" --quiet --budget-cycles "$b" "$build/tests/rtl/$prog.elf" \
			> "$work/budget.log" 2>&1 && grep -q '^COSIM PASS' "$work/budget.log" &&
		   { [ "$b" -ge 45 ] || grep -q 'halt BUDGET_CYCLES' "$work/budget.log"; }; then
			bpass=$((bpass + 1))
		else
			bad "$prog with --budget-cycles $b"; tail -n 8 "$work/budget.log"
		fi
	done
done
[ "$bpass" = "$btotal" ] && ok
if "$build/cosim" --quiet --bound 0x1000 "$build/tests/rtl/sieve.elf" > "$work/bound.log" 2>&1 &&
   grep -q 'halt MEM_FAULT' "$work/bound.log"; then ok
else bad "sieve with --bound 0x1000"; tail -n 8 "$work/bound.log"; fi

# Random programs of tests/diff/gen.c (every RV32IM instruction, edge operands, loads
# and stores of every width, branches taken and not), co-simulated: RTL_DIFF_COUNT of
# them from seed RTL_DIFF_SEED.
count=${RTL_DIFF_COUNT:-100}; seed=${RTL_DIFF_SEED:-1}
rd=$work/diff
rm -rf "$rd"; mkdir -p "$rd"
if [ "$count" -gt 0 ] && "$build/tests/diff/gen" -o "$rd" -s "$seed" -n "$count" -l 100; then
	dpass=0
	for s in $(seq "$seed" $((seed + count - 1))); do
		if riscv64-unknown-elf-gcc -march=rv32im -mabi=ilp32 -nostdlib -static \
			-Wl,-Ttext=0 -o "$rd/p$s.elf" "$rd/p$s.s" 2> "$rd/p$s.gcc" &&
		   "$build/cosim" --quiet "$rd/p$s.elf" > "$rd/p$s.log" 2>&1; then
			dpass=$((dpass + 1)); rm -f "$rd/p$s."*
		else
			bad "random program seed $s (kept in $rd)"; tail -n 30 "$rd/p$s.log" "$rd/p$s.gcc"
		fi
	done
	echo "rtl: $dpass of $count random programs co-simulated"
	[ "$dpass" = "$count" ] && ok
fi

# Semihosting off: the first ecall halts both sides with ECALL.
if "$build/cosim" --quiet --no-semihost "$build/tests/rtl/semihost.elf" > "$work/nosemi.log" 2>&1 &&
   grep -q 'halt ECALL pc 0x00000014' "$work/nosemi.log"; then ok
else bad "--no-semihost"; tail -n 5 "$work/nosemi.log"; fi

# A data difference: one word of alu's operands changed in the RTL's SRAM only must fail
# at the load that reads it, with both values shown.
addr=$(riscv64-unknown-elf-nm "$build/tests/rtl/alu.elf" | awk '$3 == "operands" { print "0x" $1 }')
"$build/cosim" --quiet --poke "$addr=0x12345678" "$build/tests/rtl/alu.elf" > "$work/poke.log" 2>&1
rc=$?
if [ -n "$addr" ] && [ $rc = 1 ] && grep -q '^COSIM FAIL: tile 0: retired instructions differ' "$work/poke.log" &&
   grep -q '^  rtl:   .* lw t0,0(s1) t0=0x12345678$' "$work/poke.log" &&
   grep -q '^  model: .* lw t0,0(s1) t0=0x00000000$' "$work/poke.log"; then ok
else bad "--poke $addr: expected COSIM FAIL at the load of the changed word, exit $rc"; head -n 4 "$work/poke.log"; fi

# Bad input: a clear message and exit 125, no crash.
"$build/cosim" "$work/does-not-exist.elf" > "$work/badin.log" 2>&1
rc=$?
if [ $rc = 125 ] && grep -q 'does-not-exist.elf' "$work/badin.log"; then ok
else bad "missing ELF: exit $rc"; cat "$work/badin.log"; fi

echo "rtl: $nprog programs co-simulated"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
