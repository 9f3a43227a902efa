# Waves: the VCD compare tool (issue 7).
#   $(BUILD)/wavecmp A.vcd B.vcd     first time each common signal differs
#   make test-waves                  its tests and those of tessera run --vcd (against
#                                    the RTL's waves when Verilator is there)
WAVECMP := $(BUILD)/wavecmp
TEST_GROUPS += waves
ALL += $(WAVECMP)

$(WAVECMP): waves/wavecmp.c waves/vcd.c waves/vcd.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ waves/wavecmp.c waves/vcd.c $(LDFLAGS)

.PHONY: test-waves
# Programs whose waves are compared (one tile each; run.sh lists them again).
WAVES_ELFS := $(addprefix $(BUILD)/tests/rtl/,alu.elf branch.elf loaduse.elf muldiv.elf \
	semihost.elf caps.elf xtess.elf f_memfault.elf f_misaligned.elf f_ebreak.elf \
	f_illegal.elf) $(addprefix $(BUILD)/tests/e2e/,fib.elf hello.elf sort.elf fault.elf)
# tessera-mpi, when it is built, is checked too (and so kept up to date here).
test-waves: $(WAVECMP) $(BUILD)/tessera $(WAVES_ELFS) $(wildcard $(BUILD)/tessera-mpi) \
		$(if $(HAVE_VERILATOR),$(BUILD)/cosim $(BUILD)/cosim-fault)
	@waves/tests/run.sh $(BUILD) $(if $(HAVE_VERILATOR),rtl,no-rtl)
