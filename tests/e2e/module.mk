# End-to-end programs: C (with crt0.S, semi.h) and assembly, built with Debian's
# riscv64-unknown-elf-gcc, run by tests/e2e/run.sh against tests/e2e/cases.txt
# (exit status, tile 0's cycle count, stderr) and tests/e2e/expect/*.out (stdout).
E2E_DIR    := $(BUILD)/tests/e2e
E2E_C      := $(filter-out tests/e2e/crt0.S,$(wildcard tests/e2e/*.c))
E2E_S      := $(filter-out tests/e2e/crt0.S,$(wildcard tests/e2e/*.S))
E2E_ELFS   := $(patsubst tests/e2e/%.c,$(E2E_DIR)/%.elf,$(E2E_C)) \
	      $(patsubst tests/e2e/%.S,$(E2E_DIR)/%.elf,$(E2E_S))
E2E_CFLAGS := $(RV_ARCH) -O2 -Wall -Wextra -ffreestanding -fno-builtin \
	      -fno-tree-loop-distribute-patterns -nostdlib -static -Wl,-Ttext=0 \
	      -Itoolchain -Iisa

TEST_GROUPS += e2e
ALL += $(E2E_ELFS)

$(E2E_DIR)/%.elf: tests/e2e/%.c tests/e2e/crt0.S tests/e2e/semi.h toolchain/tess.h
	@mkdir -p $(@D)
	$(RV_CC) $(E2E_CFLAGS) -o $@ tests/e2e/crt0.S $< -lgcc
	$(RV_PREFIX)objdump -d $@ > $(@:.elf=.lst)

$(E2E_DIR)/%.elf: tests/e2e/%.S
	@mkdir -p $(@D)
	$(RV_CC) $(RV_ARCH) -nostdlib -static -Wl,-Ttext=0 -o $@ $<
	$(RV_PREFIX)objdump -d $@ > $(@:.elf=.lst)

.PHONY: test-e2e
test-e2e: $(E2E_ELFS) $(BUILD)/tessera
	@tests/e2e/run.sh $(BUILD)/tessera $(E2E_DIR)
