# The SDL2 viewer (issue 8): tessera view, its tests and its benchmark.
VIEW_SRCS := sim/view/view_main.c sim/view/window.c sim/view/view_run.c \
	sim/view/view_input.c sim/view/render.c sim/view/cells.c sim/view/netview.c \
	sim/view/inspect.c sim/view/canvas.c sim/view/font.c sim/view/png.c
TOOL_SRCS += $(VIEW_SRCS)
TOOL_LDLIBS += $(shell sdl2-config --libs 2>/dev/null || pkg-config --libs sdl2)
VIEW_SDL_CFLAGS := $(shell sdl2-config --cflags 2>/dev/null || pkg-config --cflags sdl2)
$(BUILD)/obj/sim/view/window.o: CFLAGS += $(VIEW_SDL_CFLAGS)
# The run options shared by tessera run and tessera view (sim/run_setup.c).
TOOL_SRCS += sim/run_setup.c
