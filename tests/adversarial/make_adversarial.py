#!/usr/bin/python3
"""Generate adversarial meeting-notes DOCX cases for allies-publish (issue 14).

Usage: make_adversarial.py OUTDIR
Each case lives in OUTDIR/<id>/: in/<relpath>.docx, case.json (class, secrets,
must_keep, keep, input mode) and optionally roster.txt. Deterministic output.
"""
import json, os, random, sys, zipfile, shutil
from xml.sax.saxutils import escape as xesc

random.seed(14)
W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
     'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
     'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
     'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
     'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
     'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
     'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
     'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="w14"')
FIXED = (2024, 6, 11, 9, 0, 0)
PNG = bytes.fromhex('89504e470d0a1a0a0000000d4948445200000001000000010806000000'
                    '1f15c4890000000d49444154789c6360f8cf000000040001f61738550000000049454e44ae426082')
BASE_STYLES = '''<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="40"/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders></w:tblPr></w:style>
'''

def r(text, rpr=''):
    return '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (('<w:rPr>%s</w:rPr>' % rpr) if rpr else '', xesc(text))

def p(*parts, style=None, ppr=''):
    body = ''.join(x if x.startswith('<') else r(x) for x in parts)
    sp = ('<w:pStyle w:val="%s"/>' % style) if style else ''
    return '<w:p>%s%s</w:p>' % (('<w:pPr>%s%s</w:pPr>' % (sp, ppr)) if (sp or ppr) else '', body)

def h1(t): return p(t, style='Heading1')
def h2(t): return p(t, style='Heading2')

def table(rows, tblpr=''):
    out = '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>%s</w:tblPr><w:tblGrid>%s</w:tblGrid>' % (
        tblpr, '<w:gridCol w:w="3000"/>' * len(rows[0]))
    for row in rows:
        out += '<w:tr>' + ''.join('<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>%s</w:tc>' % (c if c.startswith('<w:p') else p(c)) for c in row) + '</w:tr>'
    return out + '</w:tbl>'

def sdt_block(inner, alias=None, tag=None):
    pr = ''
    if alias is not None: pr += '<w:alias w:val="%s"/>' % xesc(alias)
    if tag is not None: pr += '<w:tag w:val="%s"/>' % xesc(tag)
    return '<w:sdt><w:sdtPr>%s<w:id w:val="%d"/></w:sdtPr><w:sdtContent>%s</w:sdtContent></w:sdt>' % (pr, random.randint(1000, 99999), inner)

def sdt_run(text, alias=None, tag=None):
    return sdt_block(r(text), alias, tag)

class Doc:
    def __init__(self):
        self.body = []
        self.styles = ''
        self.comments = []      # (id, author, initials, text)
        self.footnotes = []     # (id, text)
        self.header = None
        self.footer = None
        self.rels = []          # (id, type, target, external)
        self.media = {}
        self.numbering = None
        self.core = {'title': 'Meeting notes', 'creator': 'Clerk', 'lastModifiedBy': 'Clerk'}
        self.extra_core = ''
    def add(self, *xs): self.body.extend(xs); return self
    def rel(self, rid, typ, target, external=False):
        self.rels.append((rid, typ, target, external))
    def write(self, path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        ct = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
              '<Default Extension="xml" ContentType="application/xml"/>',
              '<Default Extension="png" ContentType="image/png"/>',
              '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
              '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>',
              '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>']
        rels = [('rIdStyles', R + 'styles', 'styles.xml', False)] + self.rels
        parts = {}
        parts['word/styles.xml'] = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles %s>%s%s</w:styles>' % (W, BASE_STYLES, self.styles)
        sect = ''
        if self.comments:
            parts['word/comments.xml'] = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments %s>%s</w:comments>' % (W, ''.join(
                '<w:comment w:id="%d" w:author="%s" w:date="2024-06-11T09:00:00Z" w:initials="%s">%s</w:comment>' % (i, xesc(a), xesc(ini), p(t)) for i, a, ini, t in self.comments))
            ct.append('<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>')
            rels.append(('rIdComments', R + 'comments', 'comments.xml', False))
        if self.footnotes:
            fn = '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
            fn += ''.join('<w:footnote w:id="%d"><w:p><w:r><w:footnoteRef/></w:r>%s</w:p></w:footnote>' % (i, r(' ' + t)) for i, t in self.footnotes)
            parts['word/footnotes.xml'] = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes %s>%s</w:footnotes>' % (W, fn)
            ct.append('<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>')
            rels.append(('rIdFootnotes', R + 'footnotes', 'footnotes.xml', False))
        if self.header:
            parts['word/header1.xml'] = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr %s>%s</w:hdr>' % (W, self.header)
            ct.append('<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>')
            rels.append(('rIdHdr', R + 'header', 'header1.xml', False))
            sect += '<w:headerReference w:type="default" r:id="rIdHdr"/>'
        if self.footer:
            parts['word/footer1.xml'] = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr %s>%s</w:ftr>' % (W, self.footer)
            ct.append('<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>')
            rels.append(('rIdFtr', R + 'footer', 'footer1.xml', False))
            sect += '<w:footerReference w:type="default" r:id="rIdFtr"/>'
        if self.numbering:
            parts['word/numbering.xml'] = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering %s>%s</w:numbering>' % (W, self.numbering)
            ct.append('<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>')
            rels.append(('rIdNum', R + 'numbering', 'numbering.xml', False))
        sect = '<w:sectPr>%s<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>' % sect
        parts['word/document.xml'] = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document %s><w:body>%s%s</w:body></w:document>' % (W, ''.join(self.body), sect)
        parts['word/_rels/document.xml.rels'] = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>' % ''.join(
            '<Relationship Id="%s" Type="%s" Target="%s"%s/>' % (i, t, xesc(g, {'"': '&quot;'}), ' TargetMode="External"' if e else '') for i, t, g, e in rels)
        c = self.core
        parts['docProps/core.xml'] = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:title>%s</dc:title><dc:creator>%s</dc:creator><cp:lastModifiedBy>%s</cp:lastModifiedBy>%s'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2024-06-11T09:00:00Z</dcterms:created></cp:coreProperties>') % (
            xesc(c['title']), xesc(c['creator']), xesc(c['lastModifiedBy']), self.extra_core)
        parts['_rels/.rels'] = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>')
        parts['[Content_Types].xml'] = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">%s</Types>' % ''.join(ct)
        with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
            order = ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/_rels/document.xml.rels'] + sorted(k for k in parts if k not in ('[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/_rels/document.xml.rels'))
            for k in order:
                z.writestr(zipfile.ZipInfo(k, FIXED), parts[k].encode('utf-8'))
            for k in sorted(self.media):
                z.writestr(zipfile.ZipInfo(k, FIXED), self.media[k])

# ---------------------------------------------------------------- common filler
FILLER = [
    'The minutes of the previous meeting were agreed as an accurate record.',
    'The group reviewed progress on the community garden project.',
    'Members discussed the timetable for the spring newsletter.',
    'The volunteer rota for the summer fete was confirmed.',
]
def base(title='Community Advisory Group', present='Present: Laura Bennett (Chair), Tom Okafor, Priya Raman'):
    d = Doc()
    d.add(p(title + ' – meeting notes', style='Title'))
    if present: d.add(p(present))
    d.add(h1('1. Welcome'), p(FILLER[0]), p(FILLER[1]))
    return d
ROSTER = ['Laura Bennett | Laura | role=Chair', 'Tom Okafor | Tom', 'Priya Raman']
CASES = []
def case(cid, cls, doc, secrets, must_keep=(), roster=ROSTER, keep=(), relpath=None, folder=False, note=''):
    CASES.append(dict(id=cid, cls=cls, doc=doc, secrets=list(secrets), must_keep=list(must_keep) + [FILLER[1]],
                      roster=list(roster) if roster else [], keep=list(keep), relpath=relpath or (cid + '.docx'), folder=folder, note=note))

def end(d):
    d.add(h1('9. Close'), p('The meeting closed at 8.40pm.'))
    return d

# ================================================================ class 1: file/folder names
case('c1_surname_file', 'filename', end(base()), ['Okafor'], relpath='2024-06-11 Okafor grievance hearing - notes.docx', folder=True)
case('c1_folder_surname_given', 'filename', end(base()), ['Okafor'], relpath='HR/Okafor, Tom/notes.docx', folder=True)
case('c1_lower_folder', 'filename', end(base()), ['okafor'], relpath='Staff/okafor-t/minutes 2024-06.docx', folder=True)
case('c1_attendee_only', 'filename', end(base(present='Present: Laura Bennett, Nadia Kowalczyk')), ['Kowalczyk'], relpath='kowalczyk_review_notes.docx', folder=True)
d = end(base()); d.core['creator'] = 'Fiona MacLeod'
case('c1_author_file', 'filename', d, ['MacLeod'], relpath='MacLeod_F 1to1 notes.docx', folder=True)
case('c1_direct_file', 'filename', end(base()), ['Raman'], relpath='raman-appraisal.docx', folder=False)

# ================================================================ class 2: cross-references
def bm(name, i, text):
    return '<w:bookmarkStart w:id="%d" w:name="%s"/>%s<w:bookmarkEnd w:id="%d"/>' % (i, name, r(text), i)
def fld(instr, result):
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> %s </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>%s<w:r><w:fldChar w:fldCharType="end"/></w:r>') % (xesc(instr), r(result))
d = base(); d.add(p('<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>' + bm('_Ref100', 1, 'Redundancy of the Harbourside caretaker (confidential)')),
                  p('The caretaker post at Harbourside will close in October.'),
                  h1('3. Actions'), p('See ', fld('REF _Ref100 \\h', 'Redundancy of the Harbourside caretaker (confidential)'), ' for background.'))
case('c2_ref_heading', 'crossref', end(d), ['Harbourside'], ['for background'])
d = base(); d.add(p('[[redact]]The tenant at ', bm('flat', 2, 'Flat 3 Quayside Mews'), ' is in arrears.[[/redact]]'),
                  p('Address noted: ', fld('REF flat \\h', 'Flat 3 Quayside Mews'), '.'))
case('c2_ref_m4', 'crossref', end(d), ['Quayside Mews'], ['Address noted'])
d = base(); d.add(sdt_block(p(bm('grant', 3, 'Hollybank Trust grant withdrawn')) + p('Grant of £4,200 withdrawn.'), alias='Sensitive', tag='redact:financial'),
                  p('Background: ', '<w:hyperlink w:anchor="grant">%s</w:hyperlink>' % r('Hollybank Trust grant withdrawn'), ' (see above).'))
case('c2_anchor_link_m1', 'crossref', end(d), ['Hollybank'], ['(see above)'])
d = base(); d.add(h2('Complaint about Elmstead Lodge (confidential)'), p('<w:bookmarkStart w:id="4" w:name="_Ref200"/>' + r('Table 1: Elmstead Lodge incidents') + '<w:bookmarkEnd w:id="4"/>'),
                  h2('Next steps'), p('As shown in ', fld('REF _Ref200 \\h', 'Table 1: Elmstead Lodge incidents'), ' on page ', fld('PAGEREF _Ref200 \\h', '2'), ', action is needed.'))
case('c2_ref_caption', 'crossref', end(d), ['Elmstead'], ['action is needed'])
d = base(); d.add(p('[[redact]]', bm('_Ref300', 5, 'Settlement with Brackenfield Ltd'), '[[/redact]]'), p('Item ', fld('NOTEREF _Ref300 \\h', 'Settlement with Brackenfield Ltd'), ' deferred.'))
case('c2_noteref', 'crossref', end(d), ['Brackenfield'], ['deferred'])

# ================================================================ class 3: name forms
d = base(present='Present: Cllr Jim Hartley MBE, Dr Fiona MacLeod OBE, Prof Sam Idowu FRS'); d.add(p('Hartley reported on the bid. MacLeod and Idowu agreed.'))
case('c3_honorifics', 'names', end(d), ['Hartley', 'MacLeod', 'Idowu'], ['reported on the bid'], roster=[])
d = base(present=None); d.core['creator'] = 'Fiona MacLeod (Policy Team)'; d.add(p('Comments from MacLeod were noted.'))
case('c3_author_paren', 'names', end(d), ['MacLeod', 'Fiona'], ['were noted'], roster=[])
d = base(present=None); d.core['creator'] = 'Bowen, Idris (RCT)'; d.add(p('Idris presented the draft strategy.'))
case('c3_author_surname_given', 'names', end(d), ['Idris', 'Bowen'], ['presented the draft strategy'], roster=[])
d = base(present=None); d.add(p('Budget lines were ', '<w:ins w:id="9" w:author="Dunne, Rachel (RCT)" w:date="2024-06-11T10:00:00Z">%s</w:ins>' % r('approved'), '. Rachel will follow up.'))
case('c3_track_author', 'names', end(d), ['Rachel', 'Dunne'], ['Budget lines were'], roster=[])
d = base(present='Present: Laura Bennett, Mrs Anneke Van der Berg, Seán Ó Briain, Niamh O\'Sullivan'); d.add(p('Mrs Van der Berg raised the parking issue; Ó Briain and O\'Sullivan supported her.'))
case('c3_particles', 'names', end(d), ['Van der Berg', 'Briain', 'Sullivan', 'Anneke'], ['raised the parking issue'])
d = base(); d.add(p('Action: LB to write to the council. TO to book the hall. PR said the IT budget is fine.'))
case('c3_initials', 'names', end(d), ['LB', 'TO', 'PR'], ['to write to the council', 'IT budget'])
d = base(roster=None) if False else base(present='Present: Grace Whitfield, Laura Bennett'); d.add(p('GW said the grant would be paid. Agreed (GW/LB).'))
case('c3_initials_attendee', 'names', end(d), ['GW', 'Whitfield'], ['the grant would be paid'])
d = base(present='Present: Sir Malcolm Rhodes KC, Dame Helen Ashworth, Rev. Canon Peter Lyle'); d.add(p('Rhodes advised caution. Ashworth and Lyle concurred.'))
case('c3_titles_more', 'names', end(d), ['Rhodes', 'Ashworth', 'Lyle', 'Malcolm'], ['advised caution'], roster=[])
d = base(present='Attendees: OKAFOR, Tom; BENNETT, Laura; Raman, Priya (Finance)'); d.add(p('Priya presented the accounts.'))
case('c3_surname_first_list', 'names', end(d), ['Okafor', 'Priya'], ['presented the accounts'], roster=[])
d = base(); d.add(p("Tom's and Laura’s proposals were merged; OKAFOR’s figures stood."))
case('c3_possessive_caps', 'names', end(d), ['Okafor', 'Laura'], ['proposals were merged'])

# ================================================================ class 4: attributes
ffdd = ('<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Contact"/><w:enabled/><w:ddList><w:result w:val="0"/>'
        '<w:listEntry w:val="Choose"/><w:listEntry w:val="Tom Okafor 07700 900461"/><w:listEntry w:val="Priya Raman"/></w:ddList></w:ffData></w:fldChar></w:r>'
        '<w:r><w:instrText xml:space="preserve"> FORMDROPDOWN </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Choose</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
d = base(); d.add(p('Contact for the hall: ', ffdd))
case('c4_listentry', 'attribute', end(d), ['Okafor', '07700 900461', 'Priya Raman'], ['Contact for the hall'])
d = base(); d.add('<w:permStart w:id="1" w:ed="k.adeyemi@example.org"/>', p('Editable section for the treasurer.'), '<w:permEnd w:id="1"/>',
                  '<w:permStart w:id="2" w:ed="RCT\\kadeyemi"/>', p('Second editable section.'), '<w:permEnd w:id="2"/>')
case('c4_permstart', 'attribute', end(d), ['k.adeyemi@example.org', 'kadeyemi', 'adeyemi'], ['Editable section for the treasurer'], roster=ROSTER + ['Kemi Adeyemi'])
d = base(); d.add(table([['Item', 'Owner'], ['Hall booking', 'Clerk']], '<w:tblCaption w:val="Tasks for Tom Okafor"/><w:tblDescription w:val="Allocated by Laura Bennett, call 01632 960 772"/>'))
case('c4_tblcaption', 'attribute', end(d), ['Okafor', 'Bennett', '01632 960 772'], ['Hall booking'])
d = base(); d.rel('rIdL1', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink', 'https://intranet.example.org/team/okafor', True)
d.add(p('See the ', '<w:hyperlink r:id="rIdL1">%s</w:hyperlink>' % r('staff page'), ' for details.'))
case('c4_staff_url', 'attribute', end(d), ['okafor'], ['for details'])
d = base(); d.rel('rIdL2', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink', 'https://contoso-my.sharepoint.com/personal/t_okafor_example_org/Documents/Budget%20draft.xlsx', True)
d.add(p('The ', '<w:hyperlink r:id="rIdL2">%s</w:hyperlink>' % r('budget draft'), ' is shared.'))
case('c4_onedrive_url', 'attribute', end(d), ['okafor'], ['is shared'])
d = base(); d.rel('rIdL3', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink', 'https://www.example.org/people/priya%20raman', True)
d.add(p('Profile: ', '<w:hyperlink r:id="rIdL3">%s</w:hyperlink>' % r('online profile'), '.'))
case('c4_url_encoded', 'attribute', end(d), ['raman'], ['Profile:'])
def drawing(rid, name, descr, linked=False):
    blip = ('<a:blip r:link="%s"/>' % rid) if linked else ('<a:blip r:embed="%s"/>' % rid)
    return ('<w:r><w:drawing><wp:inline><wp:extent cx="952500" cy="952500"/><wp:docPr id="%d" name="%s" descr="%s"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="%s" descr="%s"/><pic:cNvPicPr/></pic:nvPicPr>'
            '<pic:blipFill>%s<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>') % (
            random.randint(1, 999), xesc(name), xesc(descr), xesc(name), xesc(descr), blip)
d = base(); d.rel('rIdImg', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image', 'media/okafor_headshot.png'); d.media['word/media/okafor_headshot.png'] = PNG
d.add(p('New volunteer coordinator:'), p(drawing('rIdImg', 'okafor_headshot.png', 'Photo')))
case('c4_media_name', 'attribute', end(d), ['okafor'], ['New volunteer coordinator'])
d = base(); d.rel('rIdImgL', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image', 'file:///\\\\server\\HR\\Staff files\\Okafor T\\photo-id.jpg', True)
d.add(p('ID photo:'), p(drawing('rIdImgL', 'Picture 1', 'ID photo', linked=True)))
case('c4_linked_picture', 'attribute', end(d), ['Okafor'], ['ID photo'])
d = base(); d.rel('rIdImg', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image', 'media/image1.png'); d.media['word/media/image1.png'] = PNG
d.add(p('Site photo:'), p(drawing('rIdImg', 'Raman family at the allotment', 'Priya Raman with her children at plot 7')))
case('c4_docpr_alt', 'attribute', end(d), ['Raman', 'Priya'], ['Site photo'])
d = base(); d.add(p(bm('Okafor_complaint', 7, 'The complaint was discussed.')), p(bm('_Toc_Raman_review', 8, 'Review outcome noted.')))
case('c4_bookmark_names', 'attribute', end(d), ['okafor', 'raman'], ['The complaint was discussed', 'Review outcome noted'])
vml = ('<w:r><w:pict><v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:192pt;height:96pt"><o:signatureline v:ext="edit" id="{A1B2C3D4-0000-0000-0000-000000000001}" provid="{00000000-0000-0000-0000-000000000000}" '
       'o:suggestedsigner="Laura Bennett" o:suggestedsigner2="Chair" o:suggestedsigneremail="laura.bennett@example.org" issignatureline="t"/></v:shape></w:pict></w:r>')
d = base(); d.add(p('Signed on behalf of the group:'), p(vml))
case('c4_signature_line', 'attribute', end(d), ['Bennett', 'laura.bennett@example.org'], ['Signed on behalf of the group'])
d = base(); d.styles = '<w:style w:type="paragraph" w:customStyle="1" w:styleId="TomsNotes"><w:name w:val="Tom Okafor notes"/><w:aliases w:val="Okafor,PR style"/><w:basedOn w:val="Normal"/></w:style>'
d.add(p('Notes kept in the usual style.', style='TomsNotes'))
case('c4_style_name', 'attribute', end(d), ['Okafor'], ['Notes kept in the usual style'])
d = base(); d.numbering = ('<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Okafor action %1:"/></w:lvl></w:abstractNum>'
                           '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
d.add(p('Book the hall.', ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'), p('Order the chairs.', ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'))
case('c4_lvltext', 'attribute', end(d), ['Okafor'], ['Book the hall', 'Order the chairs'])

# ================================================================ class 5: black through styles
d = base(); d.styles = '<w:style w:type="character" w:customStyle="1" w:styleId="Blackout"><w:name w:val="Blackout"/><w:rPr><w:highlight w:val="black"/></w:rPr></w:style>'
d.add(p('The settlement figure was ', r('£27,300 to Mr Deverell', '<w:rStyle w:val="Blackout"/>'), ' as agreed.'))
case('c5_char_style_highlight', 'black_style', end(d), ['27,300', 'Deverell'], ['as agreed'])
d = base(); d.styles = '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Redbox"><w:name w:val="Box"/><w:basedOn w:val="Normal"/><w:pPr><w:shd w:val="clear" w:color="auto" w:fill="000000"/></w:pPr><w:rPr><w:shd w:val="clear" w:color="auto" w:fill="000000"/></w:rPr></w:style>'
d.add(p('Disciplinary outcome for the Thornbury site manager: final written warning.', style='Redbox'), p('Other business followed.'))
case('c5_para_style_shading', 'black_style', end(d), ['Thornbury', 'final written warning'], ['Other business followed'])
d = base(); d.styles = ('<w:style w:type="character" w:customStyle="1" w:styleId="Base"><w:name w:val="Base Dark"/><w:rPr><w:shd w:val="clear" w:color="auto" w:fill="000000"/></w:rPr></w:style>'
                       '<w:style w:type="character" w:customStyle="1" w:styleId="Derived"><w:name w:val="Derived Dark"/><w:basedOn w:val="Base"/></w:style>')
d.add(p('Home address recorded as ', r('22 Larkspur Close', '<w:rStyle w:val="Derived"/>'), ' on file.'))
case('c5_style_chain', 'black_style', end(d), ['Larkspur'], ['on file'])
d = base(); d.styles = '<w:style w:type="table" w:customStyle="1" w:styleId="DarkTable"><w:name w:val="Dark Table"/><w:tblPr/><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="000000"/></w:tcPr></w:style>'
d.add('<w:tbl><w:tblPr><w:tblStyle w:val="DarkTable"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid><w:tr><w:tc>%s</w:tc></w:tr></w:tbl>' % p('Informant: caller from Ashdown Row'), p('Table noted.'))
case('c5_table_style', 'black_style', end(d), ['Ashdown Row'], ['Table noted'])

# ================================================================ class 6: marking conventions
def sec_case(cid, heading, lvl=1):
    d = base(); d.add((h1 if lvl == 1 else h2)(heading), p('The Westmoor outreach post will be cut from April.'), h1('4. Any other business'), p('No other business.'))
    case(cid, 'marking', end(d), ['Westmoor'], ['No other business'])
sec_case('c6_heading_suffix_dot', '3. Budget (confidential).')
sec_case('c6_heading_prefix', 'Confidential: staffing')
sec_case('c6_heading_dash_caps', 'Staffing – CONFIDENTIAL')
sec_case('c6_heading_bracket_caps', '3. Staffing [CONFIDENTIAL]', lvl=2)
for cid, alias, tag in [('c6_cc_dash', 'Confidential – HR', None), ('c6_cc_paren', None, 'Confidential (HR)'),
                        ('c6_cc_hyphen', 'redact-financial', None), ('c6_cc_two_words', 'Sensitive data', None)]:
    d = base(); d.add(sdt_block(p('Payment to Ferncliffe Consulting of £9,415.'), alias, tag), p('Finance update noted.'))
    case(cid, 'marking', end(d), ['Ferncliffe', '9,415'], ['Finance update noted'])
for cid, txt in [('c6_comment_please', 'Please redact'), ('c6_comment_at', '@Sam redact this'), ('c6_comment_caps', 'REDACT - personal data')]:
    d = base(); d.comments.append((1, 'Clerk', 'CL', txt))
    d.add(p('The member said ', '<w:commentRangeStart w:id="1"/>', r('her son was arrested in Kingsmead'), '<w:commentRangeEnd w:id="1"/>', '<w:r><w:commentReference w:id="1"/></w:r>', ' last week.'))
    case(cid, 'marking', end(d), ['Kingsmead', 'arrested'], ['last week'])
for cid, lab in [('c6_att_qualifier', 'In attendance (for item 4): Oluwaseun Adebayo'), ('c6_att_received', 'Apologies received from Marek Nowicki and Aoife Brennan'),
                 ('c6_att_also', 'Also present: Henrietta Pryce-Jones'), ('c6_att_guests', 'Guests: Callum Fairbairn (Sustrans)')]:
    d = base(); d.add(p(lab))
    nm = lab.split(':')[-1].replace('Apologies received from', '').replace('(Sustrans)', '').strip()
    sur = [w for w in nm.replace(' and ', ' ').split() if w[0].isupper()]
    d.add(p('Later, %s raised the matter of the footpath.' % sur[-1]))
    case(cid, 'marking', end(d), [sur[-1]], ['raised the matter of the footpath'], roster=ROSTER)
def fw(s): return ''.join(chr(ord(c) + 0xFEE0) if '!' <= c <= '~' else c for c in s)
def mathbold(s): return ''.join(chr(0x1D400 + ord(c) - 65) if 'A' <= c <= 'Z' else chr(0x1D41A + ord(c) - 97) if 'a' <= c <= 'z' else c for c in s)
cyr = str.maketrans({'a': 'а', 'e': 'е', 'o': 'о', 'O': 'О', 'p': 'р', 'c': 'с', 'T': 'Т', 'B': 'В'})
for cid, t in [('c6_fullwidth', fw('Tom Okafor')), ('c6_math', mathbold('Laura Bennett')), ('c6_cyrillic', 'Tom Okafor'.translate(cyr)), ('c6_cyrillic_surname', 'Bennett'.translate(cyr))]:
    d = base(); d.add(p('Action: %s to contact the landlord.' % t))
    case(cid, 'lookalike', end(d), ['Okafor' if 'Okafor' in cid or 'fullwidth' in cid or cid == 'c6_cyrillic' else 'Bennett'], ['to contact the landlord'])

# ================================================================ class 7: repeats
d = base(); d.add(p('[[redact:financial]]Severance payment agreed at £18,750.[[/redact]]'), h1('Summary'), table([['Item', 'Amount'], ['Severance', '£18,750'], ['Hall hire', '£240']]))
case('c7_repeat_amount', 'repeat', end(d), ['18,750'], ['Hall hire', '£240'])
d = base(); d.core['title'] = 'Restructure of the Lowther depot'; d.add(h1('Restructure of the Lowther depot (confidential)'), p('Three posts at risk.'), h1('4. Other'), p('Nothing further.'))
case('c7_core_title', 'repeat', end(d), ['Lowther'], ['Nothing further'])
d = base(); d.add(sdt_block(p('Claim reference 4471-0938-2215 for the flood damage.'), alias='Sensitive'), p('Insurer acknowledged claim 4471-0938-2215 on Monday.'))
case('c7_repeat_longnum', 'repeat', end(d), ['4471-0938-2215'], ['Insurer acknowledged claim'])
d = base(); d.add(p('[[redact]]Whistleblower contact: jdoe.tip@protonmail.example[[/redact]]'), p('Follow-ups go to jdoe.tip@protonmail.example as before.'))
case('c7_repeat_email', 'repeat', end(d), ['jdoe.tip', 'protonmail'], ['as before'])

# ================================================================ emails
for cid, t, sec in [('e_plain', 'Contact rhys.llewellyn@example.org for tickets.', ['rhys.llewellyn']),
                    ('e_disguised_brackets', 'Contact rhys.llewellyn [at] example [dot] org for tickets.', ['rhys.llewellyn']),
                    ('e_disguised_parens', 'Contact rhys.llewellyn (at) example (dot) org for tickets.', ['rhys.llewellyn']),
                    ('e_disguised_words', 'Contact rhys dot llewellyn at example dot org for tickets.', ['llewellyn']),
                    ('e_plus_subdomain', 'Contact treasurer+grants@mail.north-bridge.example.co.uk for tickets.', ['treasurer+grants', 'north-bridge.example'])]:
    d = base(); d.add(p(t)); case(cid, 'email', end(d), sec, ['for tickets'])
d = base(); d.rel('rIdM', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink', 'mailto:secretary.hall@example.net?subject=Booking', True)
d.add(p('Bookings via the ', '<w:hyperlink r:id="rIdM">%s</w:hyperlink>' % r('hall secretary'), '.'))
case('e_mailto_only', 'email', end(d), ['secretary.hall'], ['Bookings via the'])

# ================================================================ phones
for i, ph in enumerate(['020 7946 0958', '+44 (0)20 7946 0018', '+44 20 7946 0321', '07700 900 982', '07700900982', '0161-496-0734', '(0161) 496 0821',
                        '+1 (202) 555-0143', '202.555.0179', '+353 1 555 0142', '01632 960961 ext. 23', '0800 123 4567']):
    d = base(); d.add(p('For urgent repairs call %s after hours.' % ph))
    case('p_%02d' % i, 'phone', end(d), [ph.replace(' ext. 23', '')], ['For urgent repairs call', 'after hours'])

# ================================================================ places
d = base(); d.header = p('Notes taken by Tom Okafor'); case('pl_header', 'place', end(d), ['Okafor'])
d = base(); d.footer = p('Queries to Priya Raman, 01632 960 555'); case('pl_footer', 'place', end(d), ['Raman', '01632 960 555'])
d = base(); d.footnotes.append((1, 'Information supplied by Laura Bennett on 3 June.')); d.add(p('The figures were checked.', '<w:r><w:footnoteReference w:id="1"/></w:r>'))
case('pl_footnote', 'place', end(d), ['Bennett'], ['The figures were checked'])
d = base(); d.comments.append((1, 'Marcus Threlfall', 'MT', 'Ask Tom about this')); d.add(p('<w:commentRangeStart w:id="1"/>', r('Parking permits'), '<w:commentRangeEnd w:id="1"/>', '<w:r><w:commentReference w:id="1"/></w:r>', ' were discussed.'))
d.add(p('Threlfall had raised this earlier.'))
case('pl_comment_author', 'place', end(d), ['Threlfall', 'Marcus'], ['were discussed'], roster=ROSTER)
d = base(); d.add(p('The grant was ', '<w:del w:id="3" w:author="Clerk" w:date="2024-06-11T10:00:00Z"><w:r><w:delText>refused after Okafor objected </w:delText></w:r></w:del>', '<w:ins w:id="4" w:author="Clerk" w:date="2024-06-11T10:00:00Z">%s</w:ins>' % r('approved'), '.'))
case('pl_tracked_del', 'place', end(d), ['Okafor', 'objected'], ['The grant was'])
txbx = ('<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="2000000" cy="600000"/><wp:wrapSquare wrapText="bothSides"/><wp:docPr id="77" name="Text Box 1"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2000000" cy="600000"/></a:xfrm><a:prstGeom prst="rect"/></wps:spPr><wps:txbx><w:txbxContent>%s</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>'
        '</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>') % p('Call Tom Okafor on 07700 900 314')
d = base(); d.add(p('Key contacts:', txbx)); case('pl_textbox', 'place', end(d), ['Okafor', '07700 900 314'], ['Key contacts'])
d = base(); d.extra_core = '<cp:keywords>Okafor; grievance</cp:keywords><dc:description>Prepared for Priya Raman</dc:description><dc:subject>Laura Bennett review</dc:subject>'
case('pl_core_props', 'place', end(d), ['Okafor', 'Raman', 'Bennett'])
d = base(); d.core['title'] = 'Notes – Tom Okafor 1:1'; case('pl_core_title_name', 'place', end(d), ['Okafor'])
d = base(); d.add(p('Hidden: ', r('Okafor is on a final warning', '<w:vanish/>'), ' end.')); case('pl_hidden', 'place', end(d), ['final warning'])

# ================================================================ must not refuse / lose text
d = base(present='In attendance: Chief Executive; Head of Finance; Governance Team; Clerk')
d.add(p('The Chief Executive presented the annual plan. The Head of Finance answered questions.'), p('The Clerk will circulate the papers.'))
case('k_roles_attendance', 'keep', end(d), [], ['The Chief Executive presented the annual plan', 'The Head of Finance answered questions', 'The Clerk will circulate the papers'], roster=[])
d = base(present='Present: Will Hughes, Mark Rose, April Summers')
d.add(p('Volunteers will mark the rose beds in April; the summers here are dry.'))
case('k_common_words', 'keep', end(d), ['Hughes'], ['will mark the rose beds in', 'the summers here are dry'], roster=[])
d = base(); d.add(p('Funding from the Laura Ashley Foundation and the Okafor Arts Trust was welcomed.'))
case('k_keep_list', 'keep', end(d), [], ['Laura Ashley Foundation', 'Okafor Arts Trust'], keep=['Laura Ashley Foundation', 'Okafor Arts Trust'])
rows = [['Budget line', 'Q1', 'Q2', 'Q3', 'Q4']] + [['Line %d' % i] + ['£%d,%03d' % (random.randint(1, 40), random.randint(0, 999)) for _ in range(4)] for i in range(1, 30)]
d = base(present='Present: Members of the board')
for s in range(1, 12):
    d.add(h1('%d. Agenda item %d' % (s, s)), p('Discussion of item %d covered the maintenance plan, the tender timetable and the risk register for 2024-25.' % s))
d.add(table(rows))
case('k_long_tables', 'keep', end(d), [], ['Line 29', rows[15][2], 'Agenda item 11', 'risk register for 2024-25'], roster=ROSTER)
d = base(); d.add(p('Income was £1,234,567.89 against £1,198,000 budget; variance 3.05%.'), p('Invoice INV-2024-000123 and PO 450012345 were paid on 12/06/2024.'))
case('k_amounts_refs', 'keep', end(d), [], ['£1,234,567.89', 'INV-2024-000123', '450012345', '12/06/2024'])
d = base(); d.add(p('Readings: 0.125, 0.250, 0.375, 1.500, 2.625, 3.750, 4.875 (mean 1.929).'), p('Meeting held 2024-06-11 from 18:30 to 20:40; next 2024-07-09.'))
case('k_decimals_dates', 'keep', end(d), [], ['0.125, 0.250, 0.375', '2024-06-11 from 18:30 to 20:40'])
d = base(); d.add(p('Charity no. 1123456; company no. 08123456; ISBN 978-0-12-345678-9.'), p('Population rose from 12 345 678 to 12 456 789 between 2011 and 2021.'))
case('k_long_numbers', 'keep', end(d), [], ['1123456', '08123456', '978-0-12-345678-9', '12 345 678', '12 456 789'])
d = base(); d.add(p('The 5 lb bags, IT kit and HR policy (UK) were agreed. Tomorrow the custom tomatoes arrive.'))
case('k_abbrev', 'keep', end(d), [], ['5 lb bags', 'IT kit', 'HR policy (UK)', 'Tomorrow the custom tomatoes arrive'])
d = base(); d.add(p('Ward 7 (Kingsway) turnout: 1,045 of 7,930 (13.2%). Grid ref SU 123 456.'), p('Item 3.2.1 refers to section 14(3)(b) of the 1990 Act.'))
case('k_stats', 'keep', end(d), [], ['1,045 of 7,930', 'SU 123 456', 'section 14(3)(b) of the 1990 Act'])
d = base(present='Present: Members'); d.core['creator'] = 'Governance Team'; d.add(p('The Governance Team drafted these notes.'))
case('k_team_author', 'keep', end(d), [], ['The Governance Team drafted these notes'], roster=[])
d = base(); d.add(p('See ', '<w:hyperlink r:id="rIdL9">%s</w:hyperlink>' % r('the council website'), ' and the [[redact]]note on Copperfield Ltd[[/redact]] below.'))
d.rel('rIdL9', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink', 'https://www.example.gov.uk/planning', True)
case('k_adjacent_text', 'keep', end(d), ['Copperfield'], ['the council website', 'below.'])
d = base(); d.add(h1('Budget (confidential)'), p('Secret figure: £55,123 for Redmayne Works.'), h1('Public budget'), p('Public grant of £3,000 for the library.'))
case('k_after_section', 'keep', end(d), ['Redmayne', '55,123'], ['Public grant of £3,000 for the library', 'Public budget'])
d = base(); d.add(p('Paragraph %d. ' % 1 + 'The committee considered a range of routine matters and agreed next steps. ' * 8))
d.add(*[p('Paragraph %d. ' % i + 'Residents raised concerns about bins, lighting and the bus timetable. ' * 6) for i in range(2, 60)])
case('k_long_text', 'keep', end(d), [], ['Paragraph 59.', 'Paragraph 30.'])
d = base(); d.add(p('The Mayor of Northbridge, the Bishop of Elmfield and the High Sheriff attended the service.'))
case('k_titles_only', 'keep', end(d), [], ['The Mayor of Northbridge', 'the Bishop of Elmfield', 'High Sheriff'], roster=[])
d = base(present='Apologies: Director of Housing'); d.add(p('The Director of Housing sent a written update.'))
case('k_role_apologies', 'keep', end(d), [], ['The Director of Housing sent a written update'], roster=[])


# ================================================================ extra variants (round 2)
d = base(); d.add(p('The tenant at ', sdt_run('Flat 9 Gorsebrook Court', alias='Sensitive'), ' left.'), p('<w:bookmarkStart w:id="11" w:name="addr2"/>'), p('Forwarding: ', fld('REF addr2 \\h', 'n/a'), '.'))
d.body[-3] = p('The tenant at ', sdt_block('<w:bookmarkStart w:id="12" w:name="addr"/>' + r('Flat 9 Gorsebrook Court') + '<w:bookmarkEnd w:id="12"/>', alias='Sensitive'), ' left.')
d.add(p('Address: ', fld('REF addr \\h', 'Flat 9 Gorsebrook Court'), '.'))
case('c2_ref_m2_inline', 'crossref', end(d), ['Gorsebrook'], ['Address:'])
d = base(); d.styles = '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Confidential"><w:name w:val="Confidential"/><w:basedOn w:val="Normal"/></w:style>'
d.add(p(bm('_Ref400', 13, 'Loan to Pemberton Farm of £12,000'), style='Confidential'), p('Refer to ', fld('REF _Ref400 \\h', 'Loan to Pemberton Farm of £12,000'), ' when reviewing.'))
case('c2_ref_m3_style', 'crossref', end(d), ['Pemberton'], ['when reviewing'])
d = base(); d.comments.append((1, 'Clerk', 'CL', 'redact'))
d.add(p('Visitor: ', '<w:commentRangeStart w:id="1"/>', bm('vis', 14, 'Mr Ravensworth from Tolley Street'), '<w:commentRangeEnd w:id="1"/>', '<w:r><w:commentReference w:id="1"/></w:r>', '.'),
      p('The visitor (', '<w:hyperlink w:anchor="vis">%s</w:hyperlink>' % r('Mr Ravensworth from Tolley Street'), ') left early.'))
case('c2_anchor_m6', 'crossref', end(d), ['Ravensworth', 'Tolley'], ['left early'], roster=ROSTER)
d = base(); d.add(p('Caller: ', '<w:bookmarkStart w:id="15" w:name="caller"/>', r('Mrs Featherstonehaugh', '<w:highlight w:val="black"/>'), '<w:bookmarkEnd w:id="15"/>'), p('Reply to ', fld('REF caller', 'Mrs Featherstonehaugh'), ' sent.'))
case('c2_ref_m7', 'crossref', end(d), ['Featherstonehaugh'], ['sent.'], roster=ROSTER)
d = base(); d.styles = ('<w:style w:type="table" w:customStyle="1" w:styleId="HeadDark"><w:name w:val="Head Dark"/><w:tblPr/>'
                       '<w:tblStylePr w:type="firstRow"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="000000"/></w:tcPr></w:tblStylePr></w:style>')
d.add('<w:tbl><w:tblPr><w:tblStyle w:val="HeadDark"/><w:tblW w:w="0" w:type="auto"/><w:tblLook w:val="04A0" w:firstRow="1"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid><w:tr><w:tc>%s</w:tc></w:tr><w:tr><w:tc>%s</w:tc></w:tr></w:tbl>' % (p('Complainant: Wilberforce Quarry'), p('Visible row')), p('Table noted.'))
case('c5_table_style_firstrow', 'black_style', end(d), ['Wilberforce'], ['Visible row', 'Table noted'])
d = base(); d.styles = '<w:style w:type="character" w:customStyle="1" w:styleId="Dark"><w:name w:val="Dark"/><w:rPr><w:shd w:val="solid" w:color="000000" w:fill="auto"/></w:rPr></w:style>'
d.add(p('Account held at ', r('Barclays 20-32-06 43916627', '<w:rStyle w:val="Dark"/>'), ' confirmed.'))
case('c5_shd_solid_color', 'black_style', end(d), ['43916627'], ['confirmed'])
d = base(); d.add(sdt_block(p('Legal costs of £18,750 were paid.'), alias='Confidential'), p('Total legal spend this year: £18750.'), p('Provision: 18,750.00 GBP.'))
case('c7_repeat_amount_formats', 'repeat', end(d), ['18750', '18,750.00'], ['Total legal spend this year'])
d = base(); d.add(h1('Tribunal claim (confidential)'), p('Settlement offer of £31,500 to the claimant.'), h1('Finance'), p('Contingency set at £31,500.'))
case('c7_repeat_from_heading_section', 'repeat', end(d), ['31,500'], ['Contingency set at'])
d = base(); d.rel('rIdImg', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image', 'media/gorsebrook_court_site.png'); d.media['word/media/gorsebrook_court_site.png'] = PNG
d.add(sdt_block(p('Site of the proposed hostel:') + p(drawing('rIdImg', 'Picture 3', 'site')), alias='Sensitive'), p('Planning noted.'))
case('c8_removed_part_name', 'report', end(d), ['gorsebrook'], ['Planning noted'])
d = base(); d.add(p('Log-ins: RCT\\tokafor and praman were disabled; see t.okafor and p_raman folders.'))
case('c4_login_forms', 'attribute', end(d), ['tokafor', 'praman', 't.okafor', 'p_raman'], ['were disabled'])
d = base(); d.add(p('Action (TO): book the hall. Owner: PR/LB. [TO] confirmed.'))
case('c3_initials_punct', 'names', end(d), ['TO', 'PR', 'LB'], ['book the hall'])
d = base(); d.add(p('Sent to tom.okafor(at)example.org and priya.raman AT example DOT org and laura.bennett＠example.org.'))
case('e_disguised_mixed', 'email', end(d), ['tom.okafor', 'priya.raman', 'laura.bennett'], ['Sent to'])

d = base(present='Present: David Morgan, Sarah Adams, Michael Brown, Christine Smith, Emma Davies')
d.add(p('Action: DM to draft the letter. SA said the hall is booked. MB and CS to check the accounts. ED agreed.'))
case('c3_initials_stoplisted', 'names', end(d), ['DM', 'SA', 'MB', 'CS', 'ED'], ['to draft the letter', 'to check the accounts'], roster=[])

d = base(); d.add(p('Severance: [[redact]]£18,750 to the former warden[[/redact]] agreed.'), p('Summary: £18,750 paid in May.'))
case('c7_repeat_m4_inline', 'repeat', end(d), ['18,750', 'former warden'], ['Summary:'])
d = base(); d.add(sdt_block(p('Severance payment agreed at £18,750.'), alias='Sensitive'), table([['Severance', '£18,750'], ['Hall hire', '£240']]))
case('c7_repeat_m1_table', 'repeat', end(d), ['18,750'], ['Hall hire'])

def main():
    out = sys.argv[1] if len(sys.argv) > 1 else '/tmp/adv/cases'
    if os.path.isdir(out): shutil.rmtree(out)
    for c in CASES:
        cd = os.path.join(out, c['id'])
        c['doc'].write(os.path.join(cd, 'in', c['relpath']))
        meta = {k: v for k, v in c.items() if k != 'doc'}
        if c['roster']:
            with open(os.path.join(cd, 'roster.txt'), 'w') as f: f.write('\n'.join(c['roster']) + '\n')
            meta['roster_file'] = 'roster.txt'
        with open(os.path.join(cd, 'case.json'), 'w') as f: json.dump(meta, f, ensure_ascii=False, indent=1)
    print('%d cases written to %s' % (len(CASES), out))
main()
