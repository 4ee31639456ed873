#!/bin/sh
# Converts every .docx of the shared corpus with allies-convert and checks:
#  - each file gives output (exit 0) or a clean one-line error (exit 3 or 5),
#    never a crash, a hang (timeout) or a stack trace;
#  - word recall of the text output against the committed pandoc references
#    (tests/corpus/reference) is >= 0.99 median and >= 0.95 on >= 95% of files.
# Usage: run_corpus.sh ALLIES_CONVERT SOURCE_DIR [CORPUS_DIR]
# Exits 77 (CTest "skipped") when the corpus is not there.
set -u
convert=$1
src=$2
corpus=${3:-$src/../shared/corpus}
if [ ! -d "$corpus" ]; then
    echo "corpus not found at $corpus: skipping"
    exit 77
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failures=0
count=0
for f in $(cd "$corpus" && find . -name '*.docx' | sort); do
    count=$((count + 1))
    rel=${f#./}
    mkdir -p "$out/$(dirname "$rel")"
    timeout 30 "$convert" "$corpus/$rel" --to text -o "$out/${rel%.docx}.txt" 2>"$out/err"
    rc=$?
    lines=$(wc -l < "$out/err")
    case $rc in
        0) ;;
        3|5)
            if [ "$lines" -ne 1 ]; then
                echo "FAIL $rel: error message is not one line"; failures=$((failures + 1))
            fi ;;
        *)
            echo "FAIL $rel: exit code $rc: $(head -c 300 "$out/err")"; failures=$((failures + 1)) ;;
    esac
done
echo "converted $count files, $failures failures"
/usr/bin/python3 "$src/tests/corpus/word_recall.py" --dir "$src/tests/corpus/reference" "$out" > "$out/recall.txt" 2>/dev/null
sed -n '/^median/,$p' "$out/recall.txt"
awk '$1 < 0.95 && $1 ~ /^[0-9.]+$/ {print "  low recall: " $0}' "$out/recall.txt"
median=$(awk '$1 == "median" {print $2}' "$out/recall.txt")
share=$(awk '$1 == "files" {print $4}' "$out/recall.txt")
ok=$(awk -v m="$median" -v s="$share" 'BEGIN {print (m >= 0.99 && s >= 0.95) ? 1 : 0}')
if [ "$ok" -ne 1 ]; then
    echo "FAIL: recall below target (median $median, share >= 0.95: $share)"
    failures=$((failures + 1))
fi
[ "$failures" -eq 0 ]
