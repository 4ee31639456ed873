#!/bin/sh
# The README's GNU parallel recipe, run as written on this machine's local
# slots (--sshlogin 2/: instead of remote hosts; ":" is the local machine)
# over a few hundred generated notes in nested folders: each parallel slot
# publishes its share into the one public folder with its own manifest,
# then --merge-manifests writes the folder's manifest, which is checked
# (every document published once, each output on disk with its SHA-256
# and size, no two documents under one name).
# Usage: scripts/scaleout-test.sh [BUILD_DIR] [N]   (defaults: build 300)
set -eu
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
n=${2:-300}
command -v parallel >/dev/null || { echo "scaleout-test: GNU parallel is not installed" >&2; exit 1; }
tmp=$(mktemp -d /tmp/allies-scaleout.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
PATH="$build/tools:$PATH"
export PATH

# Notes in nested folders, two files of the same name in different folders.
"$build/bench/make_batch" "$tmp/gen" "$n" >/dev/null
mkdir -p "$tmp/shared/manifests" "$tmp/notes"
mv "$tmp/gen/roster.txt" "$tmp/shared/roster.txt"
i=0
for f in "$tmp"/gen/*.docx; do
    d="$tmp/notes/committee-$((i % 3))/$((2020 + i % 5))"
    mkdir -p "$d"
    mv "$f" "$d/"
    i=$((i + 1))
done
mkdir -p "$tmp/notes/committee-0/2020/x" "$tmp/notes/committee-1/2021/x"
cp "$(ls "$tmp"/notes/committee-2/*/*.docx | head -1)" "$tmp/notes/committee-0/2020/x/minutes.docx"
cp "$(ls "$tmp"/notes/committee-2/*/*.docx | tail -1)" "$tmp/notes/committee-1/2021/x/minutes.docx"
total=$((n + 2))
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$tmp/shared/hash-key"

cd "$tmp"
start=$(date +%s)
# The recipe (README, "Spreading a large batch over many machines").
find notes -name '*.docx' | parallel --sshlogin 2/: --pipe -N 100 \
    "allies-publish --files-from - --base notes -o $tmp/shared/public \
     --manifest $tmp/shared/manifests/part-{#}.json --names $tmp/shared/roster.txt \
     --hash-key-file $tmp/shared/hash-key -q"
allies-publish --merge-manifests "$tmp"/shared/manifests/part-*.json -o "$tmp/shared/public"
end=$(date +%s)

parts=$(ls "$tmp"/shared/manifests/part-*.json | wc -l)
/usr/bin/python3 "$OLDPWD/scripts/check-merged-manifest.py" "$tmp/shared/public" "$total" "$parts" \
    "$OLDPWD/schemas/manifest.schema.json" "GNU parallel"
echo "scaleout-test: $((end - start)) s on $(nproc) cores"
