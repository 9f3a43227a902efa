#!/bin/sh
# Every end-to-end program on 1x1, 2x2 and 4x4 RTL meshes in lock step with the C model
# (issue 7: the foundation's tests/e2e programs, the mesh programs that need no manifest,
# the toolchain's examples). Each tile runs the program; cosim --mesh compares every
# retired instruction, message and halt, and the output. Programs that do not end (or
# end late) are compared up to a cycle cap: 2,000,000 cycles on 1x1 and 2x2, 300,000 on
# 4x4 (RTL_SLOW=1: 2,000,000 everywhere, and Life on 4x4).
# Usage: meshes.sh BUILD ELF...
B=$1; shift
work=${RTL_WORK:-$B/tests/rtl/work}/meshes
mkdir -p "$work"
pass=0; fail=0
for mesh in 1x1 2x2 4x4; do
	cap=2000000
	[ "$mesh" = 4x4 ] && [ -z "$RTL_SLOW" ] && cap=300000
	for elf in "$@"; do
		name=$(basename "$elf" .elf)
		log=$work/$name.$mesh.log
		"$B/cosim" --quiet --mesh "$mesh" --max-cycles "$cap" "$elf" > "$log" 2>&1 < /dev/null
		rc=$?
		if [ $rc = 0 ] && grep -Eq "^COSIM PASS: .* on $(( ${mesh%x*} * ${mesh#*x} )) tiles?," "$log"
		then pass=$((pass + 1))
		else fail=$((fail + 1)); echo "FAIL: $name on $mesh: cosim exit $rc"; tail -n 12 "$log"; fi
	done
done
echo "rtl-meshes: $# programs on 1x1, 2x2 and 4x4"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
