#!/bin/sh
# allies-convert --to pdf against LibreOffice on the same files, one core:
# total wall time for each and the ratio (target: allies at least 30 times
# faster per document). Without LibreOffice it reports allies' time only.
# Usage: bench/convert_vs_libreoffice.sh [BUILD_DIR] [FILES...]
#        (default files: the bundled sample and bench's generated notes)
set -eu
build=${1:-build}
[ $# -gt 0 ] && shift
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
if [ $# -eq 0 ]; then
    "$build/bench/redact_bench" --write-samples "$dir" >/dev/null
    set -- "$(dirname "$0")/../samples/meeting-notes.docx" "$dir/notes-10.docx" "$dir/notes-100.docx" "$dir/notes-500.docx"
fi
mkdir -p "$dir/allies" "$dir/lo"
now() { date +%s.%N; }
total_a=0
total_l=0
have_lo=$(command -v soffice >/dev/null 2>&1 && echo yes || echo no)
for f in "$@"; do
    name=$(basename "$f" .docx)
    t0=$(now)
    taskset -c 0 "$build/tools/allies-convert" "$f" -o "$dir/allies/$name.pdf"
    t1=$(now)
    a=$(echo "$t1 - $t0" | bc)
    pages=$(pdfinfo "$dir/allies/$name.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
    total_a=$(echo "$total_a + $a" | bc)
    if [ "$have_lo" = yes ]; then
        t0=$(now)
        taskset -c 0 soffice --headless --convert-to pdf --outdir "$dir/lo" "$f" >/dev/null 2>&1
        t1=$(now)
        l=$(echo "$t1 - $t0" | bc)
        total_l=$(echo "$total_l + $l" | bc)
        echo "$name: $pages pages, allies ${a} s, LibreOffice ${l} s, ratio $(echo "scale=1; $l / $a" | bc)x"
    else
        echo "$name: $pages pages, allies ${a} s (LibreOffice not installed)"
    fi
done
[ "$have_lo" = yes ] && echo "total: allies ${total_a} s, LibreOffice ${total_l} s, ratio $(echo "scale=1; $total_l / $total_a" | bc)x"
exit 0
