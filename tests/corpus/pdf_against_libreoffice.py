#!/usr/bin/python3
"""Compares allies' PDFs with LibreOffice's PDFs of the same documents:
word recall of pdftotext output (LibreOffice's words found in ours, as a
multiset) and page counts.

Usage: pdf_against_libreoffice.py OURS_DIR LIBREOFFICE_DIR
Both folders hold NAME.pdf files with the same names.
"""
import collections
import os
import re
import subprocess
import sys


def words(pdf):
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True).stdout.decode("utf-8", "replace")
    return collections.Counter(w.lower() for w in re.findall(r"\w+", text))


def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True).stdout.decode("utf-8", "replace")
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else 0


def main():
    ours, theirs = sys.argv[1], sys.argv[2]
    recalls, page_ok, total = [], 0, 0
    rows = []
    for name in sorted(os.listdir(theirs)):
        if not name.endswith(".pdf") or not os.path.exists(os.path.join(ours, name)):
            continue
        a, b = words(os.path.join(theirs, name)), words(os.path.join(ours, name))
        n = sum(a.values())
        recall = 1.0 if n == 0 else sum(min(c, b[w]) for w, c in a.items()) / n
        pa, pb = pages(os.path.join(theirs, name)), pages(os.path.join(ours, name))
        ok = pa == 0 or abs(pb - pa) <= 0.15 * pa or abs(pb - pa) < 1
        page_ok += ok
        total += 1
        recalls.append(recall)
        rows.append((recall, name, pa, pb))
    rows.sort()
    for recall, name, pa, pb in rows[:int(os.environ.get("SHOW", "15"))]:
        print(f"{recall:.3f}  pages {pb:3d} vs {pa:3d}  {name}")
    recalls.sort()
    med = recalls[len(recalls) // 2] if recalls else 0
    print(f"files {total}; recall median {med:.3f}; >=0.98: {sum(r >= 0.98 for r in recalls)}; "
          f"page count within 15%: {page_ok} ({100.0 * page_ok / max(1, total):.0f}%)")


if __name__ == "__main__":
    main()
