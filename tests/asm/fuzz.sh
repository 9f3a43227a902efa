#!/bin/sh
# Runs both libFuzzer targets for SECONDS each, seeded with the test files and objects.
# usage: fuzz.sh BUILD SECONDS     Prints one PASS/FAIL line per target; exit 1 on a find.
BUILD=$1; SECS=$2
D=$BUILD/tests/asm
fail=0
for t in asm elf; do
	seeds=$D/seeds_$t; crashes=$D/crashes_$t
	mkdir -p "$seeds" "$crashes"
	if [ $t = asm ]; then
		for f in tests/asm/*.s "$D"/work/corpus.s; do
			[ -f "$f" ] && { printf '\000'; cat "$f"; } > "$seeds/$(basename "$f")"; done
	else
		for f in "$D"/work/*.o "$D"/work/*.elf; do [ -f "$f" ] && cp "$f" "$seeds/"; done
	fi
	log=$D/fuzz_$t.log
	# -rss_limit_mb: sections stop at 1 MiB in the fuzz build; no input should need more.
	if "$D/fuzz_$t" -max_total_time="$SECS" -rss_limit_mb=512 -max_len=4096 \
		-artifact_prefix="$crashes/" -print_final_stats=1 "$seeds" > "$log" 2>&1; then
		echo "PASS fuzz_$t: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') inputs in ${SECS}s, no crash"
	else
		echo "FAIL fuzz_$t: see $log"; tail -30 "$log"; fail=1
	fi
done
exit $fail
