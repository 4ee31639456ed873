#!/usr/bin/python3
"""Write hostile and broken .docx inputs for the allies tools.

Usage:  /usr/bin/python3 tests/bad-inputs/make_bad_inputs.py OUTPUT_DIR

Writes one file per case into OUTPUT_DIR, named after what it is, and
OUTPUT_DIR/expected.tsv: one line per file, tab-separated

    FILE  EXPECT  DESCRIPTION

where EXPECT says what every tool must do with it (run_bad_inputs.sh checks
it; see README.md next to this script):

    accept   exit 0 (the input is legitimate, or what is wrong in it is
             optional and the tools are documented to leave it out)
    3, 5     fail with this documented exit code (allies-publish: exit 1,
             the document not published)
    any      either; only the general rules apply (documented exit code,
             never a signal or a timeout, one-line error, nothing left behind)

Standard library only. Deterministic: the same bytes on every run (fixed
timestamps, fixed order, fixed compression level, seeded randomness).
Large cases are written streaming, so the script needs little memory and
runs in a few seconds.
"""

import os
import random
import struct
import sys
import zipfile
import zlib

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
DOS_TIME, DOS_DATE = 0, (0 << 9) | (1 << 5) | 1  # 1980-01-01 00:00:00

# ---------------------------------------------------------------------------
# Namespaces and small XML pieces
# ---------------------------------------------------------------------------

NS_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL_OFFICE_DOCUMENT = REL + "officeDocument"
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."

DOC_NS = (f'xmlns:w="{NS_W}" xmlns:r="{NS_R}" xmlns:wp="{NS_WP}" '
          f'xmlns:a="{NS_A}" xmlns:pic="{NS_PIC}"')
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# A valid 1x1 RGBA PNG.
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5d8f2d2"
    "0000000049454e44ae426082")


def para(text, ppr="", rpr=""):
    ppr = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    rpr = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def document_xml(body, ns=DOC_NS):
    return f"{XML_DECL}<w:document {ns}><w:body>{body}</w:body></w:document>"


def rels_xml(rels):
    """rels: list of (id, type-suffix-or-full-uri, target, external)."""
    out = [f'{XML_DECL}<Relationships xmlns="{NS_PKG_REL}">']
    for rid, typ, target, external in rels:
        if "://" not in typ:
            typ = REL + typ
        mode = ' TargetMode="External"' if external else ""
        out.append(f'<Relationship Id="{rid}" Type="{typ}" Target="{target}"{mode}/>')
    out.append("</Relationships>")
    return "".join(out)


def content_types(overrides=(), defaults=()):
    out = [f'{XML_DECL}<Types xmlns="{NS_CT}">',
           '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
           '<Default Extension="xml" ContentType="application/xml"/>',
           '<Default Extension="png" ContentType="image/png"/>',
           '<Default Extension="jpeg" ContentType="image/jpeg"/>',
           '<Default Extension="gif" ContentType="image/gif"/>',
           '<Default Extension="svg" ContentType="image/svg+xml"/>',
           '<Default Extension="bin" ContentType="application/octet-stream"/>']
    for ext, ct in defaults:
        out.append(f'<Default Extension="{ext}" ContentType="{ct}"/>')
    out.append(f'<Override PartName="/word/document.xml" ContentType="{CT_MAIN}"/>')
    for name, ct in overrides:
        out.append(f'<Override PartName="/{name}" ContentType="{ct}"/>')
    out.append("</Types>")
    return "".join(out)


STYLES_OK = (f'{XML_DECL}<w:styles xmlns:w="{NS_W}">'
             '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/>'
             '<w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>'
             '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
             '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
             '<w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr>'
             '<w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>'
             '</w:styles>')

BODY_OK = (para("Minutes of the meeting", ppr='<w:pStyle w:val="Heading1"/>')
           + para("The group discussed the budget for the coming year.")
           + para("Actions were agreed and the meeting closed at noon."))


def package_parts(body=BODY_OK, doc_rels=(), extra_parts=(), overrides=(),
                  styles=STYLES_OK, root_rels=None, document=None, defaults=()):
    """The parts of a small valid package, in a fixed order."""
    doc_rels = list(doc_rels)
    overrides = list(overrides)
    parts = []
    if styles is not None:
        doc_rels.insert(0, ("rIdStyles", "styles", "styles.xml", False))
        overrides.insert(0, ("word/styles.xml", CT_WML + "styles+xml"))
    parts.append(("[Content_Types].xml", content_types(overrides, defaults)))
    if root_rels is None:
        root_rels = [("rId1", REL_OFFICE_DOCUMENT, "word/document.xml", False)]
    parts.append(("_rels/.rels", rels_xml(root_rels)))
    parts.append(("word/document.xml", document if document is not None else document_xml(body)))
    parts.append(("word/_rels/document.xml.rels", rels_xml(doc_rels)))
    if styles is not None:
        parts.append(("word/styles.xml", styles))
    parts.extend(extra_parts)
    return parts


def as_bytes(data):
    return data.encode("utf-8") if isinstance(data, str) else data


def zip_info(name, method=zipfile.ZIP_DEFLATED):
    zi = zipfile.ZipInfo(name, ZIP_DATE)
    zi.compress_type = method
    zi.external_attr = 0o644 << 16
    zi.create_system = 3
    return zi


def write_zip(path, parts, method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts:
            z.writestr(zip_info(name, method), as_bytes(data), compresslevel=6)


def zip_bytes(parts, method=zipfile.ZIP_DEFLATED):
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts:
            z.writestr(zip_info(name, method), as_bytes(data), compresslevel=6)
    return buf.getvalue()


def write_zip_streaming(path, parts):
    """parts: (name, bytes-or-iterable-of-str) in order; iterables are streamed."""
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts:
            if isinstance(data, (str, bytes)):
                z.writestr(zip_info(name), as_bytes(data), compresslevel=6)
                continue
            zi = zip_info(name)
            with z.open(zi, "w", force_zip64=False) as f:
                pending = []
                size = 0
                for chunk in data:
                    pending.append(chunk)
                    size += len(chunk)
                    if size >= 1 << 20:
                        f.write("".join(pending).encode("utf-8"))
                        pending, size = [], 0
                if pending:
                    f.write("".join(pending).encode("utf-8"))


# ---------------------------------------------------------------------------
# A raw zip writer, for archives zipfile will not write (duplicate names,
# unsafe names, lying headers, shared data, streamed bombs).
# ---------------------------------------------------------------------------

class RawZip:
    def __init__(self):
        self.out = bytearray()
        self.central = []  # dicts

    def add_raw(self, name, payload, method, crc, usize, flags=0, local_name=None):
        """Writes a local header and already-compressed payload."""
        name_b = as_bytes(name)
        local_b = as_bytes(local_name) if local_name is not None else name_b
        offset = len(self.out)
        self.out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags | 0x800, method, DOS_TIME, DOS_DATE,
                                crc, len(payload), usize, len(local_b), 0)
        self.out += local_b
        self.out += payload
        entry = dict(name=name_b, method=method, crc=crc, csize=len(payload), usize=usize,
                     offset=offset, flags=flags | 0x800)
        self.central.append(entry)
        return entry

    def add(self, name, data, method=8, **kw):
        data = as_bytes(data)
        if method == 8:
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            payload = c.compress(data) + c.flush()
        else:
            payload = data
        return self.add_raw(name, payload, method, zlib.crc32(data) & 0xFFFFFFFF, len(data), **kw)

    def add_central_only(self, name, entry):
        """Another central-directory record for an existing entry's data."""
        e = dict(entry)
        e["name"] = as_bytes(name)
        self.central.append(e)

    def finish(self, count=None, cd_offset=None, comment=b""):
        cd_start = len(self.out)
        for e in self.central:
            self.out += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, (3 << 8) | 20, 20, e["flags"], e["method"],
                                    DOS_TIME, DOS_DATE, e["crc"], e["csize"], e["usize"], len(e["name"]),
                                    0, 0, 0, 0, 0o644 << 16, e["offset"])
            self.out += e["name"]
        cd_size = len(self.out) - cd_start
        n = len(self.central) if count is None else count
        self.out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, cd_size,
                                cd_start if cd_offset is None else cd_offset, len(comment))
        self.out += comment
        return bytes(self.out)


def raw_package(parts, **finish):
    z = RawZip()
    for name, data in parts:
        z.add(name, data)
    return z, finish


def deflate_zeros(total, chunk=1 << 20):
    """Raw-deflated `total` zero bytes and their CRC, without holding them."""
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    zeros = bytes(chunk)
    out = []
    crc = 0
    left = total
    while left:
        n = min(chunk, left)
        block = zeros if n == chunk else bytes(n)
        crc = zlib.crc32(block, crc)
        out.append(c.compress(block))
        left -= n
    out.append(c.flush())
    return b"".join(out), crc & 0xFFFFFFFF


# ---------------------------------------------------------------------------
# An OLE compound file ([MS-CFB]) with the given streams, version 3
# (512-byte sectors). Streams are stored in regular sectors.
# ---------------------------------------------------------------------------

def cfb(streams):
    SECT = 512
    FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    # Sector 0: FAT. Sector 1: directory (4 entries per sector). Then streams.
    n_dir_entries = 1 + len(streams)
    dir_sectors = (n_dir_entries + 3) // 4
    fat = [FATSECT]
    for i in range(dir_sectors):
        fat.append(2 + i if i + 1 < dir_sectors else END)
    next_sector = 1 + dir_sectors
    starts = []
    body = bytearray()
    for _, data in streams:
        count = (len(data) + SECT - 1) // SECT
        starts.append(next_sector if count else END)
        for i in range(count):
            fat.append(next_sector + i + 1 if i + 1 < count else END)
        next_sector += count
        body += data + bytes(count * SECT - len(data))
    assert len(fat) <= SECT // 4
    fat += [FREE] * (SECT // 4 - len(fat))

    def entry(name, typ, start, size, left=NOSTREAM, right=NOSTREAM, child=NOSTREAM):
        n = name.encode("utf-16-le") + b"\0\0"
        return (n + bytes(64 - len(n)) + struct.pack("<HBBIII", len(n), typ, 1, left, right, child)
                + bytes(16) + struct.pack("<I", 0) + bytes(16) + struct.pack("<IQ", start, size))

    # Directory tree: the root's child is the first stream; the others hang
    # off its right sibling chain (all black: a valid, if unbalanced, tree).
    names = sorted(range(len(streams)), key=lambda i: (len(streams[i][0]), streams[i][0].upper()))
    right_of = {names[k]: names[k + 1] + 1 for k in range(len(names) - 1)}
    d = entry("Root Entry", 5, END, 0, child=names[0] + 1 if names else NOSTREAM)
    for i, (name, data) in enumerate(streams):
        d += entry(name, 2, starts[i], len(data), right=right_of.get(i, NOSTREAM))
    d += bytes(dir_sectors * SECT - len(d))
    header = (bytes.fromhex("D0CF11E0A1B11AE1") + bytes(16)
              + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6) + bytes(6)
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
              + struct.pack("<I", 0) + struct.pack("<I", FREE) * 108)
    assert len(header) == SECT
    return header + struct.pack("<%dI" % (SECT // 4), *fat) + bytes(d) + bytes(body)


# ---------------------------------------------------------------------------
# Pieces used by several cases
# ---------------------------------------------------------------------------

def drawing(rid, name="Picture 1", descr="Site plan", attr="r:embed"):
    cx, cy = 1828800, 1371600
    return (f'<w:r><w:drawing><wp:inline><wp:extent cx="{cx}" cy="{cy}"/>'
            f'<wp:docPr id="1" name="{name}" descr="{descr}"/>'
            f'<a:graphic><a:graphicData uri="{NS_PIC}"><pic:pic>'
            f'<pic:nvPicPr><pic:cNvPr id="0" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip {attr}="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
            f'</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')


def picture_package(media_name, media_bytes):
    body = BODY_OK + f"<w:p>{drawing('rIdImg')}</w:p>" + para("After the picture.")
    return package_parts(body, doc_rels=[("rIdImg", "image", media_name[len("word/"):], False)],
                         extra_parts=[(media_name, media_bytes)])


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def hyperlink(rid, text):
    return (f'<w:p><w:hyperlink r:id="{rid}"><w:r><w:rPr><w:u w:val="single"/></w:rPr>'
            f'<w:t>{text}</w:t></w:r></w:hyperlink></w:p>')


def field(instr, result):
    return (f'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r><w:t>{result}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')


# ---------------------------------------------------------------------------
# The cases
# ---------------------------------------------------------------------------

class Cases:
    def __init__(self, out):
        self.out = out
        self.rows = []

    def path(self, name, expect, what):
        assert name.endswith(".docx") and "\t" not in what
        assert all(r[0] != name for r in self.rows), name
        self.rows.append((name, expect, what))
        return os.path.join(self.out, name)

    def bytes(self, name, expect, what, data):
        with open(self.path(name, expect, what), "wb") as f:
            f.write(data)

    def zip(self, name, expect, what, parts, method=zipfile.ZIP_DEFLATED):
        write_zip(self.path(name, expect, what), parts, method)

    def raw(self, name, expect, what, z, **finish):
        self.bytes(name, expect, what, z.finish(**finish))


def not_zip_cases(c):
    c.bytes("notzip-empty-file.docx", "3", "an empty file", b"")
    rng = random.Random(20240601)
    c.bytes("notzip-random-bytes-64KB.docx", "3", "64 KB of seeded random bytes", rng.randbytes(65536))
    c.bytes("notzip-zip-magic-then-random.docx", "3", "PK\\3\\4 then random bytes",
            b"PK\x03\x04" + rng.randbytes(4096))
    c.bytes("notzip-only-end-of-central-directory.docx", "3", "an empty zip (22-byte end record only)",
            struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0, 0, 0, 0, 0))
    c.bytes("notzip-rtf-renamed.docx", "3", "an RTF document named .docx",
            b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Minutes of the meeting.\\par }")
    c.bytes("notzip-html-renamed.docx", "3", "an HTML page named .docx",
            b"<html><body><p>Minutes of the meeting.</p></body></html>")


def truncated_cases(c, valid):
    n = len(valid)
    cuts = [("0004", 4), ("0030", 30), ("0100", 100), ("quarter", n // 4), ("half", n // 2),
            ("three-quarters", 3 * n // 4), ("in-central-directory", n - 60),
            ("before-end-record", n - 22), ("last-byte-missing", n - 1)]
    for label, cut in cuts:
        c.bytes(f"truncated-zip-{label}.docx", "3", f"a valid docx of {n} bytes cut to {cut} bytes", valid[:cut])


def corrupt_zip_cases(c):
    parts = package_parts()
    doc = as_bytes(dict(parts)["word/document.xml"])

    # Bad CRC: document.xml stored, one byte of its data changed.
    z = RawZip()
    for name, data in parts:
        if name == "word/document.xml":
            e = z.add(name, data, method=0)
            i = e["offset"] + 30 + len(name) + doc.index(b"budget")
            z.out[i] ^= 0x20
        else:
            z.add(name, data)
    c.raw("corrupt-zip-bad-crc-data-changed.docx", "3", "document.xml stored; a byte changed, CRC not updated", z)

    z = RawZip()
    for name, data in parts:
        if name == "word/document.xml":
            b = as_bytes(data)
            c2 = zlib.compressobj(6, zlib.DEFLATED, -15)
            z.add_raw(name, c2.compress(b) + c2.flush(), 8, (zlib.crc32(b) ^ 0xDEADBEEF) & 0xFFFFFFFF, len(b))
        else:
            z.add(name, data)
    c.raw("corrupt-zip-bad-crc-field.docx", "3", "document.xml's CRC field wrong in both headers", z)

    z = RawZip()
    for name, data in parts:
        if name == "word/document.xml":
            b = as_bytes(data)
            rng = random.Random(7)
            z.add_raw(name, rng.randbytes(len(b) // 3), 8, zlib.crc32(b) & 0xFFFFFFFF, len(b))
        else:
            z.add(name, data)
    c.raw("corrupt-zip-deflate-stream-garbage.docx", "3", "document.xml's deflate data is random bytes", z)

    z, _ = raw_package(parts)
    c.raw("corrupt-zip-central-directory-offset-past-eof.docx", "3",
          "end record points the central directory past the end of the file", z, cd_offset=0x7FFFFFF0)

    z, _ = raw_package(parts)
    data = bytearray(z.finish())
    cd = data.index(b"PK\x01\x02")
    data[cd:cd + 4] = b"XX\x01\x02"
    c.bytes("corrupt-zip-central-directory-bad-signature.docx", "3",
            "the first central-directory record has a wrong signature", bytes(data))

    z, _ = raw_package(parts)
    c.raw("corrupt-zip-central-directory-count-too-high.docx", "3",
          "end record claims 60000 entries, there are 5", z, count=60000)

    z, _ = raw_package(parts)
    for e in z.central:
        if e["name"] == b"word/document.xml":
            e["offset"] = 7  # inside the first local header
    c.raw("corrupt-zip-local-header-offset-wrong.docx", "3", "document.xml's local header offset points into another entry", z)

    z, _ = raw_package(parts)
    for e in z.central:
        if e["name"] == b"word/document.xml":
            e["csize"] = 0xFFFFFFF0
    # Its data is intact (the local header is right, the CRC matches), so
    # reading it is no risk: a clean failure or a success both do.
    c.raw("corrupt-zip-compressed-size-past-eof.docx", "any", "document.xml claims a 4 GB compressed size", z)

    z = RawZip()
    for name, data in parts:
        if name == "word/document.xml":
            b = as_bytes(document_xml(para("x" * (1 << 20))))
            c2 = zlib.compressobj(6, zlib.DEFLATED, -15)
            z.add_raw(name, c2.compress(b) + c2.flush(), 8, zlib.crc32(b) & 0xFFFFFFFF, 64)
        else:
            z.add(name, data)
    # The bytes inflated are capped whatever a header says; the CRC matches.
    c.raw("corrupt-zip-uncompressed-size-understated.docx", "any",
          "document.xml says 64 bytes, inflates to 1 MB (buffer overflow bait)", z)

    z = RawZip()
    for name, data in parts:
        if name == "word/document.xml":
            b = as_bytes(data)
            c2 = zlib.compressobj(6, zlib.DEFLATED, -15)
            z.add_raw(name, c2.compress(b) + c2.flush(), 8, zlib.crc32(b) & 0xFFFFFFFF, 200 << 20)
        else:
            z.add(name, data)
    c.raw("corrupt-zip-uncompressed-size-overstated.docx", "any",
          "document.xml says 200 MB, inflates to 1 KB", z)

    z = RawZip()
    for name, data in parts:
        if name == "word/document.xml":
            b = as_bytes(data)
            z.add_raw(name, b, 14, zlib.crc32(b) & 0xFFFFFFFF, len(b))  # 14 = LZMA, not really
        else:
            z.add(name, data)
    c.raw("corrupt-zip-unknown-compression-method.docx", "any",
          "document.xml claims compression method 14 (LZMA)", z)

    z = RawZip()
    for name, data in parts:
        if name == "word/document.xml":
            b = as_bytes(data)
            rng = random.Random(9)
            z.add_raw(name, rng.randbytes(12) + b, 8, zlib.crc32(b) & 0xFFFFFFFF, len(b), flags=1)
        else:
            z.add(name, data)
    c.raw("corrupt-zip-entry-encrypted-flag.docx", "any",
          "document.xml has the zip 'encrypted' flag (traditional PKWARE encryption)", z)


def bomb_cases(c):
    # One entry of 300 MB of zeros (deflated about 1000:1), referenced as an image.
    z = RawZip()
    for name, data in picture_package("word/media/image1.png", b"")[:-1]:
        z.add(name, data)
    payload, crc = deflate_zeros(300 << 20)
    z.add_raw("word/media/image1.png", payload, 8, crc, 300 << 20)
    c.raw("bomb-ratio-300MB-zeros-one-entry.docx", "3",
          "word/media/image1.png is 300 MB of zeros deflated to ~300 KB", z)

    # The same entry with size fields that say 1000 bytes (the ratio check
    # must count what is inflated, not trust the headers).
    z = RawZip()
    for name, data in picture_package("word/media/image1.png", b"")[:-1]:
        z.add(name, data)
    z.add_raw("word/media/image1.png", payload, 8, crc, 1000)
    c.raw("bomb-ratio-300MB-zeros-size-field-says-1000-bytes.docx", "3",
          "300 MB of zeros deflated to ~300 KB whose headers claim 1000 bytes uncompressed", z)

    # 100 MB of zeros in an unreferenced part: under the part size limit, over the ratio.
    z = RawZip()
    for name, data in package_parts():
        z.add(name, data)
    payload, crc = deflate_zeros(100 << 20)
    z.add_raw("word/media/zeros.bin", payload, 8, crc, 100 << 20)
    c.raw("bomb-ratio-100MB-zeros-unreferenced.docx", "3",
          "an unreferenced 100 MB part of zeros deflated ~1000:1", z)

    # 240 MB of repetitive runs in document.xml: the "repetitive XML" case far
    # beyond what the huge-paragraph case needs. Under the part size limit;
    # too much to lay out under the memory/time limits.
    run = '<w:r><w:rPr><w:b/></w:rPr><w:t>word </w:t></w:r>'
    count = (240 << 20) // len(run)

    def big_doc():
        yield f"{XML_DECL}<w:document {DOC_NS}><w:body><w:p>"
        block = run * 10000
        for _ in range(count // 10000):
            yield block
        yield "</w:p></w:body></w:document>"
    parts = [p for p in package_parts() if p[0] != "word/document.xml"]
    parts.insert(2, ("word/document.xml", big_doc()))
    write_zip_streaming(c.path("bomb-repetitive-xml-240MB-document.docx", "any",
                               "document.xml is 240 MB of one bold run repeated (~1000:1)"), parts)

    # Nested-looking bomb: an embedded package that holds packages that each
    # hold a 10 MB-of-zeros bomb (42.zip style), stored at every level so the
    # outer ratio is 1. Referenced from the document as an embedded package.
    inner_z = RawZip()
    payload, crc = deflate_zeros(10 << 20)
    inner_z.add_raw("zeros.bin", payload, 8, crc, 10 << 20)
    level0 = inner_z.finish()
    l1 = RawZip()
    for i in range(16):
        l1.add(f"bomb{i:02d}.zip", level0, method=0)
    level1 = l1.finish()
    l2 = RawZip()
    for i in range(4):
        l2.add(f"word/embeddings/part{i}.docx", level1, method=0)
    level2 = l2.finish()
    body = BODY_OK + ('<w:p><w:r><w:object><w:control r:id="rIdPkg" w:name="Package"/></w:object></w:r></w:p>')
    parts = package_parts(body, doc_rels=[("rIdPkg", "package", "embeddings/Microsoft_Word_Document.docx", False)],
                          defaults=[("docx", CT_WML + "document")],
                          extra_parts=[("word/embeddings/Microsoft_Word_Document.docx", level2)])
    z = RawZip()
    for name, data in parts:
        z.add(name, data, method=0 if name.endswith(".docx") else 8)
    c.raw("bomb-nested-zips-embedded-package.docx", "any",
          "an embedded package holding zips holding 10 MB-zero bombs (640 MB nominal), stored", z)

    # Overlapping entries: 9000 central records share one stored 120 KB
    # entry, so ~1 GB appears from a 1 MB file with every ratio 1.
    z = RawZip()
    parts = package_parts()
    for name, data in parts:
        z.add(name, data)
    rng = random.Random(42)
    kernel = rng.randbytes(120 * 1024)
    e = z.add("word/media/shared0000.bin", kernel, method=0)
    for i in range(1, 9000):
        z.add_central_only(f"word/media/shared{i:04d}.bin", e)
    c.raw("bomb-overlapping-entries-9000x120KB.docx", "3",
          "9000 central-directory records point at the same 120 KB of stored data", z)

    # Entry count: 20,000 tiny entries.
    z = RawZip()
    for name, data in package_parts():
        z.add(name, data)
    for i in range(20000):
        z.add(f"customXml/item{i}.xml", b"<a/>", method=0)
    c.raw("bomb-entry-count-20000.docx", "3", "20,000 zip entries (limit 10,000)", z)


def ole_cases(c):
    rng = random.Random(31337)
    info = struct.pack("<HHI", 4, 4, 0x40) + b"<?xml version=\"1.0\"?><encryption/>"
    c.bytes("ole-encrypted-ooxml-agile.docx", "5",
            "OLE compound file with EncryptionInfo and EncryptedPackage streams (password-protected docx)",
            cfb([("EncryptionInfo", info + bytes(4096 - len(info))),
                 ("EncryptedPackage", struct.pack("<Q", 8000) + rng.randbytes(8184)),
                 ("\x06DataSpaces", b"")]))
    fib = struct.pack("<HH", 0xA5EC, 0x00C1) + bytes(4092)
    c.bytes("ole-legacy-word97-doc-renamed.docx", "5",
            "a Word 97-2003 .doc (OLE with WordDocument and 1Table streams) named .docx",
            cfb([("WordDocument", fib), ("1Table", bytes(4096)), ("\x05SummaryInformation", bytes(512))]))
    c.bytes("ole-header-only-truncated.docx", "any", "just the 8-byte OLE signature",
            bytes.fromhex("D0CF11E0A1B11AE1"))


def strict_case(c):
    sw = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    sr = "http://purl.oclc.org/ooxml/officeDocument/relationships"
    srel = "http://purl.oclc.org/ooxml/officeDocument/relationships/"
    styles = STYLES_OK.replace(NS_W, sw)
    doc = (f'{XML_DECL}<w:document xmlns:w="{sw}" xmlns:r="{sr}" w:conformance="strict"><w:body>'
           + BODY_OK + '<w:sectPr><w:pgSz w:w="595.3pt" w:h="841.9pt"/>'
           '<w:pgMar w:top="72pt" w:right="72pt" w:bottom="72pt" w:left="72pt" w:header="36pt" w:footer="36pt" w:gutter="0pt"/>'
           '</w:sectPr></w:body></w:document>')
    parts = [
        ("[Content_Types].xml", content_types([("word/styles.xml", CT_WML + "styles+xml")])),
        ("_rels/.rels", rels_xml([("rId1", srel + "officeDocument", "word/document.xml", False)])),
        ("word/document.xml", doc),
        ("word/_rels/document.xml.rels", rels_xml([("rIdStyles", srel + "styles", "styles.xml", False)])),
        ("word/styles.xml", styles),
    ]
    c.zip("strict-ooxml-purl-namespaces.docx", "any",
          "Strict OOXML: purl.oclc.org namespaces and relationship types, pt units", parts)


def missing_part_cases(c):
    parts = package_parts()
    c.zip("missing-content-types.docx", "any", "no [Content_Types].xml",
          [p for p in parts if p[0] != "[Content_Types].xml"])
    c.zip("missing-document-xml.docx", "3", "the officeDocument relationship targets a missing word/document.xml",
          [p for p in parts if p[0] != "word/document.xml"])
    c.zip("missing-root-rels.docx", "any", "no _rels/.rels (document.xml present at the usual path)",
          [p for p in parts if p[0] != "_rels/.rels"])
    c.zip("missing-rels-main-target-nowhere.docx", "3", "_rels/.rels officeDocument points at word/nowhere.xml",
          package_parts(root_rels=[("rId1", REL_OFFICE_DOCUMENT, "word/nowhere.xml", False)]))
    c.zip("missing-rels-main-target-empty.docx", "3", "_rels/.rels officeDocument has Target=\"\"",
          package_parts(root_rels=[("rId1", REL_OFFICE_DOCUMENT, "", False)]))
    c.zip("missing-rels-main-points-at-rels.docx", "any", "officeDocument points at _rels/.rels itself",
          package_parts(root_rels=[("rId1", REL_OFFICE_DOCUMENT, "_rels/.rels", False)]))
    c.zip("missing-rels-main-points-at-png.docx", "3", "officeDocument points at a PNG",
          package_parts(root_rels=[("rId1", REL_OFFICE_DOCUMENT, "word/media/image1.png", False)],
                        extra_parts=[("word/media/image1.png", TINY_PNG)]))
    c.zip("missing-optional-targets.docx", "accept",
          "document.xml.rels points at missing numbering, footnotes, settings, fontTable, theme, header",
          package_parts(doc_rels=[("rIdN", "numbering", "numbering.xml", False),
                                  ("rIdF", "footnotes", "footnotes.xml", False),
                                  ("rIdS", "settings", "settings.xml", False),
                                  ("rIdT", "fontTable", "fontTable.xml", False),
                                  ("rIdTh", "theme", "theme/theme1.xml", False),
                                  ("rIdH", "header", "header1.xml", False)],
                        body=BODY_OK + '<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/></w:sectPr>'))
    c.zip("missing-document-rels.docx", "accept", "no word/_rels/document.xml.rels",
          [p for p in parts if p[0] != "word/_rels/document.xml.rels"])


def broken_reference_cases(c):
    body = (BODY_OK + hyperlink("rIdNope", "a link with no relationship")
            + f"<w:p>{drawing('rIdNoImage')}</w:p>"
            + '<w:p><w:r><w:t>Note</w:t></w:r><w:r><w:footnoteReference w:id="99"/></w:r></w:p>'
            + '<w:p><w:r><w:t>Comment</w:t></w:r><w:r><w:commentReference w:id="7"/></w:r></w:p>'
            + '<w:sectPr><w:headerReference w:type="default" r:id="rIdNoHeader"/>'
            '<w:footerReference w:type="default" r:id="rIdNoFooter"/></w:sectPr>')
    c.zip("broken-ref-rids-to-nonexistent-rels.docx", "accept",
          "hyperlink, picture, header and footer r:ids with no relationship; footnote/comment ids that do not exist",
          package_parts(body))
    c.zip("broken-ref-image-rel-to-missing-media.docx", "accept",
          "a w:drawing whose image relationship targets a missing word/media/image9.png",
          package_parts(BODY_OK + f"<w:p>{drawing('rIdImg')}</w:p>",
                        doc_rels=[("rIdImg", "image", "media/image9.png", False)]))
    c.zip("broken-ref-image-rel-to-xml-part.docx", "accept",
          "a w:drawing whose image relationship targets word/styles.xml",
          package_parts(BODY_OK + f"<w:p>{drawing('rIdImg')}</w:p>",
                        doc_rels=[("rIdImg", "image", "styles.xml", False)]))
    c.zip("broken-ref-duplicate-relationship-ids.docx", "any",
          "two relationships with the same Id (one image, one hyperlink)",
          package_parts(BODY_OK + f"<w:p>{drawing('rIdX')}</w:p>" + hyperlink("rIdX", "link"),
                        doc_rels=[("rIdX", "image", "media/image1.png", False),
                                  ("rIdX", "hyperlink", "https://example.org/", True)],
                        extra_parts=[("word/media/image1.png", TINY_PNG)]))


def cycle_cases(c):
    styles = (f'{XML_DECL}<w:styles xmlns:w="{NS_W}">'
              '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="A"><w:name w:val="Style A"/><w:basedOn w:val="B"/>'
              '<w:next w:val="B"/><w:link w:val="ACh"/><w:rPr><w:b/></w:rPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="B"><w:name w:val="Style B"/><w:basedOn w:val="A"/>'
              '<w:next w:val="A"/><w:rPr><w:i/></w:rPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Self"><w:name w:val="Self"/><w:basedOn w:val="Self"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="C1"><w:name w:val="C1"/><w:basedOn w:val="C2"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="C2"><w:name w:val="C2"/><w:basedOn w:val="C3"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="C3"><w:name w:val="C3"/><w:basedOn w:val="C1"/></w:style>'
              '<w:style w:type="character" w:styleId="ACh"><w:name w:val="A Char"/><w:basedOn w:val="BCh"/>'
              '<w:link w:val="A"/></w:style>'
              '<w:style w:type="character" w:styleId="BCh"><w:name w:val="B Char"/><w:basedOn w:val="ACh"/></w:style>'
              '<w:style w:type="table" w:styleId="T1"><w:name w:val="T1"/><w:basedOn w:val="T2"/></w:style>'
              '<w:style w:type="table" w:styleId="T2"><w:name w:val="T2"/><w:basedOn w:val="T1"/></w:style>'
              '</w:styles>')
    body = (para("In style A", ppr='<w:pStyle w:val="A"/>') + para("In style B", ppr='<w:pStyle w:val="B"/>')
            + para("In style Self", ppr='<w:pStyle w:val="Self"/>')
            + para("In style C1", ppr='<w:pStyle w:val="C1"/>')
            + para("Char style", rpr='<w:rStyle w:val="BCh"/>')
            + '<w:tbl><w:tblPr><w:tblStyle w:val="T1"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid>'
            '<w:tr><w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>' + para("cell") + '</w:tc></w:tr></w:tbl>'
            + para("After"))
    c.zip("cycle-styles-basedon.docx", "accept",
          "styles basedOn A->B->A, Self->Self, C1->C2->C3->C1; character and table style cycles; next/link loops",
          package_parts(body, styles=styles))

    numbering_styles = (f'{XML_DECL}<w:styles xmlns:w="{NS_W}">'
                        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
                        '<w:style w:type="numbering" w:styleId="ListA"><w:name w:val="List A"/>'
                        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
                        '<w:style w:type="numbering" w:styleId="ListC"><w:name w:val="List C"/>'
                        '<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>'
                        '<w:style w:type="numbering" w:styleId="ListD"><w:name w:val="List D"/>'
                        '<w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>'
                        '<w:style w:type="paragraph" w:styleId="ListPara"><w:name w:val="List Para"/>'
                        '<w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>'
                        '</w:styles>')

    def lvl(i, fmt="decimal", text=None):
        text = text or "".join(f"%{k + 1}." for k in range(i + 1))
        return (f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/><w:pPr><w:ind w:left="{720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>')
    numbering = (f'{XML_DECL}<w:numbering xmlns:w="{NS_W}">'
                 # 1: numStyleLink ListA, whose num 1 is this abstractNum again.
                 '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="ListA"/></w:abstractNum>'
                 # 2: styleLink and numStyleLink to itself.
                 '<w:abstractNum w:abstractNumId="2"><w:styleLink w:val="ListB"/><w:numStyleLink w:val="ListB"/>'
                 + lvl(0) + '</w:abstractNum>'
                 # 3 -> ListC -> num 3 -> abstract 4 -> ListD -> num 4 -> abstract 3.
                 '<w:abstractNum w:abstractNumId="3"><w:numStyleLink w:val="ListD"/></w:abstractNum>'
                 '<w:abstractNum w:abstractNumId="4"><w:numStyleLink w:val="ListC"/></w:abstractNum>'
                 # 5: levels referring to levels that do not exist, lvlText with %10.
                 '<w:abstractNum w:abstractNumId="5">' + lvl(0, text="%9.%10.%1") + lvl(8, fmt="upperRoman")
                 + '</w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
                 '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>'
                 '<w:num w:numId="3"><w:abstractNumId w:val="4"/></w:num>'
                 '<w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>'
                 '<w:num w:numId="5"><w:abstractNumId w:val="5"/>'
                 '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="-5"/></w:lvlOverride></w:num>'
                 '<w:num w:numId="6"><w:abstractNumId w:val="99"/></w:num>'
                 '</w:numbering>')

    def item(text, num, ilvl=0):
        return para(text, ppr=f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>')
    body = (item("one", 1) + item("two", 2) + item("three", 3) + item("four", 4) + item("five", 5)
            + item("deep level", 5, ilvl=8) + item("level 12", 5, ilvl=12) + item("no abstract", 6)
            + para("list para style", ppr='<w:pStyle w:val="ListPara"/>') + item("numId 0", 0) + para("After"))
    c.zip("cycle-numbering-numstylelink.docx", "accept",
          "abstractNum numStyleLink -> numbering style -> num -> same abstractNum (1- and 2-step cycles), "
          "self styleLink, missing abstractNum, ilvl 12, negative start, %10 in lvlText",
          package_parts(body, styles=numbering_styles,
                        doc_rels=[("rIdNum", "numbering", "numbering.xml", False)],
                        overrides=[("word/numbering.xml", CT_WML + "numbering+xml")],
                        extra_parts=[("word/numbering.xml", numbering)]))


def nesting_cases(c):
    depth = 100000
    doc = (f"{XML_DECL}<w:document {DOC_NS}><w:body><w:p><w:r><w:t>deep</w:t></w:r></w:p>"
           + '<w:sdt><w:sdtContent>' * (depth // 2) + para("bottom") + '</w:sdtContent></w:sdt>' * (depth // 2)
           + "</w:body></w:document>")
    c.zip("deep-nesting-100000-document-xml.docx", "3", "document.xml with 100,000 nested elements (w:sdt/w:sdtContent)",
          package_parts(document=doc))
    doc = (f"{XML_DECL}<w:document {DOC_NS}><w:body>" + "<w:p>" * depth + "</w:p>" * depth
           + "</w:body></w:document>")
    c.zip("deep-nesting-100000-w-p-in-w-p.docx", "3", "document.xml with 100,000 nested w:p",
          package_parts(document=doc))
    rels = (f'{XML_DECL}<Relationships xmlns="{NS_PKG_REL}">' + "<x>" * depth + "</x>" * depth
            + f'<Relationship Id="rId1" Type="{REL_OFFICE_DOCUMENT}" Target="word/document.xml"/></Relationships>')
    c.zip("deep-nesting-100000-root-rels.docx", "3", "_rels/.rels with 100,000 nested elements",
          [(n, rels if n == "_rels/.rels" else d) for n, d in package_parts()])
    styles = STYLES_OK.replace("</w:styles>", "<w:x>" * depth + "</w:x>" * depth + "</w:styles>")
    c.zip("deep-nesting-100000-styles-xml.docx", "any", "styles.xml with 100,000 nested elements",
          package_parts(styles=styles))
    # Legitimate: tables nested 150 deep (450 elements, under the 512 limit).
    n = 150
    cell_open = ('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/></w:tblGrid>'
                 '<w:tr><w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>')
    body = BODY_OK + cell_open * n + para("innermost") + "</w:tc></w:tr></w:tbl>" * n + para("After")
    c.zip("nested-tables-150-deep.docx", "accept", "tables nested 150 deep (legitimate, under the XML depth limit)",
          package_parts(body))


def utf8_cases(c):
    for label, bad in [("invalid-byte-c3-28", b"\xc3\x28"), ("overlong-c0-af", b"\xc0\xaf"),
                       ("surrogate-ed-a0-80", b"\xed\xa0\x80"), ("lone-continuation-80", b"\x80"),
                       ("truncated-sequence-at-end-e2-82", None)]:
        doc = as_bytes(document_xml(para("Budget @@BAD@@ approved")))
        if bad is None:
            doc = doc + b"\xe2\x82"
        else:
            doc = doc.replace(b"@@BAD@@", bad)
        c.zip(f"utf8-{label}-document-xml.docx", "3", f"document.xml with invalid UTF-8 ({label})",
              package_parts(document=doc))


def huge_cases(c):
    # ~20 MB of text in one w:p: runs of ~210 characters whose formatting
    # cycles bold, plain, italic, underlined. The XML (~23 MB) repeats every
    # ~1 KB, so it deflates about 1000:1, far beyond the zip-bomb ratio.
    sentence = "The committee reviewed the budget and agreed the actions for next year. " * 3
    runs = [f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{sentence}</w:t></w:r>',
            f'<w:r><w:t xml:space="preserve">{sentence}</w:t></w:r>',
            f'<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">{sentence}</w:t></w:r>',
            f'<w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">{sentence}</w:t></w:r>']
    block = "".join(runs) * 256
    blocks = (20 << 20) // (len(sentence) * 4 * 256)

    def doc():
        yield f"{XML_DECL}<w:document {DOC_NS}><w:body>"
        yield para("A very long paragraph follows.")
        yield "<w:p>"
        for _ in range(blocks):
            yield block
        yield "</w:p>" + para("The end.") + "</w:body></w:document>"
    parts = [p for p in package_parts() if p[0] != "word/document.xml"]
    parts.insert(2, ("word/document.xml", doc()))
    write_zip_streaming(c.path("huge-paragraph-20MB-text-must-be-accepted.docx", "accept-text",
                               "one w:p with ~20 MB of text in repeatedly formatted runs (legitimate)"), parts)

    # The same as a 20 MB document.xml of one bold run repeated (46 bytes), which
    # deflates about 340:1 (the library's own ZipLimits test, end to end).
    run = '<w:r><w:rPr><w:b/></w:rPr><w:t>word </w:t></w:r>'

    def doc_bold():
        yield f"{XML_DECL}<w:document {DOC_NS}><w:body><w:p>"
        chunk = run * 10000
        for _ in range((20 << 20) // len(chunk) + 1):
            yield chunk
        yield "</w:p></w:body></w:document>"
    parts = [p for p in package_parts() if p[0] != "word/document.xml"]
    parts.insert(2, ("word/document.xml", doc_bold()))
    write_zip_streaming(c.path("huge-paragraph-20MB-xml-one-bold-run-ratio-340-must-be-accepted.docx", "accept-text",
                               "one w:p of 20 MB XML: the same bold run repeated (~340:1, legitimate)"), parts)

    def table():
        yield f"{XML_DECL}<w:document {DOC_NS}><w:body>"
        yield para("A table of 100,000 rows follows.")
        yield ('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>'
               '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr>'
               '<w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="6000"/></w:tblGrid>')
        for i in range(100000):
            yield (f'<w:tr><w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>{i}</w:t></w:r></w:p></w:tc>'
                   f'<w:tc><w:tcPr><w:tcW w:w="6000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>Item {i * 7919 % 100003}'
                   '</w:t></w:r></w:p></w:tc></w:tr>')
        yield "</w:tbl>" + para("The end.") + "</w:body></w:document>"
    parts = [p for p in package_parts() if p[0] != "word/document.xml"]
    parts.insert(2, ("word/document.xml", table()))
    write_zip_streaming(c.path("huge-table-100000-rows.docx", "any",
                               "one table of 100,000 two-cell rows (legitimate, large)"), parts)


def image_cases(c):
    rng = random.Random(99)
    garbage = rng.randbytes(2000)
    c.zip("image-png-garbage.docx", "accept", "a w:drawing of a PNG: signature then random bytes",
          picture_package("word/media/image1.png", TINY_PNG[:8] + garbage))
    c.zip("image-png-truncated-after-ihdr.docx", "accept", "a w:drawing of a PNG cut after IHDR",
          picture_package("word/media/image1.png", TINY_PNG[:33]))
    c.zip("image-jpeg-garbage.docx", "accept", "a w:drawing of a JPEG: SOI then random bytes",
          picture_package("word/media/image1.jpeg", b"\xff\xd8\xff\xe0" + garbage))
    c.zip("image-gif-garbage.docx", "accept", "a w:drawing of a GIF: GIF89a header then random bytes",
          picture_package("word/media/image1.gif", b"GIF89a\x10\x00\x10\x00\xf7\x00\x00" + garbage))
    c.zip("image-empty-png.docx", "accept", "a w:drawing of a zero-byte word/media/image1.png",
          picture_package("word/media/image1.png", b""))
    # A well-formed PNG claiming 60000x60000 RGBA (14 GB of pixels), with a tiny IDAT.
    ihdr = struct.pack(">IIBBBBB", 60000, 60000, 8, 6, 0, 0, 0)
    idat = zlib.compress(b"\0" * 1024)
    png = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")
    c.zip("image-png-60000x60000-dimensions.docx", "accept",
          "a w:drawing of a valid-header PNG claiming 60000x60000 pixels, tiny data",
          picture_package("word/media/image1.png", png))
    # A PNG whose IDAT really inflates to 400 MB (a pixel bomb): 10000x10000 RGBA of zeros.
    w = h = 10000
    row = b"\0" + bytes(w * 4)
    co = zlib.compressobj(9)
    idat = b"".join(co.compress(row) for _ in range(h)) + co.flush()
    png = (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
           + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b""))
    c.zip("image-png-pixel-bomb-10000x10000.docx", "any",
          "a w:drawing of a valid 10000x10000 RGBA PNG of zeros (400 MB of pixels, ~400 KB file)",
          picture_package("word/media/image1.png", png), method=zipfile.ZIP_STORED)
    svg = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
           b'width="10" height="10"><image xlink:href="file:///etc/passwd" width="10" height="10"/>'
           b'<image href="http://127.0.0.1:9/x.png" width="10" height="10"/></svg>')
    c.zip("image-svg-with-external-hrefs.docx", "accept",
          "a w:drawing of an SVG whose <image> elements point at file:///etc/passwd and http://127.0.0.1:9",
          picture_package("word/media/image1.svg", svg))


def external_cases(c):
    body = (BODY_OK + hyperlink("rIdLink", "a web link") + f"<w:p>{drawing('rIdLinked', attr='r:link')}</w:p>"
            + f"<w:p>{drawing('rIdEmbedExt')}</w:p>")
    rels = [("rIdLink", "hyperlink", "http://127.0.0.1:9/x", True),
            ("rIdLinked", "image", "http://127.0.0.1:9/x", True),
            ("rIdEmbedExt", "image", "http://127.0.0.1:9/x.png", True),
            ("rIdTpl", "attachedTemplate", "http://127.0.0.1:9/template.dotm", True)]
    settings = (f'{XML_DECL}<w:settings xmlns:w="{NS_W}" xmlns:r="{NS_R}">'
                '<w:attachedTemplate r:id="rIdTpl"/></w:settings>')
    c.zip("external-rels-http-127.0.0.1-port-9.docx", "accept",
          "hyperlink, linked picture (r:link), r:embed and attached template with TargetMode=External to http://127.0.0.1:9/",
          package_parts(body, doc_rels=rels + [("rIdSet", "settings", "settings.xml", False)],
                        overrides=[("word/settings.xml", CT_WML + "settings+xml")],
                        extra_parts=[("word/_rels/settings.xml.rels",
                                      rels_xml([("rIdTpl", "attachedTemplate", "http://127.0.0.1:9/template.dotm", True)])),
                                     ("word/settings.xml", settings)]))
    body = (BODY_OK + hyperlink("rIdLink", "a file link") + f"<w:p>{drawing('rIdLinked', attr='r:link')}</w:p>"
            + f"<w:p>{drawing('rIdEmbedExt')}</w:p>")
    rels = [("rIdLink", "hyperlink", "file:///etc/passwd", True),
            ("rIdLinked", "image", "file:///etc/passwd", True),
            ("rIdEmbedExt", "image", "file:///etc/passwd", True)]
    c.zip("external-rels-file-etc-passwd.docx", "accept",
          "hyperlink, linked picture and r:embed with TargetMode=External to file:///etc/passwd",
          package_parts(body, doc_rels=rels))
    body = (BODY_OK + field('INCLUDETEXT "/etc/passwd"', "included text")
            + field('INCLUDEPICTURE "http://127.0.0.1:9/x" \\d', "picture")
            + field('INCLUDEPICTURE "file:///etc/passwd"', "picture")
            + field('HYPERLINK "file:///etc/passwd"', "link")
            + field('LINK Excel.Sheet.12 "http://127.0.0.1:9/x.xlsx" "Sheet1!R1C1"', "linked"))
    c.zip("external-fields-includetext-includepicture.docx", "accept",
          "INCLUDETEXT /etc/passwd, INCLUDEPICTURE http://127.0.0.1:9/x and file:///etc/passwd, HYPERLINK and LINK fields",
          package_parts(body))
    body = BODY_OK + f"<w:p>{drawing('rIdImg')}</w:p>" + '<w:altChunk r:id="rIdChunk"/>'
    c.zip("external-rels-internal-target-escaping-package.docx", "any",
          "internal relationships targeting ../../../../etc/passwd (image) and an altChunk at /etc/passwd",
          package_parts(body, doc_rels=[("rIdImg", "image", "../../../../etc/passwd", False),
                                        ("rIdChunk", "aFChunk", "/../../etc/passwd", False)]))


def entry_name_cases(c):
    for label, bad in [("dotdot-relative", "../evil.xml"), ("dotdot-inside", "word/../../evil.xml"),
                       ("absolute-path", "/etc/evil.xml"), ("backslash", "word\\..\\evil.xml"),
                       ("drive-letter", "C:/evil.xml")]:
        z = RawZip()
        for name, data in package_parts():
            z.add(name, data)
        z.add(bad, b"<evil/>")
        c.raw(f"entry-name-{label}.docx", "3", f"an extra zip entry named {bad!r}", z)
    z = RawZip()
    for name, data in package_parts(root_rels=[("rId1", REL_OFFICE_DOCUMENT, "/../word/document.xml", False)]):
        z.add(name, data)
    c.raw("entry-name-main-rel-target-dotdot.docx", "any",
          "_rels/.rels officeDocument Target=\"/../word/document.xml\"", z)

    parts = package_parts()
    z = RawZip()
    for name, data in parts:
        z.add(name, data)
    z.add("word/document.xml", document_xml(para("The SECOND document.xml: a different text")))
    c.raw("duplicate-entry-document-xml.docx", "3", "two word/document.xml entries with different content", z)
    z = RawZip()
    for name, data in parts:
        z.add(name, data)
    z.add("word/Document.XML", document_xml(para("A case-variant document part")))
    c.raw("duplicate-entry-case-variant.docx", "3", "word/document.xml and word/Document.XML (same OPC part name)", z)
    z = RawZip()
    for name, data in parts:
        z.add(name, data, local_name=("word/other.xml" if name == "word/document.xml" else None))
    c.raw("entry-name-local-differs-from-central.docx", "any",
          "document.xml's local header names it word/other.xml", z)


def doctype_cases(c):
    lol = ('<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
           + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9)) + "]>")
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{lol}<w:document {DOC_NS}><w:body>'
           + para("&j;") + "</w:body></w:document>")
    c.zip("doctype-billion-laughs-document-xml.docx", "3", "document.xml with a DOCTYPE of nested entities (billion laughs)",
          package_parts(document=doc))
    settings = (f'<?xml version="1.0"?>\n<!DOCTYPE w:settings [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                f'<w:settings xmlns:w="{NS_W}"><w:docVars><w:docVar w:name="x" w:val="&xxe;"/></w:docVars></w:settings>')
    c.zip("doctype-xxe-file-etc-passwd-in-settings.docx", "any",
          "settings.xml with a DOCTYPE declaring an external entity file:///etc/passwd",
          package_parts(doc_rels=[("rIdSet", "settings", "settings.xml", False)],
                        overrides=[("word/settings.xml", CT_WML + "settings+xml")],
                        extra_parts=[("word/settings.xml", settings)]))
    doc = (f'<?xml version="1.0"?>\n<!DOCTYPE w:document SYSTEM "http://127.0.0.1:9/x.dtd">'
           f'<w:document {DOC_NS}><w:body>' + para("text") + "</w:body></w:document>")
    c.zip("doctype-external-dtd-http-document-xml.docx", "3", "document.xml with a DOCTYPE naming http://127.0.0.1:9/x.dtd",
          package_parts(document=doc))


def optional_part_cases(c):
    w = f'xmlns:w="{NS_W}"'
    cases = [
        ("fontTable-empty", "word/fontTable.xml", "fontTable", "fontTable+xml", ""),
        ("fontTable-malformed", "word/fontTable.xml", "fontTable", "fontTable+xml",
         f'{XML_DECL}<w:fonts {w}><w:font w:name="Calibri"><w:panose1 w:val="020F0502020204030204"/></w:fonts>'),
        ("webSettings-malformed", "word/webSettings.xml", "webSettings", "webSettings+xml", "<w:webSettings"),
        ("theme1-not-xml", "word/theme/theme1.xml", "theme",
         None, "not xml at all \x01\x02"),
        ("theme1-empty", "word/theme/theme1.xml", "theme", None, ""),
        ("settings-malformed", "word/settings.xml", "settings", "settings+xml",
         f'{XML_DECL}<w:settings {w}><w:zoom w:percent="100"></w:settings>'),
        ("settings-empty", "word/settings.xml", "settings", "settings+xml", ""),
        ("stylesWithEffects-malformed", "word/stylesWithEffects.xml",
         "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects", None, "<a><b></a>"),
        ("header-does-not-parse", "word/header1.xml", "header", "header+xml",
         f'{XML_DECL}<w:hdr {w}><w:p><w:r><w:t>Header</w:t></w:r>'),
        ("footnotes-malformed", "word/footnotes.xml", "footnotes", "footnotes+xml",
         f'{XML_DECL}<w:footnotes {w}><w:footnote w:id="1"><w:p></w:footnotes>'),
    ]
    for label, part, typ, ct, data in cases:
        target = part[len("word/"):]
        body = BODY_OK
        if typ == "header":
            body += '<w:sectPr><w:headerReference w:type="default" r:id="rIdB"/></w:sectPr>'
        if typ == "footnotes":
            body = para("Text with a note") + '<w:p><w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
        ct_full = (CT_WML + ct) if ct else "application/vnd.openxmlformats-officedocument.theme+xml"
        expect = "any" if typ == "footnotes" else "accept"
        c.zip(f"optional-part-{label}.docx", expect, f"{part} is broken ({label}); the part is referenced",
              package_parts(body, doc_rels=[("rIdB", typ, target, False)], overrides=[(part, ct_full)],
                            extra_parts=[(part, data)]))
    c.zip("optional-part-styles-malformed.docx", "any", "word/styles.xml does not parse",
          package_parts(styles=f'{XML_DECL}<w:styles {w}><w:style w:styleId="Normal">'))
    c.zip("optional-part-docprops-core-malformed.docx", "accept", "docProps/core.xml does not parse",
          package_parts(root_rels=[("rId1", REL_OFFICE_DOCUMENT, "word/document.xml", False),
                                   ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                                    "docProps/core.xml", False)],
                        extra_parts=[("docProps/core.xml", "<cp:coreProperties><dc:creator>Laura")]))


def main():
    if len(sys.argv) != 2:
        print("usage: make_bad_inputs.py OUTPUT_DIR", file=sys.stderr)
        return 2
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    c = Cases(out)
    c.zip("baseline-valid.docx", "accept", "a small valid document (control case)", package_parts())
    not_zip_cases(c)
    truncated_cases(c, zip_bytes(package_parts()))
    corrupt_zip_cases(c)
    bomb_cases(c)
    ole_cases(c)
    strict_case(c)
    missing_part_cases(c)
    broken_reference_cases(c)
    cycle_cases(c)
    nesting_cases(c)
    utf8_cases(c)
    huge_cases(c)
    image_cases(c)
    external_cases(c)
    entry_name_cases(c)
    doctype_cases(c)
    optional_part_cases(c)
    with open(os.path.join(out, "expected.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for name, expect, what in c.rows:
            f.write(f"{name}\t{expect}\t{what}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
