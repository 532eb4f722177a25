# System tests: boot the CP image under both emulators and drive it like a user.
# Each test is a Python script in tests/system/test_*.py run by tests/system/run.py.

.PHONY: systest
systest: images
	@python3 tests/system/run.py $(SYSTEST_ARGS)

# Benchmarks: ratios measured in one run (tests/bench/bench.py says what each one is).
.PHONY: bench
bench: deps all
	@python3 tests/bench/bench.py
