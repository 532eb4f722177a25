#!/usr/bin/env bash
# A short, bounded libFuzzer run of each target ("make fuzz-smoke", mk/fuzz.mk):
#   smoke.sh SECONDS SEED FUZZDIR NAME...
# runs FUZZDIR/fuzz_NAME for SECONDS from tests/fuzz/corpus_NAME/ with -seed=SEED, prints the
# executions reached ("Done N runs" in libFuzzer's output) and fails if any target found
# something (crash, leak, sanitizer report, timeout). Logs: FUZZDIR/smoke_NAME.log.
set -u

[ $# -ge 4 ] || { echo "usage: $0 SECONDS SEED FUZZDIR NAME..." >&2; exit 2; }
secs=$1 seed=$2 dir=$3
shift 3
failed=0
mkdir -p "$dir/artifacts"
for name in "$@"; do
    bin=$dir/fuzz_$name
    seeds=tests/fuzz/corpus_$name
    work=$dir/corpus_$name
    log=$dir/smoke_$name.log
    mkdir -p "$work"
    "$bin" -seed="$seed" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=0 -artifact_prefix="$dir/artifacts/${name}-" \
        "$work" "$seeds" >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^Done \([0-9][0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
    if [ "$rc" -ne 0 ] || [ -z "$runs" ]; then
        echo "fuzz-smoke: fuzz_$name FAILED (exit $rc); log: $log"
        grep -E "^==[0-9]+==ERROR|SUMMARY|runtime error|Test unit written" "$log" | head -n 10
        failed=1
    else
        echo "fuzz-smoke: fuzz_$name: $runs executions in ${secs}s, nothing found"
    fi
done
exit $failed
