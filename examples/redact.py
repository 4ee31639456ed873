#!/usr/bin/env python3
"""Redacts a DOCX with a roster and prints the public version as text.

    PYTHONPATH=PREFIX/lib/python3/dist-packages python3 examples/redact.py notes.docx roster.txt
"""
import sys

import allies


def main(argv):
    if len(argv) != 3:
        print("usage: redact.py NOTES.docx ROSTER.txt", file=sys.stderr)
        return 2
    with open(argv[2], encoding="utf-8") as f:
        roster = f.read()
    try:
        with allies.Document.open(argv[1]) as doc, doc.redact(roster=roster) as red:
            print("%d redactions" % red.count, file=sys.stderr)
            public = allies.Document.from_bytes(red.public_docx(), "public.docx")
            sys.stdout.write(public.convert("text"))
    except allies.Error as e:
        print("redact.py: error (%s): %s" % (e.kind, e), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
