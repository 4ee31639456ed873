#!/bin/sh
# Builds allies with warnings as errors and runs every test (unit, CLI,
# golden, JSON schema, fuzz-target replays, hostile inputs, and the
# ../shared/corpus runs when the corpus exists), the install test
# (scripts/install-test.sh) and the scale-out recipes (GNU parallel,
# scripts/scaleout-test.sh; a Slurm job array, scripts/slurm-test.sh); then
# the checked build
# (clang, AddressSanitizer + UndefinedBehaviorSanitizer) runs the whole suite
# again, and each fuzz target runs for a short fixed time on its seeds.
# --quick: the first part only.
set -eu
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DALLIES_WERROR=ON
cmake --build build -j "$(nproc)"
# axe-core for the browser accessibility test (html_axe), from the npm registry.
./scripts/install-axe.sh build
ctest --test-dir build --output-on-failure -j "$(nproc)"
# Installed as a user and an integrator meet it: cmake --install into a
# scratch prefix, examples/ via find_package and pkg-config, the Python
# binding, the .deb (dpkg -x; as root also dpkg -i, then dpkg -r).
./scripts/install-test.sh build
# The README's GNU parallel recipe over 300 generated notes, manifests merged.
./scripts/scaleout-test.sh build
# The README's Slurm job array on a single-node Slurm started for the test
# (private munged and slurmctld/slurmd, stopped afterwards); needs root.
if [ "$(id -u)" -eq 0 ]; then
    ./scripts/slurm-test.sh build
else
    echo "slurm-test skipped: needs root"
fi
[ "${1:-}" = "--quick" ] && exit 0
./scripts/sanitize.sh
./scripts/fuzz-ci.sh
