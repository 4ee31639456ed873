#!/bin/sh
# Nothing is lost: every document of the corpus converts to PDF and HTML
# with all the words a reader of the DOCX sees (allies-convert's
# completeness check: the PDF against the text its layout placed, the HTML
# read back with --strict). Skips (77) when the corpus is absent.
#   run_complete.sh ALLIES_CONVERT SOURCE_DIR [CORPUS_DIR]
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
    rel=${f#./}
    count=$((count + 1))
    timeout 60 "$convert" "$corpus/$rel" --to pdf -o "$out/out.pdf" 2>"$out/err"
    rc=$?
    if [ $rc -ne 0 ] || grep -q "lacks" "$out/err"; then
        echo "FAIL $rel (PDF, exit $rc): $(grep -m1 lacks "$out/err" | cut -c1-300)"
        failures=$((failures + 1))
    fi
    timeout 60 "$convert" "$corpus/$rel" --to html --strict -o "$out/out.html" 2>"$out/err"
    rc=$?
    if [ $rc -ne 0 ]; then
        echo "FAIL $rel (HTML, exit $rc): $(head -c 300 "$out/err")"
        failures=$((failures + 1))
    fi
done
echo "checked $count files, $failures incomplete"
[ "$failures" -eq 0 ]
