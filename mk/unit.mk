# Host unit tests (CUnit). Each test program tests/unit/test_NAME.c is built with the portable
# sources listed in test_NAME_SRCS and run; its main returns the number of failures.
#
# To add one: append "UNIT_TESTS += NAME" and "test_NAME_SRCS := files..." below.

UNIT_TESTS :=

UNIT_TESTS += format
test_format_SRCS := lib/format.c lib/string.c

UNIT_TESTS += string
test_string_SRCS := lib/string.c

UNIT_TESTS += ebcdic
test_ebcdic_SRCS := lib/ebcdic.c

UNIT_TESTS += frames
test_frames_SRCS := cp/mm/frames.c lib/string.c

UNIT_TESTS += tod
test_tod_SRCS := cp/tod.c

UNIT_TESTS += sclp_gds
test_sclp_gds_SRCS := arch/s390x/sclp_gds.c

UNIT_TESTS += cmd
test_cmd_SRCS := cp/cmd/parse.c cp/cmd/commands.c cp/cmd/query.c cp/msg.c cp/devclass.c \
	cp/system.c cp/tod.c cp/mm/frames.c lib/format.c lib/string.c tests/unit/fake_hw.c

# ---- rules ----
UNIT_BINS := $(addprefix $(BUILD)/host/tests/test_,$(UNIT_TESTS))

define unit_rule
$(BUILD)/host/tests/test_$(1): tests/unit/test_$(1).c $$(test_$(1)_SRCS) $$(wildcard tests/unit/*.h)
	@mkdir -p $$(@D)
	$$(HOSTCC) $$(HCFLAGS) -o $$@ tests/unit/test_$(1).c $$(test_$(1)_SRCS) $$(HLDFLAGS) -lcunit
endef
$(foreach t,$(UNIT_TESTS),$(eval $(call unit_rule,$(t))))

.PHONY: unit-build
unit-build: $(UNIT_BINS)

unit: unit-build
	@tests/unit/run_all.sh $(UNIT_BINS)
