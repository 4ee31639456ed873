#!/bin/sh
# Every .docx of the shared corpus through allies-publish (DOCX, PDF, HTML)
# in one batch with two workers. Checks: the run ends with a documented exit
# code (never a crash); every document is published, or not published with a
# one-line reason in the manifest (an error, the leak findings, or where its
# PDF or HTML lost words); at least 95% are published (false leak
# alarms on clean real-world files would stop staff publishing); every
# published document is clean when re-checked from its report alone
# (--verify-only) and its outputs match the manifest's SHA-256; a second run
# gives byte-identical outputs and manifest.
# Usage: run_publish_corpus.sh ALLIES_PUBLISH SOURCE_DIR [CORPUS_DIR]
# Exits 77 (CTest "skipped") when the corpus is not there.
set -u
publish=$1
src=$2
corpus=${3:-$src/../shared/corpus}
[ -d "$corpus" ] || { echo "corpus not found: skipping"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export ALLIES_HASH_KEY_FILE="$tmp/key"
rc=0
"$publish" "$corpus" -o "$tmp/a" --formats docx,pdf,html --jobs 2 --timeout 120 -q 2>"$tmp/err" || rc=$?
case $rc in
    0|1|8|9) ;;
    *) echo "FAIL: exit code $rc"; cat "$tmp/err"; exit 1 ;;
esac
"$publish" "$corpus" -o "$tmp/b" --formats docx,pdf,html --jobs 2 --timeout 120 -q 2>/dev/null
/usr/bin/python3 - "$tmp" "$publish" <<'PY'
import hashlib, json, os, subprocess, sys
tmp, publish = sys.argv[1], sys.argv[2]
m = json.load(open(os.path.join(tmp, "a", "manifest.json")))
docs = m["documents"]
failures = 0
published = [d for d in docs if d["status"] == "published"]
for d in docs:
    if d["status"] == "published":
        continue
    reason = d.get("error") or "; ".join(f"{f['output']}: {f['where']}: {f['rule']}" for f in d["verification"]["findings"]) \
        or "; ".join(f"{m['output']}: {m['where']}: {m['words']} words missing" for m in d["completeness"]["missing"])
    if not reason or "\n" in d.get("error", ""):
        print("FAIL", d["stem"], "not published without a one-line reason"); failures += 1
    print(f"not published: {d['stem']}: {d['status']}: {reason[:200]}")
    for o in d["outputs"]:
        print("FAIL", d["stem"], "lists outputs though not published"); failures += 1
for d in published:
    files = []
    report = None
    for o in d["outputs"]:
        path = os.path.join(tmp, "a", o["path"])
        data = open(path, "rb").read()
        if hashlib.sha256(data).hexdigest() != o["sha256"] or len(data) != o["size"]:
            print("FAIL", o["path"], "does not match the manifest"); failures += 1
        if o["format"] == "report":
            report = path
        else:
            files.append(path)
    r = subprocess.run([publish, "--verify-only", *files, "--against", report, "-q"], capture_output=True, text=True)
    if r.returncode != 0:
        print("FAIL", d["stem"], "--verify-only:", r.returncode, r.stderr.strip()[:300]); failures += 1
share = len(published) / len(docs)
print(f"{len(published)} of {len(docs)} published ({share:.1%})")
if share < 0.95:
    print("FAIL: fewer than 95% published"); failures += 1
for root, _, names in os.walk(os.path.join(tmp, "a")):
    for n in names:
        a = os.path.join(root, n)
        b = a.replace(os.path.join(tmp, "a"), os.path.join(tmp, "b"), 1)
        if not os.path.exists(b) or open(a, "rb").read() != open(b, "rb").read():
            print("FAIL: rerun differs:", os.path.relpath(a, tmp)); failures += 1
sys.exit(1 if failures else 0)
PY
