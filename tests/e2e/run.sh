#!/bin/sh
# Runs the end-to-end cases of tests/e2e/cases.txt. Each line:
#   name | exit status | tile 0 cycles (- to skip) | stderr must contain (- none) | arguments
# In the arguments $E is the folder of the built programs. stdout must equal
# tests/e2e/expect/NAME.out (or be empty when there is no such file); when
# tests/e2e/expect/NAME.trace exists, the commit trace (--trace) must equal it.
# usage: run.sh TESSERA E2E_BUILD_DIR
tessera=$1; E=$2
dir=$(dirname "$0")
out=$E/out; mkdir -p "$out"
# a private copy: a rebuild of the binary during the run must not disturb it
cp "$tessera" "$out/tessera" || exit 1
tessera=$out/tessera
pass=0; fail=0
while IFS='|' read -r name status cycles errtext args; do
	name=$(echo "$name" | tr -d ' ')
	case "$name" in ''|'#'*) continue ;; esac
	status=$(echo "$status" | tr -d ' ')
	cycles=$(echo "$cycles" | tr -d ' ')
	errtext=$(echo "$errtext" | sed 's/^ *//; s/ *$//')
	args=$(echo "$args" | sed "s|\\\$E|$E|g")
	json=$out/$name.json
	trace=$out/$name.trace
	rm -f "$json" "$trace"
	topt=""
	[ -f "$dir/expect/$name.trace" ] && topt="--trace $trace"
	# shellcheck disable=SC2086
	"$tessera" run --stats-json "$json" $topt $args > "$out/$name.stdout" 2> "$out/$name.stderr" < /dev/null
	rc=$?
	why=""
	if [ -n "$topt" ] && ! cmp -s "$dir/expect/$name.trace" "$trace"; then
		why="trace differs: $(diff "$dir/expect/$name.trace" "$trace" | grep -m 2 '^[<>]' | tr '\n' ' ')"
	fi
	[ "$rc" = "$status" ] || why="exit status $rc, want $status"
	expect=$dir/expect/$name.out
	if [ -f "$expect" ]; then
		cmp -s "$expect" "$out/$name.stdout" || why="$why; stdout differs: $(diff "$expect" "$out/$name.stdout" | grep -m 2 '^[<>]' | tr '\n' ' ')"
	elif [ -s "$out/$name.stdout" ]; then
		why="$why; unexpected stdout: $(head -c 100 "$out/$name.stdout")"
	fi
	if [ "$cycles" != "-" ]; then
		got=$(grep -o '"id": 0, [^}]*' "$json" 2>/dev/null | grep -o '"cycles": [0-9]*' | head -n 1 | sed 's/.*: //')
		[ "$got" = "$cycles" ] || why="$why; tile 0 cycles ${got:-none}, want $cycles"
	fi
	if [ "$errtext" != "-" ] && ! grep -qF -- "$errtext" "$out/$name.stderr"; then
		why="$why; stderr lacks '$errtext': $(head -c 200 "$out/$name.stderr")"
	fi
	if [ -z "$why" ]; then
		pass=$((pass + 1))
		echo "ok   $name"
	else
		fail=$((fail + 1))
		echo "FAIL $name: $why"
	fi
done < "$dir/cases.txt"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
