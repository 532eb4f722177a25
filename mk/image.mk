# The CP image: one ELF for QEMU's -kernel, and the same bytes as a binary plus an 8-byte
# ESA/390 IPL PSW, loaded by a Hercules .ins file (see ipl/README.md).

CP_SRCS := $(wildcard arch/s390x/*.S arch/s390x/*.c) $(wildcard lib/*.c) $(wildcard console/*.c) \
	   $(wildcard cp/*.c cp/*/*.c)
CP_OBJS := $(patsubst %,$(BUILD)/s390x/%.o,$(CP_SRCS))
# The guest images CP can IPL by name (cp/include/cp/nss.h), built by mk/guest.mk.
CP_OBJS += $(NSS_OBJ)

CP_ELF  := $(BUILD)/cp.elf
HERC_DIR := $(BUILD)/hercules
CP_INS  := $(HERC_DIR)/cp.ins

.PHONY: images
images: $(CP_ELF) $(CP_INS)

$(BUILD)/s390x/%.c.o: %.c
	@mkdir -p $(@D)
	$(TCC) $(TCFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/s390x/%.S.o: %.S
	@mkdir -p $(@D)
	$(TCC) $(TCFLAGS) -MMD -MP -c $< -o $@

$(CP_ELF): $(CP_OBJS) ipl/cp.lds
	$(TCC) $(TCFLAGS) $(TLDFLAGS) -Wl,-T,ipl/cp.lds -o $@ $(CP_OBJS) -lgcc

$(CP_INS): $(CP_ELF) ipl/mkins.sh
	@mkdir -p $(HERC_DIR)
	ipl/mkins.sh $(CP_ELF) $(HERC_DIR) $(TOBJCOPY)

-include $(CP_OBJS:.o=.d)
