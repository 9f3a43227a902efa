# The control unit alone (rtl/tess_ctl.sv), replayed against the C model (issue 7):
#   make test-rtl-ctl   every tile's control unit of the supervision scenarios
#                       (tests/mesh/progs/super.c), the chaos guest, OS boots; and the
#                       fault-injection build (a kill one cycle late) must fail
# ctl_rec runs `tessera run` with the C model's control unit recorded (linker --wrap,
# the model unchanged); ctl_tb replays each tile's inputs into a Verilated tess_ctl and
# compares its outputs with the recorded ones.
CTL_B := $(BUILD)/rtl-ctl
CTL_NT := 64
CTL_WRAP := ctl_arrive ctl_apply_event ctl_notice_delivered ctl_ack ctl_note_child ctl_on_halt \
	ni_write tile_start tile_write_mem ctl_preload con_arrive blk_arrive dev_reply out_put
CTL_SV := rtl/tess_isa_pkg.sv rtl/tess_ctl.sv
CTL_VFLAGS := --cc --no-timing -Wall -O3 --x-assign fast --x-initial fast --top-module tess_ctl \
	-GNT=$(CTL_NT)
CTL_SCENS := 1 2 3 4 5 6
CTL_ELFS := $(CTL_SCENS:%=$(CTL_B)/scen%.elf) $(CTL_B)/flood.elf

TEST_GROUPS += $(if $(HAVE_VERILATOR),rtl-ctl)

$(CTL_B)/ctl_rec: tests/rtl/ctl/ctl_rec.c $(BUILD)/obj/sim/run_setup.o $(BUILD)/libtessera.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/obj/sim/run_setup.o $(BUILD)/libtessera.a \
		$(foreach f,$(CTL_WRAP),-Wl,--wrap=$(f)) $(LDFLAGS) $(LDLIBS)

$(CTL_B)/scen%.elf: tests/rtl/ctl/scen.c tests/mesh/progs/super.c tests/mesh/progs/tmsg.h toolchain/tess.h
	@mkdir -p $(@D)
	$(MESH_RV) -Itests/mesh/progs -DSCENARIO=$* -o $@ $<

$(CTL_B)/flood.elf: tests/rtl/ctl/flood.c tests/mesh/progs/tmsg.h toolchain/tess.h
	@mkdir -p $(@D)
	$(MESH_RV) -Itests/mesh/progs -o $@ $<

# Verilate tess_ctl: $(1) variant (obj, obj-fault), $(2) defines, $(3) harness binary.
define CTL_VARIANT
$(CTL_B)/$(1)/Vtess_ctl__ALL.a: $(CTL_SV)
	@mkdir -p $$(@D)
	$(VERILATOR) $(CTL_VFLAGS) $(2) --Mdir $(CTL_B)/$(1) $(CTL_SV)
	+$(MAKE) --no-print-directory -C $(CTL_B)/$(1) -f Vtess_ctl.mk OPT_FAST="$(RTL_CXXFLAGS)" \
		Vtess_ctl__ALL.a verilated.o verilated_threads.o > /dev/null
$(3): tests/rtl/ctl/ctl_tb.cpp $(CTL_B)/$(1)/Vtess_ctl__ALL.a
	$(CXX) $(RTL_CXXFLAGS) -Wall -Wextra -I$(CTL_B)/$(1) $(RTL_VINC) -o $$@ $$< \
		$(addprefix $(CTL_B)/$(1)/,Vtess_ctl__ALL.a verilated.o verilated_threads.o) -lpthread
endef
$(eval $(call CTL_VARIANT,obj,,$(CTL_B)/ctl_tb))
$(eval $(call CTL_VARIANT,obj-fault,+define+TESS_FAULT_KILL_LATE,$(CTL_B)/ctl_tb-fault))

.PHONY: test-rtl-ctl
test-rtl-ctl: $(CTL_B)/ctl_rec $(CTL_B)/ctl_tb $(CTL_B)/ctl_tb-fault $(CTL_ELFS) \
		$(BUILD)/mesh/chaos.elf $(BUILD)/mesh/deaf.elf $(BUILD)/mesh/killer.elf $(BUILD)/mesh/watch.elf \
		$(OS_ELFS) $(BUILD)/cosim \
		$(BUILD)/cosim-fault-kill
	@tests/rtl/ctl/run.sh $(CTL_B) $(BUILD)/mesh $(OSB)

# The behavioural devices, replayed the same way (dev_tb: requests from the C model's
# log, replies and console output compared; the host side is sim/cosim/ctl_dev_host.cpp).
DEV_SV := rtl/tess_isa_pkg.sv rtl/tess_dev_ni.sv rtl/tess_dev_rx.sv rtl/tess_dev_console.sv \
	rtl/tess_dev_block.sv tests/rtl/ctl/dev_top.sv
DEV_VOBJS := $(addprefix $(CTL_B)/dev/,Vdev_top__ALL.a verilated.o verilated_threads.o verilated_dpi.o)
$(CTL_B)/dev/Vdev_top__ALL.a: $(DEV_SV)
	@mkdir -p $(@D)
	$(VERILATOR) --cc --no-timing -Wall -O3 --x-assign fast --x-initial fast --top-module dev_top \
		--Mdir $(CTL_B)/dev $(DEV_SV)
	+$(MAKE) --no-print-directory -C $(CTL_B)/dev -f Vdev_top.mk OPT_FAST="$(RTL_CXXFLAGS)" \
		Vdev_top__ALL.a verilated.o verilated_threads.o verilated_dpi.o > /dev/null
$(CTL_B)/dev_tb: tests/rtl/ctl/dev_tb.cpp tests/rtl/ctl/tb_console.h sim/cosim/ctl_dev_host.cpp \
		sim/cosim/ctl_dev_host.h isa/params.h \
		$(CTL_B)/dev/Vdev_top__ALL.a
	$(CXX) $(RTL_CXXFLAGS) -Wall -Wextra -I$(CTL_B)/dev -Isim/cosim -Iisa $(RTL_VINC) -o $@ \
		tests/rtl/ctl/dev_tb.cpp sim/cosim/ctl_dev_host.cpp $(DEV_VOBJS) -lpthread
test-rtl-ctl: $(CTL_B)/dev_tb $(BUILD)/mesh/blk.elf $(BUILD)/mesh/conread.elf

# The devices at the RTL mesh's device ports (rtl/tess_dev_chip.sv, 1x1: console west and
# block store east of tile 0): whole programs (console input, the block store) run on the
# RTL; console output cycles and the disk image must be the C model's.
CHIP_SV = $(RTL_SV) rtl/tess_dev_ni.sv rtl/tess_dev_rx.sv rtl/tess_dev_console.sv \
	rtl/tess_dev_block.sv rtl/tess_dev_chip.sv
CHIP_VOBJS := $(addprefix $(CTL_B)/chip/,Vtess_dev_chip__ALL.a verilated.o verilated_threads.o verilated_dpi.o)
$(CTL_B)/chip/Vtess_dev_chip__ALL.a: $(CHIP_SV)
	@mkdir -p $(@D)
	$(VERILATOR) --cc --no-timing -Wall -O3 --x-assign fast --x-initial fast \
		--top-module tess_dev_chip -GW=1 -GH=1 -GAW=14 --Mdir $(CTL_B)/chip $(CHIP_SV)
	+$(MAKE) --no-print-directory -C $(CTL_B)/chip -f Vtess_dev_chip.mk OPT_FAST="$(RTL_CXXFLAGS)" \
		Vtess_dev_chip__ALL.a verilated.o verilated_threads.o verilated_dpi.o > /dev/null
$(CTL_B)/chip_tb: tests/rtl/ctl/chip_tb.cpp tests/rtl/ctl/tb_console.h sim/cosim/ctl_dev_host.cpp \
		sim/cosim/ctl_dev_host.h \
		$(CTL_B)/chip/Vtess_dev_chip__ALL.a
	$(CXX) $(RTL_CXXFLAGS) -Wall -Wextra -I$(CTL_B)/chip -Isim/cosim $(RTL_VINC) -o $@ \
		tests/rtl/ctl/chip_tb.cpp sim/cosim/ctl_dev_host.cpp $(CHIP_VOBJS) -lpthread
test-rtl-ctl: $(CTL_B)/chip_tb

# OS boots on the 4x4 RTL chip (rtl/tess_dev_chip.sv: tess_mesh, a control unit in every
# tile, the devices at the mesh's ports): the console output of each boot at the C
# model's cycles. 16 flattened tiles take minutes to compile: the C++ at -O1 (Verilator's
# -O3 inlines, which gives the harness flat names). CTL_SLOW=1 adds the fault build (a
# kill one cycle late), which must fail on the boot that kills a supervisor.
define CTL_CHIP_VARIANT
$(CTL_B)/$(1)/Vtess_dev_chip__ALL.a: $(CHIP_SV)
	@mkdir -p $$(@D)
	$(VERILATOR) --cc --no-timing -Wall -O3 --x-assign fast --x-initial fast $(2) \
		--top-module tess_dev_chip -GW=4 -GH=4 -GAW=14 --Mdir $(CTL_B)/$(1) $(CHIP_SV)
	+$(MAKE) --no-print-directory -C $(CTL_B)/$(1) -f Vtess_dev_chip.mk OPT_FAST="-O1 -std=c++17" \
		Vtess_dev_chip__ALL.a verilated.o verilated_threads.o verilated_dpi.o > /dev/null
$(3): tests/rtl/ctl/ctl_chip_tb.cpp tests/rtl/ctl/tb_console.h sim/cosim/ctl_dev_host.cpp \
		sim/cosim/ctl_dev_host.h \
		$(CTL_B)/$(1)/Vtess_dev_chip__ALL.a
	$(CXX) -O1 -std=c++17 -Wall -Wextra -I$(CTL_B)/$(1) -Isim/cosim $(RTL_VINC) -o $$@ \
		tests/rtl/ctl/ctl_chip_tb.cpp sim/cosim/ctl_dev_host.cpp \
		$(addprefix $(CTL_B)/$(1)/,Vtess_dev_chip__ALL.a verilated.o verilated_threads.o verilated_dpi.o) \
		-lpthread
endef
$(eval $(call CTL_CHIP_VARIANT,cchip,,$(CTL_B)/ctl_chip_tb))
$(eval $(call CTL_CHIP_VARIANT,cchip-fault,+define+TESS_FAULT_KILL_LATE,$(CTL_B)/ctl_chip_tb-fault))
test-rtl-ctl: $(CTL_B)/ctl_chip_tb $(if $(filter 1,$(CTL_SLOW)),$(CTL_B)/ctl_chip_tb-fault)
