# Example C programs for the chip, built with tessera-cc, checked by test-examples
# (expected output in examples/expected/) and once more with --threads 2.
EX_NAMES := hello ring sum pipeline matmul life life_ref
EX_ELFS  := $(EX_NAMES:%=$(BUILD)/examples/%.elf)
ALL += $(EX_ELFS)
TEST_GROUPS += examples

$(BUILD)/examples/%.elf: examples/%.c examples/common.h examples/life.h $(TC_RUNTIME) $(TESSERA_CC)
	@mkdir -p $(@D)
	TESSERA_BUILD=$(BUILD) $(TESSERA_CC) -O2 -Iexamples -o $@ $<

test-examples: $(BUILD)/tessera $(EX_ELFS)
	@examples/run.sh $(BUILD)/tessera $(BUILD)/examples && \
	 examples/run.sh $(BUILD)/tessera $(BUILD)/examples --threads 2
