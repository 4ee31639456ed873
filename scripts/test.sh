#!/bin/sh
# Builds allies with warnings as errors and runs every test (unit, CLI,
# golden, JSON schema, and the ../shared/corpus run when the corpus exists).
set -eu
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DALLIES_WERROR=ON
cmake --build build -j "$(nproc)"
ctest --test-dir build --output-on-failure -j "$(nproc)"
