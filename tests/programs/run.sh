#!/bin/sh
# Runs the cases of tests/programs/cases.txt and compares stdout and exit status with
# the expected ones. usage: run.sh TESSERA ELF_DIR [tessera run options...]
tess=$1; dir=$2; shift 2
here=$(dirname "$0")
pass=0; fail=0
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
while IFS='|' read -r name opts rc input; do
	name=$(echo "$name" | tr -d ' '); rc=$(echo "$rc" | tr -d ' ')
	input=$(echo "$input" | tr -d ' ')
	case "$name" in ''|\#*) continue ;; esac
	args=$(echo "$opts" | sed "s|@\([a-z0-9_]*\)|$dir/\1.elf|g")
	# shellcheck disable=SC2086 # args is a word list
	$tess run $args "$@" < "${input:+$here/}${input:-/dev/null}" \
		> "$out/$name.out" 2> "$out/$name.err"
	got=$?
	if [ "$got" = "$rc" ] && cmp -s "$out/$name.out" "$here/expected/$name.out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name: exit $got (want $rc)"
		diff "$here/expected/$name.out" "$out/$name.out" | head -10
		head -5 "$out/$name.err"
	fi
done < "$here/cases.txt"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
