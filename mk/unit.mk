# Host unit tests (CUnit). Each test program tests/unit/test_NAME.c is built with the portable
# sources listed in test_NAME_SRCS and run; its main returns the number of failures.
#
# To add one: append "UNIT_TESTS += NAME" and "test_NAME_SRCS := files..." below.

UNIT_TESTS :=

UNIT_TESTS += format
test_format_SRCS := lib/format.c lib/string.c

UNIT_TESTS += string
test_string_SRCS := lib/string.c lib/ebcdic.c

UNIT_TESTS += ebcdic
test_ebcdic_SRCS := lib/ebcdic.c

UNIT_TESTS += frames
test_frames_SRCS := cp/mm/frames.c lib/string.c

UNIT_TESTS += resp
test_resp_SRCS := cp/mon/resp.c lib/string.c
UNIT_TESTS += phase
test_phase_SRCS := cp/mon/phase.c cp/mon/resp.c lib/string.c

# The dispatcher's policy: dispatch classes and shares (cp/vm/sched.c).
UNIT_TESTS += sched
test_sched_SRCS := cp/vm/sched.c

UNIT_TESTS += tod
test_tod_SRCS := cp/tod.c

UNIT_TESTS += sclp_gds
test_sclp_gds_SRCS := arch/s390x/sclp_gds.c

# The portable half of the virtio-blk driver: requests, features, capacity.
UNIT_TESTS += vblk_req
test_vblk_req_SRCS := arch/s390x/vblk_req.c lib/string.c
$(BUILD)/host/tests/test_vblk_req: arch/s390x/vblk_req.h arch/s390x/virtio_ccw.h

# Real volumes and minidisks (cp/dasd/dasd.c, cp/vdev/mdisk.c) over fake_hw.c's volumes, with
# SYSTEM CONFIG and the MDISK extents (cp/dir/sysconfig.c, compiled $(SYSCFG_C)).
DASD_SRCS := cp/dasd/dasd.c cp/vdev/mdisk.c cp/vdev/dedicated.c cp/vdev/links.c cp/dir/sysconfig.c $(SYSCFG_C) lib/volume.c lib/ckd.c \
	lib/ebcdic.c cp/msg.c lib/format.c
# CP's checkpoint header on the SYSRES volume (cp/dasd/sysres.c) over fake volumes.
UNIT_TESTS += sysres
test_sysres_SRCS := cp/dasd/sysres.c lib/crc32.c $(DASD_SRCS) cp/system.c cp/tod.c cp/devclass.c lib/string.c \
	tests/unit/fake_hw.c
$(BUILD)/host/tests/test_sysres: cp/include/cp/sysres.h cp/include/cp/dasd.h

# The spool file store (cp/spool/spool.c) over a spool area in memory.
UNIT_TESTS += spool
test_spool_SRCS := cp/spool/spool.c cp/dasd/sysres.c lib/crc32.c $(DASD_SRCS) cp/system.c cp/tod.c \
	cp/devclass.c lib/string.c tests/unit/fake_hw.c
$(BUILD)/host/tests/test_spool: cp/include/cp/spool.h

# The spool commands (cp/cmd/spoolcmd.c) over the store on a spool area in memory.
UNIT_TESTS += spoolcmd
test_spoolcmd_SRCS = $(test_cmd_SRCS)

# The real reader and printer (cp/spool/rur.c): ID cards, START, DRAIN, QUERY UR.
UNIT_TESTS += rur
test_rur_SRCS = $(test_cmd_SRCS)

# cp/dir/users.c with the compiled default directory (mk/image.mk generates $(DIR_C)).
USERS_SRCS := cp/dir/users.c $(DIR_C) cp/dir/parse.c cp/msg.c lib/sha256.c cp/dir/sysconfig.c lib/volume.c \
	lib/ebcdic.c

# LINK's mode rules and the table of links (cp/vdev/links.c).
UNIT_TESTS += links
test_links_SRCS := cp/vdev/links.c lib/format.c lib/string.c

# Spool: the store, the virtual unit-record devices, the spool area on SYSRES.
SPOOL_SRCS := cp/spool/spool.c cp/spool/vur.c cp/spool/rur.c cp/spool/area.c cp/dasd/sysres.c lib/crc32.c cp/vdev/vsch.c cp/vdev/ccwprog.c cp/vm/psw.c

UNIT_TESTS += cmd
test_cmd_SRCS := $(SPOOL_SRCS) cp/cmd/spoolcmd.c tests/unit/fake_machine.c cp/mon/resp.c cp/mon/phase.c cp/vm/sched.c cp/cmd/sched_cmds.c cp/cmd/indicate_resp.c cp/cmd/parse.c cp/cmd/commands.c cp/cmd/display.c cp/cmd/dasd_bench.c cp/cmd/link.c cp/cmd/attach.c cp/cmd/query.c cp/cmd/vmcmds.c \
	cp/cmd/usercmds.c cp/cmd/query_user.c cp/cmd/cpucmds.c cp/vm/vcpus.c cp/vm/vcpu_define.c cp/vm/vm_directory.c cp/vm/vcpu_reset.c cp/vm/vcpu_restart.c tests/unit/fake_user.c cp/msg.c \
	cp/devclass.c cp/system.c cp/tod.c cp/mm/frames.c cp/mm/nss.c lib/format.c \
	lib/string.c tests/unit/fake_hw.c tests/unit/fake_vmm.c $(USERS_SRCS) \
	cp/vdev/blkdev.c cp/vdev/link_notes.c cp/vdev/vdisk.c cp/cmd/query_dasd.c $(DASD_SRCS) tests/unit/fake_term.c \
	console/3270/screen.c console/3270/ds3270.c console/3270/rm3270.c lib/ebcdic.c

UNIT_TESTS += dispatch
test_dispatch_SRCS := cp/vm/dispatch.c cp/vm/vcpus.c cp/vm/sched.c cp/user/operator.c cp/msg.c lib/format.c lib/string.c \
	tests/unit/fake_hw.c tests/unit/fake_term.c console/3270/screen.c console/3270/ds3270.c \
	console/3270/rm3270.c lib/volume.c lib/ebcdic.c

UNIT_TESTS += operator
test_operator_SRCS := cp/user/operator.c cp/msg.c lib/format.c lib/string.c

# The operator's console (console/vm64): configuration writer, completion, output filter.
UNIT_TESTS += opcon_config
test_opcon_config_SRCS := console/vm64/config.c
UNIT_TESTS += opcon_complete
test_opcon_complete_SRCS := console/vm64/complete.c
UNIT_TESTS += opcon_filter
test_opcon_filter_SRCS := console/vm64/filter.c
$(BUILD)/host/tests/test_opcon_config $(BUILD)/host/tests/test_opcon_complete \
$(BUILD)/host/tests/test_opcon_filter: $(wildcard console/vm64/*.h) lib/include/lib/opcon.h

# Terminal ports under QEMU: the record framing CP and the relay share (lib/termport.c) and
# the relay's TN3270 sessions (console/relay/tn3270.c).
UNIT_TESTS += termport
test_termport_SRCS := lib/termport.c lib/string.c
UNIT_TESTS += tn3270
test_tn3270_SRCS := console/relay/tn3270.c lib/termport.c lib/string.c
$(BUILD)/host/tests/test_termport $(BUILD)/host/tests/test_tn3270: lib/include/vm64/termport.h \
	console/relay/tn3270.h

UNIT_TESTS += nss
test_nss_SRCS := cp/mm/nss.c lib/string.c

UNIT_TESTS += decode
test_decode_SRCS := cp/icpt/decode.c

VM_FAKES := tests/unit/fake_gmem.c tests/unit/fake_vm.c cp/vm/vcpus.c cp/vm/vcpu_reset.c
# Virtual subchannels (cp/vdev/vsch.c) and the disks' FBA subchannels (cp/vdev/vfba.c; 3390s: cp/vdev/vckd.c) that
# vm_subchannel() (cp/vdev/vdev.c) finds.
VSCH_SRCS := cp/vdev/vsch.c cp/vdev/ccwprog.c cp/vdev/vfba.c cp/vdev/vckd.c
# Shared segments (cp/mm/segment.c) over the fake NSS table (tests/unit/fake_nss.c).
SEGMENT_SRCS := cp/mm/segment.c cp/mm/nss.c tests/unit/fake_nss.c

# The PSW validity check and program-interruption loop detection (cp/vm/psw.c).
UNIT_TESTS += psw
test_psw_SRCS := cp/vm/psw.c

UNIT_TESTS += access
test_access_SRCS := cp/vm/real_access.c lib/string.c $(VM_FAKES)

# First touches of guest storage and mapping ahead (cp/vm/fault_in.c).
UNIT_TESTS += fault_in
test_fault_in_SRCS := cp/vm/fault_in.c lib/string.c $(VM_FAKES)

# DISPLAY and STORE over a fake machine with storage.
UNIT_TESTS += display
test_display_SRCS := cp/cmd/display.c cp/cmd/parse.c cp/msg.c cp/vm/real_access.c lib/string.c lib/format.c \
	lib/ebcdic.c $(VM_FAKES)

UNIT_TESTS += deliver
test_deliver_SRCS := cp/vm/deliver.c cp/vm/psw.c cp/vm/real_access.c cp/vdev/vdev.c cp/vdev/v3215.c $(VSCH_SRCS) lib/string.c \
	lib/ebcdic.c $(VM_FAKES)

ICPT_SRCS := $(wildcard cp/icpt/*.c) cp/spool/diag14.c cp/spool/vur.c cp/spool/spool.c cp/dasd/sysres.c lib/crc32.c \
	cp/system.c cp/devclass.c tests/unit/fake_spool_env.c cp/vm/real_access.c cp/vm/deliver.c cp/vm/psw.c cp/vdev/vdev.c cp/vdev/v3215.c $(VSCH_SRCS) \
	cp/vdev/blkdev.c cp/vdev/link_notes.c cp/vdev/vdisk.c cp/tod.c lib/string.c \
	lib/ebcdic.c tests/unit/fake_hw.c $(VM_FAKES) $(SEGMENT_SRCS) $(DASD_SRCS)

UNIT_TESTS += icpt
test_icpt_SRCS := $(ICPT_SRCS)

UNIT_TESTS += vsclp
test_vsclp_SRCS := $(ICPT_SRCS) arch/s390x/sclp_gds.c

UNIT_TESTS += vcons
test_vcons_SRCS := cp/vdev/v3215.c cp/vdev/vdev.c $(VSCH_SRCS) cp/vm/real_access.c lib/string.c lib/ebcdic.c \
	$(VM_FAKES)

# Guest channel programs to a machine's disks (cp/vdev/vfba.c): V-DISKs and minidisks on fake
# volumes.
UNIT_TESTS += vfba
test_vfba_SRCS := $(ICPT_SRCS)
# ... and to a 3390 minidisk (cp/vdev/vckd.c) on a fake 3390.
UNIT_TESTS += vckd
test_vckd_SRCS := $(ICPT_SRCS)
# ... and to the virtual reader, punch and printer (cp/spool/vur.c).
UNIT_TESTS += vur
test_vur_SRCS := $(ICPT_SRCS)

# The portable 3270 data-stream codec (console/3270/ds3270.c, rm3270.c, sf3270.c).
UNIT_TESTS += ds3270
test_ds3270_SRCS := console/3270/ds3270.c console/3270/rm3270.c console/3270/sf3270.c \
	lib/string.c lib/ebcdic.c
$(BUILD)/host/tests/test_ds3270: console/include/console/ds3270.h

# The user directory (cp/dir/parse.c) and its password hashes (lib/sha256.c).
UNIT_TESTS += sha256
test_sha256_SRCS := lib/sha256.c lib/string.c
# CRC-32 (lib/crc32.c), checked against the two copies it replaced.
UNIT_TESTS += crc32
test_crc32_SRCS := lib/crc32.c lib/string.c
UNIT_TESTS += directory
test_directory_SRCS := cp/dir/parse.c lib/sha256.c lib/string.c lib/format.c cp/msg.c
$(BUILD)/host/tests/test_directory: cp/include/cp/directory.h lib/include/lib/sha256.h \
	cp/dir/USER.DIRECT

# Volume labels (lib/volume.c); SYSTEM CONFIG and the MDISK extent checks (cp/dir/sysconfig.c).
UNIT_TESTS += volume
test_volume_SRCS := lib/volume.c lib/ebcdic.c lib/string.c
# CKD 3390 block mapping and VOL1 label records (lib/ckd.c).
UNIT_TESTS += ckd
test_ckd_SRCS := lib/ckd.c lib/volume.c lib/ebcdic.c lib/string.c
UNIT_TESTS += sysconfig
test_sysconfig_SRCS := cp/dir/sysconfig.c cp/dir/parse.c lib/volume.c lib/ebcdic.c lib/sha256.c \
	lib/string.c lib/format.c cp/msg.c
$(BUILD)/host/tests/test_sysconfig: cp/include/cp/sysconfig.h cp/include/cp/directory.h \
	cp/dir/SYSTEM.CONFIG cp/dir/USER.DIRECT

# cp/dir/users.c on the compiled directory; the logon guard (cp/user/logon_guard.c).
UNIT_TESTS += users
test_users_SRCS := $(USERS_SRCS) lib/string.c lib/format.c
UNIT_TESTS += logon_guard
test_logon_guard_SRCS := cp/user/logon_guard.c lib/string.c

# CP's line-mode 3270 screen and the logo screen (console/3270/screen.c, console/3270/logo.c), checked
# on a simulated terminal (tests/unit/term3270_sim.c).
TERM3270_SIM := tests/unit/term3270_sim.c console/3270/ds3270.c console/3270/rm3270.c lib/ebcdic.c \
	lib/string.c
UNIT_TESTS += screen
test_screen_SRCS := console/3270/screen.c $(TERM3270_SIM)
UNIT_TESTS += logo
test_logo_SRCS := console/3270/logo.c $(TERM3270_SIM)
$(BUILD)/host/tests/test_screen $(BUILD)/host/tests/test_logo: console/include/console/ds3270.h \
	console/include/console/screen.h console/include/console/logo.h

# The CMS line editor's portable core (cms/edit.c, cms/edit_subcmd.c).
UNIT_TESTS += cmsedit
test_cmsedit_SRCS := cms/edit.c cms/edit_subcmd.c lib/string.c
$(BUILD)/host/tests/test_cmsedit: cms/include/cms/edit.h cms/edit_priv.h

# V-DISK storage (cp/vdev/vdisk.c) on the real frame allocator; the disks of a machine and
# DIAGNOSE X'250'/X'24' against fake guest storage.
UNIT_TESTS += vdisk
test_vdisk_SRCS := cp/vdev/vdisk.c cp/mm/frames.c lib/string.c
UNIT_TESTS += diag250
test_diag250_SRCS := $(ICPT_SRCS) cp/dir/users.c $(DIR_C) cp/dir/parse.c lib/sha256.c lib/format.c

# The CMS file system (cms/fs), on an in-memory disk; buffers for block sizes up to 4096.
UNIT_TESTS += cmsfs
test_cmsfs_SRCS := cms/fs/cmsfs.c lib/crc32.c cms/fs/cmsfs_ops.c cms/fs/cmsfs_file.c cms/fs/cmsfs_check.c \
	lib/string.c
$(BUILD)/host/tests/test_cmsfs: HCFLAGS += -DCMSFS_MAX_BLOCK=4096
$(BUILD)/host/tests/test_cmsfs: cms/include/cms/cmsfs.h cms/include/cms/blkdev.h \
	cms/fs/cmsfs_int.h

# Shared segments: loading, attaching, protection, purging, frames (cp/mm/segment.c).
UNIT_TESTS += segment
test_segment_SRCS := $(SEGMENT_SRCS) cp/vm/real_access.c lib/string.c $(VM_FAKES)

# CMS's command-line parsing and fileid patterns.
UNIT_TESTS += cmsparse
test_cmsparse_SRCS := cms/parse.c lib/string.c

# CMS's spool cards: the header card, CARD and PACK decks, QUERY READER ALL as RDRLIST reads it.
UNIT_TESTS += spoolcard
test_spoolcard_SRCS := cms/spoolcard.c lib/string.c lib/ebcdic.c
$(BUILD)/host/tests/test_spoolcard: cms/include/cms/spoolcard.h

# CP's abend table (cp/abend.c) and ASSERT (cp/assert.h); reads cp/ and arch/ sources.
UNIT_TESTS += abend
test_abend_SRCS := cp/abend.c tests/unit/fake_hw.c lib/volume.c lib/ebcdic.c lib/string.c
$(BUILD)/host/tests/test_abend: cp/include/cp/abend.h cp/include/cp/assert.h
# The user layer (cp/user/): LOGON, reconnect and takeover (logon.c), where lines and output
# go (route.c), with the real command layer over fake terminals
# (tests/unit/fake_term.c), a fake machine table (fake_vmm.c), fake
# dispatcher and virtual console (fake_machine.c).
USER_LAYER_SRCS := $(SPOOL_SRCS) cp/cmd/spoolcmd.c cp/mon/resp.c cp/mon/phase.c cp/vm/sched.c cp/cmd/sched_cmds.c cp/cmd/indicate_resp.c cp/cmd/query_dasd.c $(DASD_SRCS) cp/user/logon.c cp/user/route.c cp/user/operator.c cp/user/logon_guard.c cp/cmd/parse.c \
	cp/cmd/commands.c cp/cmd/display.c cp/cmd/dasd_bench.c cp/cmd/link.c cp/cmd/attach.c cp/cmd/query.c cp/cmd/vmcmds.c cp/cmd/usercmds.c cp/cmd/query_user.c \
	cp/cmd/cpucmds.c cp/vm/vcpus.c cp/vm/vcpu_define.c cp/vm/vm_directory.c cp/vm/vcpu_reset.c cp/vm/vcpu_restart.c cp/msg.c cp/devclass.c cp/system.c cp/tod.c cp/mm/frames.c cp/mm/nss.c cp/vdev/blkdev.c cp/vdev/link_notes.c \
	cp/vdev/vdisk.c console/3270/screen.c console/3270/ds3270.c console/3270/rm3270.c \
	lib/format.c lib/string.c lib/ebcdic.c $(USERS_SRCS) \
	tests/unit/fake_hw.c tests/unit/fake_vmm.c tests/unit/fake_machine.c cp/cmd/query_dasd.c \
	$(DASD_SRCS)
UNIT_TESTS += logon
test_logon_SRCS := $(USER_LAYER_SRCS) tests/unit/fake_term.c
UNIT_TESTS += route
test_route_SRCS := $(USER_LAYER_SRCS) tests/unit/fake_term.c
# CP's real 3270s (cp/term/term.c) over the fake hw_io channel, a simulated 3270 per device
# and the real user layer.
UNIT_TESTS += term
test_term_SRCS := $(USER_LAYER_SRCS) cp/term/term.c console/3270/logo.c console/3270/sf3270.c \
	tests/unit/term3270_sim.c

# The host tool vm64disk's CMS-file subcommands on image files, with the text records CMS shares.
UNIT_TESTS += vm64disk
test_vm64disk_SRCS := tools/vm64disk/cmsfile.c cms/text.c cms/fs/cmsfs.c lib/crc32.c cms/fs/cmsfs_ops.c \
	cms/fs/cmsfs_file.c cms/fs/cmsfs_check.c lib/string.c lib/ebcdic.c
$(BUILD)/host/tests/test_vm64disk: tools/vm64disk/cmsfile.h cms/include/cms/text.h \
	cms/include/cms/cmsfs.h cms/include/cms/blkdev.h cms/fs/cmsfs_int.h

# ---- rules ----
UNIT_BINS := $(addprefix $(BUILD)/host/tests/test_,$(UNIT_TESTS))

# The fake hardware (tests/unit/fake_hw.c) labels its fake volumes with lib/volume.c (and what
# that needs).
unit_srcs = $(sort $(test_$(1)_SRCS) $(if $(filter tests/unit/fake_hw.c,$(test_$(1)_SRCS)),lib/volume.c lib/ebcdic.c lib/string.c))

define unit_rule
$(BUILD)/host/tests/test_$(1): tests/unit/test_$(1).c $$(call unit_srcs,$(1)) $$(wildcard tests/unit/*.h)
	@mkdir -p $$(@D)
	$$(HOSTCC) $$(HCFLAGS) -o $$@ tests/unit/test_$(1).c $$(call unit_srcs,$(1)) $$(HLDFLAGS) -lcunit
endef
$(foreach t,$(UNIT_TESTS),$(eval $(call unit_rule,$(t))))

.PHONY: unit-build
unit-build: $(UNIT_BINS)

unit: unit-build arch-contract-check header-check
	@tests/unit/run_all.sh $(UNIT_BINS)

# arch/ sees the machine (cp/vm.h) through the contract (arch/hw.h), never the user's session,
# terminals or commands: fails, naming the lines, if any arch/ file includes their headers or
# follows vm->user.
.PHONY: arch-contract-check
arch-contract-check:
	@if grep -rnE '#include <cp/(user|term|cmd)\.h>|->user\b' arch/; then \
		echo "arch-contract-check: arch/ reaches past the contract (above)"; exit 1; fi

# Every source file under arch/, cp/, cms/, console/, lib/ and tools/ names the test that covers
# it in its opening comment: fails, naming each file whose opening comment names no test file
# that exists (tests/check_headers.py).
.PHONY: header-check
header-check:
	@python3 tests/check_headers.py
