#!/usr/bin/env python3
"""Checks the folder a scale-out run published into: the merged manifest
validates against its schema, holds every document once (published), each
output on disk with the SHA-256 and size it records, and nothing else is
in the folder. Used by scripts/scaleout-test.sh and scripts/slurm-test.sh.
Usage: check-merged-manifest.py PUBLIC_DIR DOCUMENTS PARTS SCHEMA HOW"""
import hashlib, json, os, sys
import jsonschema
public, total, parts, how = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[5]
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
    print("FAIL (%s):\n  " % how + "\n  ".join(problems[:20]))
    sys.exit(1)
print("%d documents published by %s in %d parts, manifests merged and valid, "
      "%d outputs match their SHA-256 and size" % (len(docs), how, parts, len(on_disk)))
