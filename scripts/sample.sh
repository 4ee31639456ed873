#!/bin/sh
# Builds the tools and publishes the bundled sample meeting notes with their
# roster: redacted, converted, verified for leaks, and only then moved into
# sample-output/public/ (public DOCX, PDF, report, manifest). The review PDF
# (the original with every redaction highlighted) goes to
# sample-output/review/, which is not for publication.
set -eu
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target allies-publish allies-convert >/dev/null
# The report's hashes are keyed; keep the sample's key beside its output
# (a real installation keeps its key in ~/.config/allies/hash-key).
export ALLIES_HASH_KEY_FILE="$PWD/sample-output/hash-key"
mkdir -p sample-output
./build/tools/allies-publish samples/meeting-notes.docx --names samples/roster.txt \
    -o sample-output/public --review sample-output/review
ls -l sample-output/public sample-output/review
echo "--- the public version, as text (sample-output/public/meeting-notes.pdf):"
pdftotext -layout sample-output/public/meeting-notes.pdf - | head -40
