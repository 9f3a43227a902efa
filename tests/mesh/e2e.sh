#!/bin/sh
# End-to-end runs of the mesh examples through the tessera command: expected output
# and cycle counts, the block store across two runs, manifests, misbehaving guests.
# Usage: e2e.sh TESSERA PROGDIR. Ends with "N passed, N failed".
T=$1; P=$2
. "$(dirname "$0")/../isa_consts.sh"
pass=0; fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect NAME RC EXPECTED-STDOUT -- tessera run arguments...
expect() {
	name=$1; rc_want=$2; out_want=$3; shift 4
	out=$("$T" run --console-prefix off "$@" 2>"$tmp/err"); rc=$?
	if [ "$rc" != "$rc_want" ]; then
		ko "$name: exit status $rc, want $rc_want"; cat "$tmp/err"; return
	fi
	if [ "$out" != "$out_want" ]; then
		ko "$name: output"; echo "got:  $out"; echo "want: $out_want"; return
	fi
	ok
}

expect pingpong 0 "ping-pong: 100 rounds, value 200, 4108 cycles, 41 per round trip" -- \
	--mesh 2x1 --tile all="$P/pingpong.elf"
expect ring 0 "ring: 64 tiles, 3 laps, token 6048, 4088 cycles" -- \
	--mesh 8x8 --tile all="$P/ring.elf"
expect reduce 0 "reduce: sum 2080 over 64 tiles in 381 cycles" -- \
	--mesh 8x8 --tile all="$P/reduce.elf"
expect all-to-all 0 "all-to-all: 64 tiles, 16128 messages" -- \
	--mesh 8x8 --tile all="$P/a2a.elf"

# same_threads NAME "THREADS" RUN-ARGS...: the run with 1 thread, then with each of
# THREADS: the same output, message trace and statistics (files $tmp/NAME.1.*).
same_threads() {
	name=$1; list=$2; shift 2
	for th in 1 $list; do
		"$T" run "$@" --threads $th --msg-trace "$tmp/$name.$th.mt" \
			--stats-json "$tmp/$name.$th.json" > "$tmp/$name.$th.out" 2>&1
	done
	for th in $list; do
		if cmp -s "$tmp/$name.1.mt" "$tmp/$name.$th.mt" &&
		   cmp -s "$tmp/$name.1.out" "$tmp/$name.$th.out" &&
		   cmp -s "$tmp/$name.1.json" "$tmp/$name.$th.json"
		then ok; else ko "$name: --threads $th differs from --threads 1"; fi
	done
}

# Same output, message trace and statistics with 2, 3 and 5 host threads (each thread
# has its own part of the mesh: parts of unequal size, more threads than cores).
same_threads a2a "2 3 5" --mesh 8x8 --tile all="$P/a2a.elf"
# One trace line per message; the JSON carries the count and the links.
n=$(wc -l < "$tmp/a2a.1.mt")
if grep -q "\"messages\": $n," "$tmp/a2a.1.json" && grep -q '"links": \[' "$tmp/a2a.1.json" &&
   [ "$n" = 16129 ]; then ok; else ko "msg-trace: $n lines, JSON does not agree"; fi
# Every line: sent delivered src dst tag len vnet, delivered after sent.
if awk 'NF != 7 || $2 <= $1 { exit 1 }' "$tmp/a2a.1.mt"; then ok; else ko "msg-trace format"; fi

# The same with 256 tiles, enough for the threads to share the work.
same_threads "ring 16x16" "2 3" --mesh 16x16 --tile all="$P/ring.elf"

# A tile that never receives and halts later than the network has got (it ran ahead):
# messages due before its halt still fill its mailbox and back the network up, so the
# sender ends after it (8,154 against 8,017 cycles); discarded only from LOOKAHEAD cycles
# after the halt on (SPEC §6.2).
"$T" run --mesh 2x1 --tile all="$P/deaf.elf" --stats > /dev/null 2> "$tmp/deaf"
c0=$(awk '$1 == "0" && $2 == "exited" { print $4 }' "$tmp/deaf")
c1=$(awk '$1 == "1" && $2 == "exited" { print $4 }' "$tmp/deaf")
if [ -n "$c0" ] && [ -n "$c1" ] && [ "$c0" -gt "$c1" ]
then ok; else ko "deaf: sender ended at '$c0', the tile that never receives at '$c1'"; fi
# The same on 2 threads (one tile each): the backed-up link crosses the parts, so the
# network's window mode runs out of credits across them (sim/README.md).
"$T" run --mesh 2x1 --tile all="$P/deaf.elf" --stats --threads 2 > /dev/null 2> "$tmp/deaf2"
if cmp -s "$tmp/deaf" "$tmp/deaf2"; then ok; else ko "deaf: --threads 2 differs"; fi
# The same with a CONTROL capability about (tiles run window by window, no run-ahead): the
# halt late in a window must still count from its own cycle (it did not before halting
# took LOOKAHEAD cycles: the sender ended 3 cycles late; tests/rtl/ctl cosims the pair).
printf '0 deaf.elf control=all\n1 deaf.elf\n' > "$tmp/mdeaf"
cp "$P/deaf.elf" "$tmp/"
for th in 1 2; do
	"$T" run --mesh 2x1 --manifest "$tmp/mdeaf" --stats --threads $th > /dev/null 2> "$tmp/deafw"
	if [ "$(awk '$2 == "exited" { print $1, $4 }' "$tmp/deaf")" = \
	     "$(awk '$2 == "exited" { print $1, $4 }' "$tmp/deafw")" ]
	then ok; else ko "deaf with control=all on $th thread(s): tile cycles differ from without"; fi
done
# All-to-all on 5x7 with 2 and 4 threads: parts end inside rows (links east-west cross);
# the network's window mode also with more threads than this machine has cores.
export TESSERA_WINDOW_ANY_CORES=1
same_threads "a2a 5x7" "2 4" --mesh 5x7 --tile all="$P/a2a.elf"
# A part per row on 8 threads: each part meets only the rows above and below it in
# window mode, so parts further apart run cycles apart (sim/noc.c, await_neighbours).
same_threads "a2a 8x8, a part per row" "8" --mesh 8x8 --tile all="$P/a2a.elf"
# Window chains (sim/chain.c, chain_run) carry most windows of the runs above on 2 or
# more threads; without them (TESSERA_CHAIN=0) every window returns to the main thread.
export TESSERA_CHAIN=0
same_threads "a2a 5x7, chains off" "2 4" --mesh 5x7 --tile all="$P/a2a.elf"
same_threads "lag 8x8, chains off" "2 3" --mesh 8x8 --tile all="$P/lag.elf"
unset TESSERA_CHAIN TESSERA_WINDOW_ANY_CORES
# The core phase's parts moved to random places every 4 windows (sim/balance.h), empty
# parts included: which thread runs a tile changes nothing. Chaos with a controlling
# tile adds loads, starts, kills and halts while tiles change parts.
export TESSERA_BALANCE_TEST=12345
same_threads "a2a random parts" "2 3" --mesh 8x8 --tile all="$P/a2a.elf"
same_threads "ring random parts" "2 5" --mesh 16x16 --tile all="$P/ring.elf"
printf 'all chaos.elf\n11 chaos.elf control=all\n' > "$tmp/m5"
cp "$P/chaos.elf" "$tmp/"
same_threads "chaos random parts" "2 3" --mesh 4x4 --manifest "$tmp/m5" --max-cycles 200000
# Kills at random moments, operations right behind them (halting, SPEC §6.2), moving parts.
printf 'all killer.elf\n0 killer.elf control=all\n' > "$tmp/mk"
cp "$P/killer.elf" "$tmp/"
same_threads "killer random parts" "2 3" --mesh 4x4 --manifest "$tmp/mk" --max-cycles 150000
# ... and operations right behind a kill are refused (the tile is halting then).
rej=$(grep -o '"ctl_rejected": [0-9]*' "$tmp/killer random parts.1.json" | awk '{s += $2} END {print s + 0}')
if [ "$rej" -gt 0 ]; then ok; else ko "killer: no operation found a tile halting"; fi
unset TESSERA_BALANCE_TEST
# Killer on 8x8 with the parts left in place: window chains run while kills and
# operations are sent, and each such send must end its chain with its window (the
# message enters the network in the next window, which the main thread runs; without
# that, a control unit's event fell inside a chain: an internal error on 2 threads).
export TESSERA_WINDOW_ANY_CORES=1
same_threads "killer 8x8" "2 3" --mesh 8x8 --manifest "$tmp/mk" --max-cycles 200000
unset TESSERA_WINDOW_ANY_CORES

# A supervisor and a child with no CONTROL capability anywhere: neither sends a message,
# so each could run far ahead of the network, but the other's halt must stop it at its
# own cycle (net_tile_may_run_ahead). Before, the child ran a whole run-ahead chunk past
# the kill (KILLED at 1,048,581 on one thread, other cycles on two), and the supervisor
# past its acknowledgement deadline. The kill: the child halts at the first instruction
# boundary at or after the kill's delivery; the deadline: exactly ACK_GRACE (isa/params.h)
# cycles after the notice's delivery (SPEC §6.2, §6.3). tests/rtl/ctl cosims both.
ISA=$(dirname "$0")/../../isa
tag_of() { sed -n "s/^TAG($1, *\([0-9]*\),.*/\1/p" "$ISA/tags.def"; }
kill_tag=$(tag_of CTL_KILL); exit_tag=$(tag_of MSG_EXIT)
grace=$(sed -n 's/^#define ACK_GRACE *\([0-9]*\).*/\1/p' "$ISA/params.h")
cp "$P/watch.elf" "$tmp/"
printf '0 watch.elf\n1 watch.elf supervisor=0\n' > "$tmp/mwk"
printf '1 watch.elf\n0 watch.elf supervisor=1\n' > "$tmp/mwa"
same_threads "watch kill" "2 3" --mesh 2x1 --manifest "$tmp/mwk" --stats
same_threads "watch ack" "2 3" --mesh 2x1 --manifest "$tmp/mwa" --stats
kill_at=$(awk -v t="$kill_tag" '$5 == t { print $2 }' "$tmp/watch kill.1.mt")
killed=$(sed -n 's/.*tile 1 .*KILLED.* cycle \([0-9]*\)$/\1/p' "$tmp/watch kill.1.out")
if [ -n "$kill_at" ] && [ -n "$killed" ] && [ "$killed" -ge "$kill_at" ] &&
   [ "$killed" -le $((kill_at + 3)) ]
then ok; else ko "watch: kill delivered at '$kill_at', child killed at '$killed'"; fi
notice_at=$(awk -v t="$exit_tag" '$5 == t { print $2 }' "$tmp/watch ack.1.mt")
late=$(sed -n 's/.*tile 1 .*UNHANDLED_EXIT.* cycle \([0-9]*\)$/\1/p' "$tmp/watch ack.1.out")
if [ -n "$notice_at" ] && [ -n "$grace" ] && [ "$late" = $((notice_at + grace)) ]
then ok; else ko "watch: notice delivered at '$notice_at', supervisor halted at '$late'"; fi
# The same where deferred run-ahead is cut at random places (threads 2 and 3).
for seed in 1 2; do
	for m in wk wa; do
		for th in 2 3; do
			TESSERA_DEFER_TEST=$seed "$T" run --mesh 2x1 --manifest "$tmp/m$m" --stats \
				--threads $th > "$tmp/w.out" 2>&1
			n=kill; [ $m = wa ] && n=ack
			if cmp -s "$tmp/w.out" "$tmp/watch $n.1.out"; then ok
			else ko "watch $n: TESSERA_DEFER_TEST=$seed --threads $th differs"; fi
		done
	done
done

# Deferred run-ahead (sim/engine.c) cut at random places: visits a random 0-7 cycles
# past the next window, deferred pieces of 1-64 cycles, a part leaving its deferred
# work at random. Long computations between messages and halts while messages are on
# their way (lag), a halt that unblocks a backed-up sender (deaf, 20 seeds: a halt
# found a window late shows in its cycles), Life's halo exchange.
for seed in 1 2 3 4; do
	export TESSERA_DEFER_TEST=$seed
	same_threads "lag cut $seed" "2" --mesh 8x8 --tile all="$P/lag.elf"
	unset TESSERA_DEFER_TEST
done
export TESSERA_DEFER_TEST=5
same_threads "lag cut 3 threads" "3" --mesh 8x8 --tile all="$P/lag.elf"
export TESSERA_BALANCE_TEST=6
same_threads "lag cut, random parts" "2" --mesh 8x8 --tile all="$P/lag.elf"
unset TESSERA_DEFER_TEST TESSERA_BALANCE_TEST
# Deferral is on by default (sim/engine.c: DEFER_SLACK, DEFER_PIECE): the runs above;
# without it (TESSERA_DEFER=0) a visit runs a tile's whole run-ahead.
export TESSERA_DEFER=0
same_threads "lag, deferral off" "2 3" --mesh 8x8 --tile all="$P/lag.elf"
same_threads "life, deferral off" "2" --mesh 8x8 --tile all="$LIFE_ELF"
unset TESSERA_DEFER
"$T" run --mesh 2x1 --tile all="$P/deaf.elf" --stats > /dev/null 2> "$tmp/deaf1"
bad=""
for seed in $(seq 1 20); do
	TESSERA_DEFER_TEST=$seed "$T" run --mesh 2x1 --tile all="$P/deaf.elf" --stats \
		--threads 2 > /dev/null 2> "$tmp/deafc"
	cmp -s "$tmp/deaf1" "$tmp/deafc" || bad="$bad $seed"
done
[ -z "$bad" ] && ok || ko "deaf with random cuts differs (seeds$bad)"
export TESSERA_DEFER_TEST=7
same_threads "life cut" "2 3" --mesh 8x8 --tile all="$LIFE_ELF"
unset TESSERA_DEFER_TEST

# The part model (TESSERA_PART_MODEL=1): the parts one after another, the same results,
# and its bounds printed.
"$T" run --mesh 8x8 --tile all="$LIFE_ELF" --stats > "$tmp/pm1.out" 2> "$tmp/pm1.err"
TESSERA_PART_MODEL=1 "$T" run --mesh 8x8 --tile all="$LIFE_ELF" --stats --threads 3 \
	> "$tmp/pm3.out" 2> "$tmp/pm3.err"
if cmp -s "$tmp/pm1.out" "$tmp/pm3.out" &&
   grep -v '^part model' "$tmp/pm3.err" | cmp -s "$tmp/pm1.err" - &&
   grep -q '^part model: 3 parts, .* at most [0-9.]*x on 3 threads$' "$tmp/pm3.err" &&
   grep -q '^part model: .*within reach: at most [0-9.]*x; .*: [0-9.]*x, [0-9.]*x$' "$tmp/pm3.err"
then ok; else ko "part model: $(cat "$tmp/pm3.err")"; fi

# Console input through CON_READ.
out=$(printf 'hello tessera\nsecond line\n' | "$T" run "$P/conread.elf")
[ "$out" = "HELLO TESSERA
SECOND LINE" ] && ok || ko "conread: '$out'"

# Block store: ordering, errors, and data that outlives the run.
blk1="reply 1 tag 35 status 0 data 2048
reply 2 tag 32 status 0 data 0
reply 10 tag 33 status 0
reply 13 tag 32 status 0 data 0
reply 11 tag 33 status 0
reply 12 tag 32 status 0 data 150
reply 14 tag 34 status 0
reply 15 tag 32 status 0 data 150
reply 16 tag 32 status -1
reply 17 tag 32 status -2
lba 3 before 0, after 150; 8826 cycles"
expect block-run-1 0 "$blk1" -- --disk "$tmp/disk.img" "$P/blk.elf"
blk2=$(echo "$blk1" | sed 's/data 150/data 250/; s/before 0, after 150/before 150, after 250/;
	2s/data 0/data 150/')
expect block-run-2 0 "$blk2" -- --disk "$tmp/disk.img" "$P/blk.elf"
# its last request, a write of lba 6: 207 ... 214 after the second run (gen * 100 + 7 + i)
sec=$(isa_const BLK_SECTOR_BYTES)
lba6=$(od -An -tu4 -j $((6 * sec)) -N "$sec" "$tmp/disk.img" | tr -s ' \n' ' ')
[ "$lba6" = " 207 208 209 210 211 212 213 214 " ] && ok || ko "block store: lba 6 after the second run:$lba6"
[ "$(stat -c %s "$tmp/disk.img")" = 65536 ] && ok || ko "disk image size"
expect disk-refused 125 "" -- --disk "$tmp" "$P/blk.elf"

# Manifests: placement with budgets; errors name the file and line.
printf '# reduce everywhere\nall reduce.elf cycles=100000 msgs=4\n' > "$tmp/m1"
cp "$P/reduce.elf" "$tmp/"
expect manifest 0 "reduce: sum 2080 over 64 tiles in 381 cycles" -- --mesh 8x8 --manifest "$tmp/m1"
printf '0 chaos.elf cycles=5000\n' > "$tmp/m2"
cp "$P/chaos.elf" "$tmp/"
expect manifest-budget 126 "" -- --manifest "$tmp/m2"
grep -q "BUDGET_CYCLES.*cycle 500[0-2]" "$tmp/err" && ok || ko "manifest-budget: $(cat "$tmp/err")"
printf '0 reduce.elf\n1 reduce.elf colour=blue\n' > "$tmp/m3"
expect manifest-bad 125 "" -- --mesh 2x1 --manifest "$tmp/m3"
grep -q "m3:2: unknown key 'colour'" "$tmp/err" && ok || ko "manifest-bad: $(cat "$tmp/err")"
printf '0 reduce.elf supervisor=1\n' > "$tmp/m4"
expect manifest-super 125 "" -- --mesh 2x1 --manifest "$tmp/m4"

# A guest cannot crash or hang the simulator: --max-cycles always ends the run.
"$T" run --mesh 4x4 --tile all="$P/chaos.elf" --max-cycles 300000 > "$tmp/out" 2> "$tmp/err"
rc=$?
if [ $rc = 124 ] && grep -q "tile 3 .*MEM_FAULT" "$tmp/err" && grep -q "tile 4 .*MEM_FAULT" "$tmp/err"
then ok; else ko "chaos: exit $rc"; cat "$tmp/err"; fi

# The same with one tile sending random control operations to every tile (random
# words loaded and started, kills, grants): every run still ends, with 124.
for seed in 1 2 3; do
	"$T" run --mesh 4x4 --manifest "$tmp/m5" --max-cycles $((seed * 100000)) --quiet \
		> /dev/null 2>&1
	rc=$?
	[ $rc = 124 ] && ok || ko "chaos with control, $seed: exit $rc"
done
# Alone, it loads garbage into idle tiles and starts it: they fault, it does not
# acknowledge their notices and halts with UNHANDLED_EXIT; the run then ends by itself.
printf '11 chaos.elf control=all\n' > "$tmp/m6"
"$T" run --mesh 4x4 --manifest "$tmp/m6" --max-cycles 1000000 > /dev/null 2> "$tmp/err"
rc=$?
[ $rc = 126 ] && grep -q "tile 11 .*UNHANDLED_EXIT" "$tmp/err" && ok ||
	ko "chaos control alone: exit $rc: $(cat "$tmp/err")"

# The chip's final cycle is its last halt when nothing else happened after it: a lone
# tile's run-ahead stops at a chunk's end (1,048,580 here) and goes on in the next
# visit, where it exits at once (at 1,048,580). The window of that visit, which ends at
# 1,048,584, has no event of its own (sim/engine.c, "real" windows); until the
# thirteenth session the chip reported 1,048,584, and with deferred run-ahead the end
# of whichever window a cut visit went on in.
printf '\t.text\n\t.globl _start\n_start:\n\tli x1, 262145\nloop:\n' > "$tmp/chunk.s"
printf '\taddi x1, x1, -1\n\tbnez x1, loop\n\ttess.exit x0\n' >> "$tmp/chunk.s"
"$T" as --exec -o "$tmp/chunk.elf" "$tmp/chunk.s" &&
	"$T" run --mesh 2x1 --tile 0="$tmp/chunk.elf" --stats-json "$tmp/chunk.json" > /dev/null 2>&1
cyc=$(grep -o '"cycles": [0-9]*' "$tmp/chunk.json" | awk '{print $2}' | tr '\n' ' ')
[ "$cyc" = "1048580 1048580 " ] && ok || ko "chunk: chip and tile cycles $cyc, want 1048580 twice"

# A control operation for a tile that stays active to the end is refused (SPEC §6.1)
# even when nothing happens after it: tile 0 sends CTL_LOAD to tile 1, which sleeps in
# msg.wait for good, and the run ends 20 cycles in. Until the thirteenth session the
# refusal waited for a next window that never came (ctl_rejected 0; the RTL says 1).
isa_equ > "$tmp/op.s"
printf '\t.text\n\t.globl _start\n_start:\n\tli x29, 0\n\ttess.tid x1\n' >> "$tmp/op.s"
printf '\tbnez x1, sleep\n\tli x27, SLOT_CONTROL | (TAG_CTL_LOAD << 8)\n' >> "$tmp/op.s"
printf '\tli x28, 1\n\tmsg.send x5, x27, x31, x28\n' >> "$tmp/op.s"
printf 'sleep:\n\tmsg.wait x5, x29\n\tj sleep\n' >> "$tmp/op.s"
printf '0 op.elf control=all\n1 op.elf\n' > "$tmp/op.m"
"$T" as --exec -o "$tmp/op.elf" "$tmp/op.s" &&
	"$T" run --mesh 2x1 --manifest "$tmp/op.m" --stats-json "$tmp/op.json" > /dev/null 2>&1
rej=$(grep -o '"ctl_rejected": [0-9]*' "$tmp/op.json" | awk '{print $2}' | tr '\n' ' ')
[ "$rej" = "0 1 " ] && ok || ko "operation at the end: ctl_rejected $rej, want 0 then 1"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
