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

$(TC_OUT)/tess.ld: toolchain/tess.ld
	@mkdir -p $(@D)
	cp $< $@

# make install PREFIX=/usr/local: tessera, tessera-cc and what tessera-cc needs.
PREFIX ?= /usr/local
.PHONY: install
install: $(BUILD)/tessera $(TC_RUNTIME)
	install -d $(PREFIX)/bin $(PREFIX)/share/tessera/include
	install -m 755 $(BUILD)/tessera $(TESSERA_CC) $(PREFIX)/bin/
	install -m 644 $(TC_RUNTIME) $(PREFIX)/share/tessera/
	install -m 644 toolchain/tess.h isa/params.h isa/tags.def isa/errors.def \
		isa/causes.def $(PREFIX)/share/tessera/include/
