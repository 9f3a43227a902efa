# Differential testing against qemu-riscv32: random RV32IM programs (tests/diff/gen.c)
# must print the same registers and hash, and exit the same, on both.
#   make test-diff                     DIFF_COUNT programs (default 2000) from DIFF_SEED
#   make test-diff DIFF_COUNT=100000   the long soak
#   make soak-diff                     20000 programs with longer bodies (10-20 min)
# Under SAN=1 the default is 500: the sanitized simulator is ~10x slower to start, and
# what SAN adds (memory errors in the simulator) shows on few programs as on many.
DIFF_COUNT ?= $(if $(filter 1,$(SAN)),500,2000)
DIFF_SEED  ?= 1
DIFF_JOBS  ?= 2
DIFF_LEN   ?= 60
DIFF_GEN   := $(BUILD)/tests/diff/gen

TEST_GROUPS  += diff

$(DIFF_GEN): tests/diff/gen.c tests/rng.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $< $(LDFLAGS)

.PHONY: test-diff soak-diff
test-diff: $(DIFF_GEN) $(BUILD)/tessera
	@tests/diff/run.sh $(BUILD) $(DIFF_COUNT) $(DIFF_SEED) $(DIFF_JOBS) $(DIFF_LEN)

soak-diff: $(DIFF_GEN) $(BUILD)/tessera
	@tests/diff/run.sh $(BUILD) 20000 1000001 $(DIFF_JOBS) 200
