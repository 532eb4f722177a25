# VM/64 top-level build.
#
#   make run            install missing Debian packages, build, boot under Hercules
#   make run MACHINE=qemu   the same under QEMU
#   make run VM64_DATA=dir  with the volumes in dir (default data/; created when missing)
#   make test           unit tests and a short fuzzing run on the host, then system tests
#                       under both emulators
#   make fuzz           libFuzzer targets (mk/fuzz.mk); make fuzz-smoke runs them briefly
#   make bench          benchmarks (ratios measured in one run)
#
# Everything built lands in build/; emulator logs of failed runs in logs/.

MACHINE ?= hercules
BUILD   := build
export BUILD
# The data folder: the DASD volumes (VOLSER.fba) that hold users' minidisks. Never under
# build/, so "make clean" keeps it; "rm -rf data" starts afresh.
VM64_DATA ?= data

.DEFAULT_GOAL := all

include mk/toolchain.mk
include mk/cms.mk
include mk/guest.mk
include mk/image.mk
include mk/unit.mk
include mk/host.mk
include mk/system.mk
include mk/fuzz.mk

.PHONY: all deps run test unit systest bench clean

all: images host-tools

# run, test and bench are the first commands on a new machine: they install the packages
# first, and only then build, in a make that reads the makefiles with the tools in place.
deps:
	@tools/deps.sh

run: deps
	@$(MAKE) --no-print-directory all
	@$(BUILD)/host/vm64disk ensure cp/dir/SYSTEM.CONFIG $(VM64_DATA)
	@$(BUILD)/host/vm64 --machine $(MACHINE) --data $(VM64_DATA)

test: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory unit
	@$(MAKE) --no-print-directory fuzz-smoke
	@$(MAKE) --no-print-directory systest

clean:
	rm -rf $(BUILD)
