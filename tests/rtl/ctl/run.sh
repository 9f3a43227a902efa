#!/bin/sh
# The control unit alone against the C model: for each run below, ctl_rec records every
# tile's control unit in the C model and ctl_tb replays it into rtl/tess_ctl.sv.
# Usage: run.sh CTLBUILD MESHBUILD OSBUILD. Ends with "N passed, N failed".
# CTL_SLOW=1 adds the OS demo on 8x8 (1000 requests: 15,000 operations, half a minute).
B=$(cd "$1" && pwd); MESH=$(cd "$2" && pwd); OSB=$3
pass=0; fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); echo "ok   $*"; }
ko() { fail=$((fail + 1)); echo "FAIL $*"; }

# replay NAME TESSERA-RUN-ARGS...: record the C model, replay, expect PASS
replay() {
	name=$1; shift
	"$B/ctl_rec" "$tmp/$name.log" --quiet "$@" > "$tmp/$name.out" 2>&1
	rc=$?
	if [ $rc -ge 125 ] && [ $rc != 126 ]; then ko "$name: tessera run exit $rc"; return; fi
	if out=$("$B/ctl_tb" "$tmp/$name.log" "$name" 2>&1); then ok "$out"; else ko "$name"; echo "$out"; fi
}

for s in 1 2 3 4 5 6; do
	printf '0 %s control=all\n' "$B/scen$s.elf" > "$tmp/m$s"
	sh=; [ $s = 1 ] && sh=--no-semihost   # scenario 1's children include an ECALL halt
	replay "supervision-$s" --mesh 4x4 --manifest "$tmp/m$s" $sh
done
# every tile floods tile 0's unit: up to 6 operations wait at once
printf 'all %s control=0\n' "$B/flood.elf" > "$tmp/mf"
replay flood --mesh 4x4 --manifest "$tmp/mf"
printf 'all %s\n11 %s control=all\n' "$MESH/chaos.elf" "$MESH/chaos.elf" > "$tmp/mc"
for n in 1 3; do
	replay "chaos-$n" --mesh 4x4 --manifest "$tmp/mc" --max-cycles $((n * 100000))
done
# kills at random moments with operations right behind them (some find the tile halting)
printf 'all %s\n0 %s control=all\n' "$MESH/killer.elf" "$MESH/killer.elf" > "$tmp/mk"
replay killer --mesh 4x4 --manifest "$tmp/mk" --max-cycles 150000
for r in one restart killsup badsup; do
	replay "os-$r" --mesh 4x4 --boot "$OSB/root_$r.elf" --max-cycles 3000000
done
[ "${CTL_SLOW:-0}" = 1 ] && replay os-demo --mesh 8x8 --boot "$OSB/root_demo.elf"

# The devices (dev_tb): the block store (every request kind, dependencies, barriers, errors) and
# console input/output, each replayed into the behavioural SV devices.
head -c 65536 /dev/zero > "$tmp/d0.img"
cp "$tmp/d0.img" "$tmp/d1.img"
"$B/ctl_rec" "$tmp/blk.log" --quiet --disk "$tmp/d1.img" "$MESH/blk.elf" > /dev/null 2>&1
if out=$("$B/dev_tb" "$tmp/blk.log" "$tmp/d0.img" "$tmp/d1.img" - blk 2>&1); then ok "$out"
else ko "blk"; echo "$out"; fi
# the same run against a disk that held other data: the first read must differ
cp "$tmp/d0.img" "$tmp/d2.img"; printf 'x' | dd of="$tmp/d2.img" bs=1 seek=100 conv=notrunc 2> /dev/null
if "$B/dev_tb" "$tmp/blk.log" "$tmp/d2.img" "$tmp/d1.img" - blk-wrong-disk > "$tmp/o" 2>&1; then
	ko "blk on another disk passes"
elif grep -q "device 1: reply flit" "$tmp/o"; then ok "blk on another disk fails at the reply that reads it"
else ko "blk on another disk: $(head -2 "$tmp/o")"; fi
printf 'hello tessera\nsecond line\n' > "$tmp/in.txt"
"$B/ctl_rec" "$tmp/con.log" --quiet "$MESH/conread.elf" < "$tmp/in.txt" > /dev/null 2>&1
if out=$("$B/dev_tb" "$tmp/con.log" - - "$tmp/in.txt" conread 2>&1); then ok "$out"
else ko "conread"; echo "$out"; fi
cp "$tmp/d0.img" "$tmp/d3.img"
"$B/ctl_rec" "$tmp/store.log" --quiet --mesh 4x4 --boot "$OSB/root_store1.elf" --disk "$tmp/d3.img" \
	--max-cycles 3000000 > /dev/null 2>&1
if out=$("$B/dev_tb" "$tmp/store.log" "$tmp/d0.img" "$tmp/d3.img" - os-store 2>&1); then ok "$out"
else ko "os-store"; echo "$out"; fi

# The devices at the RTL mesh's ports (chip_tb, 1x1): conread and blk run on the RTL.
RV=${RV_PREFIX:-riscv64-unknown-elf-}
chip() {
	name=$1; elf=$2; d0=$3; d1=$4; in=$5
	"${RV}objcopy" -O binary "$elf" "$tmp/$name.bin"
	entry=$("${RV}readelf" -h "$elf" | awk '/Entry/ { print $4 }')
	if out=$("$B/chip_tb" "$tmp/$name.bin" "$entry" "$6" "$d0" "$d1" "$in" "$name" 2>&1)
	then ok "$out"; else ko "$name"; echo "$out"; fi
}
chip chip-conread "$MESH/conread.elf" - - "$tmp/in.txt" "$tmp/con.log"
chip chip-blk "$MESH/blk.elf" "$tmp/d0.img" "$tmp/d1.img" - "$tmp/blk.log"
# the same on a disk whose sector 3 (which blk.elf reads and prints) holds other data
cp "$tmp/d0.img" "$tmp/d4.img"; printf 'x' | dd of="$tmp/d4.img" bs=1 seek=96 conv=notrunc 2> /dev/null
"${RV}objcopy" -O binary "$MESH/blk.elf" "$tmp/b.bin"
if "$B/chip_tb" "$tmp/b.bin" "$(${RV}readelf -h "$MESH/blk.elf" | awk '/Entry/ { print $4 }')" \
	"$tmp/blk.log" "$tmp/d4.img" "$tmp/d1.img" - chip-blk-other > "$tmp/o" 2>&1; then
	ko "chip-blk on another disk passes"
elif grep -q "console write 1 at cycle" "$tmp/o"; then ok "chip-blk on another disk fails at the line that prints the sector"
else ko "chip-blk on another disk: $(head -2 "$tmp/o")"; fi

# OS boots on the 4x4 RTL chip with a control unit in every tile (ctl_chip_tb): the root
# loads, starts, supervises, kills and restarts the others over the control network.
for r in one restart killsup badsup spawnd pool rest nsrestart loop all; do
	elf="$OSB/root_$r.elf"
	[ -f "$elf" ] || { ko "os boot $r: $elf missing"; continue; }
	"${RV}objcopy" -O binary "$elf" "$tmp/root_$r.bin"
	entry=$("${RV}readelf" -h "$elf" | awk '/Entry/ { print $4 }')
	"$B/ctl_rec" "$tmp/boot_$r.log" --quiet --mesh 4x4 --boot "$elf" --no-semihost \
		--max-cycles 3000000 > /dev/null 2>&1
	if out=$("$B/ctl_chip_tb" "$tmp/root_$r.bin" "$entry" "$tmp/boot_$r.log" "chip-os-$r" 2>&1)
	then ok "$out"; else ko "chip-os-$r"; echo "$out"; fi
done
if [ -x "$B/ctl_chip_tb-fault" ] && [ "${CTL_SLOW:-0}" = 1 ]; then
	e=$("${RV}readelf" -h "$OSB/root_killsup.elf" | awk '/Entry/ { print $4 }')
	if "$B/ctl_chip_tb-fault" "$tmp/root_killsup.bin" "$e" "$tmp/boot_killsup.log" fault \
		> "$tmp/o" 2>&1; then ko "chip with a kill one cycle late passes"
	else ok "chip with a kill one cycle late fails: $(head -1 "$tmp/o")"; fi
fi

# cosim --mesh: the same runs in lock step on RTL tiles that hold their control units,
# with the devices at the device ports: every retired instruction of every tile (each
# start of a tile), every message on both networks, every halt, the console output.
COSIM=$B/../cosim
cosim_pass() {
	name=$1; shift
	if "$COSIM" --quiet "$@" > "$tmp/cs.out" 2>&1 && grep -q '^COSIM PASS' "$tmp/cs.out"
	then ok "cosim $name: $(grep '^COSIM PASS' "$tmp/cs.out")"
	else ko "cosim $name"; head -n 8 "$tmp/cs.out"; fi
}
for s in 1 2 3 4 5 6; do
	sh=; [ $s = 1 ] && sh=--no-semihost
	cosim_pass "supervision-$s" --mesh 4x4 --manifest "$tmp/m$s" $sh
done
cosim_pass flood --mesh 4x4 --manifest "$tmp/mf"
cosim_pass chaos-1 --mesh 4x4 --manifest "$tmp/mc" --max-cycles 100000
# a halt while a sender waits on the halted tile's full mailbox, with a CONTROL capability
# about (tiles run window by window): SPEC §6.2's halting, found by this pair (the model
# took messages 3 cycles too long when the halt fell late in a window)
printf '0 %s control=all\n1 %s\n' "$MESH/deaf.elf" "$MESH/deaf.elf" > "$tmp/mdeaf"
cosim_pass deaf-control --mesh 2x1 --manifest "$tmp/mdeaf"
cosim_pass killer --mesh 4x4 --manifest "$tmp/mk" --max-cycles 150000
# a supervisor and a child with no CONTROL capability anywhere, each able to run ahead:
# the supervisor's semihosting exit kills the spinning child (the cascade), and a
# spinning supervisor misses its child's EXIT notice's deadline (tests/mesh/progs/watch.c)
printf '0 %s\n1 %s supervisor=0\n' "$MESH/watch.elf" "$MESH/watch.elf" > "$tmp/mwk"
printf '1 %s\n0 %s supervisor=1\n' "$MESH/watch.elf" "$MESH/watch.elf" > "$tmp/mwa"
cosim_pass watch-kill --mesh 2x1 --manifest "$tmp/mwk"
cosim_pass watch-ack --mesh 2x1 --manifest "$tmp/mwa"
boots="one restart killsup badsup"
[ "${CTL_SLOW:-0}" = 1 ] && boots="$boots spawnd pool rest nsrestart loop all"
for r in $boots; do
	cosim_pass "os-$r" --mesh 4x4 --boot "$OSB/root_$r.elf" --no-semihost --max-cycles 3000000
done
# the devices in lock step: every block-store request kind (the disk image compared at
# the end), console input (empty on both sides), on the 1x1 RTL mesh
printf '0 %s\n' "$MESH/blk.elf" > "$tmp/mblk"
cp "$tmp/d0.img" "$tmp/d5.img"
cosim_pass blk --mesh 1x1 --manifest "$tmp/mblk" --disk "$tmp/d5.img"
printf '0 %s\n' "$MESH/conread.elf" > "$tmp/mcon"
cosim_pass conread --mesh 1x1 --manifest "$tmp/mcon"
# A kill one cycle late (cosim-fault-kill: tess_ctl with TESS_FAULT_KILL_LATE) must fail at
# the C model's first kill of the killsup boot: the killed tile halts a cycle late, so its
# control unit writes the EXIT notice a cycle late (the first thing that differs).
set -- $(awk '$1 == "H" && $4 == 9 { print $2, $3; exit }' "$tmp/boot_killsup.log")
"$COSIM-fault-kill" --quiet --mesh 4x4 --boot "$OSB/root_killsup.elf" --no-semihost \
	--max-cycles 3000000 > "$tmp/ck" 2>&1; rc=$?
if [ $# = 2 ] && [ $rc = 1 ] &&
   head -1 "$tmp/ck" | grep -q "^COSIM FAIL: tile $2, cycle $(($1 + 1)): control-unit injections differ" &&
   grep -q "model: control unit of tile $2 writes a message to .* at $1 " "$tmp/ck" &&
   grep -q "rtl: *control unit of tile $2 writes a message to .* at $(($1 + 1))$" "$tmp/ck"; then
	ok "cosim with a kill one cycle late fails at the model's first kill (tile $2, cycle $1)"
else ko "cosim fault (kill late): exit $rc, expected a FAIL at tile $2 cycle $1"; head -3 "$tmp/ck"; fi
"$COSIM" --boot "$OSB/root_one.elf" > "$tmp/ck" 2>&1; rc=$?
if [ $rc = 125 ] && grep -q "need --mesh" "$tmp/ck"; then ok "cosim --boot without --mesh refused"
else ko "cosim --boot without --mesh: exit $rc"; fi

# Fault injection: a kill one cycle late must fail at the first kill (tile 5, blocked in
# msg.recv, so the C model halts it exactly at the kill's apply cycle): the RTL does not
# ask for the halt in that cycle.
"$B/ctl_tb-fault" "$tmp/supervision-2.log" fault > "$tmp/f" 2>&1
a=$(awk '$1 == "O" && $6 == 4 { print $3; exit }' "$tmp/supervision-2.log")
if [ -n "$a" ] && head -1 "$tmp/f" | grep -q "tile 5 cycle $a: halt cause 9 value 0 in the C model; RTL kill_o 0"; then
	ok "fault injection (kill one cycle late) fails at the kill applied at $a"
else ko "fault injection: $(head -3 "$tmp/f")"; fi

# Bad input: a clear error naming the file and line, exit 2, no crash.
printf 'N 1 2 3\nQ junk\n' > "$tmp/bad.log"
"$B/ctl_tb" "$tmp/bad.log" > "$tmp/b" 2>&1; rc=$?
if [ $rc = 2 ] && grep -q "bad.log:2: unknown record" "$tmp/b"; then ok "bad log refused"
else ko "bad log: exit $rc: $(cat "$tmp/b")"; fi
printf 'N 1 2 3\nO 1 2 3\n' > "$tmp/short.log"
"$B/ctl_tb" "$tmp/short.log" > "$tmp/b" 2>&1; rc=$?
if [ $rc = 2 ] && grep -q "short.log:2: malformed record" "$tmp/b"; then ok "short record refused"
else ko "short record: exit $rc: $(cat "$tmp/b")"; fi

echo "$pass passed, $fail failed"
[ $fail = 0 ]
