TEST_GROUPS +=

# Test groups: unit (Check), e2e (guest programs), diff (against qemu-riscv32).
-include tests/unit/module.mk
-include tests/e2e/module.mk
-include tests/diff/module.mk
