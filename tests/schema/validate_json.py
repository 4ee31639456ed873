#!/usr/bin/python3
"""Validate `allies-convert --to json` output against the document schema.

Usage: validate_json.py SCHEMA CONVERTER DOCX_OR_DIR...

Runs `CONVERTER DOCX --to json` for each DOCX (directories are searched
recursively for *.docx) and validates the output with JSON Schema draft
2020-12. Prints one line per failing file (its most relevant schema error
and how many others there are); files the converter rejects with a
non-zero exit code are reported as skipped. Exits 1 if any file failed,
2 on a usage error, 0 otherwise.
"""

import json
import os
import subprocess
import sys

try:
    import jsonschema
except ImportError:  # pragma: no cover
    sys.exit("validate_json.py: python3-jsonschema is required (apt-get install python3-jsonschema)")

TIMEOUT_SECONDS = 120


def docx_files(paths):
    for path in paths:
        if os.path.isdir(path):
            found = []
            for root, dirs, files in os.walk(path):
                dirs.sort()
                found.extend(os.path.join(root, f) for f in files if f.lower().endswith(".docx"))
            yield from sorted(found)
        else:
            yield path


def location(error):
    return "/" + "/".join(str(p) for p in error.absolute_path)


def one_line(text):
    text = " ".join(text.split())
    return text if len(text) <= 300 else text[:297] + "..."


def main(argv):
    if len(argv) < 4:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    schema_path, converter, inputs = argv[1], argv[2], argv[3:]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    validated = skipped = failed = 0
    for docx in docx_files(inputs):
        try:
            proc = subprocess.run([converter, docx, "--to", "json"], capture_output=True, timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            print(f"FAIL {docx}: converter timed out after {TIMEOUT_SECONDS}s")
            failed += 1
            continue
        except OSError as e:
            print(f"validate_json.py: cannot run {converter}: {e}", file=sys.stderr)
            return 2
        if proc.returncode != 0:
            if proc.returncode < 0:  # killed by a signal: a crash, not a rejection
                print(f"FAIL {docx}: converter died with signal {-proc.returncode}")
                failed += 1
            else:
                err = one_line(proc.stderr.decode("utf-8", "replace"))
                print(f"SKIP {docx}: converter exit {proc.returncode}: {err}")
                skipped += 1
            continue
        try:
            document = json.loads(proc.stdout.decode("utf-8"))  # strict: invalid UTF-8 fails too
        except (UnicodeDecodeError, ValueError) as e:
            print(f"FAIL {docx}: output is not valid JSON: {e}")
            failed += 1
            continue
        errors = list(validator.iter_errors(document))
        if errors:
            failed += 1
            # "unevaluated property" errors come with a more precise one about
            # the same member's value; prefer the precise one.
            precise = [e for e in errors if e.validator != "unevaluatedProperties"] or errors
            best = jsonschema.exceptions.best_match(precise)
            more = f" (+{len(errors) - 1} more errors)" if len(errors) > 1 else ""
            print(f"FAIL {docx}: {location(best)}: {one_line(best.message)}{more}")
        else:
            validated += 1
    print(f"{validated} valid, {skipped} skipped, {failed} failed", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
