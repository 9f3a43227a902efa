#!/bin/sh
# OS tests (issue 6): each boots a root image built with its own manifest
# (build/os/boot_*.mf: the root alone on tile 0 with CONTROL over every tile) and
# checks what the run printed and its exit status. Usage: run.sh TESSERA OSBUILD
tessera=$1; osb=$2
pass=0; fail=0
out=$(mktemp); disk=$(mktemp -u); trap 'rm -f "$out" "$disk"' EXIT

ok()  { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1: $2"; sed 's/^/     | /' "$out" | tail -n 25; }

# boot NAME MESH [OPTION...]: runs boot_NAME.mf, output in $out, status in $rc
boot() {
	n=$1; mesh=$2; shift 2
	timeout 600 "$tessera" run --quiet --mesh "$mesh" --manifest "$osb/boot_$n.mf" \
		--max-cycles 100000000 "$@" > "$out" 2>&1
	rc=$?
}

# field NAME: the number after "NAME " in the summary line
field() { grep -E '^(\[[0-9]+\] )?summary:' "$out" | sed -n "s/.*[ (]$1 \([0-9]*\).*/\1/p"; }

# 1000 requests, a seeded 10% runaway: exactly the good ones succeed, the bad ones
# get errors, none lost, every tile free after.
boot demo 8x8
req=$(field requests); srv=$(field served); fl=$(field failed); ra=$(field "runaway sent")
if [ "$rc" != 0 ]; then bad "1000 requests" "exit status $rc"
elif [ "$req" != 1000 ]; then bad "1000 requests" "requests '$req'"
elif [ "$ra" -lt 50 ] || [ "$ra" -gt 150 ]; then bad "1000 requests" "runaway sent $ra, not about 10%"
elif [ "$srv" != $((req - ra)) ] || [ "$fl" != "$ra" ]; then bad "1000 requests" "served $srv failed $fl"
elif [ "$(field lost)" != 0 ] || [ "$(field wrong)" != 0 ]; then bad "1000 requests" "lost or wrong answers"
elif [ "$(field 'tiles leaked')" != 0 ]; then bad "1000 requests" "tiles leaked"
else ok "1000 requests: $srv served, $fl runaway refused, none lost, no tile leaked"; fi

# The same boot on 1, 2 and 3 host threads: console output, message trace (10,000
# control messages among them) and statistics byte for byte the same.
for th in 1 2 3; do
	timeout 600 "$tessera" run --mesh 8x8 --manifest "$osb/boot_demo.mf" --threads $th \
		--msg-trace "$out.mt$th" --stats-json "$out.js$th" > "$out.o$th" 2>&1
done
if cmp -s "$out.o1" "$out.o2" && cmp -s "$out.o1" "$out.o3" && cmp -s "$out.mt1" "$out.mt2" &&
   cmp -s "$out.mt1" "$out.mt3" && cmp -s "$out.js1" "$out.js2" && cmp -s "$out.js1" "$out.js3" &&
   [ "$(grep -c ' ctl$' "$out.mt1")" -gt 1000 ]
then ok "threads: the demo on 2 and 3 host threads is the run on 1, byte for byte"
else bad "threads" "--threads 2 or 3 differs from --threads 1"; fi
rm -f "$out".mt? "$out".js? "$out".o?

# Every runaway kind was stopped by the hardware for its own cause.
# Every runaway kind was stopped by the hardware for its own cause, and nothing else
# failed.
cyc=$(sed -n 's/.*stopped by cycle budget \([0-9]*\).*/\1/p' "$out")
mem=$(sed -n 's/.*by memory bound \([0-9]*\).*/\1/p' "$out")
ill=$(sed -n 's/.*as illegal instruction \([0-9]*\).*/\1/p' "$out")
if [ -z "$cyc" ] || [ "$cyc" = 0 ] || [ "$mem" = 0 ] || [ "$ill" = 0 ]; then
	bad "runaway causes" "cycle budget '$cyc', memory '$mem', illegal '$ill'"
elif [ $((cyc + mem + ill)) != "$fl" ]; then bad "runaway causes" "$cyc+$mem+$ill != $fl"
else ok "runaway causes: $cyc cycle budget, $mem memory bound, $ill illegal"; fi

# Queue-depth scaling: under the burst the pool grew, after it shrank back.
d=$(grep '^dispatcher: served' "$out")
peak=$(echo "$d" | sed -n 's/.*peak workers \([0-9]*\).*/\1/p')
now=$(echo "$d" | sed -n 's/.*workers now \([0-9]*\).*/\1/p')
grew=$(echo "$d" | sed -n 's/.*pool grew \([0-9]*\).*/\1/p')
shrank=$(echo "$d" | sed -n 's/.*shrank \([0-9]*\).*/\1/p')
if [ -z "$peak" ]; then bad "queue-depth scaling" "no dispatcher report"
elif [ "$grew" = 0 ] || [ "$shrank" = 0 ] || [ "$peak" -lt 8 ] || [ "$now" -gt 2 ]; then
	bad "queue-depth scaling" "peak $peak, now $now, grew $grew, shrank $shrank"
else ok "queue-depth scaling: workers rose to $peak, fell to $now"; fi

# Kill a permanent service: back within a bounded number of cycles, and its client
# reconnects through the name service.
boot restart 4x4
line=$(grep -E '^(\[[0-9]+\] )?report 3:' "$out" | sed 's/^\[[0-9]*\] //')
cyc=$(echo "$line" | awk '{print $3}'); newt=$(echo "$line" | awk '{print $5}')
if [ "$rc" != 0 ]; then bad "restart" "exit status $rc"
elif [ -z "$cyc" ] || [ "$newt" = 0 ]; then bad "restart" "client did not reconnect"
elif [ "$cyc" -gt 50000 ]; then bad "restart" "reconnected after $cyc cycles (bound 50000)"
elif ! grep -q 'started echo on tile [0-9]* (start 2)' "$out"; then bad "restart" "no second start"
else
	# The root restarts it within a bound: from the notice's arrival to the new start.
	down=$(sed -n 's/.*root: echo on tile [0-9]* halted: cause 2 .* at cycle \([0-9]*\)/\1/p' "$out")
	up=$(sed -n 's/.*root: started echo on tile [0-9]* (start 2) at cycle \([0-9]*\)/\1/p' "$out")
	if [ -z "$down" ] || [ -z "$up" ] || [ $((up - down)) -gt 10000 ]; then
		bad "restart" "restart took '$down' -> '$up' (bound 10000 cycles)"
	else ok "restart: echo back $((up - down)) cycles after its notice, client reconnected in $cyc"; fi
fi

# The name service itself is killed: restarted, told by the root what runs, and a
# client that looks up afterwards (then crashes its service and reconnects) succeeds.
boot nsrestart 4x4
line=$(grep -E '^(\[[0-9]+\] )?report 3:' "$out" | sed 's/^\[[0-9]*\] //'); newt=$(echo "$line" | awk '{print $5}')
if [ "$rc" != 0 ]; then bad "name service restart" "exit status $rc"
elif ! grep -q 'started names on tile [0-9]* (start 2)' "$out"; then bad "name service restart" "names not restarted"
elif [ -z "$line" ] || [ "$newt" = 0 ]; then bad "name service restart" "client never reached its service"
else ok "name service restart: registrations restored, client served"; fi

# Crash loop: the sub-supervisor's intensity (3 in 1,000,000 cycles) trips and it exits
# with SUP_EXIT_INTENSITY (77); the root is told, one level up.
boot loop 4x4
if [ "$rc" != 0 ]; then bad "crash loop" "exit status $rc"
elif ! grep -q 'root: subsup on tile [0-9]* halted: cause 1 value 77 ' "$out"; then
	bad "crash loop" "no escalation (exit value 77) seen by the root"
elif [ "$(field 'tiles leaked')" != 0 ]; then bad "crash loop" "tiles leaked"
elif [ "$(grep -c 'subsup: started child 0' "$out")" != 4 ]; then bad "crash loop" "not 4 starts (3 restarts allowed)"
else
	# Backoff: failures in a row wait 0, 2000, 4000 cycles before the restart.
	gaps=$(sed -n 's/.*subsup: started child 0 .* at cycle \([0-9]*\)/\1/p' "$out" |
		awk 'NR > 1 { printf "%d ", $1 - p } { p = $1 }')
	set -- $gaps
	if [ $# != 3 ] || [ $(($2 - $1)) -lt 1800 ] || [ $(($2 - $1)) -gt 2200 ] ||
	   [ $(($3 - $2)) -lt 1800 ] || [ $(($3 - $2)) -gt 2200 ]; then
		bad "crash loop" "restart gaps '$gaps' do not grow by the backoff (2000)"
	else ok "crash loop: backoff 0/2000/4000 (gaps $gaps), intensity tripped, escalated"; fi
fi

# Kill a supervisor: its subtree halts by the hardware cascade and holds no tile.
boot killsup 4x4
busy=$(sed -n 's/^kill: .*still busy \([0-9]*\).*/\1/p' "$out")
before=$(sed -n 's/^kill: subtree tiles busy before \([0-9]*\).*/\1/p' "$out")
if [ "$rc" != 0 ]; then bad "kill supervisor" "exit status $rc"
elif [ "$before" != 3 ]; then bad "kill supervisor" "subtree not running before the kill ('$before' busy, 3 expected)"
elif [ "$busy" != 0 ]; then bad "kill supervisor" "subtree tiles still busy: '$busy'"
elif [ "$(field 'tiles leaked')" != 0 ]; then bad "kill supervisor" "tiles leaked"
else ok "kill supervisor: subtree gone ($(sed -n 's/.*notice after \([0-9]*\).*/\1/p' "$out") cycles to the notice)"; fi

# A supervisor that ignores its child's EXIT notice is halted with UNHANDLED_EXIT (10).
boot badsup 4x4
if [ "$rc" != 0 ]; then bad "unacknowledged notice" "exit status $rc"
elif ! grep -q 'root: badsup on tile [0-9]* halted: cause 10 ' "$out"; then
	bad "unacknowledged notice" "badsup not halted with UNHANDLED_EXIT"
else ok "unacknowledged notice: supervisor halted by the hardware"; fi

# Strategies: child 1 of three crashes. one_for_all restarts all three, rest_for_one
# children 1 and 2, one_for_one child 1 alone; restarts go in order, and at the end the
# children are stopped in reverse order.
strategy() {  # NAME STARTS RESTART-ORDER
	boot "$1" 4x4
	got=$(sed -n 's/.*subsup: starts \(.*\)/\1/p' "$out")
	order=$(sed -n 's/.*subsup: started child \([0-9]\) on tile [0-9]* (start 2).*/\1/p' "$out" | tr -d '\n')
	stop=$(sed -n '/subsup: starts/,$p' "$out" | sed -n 's/.*subsup: child \([0-9]\) halted, cause 9/\1/p' | tr -d '\n')
	if [ "$rc" != 0 ]; then bad "strategy $1" "exit status $rc"
	elif ! grep -q 'root: subsup on tile [0-9]* halted: cause 1 value 0 ' "$out"; then
		bad "strategy $1" "subsup did not finish its test"
	elif [ "$got" != "$2" ]; then bad "strategy $1" "starts '$got', expected '$2'"
	elif [ "$order" != "$3" ]; then bad "strategy $1" "restart order '$order', expected '$3'"
	elif [ "$stop" != 210 ]; then bad "strategy $1" "stop order '$stop', expected 210"
	else ok "strategy $1: starts $got, restarted in order $3, stopped in reverse"; fi
}
strategy all "2 2 2" 012
strategy rest "1 2 2" 12
strategy one "1 2 1" 1

# Dynamic pool of temporary children: a crashed one is not restarted, its slot is reused.
boot pool 4x4
if [ "$rc" != 0 ]; then bad "dynamic pool" "exit status $rc"
elif ! grep -q 'subsup: pool: crashed child not restarted, next start in slot 1, restarts 0' "$out"; then
	bad "dynamic pool" "no pool result"
elif [ "$(grep -c 'subsup: started child' "$out")" != 4 ]; then bad "dynamic pool" "not 4 starts"
elif ! grep -q 'root: subsup on tile [0-9]* halted: cause 1 value 0 ' "$out"; then
	bad "dynamic pool" "subsup failed its test"
else ok "dynamic pool: temporary child not restarted, slot reused"; fi

# Spawn service: a program without CONTROL gets four echoes and capabilities to them,
# and their EXIT notices (an illegal instruction, a cycle budget) forwarded.
boot spawnd 4x4
rep=$(sed -n 's/^\(\[[0-9]*\] \)\{0,1\}report 3: //p' "$out")
if [ "$rc" != 0 ]; then bad "spawn service" "exit status $rc"
elif [ "$rep" != "4 4 2 7" ]; then bad "spawn service" "spawned/echoed/crash/budget '$rep', expected '4 4 2 7'"
elif [ "$(field 'tiles leaked')" != 0 ]; then bad "spawn service" "tiles leaked"
else ok "spawn service: 4 spawned and reached by capability, exits forwarded"; fi

# Console service: two programs write lines in pieces that interleave; each line comes
# out whole, named after its program.
boot console 4x4
whole=$(grep -cE '^(\[[0-9]+\] )?\[chatter\] hello from chatter [01], line [0-2]$' "$out")
pieces=$(grep -c 'hello from' "$out")
if [ "$rc" != 0 ]; then bad "console service" "exit status $rc"
elif [ "$whole" != 6 ] || [ "$pieces" != 6 ]; then bad "console service" "$whole whole lines of $pieces, 6 expected"
else ok "console service: 6 interleaved lines out whole, named"; fi

# Store: 12 acknowledged writes, a crash in the middle of writing a 13th, restart,
# read: every acknowledged write is there and the torn one is not; again in a second
# simulator run on the same disk file.
boot store1 4x4 --disk "$disk"
rep=$(sed -n 's/^\(\[[0-9]*\] \)\{0,1\}report 3: //p' "$out")
# The torn record really is on disk: record 12 (sector 24) has its first half only.
half=$(od -A n -t x4 -j 768 -N 4 "$disk" 2>/dev/null | tr -d ' ')
other=$(od -v -A n -t x4 -j 800 -N 32 "$disk" 2>/dev/null | tr -d ' \n*')
if [ "$rc" != 0 ]; then bad "store crash" "exit status $rc"
elif ! grep -q 'root: started store on tile [0-9]* (start 2)' "$out"; then bad "store crash" "store not restarted"
elif [ "$rep" != "12 12 0 0" ]; then bad "store crash" "acked/right/wrong/torn '$rep', expected '12 12 0 0'"
elif [ "$half" != 54535231 ] || [ "$other" != 0000000000000000000000000000000000000000000000000000000000000000 ]; then
	bad "store crash" "no torn record on disk ('$half' '$other')"
else ok "store crash: 12 acknowledged writes survive, the torn 13th is dropped"; fi
boot store2 4x4 --disk "$disk"
rep=$(sed -n 's/^\(\[[0-9]*\] \)\{0,1\}report 3: //p' "$out")
if [ "$rc" != 0 ]; then bad "store persistence" "exit status $rc"
elif [ "$rep" != "0 12 0 0" ]; then bad "store persistence" "'$rep', expected '0 12 0 0'"
else ok "store persistence: all 12 values read back in a second run"; fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
