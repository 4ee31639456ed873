#!/bin/sh
# Installs axe-core (the version pinned by tests/browser/package-lock.json)
# into BUILD/axe for the browser accessibility test (tests/browser/axe_check.py,
# ctest html_axe). Needs npm (scripts/install-deps.sh) and the npm registry;
# without them the test reports itself skipped.
# Usage: scripts/install-axe.sh [BUILD]
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
if ! command -v npm >/dev/null 2>&1; then
    echo "install-axe: npm is not installed; the html_axe test will be skipped" >&2
    exit 0
fi
mkdir -p "$build/axe"
cp tests/browser/package.json tests/browser/package-lock.json "$build/axe/"
npm ci --prefix "$build/axe" --no-audit --no-fund --loglevel=error
