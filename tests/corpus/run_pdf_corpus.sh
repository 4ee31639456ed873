#!/bin/sh
# Converts every .docx of the shared corpus to PDF and checks each output
# with independent tools: qpdf --check passes, every font is embedded
# (pdffonts), and the text pdftotext extracts recalls the document's own
# text (allies-convert --to text) word for word: median >= 0.98 and at
# least 90% of files at 0.95 or better.
# Usage: run_pdf_corpus.sh ALLIES_CONVERT SOURCE_DIR [CORPUS_DIR]
# Exits 77 (CTest "skipped") when the corpus or the tools are not there.
set -u
convert=$1
src=$2
corpus=${3:-$src/../shared/corpus}
[ -d "$corpus" ] || { echo "corpus not found: skipping"; exit 77; }
for tool in qpdf pdffonts pdftotext; do
    command -v $tool >/dev/null 2>&1 || { echo "$tool not installed: skipping"; exit 77; }
done
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failures=0
count=0
for f in $(cd "$corpus" && find . -name '*.docx' | sort); do
    rel=${f#./}
    name=$(echo "$rel" | tr '/' '_')
    count=$((count + 1))
    if ! timeout 60 "$convert" "$corpus/$rel" -o "$out/$name.pdf" 2>"$out/err"; then
        if [ "$(wc -l < "$out/err")" -ne 1 ]; then echo "FAIL $rel: error is not one line"; failures=$((failures + 1)); fi
        continue
    fi
    qpdf --check "$out/$name.pdf" >/dev/null 2>&1 || { echo "FAIL $rel: qpdf --check"; failures=$((failures + 1)); }
    if pdffonts "$out/$name.pdf" 2>/dev/null | tail -n +3 | awk '{ if ($(NF-4) != "yes") bad=1 } END { exit bad }'; then :; else
        echo "FAIL $rel: a font is not embedded"; failures=$((failures + 1))
    fi
    pdftotext -enc UTF-8 "$out/$name.pdf" "$out/$name.pdf.txt" 2>/dev/null
    "$convert" "$corpus/$rel" --to text -o "$out/$name.txt" 2>/dev/null
done
/usr/bin/python3 - "$out" <<'PY' || failures=$((failures + 1))
import collections, os, re, sys
d = sys.argv[1]
recalls = []
for n in sorted(os.listdir(d)):
    if not n.endswith(".pdf.txt"):
        continue
    ref = os.path.join(d, n[:-8] + ".txt")
    if not os.path.exists(ref):
        continue
    a = collections.Counter(w.lower() for w in re.findall(r"\w+", open(ref, encoding="utf-8", errors="replace").read()))
    b = collections.Counter(w.lower() for w in re.findall(r"\w+", open(os.path.join(d, n), encoding="utf-8", errors="replace").read()))
    total = sum(a.values())
    if total:
        recalls.append(sum(min(c, b[w]) for w, c in a.items()) / total)
recalls.sort()
median = recalls[len(recalls) // 2]
print(f"word recall of the PDF text against the document text: median {median:.3f}, "
      f">= 0.95 on {sum(r >= 0.95 for r in recalls)} of {len(recalls)}")
# The floor catches a layout change that loses text on a few files only
# (the median would not move).
good = sum(r >= 0.95 for r in recalls)
sys.exit(0 if median >= 0.98 and good >= 0.9 * len(recalls) else 1)
PY
echo "converted $count files to PDF, $failures failures"
[ "$failures" -eq 0 ]
