#!/usr/bin/python3
"""Small WMF and EMF pictures written record by record (issue 13), for the
metafile tests and the side-by-side look:

    python3 tests/rendering/metafiles.py OUTDIR

logo.wmf     placeable WMF, window 1000 x 500: a red square (null pen), a
             blue ellipse with a 10-unit black pen, a green triangle, a
             polyline, "WMF Logo" in 100-unit Arial on GDI's default
             opaque white background, a 2 x 2 bitmap
             (StretchDIB) in the top-right corner, SaveDC/RestoreDC
logo.emf     EMF, 80 x 40 mm frame, MM_ANISOTROPIC window 2000 x 1000: a
             yellow rectangle, an orange rounded rectangle, a path
             (triangle, FillPath), "EMF Emblem" by ExtTextOutW with a
             transparent background, a 2 x 2
             bitmap (StretchDIBits), a world transform moving a purple
             polygon
clip.emf     EMF, MM_TEXT 256 x 128 pixels: a bitmap stretched over the whole
             picture inside a triangular clip path (SelectClipPath between
             SaveDC and RestoreDC), then an unclipped green bar
gradient.emf an EMF whose only painting record is a GradientFill (not
             drawn by allies: a placeholder and a warning)
The files in tests/rendering/metafiles/ are this script's output."""
import os
import struct
import sys


def dib_2x2():
    """BITMAPINFOHEADER + 24-bit bottom-up bits: red green / blue white (top row first)."""
    info = struct.pack('<IiiHHIIiiII', 40, 2, 2, 1, 24, 0, 16, 2835, 2835, 0, 0)
    bottom = bytes((255, 0, 0, 255, 255, 255)) + b'\0\0'   # blue, white
    top = bytes((0, 0, 255, 0, 255, 0)) + b'\0\0'          # red, green
    return info, bottom + top


# --- WMF ---------------------------------------------------------------------

def wrec(fn, params=b''):
    if len(params) % 2:
        params += b'\0'
    return struct.pack('<IH', (6 + len(params)) // 2, fn) + params


def wmf_logo():
    recs = []
    recs.append(wrec(0x020B, struct.pack('<hh', 0, 0)))        # SETWINDOWORG y, x
    recs.append(wrec(0x020C, struct.pack('<hh', 500, 1000)))   # SETWINDOWEXT y, x
    recs.append(wrec(0x02FC, struct.pack('<HIH', 0, 0x0000FF, 0)))     # brush 0: red
    recs.append(wrec(0x02FA, struct.pack('<HhhI', 5, 0, 0, 0)))         # pen 1: null
    recs.append(wrec(0x012D, struct.pack('<H', 0)))
    recs.append(wrec(0x012D, struct.pack('<H', 1)))
    recs.append(wrec(0x041B, struct.pack('<hhhh', 500, 500, 0, 0)))     # RECTANGLE b, r, t, l
    recs.append(wrec(0x001E))                                           # SAVEDC
    recs.append(wrec(0x02FC, struct.pack('<HIH', 0, 0xFF0000, 0)))      # brush 2: blue
    recs.append(wrec(0x02FA, struct.pack('<HhhI', 0, 10, 0, 0)))        # pen 3: black, 10
    recs.append(wrec(0x012D, struct.pack('<H', 2)))
    recs.append(wrec(0x012D, struct.pack('<H', 3)))
    recs.append(wrec(0x0418, struct.pack('<hhhh', 400, 900, 100, 600)))  # ELLIPSE b, r, t, l
    recs.append(wrec(0x0127, struct.pack('<h', -1)))                    # RESTOREDC: red brush, null pen
    recs.append(wrec(0x02FC, struct.pack('<HIH', 0, 0x00FF00, 0)))      # brush 4: green
    recs.append(wrec(0x012D, struct.pack('<H', 4)))
    tri = [(550, 480), (650, 420), (750, 480)]
    recs.append(wrec(0x0324, struct.pack('<H', 3) + b''.join(struct.pack('<hh', x, y) for x, y in tri)))
    recs.append(wrec(0x012D, struct.pack('<H', 3)))                     # the black pen again
    line = [(20, 20), (480, 20), (480, 60)]
    recs.append(wrec(0x0325, struct.pack('<H', 3) + b''.join(struct.pack('<hh', x, y) for x, y in line)))
    face = b'Arial'.ljust(32, b'\0')
    recs.append(wrec(0x02FB, struct.pack('<hhhhhBBBBBBBB', -100, 0, 0, 0, 700, 0, 0, 0, 0, 0, 0, 0, 0) + face))  # font 5
    recs.append(wrec(0x012D, struct.pack('<H', 5)))
    recs.append(wrec(0x0209, struct.pack('<I', 0x008000)))              # SETTEXTCOLOR dark green
    recs.append(wrec(0x012E, struct.pack('<H', 24)))                    # TA_BASELINE
    text = b'WMF Logo'
    recs.append(wrec(0x0521, struct.pack('<H', len(text)) + text + struct.pack('<hh', 450, 50)))  # TEXTOUT ..., y, x
    info, bits = dib_2x2()
    # STRETCHDIB: rop, usage, srcH, srcW, ySrc, xSrc, destH, destW, yDst, xDst, DIB
    recs.append(wrec(0x0F43, struct.pack('<IHhhhhhhhh', 0x00CC0020, 0, 2, 2, 0, 0, 100, 100, 0, 900) + info + bits))
    recs.append(wrec(0x0000))                                           # EOF
    body = b''.join(recs)
    max_rec = max(struct.unpack_from('<I', r)[0] for r in recs)
    header = struct.pack('<HHHIHIH', 1, 9, 0x0300, (18 + len(body)) // 2, 6, max_rec, 0)
    placeable = struct.pack('<IHhhhhHI', 0x9AC6CDD7, 0, 0, 0, 1000, 500, 1440, 0)
    checksum = 0
    for i in range(0, 20, 2):
        checksum ^= struct.unpack_from('<H', placeable, i)[0]
    placeable += struct.pack('<H', checksum)
    return placeable + header + body


# --- EMF ---------------------------------------------------------------------

def erec(kind, data=b''):
    while len(data) % 4:
        data += b'\0'
    return struct.pack('<II', kind, 8 + len(data)) + data


def emf(records, frame=(0, 0, 8000, 4000), handles=8):
    body = b''.join(records) + erec(14, struct.pack('<III', 0, 16, 20))  # EOF
    # Reference device: 1024 x 768 pixels on 320 x 240 mm (3.2 px/mm).
    size = 88 + len(body)
    header = struct.pack('<II', 1, 88)
    header += struct.pack('<iiii', 0, 0, 255, 127)                     # bounds (device pixels)
    header += struct.pack('<iiii', *frame)                              # frame (0.01 mm)
    header += struct.pack('<IIIIHHIII', 0x464D4520, 0x10000, size, len(records) + 2, handles, 0, 0, 0, 0)
    header += struct.pack('<iiii', 1024, 768, 320, 240)
    assert len(header) == 88
    return header + body


def points32(pts):
    return b''.join(struct.pack('<ii', x, y) for x, y in pts)


def emf_logo():
    r = []
    r.append(erec(17, struct.pack('<I', 8)))                            # SETMAPMODE anisotropic
    r.append(erec(9, struct.pack('<ii', 2000, 1000)))                   # window ext
    r.append(erec(11, struct.pack('<ii', 256, 128)))                    # viewport ext (80 x 40 mm at 3.2 px/mm)
    r.append(erec(39, struct.pack('<IIII', 1, 0, 0x00FFFF, 0)))         # brush 1: yellow
    r.append(erec(37, struct.pack('<I', 1)))
    r.append(erec(37, struct.pack('<I', 0x80000008)))                   # NULL_PEN
    r.append(erec(43, struct.pack('<iiii', 0, 0, 1000, 1000)))          # RECTANGLE: left half
    r.append(erec(39, struct.pack('<IIII', 2, 0, 0x0080FF, 0)))         # brush 2: orange
    r.append(erec(38, struct.pack('<IIiiI', 3, 0, 20, 0, 0x000000)))    # pen 3: black, 20
    r.append(erec(37, struct.pack('<I', 2)))
    r.append(erec(37, struct.pack('<I', 3)))
    r.append(erec(44, struct.pack('<iiiiii', 1100, 100, 1900, 400, 200, 200)))  # ROUNDRECT
    r.append(erec(37, struct.pack('<I', 0x80000004)))                   # BLACK_BRUSH
    r.append(erec(59))                                                  # BEGINPATH
    r.append(erec(27, struct.pack('<ii', 1100, 900)))                   # MOVETOEX
    r.append(erec(54, struct.pack('<ii', 1300, 600)))                   # LINETO
    r.append(erec(54, struct.pack('<ii', 1500, 900)))
    r.append(erec(61))                                                  # CLOSEFIGURE
    r.append(erec(60))                                                  # ENDPATH
    r.append(erec(62, struct.pack('<iiii', 0, 0, 0, 0)))                # FILLPATH
    # Font 4: -150 units, Arial; text in dark red, TA_TOP | TA_LEFT.
    face = 'Arial'.encode('utf-16-le').ljust(64, b'\0')
    logfont = struct.pack('<iiiiiBBBBBBBB', -150, 0, 0, 0, 400, 0, 0, 0, 0, 0, 0, 0, 0) + face
    r.append(erec(82, struct.pack('<I', 4) + logfont + b'\0' * (332 - 92)))
    r.append(erec(37, struct.pack('<I', 4)))
    r.append(erec(24, struct.pack('<I', 0x000080)))                     # SETTEXTCOLOR
    r.append(erec(22, struct.pack('<I', 0)))                            # SETTEXTALIGN top-left
    r.append(erec(18, struct.pack('<I', 1)))                            # SETBKMODE transparent
    text = 'EMF Emblem'.encode('utf-16-le')
    # EXTTEXTOUTW: bounds, mode, xscale, yscale, EMRTEXT(ref, n, offString, options, rect, offDx), string
    off_string = 8 + 16 + 12 + 40
    emrtext = struct.pack('<iiIIIiiiiI', 100, 100, 10, off_string, 0, 0, 0, 0, 0, 0)
    r.append(erec(84, struct.pack('<iiiiIff', 0, 0, 0, 0, 1, 0.0, 0.0) + emrtext + text))
    # STRETCHDIBITS into the top-right corner (1900..2000 x 0..100).
    info, bits = dib_2x2()
    off_bmi = 8 + 72
    r.append(erec(81, struct.pack('<iiiiiiiiiiIIIIIIii', 0, 0, 0, 0, 1900, 0, 0, 0, 2, 2, off_bmi, len(info),
                                   off_bmi + len(info), len(bits), 0, 0x00CC0020, 100, 100) + info + bits))
    # A purple square moved by the world transform (+200, +0).
    r.append(erec(35, struct.pack('<ffffff', 1, 0, 0, 1, 200, 0)))
    r.append(erec(39, struct.pack('<IIII', 5, 0, 0x800080, 0)))
    r.append(erec(37, struct.pack('<I', 5)))
    r.append(erec(37, struct.pack('<I', 0x80000008)))
    sq = [(1500, 500), (1700, 500), (1700, 700), (1500, 700)]
    r.append(erec(3, struct.pack('<iiiiI', 0, 0, 0, 0, len(sq)) + points32(sq)))  # POLYGON
    return emf(r)


def emf_clip():
    r = [erec(33)]                                                      # SAVEDC
    r.append(erec(59))                                                  # BEGINPATH
    r.append(erec(27, struct.pack('<ii', 0, 128)))
    r.append(erec(54, struct.pack('<ii', 128, 0)))
    r.append(erec(54, struct.pack('<ii', 256, 128)))
    r.append(erec(61))
    r.append(erec(60))                                                  # ENDPATH
    r.append(erec(67, struct.pack('<I', 5)))                            # SELECTCLIPPATH RGN_COPY
    info, bits = dib_2x2()
    off_bmi = 8 + 72
    r.append(erec(81, struct.pack('<iiiiiiiiiiIIIIIIii', 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, off_bmi, len(info),
                                   off_bmi + len(info), len(bits), 0, 0x00CC0020, 256, 128) + info + bits))
    r.append(erec(34, struct.pack('<i', -1)))                           # RESTOREDC
    r.append(erec(39, struct.pack('<IIII', 1, 0, 0x00FF00, 0)))
    r.append(erec(37, struct.pack('<I', 1)))
    r.append(erec(37, struct.pack('<I', 0x80000008)))
    r.append(erec(43, struct.pack('<iiii', 0, 120, 256, 128)))          # the green bar along the bottom
    return emf(r)


def emf_gradient():
    r = [erec(118, struct.pack('<iiiiIII', 0, 0, 10, 10, 0, 0, 0))]  # GRADIENTFILL with no vertices
    return emf(r)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else '.'
    os.makedirs(out, exist_ok=True)
    for name, data in (('logo.wmf', wmf_logo()), ('logo.emf', emf_logo()), ('clip.emf', emf_clip()), ('gradient.emf', emf_gradient())):
        with open(os.path.join(out, name), 'wb') as f:
            f.write(data)


if __name__ == '__main__':
    main()
