#!/bin/sh
# Runs every example of examples/cases.txt and compares stdout and exit status with the
# expected ones; life.c must also agree with its one-tile reference, line for line.
# usage: run.sh TESSERA ELF_DIR [--threads N]
tess=$1; dir=$2; shift 2
pass=0; fail=0
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
while IFS='|' read -r name opts rc; do
	name=$(echo "$name" | tr -d ' '); rc=$(echo "$rc" | tr -d ' ')
	case "$name" in ''|\#*) continue ;; esac
	args=$(echo "$opts" | sed "s|@\([a-z_]*\)|$dir/\1.elf|g")
	$tess run $args "$@" > "$out/$name.out" 2> "$out/$name.err"
	got=$?
	if [ "$got" = "$rc" ] && cmp -s "$out/$name.out" "examples/expected/$name.out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name: exit $got (want $rc)"; diff "examples/expected/$name.out" "$out/$name.out" | head -10
		head -5 "$out/$name.err"
	fi
done < examples/cases.txt
# The mesh Life and the reference compute the same populations.
if sed 's/^\[0\] //' "$out/life.out" | grep population | cmp -s - "$out/life_ref.out"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL life disagrees with life_ref"
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
