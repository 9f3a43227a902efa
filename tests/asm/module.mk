# Tests of the assembler and disassembler (asm/): see tests/asm/run.sh.
#   make test-asm                        differential, objdump, round trip, link, errors, fuzz smoke
#   make fuzz-asm FUZZ_SECONDS=600       longer libFuzzer runs of the assembler and the ELF reader
#   make bench-asm                       a 100,000-line file: tessera as beside GNU as
ASM_TEST_DIR := $(BUILD)/tests/asm
ASM_GEN      := $(ASM_TEST_DIR)/gen_corpus
FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 10
FUZZ_CC      ?= clang
ASM_LIB_SRCS := $(filter-out asm/cli.c,$(ASM_SRCS)) isa/isa.c

TEST_GROUPS  += asm
BENCH_GROUPS += asm

$(ASM_GEN): tests/asm/gen_corpus.c isa/isa.c isa/insns.def isa/formats.def
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ tests/asm/gen_corpus.c isa/isa.c $(LDFLAGS)

# libFuzzer targets (clang), with AddressSanitizer and UBSan.
$(ASM_TEST_DIR)/fuzz_%: tests/asm/fuzz_%.c $(ASM_LIB_SRCS) asm/asm.h asm/objdump.h
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 -g -O1 -D_GNU_SOURCE -Iisa -Isim -Iasm '-DASM_MAX_SECTION=(1u<<20)' \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		-o $@ $< $(ASM_LIB_SRCS) -lelf

# Without clang the fuzz smoke test is skipped (run.sh says so).
ASM_FUZZERS := $(if $(shell command -v $(FUZZ_CC) 2>/dev/null),$(ASM_TEST_DIR)/fuzz_asm $(ASM_TEST_DIR)/fuzz_elf)

.PHONY: test-asm bench-asm fuzz-asm
test-asm: $(BUILD)/tessera $(ASM_GEN) $(BUILD)/tests/diff/gen $(ASM_FUZZERS)
	@tests/asm/run.sh $(BUILD) $(FUZZ_SMOKE_SECONDS)

fuzz-asm: $(BUILD)/tessera $(ASM_GEN) $(ASM_FUZZERS)
	@tests/asm/fuzz.sh $(BUILD) $(FUZZ_SECONDS)

bench-asm: $(BUILD)/tessera $(ASM_GEN)
	@tests/asm/bench.sh $(BUILD) 100000
