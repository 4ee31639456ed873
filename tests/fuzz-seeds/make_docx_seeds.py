#!/usr/bin/python3
"""Writes small DOCX seeds for the DOCX fuzz targets, one feature each, so
mutation starts next to the code that reads it. Deterministic (fixed zip
dates). Usage: make_docx_seeds.py OUTDIR"""
import os
import sys
import zipfile

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' \
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ' \
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' \
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" ' \
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" ' \
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
PNG = bytes.fromhex('89504e470d0a1a0a0000000d4948445200000001000000010806000000'
                    '1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5'
                    '8a8e2c0000000049454e44ae426082')


def p(text, ppr='', rpr=''):
    return f'<w:p><w:pPr>{ppr}</w:pPr><w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def docx(path, body, parts=None, rels=''):
    parts = dict(parts or {})
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
          '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
          '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
          '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
          '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>')
    root = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>')
    core = ('<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Notes</dc:title><dc:creator>Jane Smith</dc:creator></cp:coreProperties>')
    docrels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               f'<Relationship Id="rIdS" Type="{REL}styles" Target="styles.xml"/>' + rels + '</Relationships>')
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><w:styles {W}><w:style w:type="paragraph" w:styleId="Heading1">'
              '<w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>'
              '<w:style w:type="character" w:styleId="Secret"><w:name w:val="Secret"/><w:rPr><w:shd w:val="clear" w:fill="000000"/></w:rPr></w:style></w:styles>')
    entries = [('[Content_Types].xml', ct), ('_rels/.rels', root), ('docProps/core.xml', core),
               ('word/_rels/document.xml.rels', docrels), ('word/styles.xml', styles),
               ('word/document.xml', f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}'
                                     '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708"/></w:sectPr></w:body></w:document>')]
    entries += sorted(parts.items())
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data if isinstance(data, bytes) else data.encode())


def main(out):
    os.makedirs(out, exist_ok=True)
    attendance = p('Present: Cllr Jim Hartley MBE, Dr Fiona MacLeod, Tom Okafor') + p('Apologies: Jane Smith') + \
        p('Tom Okafor said the budget of £18,750 was agreed. Call 07700 900123 or mail t.okafor@example.org.')
    docx(f'{out}/people.docx', attendance)
    docx(f'{out}/markers.docx', p('Budget (confidential)', '<w:pStyle w:val="Heading1"/>') + p('[[redact]]Secret figure 42[[/redact]] visible')
         + p('hidden', rpr='<w:vanish/>') + p('black', rpr='<w:highlight w:val="black"/>') + p('styled', rpr='<w:rStyle w:val="Secret"/>')
         + '<w:sdt><w:sdtPr><w:alias w:val="Confidential"/><w:tag w:val="redact"/></w:sdtPr><w:sdtContent>' + p('In a control') + '</w:sdtContent></w:sdt>')
    docx(f'{out}/table.docx', '<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders><w:top w:val="double" w:sz="4" w:color="DDDDDD"/></w:tblBorders></w:tblPr>'
         '<w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>'
         '<w:tr><w:trPr><w:trHeight w:val="400" w:hRule="exact"/></w:trPr><w:tc><w:tcPr><w:vMerge w:val="restart"/><w:shd w:val="clear" w:fill="000000"/></w:tcPr>' + p('A') + '</w:tc><w:tc>' + p('B') + '</w:tc></w:tr>'
         '<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>' + p('') + '</w:tc><w:tc><w:tcPr><w:gridSpan w:val="1"/></w:tcPr>'
         '<w:tbl><w:tr><w:tc>' + p('nested') + '</w:tc></w:tr></w:tbl>' + p('') + '</w:tc></w:tr></w:tbl>' + p('after'))
    pic = ('<w:p><w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/><wp:docPr id="1" name="Picture 1" descr="Photo of Tom Okafor"/>'
           '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill><a:blip r:embed="rIdI"/></pic:blipFill>'
           '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')
    anchor = ('<w:p><w:r><w:drawing><wp:anchor behindDoc="0" relativeHeight="5" simplePos="0"><wp:simplePos x="0" y="0"/>'
              '<wp:positionH relativeFrom="page"><wp:align>center</wp:align></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>12700</wp:posOffset></wp:positionV>'
              '<wp:extent cx="914400" cy="457200"/><wp:docPr id="2" name="okafor_headshot"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
              '<pic:pic><pic:blipFill><a:blip r:embed="rIdI"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>')
    docx(f'{out}/picture.docx', pic + anchor, {'word/media/image1.png': PNG},
         f'<Relationship Id="rIdI" Type="{REL}image" Target="media/image1.png"/>')
    docx(f'{out}/broken-picture.docx', pic, {'word/media/image1.png': PNG[:40] + b'garbage' * 5},
         f'<Relationship Id="rIdI" Type="{REL}image" Target="media/image1.png"/>')
    textbox = ('<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:extent cx="914400" cy="457200"/><wp:docPr id="3" name="TB"/>'
               '</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape style="position:absolute;width:100pt;height:50pt"><v:textbox><w:txbxContent>'
               + p('Mission Statement') + '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')
    docx(f'{out}/textbox.docx', textbox + p('Body'))
    fields = ('<w:p><w:bookmarkStart w:id="0" w:name="_Ref1"/><w:r><w:t>Target heading</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>'
              '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF _Ref1 \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
              '<w:r><w:t>Target heading</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
              '<w:p><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:hyperlink r:id="rIdH"><w:r><w:t>link</w:t></w:r></w:hyperlink></w:p>'
              '<w:p><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox><w:default w:val="1"/></w:checkBox></w:ffData></w:fldChar></w:r>'
              '<w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
              '<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="1"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>☒</w:t></w:r></w:sdtContent></w:sdt>')
    docx(f'{out}/fields.docx', fields, {}, f'<Relationship Id="rIdH" Type="{REL}hyperlink" Target="https://example.org/team/okafor" TargetMode="External"/>')
    tracked = ('<w:p><w:ins w:id="1" w:author="Dunne, Rachel (RCT)" w:date="2024-01-01T00:00:00Z"><w:r><w:t>inserted</w:t></w:r></w:ins>'
               '<w:del w:id="2" w:author="Okafor, Tom"><w:r><w:delText>deleted Okafor</w:delText></w:r></w:del>'
               '<w:commentRangeStart w:id="0"/><w:r><w:t>commented</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'
               '<w:r><w:footnoteReference w:id="1"/></w:r></w:p>')
    comments = f'<?xml version="1.0" encoding="UTF-8"?><w:comments {W}><w:comment w:id="0" w:author="Fiona MacLeod (Policy Team)">' + p('Please redact') + '</w:comment></w:comments>'
    footnotes = (f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 '<w:footnote w:id="1">' + p('A note about Tom Okafor') + '</w:footnote></w:footnotes>')
    docx(f'{out}/tracked.docx', tracked, {'word/comments.xml': comments, 'word/footnotes.xml': footnotes},
         f'<Relationship Id="rIdC" Type="{REL}comments" Target="comments.xml"/><Relationship Id="rIdF" Type="{REL}footnotes" Target="footnotes.xml"/>')
    numbering = (f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    header = f'<?xml version="1.0" encoding="UTF-8"?><w:hdr {W}>' + p('Header Okafor') + '</w:hdr>'
    lst = ''.join(p(f'item {i}', f'<w:numPr><w:ilvl w:val="{i % 2}"/><w:numId w:val="1"/></w:numPr>') for i in range(4))
    rtl = p('שלום עולם Hello مرحبا', '<w:bidi/>', '<w:rtl/>')
    sect = '<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rIdHd"/><w:cols w:num="2" w:space="720"/><w:type w:val="continuous"/></w:sectPr></w:pPr></w:p>'
    docx(f'{out}/lists.docx', lst + rtl + sect + p('two columns ' * 40), {'word/numbering.xml': numbering, 'word/header1.xml': header},
         f'<Relationship Id="rIdN" Type="{REL}numbering" Target="numbering.xml"/><Relationship Id="rIdHd" Type="{REL}header" Target="header1.xml"/>')


if __name__ == '__main__':
    main(sys.argv[1])
