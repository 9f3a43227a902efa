# The SDL2 viewer (issue 8): tessera view, its tests and its benchmark.
VIEW_SRCS := sim/view/view_main.c sim/view/window.c sim/view/view_run.c \
	sim/view/view_input.c sim/view/render.c sim/view/cells.c sim/view/netview.c \
	sim/view/inspect.c sim/view/canvas.c sim/view/font.c sim/view/png.c sim/view/deflate.c
TOOL_SRCS += $(VIEW_SRCS)
TOOL_LDLIBS += $(shell sdl2-config --libs 2>/dev/null || pkg-config --libs sdl2)
VIEW_SDL_CFLAGS := $(shell sdl2-config --cflags 2>/dev/null || pkg-config --cflags sdl2)
$(BUILD)/obj/sim/view/window.o: CFLAGS += $(VIEW_SDL_CFLAGS)

# Tests (make test-view): programs in sim/view/tests, display-free checks in test_view,
# the command line and the window (under Xvfb) in run.sh.
TEST_GROUPS += view
VIEW_TDIR   := $(BUILD)/tests/view
VIEW_TELFS  := $(patsubst sim/view/tests/%.S,$(VIEW_TDIR)/%.elf,$(wildcard sim/view/tests/*.S))
VIEW_LIBSRC := $(filter-out sim/view/view_main.c sim/view/window.c,$(VIEW_SRCS)) sim/run_setup.c
ALL += $(VIEW_TELFS)

$(VIEW_TDIR)/%.elf: sim/view/tests/%.S
	@mkdir -p $(@D)
	$(RV_CC) $(RV_ARCH) -nostdlib -static -Wl,-Ttext=0 -o $@ $<

$(VIEW_TDIR)/hash16.elf: tests/bench/hashloop.c toolchain/tess.h
	@mkdir -p $(@D)
	$(BENCH_RV) -DITER=2000u -o $@ $<

$(BUILD)/test_view: sim/view/tests/test_view.c $(VIEW_LIBSRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/libtessera.a
	$(CC) $(CFLAGS) -Isim/view -o $@ $^ $(LDFLAGS) $(LDLIBS)

.PHONY: test-view
# The OS demo (os/module.mk) when `make all` has built it: a real run with supervision.
# Not a prerequisite: a broken OS build must not stop the viewer's tests.
VIEW_OSDEMO := $(filter %/boot_demo.mf,$(OS_BOOTS))
test-view: $(BUILD)/tessera $(BUILD)/test_view $(VIEW_TELFS) $(VIEW_TDIR)/hash16.elf
	@sim/view/tests/run.sh $(BUILD)/tessera $(BUILD)/test_view $(VIEW_TDIR) $(VIEW_OSDEMO)

# make bench-view: frames per second at 64x64 and 1024x1024 (figures, not asserted).
BENCH_GROUPS += view
$(BUILD)/bench_view: sim/view/tests/bench_view.c $(VIEW_LIBSRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/libtessera.a
	$(CC) $(CFLAGS) -Isim/view -o $@ $^ $(LDFLAGS) $(LDLIBS)

.PHONY: bench-view
bench-view: $(BUILD)/bench_view $(VIEW_TELFS) $(VIEW_TDIR)/hash16.elf
	@$(BUILD)/bench_view $(VIEW_TDIR)
