#!/bin/sh
# Runs one libFuzzer target for a while: scripts/fuzz.sh TARGET SECONDS
# (targets: package reader redact pdf html pdf_reader policy manifest metafile).
# Builds build-asan/ (clang, ASan + UBSan, libFuzzer) if needed. The working
# corpus (build-asan/fuzz-corpus/TARGET) starts from tests/fuzz-seeds/TARGET,
# tests/regressions/TARGET and, for the DOCX targets, ../shared/corpus
# documents under 300 KB; the OOXML dictionary guides mutation. Crashes,
# hangs and out-of-memory inputs are written to build-asan/fuzz-findings/;
# copy each into tests/regressions/TARGET/ once fixed, so ctest replays it.
set -eu
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz.sh TARGET SECONDS}
seconds=${2:-60}
build=build-asan
if [ ! -x $build/fuzz/fuzz_$target ]; then
    ./scripts/install-deps.sh --checked
    cmake -S . -B $build -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
        -DALLIES_SANITIZE=address,undefined -DALLIES_FUZZ=ON >/dev/null
    cmake --build $build -j "$(nproc)" --target fuzz_$target
fi
corpus=$build/fuzz-corpus/$target
findings=$build/fuzz-findings/$target
mkdir -p "$corpus" "$findings"
seeds=tests/fuzz-seeds/$target
case $target in package|reader|redact|pdf|html) seeds=tests/fuzz-seeds/docx ;; esac
cp -n $seeds/* "$corpus"/ 2>/dev/null || true
[ -d tests/regressions/$target ] && cp -n tests/regressions/$target/* "$corpus"/ 2>/dev/null || true
dict=
case $target in
    package|reader|redact|pdf|html)
        dict=-dict=fuzz/ooxml.dict
        if [ -d ../shared/corpus ]; then
            find ../shared/corpus -name '*.docx' -size -300k | while read -r f; do
                cp -n "$f" "$corpus/corpus-$(basename "$f")" 2>/dev/null || true
            done
        fi ;;
    pdf_reader) dict=-dict=fuzz/pdf.dict ;;
esac
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$(pwd)/tests/sanitizer/lsan.supp:print_suppressions=0"
exec $build/fuzz/fuzz_$target $dict -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
    -max_len=2000000 -print_final_stats=1 ${FUZZ_SEED:+-seed=$FUZZ_SEED} -artifact_prefix="$findings/" "$corpus"
