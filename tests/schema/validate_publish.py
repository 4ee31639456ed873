#!/usr/bin/python3
"""Validates allies-publish's manifest, per-document reports and --json
lines against schemas/manifest.schema.json and
schemas/publish-report.schema.json: the sample with its roster, plus a
corrupt input so that a failed entry is validated too.

Usage: validate_publish.py SOURCE_DIR ALLIES_PUBLISH
"""
import json
import os
import subprocess
import sys
import tempfile

import jsonschema


def main():
    src, publish = sys.argv[1], sys.argv[2]
    schemas = {}
    for name in ("manifest", "publish-report"):
        with open(os.path.join(src, "schemas", name + ".schema.json")) as f:
            schemas[name] = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schemas[name])
    with tempfile.TemporaryDirectory() as tmp:
        inputs = os.path.join(tmp, "in")
        os.mkdir(inputs)
        with open(os.path.join(src, "samples", "meeting-notes.docx"), "rb") as f:
            sample = f.read()
        with open(os.path.join(inputs, "notes.docx"), "wb") as f:
            f.write(sample)
        with open(os.path.join(inputs, "broken.docx"), "wb") as f:
            f.write(sample[: len(sample) // 2])
        out = os.path.join(tmp, "out")
        env = dict(os.environ, ALLIES_HASH_KEY_FILE=os.path.join(tmp, "key"))
        run = subprocess.run(
            [publish, inputs, "-o", out, "--names", os.path.join(src, "samples", "roster.txt"),
             "--formats", "docx,pdf,html", "--json", "-q"],
            capture_output=True, text=True, env=env)
        if run.returncode != 1:
            sys.exit("expected exit 1 (one document failed), got %d: %s" % (run.returncode, run.stderr))
        with open(os.path.join(out, "manifest.json")) as f:
            manifest = json.load(f)
        jsonschema.validate(manifest, schemas["manifest"])
        statuses = sorted(d["status"] for d in manifest["documents"])
        if statuses != ["failed", "published"]:
            sys.exit("unexpected statuses %s" % statuses)
        line_schema = dict(schemas["manifest"]["$defs"]["document"])
        line_schema["$defs"] = schemas["manifest"]["$defs"]
        lines = [json.loads(l) for l in run.stdout.splitlines()]
        if len(lines) != 2:
            sys.exit("expected 2 --json lines, got %d" % len(lines))
        for line in lines:
            jsonschema.validate(line, line_schema)
        with open(os.path.join(out, "notes.report.json")) as f:
            report = json.load(f)
        jsonschema.validate(report, schemas["publish-report"])
        if not report["verification"]["needles"]:
            sys.exit("the report has no needles")
    print("manifest, report and --json lines valid")


if __name__ == "__main__":
    main()
