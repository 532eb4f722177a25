# Compilers and flags for the two worlds: freestanding s390x images and host programs/tests.

CROSS    ?= s390x-linux-gnu-
TCC      := $(CROSS)gcc
TOBJCOPY := $(CROSS)objcopy
HOSTCC   ?= gcc

# Warnings for every build, s390x and host: all are errors, and every non-static function has
# a prototype in a header (a function used only in its file is static).
WFLAGS   := -Wall -Wextra -Werror -Wmissing-prototypes -Wstrict-prototypes

# Freestanding z/Architecture code. -march stays at z10: Hercules 3.13 lacks zEC12+ instructions
# (see shared/design/EMULATORS.md). -nostdinc keeps glibc headers out; the compiler's own
# freestanding headers (stddef.h, stdint.h, stdarg.h, stdbool.h) stay available.
# TCC_INC asks the cross compiler where they are, but only when a recipe first needs it (then
# once): on a new machine "make run" installs that compiler (tools/deps.sh) after make has read
# this file. TCFLAGS and the flags made from it (mk/guest.mk, mk/cms.mk) are recursive for the
# same reason.
TCC_INC   = $(eval TCC_INC := $(or $(shell $(TCC) -print-file-name=include 2>/dev/null), \
	      $(error $(TCC) not found: "make deps" installs it)))$(TCC_INC)
TCFLAGS   = -m64 -march=z10 -O2 -g -ffreestanding -fno-builtin -fno-pic -fno-pie \
	    -fno-stack-protector -fno-asynchronous-unwind-tables -msoft-float \
	    -fno-delete-null-pointer-checks --param=min-pagesize=0 -fno-common \
	    $(WFLAGS) -std=gnu11 -nostdinc -isystem $(TCC_INC) \
	    -Ilib/include -Iarch/s390x/include -Icp/include -Iconsole/include
TLDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=none -Wl,--no-warn-rwx-segments

# Generated assembler offsets (as kvm-unit-tests and Linux do): $(1), an asm-offsets.c whose
# DEFINE() markers (arch/offsets_gen.h) are compiled with -S and the flags $(2), becomes
# $(3)/asm-offsets.h, "#define NAME value" lines (mk/asm-offsets.sed) for .S files to include.
define asm_offsets_rules
$(3)/asm-offsets.s: $(1)
	@mkdir -p $$(@D)
	$$(TCC) $(2) -MMD -MP -MT $$@ -S $$< -o $$@

$(3)/asm-offsets.h: $(3)/asm-offsets.s mk/asm-offsets.sed
	{ echo '/* Generated from $(1) by the build: do not edit. */'; \
	  sed -n -f mk/asm-offsets.sed $$<; } >$$@.tmp
	grep -q '^#define ' $$@.tmp && mv $$@.tmp $$@

-include $(3)/asm-offsets.d
endef

# Host builds: unit tests run the portable code under AddressSanitizer and UBSan.
HCFLAGS  := -O1 -g -std=gnu11 $(WFLAGS) -fsanitize=address,undefined \
	    -fno-omit-frame-pointer -fno-sanitize-recover=all -DHOST_BUILD \
	    -Ilib/include -Icp/include -Iconsole/include -Iarch/s390x/include -Icms/include \
	    -Itests/unit
HLDFLAGS := -fsanitize=address,undefined
