#!/bin/sh
# Builds allies-convert and converts the bundled sample meeting notes to
# Markdown on standard output.
set -eu
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target allies-convert >/dev/null
./build/tools/allies-convert samples/meeting-notes.docx --to markdown
