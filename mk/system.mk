# System tests: boot the CP image under both emulators and drive it like a user.
# Each test is a Python script in tests/system/test_*.py run by tests/system/run.py.

.PHONY: systest
# test_opcon drives build/host/vm64.
systest: images host-tools
	@python3 tests/system/run.py $(SYSTEST_ARGS)

# Benchmarks: ratios measured in one run (tests/bench/bench.py says what each one is). They
# boot the BENCH guest bare too (build/guest/bench.elf, build/guest/hercules-bench/).
.PHONY: bench
bench: deps
	@$(MAKE) --no-print-directory all guests
	@python3 tests/bench/bench.py
