#!/bin/sh
# Whole-command figures for allies-redact: wall time and peak memory
# (/usr/bin/time) on generated 10-, 100- and 500-page meeting notes, one
# core, next to the uncompressed XML size (target: peak < 10x XML). The
# process's own baseline (shared libraries, ICU data: the peak of a tiny
# document) is reported separately and subtracted.
# Usage: bench/run_redact.sh [BUILD_DIR]
set -eu
build=${1:-build}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$build/bench/redact_bench" --write-samples "$dir"
/usr/bin/time -f "%M" -o "$dir/base" "$build/tools/allies-redact" --version >/dev/null
base=$(cat "$dir/base")
echo "baseline RSS (allies-redact --version): $((base / 1024)) MiB"
for n in 10 100 500; do
    f="$dir/notes-$n.docx"
    xml=$(/usr/bin/python3 -c "import zipfile,sys; print(sum(i.file_size for i in zipfile.ZipFile(sys.argv[1]).infolist()))" "$f")
    best=""
    for i in 1 2 3; do
        /usr/bin/time -f "%e %M" -o "$dir/t" taskset -c 0 "$build/tools/allies-redact" "$f" --names "$dir/roster.txt" -q -o "$dir/out.docx"
        t=$(cut -d' ' -f1 "$dir/t"); m=$(cut -d' ' -f2 "$dir/t")
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; mem=$m; fi
    done
    echo "notes-$n.docx: xml $((xml / 1024)) KiB, best of 3: ${best} s, peak RSS $((mem / 1024)) MiB, above baseline $(( (mem - base) / 1024 )) MiB ($(echo "scale=1; ($mem - $base) * 1024 / $xml" | bc)x XML)"
done
