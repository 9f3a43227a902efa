# Unit tests (Check): every instruction that needs no network, every fault, the ELF
# loader's refusals. One binary, linked against libtessera.
UNIT_DIR  := $(BUILD)/tests/unit
UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_OBJS := $(UNIT_SRCS:%.c=$(BUILD)/obj/%.o)
UNIT_BIN  := $(UNIT_DIR)/unit_tests
UNIT_SEED := $(UNIT_DIR)/seed.elf
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck)

TEST_GROUPS += unit

# Each test runs in its own process (a crash is one failure), except under SAN=1:
# forking a sanitized process costs ~6x the tests themselves, and a memory error
# stops the run there anyway.
UNIT_FORK := $(if $(filter 1,$(SAN)),CK_FORK=no)

$(UNIT_OBJS): CFLAGS += $(CHECK_CFLAGS)

$(UNIT_BIN): $(UNIT_OBJS) $(BUILD)/libtessera.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(UNIT_OBJS) $(BUILD)/libtessera.a $(LDLIBS) $(CHECK_LIBS)

$(UNIT_SEED): tests/unit/seed.S
	@mkdir -p $(@D)
	$(RV_CC) $(RV_ARCH) -nostdlib -static -Wl,-Ttext=0 -o $@ $<

.PHONY: test-unit
test-unit: $(UNIT_BIN) $(UNIT_SEED) $(BUILD)/tessera
	@rm -rf $(UNIT_DIR)/corpus && mkdir -p $(UNIT_DIR)/corpus
	@cp $(BUILD)/tessera $(UNIT_DIR)/corpus/tessera
	@UT_CORPUS_DIR=$(UNIT_DIR)/corpus TESSERA=$(UNIT_DIR)/corpus/tessera TESS_SEED_ELF=$(UNIT_SEED) \
		CK_DEFAULT_TIMEOUT=60 CK_TIMEOUT_MULTIPLIER=$(if $(filter 1,$(SAN)),4,1) $(UNIT_FORK) \
		$(UNIT_BIN)
