#!/bin/sh
# Redacts every .docx of the shared corpus twice and checks:
#  1. with a policy that marks nothing (no authors, no attendance lines, no
#     patterns), the public copy reads exactly like the original (text via
#     allies-convert), except that files with tracked changes may differ in
#     white space only (accepting a deleted paragraph mark joins paragraphs);
#     and, for files without tracked changes, the document model (text and
#     formatting, allies-convert --to json) is the same once what
#     sanitisation removes by design is left out (compare_models.py);
#  2. with the default policy, every file is redacted (exit 0) or refused
#     with a one-line error, never a crash or a hang, and the output opens
#     again and converts;
#  3. the same input gives byte-identical output.
# Usage: run_redact_corpus.sh ALLIES_REDACT ALLIES_CONVERT SOURCE_DIR [CORPUS_DIR]
# Exits 77 (CTest "skipped") when the corpus is not there.
set -u
redact=$1
convert=$2
src=$3
corpus=${4:-$src/../shared/corpus}
if [ ! -d "$corpus" ]; then
    echo "corpus not found at $corpus: skipping"
    exit 77
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cat > "$out/unmarked.toml" <<'TOML'
[names]
include_authors = false
attendance_labels = []
[patterns]
email = false
phone = false
TOML
tracked=$(awk -F'\t' 'NR > 1 && $7 == 1 { print $1 }' "$corpus/INDEX.tsv")
failures=0
count=0
strip() { tr -d ' \t\r\n' < "$1"; }
for f in $(cd "$corpus" && find . -name '*.docx' | sort); do
    count=$((count + 1))
    rel=${f#./}
    in="$corpus/$rel"
    # 1. Round trip without markings.
    if ! timeout 60 "$redact" "$in" --policy "$out/unmarked.toml" -q -o "$out/plain.docx" 2>"$out/err"; then
        echo "FAIL $rel: unmarked redaction failed: $(head -c 300 "$out/err")"; failures=$((failures + 1)); continue
    fi
    "$convert" "$in" --to text -o "$out/a.txt" 2>/dev/null
    "$convert" "$out/plain.docx" --to text -o "$out/b.txt" 2>"$out/err" || {
        echo "FAIL $rel: public copy does not convert: $(head -c 300 "$out/err")"; failures=$((failures + 1)); continue; }
    if ! cmp -s "$out/a.txt" "$out/b.txt"; then
        if echo "$tracked" | grep -qx "$rel" && [ "$(strip "$out/a.txt")" = "$(strip "$out/b.txt")" ]; then
            :
        else
            echo "FAIL $rel: text changed although nothing was marked"; diff "$out/a.txt" "$out/b.txt" | head -5
            failures=$((failures + 1))
        fi
    fi
    if ! echo "$tracked" | grep -qx "$rel"; then
        "$convert" "$in" --to json -o "$out/a.json" 2>/dev/null
        "$convert" "$out/plain.docx" --to json -o "$out/b.json" 2>/dev/null
        if ! d=$(/usr/bin/python3 "$src/tests/corpus/compare_models.py" "$out/a.json" "$out/b.json"); then
            echo "FAIL $rel: formatting changed although nothing was marked: $d"; failures=$((failures + 1))
        fi
    fi
    # 2. Default policy.
    timeout 60 "$redact" "$in" -q -o "$out/pub.docx" 2>"$out/err"
    rc=$?
    case $rc in
        0)
            "$convert" "$out/pub.docx" --to text -o "$out/c.txt" 2>"$out/err" || {
                echo "FAIL $rel: redacted copy does not convert"; failures=$((failures + 1)); }
            # 3. Deterministic.
            "$redact" "$in" -q -o "$out/pub2.docx" 2>/dev/null
            cmp -s "$out/pub.docx" "$out/pub2.docx" || { echo "FAIL $rel: output differs between runs"; failures=$((failures + 1)); } ;;
        7)
            [ "$(wc -l < "$out/err")" -eq 1 ] || { echo "FAIL $rel: refusal is not one line"; failures=$((failures + 1)); }
            echo "refused $rel: $(cat "$out/err")" ;;
        *)
            echo "FAIL $rel: exit code $rc: $(head -c 300 "$out/err")"; failures=$((failures + 1)) ;;
    esac
done
echo "redacted $count files, $failures failures"
[ "$failures" -eq 0 ]
