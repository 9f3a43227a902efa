# Mesh tests (issue 3): Check unit tests over the network and guest programs
# (test-mesh), and end-to-end runs of the tessera command (test-mesh-e2e).
TEST_GROUPS += mesh mesh-e2e

MESH_DIR   := $(BUILD)/mesh
MESH_RV    := $(RV_CC) $(RV_ARCH) -O2 -ffreestanding -nostdlib -static -Wl,-Ttext=0 -Wl,--no-relax \
	-Itoolchain -Iisa
MESH_PROGS := lat pingpong ring reduce a2a super caps blk chaos conread deaf lag killer watch
MESH_ELFS  := $(MESH_PROGS:%=$(MESH_DIR)/%.elf)
MESH_TSRC  := tests/mesh/main.c tests/mesh/mt.c tests/mesh/t_net.c tests/mesh/t_progs.c

$(MESH_DIR)/%.elf: tests/mesh/progs/%.c tests/mesh/progs/tmsg.h toolchain/tess.h isa/params.h
	@mkdir -p $(@D)
	$(MESH_RV) -o $@ $<
	$(RV_PREFIX)objdump -d $@ > $(@:.elf=.lst)

$(MESH_DIR)/mesh_tests: $(MESH_TSRC) tests/mesh/mt.h $(BUILD)/libtessera.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -DMT_PROG_DIR='"$(MESH_DIR)"' $$(pkg-config --cflags check) -o $@ \
		$(MESH_TSRC) $(BUILD)/libtessera.a $(LDLIBS) $$(pkg-config --libs check)

test-mesh: $(MESH_DIR)/mesh_tests $(MESH_ELFS)
	@CK_DEFAULT_TIMEOUT=120 $(MESH_DIR)/mesh_tests

test-mesh-e2e: $(BUILD)/tessera $(MESH_ELFS) $(BUILD)/bench/quick/life.elf
	@LIFE_ELF=$(BUILD)/bench/quick/life.elf tests/mesh/e2e.sh $(BUILD)/tessera $(MESH_DIR)

# Random manifests of 64 to 256 tiles on 1, 2, 3 and 5 threads, byte for byte
# (tests/rtl/manifests.sh ... big: no RTL); MESH_MANIFEST_COUNT=1000 for a long run.
TEST_GROUPS += mesh-manifests
MESH_MANIFEST_COUNT ?= 10
MESH_MANIFEST_SEED ?= 1
test-mesh-manifests: $(BUILD)/tessera $(MESH_ELFS) $(EX_ELFS)
	@tests/rtl/manifests.sh $(BUILD) $(MESH_MANIFEST_SEED) $(MESH_MANIFEST_COUNT) big

# Random multi-tile programs of every message and capability instruction (gen_prog.c)
# on 1, 2 and 3 threads with random cuts and parts, byte for byte (tests/mesh/fuzz.sh;
# MESH_FUZZ_COUNT=5000 for a long run), and messages that reach a tile as it halts
# (tests/mesh/late.sh).
TEST_GROUPS += mesh-late mesh-fuzz
MESH_FUZZ_COUNT ?= $(if $(filter 1,$(SAN)),40,150)
MESH_FUZZ_SEED ?= 1
MESH_GEN_PROG := $(BUILD)/tests/mesh/gen_prog

$(MESH_GEN_PROG): tests/mesh/gen_prog.c tests/rng.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $< $(LDFLAGS)

test-mesh-late: $(BUILD)/tessera
	@tests/mesh/late.sh $(BUILD)/tessera

test-mesh-fuzz: $(BUILD)/tessera $(MESH_GEN_PROG)
	@tests/mesh/fuzz.sh $(BUILD) $(MESH_FUZZ_SEED) $(MESH_FUZZ_COUNT)

# The threaded engine under ThreadSanitizer: a tessera of its own in $(BUILD)/tsan.
TEST_GROUPS += tsan
TSAN_BUILD := $(BUILD)/tsan

.PHONY: tsan-build
tsan-build:
	@$(MAKE) --no-print-directory -s BUILD=$(TSAN_BUILD) SANFLAGS=-fsanitize=thread OPT=-O1 PGO=0 \
		$(TSAN_BUILD)/tessera

test-tsan: tsan-build $(MESH_ELFS) $(BUILD)/bench/quick/life.elf $(OSB)/boot_demo.mf
	@tests/mesh/tsan.sh $(TSAN_BUILD)/tessera $(BUILD)
