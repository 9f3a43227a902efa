# Waves: the VCD compare tool (issue 7).
#   $(BUILD)/wavecmp A.vcd B.vcd     first time each common signal differs
#   make test-waves                  its tests (with RTL waves when Verilator is there)
WAVECMP := $(BUILD)/wavecmp
TEST_GROUPS += waves
ALL += $(WAVECMP)

$(WAVECMP): waves/wavecmp.c waves/vcd.c waves/vcd.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ waves/wavecmp.c waves/vcd.c $(LDFLAGS)

.PHONY: test-waves
test-waves: $(WAVECMP) $(BUILD)/tessera $(if $(HAVE_VERILATOR),$(BUILD)/cosim $(BUILD)/cosim-fault $(BUILD)/tests/rtl/branch.elf)
	@waves/tests/run.sh $(BUILD) $(if $(HAVE_VERILATOR),rtl,no-rtl)
