# MPI (sim/mpi*.c): build/tessera-mpi, a separate binary linked with mpicc, built only
# when mpicc is installed; `tessera` itself has no MPI in it. Test group `mpi`,
# benchmark group `mpi`.
MPICC ?= mpicc
ifneq ($(shell command -v $(MPICC) 2>/dev/null),)
MPI_SRCS := sim/mpi.c sim/mpi_part.c sim/mpi_window.c sim/mpi_gather.c sim/mpi_main.c
MPI_OBJS := $(MPI_SRCS:%.c=$(BUILD)/obj-mpi/%.o)
ALL += $(BUILD)/tessera-mpi
TEST_GROUPS += mpi mpi-fuzz
BENCH_GROUPS += mpi

$(BUILD)/obj-mpi/%.o: %.c
	@mkdir -p $(@D)
	$(MPICC) $(CFLAGS) $(DEPFLAGS) -c $< -o $@

$(BUILD)/tessera-mpi: $(MPI_OBJS) $(BUILD)/obj/sim/run_setup.o $(BUILD)/libtessera.a
	$(MPICC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

-include $(MPI_OBJS:.o=.d)

.PHONY: test-mpi test-mpi-fuzz bench-mpi
# The programs it runs (their rules come from tests/mesh and examples; the OS demo and
# tests/e2e/fault.elf are compared when they are built).
MPI_TEST_ELFS := $(addprefix $(BUILD)/mesh/,ring.elf reduce.elf a2a.elf pingpong.elf \
	chaos.elf conread.elf blk.elf) \
	$(addprefix $(BUILD)/examples/,hello.elf ring.elf sum.elf pipeline.elf matmul.elf life.elf)
test-mpi: $(BUILD)/tessera-mpi $(BUILD)/tessera $(MPI_TEST_ELFS)
	@$(MAKE) --no-print-directory $(MESH_ELFS) > /dev/null   # the random manifests' programs
	TESSERA=$(BUILD)/tessera TESSERA_MPI=$(BUILD)/tessera-mpi BUILD=$(BUILD) tests/mpi/run.sh

# Random multi-tile programs (tests/mesh/gen_prog.c) on 2 and 4 ranks against one
# process (tests/mesh/fuzz.sh ... mpi); MPI_FUZZ_COUNT=500 for a long run.
MPI_FUZZ_COUNT ?= $(if $(filter 1,$(SAN)),6,20)
MPI_FUZZ_SEED ?= 1
test-mpi-fuzz: $(BUILD)/tessera-mpi $(BUILD)/tessera $(BUILD)/tests/mesh/gen_prog
	@OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_mpi_yield_when_idle=1 \
		ASAN_OPTIONS=detect_leaks=0 tests/mesh/fuzz.sh $(BUILD) $(MPI_FUZZ_SEED) $(MPI_FUZZ_COUNT) 4x4 mpi

bench-mpi: $(BUILD)/tessera-mpi $(BUILD)/tessera $(BUILD)/benchrun $(BUILD)/bench/life.elf
	TESSERA=$(BUILD)/tessera TESSERA_MPI=$(BUILD)/tessera-mpi BUILD=$(BUILD) tests/mpi/bench.sh
endif
