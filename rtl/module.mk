# RTL of the tile (issue 7): generated ISA package, Verilator model, co-simulation
# against the C model, fault-injection build, yosys synthesis check.
#
#   make rtl          build the Verilated tile and $(BUILD)/cosim
#   make test-rtl     co-simulate tests/rtl/*, the one-tile programs of tests/e2e/,
#                     RTL_DIFF_COUNT random programs (tests/diff/gen),
#                     and check that the fault-injection build fails where it must
#   make test-rtl-manifests  random manifests on 1/2/3 threads and against the RTL
#   make test-rtl-fuzz       random multi-tile programs against the RTL
#   make rtl-synth    yosys generic synthesis of one tile; prints the cell count
#   make rtl-lint     verilator --lint-only -Wall
RTL_SV := rtl/tess_isa_pkg.sv rtl/tess_regfile.sv rtl/tess_div.sv rtl/tess_caps.sv \
	rtl/tess_router.sv rtl/tess_ni.sv rtl/tess_mailbox.sv \
	rtl/tess_sram.sv rtl/tess_core.sv rtl/tess_ctl.sv rtl/tess_tile.sv rtl/tess_mesh.sv
# The co-simulation model is one tile (cosim wires tiles into a mesh, sim/cosim/cosim_net.c);
# tess_mesh, the same wiring in RTL, is linted and synthesised.
RTL_TOP := tess_tile
# SRAM word-address bits of the simulated tile: 2^18 words = 1 MiB, the largest --mem;
# a smaller --mem is the same SRAM with a lower memory bound.
RTL_AW ?= 18
VERILATOR ?= verilator
HAVE_VERILATOR := $(shell command -v $(VERILATOR) 2>/dev/null)

# Verilator 5.006: --no-timing must be said (the RTL has no delays); -Wall with the
# waivers commented in the sources; --trace compiles VCD support in (off unless asked).
RTL_VFLAGS := --cc --no-timing -Wall --trace -O3 --x-assign fast --x-initial fast \
	--top-module $(RTL_TOP) -GAW=$(RTL_AW)
RTL_CXXFLAGS := -O2 -std=c++17
RTL_VINC := -isystem /usr/share/verilator/include -isystem /usr/share/verilator/include/vltstd
RTL_VOBJS = $(addprefix $(BUILD)/$(1)/,Vtess_tile__ALL.a verilated.o verilated_vcd_c.o verilated_threads.o)

TEST_GROUPS += rtl rtl-meshes rtl-manifests rtl-fuzz
# not in ALL: Verilating takes a minute; make rtl or make test-rtl builds it

$(BUILD)/gen_sv: isa/gen_sv.c isa/insns.def isa/formats.def isa/timing.def isa/causes.def \
		isa/errors.def isa/tags.def isa/params.h isa/isa.h
	@mkdir -p $(@D)
	$(CC) -std=c11 -Wall -Wextra -Iisa -o $@ isa/gen_sv.c

# Generated, committed so that yosys and readers need no build; make keeps it current.
# Replaced only when its text changes, so that other build folders do not re-Verilate.
rtl/tess_isa_pkg.sv: $(BUILD)/gen_sv
	@$(BUILD)/gen_sv $@.$$$$.tmp && if cmp -s $@.$$$$.tmp $@; then rm $@.$$$$.tmp; \
	else mv $@.$$$$.tmp $@ && echo "regenerated $@"; fi

# Verilate one variant: $(1) name (rtl, rtl-fault), $(2) extra defines.
define RTL_VARIANT
$(BUILD)/$(1)/Vtess_tile__ALL.a: $(RTL_SV)
	@mkdir -p $$(@D)
	$(VERILATOR) $(RTL_VFLAGS) $(2) --Mdir $(BUILD)/$(1) $(RTL_SV)
	+$(MAKE) --no-print-directory -C $(BUILD)/$(1) -f Vtess_tile.mk OPT_FAST="$(RTL_CXXFLAGS)" \
		Vtess_tile__ALL.a verilated.o verilated_vcd_c.o verilated_threads.o > /dev/null

$(BUILD)/$(1)/rtl_tile.o: sim/cosim/rtl_tile.cpp sim/cosim/rtl.h $(BUILD)/$(1)/Vtess_tile__ALL.a
	$(CXX) $(RTL_CXXFLAGS) -Wall -Wextra -Isim/cosim -I$(BUILD)/$(1) $(RTL_VINC) -c $$< -o $$@
endef

# The behavioural devices beside the tiles (cosim --mesh): tests/rtl/ctl/dev_top.sv, the
# console and the block store with their DPI-C host side (sim/cosim/ctl_dev_host.cpp).
# Linked with the tile's Verilator runtime objects; verilated_dpi.o comes from here.
RTL_DEV_SV := rtl/tess_isa_pkg.sv rtl/tess_dev_ni.sv rtl/tess_dev_rx.sv rtl/tess_dev_console.sv \
	rtl/tess_dev_block.sv tests/rtl/ctl/dev_top.sv
$(BUILD)/rtl-dev/Vdev_top__ALL.a: $(RTL_DEV_SV)
	@mkdir -p $(@D)
	$(VERILATOR) --cc --no-timing -Wall -O3 --x-assign fast --x-initial fast --top-module dev_top \
		--Mdir $(BUILD)/rtl-dev $(RTL_DEV_SV)
	+$(MAKE) --no-print-directory -C $(BUILD)/rtl-dev -f Vdev_top.mk OPT_FAST="$(RTL_CXXFLAGS)" \
		Vdev_top__ALL.a verilated_dpi.o > /dev/null
# made by the rule above (a parallel make must not look for a rule of its own)
$(BUILD)/rtl-dev/verilated_dpi.o: $(BUILD)/rtl-dev/Vdev_top__ALL.a ;
$(BUILD)/rtl-dev/rtl_devs.o: sim/cosim/rtl_devs.cpp sim/cosim/rtl_devs.h sim/cosim/rtl.h \
		$(BUILD)/rtl-dev/Vdev_top__ALL.a
	$(CXX) $(RTL_CXXFLAGS) -Wall -Wextra -Isim/cosim -I$(BUILD)/rtl-dev $(RTL_VINC) -c $< -o $@
$(BUILD)/rtl-dev/ctl_dev_host.o: sim/cosim/ctl_dev_host.cpp sim/cosim/ctl_dev_host.h
	@mkdir -p $(@D)
	$(CXX) $(RTL_CXXFLAGS) -Wall -Wextra -Isim/cosim $(RTL_VINC) -c $< -o $@
RTL_DEV_OBJS := $(addprefix $(BUILD)/rtl-dev/,rtl_devs.o ctl_dev_host.o Vdev_top__ALL.a verilated_dpi.o)
$(eval $(call RTL_VARIANT,rtl,))
$(eval $(call RTL_VARIANT,rtl-fault,+define+TESS_FAULT_BRANCH_PENALTY))
$(eval $(call RTL_VARIANT,rtl-fault-hop,+define+TESS_FAULT_HOP_LONG))

COSIM_SRCS := sim/cosim/cosim_main.c sim/cosim/cosim_args.c sim/cosim/cosim_ref.c sim/cosim/cosim_semihost.c \
	sim/cosim/cosim_log.c sim/cosim/cosim_net.c sim/cosim/cosim_net_ref.c
COSIM_OBJS := $(COSIM_SRCS:%.c=$(BUILD)/obj/%.o)
# --wrap: the network run records the model's payloads, halts, control-unit writes and
# output as they happen (sim/cosim/cosim_net_ref.c), without a hook in the simulator.
# run_setup.o: --boot and --manifest placed by tessera run's own code.
COSIM_WRAPS := -Wl,--wrap=mb_deliver,--wrap=con_arrive,--wrap=console_write,--wrap=ctl_arrive \
	-Wl,--wrap=blk_arrive,--wrap=net_on_halt,--wrap=ni_write
COSIM_LINK = $(CXX) $(LDFLAGS) $(COSIM_WRAPS) -o $@ $(COSIM_OBJS) $(BUILD)/obj/sim/run_setup.o \
	$(BUILD)/$(1)/rtl_tile.o $(RTL_DEV_OBJS) $(RTL_VOBJS) $(BUILD)/libtessera.a $(LDLIBS) -lz -lpthread
COSIM_DEPS := $(COSIM_OBJS) $(BUILD)/obj/sim/run_setup.o $(RTL_DEV_OBJS) $(BUILD)/libtessera.a

$(BUILD)/cosim: $(COSIM_DEPS) $(BUILD)/rtl/rtl_tile.o
	$(call COSIM_LINK,rtl)
$(BUILD)/cosim-fault: $(COSIM_DEPS) $(BUILD)/rtl-fault/rtl_tile.o
	$(call COSIM_LINK,rtl-fault)
$(BUILD)/cosim-fault-hop: $(COSIM_DEPS) $(BUILD)/rtl-fault-hop/rtl_tile.o
	$(call COSIM_LINK,rtl-fault-hop)
# a kill one cycle late (tess_ctl): cosim --mesh of an OS boot must fail at the first kill
$(eval $(call RTL_VARIANT,rtl-fault-kill,+define+TESS_FAULT_KILL_LATE))
$(BUILD)/cosim-fault-kill: $(COSIM_DEPS) $(BUILD)/rtl-fault-kill/rtl_tile.o
	$(call COSIM_LINK,rtl-fault-kill)

# Guest programs for co-simulation: tests/rtl/*.S and *.c, bare (-nostdlib, text at 0).
RTL_TEST_SRCS := $(filter-out tests/rtl/crt0.S,$(wildcard tests/rtl/*.S tests/rtl/*.c))
RTL_TEST_ELFS := $(patsubst tests/rtl/%,$(BUILD)/tests/rtl/%.elf,$(basename $(RTL_TEST_SRCS)))
$(BUILD)/tests/rtl/%.elf: tests/rtl/%.S tests/rtl/test.h
	@mkdir -p $(@D)
	$(RV_CC) $(RV_ARCH) -nostdlib -static -Wl,-Ttext=0,--no-relax -Itests/rtl -o $@ $<
$(BUILD)/tests/rtl/%.elf: tests/rtl/%.c tests/rtl/crt0.S toolchain/tess.h
	@mkdir -p $(@D)
	$(RV_CC) $(RV_ARCH) -O2 -nostdlib -static -Wl,-Ttext=0,--no-relax -ffreestanding -Itoolchain -Iisa \
		-o $@ tests/rtl/crt0.S $<

.PHONY: rtl rtl-lint rtl-synth test-rtl test-rtl-meshes test-rtl-manifests test-rtl-fuzz
ifneq ($(HAVE_VERILATOR),)
rtl: $(BUILD)/cosim
RTL_DIFF_COUNT ?= 100
RTL_DIFF_SEED ?= 1
test-rtl: $(BUILD)/cosim $(BUILD)/cosim-fault $(BUILD)/cosim-fault-hop $(BUILD)/tessera \
		$(BUILD)/tests/diff/gen $(RTL_TEST_ELFS)
	@$(MAKE) --no-print-directory $(E2E_ELFS) $(MESH_ELFS) $(EX_ELFS) > /dev/null
	@RTL_DIFF_COUNT=$(RTL_DIFF_COUNT) RTL_DIFF_SEED=$(RTL_DIFF_SEED) \
		tests/rtl/run.sh $(BUILD) $(RTL_TEST_ELFS) $(E2E_ELFS)
# every end-to-end program on 1x1, 2x2 and 4x4 meshes (tests/rtl/meshes.sh)
RTL_MESH_ELFS = $(E2E_ELFS) $(addprefix $(MESH_DIR)/,lat.elf pingpong.elf ring.elf reduce.elf caps.elf deaf.elf \
	a2a.elf) $(addprefix $(BUILD)/examples/,hello.elf ring.elf sum.elf matmul.elf pipeline.elf)
test-rtl-meshes: $(BUILD)/cosim
	@$(MAKE) --no-print-directory $(RTL_MESH_ELFS) $(if $(RTL_SLOW),$(BUILD)/examples/life.elf) > /dev/null
	@tests/rtl/meshes.sh $(BUILD) $(RTL_MESH_ELFS) $(if $(RTL_SLOW),$(BUILD)/examples/life.elf)
# random manifests (supervisors, budgets) on 1, 2, 3 threads and against the RTL
# (tests/rtl/manifests.sh); RTL_MANIFEST_COUNT=1000 for a long run
RTL_MANIFEST_COUNT ?= 20
RTL_MANIFEST_SEED ?= 1
test-rtl-manifests: $(BUILD)/cosim $(BUILD)/tessera
	@$(MAKE) --no-print-directory $(MESH_ELFS) $(EX_ELFS) > /dev/null
	@tests/rtl/manifests.sh $(BUILD) $(RTL_MANIFEST_SEED) $(RTL_MANIFEST_COUNT)
# random multi-tile programs (tests/mesh/gen_prog.c, half of them under random
# manifests) in lock step against the RTL (tests/mesh/fuzz.sh ... rtl);
# RTL_FUZZ_COUNT=2000 for a long run
RTL_FUZZ_COUNT ?= 60
RTL_FUZZ_SEED ?= 1
test-rtl-fuzz: $(BUILD)/cosim $(BUILD)/tessera $(BUILD)/tests/mesh/gen_prog
	@tests/mesh/fuzz.sh $(BUILD) $(RTL_FUZZ_SEED) $(RTL_FUZZ_COUNT) 4x4 rtl
rtl-lint: $(RTL_SV)
	$(VERILATOR) --lint-only -Wall --no-timing --top-module $(RTL_TOP) $(RTL_SV)
	$(VERILATOR) --lint-only -Wall --no-timing +define+TESS_FAULT_HOP_LONG --top-module $(RTL_TOP) $(RTL_SV)
	$(VERILATOR) --lint-only -Wall --no-timing --top-module tess_mesh -GW=3 -GH=2 $(RTL_SV)
else
rtl rtl-lint:
	@echo "rtl: verilator is not installed (make deps installs it)"
test-rtl test-rtl-meshes test-rtl-manifests test-rtl-fuzz:
	@echo "rtl: SKIP: verilator is not installed, no co-simulation run"
	@echo "0 passed, 0 failed"
endif

# Generic synthesis with a 4 KiB SRAM (AW=10): the SRAM becomes flip-flops here, so the
# figure is an upper bound of the logic around a real SRAM macro.
RTL_SYNTH_AW ?= 10
RTL_YOSYS = read_verilog -sv $(RTL_SV); hierarchy -top $(RTL_TOP) -chparam AW $(RTL_SYNTH_AW); \
	synth -top $(RTL_TOP); tee -o $(BUILD)/rtl/synth_stat.txt stat
rtl-synth: $(RTL_SV)
	@mkdir -p $(BUILD)/rtl
	yosys -q -l $(BUILD)/rtl/synth.log -p '$(RTL_YOSYS)' > /dev/null
	@grep -E '^=== |Number of cells' $(BUILD)/rtl/synth_stat.txt

# make bench: Verilator's simulated cycles per second on one tile, alone and in lock step
# with the C model, beside the C model's own, on the same program (figures, not asserted).
BENCH_GROUPS += $(if $(HAVE_VERILATOR),rtl)
RTL_BENCH_ELF := $(BUILD)/tests/rtl/bench_hash.elf
$(RTL_BENCH_ELF): tests/bench/hashloop.c toolchain/tess.h
	@mkdir -p $(@D)
	$(RV_CC) $(RV_ARCH) -O2 -nostdlib -static -Wl,-Ttext=0,--no-relax -ffreestanding -Itoolchain -Iisa -DITER=100000u \
		-o $@ $<
.PHONY: bench-rtl
bench-rtl: $(BUILD)/cosim $(BUILD)/tessera $(RTL_BENCH_ELF)
	@tests/rtl/bench.sh $(BUILD) $(RTL_BENCH_ELF)

# The control unit alone against the C model (tests/rtl/ctl/, test-rtl-ctl).
-include tests/rtl/ctl/module.mk
