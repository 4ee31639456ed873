#!/bin/sh
# Installs the Debian 12 packages allies needs to build and test. Idempotent:
# when everything is present it only runs dpkg-query and exits (about a second).
# python3 + python3-jsonschema: only the tests use them (word-recall scoring of
# the corpus run, JSON Schema validation of the json output and reports).
# libtomlplusplus-dev: policy files (TOML). libssl-dev: SHA-256/HMAC (libcrypto).
# libxml2-dev: the leak check reads HTML outputs with its HTML parser.
# libbenchmark-dev: bench/ (Google Benchmark). nlohmann-json3-dev: reading
# manifests and reports back (allies-publish --incremental, --merge-manifests,
# --verify-only); a conforming JSON parser beats writing one. groff-base + man-db: the man
# page rendering test. dpkg-dev + file: cpack -G DEB (dpkg-shlibdeps finds
# the Depends) in scripts/install-test.sh. zsh + fish: the completion test
# asks those shells to parse and complete. parallel: the README's GNU
# parallel recipe runs in CI (scripts/scaleout-test.sh). slurmctld, slurmd,
# slurm-client, munge: so does the Slurm job array, on a single-node Slurm
# the test starts and stops itself (scripts/slurm-test.sh; nothing is
# enabled or started as a service).
# libgif-dev + libtiff-dev: GIF and TIFF pictures in the PDF.
# chromium + nodejs + npm: the accessibility test of the HTML output runs
# axe-core (installed from npm by scripts/install-axe.sh) in headless Chromium.
set -eu
PACKAGES="build-essential cmake pkg-config libpugixml-dev libzip-dev libpodofo-dev
libicu-dev libcli11-dev libgtest-dev googletest libtomlplusplus-dev libssl-dev
libbenchmark-dev nlohmann-json3-dev groff-base man-db libfontconfig-dev libfreetype-dev libharfbuzz-dev liblcms2-dev
libgif-dev libtiff-dev
fonts-crosextra-carlito fonts-crosextra-caladea fonts-liberation2 fonts-dejavu-core fonts-ipafont-gothic fonts-droid-fallback fonts-noto-core
poppler-utils qpdf
libxml2-dev chromium nodejs
python3 python3-jsonschema python3-html5lib dpkg-dev file zsh fish parallel
slurmctld slurmd slurm-client munge"
# --checked: also clang and its sanitizer and libFuzzer runtimes, for the
# sanitizer build and the fuzz targets (scripts/sanitize.sh, scripts/fuzz.sh).
if [ "${1:-}" = "--checked" ]; then
    PACKAGES="$PACKAGES clang-14 libclang-rt-14-dev libfuzzer-14-dev llvm-14"
fi
# npm: Debian's package, unless a node distribution that bundles npm is
# installed already (its nodejs package conflicts with Debian's npm).
command -v npm >/dev/null 2>&1 || PACKAGES="$PACKAGES npm"
missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
        || missing="$missing $p"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-deps: need root to install:$missing" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends $missing
fi
