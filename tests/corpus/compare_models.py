#!/usr/bin/python3
"""Compares the JSON document models (allies-convert --to json) of an
original and its unmarked redaction: text AND formatting must be the same,
except for what sanitisation removes by design (comments, tracked-change
marks, hidden text, document properties, bookmarks renamed or dropped,
revision ids, fields unlinked).

Usage: compare_models.py ORIGINAL.json REDACTED.json
Exit 0 when equal after normalisation; 1 with the first difference.
"""
import json
import sys

DROP_KEYS = {"core", "comments", "warnings", "main_part", "ref", "id", "author", "date"}
# Fields allies unlinks on purpose (they would re-insert personal data).
PERSONAL_FIELDS = {"AUTHOR", "LASTSAVEDBY", "USERNAME", "USERINITIALS", "USERADDRESS", "DOCPROPERTY", "DOCVARIABLE",
                   "INFO", "TEMPLATE", "INCLUDETEXT", "INCLUDEPICTURE", "LINK", "DDE", "DDEAUTO", "DATABASE",
                   "MERGEFIELD", "ADDRESSBLOCK", "GREETINGLINE", "PRIVATE"}
DROP_KINDS = {"deleted", "comment_start", "comment_end", "comment_ref", "bookmark_start", "bookmark_end"}
UNWRAP_KINDS = {"inserted"}


def normalise(node):
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k in DROP_KEYS:
                continue
            out[k] = normalise(v)
        return out
    if isinstance(node, list):
        items = []
        for item in node:
            if isinstance(item, dict):
                kind = item.get("type")
                if kind in DROP_KINDS:
                    continue
                # Embedded objects (OLE, legacy controls) go with their
                # WMF/EMF preview: such pictures are left out on both sides.
                if kind == "drawing" and str(item.get("image_part", "")).lower().endswith((".wmf", ".emf")):
                    continue
                if kind == "field" and str(item.get("field_type", "")).upper() in PERSONAL_FIELDS:
                    items.extend(normalise(item.get("children", [])))
                    continue
                if kind in UNWRAP_KINDS:
                    items.extend(normalise(item.get("children", [])))
                    continue
                if item.get("hidden"):
                    continue
            items.append(normalise(item))
        # Adjacent text inlines with the same properties read the same.
        merged = []
        for item in items:
            if (merged and isinstance(item, dict) and isinstance(merged[-1], dict)
                    and item.get("type") == "text" and merged[-1].get("type") == "text"
                    and {k: v for k, v in item.items() if k != "text"} == {k: v for k, v in merged[-1].items() if k != "text"}):
                merged[-1] = dict(merged[-1], text=merged[-1].get("text", "") + item.get("text", ""))
            else:
                merged.append(item)
        return merged
    return node


def first_difference(a, b, path="$"):
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} vs {type(b).__name__}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}.{k}: only in {'redacted' if k in b else 'original'}"
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} vs {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{path}: {str(a)[:80]!r} vs {str(b)[:80]!r}"


def main():
    with open(sys.argv[1]) as f:
        a = normalise(json.load(f))
    with open(sys.argv[2]) as f:
        b = normalise(json.load(f))
    d = first_difference(a, b)
    if d:
        print(d)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
