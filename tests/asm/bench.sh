#!/bin/sh
# make bench-asm: assembles a generated LINES-line file with tessera as and with GNU as
# (-march=rv32im -mno-relax), best of 3 each, and prints the times side by side.
# usage: bench.sh BUILD LINES
BUILD=$1; LINES=$2
D=$BUILD/tests/asm/bench
mkdir -p "$D"
"$BUILD/tests/asm/gen_corpus" --bench "$LINES" "$D/big.s" || exit 1
best() {  # best wall time of 3 runs of "$@", in seconds
	b=
	for i in 1 2 3; do
		s=$(date +%s.%N); "$@" || return 1; e=$(date +%s.%N)
		t=$(echo "$e - $s" | bc)
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
	done
	echo "$b"
}
tt=$(best "$BUILD/tessera" as -o "$D/big.t.o" "$D/big.s") || { echo "tessera as failed"; exit 1; }
tg=$(best riscv64-unknown-elf-as -march=rv32im -mno-relax -o "$D/big.g.o" "$D/big.s") || { echo "GNU as failed"; exit 1; }
same=differs
riscv64-unknown-elf-objcopy -O binary --only-section=.text "$D/big.t.o" "$D/t.bin"
riscv64-unknown-elf-objcopy -O binary --only-section=.text "$D/big.g.o" "$D/g.bin"
cmp -s "$D/t.bin" "$D/g.bin" && same=identical
printf 'assembling %s lines (%s bytes of code, %s):\n' "$(wc -l < "$D/big.s")" "$(wc -c < "$D/t.bin")" "$same"
printf '  tessera as  %8.3f s\n  GNU as      %8.3f s\n  ratio       %8.2f (tessera / GNU)\n' "$tt" "$tg" "$(echo "$tt / $tg" | bc -l)"
