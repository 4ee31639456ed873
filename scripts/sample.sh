#!/bin/sh
# Builds the tools, redacts the bundled sample meeting notes with their
# roster into sample-output/ (public DOCX + JSON report), and prints the
# public version as Markdown.
set -eu
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target allies-redact allies-convert >/dev/null
mkdir -p sample-output
./build/tools/allies-redact samples/meeting-notes.docx --names samples/roster.txt \
    -o sample-output/meeting-notes.public.docx --report sample-output/meeting-notes.report.json
./build/tools/allies-convert sample-output/meeting-notes.public.docx --to markdown
