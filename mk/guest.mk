# Guest test programs (tests/guest/, see tests/guest/README.md): one freestanding ELF and flat
# binary per tests/guest/NAME.c, linked with the runtime in tests/guest/lib/ and the freestanding
# lib/; and the named-saved-system table (cp/include/cp/nss.h) that links the binaries into CP's
# image as the systems NAME in upper case (mk/image.mk adds $(NSS_OBJ) to CP's objects).
#
#   make guests         build/guest/NAME.elf (for QEMU's -kernel), build/guest/NAME.bin, and
#                       build/guest/hercules-NAME/cp.ins to IPL NAME bare on Hercules
#                       ("ipl .../cp.ins"; tests/guest/run-bare.sh does both machines)

GUEST_DIR      := $(BUILD)/guest
GUEST_NAMES    := $(sort $(basename $(notdir $(wildcard tests/guest/*.c))))
GUEST_ELFS     := $(GUEST_NAMES:%=$(GUEST_DIR)/%.elf)
GUEST_BINS     := $(GUEST_NAMES:%=$(GUEST_DIR)/%.bin)
GUEST_HERC     := $(GUEST_NAMES:%=$(GUEST_DIR)/hercules-%/cp.ins)
GUEST_LIB_SRCS := $(filter-out tests/guest/lib/asm-offsets.c, \
		    $(wildcard tests/guest/lib/*.S tests/guest/lib/*.c)) $(wildcard lib/*.c)
GUEST_LIB_OBJS := $(patsubst %,$(GUEST_DIR)/obj/%.o,$(GUEST_LIB_SRCS))
GUEST_LDS      := tests/guest/lib/guest.lds
GUEST_NM       := $(CROSS)nm

# CP's freestanding flags without CP's own include paths, plus the runtime's.
GUEST_CFLAGS   = $(filter-out -Icp/include -Iconsole/include,$(TCFLAGS)) -Itests/guest/lib

NSS_DIR  := $(BUILD)/nss
NSS_SRC  := $(NSS_DIR)/nss_table.S
NSS_OBJ  := $(NSS_DIR)/nss_table.o
NSS_LIST := $(NSS_DIR)/guests.list

.PHONY: guests guest-list-force
guests: $(GUEST_ELFS) $(GUEST_BINS) $(GUEST_HERC)

$(GUEST_DIR)/obj/%.c.o: %.c
	@mkdir -p $(@D)
	$(TCC) $(GUEST_CFLAGS) -MMD -MP -c $< -o $@

# The runtime's .S files take struct offsets and sizes from build/guest/gen/asm-offsets.h,
# generated from tests/guest/lib/asm-offsets.c as CP's are (mk/image.mk).
GUEST_ASM_OFFSETS := $(GUEST_DIR)/gen/asm-offsets.h

$(GUEST_DIR)/obj/%.S.o: %.S $(GUEST_ASM_OFFSETS)
	@mkdir -p $(@D)
	$(TCC) $(GUEST_CFLAGS) -I$(GUEST_DIR)/gen -MMD -MP -c $< -o $@
$(eval $(call asm_offsets_rules,tests/guest/lib/asm-offsets.c,$$(GUEST_CFLAGS),$(GUEST_DIR)/gen))

$(GUEST_DIR)/%.elf: $(GUEST_DIR)/obj/tests/guest/%.c.o $(GUEST_LIB_OBJS) $(GUEST_LDS)
	$(TCC) $(GUEST_CFLAGS) $(TLDFLAGS) -Wl,-T,$(GUEST_LDS) -o $@ $< $(GUEST_LIB_OBJS) -lgcc

$(GUEST_DIR)/%.bin: $(GUEST_DIR)/%.elf
	$(TOBJCOPY) -O binary $< $@

# Bare Hercules: an ESA/390 IPL PSW at 0 pointing at tests/guest/hercules-ipl.S at 0x18000,
# which switches to z/Architecture and jumps to the guest at 0x20000. Hercules wants every file
# an .ins names in the .ins file's own folder.
$(GUEST_DIR)/hercules-ipl.bin: $(GUEST_DIR)/obj/tests/guest/hercules-ipl.S.o
	$(TCC) $(GUEST_CFLAGS) $(TLDFLAGS) -Wl,-Ttext=0x18000,-e,hercules_ipl -o $(@:.bin=.elf) $<
	$(TOBJCOPY) -O binary $(@:.bin=.elf) $@

$(GUEST_DIR)/hercules-%/cp.ins: $(GUEST_DIR)/%.bin $(GUEST_DIR)/hercules-ipl.bin
	@mkdir -p $(@D)
	cp $< $(@D)/guest.bin
	cp $(GUEST_DIR)/hercules-ipl.bin $(@D)/ipl.bin
	printf '\000\010\000\000\200\001\200\000' >$(@D)/ipl-psw.bin
	printf '* %s, bare: "ipl cp.ins"\n%s\n%s\n%s\n' $* 'guest.bin 0x00020000' \
		'ipl.bin 0x00018000' 'ipl-psw.bin 0x00000000' >$@

# The table is regenerated when the set of guests changes: the list file changes only then.
$(NSS_LIST): guest-list-force
	@mkdir -p $(@D)
	@echo '$(GUEST_NAMES)' | cmp -s - $@ || echo '$(GUEST_NAMES)' >$@

# CMS (mk/cms.mk) is the one shared system.
$(NSS_SRC): tests/guest/mknss.sh $(NSS_LIST) $(GUEST_ELFS) $(CMS_ELF)
	tests/guest/mknss.sh $@ $(GUEST_NM) $(GUEST_DIR) $(GUEST_NAMES) $(CMS_DIR)/cms:shared

# .incbin paths are relative to the top of the tree, where make runs the assembler.
$(NSS_OBJ): $(NSS_SRC) $(GUEST_BINS) $(CMS_BIN)
	$(TCC) $(GUEST_CFLAGS) -c $< -o $@

# The per-guest objects are only reached through pattern rules: keep them between builds.
.SECONDARY: $(GUEST_LIB_OBJS) $(GUEST_NAMES:%=$(GUEST_DIR)/obj/tests/guest/%.c.o)

-include $(GUEST_LIB_OBJS:.o=.d) $(GUEST_NAMES:%=$(GUEST_DIR)/obj/tests/guest/%.c.d)
