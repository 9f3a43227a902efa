# The simulator: libtessera (everything but the command line) and the tessera binary.
LIB_SRCS += sim/tile.c sim/decode.c sim/core.c sim/trace.c sim/semihost.c sim/mesh.c \
	sim/engine.c sim/outq.c sim/console.c sim/stats.c sim/elf_load.c sim/tilespec.c \
	sim/net.c sim/workers.c
TOOL_SRCS += sim/main.c sim/cli.c
