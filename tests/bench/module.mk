# Engine benchmarks (issue 9): make bench runs them; test-bench-smoke runs a quick
# variant so CI checks the benchmark still works (it asserts no time).
BENCH_GROUPS += engine threads
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

# Thread scaling: Life 64x64 and the hash loop on 64x64 on 1, 2, 4, ... threads up to
# the host's cores (SCALING_CORES overrides the count), outputs checked against 1
# thread. The figure for the 16-core target; on a machine lent for it, this is the one
# command to run.
bench-threads: $(BUILD)/tessera $(BUILD)/benchrun $(BENCH_DIR)/life.elf $(BENCH_DIR)/hash4k.elf
	@SCALING_JSON=$(BUILD)/scaling.json tests/bench/scaling.sh $(BUILD)/tessera \
	    $(BUILD)/benchrun $(BENCH_DIR)

test-bench-smoke: $(BUILD)/tessera $(BUILD)/benchrun $(addprefix $(BENCH_DIR)/quick/,$(BENCH_ELFS))
	@p=0; f=0; \
	 if BENCH_JSON=$(BUILD)/bench-smoke.json tests/bench/bench.sh $(BUILD)/tessera \
	    $(BUILD)/benchrun $(BENCH_DIR)/quick quick; then p=$$((p+1)); else f=$$((f+1)); fi; \
	 if SCALING_JSON=$(BUILD)/scaling-smoke.json SCALING_CORES=4 tests/bench/scaling.sh \
	    $(BUILD)/tessera $(BUILD)/benchrun $(BENCH_DIR)/quick quick; then p=$$((p+1)); \
	 else f=$$((f+1)); fi; \
	 echo "$$p passed, $$f failed"; [ $$f -eq 0 ]
