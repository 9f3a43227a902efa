# Constants of the machine for test scripts, read from isa/'s own table (sourced):
#   isa_consts       NAME VALUE lines: isa/params.h's plain numeric #defines (a define
#                    that names another, as LOOKAHEAD does NI_LATENCY, gets its value)
#                    and every tag of isa/tags.def as TAG_NAME
#   isa_const NAME   one value (empty if none)
#   isa_equ          the same as `.equ NAME, VALUE` lines for tessera as
# ISA_DIR is the isa folder (default: two folders above the script, as for tests/mesh/).
ISA_DIR=${ISA_DIR:-$(dirname "$0")/../../isa}

isa_consts() {
	awk '
	FILENAME ~ /params\.h$/ && $1 == "#define" && NF >= 3 {
		v = $3
		if (v in val) v = val[v]
		if (v ~ /^[0-9]+$/) { val[$2] = v; print $2, v }
	}
	FILENAME ~ /tags\.def$/ && /^TAG\(/ {
		split($0, w, /[(, ]+/)
		print "TAG_" w[2], w[3]
	}' "$ISA_DIR/params.h" "$ISA_DIR/tags.def"
}

isa_const() { isa_consts | awk -v n="$1" '$1 == n { print $2 }'; }

isa_equ() { isa_consts | awk '{ printf "\t.equ %s, %s\n", $1, $2 }'; }
