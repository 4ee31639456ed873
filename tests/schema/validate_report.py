#!/usr/bin/python3
"""Validates allies-redact reports against schemas/report.schema.json:
the sample with its roster (with and without --show-text) and a policy
schema check of the default policy.

Usage: validate_report.py SOURCE_DIR ALLIES_REDACT
"""
import json
import os
import subprocess
import sys
import tempfile

import jsonschema

try:
    import tomllib
except ImportError:  # Python 3.10
    tomllib = None


def main():
    src, redact = sys.argv[1], sys.argv[2]
    with open(os.path.join(src, "schemas", "report.schema.json")) as f:
        report_schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(report_schema)
    sample = os.path.join(src, "samples", "meeting-notes.docx")
    roster = os.path.join(src, "samples", "roster.txt")
    with tempfile.TemporaryDirectory() as tmp:
        for extra in ([], ["--show-text"], ["--names-as", "pseudonym"]):
            report = os.path.join(tmp, "report.json")
            subprocess.run([redact, sample, "--names", roster, "--dry-run", "--report", report] + extra, check=True,
                           stdout=subprocess.DEVNULL)
            with open(report) as f:
                jsonschema.validate(json.load(f), report_schema)
    with open(os.path.join(src, "schemas", "policy.schema.json")) as f:
        policy_schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(policy_schema)
    if tomllib is not None:
        text = subprocess.run([redact, "--print-default-policy"], check=True, capture_output=True).stdout
        jsonschema.validate(tomllib.loads(text.decode()), policy_schema)
    print("reports and default policy valid")


if __name__ == "__main__":
    main()
