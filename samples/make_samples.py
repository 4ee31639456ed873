#!/usr/bin/python3
"""Generate deterministic sample inputs for allies.

Writes, next to this script:

  meeting-notes.docx  Word-2016-style meeting notes of an advisory group,
                      built from raw WordprocessingML parts (no python-docx).
  roster.txt          the people mentioned anywhere in the notes, with aliases.

Standard library only. Output is byte-identical on every run: fixed part
order, fixed ZIP timestamps (1980-01-01 00:00:00), fixed attributes,
ZIP_DEFLATED at a fixed compression level.

Usage:  /usr/bin/python3 samples/make_samples.py [OUTPUT_DIR]
"""

import hashlib
import os
import sys
import zipfile
from xml.sax.saxutils import escape

# ---------------------------------------------------------------------------
# Fixed "facts" of the sample.
# ---------------------------------------------------------------------------

CREATOR = "Helen Carter"          # docProps/core.xml dc:creator (minute-taker)
LAST_MODIFIED_BY = "Laura Bennett"  # docProps/core.xml cp:lastModifiedBy
COMMENT_AUTHOR = "Priya Raman"
COMMENT_INITIALS = "PR"
REDACT_COMMENT_AUTHOR = "Laura Bennett"   # author of the "Redact: personal" comment
REDACT_COMMENT_INITIALS = "LB"
REVISION_AUTHOR = "Helen Carter"   # author of the tracked insertion/deletion
COMPANY = "Northbridge Community Trust"
TITLE = "Community Advisory Group \u2014 Meeting Notes"
HEADER_TEXT = "Community Advisory Group \u2014 Draft for publication"
GRANTS_URL = "https://example.org/grants"
CONTACT_EMAIL = "tom.okafor@example.org"

ROSTER = [
    # (full name, aliases, role or None)
    ("Laura Bennett", ["Laura B", "L. Bennett"], "Chair"),
    ("Tom Okafor", ["Tom O", "T. Okafor", "Thomas Okafor"], "Secretary"),
    ("Priya Raman", ["Priya R", "P. Raman"], "Member"),
    ("Zo\u00eb Ward", ["Zoe Ward", "Z. Ward"], "Treasurer"),
    ("Will Hughes", ["William Hughes", "W. Hughes"], "Member"),
    ("Daniel Fraser", ["Dan Fraser", "D. Fraser"], "Member"),
    ("Margaret O\u2019Neill", ["Margaret O'Neill", "Maggie O\u2019Neill", "M. O\u2019Neill"], "Member"),
    ("Helen Carter", ["H. Carter"], "Clerk"),
    ("Grace Whitfield", ["G. Whitfield"], "Applicant"),
]

# Revision-save ids. w:rsids in settings.xml must list them in ascending order.
RSID_ROOT = "00C41F2A"
RSID = {
    "a": "001E5B7D",
    "b": "003F9A61",
    "c": "0052D8E4",
    "d": "00734C19",
    "e": "008B2E50",
    "f": "00A96F3C",
    "root": RSID_ROOT,
    "g": "00D27A85",
    "h": "00E61B94",   # the session that added the sensitive-content markings
}

ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# ---------------------------------------------------------------------------
# Namespaces
# ---------------------------------------------------------------------------

NS_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
NS_W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
NS_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
NS_O = "urn:schemas-microsoft-com:office:office"
NS_V = "urn:schemas-microsoft-com:vml"
NS_W10 = "urn:schemas-microsoft-com:office:word"
NS_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
NS_WP14 = "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# Namespace block Word writes on document/header/footer/footnotes/comments roots
# (trimmed to the prefixes that are actually used or ignorable).
WORD_ROOT_NS = (
    f'xmlns:mc="{NS_MC}" xmlns:o="{NS_O}" xmlns:r="{NS_R}" xmlns:m="{NS_M}" '
    f'xmlns:v="{NS_V}" xmlns:wp14="{NS_WP14}" xmlns:wp="{NS_WP}" '
    f'xmlns:w10="{NS_W10}" xmlns:w="{NS_W}" xmlns:w14="{NS_W14}" '
    f'xmlns:w15="{NS_W15}" mc:Ignorable="w14 w15 wp14"'
)

DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def attr(value):
    return escape(str(value), {'"': "&quot;"})


# ---------------------------------------------------------------------------
# Paragraph / run builders
# ---------------------------------------------------------------------------

_para_counter = [0]


def para_ids():
    """Deterministic w14:paraId / w14:textId pair (both < 0x80000000)."""
    _para_counter[0] += 1
    h = hashlib.sha1(("para-%d" % _para_counter[0]).encode()).digest()
    pid = int.from_bytes(h[:4], "big") & 0x7FFFFFFF
    tid = int.from_bytes(h[4:8], "big") & 0x7FFFFFFF
    return "%08X" % pid, "%08X" % tid


def t(text, tag="w:t"):
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<{tag}{space}>{escape(text)}</{tag}>"


def rpr(b=False, i=False, style=None, noproof=False, extra=""):
    parts = []
    if style:
        parts.append(f'<w:rStyle w:val="{style}"/>')
    if b:
        parts.append("<w:b/><w:bCs/>")
    if i:
        parts.append("<w:i/><w:iCs/>")
    if noproof:
        parts.append("<w:noProof/>")
    parts.append(extra)
    inner = "".join(parts)
    return f"<w:rPr>{inner}</w:rPr>" if inner else ""


def r(text, rsid=None, b=False, i=False, style=None, rsid_attr="w:rsidR",
      extra=""):
    """A run. extra = further rPr children, in schema order after w:noProof
    (w:vanish, w:color, w:highlight ...)."""
    ra = f' {rsid_attr}="{RSID[rsid]}"' if rsid else ""
    return f"<w:r{ra}>{rpr(b=b, i=i, style=style, extra=extra)}{t(text)}</w:r>"


def p(content, style=None, rsid="root", num=None, jc=None, keep_next=False,
      extra_ppr=""):
    """A paragraph. num = (numId, ilvl)."""
    pid, tid = para_ids()
    ppr = []
    if style:
        ppr.append(f'<w:pStyle w:val="{style}"/>')
    if keep_next:
        ppr.append("<w:keepNext/>")
    if num:
        ppr.append(f'<w:numPr><w:ilvl w:val="{num[1]}"/>'
                   f'<w:numId w:val="{num[0]}"/></w:numPr>')
    ppr.append(extra_ppr)
    if jc:
        ppr.append(f'<w:jc w:val="{jc}"/>')
    ppr_xml = "".join(ppr)
    ppr_xml = f"<w:pPr>{ppr_xml}</w:pPr>" if ppr_xml else ""
    rs = RSID[rsid]
    return (f'<w:p w14:paraId="{pid}" w14:textId="{tid}" w:rsidR="{rs}" '
            f'w:rsidRDefault="{rs}" w:rsidP="{rs}">{ppr_xml}{content}</w:p>')


def spell(text, rsid=None):
    """A run bracketed by proofing marks, as Word writes for unknown words."""
    return ('<w:proofErr w:type="spellStart"/>' + r(text, rsid) +
            '<w:proofErr w:type="spellEnd"/>')


def sdt(content, sdt_id, alias, tag):
    """A rich text content control, as Word writes it (no type element means
    rich text). Block-level when content is w:p/w:tbl elements, inline
    (run-level) when content is runs."""
    return ('<w:sdt><w:sdtPr>'
            f'<w:alias w:val="{attr(alias)}"/><w:tag w:val="{attr(tag)}"/>'
            f'<w:id w:val="{sdt_id}"/></w:sdtPr><w:sdtEndPr/>'
            f'<w:sdtContent>{content}</w:sdtContent></w:sdt>')


# rPr children (CT_RPr order: w:vanish, then w:color, ..., then w:highlight).
HIDDEN = "<w:vanish/>"
WHITE = '<w:color w:val="FFFFFF"/>'
BLACK_HIGHLIGHT = '<w:highlight w:val="black"/>'


# ---------------------------------------------------------------------------
# Relationship ids of word/document.xml
# ---------------------------------------------------------------------------

DOC_RELS = [
    ("rId1", REL + "/numbering", "numbering.xml", None),
    ("rId2", REL + "/styles", "styles.xml", None),
    ("rId3", REL + "/settings", "settings.xml", None),
    ("rId4", REL + "/webSettings", "webSettings.xml", None),
    ("rId5", REL + "/footnotes", "footnotes.xml", None),
    ("rId6", REL + "/endnotes", "endnotes.xml", None),
    ("rId7", REL + "/comments", "comments.xml", None),
    ("rId8", REL + "/hyperlink", GRANTS_URL, "External"),
    ("rId9", REL + "/hyperlink", "mailto:" + CONTACT_EMAIL, "External"),
    ("rId10", REL + "/header", "header1.xml", None),
    ("rId11", REL + "/footer", "footer1.xml", None),
    ("rId12", REL + "/fontTable", "fontTable.xml", None),
    ("rId13", REL + "/theme", "theme/theme1.xml", None),
]

NUM_HEADINGS = 1   # numId for the Heading 1 / Heading 2 outline numbering
NUM_DECIMAL = 2    # numId for the ordinary numbered list
NUM_BULLET = 3     # numId for the bulleted list

# Annotation ids (unique across comments, revisions and bookmarks).
COMMENT_ID = 0
DEL_ID = 1
INS_ID = 2
GOBACK_ID = 3
REDACT_COMMENT_ID = 4
FOOTNOTE_ID = 1

# Content control ids (w:sdtPr/w:id: their own id space; Word writes signed
# 32-bit values).
SDT_FINANCIAL_ID = -1739467058
SDT_ADDRESS_ID = 1283075442

DEL_DATE = "2026-03-13T10:02:00Z"
COMMENT_DATE = "2026-03-13T09:14:00Z"
REDACT_COMMENT_DATE = "2026-03-13T09:41:00Z"


# ---------------------------------------------------------------------------
# word/document.xml
# ---------------------------------------------------------------------------

def table_xml():
    widths = [4513, 2707, 1806]  # sums to the 9026 twip text width of A4

    def cell(text, width, b=False, span=None, vmerge=None, shade=False):
        tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
        if span:
            tcpr += f'<w:gridSpan w:val="{span}"/>'
        if vmerge == "restart":
            tcpr += '<w:vMerge w:val="restart"/>'
        elif vmerge == "continue":
            tcpr += "<w:vMerge/>"
        if shade:
            tcpr += '<w:shd w:val="clear" w:color="auto" w:fill="D9E2F3" w:themeFill="accent1" w:themeFillTint="33"/>'
        body = r(text, b=b) if text else ""
        return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{p(body, rsid='e')}</w:tc>"

    def row(cells, header=False):
        trpr = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
        return f'<w:tr w:rsidR="{RSID["e"]}" w:rsidTr="{RSID["e"]}">{trpr}{"".join(cells)}</w:tr>'

    rows = [
        row([cell("Action", widths[0], b=True, shade=True),
             cell("Owner", widths[1], b=True, shade=True),
             cell("Due", widths[2], b=True, shade=True)], header=True),
        row([cell("Circulate the revised terms of reference", widths[0]),
             cell("Tom Okafor", widths[1]),
             cell("19 March 2026", widths[2])]),
        row([cell("Confirm the budget figures with finance", widths[0]),
             cell("Zo\u00eb Ward", widths[1], vmerge="restart"),
             cell("26 March 2026", widths[2])]),
        row([cell("Prepare the quarterly report for the Trust board", widths[0]),
             cell("", widths[1], vmerge="continue"),
             cell("2 April 2026", widths[2])]),
        row([cell("All members to read the draft grants policy before the next meeting",
                  widths[0] + widths[1], span=2),
             cell("9 April 2026", widths[2])]),
    ]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    tblpr = ('<w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
             '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
             'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>')
    return f"<w:tbl>{tblpr}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def document_xml():
    H1 = dict(style="Heading1")
    H2 = dict(style="Heading2")
    body = []
    add = body.append

    add(p(r(TITLE), style="Title", rsid="a"))
    add(p(r("Meeting held on 12 March 2026, Town Hall, Room 4", i=True), rsid="a"))
    add(p(r("Present:", b=True) +
          r(" Laura Bennett (Chair), Tom ") + spell("Okafor") +
          r(", Priya Raman, Zo\u00eb Ward, Will Hughes"), rsid="a"))
    add(p(r("Apologies:", b=True) +
          r(" Daniel Fraser, Margaret O\u2019Neill"), rsid="a"))

    # 1. Welcome and apologies ------------------------------------------------
    add(p(r("Welcome and apologies"), rsid="a", **H1))
    add(p(r("Lau", "b") + r("ra Bennett welcomed members to the meeting and noted "
                            "apologies from Daniel Fraser and Margaret O\u2019Neill. ", "c") +
          r("Zo\u00eb Ward", "c", b=True) +
          r(" was welcomed as the group\u2019s new Treasurer.", "c"), rsid="b"))
    # Hidden text (w:vanish) and white text at the end of a visible paragraph.
    add(p(r("The agenda was taken as read.", "h") +
          r(" Internal: check Grace Whitfield\u2019s references before the award.",
            "h", extra=HIDDEN) +
          r(" Do not publish: Tom\u2019s home number is 01632 960 001.",
            "h", extra=WHITE), rsid="h"))
    # M6: a comment starting "Redact: personal" around part of a sentence.
    add(p(r("The Clerk confirmed that the newsletter editor is ", "h") +
          f'<w:commentRangeStart w:id="{REDACT_COMMENT_ID}"/>' +
          r("on medical leave until May", "h") +
          f'<w:commentRangeEnd w:id="{REDACT_COMMENT_ID}"/>' +
          f'<w:r w:rsidR="{RSID["h"]}"><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
          f'<w:commentReference w:id="{REDACT_COMMENT_ID}"/></w:r>' +
          r(".", "h"), rsid="h"))

    # 2. Minutes of the last meeting -------------------------------------------
    add(p(r("Minutes of the last meeting"), rsid="a", **H1))
    add(p(r("The minutes of the meeting held on 12 February 2026 were agreed as an "
            "accurate record. The ", "b") +
          f'<w:del w:id="{DEL_ID}" w:author="{attr(REVISION_AUTHOR)}" w:date="{DEL_DATE}">'
          f'<w:r w:rsidDel="{RSID["g"]}">' +
          t("original ", "w:delText") + "</w:r></w:del>" +
          f'<w:ins w:id="{INS_ID}" w:author="{attr(REVISION_AUTHOR)}" w:date="{DEL_DATE}">' +
          r("revised ", "g") + "</w:ins>" +
          r("terms of reference were circulated by Tom ", "b") + spell("Okafor", "b") +
          r(" and approved without amendment.", "b"), rsid="b"))
    add(p(r("Laura\u2019s summary of the consultation was welcomed.", "h"), rsid="h"))
    # M3: character style "Confidential Text" on part of a sentence.
    add(p(r("Members noted the ", "h") +
          r("settlement paid to the former caretaker", "h", style="ConfidentialText") +
          r(" had been finalised.", "h"), rsid="h"))

    # 3. Budget update ---------------------------------------------------------
    add(p(r("Budget update"), rsid="a", **H1))
    add(p(r("Zo\u00eb Ward presented the budget report.", "c") +
          f'<w:r w:rsidR="{RSID["c"]}"><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
          f'<w:footnoteReference w:id="{FOOTNOTE_ID}"/></w:r>' +
          r(" Total spend to date is ", "c") +
          f'<w:commentRangeStart w:id="{COMMENT_ID}"/>' +
          r("\u00a348,200", "c", b=True) +
          f'<w:commentRangeEnd w:id="{COMMENT_ID}"/>' +
          f'<w:r w:rsidR="{RSID["d"]}"><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
          f'<w:commentReference w:id="{COMMENT_ID}"/></w:r>' +
          r(" against an annual budget of \u00a360,000, leaving ", "c") +
          r("\u00a311,800", "c", b=True) + r(" unallocated.", "c"), rsid="c"))
    # M1: block content control around two whole paragraphs.
    add(sdt(p(r("Grant payments are made from the Trust\u2019s account at Northbridge "
                "Bank, sort code 20-45-77, account 41826603.", "h"), rsid="h") +
            p(r("The Treasurer\u2019s reimbursement of \u00a3412.60 for venue deposits "
                "was approved.", "h"), rsid="h"),
            SDT_FINANCIAL_ID, "Sensitive", "redact:financial"))
    add(p(r("Quarterly figures"), rsid="c", **H2))
    add(p(r("The main points from the quarter were:", "c"), rsid="c"))
    lst = dict(style="ListParagraph", rsid="c")
    add(p(r("Staffing costs were in line with the forecast."),
          num=(NUM_DECIMAL, 0), **lst))
    add(p(r("Venue hire came in under budget."), num=(NUM_DECIMAL, 0), **lst))
    add(p(r("The Town Hall discount for community groups has been extended "
            "to March 2027."), num=(NUM_DECIMAL, 1), **lst))
    add(p(r("Printing costs rose because of the spring newsletter."),
          num=(NUM_DECIMAL, 0), **lst))
    # M3: a whole paragraph in the paragraph style "Sensitive".
    add(p(r("Staff salary review: the coordinator\u2019s pay rises to \u00a331,400 "
            "from April.", "h"), style="Sensitive", rsid="h"))
    add(p(r("Members asked for a ", "c") + r("monthly", "c", i=True) +
          r(" summary in future.", "c"), rsid="c"))
    # A name in capitals, as in an action line.
    add(p(r("ACTION:", "h", b=True) +
          r(" ZO\u00cb WARD to circulate the monthly summary from April.", "h"),
          rsid="h"))

    # 4. Community grants ------------------------------------------------------
    add(p(r("Community grants"), rsid="a", **H1))
    add(p(r("Seven applications were received in this round. Full guidance for "
            "applicants is on the ", "d") +
          '<w:hyperlink r:id="rId8" w:history="1">' +
          r("grants page", "d", style="Hyperlink") + "</w:hyperlink>" +
          r(".", "d"), rsid="d"))
    add(p(r("Decisions"), rsid="d", **H2))
    add(p(r("The panel agreed a grant of ", "d") + r("\u00a312,500", "d", b=True) +
          r(" to Grace Whit", "d") + r("field", "e") +
          r(" for the Riverside Allotments accessible paths project. Will Hughes "
            "declared an interest and left the room for this item.", "e"), rsid="d"))
    # M2: inline content control around part of a sentence.
    add(p(r("The applicant\u2019s home address, ", "h") +
          sdt(r("14 Mill Lane, Northbridge NB1 4QT", "h"),
              SDT_ADDRESS_ID, "Sensitive", "sensitive:personal") +
          r(", was confirmed for the award letter.", "h"), rsid="h"))
    add(p(r("Priya agreed to draft the letter.", "h"), rsid="h"))
    add(p(r("We discussed sensitive issues about the venue.", "e"), rsid="e"))
    add(p(r("It was agreed that:", "e"), rsid="e"))
    blt = dict(style="ListParagraph", rsid="e")
    add(p(r("Applicants will be notified of decisions by 31 March 2026."),
          num=(NUM_BULLET, 0), **blt))
    add(p(r("Unsuccessful applicants may ask for feedback."),
          num=(NUM_BULLET, 0), **blt))
    add(p(r("The next round opens in June."), num=(NUM_BULLET, 0), **blt))

    # M5: a heading ending "(confidential)": it and everything up to the next
    # heading of the same or a higher level (here "5. Any other business").
    add(p(r("Staffing matters (confidential)"), rsid="h", **H2))
    add(p(r("The coordinator\u2019s probation was extended by three months after "
            "two formal warnings.", "h"), rsid="h"))
    conf = dict(style="ListParagraph", rsid="h")
    add(p(r("An HR adviser will attend the review meeting on 20 March 2026.", "h"),
          num=(NUM_BULLET, 0), **conf))
    add(p(r("The coordinator\u2019s grievance about the warnings will be heard by "
            "an independent panel.", "h"), num=(NUM_BULLET, 0), **conf))

    # 5. Any other business ----------------------------------------------------
    add(p(r("Any other business"), rsid="a", **H1))
    add(p(r("Questions about the grants process should be sent to Tom ", "f") +
          spell("Okafor", "f") + r(" at ", "f") +
          '<w:hyperlink r:id="rId9" w:history="1">' +
          r(CONTACT_EMAIL, "f", style="Hyperlink") + "</w:hyperlink>" +
          r(".", "f"), rsid="f"))
    # A telephone number in plain text.
    add(p(r("General enquiries: 020 7946 0958.", "h"), rsid="h"))
    # M7: black highlight.
    add(p(r("Members can reach the venue manager directly on ", "h") +
          r("07700 900 123", "h", extra=BLACK_HIGHLIGHT) + r(".", "h"), rsid="h"))
    # M4 within a paragraph, the opening marker split across runs as Word
    # leaves it after an edit in another session.
    add(p(r("Members sent their best wishes to a colleague ", "f") +
          r("[[re", "f") +
          r("dact:personal]]who is recovering from surgery", "h") +
          r("[[/redact]]", "h") + r(".", "f"), rsid="f"))
    # M4 across paragraphs.
    add(p(r("[[redact:legal]]", "h"), rsid="h"))
    add(p(r("Legal advice on the lease dispute with the landlord recommends "
            "settling for \u00a37,500.", "h"), rsid="h"))
    add(p(r("[[/redact]]", "h"), rsid="h"))
    add(p(r("The next meeting will be held on ", "f") +
          r("9 April 2026", "f", b=True) + r(".", "f"), rsid="f"))

    # 6. Summary of actions ----------------------------------------------------
    add(p(r("Summary of actions"), rsid="e", **H1))
    add(table_xml())
    add(p(f'<w:bookmarkStart w:id="{GOBACK_ID}" w:name="_GoBack"/>'
          f'<w:bookmarkEnd w:id="{GOBACK_ID}"/>', rsid="e"))

    sect = (f'<w:sectPr w:rsidR="{RSID["a"]}">'
            '<w:headerReference w:type="default" r:id="rId10"/>'
            '<w:footerReference w:type="default" r:id="rId11"/>'
            '<w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" '
            'w:header="708" w:footer="708" w:gutter="0"/>'
            '<w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>')
    return (DECL + f"<w:document {WORD_ROOT_NS}><w:body>" + "".join(body) +
            sect + "</w:body></w:document>")


# ---------------------------------------------------------------------------
# Header, footer, footnotes, endnotes, comments
# ---------------------------------------------------------------------------

def header_xml():
    return (DECL + f"<w:hdr {WORD_ROOT_NS}>" +
            p(r(HEADER_TEXT, "a"), style="Header", rsid="a") + "</w:hdr>")


def footer_xml():
    rs = RSID["a"]
    content = (
        r("Page ", "a") +
        f'<w:r w:rsidR="{rs}"><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r w:rsidR="{rs}"><w:instrText xml:space="preserve"> PAGE   \\* MERGEFORMAT </w:instrText></w:r>'
        f'<w:r w:rsidR="{rs}"><w:fldChar w:fldCharType="separate"/></w:r>'
        f'<w:r w:rsidR="{rs}"><w:rPr><w:noProof/></w:rPr><w:t>1</w:t></w:r>'
        f'<w:r w:rsidR="{rs}"><w:fldChar w:fldCharType="end"/></w:r>' +
        r(" of ", "a") +
        '<w:fldSimple w:instr=" NUMPAGES   \\* MERGEFORMAT ">'
        f'<w:r w:rsidR="{rs}"><w:rPr><w:noProof/></w:rPr><w:t>2</w:t></w:r>'
        "</w:fldSimple>")
    return (DECL + f"<w:ftr {WORD_ROOT_NS}>" +
            p(content, style="Footer", jc="center", rsid="a") + "</w:ftr>")


def _separators(kind):
    sep_ppr = '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
    out = []
    for nid, typ, el in ((-1, "separator", "separator"),
                         (0, "continuationSeparator", "continuationSeparator")):
        out.append(f'<w:{kind} w:type="{typ}" w:id="{nid}">' +
                   p(f"<w:r><w:{el}/></w:r>", extra_ppr=sep_ppr, rsid="root") +
                   f"</w:{kind}>")
    return "".join(out)


def footnotes_xml():
    note = (f'<w:footnote w:id="{FOOTNOTE_ID}">' +
            p(f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>' +
              r(" Figures are taken from the February 2026 management accounts and "
                "have not yet been audited."), style="FootnoteText", rsid="c") +
            "</w:footnote>")
    return (DECL + f"<w:footnotes {WORD_ROOT_NS}>" + _separators("footnote") +
            note + "</w:footnotes>")


def endnotes_xml():
    return (DECL + f"<w:endnotes {WORD_ROOT_NS}>" + _separators("endnote") +
            "</w:endnotes>")


def comments_xml():
    body = (f'<w:comment w:id="{COMMENT_ID}" w:author="{attr(COMMENT_AUTHOR)}" '
            f'w:date="{COMMENT_DATE}" w:initials="{COMMENT_INITIALS}">' +
            p('<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>' +
              r("Check the figure with finance"), style="CommentText", rsid="d") +
            "</w:comment>" +
            f'<w:comment w:id="{REDACT_COMMENT_ID}" w:author="{attr(REDACT_COMMENT_AUTHOR)}" '
            f'w:date="{REDACT_COMMENT_DATE}" w:initials="{REDACT_COMMENT_INITIALS}">' +
            p('<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>' +
              r("Redact: personal"), style="CommentText", rsid="h") +
            "</w:comment>")
    return DECL + f"<w:comments {WORD_ROOT_NS}>" + body + "</w:comments>"


# ---------------------------------------------------------------------------
# Styles
# ---------------------------------------------------------------------------

def styles_xml():
    latent = [
        ('Normal', 0, True), ('heading 1', 9, True), ('heading 2', 9, True),
        ('heading 3', 9, True), ('Title', 10, True), ('Subtitle', 11, True),
        ('Strong', 22, True), ('Emphasis', 20, True), ('List Paragraph', 34, True),
        ('Table Grid', 39, False), ('Hyperlink', 99, False),
    ]
    lsd = "".join(
        f'<w:lsdException w:name="{n}" w:uiPriority="{pr}"' +
        (' w:qFormat="1"' if q else "") + "/>" for n, pr, q in latent)
    major = ('<w:rFonts w:asciiTheme="majorHAnsi" w:eastAsiaTheme="majorEastAsia" '
             'w:hAnsiTheme="majorHAnsi" w:cstheme="majorBidi"/>')
    heading_color = '<w:color w:val="2F5496" w:themeColor="accent1" w:themeShade="BF"/>'
    styles = [
        # defaults
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
        '<w:name w:val="Normal"/><w:qFormat/></w:style>',
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/>'
        '<w:semiHidden/><w:unhideWhenUsed/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        '<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        '</w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList">'
        '<w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        '<w:unhideWhenUsed/></w:style>',
        # headings (numbered through numbering.xml, numId 1)
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:link w:val="Heading1Char"/>'
        f'<w:uiPriority w:val="9"/><w:qFormat/><w:rsid w:val="{RSID["a"]}"/>'
        '<w:pPr><w:keepNext/><w:keepLines/>'
        f'<w:numPr><w:numId w:val="{NUM_HEADINGS}"/></w:numPr>'
        '<w:spacing w:before="240" w:after="0"/><w:outlineLvl w:val="0"/></w:pPr>'
        f'<w:rPr>{major}{heading_color}<w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>',
        '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:link w:val="Heading2Char"/>'
        f'<w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:rsid w:val="{RSID["a"]}"/>'
        '<w:pPr><w:keepNext/><w:keepLines/>'
        f'<w:numPr><w:ilvl w:val="1"/><w:numId w:val="{NUM_HEADINGS}"/></w:numPr>'
        '<w:spacing w:before="40" w:after="0"/><w:outlineLvl w:val="1"/></w:pPr>'
        f'<w:rPr>{major}{heading_color}<w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>',
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:link w:val="TitleChar"/>'
        '<w:uiPriority w:val="10"/><w:qFormat/>'
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:contextualSpacing/></w:pPr>'
        f'<w:rPr>{major}<w:spacing w:val="-10"/><w:kern w:val="28"/><w:sz w:val="56"/>'
        '<w:szCs w:val="56"/></w:rPr></w:style>',
        '<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/>'
        '<w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/>'
        f'<w:rsid w:val="{RSID["c"]}"/>'
        '<w:pPr><w:ind w:left="720"/><w:contextualSpacing/></w:pPr></w:style>',
        '<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>'
        '<w:basedOn w:val="Normal"/><w:link w:val="FootnoteTextChar"/><w:uiPriority w:val="99"/>'
        '<w:semiHidden/><w:unhideWhenUsed/>'
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>',
        '<w:style w:type="character" w:styleId="FootnoteReference">'
        '<w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
        '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>',
        '<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/>'
        '<w:basedOn w:val="Normal"/><w:link w:val="HeaderChar"/><w:uiPriority w:val="99"/>'
        '<w:unhideWhenUsed/><w:pPr><w:tabs><w:tab w:val="center" w:pos="4513"/>'
        '<w:tab w:val="right" w:pos="9026"/></w:tabs>'
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:style>',
        '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/>'
        '<w:basedOn w:val="Normal"/><w:link w:val="FooterChar"/><w:uiPriority w:val="99"/>'
        '<w:unhideWhenUsed/><w:pPr><w:tabs><w:tab w:val="center" w:pos="4513"/>'
        '<w:tab w:val="right" w:pos="9026"/></w:tabs>'
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:style>',
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
        '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/>'
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        '<w:tblPr><w:tblBorders>' +
        "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                for s in ("top", "left", "bottom", "right", "insideH", "insideV")) +
        '</w:tblBorders></w:tblPr></w:style>',
        '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:rPr><w:color w:val="0563C1" w:themeColor="hyperlink"/><w:u w:val="single"/></w:rPr></w:style>',
        '<w:style w:type="character" w:styleId="CommentReference">'
        '<w:name w:val="annotation reference"/><w:basedOn w:val="DefaultParagraphFont"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
        '<w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>',
        '<w:style w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/>'
        '<w:basedOn w:val="Normal"/><w:link w:val="CommentTextChar"/><w:uiPriority w:val="99"/>'
        '<w:unhideWhenUsed/><w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr>'
        '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>',
        # M3 marking styles (custom, not linked): a paragraph style and a
        # character style, each recognised by its name.
        '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Sensitive">'
        '<w:name w:val="Sensitive"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
        f'<w:qFormat/><w:rsid w:val="{RSID["h"]}"/>'
        '<w:rPr><w:i/><w:iCs/><w:color w:val="7F7F7F" w:themeColor="text1" '
        'w:themeTint="80"/></w:rPr></w:style>',
        '<w:style w:type="character" w:customStyle="1" w:styleId="ConfidentialText">'
        '<w:name w:val="Confidential Text"/><w:basedOn w:val="DefaultParagraphFont"/>'
        f'<w:uiPriority w:val="1"/><w:qFormat/><w:rsid w:val="{RSID["h"]}"/>'
        '<w:rPr><w:color w:val="C00000"/></w:rPr></w:style>',
    ]
    # Linked character styles
    for sid, name, link, rp in [
        ("Heading1Char", "Heading 1 Char", "Heading1",
         f'{major}{heading_color}<w:sz w:val="32"/><w:szCs w:val="32"/>'),
        ("Heading2Char", "Heading 2 Char", "Heading2",
         f'{major}{heading_color}<w:sz w:val="26"/><w:szCs w:val="26"/>'),
        ("TitleChar", "Title Char", "Title",
         f'{major}<w:spacing w:val="-10"/><w:kern w:val="28"/><w:sz w:val="56"/><w:szCs w:val="56"/>'),
        ("FootnoteTextChar", "Footnote Text Char", "FootnoteText",
         '<w:sz w:val="20"/><w:szCs w:val="20"/>'),
        ("HeaderChar", "Header Char", "Header", ""),
        ("FooterChar", "Footer Char", "Footer", ""),
        ("CommentTextChar", "Comment Text Char", "CommentText",
         '<w:sz w:val="20"/><w:szCs w:val="20"/>'),
    ]:
        styles.append(
            f'<w:style w:type="character" w:customStyle="1" w:styleId="{sid}">'
            f'<w:name w:val="{name}"/><w:basedOn w:val="DefaultParagraphFont"/>'
            f'<w:link w:val="{link}"/><w:uiPriority w:val="99"/>' +
            (f"<w:rPr>{rp}</w:rPr>" if rp else "") + "</w:style>")
    doc_defaults = (
        '<w:docDefaults><w:rPrDefault><w:rPr>'
        '<w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorHAnsi" '
        'w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/>'
        '<w:sz w:val="22"/><w:szCs w:val="22"/>'
        '<w:lang w:val="en-GB" w:eastAsia="en-US" w:bidi="ar-SA"/>'
        '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
        '<w:spacing w:after="160" w:line="259" w:lineRule="auto"/>'
        '</w:pPr></w:pPrDefault></w:docDefaults>')
    return (DECL +
            f'<w:styles xmlns:mc="{NS_MC}" xmlns:r="{NS_R}" xmlns:w="{NS_W}" '
            f'xmlns:w14="{NS_W14}" xmlns:w15="{NS_W15}" mc:Ignorable="w14 w15">' +
            doc_defaults +
            '<w:latentStyles w:defLockedState="0" w:defUIPriority="99" w:defSemiHidden="0" '
            'w:defUnhideWhenUsed="0" w:defQFormat="0" w:count="376">' + lsd +
            "</w:latentStyles>" + "".join(styles) + "</w:styles>")


# ---------------------------------------------------------------------------
# Numbering
# ---------------------------------------------------------------------------

def _lvl(ilvl, fmt, text, left, hanging, jc="left", pstyle=None, fonts=None,
         tplc=None):
    tp = f' w:tplc="{tplc}"' if tplc else ""
    ps = f'<w:pStyle w:val="{pstyle}"/>' if pstyle else ""
    rp = ""
    if fonts:
        rp = (f'<w:rPr><w:rFonts w:ascii="{fonts}" w:hAnsi="{fonts}" '
              + (f'w:cs="{fonts}" ' if fonts == "Courier New" else "")
              + 'w:hint="default"/></w:rPr>')
    return (f'<w:lvl w:ilvl="{ilvl}"{tp}><w:start w:val="1"/>'
            f'<w:numFmt w:val="{fmt}"/>{ps}<w:lvlText w:val="{attr(text)}"/>'
            f'<w:lvlJc w:val="{jc}"/><w:pPr><w:ind w:left="{left}" '
            f'w:hanging="{hanging}"/></w:pPr>{rp}</w:lvl>')


def numbering_xml():
    # abstractNum 0: outline numbering linked to Heading 1 / Heading 2.
    heading_lvls = [
        _lvl(0, "decimal", "%1.", 432, 432, pstyle="Heading1"),
        _lvl(1, "decimal", "%1.%2.", 576, 576, pstyle="Heading2"),
    ]
    for i in range(2, 9):
        heading_lvls.append(_lvl(i, "decimal",
                                 "".join("%%%d." % (k + 1) for k in range(i + 1)),
                                 432 + 144 * i * 2, 432 + 144 * i))
    a0 = ('<w:abstractNum w:abstractNumId="0" w15:restartNumberingAfterBreak="0">'
          '<w:nsid w:val="2B4A1C7E"/><w:multiLevelType w:val="multilevel"/>'
          '<w:tmpl w:val="7E1C3F42"/>' + "".join(heading_lvls) + "</w:abstractNum>")

    # abstractNum 1: decimal list, lowerLetter second level.
    fmts = ["decimal", "lowerLetter", "lowerRoman"]
    tplcs = ["0809000F", "08090019", "0809001B"]
    dec = []
    for i in range(9):
        f = fmts[i % 3]
        right = f == "lowerRoman"
        dec.append(_lvl(i, f, "%%%d." % (i + 1), 720 * (i + 1),
                        180 if right else 360, jc="right" if right else "left",
                        tplc=tplcs[i % 3]))
    a1 = ('<w:abstractNum w:abstractNumId="1" w15:restartNumberingAfterBreak="0">'
          '<w:nsid w:val="3C9D2E15"/><w:multiLevelType w:val="hybridMultilevel"/>'
          '<w:tmpl w:val="5A6E8B04"/>' + "".join(dec) + "</w:abstractNum>")

    # abstractNum 2: bullets as Word writes them (Symbol U+F0B7, "o", Wingdings U+F0A7).
    bullets = [("\uf0b7", "Symbol", "08090001"), ("o", "Courier New", "08090003"),
               ("\uf0a7", "Wingdings", "08090005")]
    bl = []
    for i in range(9):
        ch, font, tplc = bullets[i % 3]
        bl.append(_lvl(i, "bullet", ch, 720 * (i + 1), 360, fonts=font, tplc=tplc))
    a2 = ('<w:abstractNum w:abstractNumId="2" w15:restartNumberingAfterBreak="0">'
          '<w:nsid w:val="6F0E4A93"/><w:multiLevelType w:val="hybridMultilevel"/>'
          '<w:tmpl w:val="1D3B7C60"/>' + "".join(bl) + "</w:abstractNum>")

    nums = (f'<w:num w:numId="{NUM_HEADINGS}"><w:abstractNumId w:val="0"/></w:num>'
            f'<w:num w:numId="{NUM_DECIMAL}"><w:abstractNumId w:val="1"/></w:num>'
            f'<w:num w:numId="{NUM_BULLET}"><w:abstractNumId w:val="2"/></w:num>')
    return (DECL + f"<w:numbering {WORD_ROOT_NS}>" + a0 + a1 + a2 + nums +
            "</w:numbering>")


# ---------------------------------------------------------------------------
# Settings, web settings, font table, theme
# ---------------------------------------------------------------------------

def settings_xml():
    rsids = sorted(v for v in RSID.values())
    rsid_xml = (f'<w:rsids><w:rsidRoot w:val="{RSID_ROOT}"/>' +
                "".join(f'<w:rsid w:val="{v}"/>' for v in rsids) + "</w:rsids>")
    return (DECL +
            f'<w:settings xmlns:mc="{NS_MC}" xmlns:o="{NS_O}" xmlns:r="{NS_R}" '
            f'xmlns:m="{NS_M}" xmlns:v="{NS_V}" xmlns:w10="{NS_W10}" xmlns:w="{NS_W}" '
            f'xmlns:w14="{NS_W14}" xmlns:w15="{NS_W15}" '
            'xmlns:sl="http://schemas.openxmlformats.org/schemaLibrary/2006/main" '
            'mc:Ignorable="w14 w15">'
            '<w:zoom w:percent="100"/>'
            '<w:proofState w:spelling="clean" w:grammar="clean"/>'
            '<w:trackRevisions/>'
            '<w:defaultTabStop w:val="720"/>'
            '<w:characterSpacingControl w:val="doNotCompress"/>'
            '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
            '<w:endnotePr><w:endnote w:id="-1"/><w:endnote w:id="0"/></w:endnotePr>'
            '<w:compat>'
            '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
            '<w:compatSetting w:name="overrideTableStyleFontSizeAndJustification" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
            '<w:compatSetting w:name="enableOpenTypeFeatures" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
            '<w:compatSetting w:name="doNotFlipMirrorIndents" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
            '<w:compatSetting w:name="differentiateMultirowTableHeaders" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
            '</w:compat>' + rsid_xml +
            '<m:mathPr><m:mathFont m:val="Cambria Math"/><m:brkBin m:val="before"/>'
            '<m:brkBinSub m:val="--"/><m:smallFrac m:val="0"/><m:dispDef/>'
            '<m:lMargin m:val="0"/><m:rMargin m:val="0"/><m:defJc m:val="centerGroup"/>'
            '<m:wrapIndent m:val="1440"/><m:intLim m:val="subSup"/><m:naryLim m:val="undOvr"/>'
            '</m:mathPr>'
            '<w:themeFontLang w:val="en-GB"/>'
            '<w:clrSchemeMapping w:bg1="light1" w:t1="dark1" w:bg2="light2" w:t2="dark2" '
            'w:accent1="accent1" w:accent2="accent2" w:accent3="accent3" w:accent4="accent4" '
            'w:accent5="accent5" w:accent6="accent6" w:hyperlink="hyperlink" '
            'w:followedHyperlink="followedHyperlink"/>'
            '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
            '<w14:docId w14:val="4F2A9C31"/>'
            '<w15:chartTrackingRefBased/>'
            '<w15:docId w15:val="{8C3E5A71-2B94-4D06-9F1E-6A7B3C2D1E40}"/>'
            "</w:settings>")


def web_settings_xml():
    return (DECL +
            f'<w:webSettings xmlns:mc="{NS_MC}" xmlns:r="{NS_R}" xmlns:w="{NS_W}" '
            f'xmlns:w14="{NS_W14}" xmlns:w15="{NS_W15}" mc:Ignorable="w14 w15">'
            "<w:optimizeForBrowser/><w:allowPNG/></w:webSettings>")


FONTS = [
    ("Symbol", "05050102010706020507", "02", "roman", "variable",
     ("00000000", "10000000", "00000000", "00000000", "80000000", "00000000")),
    ("Times New Roman", "02020603050405020304", "00", "roman", "variable",
     ("E0002EFF", "C000785B", "00000009", "00000000", "000001FF", "00000000")),
    ("Courier New", "02070309020205020404", "00", "modern", "fixed",
     ("E0002EFF", "C0007843", "00000009", "00000000", "000001FF", "00000000")),
    ("Wingdings", "05000000000000000000", "02", "auto", "variable",
     ("00000000", "10000000", "00000000", "00000000", "80000000", "00000000")),
    ("Calibri", "020F0502020204030204", "00", "swiss", "variable",
     ("E4002EFF", "C000247B", "00000009", "00000000", "000001FF", "00000000")),
    ("Calibri Light", "020F0302020204030204", "00", "swiss", "variable",
     ("E4002A87", "C000247B", "00000009", "00000000", "000001FF", "00000000")),
]


def font_table_xml():
    fonts = []
    for name, panose, charset, family, pitch, sig in FONTS:
        fonts.append(
            f'<w:font w:name="{name}"><w:panose1 w:val="{panose}"/>'
            f'<w:charset w:val="{charset}"/><w:family w:val="{family}"/>'
            f'<w:pitch w:val="{pitch}"/><w:sig w:usb0="{sig[0]}" w:usb1="{sig[1]}" '
            f'w:usb2="{sig[2]}" w:usb3="{sig[3]}" w:csb0="{sig[4]}" w:csb1="{sig[5]}"/>'
            "</w:font>")
    return (DECL +
            f'<w:fonts xmlns:mc="{NS_MC}" xmlns:r="{NS_R}" xmlns:w="{NS_W}" '
            f'xmlns:w14="{NS_W14}" xmlns:w15="{NS_W15}" mc:Ignorable="w14 w15">' +
            "".join(fonts) + "</w:fonts>")


def theme_xml():
    colors = [("dk1", '<a:sysClr val="windowText" lastClr="000000"/>'),
              ("lt1", '<a:sysClr val="window" lastClr="FFFFFF"/>'),
              ("dk2", '<a:srgbClr val="44546A"/>'), ("lt2", '<a:srgbClr val="E7E6E6"/>'),
              ("accent1", '<a:srgbClr val="4472C4"/>'), ("accent2", '<a:srgbClr val="ED7D31"/>'),
              ("accent3", '<a:srgbClr val="A5A5A5"/>'), ("accent4", '<a:srgbClr val="FFC000"/>'),
              ("accent5", '<a:srgbClr val="5B9BD5"/>'), ("accent6", '<a:srgbClr val="70AD47"/>'),
              ("hlink", '<a:srgbClr val="0563C1"/>'), ("folHlink", '<a:srgbClr val="954F72"/>')]
    clr = "".join(f"<a:{n}>{v}</a:{n}>" for n, v in colors)
    ph = '<a:schemeClr val="phClr"/>'

    def tinted(tint, sat):
        return (f'<a:solidFill><a:schemeClr val="phClr"><a:tint val="{tint}"/>'
                f'<a:satMod val="{sat}"/></a:schemeClr></a:solidFill>')

    fills = f"<a:solidFill>{ph}</a:solidFill>" + tinted(67000, 105000) + tinted(81000, 109000)
    lines = "".join(
        f'<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr"><a:solidFill>{ph}</a:solidFill>'
        '<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>'
        for w in (6350, 12700, 19050))
    effects = ("<a:effectStyle><a:effectLst/></a:effectStyle>" * 2 +
               '<a:effectStyle><a:effectLst><a:outerShdw blurRad="57150" dist="19050" '
               'dir="5400000" algn="ctr" rotWithShape="0"><a:srgbClr val="000000">'
               '<a:alpha val="63000"/></a:srgbClr></a:outerShdw></a:effectLst></a:effectStyle>')
    bg = f"<a:solidFill>{ph}</a:solidFill>" + tinted(95000, 170000) + tinted(93000, 150000)
    return (DECL +
            f'<a:theme xmlns:a="{NS_A}" name="Office Theme"><a:themeElements>'
            f'<a:clrScheme name="Office">{clr}</a:clrScheme>'
            '<a:fontScheme name="Office">'
            '<a:majorFont><a:latin typeface="Calibri Light" panose="020F0302020204030204"/>'
            '<a:ea typeface=""/><a:cs typeface=""/></a:majorFont>'
            '<a:minorFont><a:latin typeface="Calibri" panose="020F0502020204030204"/>'
            '<a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme>'
            f'<a:fmtScheme name="Office"><a:fillStyleLst>{fills}</a:fillStyleLst>'
            f'<a:lnStyleLst>{lines}</a:lnStyleLst>'
            f'<a:effectStyleLst>{effects}</a:effectStyleLst>'
            f'<a:bgFillStyleLst>{bg}</a:bgFillStyleLst></a:fmtScheme>'
            '</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>')


# ---------------------------------------------------------------------------
# Package parts
# ---------------------------------------------------------------------------

CT_W = "application/vnd.openxmlformats-officedocument.wordprocessingml."
OVERRIDES = [
    ("/word/document.xml", CT_W + "document.main+xml"),
    ("/word/numbering.xml", CT_W + "numbering+xml"),
    ("/word/styles.xml", CT_W + "styles+xml"),
    ("/word/settings.xml", CT_W + "settings+xml"),
    ("/word/webSettings.xml", CT_W + "webSettings+xml"),
    ("/word/footnotes.xml", CT_W + "footnotes+xml"),
    ("/word/endnotes.xml", CT_W + "endnotes+xml"),
    ("/word/comments.xml", CT_W + "comments+xml"),
    ("/word/header1.xml", CT_W + "header+xml"),
    ("/word/footer1.xml", CT_W + "footer+xml"),
    ("/word/fontTable.xml", CT_W + "fontTable+xml"),
    ("/word/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"),
    ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
    ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
]


def content_types_xml():
    return (DECL +
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>' +
            "".join(f'<Override PartName="{n}" ContentType="{c}"/>' for n, c in OVERRIDES) +
            "</Types>")


def package_rels_xml():
    return (DECL + f'<Relationships xmlns="{NS_PKG_REL}">'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>")


def document_rels_xml():
    rels = []
    for rid, typ, target, mode in DOC_RELS:
        tm = f' TargetMode="{mode}"' if mode else ""
        rels.append(f'<Relationship Id="{rid}" Type="{typ}" Target="{attr(target)}"{tm}/>')
    return DECL + f'<Relationships xmlns="{NS_PKG_REL}">' + "".join(rels) + "</Relationships>"


def core_xml():
    return (DECL +
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(TITLE)}</dc:title><dc:subject></dc:subject>"
            f"<dc:creator>{escape(CREATOR)}</dc:creator><cp:keywords></cp:keywords>"
            "<dc:description></dc:description>"
            f"<cp:lastModifiedBy>{escape(LAST_MODIFIED_BY)}</cp:lastModifiedBy>"
            "<cp:revision>4</cp:revision>"
            '<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-12T14:31:00Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-03-13T10:05:00Z</dcterms:modified>'
            "</cp:coreProperties>")


def _visible_text(xml):
    """Rough text of a WordprocessingML part, for the app.xml statistics."""
    import re
    paras = re.findall(r"<w:p[ >].*?</w:p>", xml)
    out = []
    for para in paras:
        out.append("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", para)))
    return [x for x in out if x]


def app_xml(document):
    paras = _visible_text(document)
    text = " ".join(paras)
    words = len(text.split())
    chars = len("".join(text.split()))
    chars_ws = len(text)
    lines = sum(max(1, (len(x) + 89) // 90) for x in paras)
    return (DECL +
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            "<Template>Normal.dotm</Template><TotalTime>37</TotalTime><Pages>2</Pages>"
            f"<Words>{words}</Words><Characters>{chars}</Characters>"
            "<Application>Microsoft Office Word</Application><DocSecurity>0</DocSecurity>"
            f"<Lines>{lines}</Lines><Paragraphs>{len(paras)}</Paragraphs>"
            "<ScaleCrop>false</ScaleCrop>"
            f"<Company>{escape(COMPANY)}</Company>"
            "<LinksUpToDate>false</LinksUpToDate>"
            f"<CharactersWithSpaces>{chars_ws}</CharactersWithSpaces>"
            "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
            "<AppVersion>16.0000</AppVersion></Properties>")


def build_parts():
    _para_counter[0] = 0
    document = document_xml()
    header = header_xml()
    footer = footer_xml()
    footnotes = footnotes_xml()
    endnotes = endnotes_xml()
    comments = comments_xml()
    numbering = numbering_xml()
    # Fixed zip entry order (the order Word itself tends to use).
    return [
        ("[Content_Types].xml", content_types_xml()),
        ("_rels/.rels", package_rels_xml()),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", document_rels_xml()),
        ("word/footnotes.xml", footnotes),
        ("word/endnotes.xml", endnotes),
        ("word/header1.xml", header),
        ("word/footer1.xml", footer),
        ("word/comments.xml", comments),
        ("word/theme/theme1.xml", theme_xml()),
        ("word/settings.xml", settings_xml()),
        ("word/numbering.xml", numbering),
        ("word/styles.xml", styles_xml()),
        ("word/webSettings.xml", web_settings_xml()),
        ("word/fontTable.xml", font_table_xml()),
        ("docProps/core.xml", core_xml()),
        ("docProps/app.xml", app_xml(document)),
    ]


def write_docx(path):
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w") as zf:
        for name, xml in build_parts():
            zi = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0        # MS-DOS, as Word writes; platform independent
            zi.external_attr = 0
            zf.writestr(zi, xml.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED,
                        compresslevel=6)
    os.replace(tmp, path)


def write_roster(path):
    lines = [
        "# People in meeting-notes.docx, one per line: "
        "Full Name | alias | alias ... [role=Role]  (aliases optional; role last, "
        "space-separated; UTF-8)",
    ]
    for name, aliases, role in ROSTER:
        line = " | ".join([name] + aliases)
        if role:
            line += " role=" + role
        lines.append(line)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def main(argv):
    out_dir = argv[1] if len(argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out_dir, exist_ok=True)
    write_docx(os.path.join(out_dir, "meeting-notes.docx"))
    write_roster(os.path.join(out_dir, "roster.txt"))


if __name__ == "__main__":
    main(sys.argv)
