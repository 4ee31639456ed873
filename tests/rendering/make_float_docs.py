#!/usr/bin/python3
"""Writes the documents of issue 11 ("everything that sits outside the text
flow") for the layout tests and a side-by-side look against LibreOffice:

    python3 tests/rendering/make_float_docs.py OUTDIR

textbox.docx        an anchored text box (fill, outline, square wrap) at the
                    right margin with text wrapping left of it, a rounded
                    pull quote centred with top-and-bottom wrap
banner.docx         a header holding a full-bleed banner (page-relative,
                    filled, white title) and a watermark behind the text
floating-tables.docx two floating tables side by side (w:tblpPr), text below
frames.docx         a pull quote in a text frame (w:framePr) at the right,
                    and a footer whose page number sits in a centred frame
vml.docx            VML: an absolutely placed text box, an oval, WordArt
pictures.docx       an anchored picture with square wrap on the left, one
                    with top-and-bottom wrap, one behind the text
groups.docx         a group (wpg:wgp) of three labelled boxes joined by a
                    line, with a picture and a nested group, square wrap;
                    a drawing canvas (wpc:wpc) in the line with two shapes
Each has marker words the tests look for ("Mission", "Banner", "Left",
"Right", "Quote", "Oval", "WordArt"). Only the standard library;
deterministic bytes (fixed zip dates)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_rendering_docs import W, W14, DRAWING, run, p, gradient, bmp, write  # noqa: E402

WPS = ('xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
       'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
       'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
       'xmlns:w10="urn:schemas-microsoft-com:office:word"')
SECT = ('<w:sectPr>{refs}<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" '
        'w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>')
EMU_PT = 12700

LOREM = ('Members reviewed the quarterly report and agreed the next steps for the community programme. '
         'The chair thanked everyone for their contributions and asked for comments on the draft plan. ')


def body_text(n, word='Body'):
    return ''.join(p(run(f'{word} paragraph {i + 1}. ' + LOREM * 2)) for i in range(n))


def anchor(inner, x, y, cx, cy, h_rel='margin', v_rel='paragraph', wrap='<wp:wrapSquare wrapText="bothSides"/>',
           behind=0, h_align=None, v_align=None, z=1, dist=114300, docpr=1, descr=''):
    h = (f'<wp:positionH relativeFrom="{h_rel}">' +
         (f'<wp:align>{h_align}</wp:align>' if h_align else f'<wp:posOffset>{x}</wp:posOffset>') + '</wp:positionH>')
    v = (f'<wp:positionV relativeFrom="{v_rel}">' +
         (f'<wp:align>{v_align}</wp:align>' if v_align else f'<wp:posOffset>{y}</wp:posOffset>') + '</wp:positionV>')
    return (f'<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="{dist}" distR="{dist}" simplePos="0" '
            f'relativeHeight="{z}" behindDoc="{behind}" locked="0" layoutInCell="1" allowOverlap="1">'
            f'<wp:simplePos x="0" y="0"/>{h}{v}<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'{wrap}<wp:docPr id="{docpr}" name="Shape {docpr}" descr="{descr}"/><wp:cNvGraphicFramePr/>'
            f'{inner}</wp:anchor></w:drawing></w:r>')


def text_box(paragraphs, cx, cy, fill='DCE6F2', line='1F497D', geom='rect', line_w=19050, anchor_text='t',
             autofit=False):
    fill_xml = f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>' if fill else '<a:noFill/>'
    line_xml = (f'<a:ln w="{line_w}"><a:solidFill><a:srgbClr val="{line}"/></a:solidFill></a:ln>' if line
                else '<a:ln><a:noFill/></a:ln>')
    fit = '<a:spAutoFit/>' if autofit else '<a:noAutofit/>'
    return ('<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/>'
            f'</a:xfrm><a:prstGeom prst="{geom}"><a:avLst/></a:prstGeom>{fill_xml}{line_xml}</wps:spPr>'
            f'<wps:txbx><w:txbxContent>{paragraphs}</w:txbxContent></wps:txbx>'
            f'<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" '
            f'anchor="{anchor_text}">{fit}</wps:bodyPr></wps:wsp></a:graphicData></a:graphic>')


def shape(cx, cy, fill, geom='rect'):
    return ('<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            f'<a:prstGeom prst="{geom}"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>'
            '<a:ln><a:noFill/></a:ln></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>')


def picture_graphic(rid, cx, cy, name='picture'):
    return ('<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="9" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect">'
            '<a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>')


def package(body, parts=(), rels=(), refs=''):
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W} {W14} {DRAWING} {WPS}>'
           f'<w:body>{body}{SECT.format(refs=refs)}</w:body></w:document>')
    overrides = ''.join(f'<Override PartName="/{name}" ContentType="{ctype}"/>' for name, ctype, _ in parts if ctype)
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
          '<Default Extension="bmp" ContentType="image/bmp"/><Override PartName='
          '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
          f'document.main+xml"/>{overrides}</Types>')
    root_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                 'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                 'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    entries = [('[Content_Types].xml', ct), ('_rels/.rels', root_rels), ('word/document.xml', doc)]
    if rels:
        doc_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/relationships">' +
                    ''.join(f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                            f'relationships/{kind}" Target="{target}"/>' for rid, kind, target in rels) +
                    '</Relationships>')
        entries.append(('word/_rels/document.xml.rels', doc_rels))
    entries += [(name, data) for name, _, data in parts]
    return entries


def textbox_doc():
    box = text_box(p(run('Mission Statement', '<w:b/>')) + p(run('We help neighbours help each other.')),
                   2286000, 1143000)
    quote = text_box(p(run('Quote: a pull quote centred in the column.', '<w:i/>'), '<w:jc w:val="center"/>'),
                     3657600, 548640, fill='FDE9D9', line='C0504D', geom='roundRect', anchor_text='ctr')
    body = p(run('Text box test', '<w:b/><w:sz w:val="32"/>'))
    body += p(anchor(box, 0, 0, 2286000, 1143000, h_align='right', v_rel='paragraph', docpr=1) +
              run('First paragraph. ' + LOREM * 3))
    body += body_text(2)
    body += p(anchor(quote, 0, 0, 3657600, 548640, h_align='center', wrap='<wp:wrapTopAndBottom/>', docpr=2) +
              run('Anchor of the quote. ' + LOREM * 2))
    body += body_text(3, 'Closing')
    return package(body)


def header_part(content):
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {W} {W14} {DRAWING} {WPS}>'
            f'{content}</w:hdr>')


def footer_part(content):
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr {W} {W14} {DRAWING} {WPS}>'
            f'{content}</w:ftr>')


def banner_doc():
    banner = text_box(p(run('Banner Fact Sheet', '<w:b/><w:color w:val="FFFFFF"/><w:sz w:val="40"/>')),
                      7560310, 914400, fill='1F497D', line=None, anchor_text='ctr')
    watermark = text_box(p(run('DRAFT', '<w:color w:val="D9D9D9"/><w:sz w:val="144"/>'), '<w:jc w:val="center"/>'),
                         5486400, 1371600, fill=None, line=None, anchor_text='ctr')
    header = p(anchor(banner, 0, 0, 7560310, 914400, h_rel='page', v_rel='page', wrap='<wp:wrapNone/>', docpr=3) +
               anchor(watermark, 0, 0, 5486400, 1371600, h_rel='margin', v_rel='margin', h_align='center',
                      v_align='center', wrap='<wp:wrapNone/>', behind=1, docpr=4))
    body = body_text(8)
    parts = [('word/header1.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml',
              header_part(header))]
    rels = [('rHdr', 'header', 'header1.xml')]
    return package(body, parts, rels, refs='<w:headerReference w:type="default" r:id="rHdr"/>')


def cell(text, width):
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{p(run(text))}</w:tc>')


def floating_table(x, label, rows=4):
    borders = ''.join(f'<w:{s} w:val="single" w:sz="4" w:color="000000"/>'
                      for s in ('top', 'left', 'bottom', 'right', 'insideH', 'insideV'))
    trs = ''.join(f'<w:tr>{cell(f"{label} {r + 1}", 2000)}{cell(str((r + 1) * 125), 2000)}</w:tr>' for r in range(rows))
    return (f'<w:tbl><w:tblPr><w:tblpPr w:leftFromText="180" w:rightFromText="180" w:vertAnchor="text" '
            f'w:horzAnchor="margin" w:tblpX="{x}" w:tblpY="200"/><w:tblW w:w="4000" w:type="dxa"/>'
            f'<w:tblBorders>{borders}</w:tblBorders></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/>'
            f'<w:gridCol w:w="2000"/></w:tblGrid>{trs}</w:tbl>')


def floating_tables_doc():
    body = p(run('Floating tables side by side', '<w:b/><w:sz w:val="32"/>'))
    body += floating_table(0, 'Left') + floating_table(4800, 'Right')
    body += body_text(4, 'After')
    return package(body)


def frames_doc():
    frame = ('<w:framePr w:w="3000" w:hSpace="180" w:wrap="around" w:vAnchor="text" w:hAnchor="margin" '
             'w:xAlign="right" w:y="1"/><w:pBdr><w:top w:val="single" w:sz="8" w:space="1" w:color="4F81BD"/>'
             '<w:bottom w:val="single" w:sz="8" w:space="1" w:color="4F81BD"/></w:pBdr>'
             '<w:shd w:val="clear" w:color="auto" w:fill="DBE5F1"/>')
    body = p(run('Frames', '<w:b/><w:sz w:val="32"/>'))
    body += p(run('Quote in a frame: members asked for plainer letters.', '<w:i/>'), frame)
    body += body_text(6)
    page_frame = '<w:framePr w:wrap="around" w:vAnchor="text" w:hAnchor="margin" w:xAlign="center" w:y="1"/>'
    page = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE '
            '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    footer = p(page, page_frame) + p(run('Footer line: charity 1234567'))
    parts = [('word/footer1.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml',
              footer_part(footer))]
    rels = [('rFtr', 'footer', 'footer1.xml')]
    return package(body, parts, rels, refs='<w:footerReference w:type="default" r:id="rFtr"/>')


def vml_doc():
    textbox = ('<w:r><w:pict><v:shape id="tb1" type="#_x0000_t202" style="position:absolute;margin-left:300pt;'
               'margin-top:0;width:150pt;height:60pt;z-index:2;mso-position-horizontal-relative:margin;'
               'mso-position-vertical-relative:text" fillcolor="#ffffcc" strokecolor="#c00000" strokeweight="1.5pt">'
               '<v:textbox><w:txbxContent>' + p(run('VML box: the agenda moved to Thursday.')) +
               '</w:txbxContent></v:textbox><w10:wrap type="square"/></v:shape></w:pict></w:r>')
    oval = ('<w:r><w:pict><v:oval id="ov1" style="position:absolute;margin-left:0;margin-top:80pt;width:120pt;'
            'height:60pt;z-index:3;mso-position-horizontal-relative:margin;mso-position-vertical-relative:text" '
            'fillcolor="#9bbb59" stroked="f"><v:textbox><w:txbxContent>' + p(run('Oval text'), '<w:jc w:val="center"/>') +
            '</w:txbxContent></v:textbox><w10:wrap type="square"/></v:oval></w:pict></w:r>')
    wordart = ('<w:r><w:pict><v:shape id="wa1" type="#_x0000_t136" style="position:absolute;margin-left:0;'
               'margin-top:200pt;width:300pt;height:40pt;z-index:4;mso-position-horizontal-relative:margin;'
               'mso-position-vertical-relative:text" fillcolor="#1f497d" stroked="f"><v:textpath '
               'style="font-family:&quot;Arial&quot;" string="WordArt Heading"/></v:shape></w:pict></w:r>')
    body = p(run('VML shapes', '<w:b/><w:sz w:val="32"/>'))
    body += p(textbox + oval + wordart + run('Anchor paragraph. ' + LOREM * 2))
    body += body_text(5)
    return package(body)


def pictures_doc():
    image = bmp(gradient(60, 40))
    cx, cy = 1828800, 1219200
    body = p(run('Anchored pictures', '<w:b/><w:sz w:val="32"/>'))
    body += p(anchor(picture_graphic('rImg0', cx, cy), 0, 0, cx, cy, h_align='left', docpr=5, descr='Left picture') +
              run('Square wrap: this text sits right of the picture. ' + LOREM * 3))
    body += body_text(2)
    body += p(anchor(picture_graphic('rImg0', cx, cy), 0, 0, cx, cy, h_align='center',
                     wrap='<wp:wrapTopAndBottom/>', docpr=6, descr='Centre picture') +
              run('Top and bottom: no text beside the picture. ' + LOREM))
    body += p(anchor(picture_graphic('rImg0', cx * 2, cy * 2), 0, 0, cx * 2, cy * 2, h_align='center',
                     v_rel='page', v_align='center', h_rel='page', wrap='<wp:wrapNone/>', behind=1, docpr=7,
                     descr='Behind picture') + run('Behind: a picture under the text. ' + LOREM))
    body += body_text(3)
    parts = [('word/media/gradient.bmp', None, image)]
    rels = [('rImg0', 'image', 'media/gradient.bmp')]
    return package(body, parts, rels)


GROUPS = ('xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
          'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"')


def child_box(x, y, cx, cy, fill, label=None, geom='rect'):
    centred = '<w:jc w:val="center"/><w:spacing w:after="0"/>'
    txbx = ('<wps:txbx><w:txbxContent>' + p(run(label, '<w:b/>'), centred) +
            '</w:txbxContent></wps:txbx>') if label else ''
    return (f'<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            f'<a:prstGeom prst="{geom}"><a:avLst/></a:prstGeom>'
            + (f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>' if fill else '<a:noFill/>') +
            '<a:ln w="12700"><a:solidFill><a:srgbClr val="1F497D"/></a:solidFill></a:ln></wps:spPr>'
            f'{txbx}<wps:bodyPr lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="ctr"/></wps:wsp>')


def child_picture(rid, x, y, cx, cy):
    return ('<pic:pic><pic:nvPicPr><pic:cNvPr id="9" name="photo" descr="Group picture"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect">'
            '<a:avLst/></a:prstGeom></pic:spPr></pic:pic>')


def groups_doc():
    # A 400 x 180 unit layout drawn 240 x 108 pt; the child coordinates
    # are twice the EMU drawn (chExt = 2 x ext): Word scales the group.
    u = EMU_PT * 6 // 5
    cx, cy = 240 * EMU_PT, 108 * EMU_PT
    children = (child_box(0, 0, 240 * u, 60 * u, 'DCE6F2', 'Chair') +
                child_box(0, 120 * u, 110 * u, 60 * u, 'FDE9D9', 'Treasurer') +
                child_box(130 * u, 120 * u, 110 * u, 60 * u, 'EBF1DE', 'Secretary') +
                child_box(120 * u, 60 * u, 0, 60 * u, None, geom='line') +
                child_picture('rImg0', 260 * u, 0, 140 * u, 100 * u) +
                '<wpg:grpSp><wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm><a:off x="' + str(260 * u) + '" y="' + str(120 * u) +
                '"/><a:ext cx="' + str(140 * u) + '" cy="' + str(60 * u) + '"/><a:chOff x="0" y="0"/><a:chExt cx="' +
                str(70 * u) + '" cy="' + str(30 * u) + '"/></a:xfrm></wpg:grpSpPr>' +
                child_box(0, 0, 70 * u, 30 * u, 'FFF2CC', 'Nested') + '</wpg:grpSp>')
    group = ('<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup">'
             f'<wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/>'
             f'<a:chOff x="0" y="0"/><a:chExt cx="{cx * 2}" cy="{cy * 2}"/></a:xfrm></wpg:grpSpPr>{children}'
             '</wpg:wgp></a:graphicData></a:graphic>')
    canvas_children = (child_box(20 * EMU_PT, 10 * EMU_PT, 120 * EMU_PT, 40 * EMU_PT, 'DCE6F2', 'Canvas one') +
                       child_box(180 * EMU_PT, 30 * EMU_PT, 120 * EMU_PT, 40 * EMU_PT, 'FDE9D9', 'Canvas two',
                                 geom='ellipse'))
    canvas = ('<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
              f'<wp:extent cx="{320 * EMU_PT}" cy="{80 * EMU_PT}"/><wp:docPr id="8" name="Canvas"/>'
              '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas">'
              f'<wpc:wpc><wpc:bg/><wpc:whole/>{canvas_children}</wpc:wpc></a:graphicData></a:graphic>'
              '</wp:inline></w:drawing></w:r>')
    body = p(run('Groups and canvases', '<w:b/><w:sz w:val="32"/>'))
    body += p(anchor(group, 0, 0, cx, cy, h_align='right', docpr=7) + run('Group anchor. ' + LOREM * 4))
    body += body_text(2)
    body += p(canvas)
    body += body_text(2, 'After')
    parts = [('word/media/gradient.bmp', None, bmp(gradient(60, 40)))]
    rels = [('rImg0', 'image', 'media/gradient.bmp')]
    entries = package(body, parts, rels)
    name, doc = entries[2]
    entries[2] = (name, doc.replace('<w:document ', f'<w:document {GROUPS} ', 1))
    return entries


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else '.'
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, 'textbox.docx'), textbox_doc())
    write(os.path.join(out, 'banner.docx'), banner_doc())
    write(os.path.join(out, 'floating-tables.docx'), floating_tables_doc())
    write(os.path.join(out, 'frames.docx'), frames_doc())
    write(os.path.join(out, 'vml.docx'), vml_doc())
    write(os.path.join(out, 'pictures.docx'), pictures_doc())
    write(os.path.join(out, 'groups.docx'), groups_doc())


if __name__ == '__main__':
    main()
