#!/bin/sh
# The threaded engine under ThreadSanitizer (test-tsan): runs that put tiles and inner
# routers on several host threads must show no data race. A report fails the test.
# Usage: tsan.sh TESSERA_TSAN BUILD
T=$1; B=$2
pass=0; fail=0; skip=0
log=$(mktemp); trap 'rm -f "$log"' EXIT
export TSAN_OPTIONS="halt_on_error=0 exitcode=66"
export TESSERA_WINDOW_ANY_CORES=1   # the network's window mode with 3 threads on 2 cores too

# Some kernels map memory where gcc 12's TSan cannot work: run without ASLR there.
run=""
if ! "$T" --version > /dev/null 2> "$log"; then
	if grep -q 'unexpected memory mapping' "$log" && setarch "$(uname -m)" -R "$T" --version \
		> /dev/null 2>&1; then run="setarch $(uname -m) -R"
	else echo "SKIP tsan: ThreadSanitizer cannot start here: $(head -n 1 "$log")"; skip=1; fi
fi

check() { # NAME ARGS...: a run of tessera that must end without a race report
	name=$1; shift
	$run "$T" run --quiet "$@" > /dev/null 2> "$log"
	n=$(grep -c 'WARNING: ThreadSanitizer' "$log")
	if [ "$n" = 0 ]; then pass=$((pass + 1)); echo "ok   tsan: $name"
	else fail=$((fail + 1)); echo "FAIL tsan: $name: $n race reports"; grep -A 12 -m 2 'WARNING' "$log"; fi
}

if [ "$skip" = 0 ]; then
	check "ring 16x16, 2 threads" --mesh 16x16 --tile all="$B/mesh/ring.elf" --threads 2
	check "ring 16x16, 3 threads" --mesh 16x16 --tile all="$B/mesh/ring.elf" --threads 3
	check "all-to-all 8x8, 3 threads" --mesh 8x8 --tile all="$B/mesh/a2a.elf" --threads 3
	# A part per row: each part's routers meet only its neighbours' (sim/noc.c).
	check "all-to-all 8x8, 8 threads" --mesh 8x8 --tile all="$B/mesh/a2a.elf" --threads 8
	check "OS demo 8x8, 2 threads" --mesh 8x8 --manifest "$B/os/boot_demo.mf" --threads 2 \
		--msg-trace /dev/null
	check "Life 64x64, 2 threads" --mesh 64x64 --tile all="$B/bench/quick/life.elf" --threads 2
	# The core phase's parts moved every 4 windows (sim/balance.h).
	export TESSERA_BALANCE_TEST=7
	check "all-to-all 8x8, 3 threads, random parts" --mesh 8x8 --tile all="$B/mesh/a2a.elf" \
		--threads 3
	unset TESSERA_BALANCE_TEST
	# Deferred run-ahead cut at random places (sim/engine.c), parts moving too.
	export TESSERA_DEFER_TEST=3 TESSERA_BALANCE_TEST=9
	check "lag 8x8, 2 threads, random cuts" --mesh 8x8 --tile all="$B/mesh/lag.elf" --threads 2
	unset TESSERA_DEFER_TEST TESSERA_BALANCE_TEST
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
