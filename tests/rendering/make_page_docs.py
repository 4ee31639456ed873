#!/usr/bin/python3
"""Writes the documents of issue 13's later items for a side-by-side look
against LibreOffice:

    python3 tests/rendering/make_page_docs.py OUTDIR

fonts.docx     fonts that are not installed, declared in fontTable.xml with
               their family, PANOSE and pitch: a serif body (Book Antiqua),
               Georgia, Verdana, Tahoma, a Comic Sans MS form whose labels
               fit their cells in Word, Consolas, Arial Black, and fonts of
               no known width (a roman and a swiss one)
charts.docx    column and line charts over small and narrow value ranges (their
               value axes as Excel scales them: steps of 1, 2 or 5 x 10^n,
               zero or a rounded minimum), a 100% stacked column chart, and a
               chart of three series whose c:title has no text ("Chart Title")
metafiles.docx an EMF whose only painting record is a GradientFill (which allies
               does not draw) with a PNG of the same gradient beside it: as the
               mc:Fallback of an mc:AlternateContent, and as its blip's
               a14:imgLayer; then the same EMF alone (a placeholder box with
               its alt text)
Each paragraph starts with what it shows. Only the standard library;
deterministic bytes (fixed zip dates)."""
import os
import struct
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_rendering_docs import W, DRAWING, package, write, run, p  # noqa: E402
from metafiles import emf, erec  # noqa: E402

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


def chart_space(kind, series, title='', grouping='clustered'):
    """A chart part: kind bar (columns) or line, series as (name, values)."""
    cats = [f'Q{k + 1}' for k in range(len(series[0][1]))]

    def ser(i, name, values):
        pts = ''.join(f'<c:pt idx="{k}"><c:v>{c}</c:v></c:pt>' for k, c in enumerate(cats))
        vals = ''.join(f'<c:pt idx="{k}"><c:v>{v}</c:v></c:pt>' for k, v in enumerate(values))
        return (f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/><c:tx><c:strRef><c:f>S!$A${i + 2}</c:f><c:strCache>'
                f'<c:ptCount val="1"/><c:pt idx="0"><c:v>{name}</c:v></c:pt></c:strCache></c:strRef></c:tx>'
                f'<c:cat><c:strRef><c:f>S!$B$1</c:f><c:strCache><c:ptCount val="{len(cats)}"/>{pts}</c:strCache>'
                f'</c:strRef></c:cat><c:val><c:numRef><c:f>S!$B${i + 2}</c:f><c:numCache><c:formatCode>General'
                f'</c:formatCode><c:ptCount val="{len(values)}"/>{vals}</c:numCache></c:numRef></c:val></c:ser>')
    body = ''.join(ser(i, n, v) for i, (n, v) in enumerate(series))
    if kind == 'bar':
        plot = (f'<c:barChart><c:barDir val="col"/><c:grouping val="{grouping}"/><c:varyColors val="0"/>{body}'
                + ('<c:overlap val="100"/>' if grouping != 'clustered' else '') +
                '<c:axId val="1"/><c:axId val="2"/></c:barChart>')
    else:
        plot = (f'<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{body}<c:marker val="1"/>'
                '<c:axId val="1"/><c:axId val="2"/></c:lineChart>')
    plot += ('<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
             '<c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation '
             'val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt '
             'formatCode="General" sourceLinked="1"/><c:crossAx val="1"/></c:valAx>')
    title_xml = {'': '<c:autoTitleDeleted val="1"/>',
                 'empty': '<c:title><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>'}.get(title)
    if title_xml is None:
        title_xml = (f'<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>{title}</a:t></a:r></a:p></c:rich></c:tx>'
                     '<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><c:chartSpace xmlns:c="http://schemas.'
            'openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:chart>' + title_xml +
            '<c:plotArea><c:layout/>' + plot + '</c:plotArea><c:legend><c:legendPos val="b"/></c:legend>'
            '<c:plotVisOnly val="1"/></c:chart></c:chartSpace>')


def chart_run(index, cx=4572000, cy=2743200):
    return (f'<w:r><w:drawing><wp:inline><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{index + 1}" '
            f'name="Chart {index}"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/'
            'chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
            f'r:id="rCh{index}"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')


CHARTS = [
    ('Values up to 0.45', 'bar', [('A', [0.12, 0.45, 0.3, 0.21])], 'Small values', 'clustered'),
    ('Values up to 9', 'bar', [('A', [3, 7, 9, 5]), ('B', [2, 6, 4, 8])], 'Up to nine', 'clustered'),
    ('Values 20.1 to 20.5', 'line', [('Temperature', [20.1, 20.5, 20.3, 20.4])], 'Narrow range', 'clustered'),
    ('Values 1010 to 1050', 'bar', [('Visitors', [1010, 1050, 1032, 1041])], 'Large and close', 'clustered'),
    ('Values -3 to -1', 'bar', [('Loss', [-1, -3, -2, -2.5])], 'All negative', 'clustered'),
    ('100% stacked', 'bar', [('A', [3, 7, 9, 5]), ('B', [2, 6, 4, 8])], '100% stacked', 'percentStacked'),
    ('Title element without text, three series', 'bar',
     [('Series 1', [4.3, 2.5, 3.5, 4.5]), ('Series 2', [2.4, 4.4, 1.8, 2.8]), ('Series 3', [2, 2, 3, 5])],
     'empty', 'clustered'),
]


def charts_doc():
    body = ''
    for i, (label, _, _, _, _) in enumerate(CHARTS):
        body += p(run(label, '<w:b/>')) + p(chart_run(i))
    entries = package(body)
    ct_name, ct = entries[0]
    entries[0] = (ct_name, ct.replace('</Types>', ''.join(
        f'<Override PartName="/word/charts/chart{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'drawingml.chart+xml"/>' for i in range(len(CHARTS))) + '</Types>'))
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships">' + ''.join(
                f'<Relationship Id="rCh{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                f'chart" Target="charts/chart{i}.xml"/>' for i in range(len(CHARTS))) + '</Relationships>')
    entries.append(('word/_rels/document.xml.rels', rels))
    for i, (_, kind, series, title, grouping) in enumerate(CHARTS):
        entries.append((f'word/charts/chart{i}.xml', chart_space(kind, series, title, grouping)))
    return entries


def gradient_emf():
    """A GRADIENTFILL, red at the left to blue at the right, over the whole picture."""
    vertex = '<iiHHHH'
    body = (struct.pack('<iiiiIII', 0, 0, 255, 127, 2, 1, 0) +       # bounds, 2 vertices, 1 rectangle, RECT_H
            struct.pack(vertex, 0, 0, 0xFF00, 0, 0, 0) + struct.pack(vertex, 256, 128, 0, 0, 0xFF00, 0) +
            struct.pack('<II', 0, 1))
    return emf([erec(118, body)])


def gradient_png(w=256, h=128):
    """The same gradient as a PNG (RGB, unfiltered rows)."""
    row = b'\0' + b''.join(bytes((255 - x * 255 // (w - 1), 0, x * 255 // (w - 1))) for x in range(w))
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(row * h, 9)) + chunk(b'IEND', b''))


def metafile_inline(emf_rid, extra_blip='', docpr=1, descr='Sales gradient'):
    return (f'<w:drawing><wp:inline><wp:extent cx="2438400" cy="1219200"/><wp:docPr id="{docpr}" name="Picture {docpr}" '
            f'descr="{descr}"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{docpr}" name="g.emf"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
            f'<a:blip r:embed="{emf_rid}">{extra_blip}</a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2438400" cy="1219200"/></a:xfrm><a:prstGeom prst="rect">'
            '<a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>')


def metafiles_doc():
    layer = ('<a:extLst><a:ext uri="{BEBA8EAE-BF5A-486C-A8C5-ECC9F3942E4B}"><a14:imgProps><a14:imgLayer r:embed="rPng"/>'
             '</a14:imgProps></a:ext></a:extLst>')
    pict = ('<w:pict><v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:192pt;height:96pt">'
            '<v:imagedata r:id="rPng" o:title=""/></v:shape></w:pict>')
    body = p(run('EMF in mc:Choice, PNG in mc:Fallback:', '<w:b/>'))
    body += p('<w:r><mc:AlternateContent><mc:Choice Requires="a14">' + metafile_inline('rEmf', docpr=1) +
              f'</mc:Choice><mc:Fallback>{pict}</mc:Fallback></mc:AlternateContent></w:r>')
    body += p(run('EMF with its original as a14:imgLayer:', '<w:b/>'))
    body += p('<w:r>' + metafile_inline('rEmf', layer, docpr=2) + '</w:r>')
    body += p(run('EMF alone (a placeholder with its alt text):', '<w:b/>'))
    body += p('<w:r>' + metafile_inline('rEmf', docpr=3) + '</w:r>')
    entries = package(body)
    doc_name, doc = entries[2]
    entries[2] = (doc_name, doc.replace('<w:document ', '<w:document xmlns:mc="http://schemas.openxmlformats.org/'
                                        'markup-compatibility/2006" xmlns:a14="http://schemas.microsoft.com/office/'
                                        'drawing/2010/main" xmlns:v="urn:schemas-microsoft-com:vml" '
                                        'xmlns:o="urn:schemas-microsoft-com:office:office" '))
    ct_name, ct = entries[0]
    entries[0] = (ct_name, ct.replace('</Types>', '<Default Extension="emf" ContentType="image/x-emf"/>'
                                      '<Default Extension="png" ContentType="image/png"/></Types>'))
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rEmf" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/image" Target="media/gradient.emf"/><Relationship Id="rPng" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/image" Target="media/gradient.png"/></Relationships>')
    entries += [('word/_rels/document.xml.rels', rels), ('word/media/gradient.emf', gradient_emf()),
                ('word/media/gradient.png', gradient_png())]
    return entries


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else '.'
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, 'fonts.docx'), fonts_doc())
    write(os.path.join(out, 'charts.docx'), charts_doc())
    write(os.path.join(out, 'metafiles.docx'), metafiles_doc())


if __name__ == '__main__':
    main()
