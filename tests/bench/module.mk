# Engine benchmarks (issue 9): make bench runs them; test-bench-smoke runs a quick
# variant so CI checks the benchmark still works (it asserts no time).
BENCH_GROUPS += engine
TEST_GROUPS += bench-smoke

BENCH_DIR := $(BUILD)/bench
BENCH_RV  := $(RV_CC) $(RV_ARCH) -O2 -nostdlib -static -Wl,-Ttext=0 -ffreestanding -Itoolchain -Iisa

$(BUILD)/benchrun: tests/bench/benchrun.c
	@mkdir -p $(@D)
	$(CC) -O2 -Wall -Wextra -o $@ $<

# hashN.elf: the hash loop sized so N tiles make a run of useful length.
$(BENCH_DIR)/hash1.elf: ITER := 20000000u
$(BENCH_DIR)/hash16.elf: ITER := 4000000u
$(BENCH_DIR)/hash64.elf: ITER := 1000000u
$(BENCH_DIR)/hash4k.elf: ITER := 20000u
$(BENCH_DIR)/quick/hash1.elf $(BENCH_DIR)/quick/hash16.elf \
$(BENCH_DIR)/quick/hash64.elf $(BENCH_DIR)/quick/hash4k.elf: ITER := 2000u
$(BENCH_DIR)/%.elf $(BENCH_DIR)/quick/%.elf: tests/bench/hashloop.c toolchain/tess.h
	@mkdir -p $(@D)
	$(BENCH_RV) -DITER=$(ITER) -o $@ $<

# Life with halo exchange (examples/life.c), fewer generations.
$(BENCH_DIR)/life.elf: GENS := 20
$(BENCH_DIR)/quick/life.elf: GENS := 2
$(BENCH_DIR)/life.elf $(BENCH_DIR)/quick/life.elf: examples/life.c examples/life.h examples/common.h $(TC_RUNTIME)
	@mkdir -p $(@D)
	TESSERA_BUILD=$(BUILD) $(TESSERA_CC) -O2 -Iexamples -DLIFE_GENERATIONS=$(GENS) -o $@ $<

BENCH_ELFS = hash1.elf hash16.elf hash64.elf hash4k.elf life.elf

bench-engine: $(BUILD)/tessera $(BUILD)/benchrun $(addprefix $(BENCH_DIR)/,$(BENCH_ELFS)) \
		$(MESH_DIR)/a2a.elf $(BUILD)/os/root_demo.elf
	@BENCH_JSON=$(BUILD)/bench.json MESH_DIR=$(MESH_DIR) OS_DIR=$(BUILD)/os tests/bench/bench.sh $(BUILD)/tessera $(BUILD)/benchrun $(BENCH_DIR)

test-bench-smoke: $(BUILD)/tessera $(BUILD)/benchrun $(addprefix $(BENCH_DIR)/quick/,$(BENCH_ELFS))
	@if BENCH_JSON=$(BUILD)/bench-smoke.json tests/bench/bench.sh $(BUILD)/tessera \
	    $(BUILD)/benchrun $(BENCH_DIR)/quick quick; then echo "1 passed, 0 failed"; \
	 else echo "0 passed, 1 failed"; exit 1; fi
