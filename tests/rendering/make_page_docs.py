#!/usr/bin/python3
"""Writes the documents of issue 13's later items for a side-by-side look
against LibreOffice:

    python3 tests/rendering/make_page_docs.py OUTDIR

fonts.docx     fonts that are not installed, declared in fontTable.xml with
               their family, PANOSE and pitch: a serif body (Book Antiqua),
               Georgia, Verdana, Tahoma, a Comic Sans MS form whose labels
               fit their cells in Word, Consolas, Arial Black, and fonts of
               no known width (a roman and a swiss one)
Each paragraph starts with what it shows. Only the standard library;
deterministic bytes (fixed zip dates)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_rendering_docs import W, package, write, run, p  # noqa: E402

LOREM = ('Members reviewed the quarterly report and agreed the next steps for the community programme. '
         'The chair thanked everyone for their contributions and asked for comments on the draft plan. ')

# name, w:family, w:panose1, w:pitch (as Word writes them for these fonts)
FONTS = [
    ('Book Antiqua', 'roman', '02040602050305030304', 'variable'),
    ('Georgia', 'roman', '02040502050405020303', 'variable'),
    ('Verdana', 'swiss', '020B0604030504040204', 'variable'),
    ('Tahoma', 'swiss', '020B0604030504040204', 'variable'),
    ('Comic Sans MS', 'script', '030F0702030302020204', 'variable'),
    ('Consolas', 'modern', '020B0609020204030204', 'fixed'),
    ('Arial Black', 'swiss', '020B0A04020102020204', 'variable'),
    ('Minion Pro', 'roman', '02040503050306020203', 'variable'),
    ('Frutiger LT 45 Light', 'swiss', '020B0402020204020204', 'variable'),
]


def font_table(fonts):
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts {W}>' +
            ''.join(f'<w:font w:name="{n}"><w:panose1 w:val="{pa}"/><w:charset w:val="00"/>'
                    f'<w:family w:val="{f}"/><w:pitch w:val="{pi}"/></w:font>' for n, f, pa, pi in fonts) +
            '</w:fonts>')


def with_part(entries, name, content_type, rel_type, xml):
    """Adds a part related from the main document (its rels part made if needed)."""
    ct_name, ct = entries[0]
    entries[0] = (ct_name, ct.replace('</Types>', f'<Override PartName="/word/{name}" ContentType="{content_type}"/></Types>'))
    rel = (f'<Relationship Id="r{name.replace(".", "").replace("/", "")}" Type="http://schemas.openxmlformats.org/'
           f'officeDocument/2006/relationships/{rel_type}" Target="{name}"/>')
    for i, (n, data) in enumerate(entries):
        if n == 'word/_rels/document.xml.rels':
            entries[i] = (n, data.replace('</Relationships>', rel + '</Relationships>'))
            break
    else:
        entries.append(('word/_rels/document.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns='
                        '"http://schemas.openxmlformats.org/package/2006/relationships">' + rel + '</Relationships>'))
    entries.append((f'word/{name}', xml))
    return entries


def rfonts(name):
    return f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:cs="{name}"/>'


def label_cell(text, font, width):
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            + p(run(text, rfonts(font) + '<w:sz w:val="20"/>')) + '</w:tc>')


def fonts_doc():
    body = ''
    for name, _, _, _ in FONTS:
        if name == 'Comic Sans MS':
            continue
        body += p(run(f'{name}: ' + LOREM, rfonts(name)))
    # A Comic Sans MS form: each label fits its 1.1-inch cell on one line in Word.
    border = ''.join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                     for s in ('top', 'left', 'bottom', 'right', 'insideH', 'insideV'))
    rows = ''
    for a, b in (('First name', 'Last name'), ('Date of birth', 'Postcode'), ('Telephone', 'Signature')):
        rows += '<w:tr>' + label_cell(a, 'Comic Sans MS', 1584) + label_cell('', 'Comic Sans MS', 2880) + \
                label_cell(b, 'Comic Sans MS', 1584) + label_cell('', 'Comic Sans MS', 2880) + '</w:tr>'
    body += p(run('Comic Sans MS: ' + LOREM, rfonts('Comic Sans MS')))
    body += (f'<w:tbl><w:tblPr><w:tblW w:w="8928" w:type="dxa"/><w:tblBorders>{border}</w:tblBorders></w:tblPr>'
             '<w:tblGrid><w:gridCol w:w="1584"/><w:gridCol w:w="2880"/><w:gridCol w:w="1584"/><w:gridCol w:w="2880"/>'
             f'</w:tblGrid>{rows}</w:tbl>')
    body += p(run('End of fonts.'))
    entries = package(body)
    return with_part(entries, 'fontTable.xml',
                     'application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml', 'fontTable',
                     font_table(FONTS))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else '.'
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, 'fonts.docx'), fonts_doc())


if __name__ == '__main__':
    main()
