#!/bin/sh
# Makes the README's pictures from the sample: the first page of the document in the review PDF (the
# original, every redaction highlighted and labelled) beside page 1 of the
# public PDF, as docs/images/review-and-public.png. Needs a build (build/),
# poppler-utils and python3-pil. Run after a change to layout or redaction
# and commit the picture with it.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ALLIES_HASH_KEY_FILE="$tmp/key" ./build/tools/allies-publish samples/meeting-notes.docx \
    --names samples/roster.txt -o "$tmp/public" --review "$tmp/review" -q
pdftoppm -r 60 -png -f 2 -l 2 "$tmp/review/meeting-notes.review.pdf" "$tmp/review-page"
pdftoppm -r 60 -png -f 1 -l 1 "$tmp/public/meeting-notes.pdf" "$tmp/public-page"
mkdir -p docs/images
/usr/bin/python3 - "$tmp" docs/images/review-and-public.png <<'PY'
import glob, sys
from PIL import Image, ImageDraw
tmp, out = sys.argv[1], sys.argv[2]
a = Image.open(sorted(glob.glob(tmp + "/review-page*.png"))[0]).convert("RGB")
b = Image.open(sorted(glob.glob(tmp + "/public-page*.png"))[0]).convert("RGB")
pad, top = 16, 26
canvas = Image.new("RGB", (a.width + b.width + 3 * pad, max(a.height, b.height) + top + pad), "#e8e8e8")
draw = ImageDraw.Draw(canvas)
canvas.paste(a, (pad, top))
canvas.paste(b, (2 * pad + a.width, top))
draw.text((pad, 8), "review PDF (internal): what is redacted, and why", fill="black")
draw.text((2 * pad + a.width, 8), "public PDF: published after the leak check", fill="black")
canvas.save(out, optimize=True)
PY
echo "wrote docs/images/review-and-public.png"
