#!/bin/sh
# Messages that reach a tile as it halts (SPEC §6.2): tile 0 floods tile 1, which lets
# its mailbox fill, takes K messages, issues a failing msg.send (one cycle; a message
# instruction, so its visit starts in the window of its cycle) after 0-3 nops, and exits
# the cycle after. Over the 32 variants the exit falls on every cycle of a window, and
# some deliveries land exactly LOOKAHEAD cycles after it: the network reaches them
# before the core phase reaches the halt. Each variant must count as dropped exactly the
# deliveries at or after halt + LOOKAHEAD (dropped.awk), on 1 and 2 threads, and at least
# one must put a delivery on that boundary (else the test no longer tests it).
# Before the thirteenth session such a message stayed in the mailbox uncounted when the
# halt came in the same window (sim/README.md, "Thirteenth session").
# Usage: late.sh TESSERA. Ends with "N passed, N failed".
T=$1; A=$(dirname "$0")/dropped.awk
. "$(dirname "$0")/../isa_consts.sh"
L=$(isa_const LOOKAHEAD); X=$(isa_const TAG_MSG_EXIT)
pass=0; fail=0; edge=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

program() {    # program NOPS K (slots and lengths from isa/: isa_equ)
	isa_equ
	printf '\t.text\n\t.globl _start\n_start:\n\tli x31, 0x4000\n\ttess.tid x1\n'
	printf '\tbnez x1, receiver\n\tli x2, SLOT_EAST\nsender:\n'   # tag 0, no words
	printf '\tmsg.send x3, x2, x31, x0\n\tj sender\nreceiver:\n'
	printf '\tli x7, (MSG_MAX_WORDS + 1) << 16\n'                     # E_LEN
	printf '\tli x6, 100\ndelay:\n\taddi x6, x6, -1\n\tbnez x6, delay\n'
	for i in $(seq "$2"); do printf '\tmsg.recv x5, x31\n'; done
	for i in $(seq "$1"); do printf '\tnop\n'; done
	printf '\tmsg.send x5, x7, x31, x0\n\ttess.exit x0\n'
}

for nops in 0 1 2 3; do
	for k in 1 2 3 4 5 6 7 8; do
		program "$nops" "$k" > "$tmp/p.s"
		"$T" as --exec -o "$tmp/p.elf" "$tmp/p.s" || { fail=$((fail + 1)); continue; }
		for th in 1 2; do
			"$T" run --mesh 2x1 --tile all="$tmp/p.elf" --max-cycles 1500 --threads "$th" \
				--stats-json "$tmp/s.json" --msg-trace "$tmp/m.txt" > /dev/null 2>&1
			if b=$(awk -v L="$L" -v MSG_EXIT="$X" -f "$A" "$tmp/s.json" "$tmp/m.txt"); then
				pass=$((pass + 1))
				[ "${b#boundary }" -gt 0 ] && edge=$((edge + 1))
			else
				fail=$((fail + 1))
				echo "FAIL: $nops nops, $k receives, $th threads"
			fi
		done
	done
done
if [ "$edge" -gt 0 ]; then pass=$((pass + 1)); else
	fail=$((fail + 1)); echo "FAIL: no variant delivers on the halt's boundary"; fi
echo "late deliveries: 32 variants on 1 and 2 threads, $edge runs on the boundary"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
