# The message-passing OS (issue 6): chip programs under $(BUILD)/os, their code-store
# images, one root image per boot manifest, and the boot manifests the simulator reads.
#
# A program P is os/P.c + the OS library, built with toolchain/tessera-cc (crt0, tess.ld,
# picolibc, libtess: entry at 0, main's value is the exit value). A program that spawns
# others embeds their images (os/image.S): OS_EMBED_P lists them.

OSB        := $(BUILD)/os
OS_CC      := TESSERA_BUILD=$(BUILD) $(TESSERA_CC)
OS_CFLAGS  := -Os -g -std=gnu11 -ffunction-sections -fdata-sections -Wall -Wextra \
	-Ios $(OS_DEFS)
OS_LDFLAGS := -Wl,--gc-sections
OS_LIB     := msg con spawn sup ns
OS_LIB_OBJS = $(OS_LIB:%=$(OSB)/lib/%.o)

# program: main object(s) and embedded images
OS_PROGS        := names dispatch worker client echo echocli subsup badsup pad4k \
	store storecli spawner spawnd spawncli ping \
	conserv chatter
OS_OBJS_names    = names
OS_OBJS_dispatch = dispatch
OS_EMBED_dispatch = worker
OS_OBJS_worker   = worker
OS_OBJS_client   = client
OS_OBJS_echo     = echo
OS_OBJS_echocli  = echocli
OS_OBJS_subsup   = subsup
OS_EMBED_subsup  = echo
OS_OBJS_badsup   = badsup
OS_OBJS_pad4k    = pad4k
OS_OBJS_store    = store
OS_OBJS_storecli = storecli
OS_OBJS_spawner  = spawner
OS_OBJS_spawnd   = spawnd
OS_EMBED_spawnd  = echo worker
OS_OBJS_spawncli = spawncli
OS_OBJS_ping     = ping
OS_OBJS_conserv  = conserv
OS_OBJS_chatter  = chatter
OS_EMBED_spawner = pad4k
OS_PROGS        += root_bench
OS_OBJS_root_bench  = bench
OS_EMBED_root_bench = pad4k echo dispatch spawner ping

# root images: root.c + a manifest
OS_ROOTS          := demo restart loop killsup badsup all rest one pool store1 store2 spawnd nsrestart console
OS_PROGS          += $(OS_ROOTS:%=root_%)
OS_OBJS_root_demo    = root manifest_demo
OS_EMBED_root_demo   = names dispatch client
OS_OBJS_root_restart = root manifest_restart
OS_EMBED_root_restart = names echo echocli
OS_OBJS_root_loop    = root manifest_loop
OS_EMBED_root_loop   = subsup
OS_OBJS_root_killsup = root manifest_killsup
OS_EMBED_root_killsup = subsup
OS_OBJS_root_badsup  = root manifest_badsup
OS_EMBED_root_badsup = badsup
OS_OBJS_root_all     = root manifest_all
OS_EMBED_root_all    = subsup
OS_OBJS_root_rest    = root manifest_rest
OS_EMBED_root_rest   = subsup
OS_OBJS_root_one     = root manifest_one
OS_EMBED_root_one    = subsup
OS_OBJS_root_pool    = root manifest_pool
OS_EMBED_root_pool   = subsup
OS_OBJS_root_spawnd  = root manifest_spawnd
OS_EMBED_root_spawnd = names spawnd spawncli
OS_OBJS_root_nsrestart  = root manifest_nsrestart
OS_EMBED_root_nsrestart = names echo echocli
OS_OBJS_root_console  = root manifest_console
OS_EMBED_root_console = conserv chatter
OS_OBJS_root_store1  = root manifest_store1
OS_EMBED_root_store1 = names store storecli
OS_OBJS_root_store2  = root manifest_store2
OS_EMBED_root_store2 = names store storecli

OS_ELFS  := $(OS_PROGS:%=$(OSB)/%.elf)
OS_BOOTS := $(OS_ROOTS:%=$(OSB)/boot_%.mf) $(OSB)/boot_bench.mf
ALL      += $(OS_ELFS) $(OS_BOOTS)

$(OSB)/lib/%.o: os/%.c $(TC_RUNTIME) $(TESSERA_CC)
	@mkdir -p $(@D)
	$(OS_CC) $(OS_CFLAGS) -MMD -MP -c $< -o $@

# One store manifest, two runs (os/manifest_store.c).
$(OSB)/lib/manifest_store%.o: os/manifest_store.c $(TC_RUNTIME) $(TESSERA_CC)
	@mkdir -p $(@D)
	$(OS_CC) $(OS_CFLAGS) -DSTORE_RUN=$* -MMD -MP -c $< -o $@

$(OSB)/img/%.o: os/image.S $(OSB)/%.bin
	@mkdir -p $(@D)
	$(RV_CC) $(RV_ARCH) -DIMG=$* -DBIN='"$(OSB)/$*.bin"' \
		-DSIZE=$$(stat -c %s $(OSB)/$*.bin) -c $< -o $@

$(OSB)/%.bin: $(OSB)/%.elf
	$(RV_PREFIX)objcopy -O binary $< $@
	truncate -s %60 $@

define os_prog
$(OSB)/$(1).elf: $(OS_OBJS_$(1):%=$(OSB)/lib/%.o) $(OS_EMBED_$(1):%=$(OSB)/img/%.o) \
		$(OS_LIB_OBJS) $(TC_RUNTIME)
	$(OS_CC) $(OS_LDFLAGS) -o $$@ $$(filter-out $(TC_RUNTIME),$$(filter %.o,$$^))
	$(RV_PREFIX)objdump -d $$@ > $$(@:.elf=.lst)
endef
$(foreach p,$(OS_PROGS),$(eval $(call os_prog,$(p))))

# The boot manifest for the simulator: only the root, on tile 0, CONTROL over every
# tile (isa/SPEC.md §10, OS boot). tessera run --manifest $(OSB)/boot_demo.mf
$(OSB)/boot_%.mf: | $(OSB)/root_%.elf
	printf '# OS boot: the root alone; it loads everything else\n0 root_$*.elf control=all\n' > $@

-include $(wildcard $(OSB)/lib/*.d)

DEMO_DEPS = $(BUILD)/tessera $(OS_ELFS) $(OS_BOOTS)
DEMO_CMD  = $(BUILD)/tessera run --mesh 8x8 --boot $(OSB)/root_demo.elf

TEST_GROUPS  += os
BENCH_GROUPS += os

test-os: $(BUILD)/tessera $(OS_ELFS) $(OS_BOOTS)
	@tests/os/run.sh $(BUILD)/tessera $(OSB)

bench-os: $(BUILD)/tessera $(OS_ELFS) $(OS_BOOTS)
	@tests/os/bench.sh $(BUILD)/tessera $(OSB)

.PRECIOUS: $(OSB)/%.bin $(OSB)/img/%.o

.PHONY: os-all
os-all: $(OS_ELFS) $(OS_BOOTS)
