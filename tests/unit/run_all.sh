#!/usr/bin/env bash
# Runs every host unit-test program given as an argument and prints one closing line,
# "unit: N passed, N failed", counting CUnit assertions-level test cases across programs.
set -u
passed=0
failed=0
bad_programs=()
for prog in "$@"; do
    out=$("$prog" 2>&1)
    rc=$?
    echo "$out" | grep -E '^(Suite|  Test|Run Summary|               (suites|tests|asserts))' || true
    # CUnit's summary row: "tests  N  N  run passed failed inactive"
    line=$(echo "$out" | awk '$1 == "tests" && NF >= 5 {print; exit}')
    if [ -n "$line" ]; then
        p=$(echo "$line" | awk '{print $4}')
        f=$(echo "$line" | awk '{print $5}')
        passed=$((passed + p))
        failed=$((failed + f))
    fi
    if [ "$rc" -ne 0 ]; then
        bad_programs+=("$(basename "$prog") (exit $rc)")
        [ -z "$line" ] && failed=$((failed + 1))
        echo "$out" | tail -40
    fi
done
for b in "${bad_programs[@]+"${bad_programs[@]}"}"; do echo "FAILED: $b"; done
echo "unit: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ ${#bad_programs[@]} -eq 0 ]
