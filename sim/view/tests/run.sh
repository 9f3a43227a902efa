#!/bin/sh
# The viewer's tests (make test-view): the display-free tests of test_view, then the
# command line: headless screenshots, the same run as tessera run, errors, and the
# window under Xvfb when xvfb-run is installed.
# usage: run.sh TESSERA TEST_VIEW DIR [OS_DEMO_MANIFEST]
tessera=$1; tv=$2; dir=$3; osdemo=$4
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1: $2"; }

out=$("$tv" "$dir"); rc=$?
echo "$out" | grep -v ' passed, .* failed$'
line=$(echo "$out" | tail -n 1)
p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
f=$(echo "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
if [ -z "$p" ]; then bad test_view "no result line (status $rc)"; else
	pass=$((pass + p)); fail=$((fail + f)); fi

chip="--mesh 4x4 --tile 0=$dir/spin_s.elf --tile 1=$dir/exit_s.elf --tile 2=$dir/fault_s.elf
 --tile 3=$dir/recv_s.elf --tile 4=$dir/wait_s.elf --tile 5=$dir/send_s.elf --tile 6=$dir/sink_s.elf
 --tile 8-13=$dir/spin_s.elf"

# Headless screenshot at a cycle.
if $tessera view $chip --screenshot "$tmp/h.png" --at-cycle 1000 2>"$tmp/err" &&
   grep -q "wrote $tmp/h.png at cycle 1000" "$tmp/err" && "$tv" --check-png "$tmp/h.png" >"$tmp/chk"
then ok headless_screenshot; else bad headless_screenshot "$(cat "$tmp/err" "$tmp/chk" 2>/dev/null)"; fi

# A run to the end in the viewer's slices: the same stdout, statistics and status.
hash="--mesh 4x4 --tile all=$dir/hash16.elf --tile 7=$dir/fault_s.elf --tile 9=$dir/exit_s.elf"
$tessera run $hash --stats-json "$tmp/a.json" >"$tmp/a.out" 2>"$tmp/a.err"; ra=$?
$tessera view $hash --stats-json "$tmp/b.json" --screenshot "$tmp/b.png" \
	--at-cycle 1000000000 >"$tmp/b.out" 2>"$tmp/b.err"; rb=$?
# (The chip's final cycle is left out: see test_view.c, drop_chip_cycles.)
sed -i 's/"cycles": [0-9]*, "max_cycles_reached": false/"cycles": #/' "$tmp/a.json" "$tmp/b.json"
if [ $ra = $rb ] && [ $ra = 126 ] && cmp -s "$tmp/a.out" "$tmp/b.out" && cmp -s "$tmp/a.json" "$tmp/b.json" &&
   grep -q '"tiles"' "$tmp/a.json"
then ok view_run_same_as_run; else bad view_run_same_as_run "status $ra/$rb"; fi

# The same with the OS demo (control capabilities: no free run; kills, notices, restarts).
if [ -f "$osdemo" ] && [ -f "$(dirname "$osdemo")/root_demo.elf" ]; then
	$tessera run --mesh 8x8 --manifest "$osdemo" --stats-json "$tmp/c.json" >"$tmp/c.out" 2>&1; rc=$?
	$tessera view --mesh 8x8 --manifest "$osdemo" --stats-json "$tmp/d.json" --screenshot "$tmp/d.png" \
		--at-cycle 1000000000 >"$tmp/d.out" 2>&1; rd=$?
	grep -v "^tessera view: wrote" "$tmp/d.out" > "$tmp/d2.out"
	sed -i 's/"cycles": [0-9]*, "max_cycles_reached": false/"cycles": #/' "$tmp/c.json" "$tmp/d.json"
	if [ $rc = $rd ] && cmp -s "$tmp/c.out" "$tmp/d2.out" && cmp -s "$tmp/c.json" "$tmp/d.json" &&
	   grep -q '"tiles"' "$tmp/c.json"
	then ok view_os_demo_same_as_run; else bad view_os_demo_same_as_run "status $rc/$rd"; fi
else
	echo "skip view_os_demo_same_as_run: the OS demo is not built (make all builds it)"
fi

# Bad input: a clear message and status 125, never a crash.
$tessera view --size 10x10 "$dir/spin_s.elf" 2>"$tmp/e1"; r1=$?
$tessera view --heat lava "$dir/spin_s.elf" 2>"$tmp/e2"; r2=$?
$tessera view --screenshot /nonexistent/dir/x.png "$dir/spin_s.elf" 2>"$tmp/e3"; r3=$?
$tessera view --mesh 2x2 --select 9 "$dir/spin_s.elf" 2>"$tmp/e4"; r4=$?
if [ $r1 = 125 ] && grep -q "bad --size" "$tmp/e1" && [ $r2 = 125 ] && grep -q "bad --heat" "$tmp/e2" &&
   [ $r3 = 125 ] && grep -q "/nonexistent/dir/x.png" "$tmp/e3" && [ $r4 = 125 ] && grep -q select "$tmp/e4"
then ok bad_options; else bad bad_options "statuses $r1 $r2 $r3 $r4"; fi
# No display: a clear refusal, not an invisible window running for ever.
env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER timeout 20 $tessera view "$dir/spin_s.elf" 2>"$tmp/e5"; r5=$?
if [ $r5 = 125 ] && grep -q "cannot open a window" "$tmp/e5"
then ok no_display; else bad no_display "status $r5: $(cat "$tmp/e5")"; fi
if $tessera view --help | grep -q -- "--screenshot" && $tessera view --help | grep -q -- "--max-cycles"
then ok help; else bad help "usage lacks the viewer's or the run options"; fi

# The window, under Xvfb: run 1,000 cycles, screenshot, quit on a scripted key press.
if command -v xvfb-run >/dev/null 2>&1; then
	# (Leak checking off here: libdbus, loaded by SDL, leaks a buffer under SAN=1.)
	if ASAN_OPTIONS=detect_leaks=0 timeout 60 xvfb-run -a -s "-screen 0 1280x1024x24" $tessera view $chip --size 1000x700 \
		--script "step 1000; shot $tmp/w.png; key q" >"$tmp/w.out" 2>&1 &&
	   "$tv" --check-png "$tmp/w.png" >"$tmp/wchk"
	then ok window_xvfb; else bad window_xvfb "$(cat "$tmp/w.out" "$tmp/wchk" 2>/dev/null | tail -5)"; fi
	# Every key once (heat, zoom, pan, overlays, help, typed numbers, run/pause).
	keys="key ?; key escape; key h; key h; key t; key l; key +; key -; key left; key up;
 key right; key down; key z; key ]; key [; key 3; key c; key 5; key 0; key n; key i; key i;
 key 2; key 0; key 0; key g; step 10; key space; key space; key .; shot $tmp/k.png; key q"
	if ASAN_OPTIONS=detect_leaks=0 timeout 60 xvfb-run -a $tessera view $chip --size 800x500 \
		--script "$keys" >"$tmp/k.out" 2>&1 && [ -s "$tmp/k.png" ]
	then ok window_keys; else bad window_keys "$(tail -5 "$tmp/k.out")"; fi
else
	echo "skip window_xvfb: xvfb-run is not installed (apt-get install xvfb xauth)"
fi
echo "$pass passed, $fail failed"
[ $fail = 0 ]
