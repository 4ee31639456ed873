#!/usr/bin/env python3
"""Bag-of-words recall of a candidate plain text against a pandoc reference.

Usage:
    word_recall.py REFERENCE.txt CANDIDATE.txt    -> prints recall as a float
    word_recall.py --dir REFDIR CANDDIR           -> per-file report (see below)

Library:
    recall(ref_text, cand_text) -> float in [0, 1]

Definition
----------
Both texts are turned into multisets of words (collections.Counter) and

    recall = sum(min(ref[w], cand[w]) for w in ref) / sum(ref.values())

(1.0 when the reference has no words).  Word order, line breaks, layout and
punctuation are ignored, and extra words in the candidate are never penalised
(this is recall, not precision).

Words (applied identically to reference and candidate):
  * Unicode NFKC normalisation: folds ligatures (U+FB01 -> "fi"),
    full-width forms, superscript/subscript digits ("x²" -> "x2"),
    presentation forms of Arabic, etc.
  * casefold(): case-insensitive ("Straße" == "STRASSE"); pandoc upper-cases
    small caps, Word may render them otherwise.
  * Characters of Unicode category Cf (soft hyphen, ZWJ/ZWNJ, LRM/RLM, BOM)
    and M* (combining marks: Hebrew/Arabic vowel points, Indic vowel signs)
    are deleted, not treated as separators, so invisible/optional marks do not
    split or change a word differently in the two texts.
  * Tokens are runs of Unicode letters/digits: regex ``[^\\W_]+`` (``\\w``
    without the underscore, so "a_b" is two words and "____" form-fill lines
    are nothing).
  * CJK ideographs, kana and Hangul syllables are each one token: these
    scripts do not separate words with spaces, so a whole sentence would
    otherwise be one "word" and any line break or different run boundary in
    the candidate would lose all of it.

Reference clean-up (reference only; pandoc ``-t plain`` artefacts that are
not words of the document):
  * Table grid lines (``+---+``, ``-----``, ``====``, ``|``) and list bullets
    are punctuation and produce no tokens anyway, so nothing to do.
  * Footnote/endnote markers ``[1]`` (in the text and in front of each note
    at the end) are removed: pandoc numbers footnotes and endnotes in one
    joint sequence of its own, while Word uses separate sequences, roman
    numerals for endnotes by default, or custom marks, so these digits are
    unreliable.  Cost: a literal "[1]" citation in the document is not
    checked.  (The note *texts* are kept.)
  * Image placeholders: pandoc writes an image as ``[alt text]`` where the alt
    text is the drawing's description, which Word does not display.  Removed:
    ``[]`` and bracket groups whose content looks like a file name, path or
    URL (contains ``\\`` or ``://`` or ends in an image file extension) or is
    Word's auto-generated alt text ("... automatically generated",
    "AI-generated content may be incorrect", also the Chinese variant).  Any
    other bracket group is kept, because a literal "[text]" in a document is
    indistinguishable from an image with alt text "text" (the corpus has
    both).  A few short alt texts (e.g. "Escher: Liberation") thus remain.
  * Superscript/subscript that pandoc cannot write as Unicode is written as
    ``^(st)`` / ``_(2)``; the markup is removed and the text joined to the
    preceding word ("1^(st)" -> "1st", "H_(2)O" -> "H2O").
  * Math is written as TeX (``$...$``, ``$$...$$``); TeX control words
    (``\\frac``, ``\\theta``, ``\\left``) inside math are removed, leaving the
    variables and numbers.
  * Pandoc's plain writer does not backslash-escape text, and strikeout
    ``~~x~~`` is punctuation, so there is nothing else to undo.
  * Ordered-list labels that pandoc writes at the start of a line or of a
    grid-table cell line ("1.", "a)", "(iv)", "IV.") are removed.  They are pandoc's approximation of
    Word's automatic numbering (decimal/letter/roman only, renumbered by
    pandoc, one level per label): e.g. a Russian ordinalText or Chinese
    chineseCounting list comes out as "1.", "2.", ... although Word shows
    words or CJK numerals, and "1.2.3" multi-level labels come out as "3.".
    Numbering fidelity needs its own test; this metric checks the text.
    Cost: literally typed "1. " / "A. " at the start of a paragraph is not
    checked.

Directory mode prints ``recall<TAB>relative/path`` for every ``*.txt`` under
REFDIR (except a top-level FAILED.txt) that has a candidate at the same
relative path under CANDDIR, ascending by recall, then the median, the
fraction of files with recall >= 0.95 and the number of missing candidates
(their paths go to stderr, as does a note listing references without any
words, e.g. documents whose only text is in text boxes, which pandoc drops).
"""

import collections
import os
import re
import statistics
import sys
import unicodedata

__all__ = ["recall", "words", "clean_reference"]

_IMAGE_EXT = r"\.(?:png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|webp|ico)(?:\?[^\]\s]*)?"
_AUTO_ALT = (r"automatically generated|AI-generated content|"
             r"AI 生成的内容")
_IMAGE_PLACEHOLDER = re.compile(
    r"\[(?:"
    r"|[^\[\]\n]*(?:\\|://)[^\[\]\n]*"          # path or URL
    r"|[^\[\]\n]*" + _IMAGE_EXT +                 # file name
    r"|[^\[\]\n]*(?:" + _AUTO_ALT + r")[^\[\]\n]*"  # Word's auto alt text
    r")\]",
    re.IGNORECASE)
_NOTE_MARKER = re.compile(r"\[\d+\]")
_ROMAN = r"(?:m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))"
_LIST_LABEL = re.compile(
    r"((?:^|\|)[ \t]*)(?:\((?:\d+|[a-z]|%s)\)|(?:\d+|[a-z]|%s)[.)])(?=[ \t])"
    % (_ROMAN, _ROMAN), re.MULTILINE | re.IGNORECASE)
_SUPSUB = re.compile(r"[\^_]\(([^()\n]*)\)")
_MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+\$", re.DOTALL)
_TEX_COMMAND = re.compile(r"\\[A-Za-z]+")

_CJK = ("\u1100-\u11ff\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf"
        "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff")
_TOKEN = re.compile(r"[" + _CJK + r"]|(?:(?![" + _CJK + r"])[^\W_])+",
                    re.UNICODE)


def clean_reference(text):
    """Remove pandoc plain-writer artefacts that are not document words."""
    text = _MATH.sub(lambda m: _TEX_COMMAND.sub(" ", m.group(0)), text)
    text = _IMAGE_PLACEHOLDER.sub(" ", text)
    text = _NOTE_MARKER.sub(" ", text)
    text = _LIST_LABEL.sub(r"\1", text)
    text = _SUPSUB.sub(r"\1", text)
    return text


def words(text):
    """Counter of normalised word tokens of text."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(c for c in text
                   if not (unicodedata.category(c) == "Cf"
                           or unicodedata.category(c).startswith("M")))
    return collections.Counter(_TOKEN.findall(text))


def recall(ref_text, cand_text):
    """Fraction of the reference's words (multiset) found in the candidate."""
    ref = words(clean_reference(ref_text))
    total = sum(ref.values())
    if total == 0:
        return 1.0
    cand = words(cand_text)
    return sum(min(n, cand[w]) for w, n in ref.items()) / total


def _read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read().lstrip("\ufeff")


def _dir_mode(refdir, canddir):
    results, missing, empty = [], [], []
    for root, dirs, files in os.walk(refdir):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".txt"):
                continue
            rel = os.path.relpath(os.path.join(root, name), refdir)
            if rel == "FAILED.txt":
                continue
            cand = os.path.join(canddir, rel)
            if not os.path.isfile(cand):
                missing.append(rel)
                continue
            ref_text = _read(os.path.join(refdir, rel))
            if not words(clean_reference(ref_text)):
                empty.append(rel)
            results.append((recall(ref_text, _read(cand)), rel))
    results.sort()
    for r, rel in results:
        print("%.4f\t%s" % (r, rel))
    if results:
        values = [r for r, _ in results]
        good = sum(1 for r in values if r >= 0.95)
        print("median\t%.4f" % statistics.median(values))
        print("files >= 0.95\t%.4f\t(%d/%d)" % (good / len(values), good,
                                               len(values)))
    else:
        print("median\tnan")
        print("files >= 0.95\tnan\t(0/0)")
    print("missing candidates\t%d" % len(missing))
    for rel in missing:
        print("missing\t%s" % rel, file=sys.stderr)
    if empty:
        print("note: %d reference(s) have no words (recall 1.0 by definition):"
              " %s" % (len(empty), " ".join(empty)), file=sys.stderr)
    return 0


def main(argv):
    if len(argv) == 4 and argv[1] == "--dir":
        return _dir_mode(argv[2], argv[3])
    if len(argv) == 3 and not argv[1].startswith("--"):
        print(recall(_read(argv[1]), _read(argv[2])))
        return 0
    sys.stderr.write("usage: word_recall.py REFERENCE.txt CANDIDATE.txt\n"
                     "       word_recall.py --dir REFDIR CANDDIR\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
