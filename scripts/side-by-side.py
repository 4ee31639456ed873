#!/usr/bin/python3
"""Look at our pages beside LibreOffice's.

For each DOCX given (files or folders), writes into OUTDIR:
  NAME.allies.pdf   our PDF (allies-convert --to pdf)
  NAME.lo.pdf       LibreOffice's (when soffice is installed)
  NAME.pN.png       page N of ours (left) beside page N of LibreOffice's (right)
and prints one line per document with both page counts, so a reader can
open the images and see what a reader of the published PDF would see.

Usage: scripts/side-by-side.py [--convert PATH] [--dpi N] [--pages N] OUTDIR DOCX|DIR...
Needs poppler-utils (pdftoppm) and python3-pil; use Debian's /usr/bin/python3.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

from PIL import Image, ImageDraw


def docx_files(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, _, files in sorted(os.walk(p)):
                for f in sorted(files):
                    if f.lower().endswith(".docx"):
                        yield os.path.join(root, f)
        else:
            yield p


def page_count(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 0


def render(pdf, dpi, pages, prefix):
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-l", str(pages), pdf, prefix],
                   capture_output=True, timeout=300)
    d = os.path.dirname(prefix)
    base = os.path.basename(prefix)
    imgs = sorted(f for f in os.listdir(d) if f.startswith(base + "-") and f.endswith(".png"))
    return [os.path.join(d, f) for f in imgs]


def compose(left, right, out):
    a = Image.open(left) if left else None
    b = Image.open(right) if right else None
    w = (a.width if a else b.width) + (b.width if b else a.width) + 12
    h = max(a.height if a else 0, b.height if b else 0) + 18
    canvas = Image.new("RGB", (w, h), "#808080")
    draw = ImageDraw.Draw(canvas)
    x = 0
    for img, label in ((a, "allies"), (b, "LibreOffice")):
        if img is not None:
            canvas.paste(img, (x, 18))
            draw.text((x + 4, 3), label, fill="white")
            x += img.width + 12
        else:
            draw.text((x + 4, 3), label + ": no page", fill="white")
            x += (a or b).width + 12
    canvas.save(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--convert", default="build/tools/allies-convert")
    ap.add_argument("--dpi", type=int, default=50)
    ap.add_argument("--pages", type=int, default=6, help="pages per document")
    ap.add_argument("outdir")
    ap.add_argument("inputs", nargs="+")
    args = ap.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    soffice = shutil.which("soffice")
    for docx in docx_files(args.inputs):
        name = os.path.splitext(os.path.basename(docx))[0]
        ours = os.path.join(args.outdir, name + ".allies.pdf")
        r = subprocess.run([args.convert, "--to", "pdf", "-o", ours, docx],
                           capture_output=True, text=True, timeout=600)
        if r.returncode != 0:
            print(f"{name}: allies-convert exit {r.returncode}: {r.stderr.strip()}")
            continue
        lo = None
        if soffice:
            with tempfile.TemporaryDirectory() as t:
                subprocess.run([soffice, "--headless", "-env:UserInstallation=file://" + t + "/profile",
                                "--convert-to", "pdf", "--outdir", t, docx],
                               capture_output=True, timeout=600)
                made = os.path.join(t, os.path.splitext(os.path.basename(docx))[0] + ".pdf")
                if os.path.exists(made):
                    lo = os.path.join(args.outdir, name + ".lo.pdf")
                    shutil.move(made, lo)
        with tempfile.TemporaryDirectory() as t:
            ours_png = render(ours, args.dpi, args.pages, os.path.join(t, "a"))
            lo_png = render(lo, args.dpi, args.pages, os.path.join(t, "b")) if lo else []
            for i in range(max(len(ours_png), len(lo_png))):
                compose(ours_png[i] if i < len(ours_png) else None,
                        lo_png[i] if i < len(lo_png) else None,
                        os.path.join(args.outdir, f"{name}.p{i + 1}.png"))
        print(f"{name}: allies {page_count(ours)} pages, LibreOffice "
              f"{page_count(lo) if lo else '-'} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
