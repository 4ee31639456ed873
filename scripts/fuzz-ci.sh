#!/bin/sh
# Each fuzz target for a short fixed time (default 30 s; FUZZ_SECONDS) on
# its seeds, with a fixed random seed, in the checked build that
# scripts/sanitize.sh made. A crash, hang, leak or out-of-memory fails the
# run; the input is left in build-asan/fuzz-findings/TARGET/.
set -eu
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-30}
failed=0
passed=0
for t in package reader redact pdf html pdf_reader policy manifest metafile; do
    if FUZZ_SEED=1 ./scripts/fuzz.sh "$t" "$seconds" >build-asan/fuzz-$t.log 2>&1; then
        passed=$((passed + 1))
        echo "fuzz $t: $(grep -E '^stat::number_of_executed_units' build-asan/fuzz-$t.log | awk '{print $2}') runs, no finding"
    else
        failed=$((failed + 1))
        echo "fuzz $t: FINDING"
        tail -40 build-asan/fuzz-$t.log
    fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
