# The CP image: one ELF for QEMU's -kernel, and the same bytes as a binary plus an 8-byte
# ESA/390 IPL PSW, loaded by a Hercules .ins file (see ipl/README.md).

CP_SRCS := $(filter-out arch/s390x/asm-offsets.c,$(wildcard arch/s390x/*.S arch/s390x/*.c)) \
	   $(wildcard lib/*.c) $(wildcard console/3270/*.c) $(wildcard cp/*.c cp/*/*.c)
CP_OBJS := $(patsubst %,$(BUILD)/s390x/%.o,$(CP_SRCS))
# The guest images CP can IPL by name (cp/include/cp/nss.h), built by mk/guest.mk.
CP_OBJS += $(NSS_OBJ)
# The user directory (cp/include/cp/directory.h): cp/dir/USER.DIRECT compiled by
# build/host/dirc into C holding only salted password hashes. The salts come from the user IDs
# and a per-build secret made once from /dev/urandom; the secret itself is not in the image.
DIR_SRC    := cp/dir/USER.DIRECT
SYSCFG_SRC := cp/dir/SYSTEM.CONFIG
SYSCFG_C   := $(BUILD)/gen/sysconfig.c
SYSCFG_OBJ := $(BUILD)/s390x/gen/sysconfig.c.o
DIR_SECRET := $(BUILD)/gen/dir.secret
DIR_C      := $(BUILD)/gen/directory.c
DIR_OBJ    := $(BUILD)/s390x/gen/directory.c.o
CP_OBJS += $(DIR_OBJ) $(SYSCFG_OBJ)

CP_ELF  := $(BUILD)/cp.elf
HERC_DIR := $(BUILD)/hercules
CP_INS  := $(HERC_DIR)/cp.ins

.PHONY: images
images: $(CP_ELF) $(CP_INS)

$(BUILD)/s390x/%.c.o: %.c
	@mkdir -p $(@D)
	$(TCC) $(TCFLAGS) -MMD -MP -c $< -o $@

# CP's .S files take struct offsets and sizes from build/gen/asm-offsets.h, generated from
# the C declarations: arch/s390x/asm-offsets.c compiled with -S, its markers turned into
# #define lines by mk/asm-offsets.sed (arch/offsets_gen.h says how).
CP_ASM_OFFSETS := $(BUILD)/gen/asm-offsets.h

$(BUILD)/s390x/%.S.o: %.S $(CP_ASM_OFFSETS)
	@mkdir -p $(@D)
	$(TCC) $(TCFLAGS) -I$(BUILD)/gen -MMD -MP -c $< -o $@
$(eval $(call asm_offsets_rules,arch/s390x/asm-offsets.c,$$(TCFLAGS),$(BUILD)/gen))

$(DIR_SECRET):
	@mkdir -p $(@D)
	@umask 077; od -An -N16 -tx1 /dev/urandom | tr -d ' \n' > $@.tmp && mv $@.tmp $@

# The MDISK extents are checked against SYSTEM CONFIG on the way.
$(DIR_C): $(DIR_SRC) $(SYSCFG_SRC) $(BUILD)/host/dirc $(DIR_SECRET)
	$(BUILD)/host/dirc compile $(DIR_SRC) $@ "$$(cat $(DIR_SECRET))" $(SYSCFG_SRC)

# SYSTEM CONFIG (cp/include/cp/sysconfig.h), compiled by the same tool.
$(SYSCFG_C): $(SYSCFG_SRC) $(BUILD)/host/dirc
	@mkdir -p $(@D)
	$(BUILD)/host/dirc config $(SYSCFG_SRC) $@

$(DIR_OBJ): $(DIR_C)
	@mkdir -p $(@D)
	$(TCC) $(TCFLAGS) -MMD -MP -c $< -o $@

$(SYSCFG_OBJ): $(SYSCFG_C)
	@mkdir -p $(@D)
	$(TCC) $(TCFLAGS) -MMD -MP -c $< -o $@

$(CP_ELF): $(CP_OBJS) ipl/cp.lds
	$(TCC) $(TCFLAGS) $(TLDFLAGS) -Wl,-T,ipl/cp.lds -o $@ $(CP_OBJS) -lgcc

$(CP_INS): $(CP_ELF) ipl/mkins.sh
	@mkdir -p $(HERC_DIR)
	ipl/mkins.sh $(CP_ELF) $(HERC_DIR) $(TOBJCOPY)

-include $(CP_OBJS:.o=.d)
