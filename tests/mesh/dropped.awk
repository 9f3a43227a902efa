# awk -v L=LOOKAHEAD -v MSG_EXIT=TAG -f dropped.awk STATS.json MSG-TRACE (the values
# from isa/, tests/isa_consts.sh): SPEC §6.2's rule for messages that reach a halted
# tile. A tile halted at h is halting until h + LOOKAHEAD (its mailbox still takes
# messages) and IDLE from then on (they are discarded on arrival), so its msgs_dropped
# must equal the deliveries for its mailbox (data messages and EXIT notices; control
# operations go to its control unit) at or after h + LOOKAHEAD in the message trace,
# which lists discarded messages too. Only tiles preloaded at cycle 0 and never started
# again are checked (the statistics are those of a tile's last run). Prints each tile
# that breaks it and exits 1; "boundary N" on stdout counts deliveries at exactly
# h + LOOKAHEAD or one after (the cycles the network reaches before the core phase of
# the halt's window). Exits 2 without the two values.
BEGIN {
	if (L !~ /^[0-9]+$/ || MSG_EXIT !~ /^[0-9]+$/) {
		print "dropped.awk: give -v L=LOOKAHEAD -v MSG_EXIT=TAG" > "/dev/stderr"
		broken = 1
		exit
	}
	L += 0
	MSG_EXIT += 0
}
function field(s, name) {
	sub(".*\"" name "\": \"?", "", s)
	sub(/[",}].*/, "", s)
	return s
}
FNR == NR {
	if ($0 !~ /"id": [0-9]+, "x"/)
		next
	id = field($0, "id")
	st = field($0, "state")
	halted[id] = (st == "exited" || st == "faulted") && field($0, "start_cycle") == 0
	h[id] = field($0, "start_cycle") + field($0, "cycles")
	dropped[id] = field($0, "msgs_dropped") + 0
	next
}
halted[$4] && $2 >= h[$4] + L && ($7 == "data" || $5 == MSG_EXIT) {
	late[$4]++
	if ($2 <= h[$4] + L + 1)
		boundary++
}
END {
	if (broken)
		exit 2
	bad = 0
	for (i in dropped)
		if (halted[i] && dropped[i] != late[i] + 0) {
			printf "tile %s: msgs_dropped %d, but %d messages reached it when IDLE\n",
			       i, dropped[i], late[i] + 0 > "/dev/stderr"
			bad = 1
		}
	print "boundary " boundary + 0
	exit bad
}
