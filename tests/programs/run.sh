#!/bin/sh
# Runs the cases of tests/programs/cases.txt and compares stdout and exit status with
# the expected ones, then checks that tessera-cc refuses an image larger than the SRAM.
# With TC_INSTALLED=PREFIX (after make install PREFIX=...), hello.c is also built and
# run with the installed tessera-cc and tessera, from another folder.
# usage: run.sh TESSERA TESSERA_CC ELF_DIR [tessera run options...]
tess=$1; cc=$2; dir=$3; shift 3
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
if ! "$cc" -O2 -o "$out/toobig.elf" "$here/toobig.c" 2> "$out/toobig.err" &&
   grep -q "does not fit in the tile's SRAM" "$out/toobig.err"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL toobig: linked, or without tess.ld's message"; head -5 "$out/toobig.err"
fi
if [ -n "${TC_INSTALLED:-}" ]; then
	top=$(pwd)
	if (cd "$out" && "$TC_INSTALLED/bin/tessera-cc" -O2 -o inst.elf "$top/examples/hello.c" &&
	    "$TC_INSTALLED/bin/tessera" run --mesh 2x2 --tile all=inst.elf > inst.out) 2> "$out/inst.err" &&
	   cmp -s "$out/inst.out" "$here/expected/hello_tas.out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL installed tessera-cc/tessera"; head -5 "$out/inst.err"
	fi
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
