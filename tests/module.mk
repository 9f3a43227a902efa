TEST_GROUPS +=

# Test groups: unit (Check), e2e (guest programs), diff (against qemu-riscv32).
# The fragments define rules, and are included before the Makefile's `all`: keep `all`
# the default goal.
.DEFAULT_GOAL := all
-include tests/unit/module.mk
-include tests/e2e/module.mk
-include tests/diff/module.mk
-include tests/mesh/module.mk
