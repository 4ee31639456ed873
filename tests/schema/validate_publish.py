#!/usr/bin/python3
"""Validates allies-publish's manifest, per-document reports and --json
lines against schemas/manifest.schema.json and
schemas/publish-report.schema.json: the sample with its roster, plus a
corrupt input and one whose PDF loses words (a table row of exact height
too small for its text) so that failed and incomplete entries are
validated too.

Usage: validate_publish.py SOURCE_DIR ALLIES_PUBLISH
"""
import json
import os
import subprocess
import sys
import tempfile
import zipfile

import jsonschema

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def clipped_docx(path):
    """A document whose table row (w:hRule="exact") is too short for its text."""
    words = " ".join("overflowword%d" % i for i in range(40))
    body = ('<w:p><w:r><w:t>Minutes.</w:t></w:r></w:p><w:tbl><w:tblGrid><w:gridCol w:w="3000"/></w:tblGrid>'
            '<w:tr><w:trPr><w:trHeight w:val="300" w:hRule="exact"/></w:trPr><w:tc><w:p><w:r><w:t>%s</w:t></w:r>'
            '</w:p></w:tc></w:tr></w:tbl><w:p/>' % words)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                   'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
                   '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
                   'document.main+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="%s"><w:body>%s</w:body></w:document>'
                   % (W, body))


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
        clipped_docx(os.path.join(inputs, "clipped.docx"))
        out = os.path.join(tmp, "out")
        env = dict(os.environ, ALLIES_HASH_KEY_FILE=os.path.join(tmp, "key"))
        run = subprocess.run(
            [publish, inputs, "-o", out, "--names", os.path.join(src, "samples", "roster.txt"),
             "--formats", "docx,pdf,html", "--json", "-q"],
            capture_output=True, text=True, env=env)
        if run.returncode != 9:
            sys.exit("expected exit 9 (one document incomplete, one failed), got %d: %s" % (run.returncode, run.stderr))
        with open(os.path.join(out, "manifest.json")) as f:
            manifest = json.load(f)
        jsonschema.validate(manifest, schemas["manifest"])
        statuses = sorted(d["status"] for d in manifest["documents"])
        if statuses != ["failed", "incomplete", "published"]:
            sys.exit("unexpected statuses %s" % statuses)
        line_schema = dict(schemas["manifest"]["$defs"]["document"])
        line_schema["$defs"] = schemas["manifest"]["$defs"]
        lines = [json.loads(l) for l in run.stdout.splitlines()]
        if len(lines) != 3:
            sys.exit("expected 3 --json lines, got %d" % len(lines))
        for line in lines:
            jsonschema.validate(line, line_schema)
        incomplete = [d for d in manifest["documents"] if d["status"] == "incomplete"][0]
        if not incomplete["completeness"]["missing"] or "overflowword" in json.dumps(manifest):
            sys.exit("the incomplete entry must name places, never words: %s" % incomplete["completeness"])
        with open(os.path.join(out, "notes.report.json")) as f:
            report = json.load(f)
        jsonschema.validate(report, schemas["publish-report"])
        if not report["verification"]["needles"]:
            sys.exit("the report has no needles")
    print("manifest, report and --json lines valid")


if __name__ == "__main__":
    main()
