# C for the chip: crt0, the linker script, libtess, the tessera-cc wrapper, examples.
TC_OUT    := $(BUILD)/toolchain
TC_CFLAGS := $(RV_ARCH) --specs=picolibc.specs -O2 -g -Wall -Wextra -std=gnu11 \
	-ffunction-sections -Itoolchain -Iisa
TC_LIB_SRCS := $(wildcard toolchain/lib/*.c)
TC_LIB_OBJS := $(TC_LIB_SRCS:toolchain/lib/%.c=$(TC_OUT)/lib/%.o)
TESSERA_CC  := toolchain/tessera-cc
TC_RUNTIME  := $(TC_OUT)/crt0.o $(TC_OUT)/libtess.a $(TC_OUT)/tess.ld

ALL += $(TC_RUNTIME)

$(TC_OUT)/crt0.o: toolchain/crt0.S
	@mkdir -p $(@D)
	$(RV_CC) $(TC_CFLAGS) -c $< -o $@

$(TC_OUT)/lib/%.o: toolchain/lib/%.c toolchain/tess.h isa/params.h
	@mkdir -p $(@D)
	$(RV_CC) $(TC_CFLAGS) -MMD -MP -c $< -o $@

$(TC_OUT)/libtess.a: $(TC_LIB_OBJS)
	rm -f $@ && $(RV_PREFIX)ar rcs $@ $^

# The default SRAM size comes from isa/params.h (MEM_DEFAULT), evaluated by the shell.
$(TC_OUT)/tess.ld: toolchain/tess.ld isa/params.h
	@mkdir -p $(@D)
	mem=$$(printf '#include "params.h"\nMEM_DEFAULT\n' | $(RV_CC) -E -P -Iisa - | tr -d u) && \
	sed "s/@MEM_DEFAULT@/$$(($$mem))/" $< > $@

# make install PREFIX=/usr/local: tessera, tessera-cc and what tessera-cc needs.
PREFIX ?= /usr/local
.PHONY: install
install: $(BUILD)/tessera $(TC_RUNTIME)
	install -d $(PREFIX)/bin $(PREFIX)/share/tessera/include
	install -m 755 $(BUILD)/tessera $(TESSERA_CC) $(PREFIX)/bin/
	install -m 644 $(TC_RUNTIME) $(PREFIX)/share/tessera/
	install -m 644 toolchain/tess.h isa/params.h isa/tags.def isa/errors.def \
		isa/causes.def $(PREFIX)/share/tessera/include/

# Runtime tests (tests/programs/cases.txt): exit values, tile information, malloc up to
# the stack reserve, stdin, capabilities, control of children, a crt0 from tessera as.
TC_TEST_NAMES := exit info malloc upper caps spawn
TC_TEST_ELFS  := $(TC_TEST_NAMES:%=$(BUILD)/programs/%.elf) $(BUILD)/programs/hello_tas.elf \
	$(BUILD)/programs/malloc_r2k.elf $(BUILD)/programs/info_c11.elf
TEST_GROUPS += toolchain

$(BUILD)/programs/%.elf: tests/programs/%.c tests/programs/check.h $(TC_RUNTIME) $(TESSERA_CC)
	@mkdir -p $(@D)
	TESSERA_BUILD=$(BUILD) $(TESSERA_CC) -O2 -Wall -Wextra -Werror -Itests/programs -o $@ $<

$(BUILD)/programs/malloc_r2k.elf: tests/programs/malloc.c tests/programs/check.h $(TC_RUNTIME) $(TESSERA_CC)
	@mkdir -p $(@D)
	TESSERA_BUILD=$(BUILD) $(TESSERA_CC) -O2 -Wall -Wextra -Werror -Wl,--defsym=__tess_stack_reserve=2048 \
		-Itests/programs -o $@ $<

# tess.h is plain C11 (-pedantic) and its asm works unoptimised (-O0).
$(BUILD)/programs/info_c11.elf: tests/programs/info.c tests/programs/check.h $(TC_RUNTIME) $(TESSERA_CC)
	@mkdir -p $(@D)
	TESSERA_BUILD=$(BUILD) $(TESSERA_CC) -O0 -std=c11 -pedantic -Wall -Wextra -Werror \
		-Itests/programs -o $@ $<

# crt0 through the project's own assembler (after the C preprocessor: it has /* */).
$(TC_OUT)/crt0-tas.o: toolchain/crt0.S $(BUILD)/tessera
	@mkdir -p $(@D)
	$(RV_CC) -E -P -x assembler-with-cpp $< > $(TC_OUT)/crt0-tas.s
	$(BUILD)/tessera as -o $@ $(TC_OUT)/crt0-tas.s

$(BUILD)/programs/hello_tas.elf: examples/hello.c $(TC_OUT)/crt0-tas.o $(TC_RUNTIME) $(TESSERA_CC)
	@mkdir -p $(@D)
	TESSERA_BUILD=$(BUILD) TESSERA_CRT0=$(TC_OUT)/crt0-tas.o $(TESSERA_CC) -O2 -o $@ $<

.PHONY: test-toolchain
test-toolchain: $(BUILD)/tessera $(TC_TEST_ELFS)
	@inst=$$(mktemp -d); $(MAKE) -s --no-print-directory install PREFIX=$$inst > /dev/null; \
	 TESSERA_BUILD=$(BUILD) TC_INSTALLED=$$inst \
		tests/programs/run.sh $(BUILD)/tessera $(TESSERA_CC) $(BUILD)/programs; \
	 rc=$$?; rm -rf $$inst; exit $$rc
