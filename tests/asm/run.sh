#!/bin/sh
# The assembler's tests (make test-asm): differential against GNU binutils, objdump
# against GNU objdump, round trips, linking with gcc-built C, --exec, error messages.
# usage: run.sh BUILD    (BUILD/tessera and BUILD/tests/asm/gen_corpus must exist)
# Ends with "N passed, N failed"; exits non-zero when anything failed.
BUILD=$1
GEN=$BUILD/tests/asm/gen_corpus
W=$BUILD/tests/asm/work
RV=riscv64-unknown-elf-
GAS="${RV}as -march=rv32im -mno-relax"
rm -rf "$W" && mkdir -p "$W" && W=$(cd "$W" && pwd)
# A copy: a parallel make may relink BUILD/tessera while the tests run.
T=$W/tessera
cp "$BUILD/tessera" "$T" || exit 1
pass=0; fail=0; skip=0

ok() { pass=$((pass + 1)); echo "PASS $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; }

# The contents of every section that has contents, and the size of every other one,
# one file per object, so two objects compare with cmp.
sections() {
	${RV}readelf -SW "$1" | sed -n 's/^ *\[ *[0-9]*\] //p' |
	while read -r name type rest; do
		case "$type" in
		PROGBITS) echo "== $name"; ${RV}readelf -x "$name" "$1" | grep -v NOTE ;;
		NOBITS) echo "== $name size $(echo "$rest" | awk '{print $3}')" ;;
		esac
	done
}

# same_sections NAME TESS.o GNU.o
same_sections() {
	sections "$2" > "$2.sec"; sections "$3" > "$3.sec"
	if cmp -s "$2.sec" "$3.sec"; then ok "$1"; else
		ko "$1"; diff "$2.sec" "$3.sec" | head -20; fi
}

# diff_one NAME FILE.s [GNU-FILE.s]: tessera as and GNU as, same section bytes
diff_one() {
	b=$W/$(echo "$1" | tr '/' '_')
	if ! $GAS "${3:-$2}" -o "$b.gnu.o" 2> "$b.gnu.err"; then
		skip=$((skip + 1)); echo "SKIP $1 (GNU as refuses it: $(head -c 120 "$b.gnu.err"))"
		return
	fi
	if ! $T as -o "$b.t.o" "$2" > "$b.t.err" 2>&1; then
		ko "$1 (tessera as failed)"; head -5 "$b.t.err"; return
	fi
	same_sections "$1" "$b.t.o" "$b.gnu.o"
}

echo "--- differential: generated corpus (every table row, pseudos, directives)"
$GEN "$W/corpus.s" "$W/corpus_gnu.s" || ko "gen_corpus"
diff_one corpus "$W/corpus.s" "$W/corpus_gnu.s"
$GEN --padding "$W/codepad.s" && diff_one code_padding "$W/codepad.s"
rows=$(grep -c '^INSN(' isa/insns.def)
seen=0
for m in $(sed -n 's/^INSN([A-Z0-9_]*, *"\([^"]*\)".*/\1/p' isa/insns.def); do
	grep -q "^	$m[ 	]\|^	$m\$" "$W/corpus.s" && seen=$((seen + 1))
done
[ "$seen" = "$rows" ] && ok "corpus has all $rows table rows" || ko "corpus covers $seen of $rows rows"

echo "--- differential: every .s/.S file in the tree, random programs, gcc output"
for f in $(find . -path './build*' -prune -o \( -name '*.s' -o -name '*.S' \) -print | sort); do
	case "$f" in
	*.S) p=$W/$(echo "$f" | tr '/' '_').pp.s
	     if ! ${RV}gcc -E -P -x assembler-with-cpp -Iisa -Ios -Itoolchain "$f" > "$p" 2>/dev/null; then
		skip=$((skip + 1)); echo "SKIP $f (preprocessor fails)"; continue; fi
	     grep -q '\.incbin' "$p" && { skip=$((skip + 1)); echo "SKIP $f (.incbin of built files)"; continue; }
	     diff_one "$f" "$p" ;;
	*) diff_one "$f" "$f" ;;
	esac
done
if [ -x "$BUILD/tests/diff/gen" ]; then
	"$BUILD/tests/diff/gen" -o "$W" -s 1 -n 10 > /dev/null
	for p in "$W"/p*.s; do diff_one "diff-gen $(basename "$p")" "$p"; done
fi
CFL="-march=rv32im -mabi=ilp32 -Os -std=gnu11 -ffreestanding -fno-builtin -nostdlib -ffunction-sections -fdata-sections -Iisa -Ios -Itoolchain"
for c in $(ls os/*.c toolchain/*.c tests/bench/*.c 2>/dev/null); do
	case "$c" in tests/bench/benchrun.c) continue ;; esac
	s=$W/gcc_$(echo "$c" | tr '/' '_').s
	[ -e "$s" ] && continue
	${RV}gcc $CFL -S -o "$s" "$c" 2>/dev/null || continue
	diff_one "gcc_$(echo "$c" | tr '/' '_')" "$s"
done

echo "--- relocations: ours are GNU's, less GNU's BRANCH/JAL to places already resolved"
relocs() {
	${RV}readelf -rW "$1" | awk '/^Relocation section/ { sec = $3 }
		/^[0-9a-f]+ +[0-9a-f]+ R_/ { print sec, $1, $3, $5, $6, $7 }' > "$1.rel"
}
n=0; bad=0
for t in "$W"/*.t.o; do
	g=${t%.t.o}.gnu.o
	[ -f "$g" ] || continue
	n=$((n + 1)); relocs "$t"; relocs "$g"
	extra_mine=$(diff "$t.rel" "$g.rel" | grep -c '^<')
	extra_gnu=$(diff "$t.rel" "$g.rel" | grep '^>' | grep -vc ' R_RISCV_\(BRANCH\|JAL\) ')
	if [ "$extra_mine" != 0 ] || [ "$extra_gnu" != 0 ]; then
		bad=$((bad + 1)); echo "relocations differ: $t"; diff "$t.rel" "$g.rel" | head -6; fi
done
[ $bad = 0 ] && [ $n -gt 10 ] && ok "relocations agree with GNU on $n objects" || ko "relocations differ on $bad of $n objects"

echo "--- objdump -d against GNU objdump -d -M no-aliases (comments after # dropped)"
# GNU objdump prints Xtess words as .4byte; there the line must name a table row
# (that the name is the right one is checked by reassembling it in the round trips).
od_cmp() {  # FILE: prints the differences, fails when there are any
	$T objdump -d "$1" 2>&1 | sed -E 's/[ 	]+#.*$//' > "$1.od.t"
	${RV}objdump -d -M no-aliases "$1" 2>&1 | sed -E 's/[ 	]+#.*$//' > "$1.od.g"
	[ "$(wc -l < "$1.od.t")" = "$(wc -l < "$1.od.g")" ] || { echo "$1: line counts differ"; return 1; }
	paste -d '\n' "$1.od.t" "$1.od.g" | awk '
		NR % 2 == 1 { t = $0; next }
		{ g = $0
		  if (t == g) next
		  if (g ~ /\t\.4byte\t/ && t ~ /\t(tess|cap|msg)\./ && substr(t, 1, 20) == substr(g, 1, 20)) next
		  print "mine: " t; print "gnu:  " g }' > "$1.od.diff"
	[ -s "$1.od.diff" ] || return 0
	head -10 "$1.od.diff"
	return 1
}
for f in corpus.t.o corpus.gnu.o; do
	od_cmp "$W/$f" && ok "objdump $f matches GNU ($(grep -c '^ *[0-9a-f]*:' "$W/$f.od.t") lines)" || ko "objdump $f"
done
grep -q '	tess.tid	' "$W/corpus.t.o.od.t" && grep -q '	msg.send	' "$W/corpus.t.o.od.t" &&
	ok "objdump names Xtess instructions" || ko "objdump names Xtess instructions"
n=0; bad=0
for f in "$W"/*.t.o "$W"/*.gnu.o; do
	case "$f" in *code_padding*) continue ;; esac   # bytes GNU shows as RVC instructions
	n=$((n + 1)); od_cmp "$f" > "$f.od.diff" || { bad=$((bad + 1)); echo "differs: $f"; head -4 "$f.od.diff"; }
done
[ $bad = 0 ] && ok "objdump matches GNU on all $n objects of the differential tests" || ko "objdump differs on $bad of $n objects"
echo "--- round trip: disassemble, reassemble, same bytes"
# One instruction per line, each at its address (.org), targets as addresses.
roundtrip() {
	$T objdump -d "$2" | awk -v sec="$3" '
		/^Disassembly of section/ { on = ($4 == sec ":") }
		on && /^ *[0-9a-f]+:\t/ {
			split($0, f, "\t"); a = f[1]; gsub(/[ :]/, "", a)
			ops = f[4]; sub(/[0-9a-f]+ <[^>]*>$/, "0x&", ops); sub(/ <[^>]*>$/, "", ops)
			printf "\t.org 0x%s\n\t%s %s\n", a, f[3], ops }' > "$2.rt.s"
	printf '\t.text\n' | cat - "$2.rt.s" > "$2.rt2.s"
	if ! $T as -o "$2.rt.o" "$2.rt2.s" > "$2.rt.err" 2>&1; then
		ko "$1 (reassembly failed)"; head -6 "$2.rt.err"; return; fi
	${RV}objcopy -O binary --only-section="$3" "$2" "$2.a.bin"
	${RV}objcopy -O binary --only-section=.text "$2.rt.o" "$2.b.bin"
	if cmp -s "$2.a.bin" "$2.b.bin"; then ok "$1 ($(grep -c . "$2.rt.s") lines)"; else
		ko "$1"; cmp "$2.a.bin" "$2.b.bin" | head -3; fi
}
roundtrip "round trip: corpus .text" "$W/corpus.t.o" .text
$GEN --words 20000 7 "$W/words.s"
$T as -o "$W/words.o" "$W/words.s" && roundtrip "round trip: 20000 random words of every row" "$W/words.o" .text

echo "--- link: tessera as object + gcc-built C, GNU ld, run on the simulator"
link_run() {  # NAME ASM-OBJECT
	${RV}ld -m elf32lriscv --no-relax -Ttext=0 -o "$W/$1.elf" "$2" "$W/link_main.o" 2> "$W/$1.ld.err" ||
		{ ko "$1: ld failed"; cat "$W/$1.ld.err"; return; }
	$T run "$W/$1.elf" > "$W/$1.out" 2> "$W/$1.err"; echo "exit=$?" >> "$W/$1.out"
}
${RV}gcc -march=rv32im -mabi=ilp32 -mno-relax -O2 -ffreestanding -nostdlib -c -o "$W/link_main.o" tests/asm/link_main.c
$T as -o "$W/link_asm.t.o" tests/asm/link_asm.s && $GAS -o "$W/link_asm.g.o" tests/asm/link_asm.s
link_run link_t "$W/link_asm.t.o"; link_run link_g "$W/link_asm.g.o"
printf 'hello from tessera as\nchecksum=1045\ncounter=1\nscratch=45\ntable_ok=1\nexit=0\n' > "$W/link.want"
if cmp -s "$W/link_t.out" "$W/link.want"; then ok "linked program prints the right output"; else
	ko "linked program output"; diff "$W/link_t.out" "$W/link.want"; cat "$W/link_t.err"; fi
cmp -s "$W/link_t.out" "$W/link_g.out" && ok "same output as with GNU as" || ko "output differs from GNU as's object"

echo "--- --exec: a lone program, against GNU as + ld"
$T as --exec -o "$W/exec_t.elf" tests/asm/exec_prog.s && $T run "$W/exec_t.elf" > "$W/exec_t.out" 2>&1
echo "exit=$?" >> "$W/exec_t.out"
$GAS -o "$W/exec_g.o" tests/asm/exec_prog.s && ${RV}ld -m elf32lriscv -Ttext=0 -o "$W/exec_g.elf" "$W/exec_g.o" &&
	$T run "$W/exec_g.elf" > "$W/exec_g.out" 2>&1
echo "exit=$?" >> "$W/exec_g.out"
if grep -q '^81$' "$W/exec_t.out" && grep -q '^exit=7$' "$W/exec_t.out" && cmp -s "$W/exec_t.out" "$W/exec_g.out"; then
	ok "--exec program runs like GNU's build"; else ko "--exec program"; diff "$W/exec_t.out" "$W/exec_g.out"; fi
if ${RV}readelf -h "$W/exec_t.elf" | grep -q 'EXEC' && ${RV}readelf -h "$W/exec_t.elf" | grep -q 'Entry point address: *0x0$' &&
   ${RV}readelf -lW "$W/exec_t.elf" | grep -q '^ *LOAD *0x[0-9a-f]* 0x00000000 '; then
	ok "--exec: an ELF executable, text at 0, entry _start"; else ko "--exec headers"; fi

for f in link_t.elf link_g.elf exec_t.elf exec_g.elf; do
	od_cmp "$W/$f" && ok "objdump $f (linked executable) matches GNU" || ko "objdump $f"
done

echo "--- errors: every bad line named, non-zero exit"
(cd tests/asm && "$T" as -o "$W/e.o" errors.s) > "$W/errors.out" 2>&1
rc=$?
missing=0
while read -r want; do
	grep -qF "$want" "$W/errors.out" || { echo "missing: $want"; missing=$((missing + 1)); }
done < tests/asm/errors.expect
n=$(grep -c ': error: ' "$W/errors.out")
if [ $rc != 0 ] && [ $missing = 0 ] && [ "$n" = "$(grep -c . tests/asm/errors.expect)" ] && [ ! -e "$W/e.o" ]; then
	ok "errors.s: $n errors, each with file:line:column, exit $rc"; else
	ko "errors.s (exit $rc, $n errors, $missing missing)"; cat "$W/errors.out" | grep error; fi
printf '\t.text\n\tcall foo\n\tla a0, bar\n' > "$W/undef.s"
$T as --exec -o "$W/undef.elf" "$W/undef.s" > "$W/undef.out" 2>&1
if [ $? = 1 ] && [ ! -e "$W/undef.elf" ] && grep -q "undef.s:2: error: undefined symbol 'foo'" "$W/undef.out" &&
   grep -q "undef.s:3: error: undefined symbol 'bar'" "$W/undef.out" && [ "$(grep -c error "$W/undef.out")" = 2 ]; then
	ok "--exec: each undefined symbol named once at its first use"; else ko "--exec undefined symbols"; cat "$W/undef.out"; fi
printf '\tnop\n\t.text\n' > "$W/good.s"
$T as -o "$W/good.o" "$W/good.s" && ok "a good file exits 0" || ko "a good file"
$T as -o "$W/x.o" "$W/none.s" 2>/dev/null && ko "a missing file is an error" || ok "a missing file is an error"
$T objdump -d tests/asm/errors.s > /dev/null 2>&1 && ko "objdump refuses a non-ELF file" || ok "objdump refuses a non-ELF file"

echo "--- fuzz smoke (libFuzzer, ${2:-10}s per target; make fuzz-asm for long runs)"
if command -v clang > /dev/null && [ -x "$BUILD/tests/asm/fuzz_asm" ]; then
	tests/asm/fuzz.sh "$BUILD" "${2:-10}" > "$W/fuzz.out" 2>&1
	cat "$W/fuzz.out" | head -40
	pass=$((pass + $(grep -c '^PASS' "$W/fuzz.out"))); fail=$((fail + $(grep -c '^FAIL' "$W/fuzz.out")))
else skip=$((skip + 1)); echo "SKIP fuzz (no clang)"; fi

echo "($skip skipped)"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
