# CMS (cms/): the single-user monitor every user's machine IPLs. One freestanding image whose
# nucleus (code, constants, the initial values of its data) is linked at X'100000' and becomes
# the shared named saved system CMS (mk/guest.mk adds it to CP's NSS table with NSS_SHARED).
#
#   build/cms/cms.elf   the linked nucleus (for gdb)
#   build/cms/cms.bin   its bytes from X'100000', what CP loads into the shared segment

CMS_DIR  := $(BUILD)/cms
CMS_SRCS := $(wildcard cms/*.S cms/*.c cms/fs/*.c) lib/string.c lib/format.c lib/ebcdic.c lib/crc32.c
CMS_OBJS := $(patsubst %,$(CMS_DIR)/obj/%.o,$(CMS_SRCS))
CMS_LDS  := cms/cms.lds
CMS_ELF  := $(CMS_DIR)/cms.elf
CMS_BIN  := $(CMS_DIR)/cms.bin

# CP's freestanding flags, with CMS's headers instead of CP's.
CMS_CFLAGS = $(filter-out -Icp/include -Iconsole/include,$(TCFLAGS)) -Icms/include

.PHONY: cms
cms: $(CMS_BIN)

$(CMS_DIR)/obj/%.c.o: %.c
	@mkdir -p $(@D)
	$(TCC) $(CMS_CFLAGS) -MMD -MP -c $< -o $@

$(CMS_DIR)/obj/%.S.o: %.S
	@mkdir -p $(@D)
	$(TCC) $(CMS_CFLAGS) -MMD -MP -c $< -o $@

$(CMS_ELF): $(CMS_OBJS) $(CMS_LDS)
	$(TCC) $(CMS_CFLAGS) $(TLDFLAGS) -Wl,-T,$(CMS_LDS) -o $@ $(CMS_OBJS) -lgcc

$(CMS_BIN): $(CMS_ELF)
	$(TOBJCOPY) -O binary $< $@

-include $(CMS_OBJS:.o=.d)
