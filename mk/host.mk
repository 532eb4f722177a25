# Host programs: the operator's console (console/vm64) and the directory/tool programs.

HOST_TOOLS :=

# The operator's console: build/host/vm64 ("make run" starts it). Links Debian's libedit.
VM64_SRCS := $(wildcard console/vm64/*.c)
VM64_HDRS := $(wildcard console/vm64/*.h)
HOST_TOOLS += $(BUILD)/host/vm64
$(BUILD)/host/vm64: $(VM64_SRCS) $(VM64_HDRS) lib/include/lib/opcon.h
	@mkdir -p $(@D)
	$(HOSTCC) -std=gnu11 $(WFLAGS) -O2 -g -Ilib/include -o $@ $(VM64_SRCS) -ledit

# The TN3270 relay for QEMU's terminal ports: build/host/vm64-relay (console/relay), which
# vm64 and the system tests start next to QEMU.
RELAY_SRCS := $(wildcard console/relay/*.c) lib/termport.c lib/ebcdic.c lib/string.c
HOST_TOOLS += $(BUILD)/host/vm64-relay
$(BUILD)/host/vm64-relay: $(RELAY_SRCS) $(wildcard console/relay/*.h) lib/include/vm64/termport.h
	@mkdir -p $(@D)
	$(HOSTCC) -std=gnu11 $(WFLAGS) -O2 -g -DHOST_BUILD -Ilib/include -o $@ $(RELAY_SRCS)

# The user directory checker/compiler: build/host/dirc (tools/dirc.c, cp/dir/parse.c).
DIRC_SRCS := tools/dirc.c cp/dir/parse.c cp/dir/sysconfig.c lib/sha256.c lib/string.c \
	lib/format.c lib/volume.c lib/ebcdic.c cp/msg.c
HOST_TOOLS += $(BUILD)/host/dirc
$(BUILD)/host/dirc: $(DIRC_SRCS) cp/include/cp/directory.h cp/include/cp/sysconfig.h \
		lib/include/lib/sha256.h lib/include/vm64/volume.h
	@mkdir -p $(@D)
	$(HOSTCC) -std=gnu11 $(WFLAGS) -O2 -DHOST_BUILD -Ilib/include -Icp/include \
		-Iarch/s390x/include -o $@ $(DIRC_SRCS)

# The volume tool: build/host/vm64disk (tools/vm64disk/): the volume subcommands (SYSTEM
# CONFIG's parser, the label code) and the CMS-file ones (the file system CMS runs).
VM64DISK_SRCS := $(wildcard tools/vm64disk/*.c) cms/fs/cmsfs.c lib/crc32.c cms/fs/cmsfs_ops.c \
	cms/fs/cmsfs_file.c cms/fs/cmsfs_check.c cms/text.c cp/dir/sysconfig.c lib/volume.c \
	lib/string.c lib/ebcdic.c lib/format.c
HOST_TOOLS += $(BUILD)/host/vm64disk
$(BUILD)/host/vm64disk: $(VM64DISK_SRCS) $(wildcard tools/vm64disk/*.h) cms/include/cms/cmsfs.h \
		cms/include/cms/blkdev.h cms/include/cms/text.h cms/fs/cmsfs_int.h \
		cp/include/cp/sysconfig.h cp/include/cp/directory.h lib/include/vm64/volume.h \
		lib/include/lib/format.h
	@mkdir -p $(@D)
	$(HOSTCC) -std=gnu11 $(WFLAGS) -O2 -g -DHOST_BUILD -Ilib/include -Icms/include -Icp/include \
		-o $@ $(VM64DISK_SRCS)

.PHONY: host-tools
host-tools: $(HOST_TOOLS)
