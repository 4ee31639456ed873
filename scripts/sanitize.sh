#!/bin/sh
# The checked build: everything (library, tools, tests) built with clang,
# AddressSanitizer + UndefinedBehaviorSanitizer at -O1 in build-asan/, then
# the whole test suite, including the ../shared/corpus runs of all three
# tools. The same tree holds the libFuzzer targets (one build serves both:
# the library carries the fuzzer's coverage instrumentation too), so
# scripts/fuzz.sh reuses it. Any sanitizer report fails the run, even from a process whose exit
# code a test tolerates (a tool expected to fail on a bad input): reports
# are written to files under build-asan/sanitizer-logs/, and any file there
# at the end is a failure.
# Usage: scripts/sanitize.sh [ctest arguments...]
set -eu
cd "$(dirname "$0")/.."
./scripts/install-deps.sh --checked
build=build-asan
cmake -S . -B $build -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
    -DALLIES_SANITIZE=address,undefined -DALLIES_FUZZ=ON >/dev/null
cmake --build $build -j "$(nproc)"
logs=$(pwd)/$build/sanitizer-logs
rm -rf "$logs"
mkdir -p "$logs"
supp=$(pwd)/tests/sanitizer
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1:log_path=$logs/asan:exitcode=86"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$logs/ubsan:exitcode=86:suppressions=$supp/ubsan.supp"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
# Tests that put an address-space limit on a tool skip it under ASan (its
# shadow memory needs terabytes of address space).
export ALLIES_SANITIZED=1
status=0
ctest --test-dir $build --output-on-failure -j "$(nproc)" "$@" || status=$?
found=$(find "$logs" -type f | wc -l)
if [ "$found" -ne 0 ]; then
    echo "sanitizer reports: $found" >&2
    for f in "$logs"/*; do echo "== $f" >&2; head -60 "$f" >&2; done
    status=1
fi
exit $status
