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
/usr/bin/python3 - "$tmp/shared/public" "$total" "$parts" "$OLDPWD/schemas/manifest.schema.json" <<'PY'
import hashlib, json, os, sys
import jsonschema
public, total, parts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
manifest = json.load(open(os.path.join(public, "manifest.json")))
problems = []
try:
    jsonschema.validate(manifest, json.load(open(sys.argv[4])))
except jsonschema.ValidationError as e:
    problems.append("the merged manifest does not validate: " + e.message)
docs = manifest["documents"]
if len(docs) != total:
    problems.append("%d documents in the merged manifest, expected %d" % (len(docs), total))
names = [d["stem"] for d in docs]
if len(set(names)) != len(names):
    problems.append("two documents under one name")
on_disk = set()
for d in docs:
    if d.get("status") != "published":
        problems.append("%s: %s" % (d.get("stem", "?"), d.get("status")))
    for o in d.get("outputs", []):
        path = os.path.join(public, o["path"])
        on_disk.add(o["path"])
        data = open(path, "rb").read()
        if hashlib.sha256(data).hexdigest() != o["sha256"] or len(data) != o["size"]:
            problems.append(o["path"] + ": SHA-256 or size differs from the manifest")
found = set()
for root, _, files in os.walk(public):
    for f in files:
        rel = os.path.relpath(os.path.join(root, f), public)
        if rel != "manifest.json":
            found.add(rel)
if found != on_disk:
    problems.append("files not in the manifest: %s; missing: %s" % (sorted(found - on_disk)[:5], sorted(on_disk - found)[:5]))
if parts < 2:
    problems.append("only %d worker manifest: nothing was merged" % parts)
if problems:
    print("scaleout-test: FAIL:\n  " + "\n  ".join(problems[:20]))
    sys.exit(1)
print("scaleout-test: %d documents published by GNU parallel in %d parts, manifests merged and valid, "
      "%d outputs match their SHA-256 and size" % (len(docs), parts, len(on_disk)))
PY
echo "scaleout-test: $((end - start)) s on $(nproc) cores"
