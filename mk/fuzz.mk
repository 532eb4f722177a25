# libFuzzer targets (tests/fuzz/fuzz_NAME.c), built with clang and ASan/UBSan.
#
#   make fuzz          builds build/fuzz/fuzz_NAME for every target
#   make fuzz-smoke    runs each for FUZZ_SECONDS from its seed corpus tests/fuzz/corpus_NAME/
#                      with a fixed -seed, prints the executions reached, fails on any finding
#
# New inputs found during a smoke run go to build/fuzz/corpus_NAME/, crash reproducers to
# build/fuzz/artifacts/; the checked-in seed corpora are only read. For a long run by hand:
#   build/fuzz/fuzz_cmd -max_total_time=300 build/fuzz/corpus_cmd tests/fuzz/corpus_cmd

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 10
FUZZ_SEED    ?= 1
FUZZ_DIR     := $(BUILD)/fuzz
FUZZ_CFLAGS  := -g -O1 -std=gnu11 $(WFLAGS) -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all -fno-omit-frame-pointer -DHOST_BUILD \
		-Ilib/include -Icp/include -Iconsole/include -Iarch/s390x/include -Itests/unit

FUZZ_TARGETS :=

# The inbound 3270 parser (Read Modified replies).
FUZZ_TARGETS += rm3270
fuzz_rm3270_SRCS := console/3270/rm3270.c console/3270/ds3270.c lib/ebcdic.c lib/string.c

# CP command lines: tokenizer, abbreviations, lookup and the commands on a fake machine
# (the same sources as the command unit test, mk/unit.mk).
FUZZ_TARGETS += cmd
fuzz_cmd_SRCS := $(test_cmd_SRCS)

# Terminal ports under QEMU: the framing CP reads from each virtio-serial port, and the
# relay's TN3270 sessions (what any client on the network may send).
FUZZ_TARGETS += termport
fuzz_termport_SRCS := lib/termport.c lib/string.c
FUZZ_TARGETS += tn3270
fuzz_tn3270_SRCS := console/relay/tn3270.c lib/termport.c lib/string.c

# Guest channel programs to a 3390 minidisk (cp/vdev/vckd.c) on a fake volume (the sources
# of the vckd unit test).
FUZZ_TARGETS += vckd
fuzz_vckd_SRCS := $(test_vckd_SRCS)

FUZZ_BINS := $(addprefix $(FUZZ_DIR)/fuzz_,$(FUZZ_TARGETS))

define fuzz_rule
$(FUZZ_DIR)/fuzz_$(1): tests/fuzz/fuzz_$(1).c $$(fuzz_$(1)_SRCS) $$(wildcard tests/unit/*.h) \
		mk/fuzz.mk
	@mkdir -p $$(@D)
	$$(FUZZ_CC) $$(FUZZ_CFLAGS) -o $$@ tests/fuzz/fuzz_$(1).c $$(sort $$(fuzz_$(1)_SRCS))
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call fuzz_rule,$(t))))

.PHONY: fuzz fuzz-smoke
fuzz: $(FUZZ_BINS)

fuzz-smoke: $(FUZZ_BINS)
	@tests/fuzz/smoke.sh $(FUZZ_SECONDS) $(FUZZ_SEED) $(FUZZ_DIR) $(FUZZ_TARGETS)
