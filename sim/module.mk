# The simulator: libtessera (everything but the command line) and the tessera binary.
LIB_SRCS += sim/tile.c sim/decode.c sim/core.c sim/trace.c sim/semihost.c sim/mesh.c \
	sim/engine.c sim/chain.c sim/outq.c sim/console.c sim/stats.c sim/elf_load.c sim/tilespec.c \
	sim/net.c sim/workers.c sim/balance.c sim/sched_heap.c sim/part_model.c \
	sim/dinsn_run.c
# The network side (issue 3): routers, mailboxes, capabilities, control units, devices.
LIB_SRCS += sim/noc.c sim/mailbox.c sim/caps.c sim/control.c sim/devices/console_dev.c \
	sim/devices/blockstore.c sim/manifest.c
# Waves of the C model (tessera run --vcd; waves/README.md).
LIB_SRCS += sim/vcd_out.c sim/vcd_rec.c
TOOL_SRCS += sim/main.c sim/cli.c sim/run_setup.c
TEST_GROUPS +=
-include sim/mpi.mk
# The interpreter's loop head on a 64-byte boundary: its fetch and dispatch then fill
# two 64-byte lines, not three, whatever the code linked before it. Where it fell by
# chance moved Life 64x64 by up to 25% from one build to the next (sim/README.md,
# "Where the loop falls").
$(BUILD)/obj/sim/core.o: CFLAGS += -falign-loops=64
