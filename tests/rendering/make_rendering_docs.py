#!/usr/bin/python3
"""Writes the small documents of issue 13 ("the page as Word draws it") for
a side-by-side look against LibreOffice:

    python3 tests/rendering/make_rendering_docs.py OUTDIR

forms.docx    legacy form fields and content controls, symbol-font characters
borders.docx  table borders: nil/none, styles, widths, colours, conflicts,
              insideH/insideV, vertically merged cells
colours.docx  automatic text on dark shading and highlight, shading patterns
pictures.docx GIF, BMP and TIFF pictures (written by hand below)
charts.docx   a column chart with value labels, gap width 50% and overlap
              -20%; a pie with percentage labels
metafiles.docx WMF and EMF pictures (metafiles.py), one of them an OLE
              object's VML preview sized by its shape's style
Only the standard library; deterministic bytes (fixed zip dates)."""
import os
import struct
import sys
import zipfile

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
DRAWING = ('xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
           'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
           'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
           'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')
SECT = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" '
        'w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>')


def run(text, rpr=''):
    rpr = f'<w:rPr>{rpr}</w:rPr>' if rpr else ''
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def p(runs, ppr=''):
    ppr = f'<w:pPr>{ppr}</w:pPr>' if ppr else ''
    return f'<w:p>{ppr}{runs}</w:p>'


def legacy(instr, ffdata, result=''):
    s = (f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="F"/><w:enabled/>{ffdata}'
         f'</w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>')
    if result:
        s += '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + result
    return s + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def checkbox_sdt(checked, content, states=''):
    return (f'<w:sdt><w:sdtPr><w:id w:val="1"/><w14:checkbox><w14:checked w14:val="{1 if checked else 0}"/>'
            f'{states}</w14:checkbox></w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>')


def gradient(w, h):
    """Rows of (r, g, b): red across, blue down, a white cross in the middle."""
    rows = []
    for y in range(h):
        row = []
        for x in range(w):
            if x == w // 2 or y == h // 2:
                row.append((255, 255, 255))
            else:
                row.append((x * 255 // (w - 1), 64, y * 255 // (h - 1)))
        rows.append(row)
    return rows


def bmp(rows):
    h, w = len(rows), len(rows[0])
    stride = (w * 3 + 3) // 4 * 4
    data = b''
    for row in reversed(rows):  # bottom-up
        line = b''.join(bytes((b, g, r)) for r, g, b in row)
        data += line + b'\0' * (stride - len(line))
    info = struct.pack('<IiiHHIIiiII', 40, w, h, 1, 24, 0, len(data), 2835, 2835, 0, 0)
    return b'BM' + struct.pack('<IHHI', 14 + 40 + len(data), 0, 0, 54) + info + data


def gif(rows):
    """An 8-bit GIF with a 6x6x6 colour cube palette; LZW codes kept at 9 bits
    by a clear code every 254 pixels (valid, uncompressed-size data)."""
    h, w = len(rows), len(rows[0])
    palette = b''.join(bytes((r * 51, g * 51, b * 51)) for r in range(6) for g in range(6) for b in range(6))
    palette += b'\0' * (768 - len(palette))
    codes = []
    pixels = [(r * 5 // 255) * 36 + (g * 5 // 255) * 6 + (b * 5 // 255) for row in rows for r, g, b in row]
    for i, px in enumerate(pixels):
        if i % 254 == 0:
            codes.append(256)
        codes.append(px)
    codes.append(257)
    bits, nbits, out = 0, 0, bytearray()
    for c in codes:
        bits |= c << nbits
        nbits += 9
        while nbits >= 8:
            out.append(bits & 0xFF)
            bits >>= 8
            nbits -= 8
    if nbits:
        out.append(bits & 0xFF)
    blocks = b''.join(bytes((len(out[i:i + 255]),)) + bytes(out[i:i + 255]) for i in range(0, len(out), 255))
    return (b'GIF89a' + struct.pack('<HHBBB', w, h, 0xF7, 0, 0) + palette + b',' +
            struct.pack('<HHHHB', 0, 0, w, h, 0) + b'\x08' + blocks + b'\0;')


def tiff(rows):
    h, w = len(rows), len(rows[0])
    data = b''.join(bytes(px) for row in rows for px in row)
    entries = [(256, 4, 1, w), (257, 4, 1, h), (258, 3, 3, 8 + len(data)), (259, 3, 1, 1), (262, 3, 1, 2),
               (273, 4, 1, 8), (277, 3, 1, 3), (278, 4, 1, h), (279, 4, 1, len(data)), (284, 3, 1, 1)]
    bps = struct.pack('<HHH', 8, 8, 8)
    ifd_at = 8 + len(data) + len(bps)
    ifd = struct.pack('<H', len(entries))
    for tag, typ, count, value in entries:
        packed = struct.pack('<I', value) if typ == 4 or count > 1 else struct.pack('<HH', value, 0)
        ifd += struct.pack('<HHI', tag, typ, count) + packed
    ifd += struct.pack('<I', 0)
    return b'II*\0' + struct.pack('<I', ifd_at) + data + bps + ifd


def package(body, media=()):
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W} {W14} {DRAWING}>'
           f'<w:body>{body}{SECT}</w:body></w:document>')
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
          '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
          'document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    entries = [('[Content_Types].xml', ct), ('_rels/.rels', rels), ('word/document.xml', doc)]
    if media:
        doc_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/relationships">')
        for i, (name, _) in enumerate(media):
            doc_rels += (f'<Relationship Id="rImg{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                         f'relationships/image" Target="media/{name}"/>')
        entries.append(('word/_rels/document.xml.rels', doc_rels + '</Relationships>'))
        entries += [(f'word/media/{name}', data) for name, data in media]
    return entries


def write(path, entries):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data if isinstance(data, bytes) else data.encode('utf-8'))


def forms():
    gothic = '<w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic"/>'
    entries = '<w:listEntry w:val="Red"/><w:listEntry w:val="Green"/><w:listEntry w:val="Blue"/>'
    body = p(run('Legacy form fields', '<w:b/><w:sz w:val="28"/>'))
    body += p(run('Attended: ') + legacy('FORMCHECKBOX', '<w:checkBox><w:sizeAuto/><w:default w:val="1"/></w:checkBox>')
              + run('   Apologies: ') + legacy('FORMCHECKBOX', '<w:checkBox><w:sizeAuto/><w:default w:val="0"/></w:checkBox>')
              + run('   Checked over default: ')
              + legacy('FORMCHECKBOX', '<w:checkBox><w:sizeAuto/><w:default w:val="0"/><w:checked/></w:checkBox>'))
    body += p(run('Large box (w:size 16 pt): ')
              + legacy('FORMCHECKBOX', '<w:checkBox><w:size w:val="32"/><w:default w:val="1"/></w:checkBox>'))
    body += p(run('Colour (drop-down, third entry): ')
              + legacy('FORMDROPDOWN', f'<w:ddList><w:result w:val="2"/>{entries}</w:ddList>'))
    body += p(run('Name (text field): ')
              + legacy('FORMTEXT', '<w:textInput/>', run('Ada Lovelace', '<w:noProof/>')))
    body += p('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MACROBUTTON '
              'NoMacro [Click here and type the date] </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
    body += p(run('Content controls', '<w:b/><w:sz w:val="28"/>'))
    states = ('<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
              '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>')
    body += p(run('Member: ') + checkbox_sdt(True, run('\u2612', gothic), states)
              + run('   Guest: ') + checkbox_sdt(False, run('\u2610', gothic), states))
    wd = ('<w14:checkedState w14:val="F0FE" w14:font="Wingdings"/>'
          '<w14:uncheckedState w14:val="F0A8" w14:font="Wingdings"/>')
    body += p(run('Wingdings states: ') + checkbox_sdt(True, '<w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r>', wd))
    body += p(run('Drop-down: ') + '<w:sdt><w:sdtPr><w:dropDownList w:lastValue="b"><w:listItem w:displayText="Alpha" '
              'w:value="a"/><w:listItem w:displayText="Beta" w:value="b"/></w:dropDownList></w:sdtPr><w:sdtContent>'
              + run('Beta') + '</w:sdtContent></w:sdt>')
    body += p(run('Date: ') + '<w:sdt><w:sdtPr><w:date w:fullDate="2026-12-04T00:00:00Z"><w:dateFormat w:val="d MMMM '
              'yyyy"/></w:date></w:sdtPr><w:sdtContent>' + run('4 December 2026') + '</w:sdtContent></w:sdt>')
    body += p(run('Symbol fonts: ') + '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/><w:sym w:font="Wingdings" '
              'w:char="F0D8"/><w:sym w:font="Wingdings" w:char="F075"/><w:sym w:font="Symbol" w:char="F0B7"/>'
              '<w:sym w:font="Symbol" w:char="F0AE"/><w:sym w:font="Wingdings 2" w:char="F052"/></w:r>')
    return package(body)


def border(side, val, sz=4, color='auto'):
    return f'<w:{side} w:val="{val}" w:sz="{sz}" w:space="0" w:color="{color}"/>'


def cell(text, tcpr='', width=2000):
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{tcpr}</w:tcPr>{p(run(text))}</w:tc>'


def table(borders, rows, columns=2, width=2000):
    grid = f'<w:gridCol w:w="{width}"/>' * columns
    b = f'<w:tblBorders>{borders}</w:tblBorders>' if borders else ''
    return (f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/>{b}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
            f'{rows}</w:tbl>')


def all_borders(val, sz=4, color='auto'):
    return ''.join(border(s, val, sz, color) for s in ('top', 'left', 'bottom', 'right', 'insideH', 'insideV'))


def borders():
    body = p(run('Signature block: nil table borders, one bottom rule', '<w:b/>'))
    body += table(all_borders('nil'), '<w:tr>' + cell('Signed:') + cell('', '<w:tcBorders>' + border('bottom', 'single', 8)
                  + '</w:tcBorders>') + '</w:tr><w:tr>' + cell('Date:') + cell('') + '</w:tr>')
    body += p(run('Styles: double grey, dotted red, dashed, thick', '<w:b/>'))
    body += table(border('top', 'double', 4, 'AAAAAA') + border('bottom', 'dotted', 8, 'FF0000')
                  + border('left', 'dashed', 12) + border('right', 'thick', 24) + border('insideV', 'single', 4, 'DDDDDD'),
                  '<w:tr>' + cell('double top') + cell('light grey inside') + '</w:tr>')
    body += p(run('Light grey grid (DDDDDD)', '<w:b/>'))
    row = '<w:tr>' + cell('a') + cell('b') + cell('c') + '</w:tr>'
    body += table(all_borders('single', 4, 'DDDDDD'), row + row, 3)
    body += p(run('Conflict: 3 pt blue left border of b beats the thin right border of a', '<w:b/>'))
    body += table(all_borders('single', 4), '<w:tr>' + cell('a') + cell('b', '<w:tcBorders>'
                  + border('left', 'single', 24, '0000FF') + '</w:tcBorders>') + '</w:tr>')
    body += p(run('Inside borders only', '<w:b/>'))
    row = '<w:tr>' + cell('a') + cell('b') + '</w:tr>'
    body += table(border('insideH', 'single', 4) + border('insideV', 'single', 4), row + row)
    body += p(run('Vertically merged cell', '<w:b/>'))
    cont = '<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/><w:vMerge/></w:tcPr><w:p/></w:tc>'
    body += table(all_borders('single'), '<w:tr>' + cell('merged', '<w:vMerge w:val="restart"/>') + cell('1')
                  + '</w:tr><w:tr>' + cont + cell('2') + '</w:tr>')
    body += p(run('More styles: triple, thinThickSmallGap, dotDash, dashSmallGap', '<w:b/>'))
    body += table(border('top', 'triple', 4) + border('bottom', 'thinThickSmallGap', 24) + border('left', 'dotDash', 8)
                  + border('right', 'dashSmallGap', 8), '<w:tr>' + cell('x') + '</w:tr>', 1)
    return package(body)


def colours():
    dark, navy = '<w:shd w:val="clear" w:color="auto" w:fill="000000"/>', '<w:shd w:val="clear" w:color="auto" w:fill="1F3864"/>'
    light = '<w:shd w:val="clear" w:color="auto" w:fill="DDDDDD"/>'
    body = p(run('Automatic text on dark cells', '<w:b/>'))
    body += table(all_borders('single'), '<w:tr>' + cell('Heading on black', dark) + cell('Heading on navy', navy)
                  + cell('On light grey', light) + '</w:tr>', 3)
    body += p(run('Black bar (solid, auto)'), '<w:shd w:val="solid" w:color="auto" w:fill="auto"/>')
    body += p(run('Half grey (pct50)'), '<w:shd w:val="pct50" w:color="000000" w:fill="FFFFFF"/>')
    body += p(run('Night', '<w:highlight w:val="darkBlue"/>') + run(' Day', '<w:highlight w:val="yellow"/>')
              + run(' Ink', '<w:shd w:val="clear" w:color="auto" w:fill="000000"/>')
              + run(' Red on black', '<w:color w:val="FF0000"/><w:shd w:val="clear" w:color="auto" w:fill="000000"/>'))
    return package(body)


def picture(index, name, cx=1828800, cy=1219200):
    return (f'<w:r><w:drawing><wp:inline><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{index + 1}" name="P{index}" '
            f'descr="{name}"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{index + 1}" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="rImg{index}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect">'
            f'<a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')


def pictures():
    rows = gradient(60, 40)
    media = [('gradient.gif', gif(rows)), ('gradient.bmp', bmp(rows)), ('gradient.tif', tiff(rows))]
    body = p(run('GIF, BMP and TIFF pictures', '<w:b/>'))
    for i, (name, _) in enumerate(media):
        body += p(run(name + ': ') + picture(i, name))
    return package(body, media)


def metafiles_doc():
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import metafiles
    media = [('logo.wmf', metafiles.wmf_logo()), ('logo.emf', metafiles.emf_logo())]
    body = p(run('WMF and EMF pictures', '<w:b/>'))
    for i, (name, _) in enumerate(media):
        body += p(run(name + ': ') + picture(i, name, 2540000, 1270000))
    body += p(run('The WMF as an OLE object preview: ') +
              '<w:r><w:object w:dxaOrig="4000" w:dyaOrig="2000"><v:shape id="_x0000_i1025" type="#_x0000_t75" '
              'style="width:150pt;height:75pt" o:ole=""><v:imagedata r:id="rImg0" o:title=""/></v:shape>'
              '</w:object></w:r>')
    entries = package(body, media)
    name, doc = entries[2]
    entries[2] = (name, doc.replace('<w:document ', '<w:document xmlns:v="urn:schemas-microsoft-com:vml" '
                                    'xmlns:o="urn:schemas-microsoft-com:office:office" '))
    return entries


def chart_xml(kind, series, extra='', labels=''):
    cats = ['North', 'South', 'West']
    def ser(i, name, values):
        pts = ''.join(f'<c:pt idx="{k}"><c:v>{c}</c:v></c:pt>' for k, c in enumerate(cats))
        vals = ''.join(f'<c:pt idx="{k}"><c:v>{v}</c:v></c:pt>' for k, v in enumerate(values))
        return (f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/><c:tx><c:strRef><c:f>S!$A${i + 2}</c:f><c:strCache>'
                f'<c:ptCount val="1"/><c:pt idx="0"><c:v>{name}</c:v></c:pt></c:strCache></c:strRef></c:tx>'
                f'<c:cat><c:strRef><c:f>S!$B$1:$D$1</c:f><c:strCache><c:ptCount val="3"/>{pts}</c:strCache></c:strRef></c:cat>'
                f'<c:val><c:numRef><c:f>S!$B${i + 2}:$D${i + 2}</c:f><c:numCache><c:formatCode>General</c:formatCode>'
                f'<c:ptCount val="3"/>{vals}</c:numCache></c:numRef></c:val></c:ser>')
    body = ''.join(ser(i, n, v) for i, (n, v) in enumerate(series))
    axes = ('<c:axId val="1"/><c:axId val="2"/>' if kind == 'bar' else '')
    plot = (f'<c:{kind}Chart>' + ('<c:barDir val="col"/><c:grouping val="clustered"/>' if kind == 'bar' else '') +
            '<c:varyColors val="' + ('1' if kind == 'pie' else '0') + '"/>' + body + labels + extra + axes + f'</c:{kind}Chart>')
    if kind == 'bar':
        plot += ('<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
                 '<c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation '
                 'val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:crossAx val="1"/></c:valAx>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/'
            'drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships"><c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>'
            + plot + '</c:plotArea><c:legend><c:legendPos val="b"/></c:legend><c:plotVisOnly val="1"/></c:chart></c:chartSpace>')


def chart_run(index, rid):
    return (f'<w:r><w:drawing><wp:inline><wp:extent cx="4572000" cy="2286000"/><wp:docPr id="{index + 1}" name="Chart {index}"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart '
            'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="' + rid + '"/></a:graphicData></a:graphic>'
            '</wp:inline></w:drawing></w:r>')


def charts():
    show = '<c:dLbls><c:showLegendKey val="0"/><c:showVal val="{v}"/><c:showCatName val="0"/><c:showSerName val="0"/>' \
           '<c:showPercent val="{p}"/><c:showBubbleSize val="0"/></c:dLbls>'
    column = chart_xml('bar', [('2025', [4, 7, 2]), ('2026', [5, 3, 6])],
                       '<c:gapWidth val="50"/><c:overlap val="-20"/>', show.format(v=1, p=0))
    pie = chart_xml('pie', [('Share', [50, 30, 20])], '', show.format(v=0, p=1))
    body = p(run('Data labels, gap width and overlap', '<w:b/>')) + p(chart_run(0, 'rCh0')) + p(chart_run(1, 'rCh1'))
    entries = package(body)
    ct = entries[0][1].replace('</Types>', ''.join(
        f'<Override PartName="/word/charts/chart{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'drawingml.chart+xml"/>' for i in (1, 2)) + '</Types>')
    entries[0] = (entries[0][0], ct)
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships">' + ''.join(
                f'<Relationship Id="rCh{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                f'chart" Target="charts/chart{i + 1}.xml"/>' for i in (0, 1)) + '</Relationships>')
    entries += [('word/_rels/document.xml.rels', rels), ('word/charts/chart1.xml', column), ('word/charts/chart2.xml', pie)]
    return entries


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else '.'
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, 'forms.docx'), forms())
    write(os.path.join(out, 'borders.docx'), borders())
    write(os.path.join(out, 'colours.docx'), colours())
    write(os.path.join(out, 'pictures.docx'), pictures())
    write(os.path.join(out, 'metafiles.docx'), metafiles_doc())
    write(os.path.join(out, 'charts.docx'), charts())


if __name__ == '__main__':
    main()
