#!/bin/sh
# Runs each test group (make test-GROUP), shows its output, and adds up the
# "N passed, N failed" line each group ends with. Prints the total last.
# Usage: run_groups.sh MAKE GROUP...
make=$1; shift
tp=0; tf=0; bad=""
for g in "$@"; do
	echo "=== test group: $g"
	log=$(mktemp)
	{ $make --no-print-directory "test-$g" 2>&1; echo $? > "$log.rc"; } | tee "$log"
	rc=$(cat "$log.rc")
	line=$(grep -E '^([A-Za-z-]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	p=$(echo "$line" | sed -E 's/^([A-Za-z-]+: )?([0-9]+) passed.*/\2/')
	f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	if [ -z "$line" ]; then p=0; f=1; echo "*** group $g printed no result line"; fi
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; echo "*** group $g exited with status $rc"; fi
	tp=$((tp + p)); tf=$((tf + f))
	[ "$f" != 0 ] && bad="$bad $g"
	rm -f "$log" "$log.rc"
done
[ -n "$bad" ] && echo "failing groups:$bad"
echo "$tp passed, $tf failed"
[ "$tf" = 0 ]
