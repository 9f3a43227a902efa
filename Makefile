# Tessera: top-level build. Every output goes under build/ (build-san/ with SAN=1).
#
#   make            build the simulator, the tools and the guest programs
#   make run        set up what is missing and run the main demo
#   make test       set up what is missing and run every test
#   make test SAN=1 the same under AddressSanitizer and UBSan
#   make bench      benchmarks (figures, never asserted)
#   make deps       apt-get install the Debian packages the project needs
#
# Each part of the tree adds itself through a fragment (module.mk) that appends to:
#   LIB_SRCS     C sources of libtessera (the simulator library)
#   TOOL_SRCS    C sources linked only into the tessera binary (subcommands)
#   TEST_GROUPS  names of test groups; group G is run by target test-G and must end its
#                output with a line "N passed, N failed"
#   BENCH_GROUPS names of benchmark groups (target bench-G)
#   ALL          further things `make` builds

.DELETE_ON_ERROR:
.SUFFIXES:

SAN ?= 0
ifeq ($(SAN),1)
BUILD ?= build-san
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
OPT ?= -O1
else
BUILD ?= build
SANFLAGS =
OPT ?= -O2
endif

CC      ?= gcc
CFLAGS  := -std=c11 $(OPT) -g -Wall -Wextra -D_GNU_SOURCE -Iisa -Isim $(SANFLAGS)
DEPFLAGS = -MMD -MP
LDFLAGS := $(SANFLAGS)
LDLIBS  := -lelf -lpthread -lm

# Guest (chip) toolchain: Debian's RISC-V cross gcc.
RV_PREFIX ?= riscv64-unknown-elf-
RV_CC     := $(RV_PREFIX)gcc
RV_ARCH   := -march=rv32im -mabi=ilp32

# The main demo (make run). A fragment may set DEMO_DEPS and DEMO_CMD to a better one.
DEMO_DEPS    = $(BUILD)/tessera $(BENCH_DIR)/quick/hash16.elf
DEMO_CMD     = $(BUILD)/tessera run --mesh 4x4 --tile all=$(BENCH_DIR)/quick/hash16.elf --stats

LIB_SRCS    := isa/isa.c
TOOL_SRCS   :=
TEST_GROUPS :=
BENCH_GROUPS :=
ALL         :=

include sim/module.mk
-include asm/module.mk
-include toolchain/module.mk
-include os/module.mk
-include rtl/module.mk
-include sim/view/module.mk
-include waves/module.mk
-include examples/module.mk
include tests/module.mk
-include tests/bench/module.mk

LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o)
TOOL_OBJS := $(TOOL_SRCS:%.c=$(BUILD)/obj/%.o)

# Profile-guided optimisation of the simulator (PGO=1, the default except with SAN=1;
# PGO=0 turns it off). The objects of libtessera and tessera are first compiled
# instrumented (-fprofile-generate, at the same paths: GCC tells a static function's
# profile by its object's name) and linked into $(BUILD)/pgo/tessera, which runs Life
# 64x64 on 1 and 2 threads, the hash loop, all-to-all messages and the OS demo; then
# they are compiled again with that profile. Without it, where the linker happened to
# put the interpreter moved Life 64x64 by up to 25% from one build to the next
# (sim/README.md, "Profile-guided builds"). It changes no result: every test runs the
# PGO build. Any change to the simulator's sources trains it again.
PGO ?= $(if $(filter 1,$(SAN)),0,1)
PGO_DATA  := $(abspath $(BUILD))/pgo/data
PGO_STAMP := $(BUILD)/pgo/trained
PGO_FLAGS  = -fprofile-prefix-path=$(abspath $(BUILD))
ifeq ($(PGO),gen)
CFLAGS += -fprofile-generate=$(PGO_DATA) $(PGO_FLAGS) -fprofile-update=atomic
endif
ifeq ($(PGO),1)
# (-Wno-missing-profile: a file none of the training runs reaches, the viewer's, has no
# profile, and is compiled as without PGO.)
$(LIB_OBJS) $(TOOL_OBJS): CFLAGS += -fprofile-use=$(PGO_DATA) $(PGO_FLAGS) -Wno-missing-profile
$(LIB_OBJS) $(TOOL_OBJS): $(PGO_STAMP)
PGO_RUN = $(BUILD)/pgo/tessera run
# (every header beside those sources: a profile older than its code would not fit it)
PGO_HDRS := $(foreach d,$(sort $(dir $(LIB_SRCS) $(TOOL_SRCS))),$(wildcard $(d)*.h $(d)*.def))
$(PGO_STAMP): $(LIB_SRCS) $(TOOL_SRCS) $(PGO_HDRS) Makefile sim/module.mk $(BENCH_DIR)/life.elf $(BENCH_DIR)/quick/hash16.elf \
		$(MESH_DIR)/a2a.elf $(OSB)/root_demo.elf
	rm -rf $(BUILD)/pgo $(LIB_OBJS) $(TOOL_OBJS)
	$(MAKE) --no-print-directory PGO=gen $(LIB_OBJS) $(TOOL_OBJS)
	@mkdir -p $(BUILD)/pgo
	$(CC) -fprofile-generate -o $(BUILD)/pgo/tessera $(TOOL_OBJS) $(LIB_OBJS) $(LDLIBS) \
		$(TOOL_LDLIBS)
	$(PGO_RUN) --threads 2 --mesh 64x64 --tile all=$(BENCH_DIR)/life.elf > /dev/null
	$(PGO_RUN) --mesh 64x64 --tile all=$(BENCH_DIR)/life.elf > /dev/null
	$(PGO_RUN) --mesh 4x4 --tile all=$(BENCH_DIR)/quick/hash16.elf > /dev/null
	$(PGO_RUN) --threads 2 --mesh 8x8 --tile all=$(MESH_DIR)/a2a.elf > /dev/null
	$(PGO_RUN) --mesh 8x8 --boot $(OSB)/root_demo.elf > /dev/null
	rm -f $(LIB_OBJS) $(TOOL_OBJS)
	touch $@
endif

.PHONY: all run test bench deps clean demo
all: $(BUILD)/tessera $(ALL)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(DEPFLAGS) -c $< -o $@

$(BUILD)/libtessera.a: $(LIB_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/tessera: $(TOOL_OBJS) $(BUILD)/libtessera.a
	$(CC) $(LDFLAGS) -o $@ $(TOOL_OBJS) $(BUILD)/libtessera.a $(LDLIBS) $(TOOL_LDLIBS)

# Installs what is missing (Debian). Needs root, or sudo.
DEB_PKGS := gcc make libelf-dev check libsubunit-dev pkg-config libsdl2-dev verilator \
	gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf picolibc-riscv64-unknown-elf \
	qemu-user libopenmpi-dev openmpi-bin yosys xvfb xauth
deps:
	@missing=$$(for p in $(DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

run: deps
	$(MAKE) all
	$(MAKE) --no-print-directory demo

demo: $(DEMO_DEPS)
	$(DEMO_CMD)

test: deps
	$(MAKE) all
	@tests/run_groups.sh $(MAKE) $(TEST_GROUPS)

bench: deps
	$(MAKE) all
	@for g in $(BENCH_GROUPS); do $(MAKE) --no-print-directory bench-$$g || exit 1; done

clean:
	rm -rf build build-san

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
