#!/bin/sh
# allies-publish on a batch of generated meeting notes (5-15 pages each),
# DOCX + PDF, verified: wall time, documents per second, the share of time
# spent in verification, and peak memory per job (from each document's
# --json line). With LOBENCH=1 and LibreOffice installed, also times
# LibreOffice converting the same files to PDF (one soffice process, which
# is its fastest way) for comparison.
# Usage: bench/publish_batch.sh [BUILD_DIR] [N] [JOBS]   (defaults: build 1000 2)
set -eu
build=${1:-build}
n=${2:-1000}
jobs=${3:-2}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$build/bench/make_batch" "$dir/in" "$n"
mv "$dir/in/roster.txt" "$dir/roster.txt"
export ALLIES_HASH_KEY_FILE="$dir/hash-key"
now() { date +%s.%N; }
t0=$(now)
"$build/tools/allies-publish" "$dir/in" -o "$dir/out" --names "$dir/roster.txt" --jobs "$jobs" -q --json >"$dir/lines.jsonl" || rc=$?
t1=$(now)
wall=$(echo "$t1 - $t0" | bc)
/usr/bin/python3 - "$dir/lines.jsonl" "$wall" "$n" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
wall, n = float(sys.argv[2]), int(sys.argv[3])
published = sum(1 for d in lines if d["status"] == "published")
busy = sum(d["seconds"] for d in lines)
verify = sum(d["verify_seconds"] for d in lines)
rss = sorted(d["peak_rss_kb"] for d in lines)
print(f"{n} documents, {published} published, wall {wall:.1f} s, {n / wall:.1f} documents/s")
print(f"per document: mean {busy / len(lines) * 1000:.0f} ms of work, verification {verify / busy * 100:.0f}% of it")
print(f"peak memory per job: median {rss[len(rss) // 2] / 1024:.1f} MB, max {rss[-1] / 1024:.1f} MB")
PY
pages=$(pdfinfo "$dir/out/notes-0001.pdf" | awk '/^Pages:/ {print $2}')
echo "(notes-0001.pdf has $pages pages)"
if [ "${LOBENCH:-0}" = 1 ] && command -v soffice >/dev/null 2>&1; then
    t0=$(now)
    # soffice 7.4 stops silently after ~250 files given at once: 200 per call.
    ls "$dir"/in/*.docx | xargs -n 200 soffice --headless --convert-to pdf --outdir "$dir/lo" >/dev/null 2>&1
    t1=$(now)
    lo=$(echo "$t1 - $t0" | bc)
    echo "LibreOffice, same files to PDF only (no redaction, no verification): $lo s for $(ls "$dir/lo" | wc -l) PDFs, ratio $(echo "scale=1; $lo / $wall" | bc)x"
fi
