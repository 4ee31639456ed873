#!/usr/bin/python3
"""Run allies-publish on every adversarial case and check all outputs independently.

Usage: check_adversarial.py [CASESDIR] [WORKDIR] [--only SUBSTR]   (ALLIES_PUBLISH=path to the tool)
Classes: OK, LEAK (secret found in something public), REFUSED (not published), LOST (must_keep missing).
Exit 1 on any LEAK or LOST, and on a REFUSED case not in KNOWN_REFUSALS (each
with the reason a user would accept); exit 0 otherwise.
"""
import html, html.parser, json, os, re, shutil, subprocess, sys, unicodedata, urllib.parse, zipfile

BIN = os.environ.get('ALLIES_PUBLISH', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'build', 'tools', 'allies-publish'))
ONLY = sys.argv[sys.argv.index('--only') + 1] if '--only' in sys.argv else None
_pos = [a for i, a in enumerate(sys.argv[1:], 1) if not a.startswith('--') and sys.argv[i - 1] != '--only']
CASES = os.path.abspath(_pos[0]) if len(_pos) > 0 else '/tmp/adv/cases'
WORK = os.path.abspath(_pos[1]) if len(_pos) > 1 else '/tmp/adv/work'

# Refusals that are the right answer today, with why.
KNOWN_REFUSALS = set()

CONF = str.maketrans({'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x', 'і': 'i', 'ј': 'j', 'ѕ': 's', 'ԁ': 'd', 'ɡ': 'g',
                      'к': 'k', 'м': 'm', 'н': 'h', 'т': 't', 'в': 'b', 'ν': 'v', 'ο': 'o', 'α': 'a', 'ρ': 'p', 'τ': 't', 'ι': 'i', 'κ': 'k',
                      '\u2019': "'", '\u2018': "'", '\u00a0': ' ', '\u2011': '-', '\u2013': '-', '\u2014': '-'})

def fold(s):
    s = unicodedata.normalize('NFKC', s).casefold()
    s = ''.join(c for c in unicodedata.normalize('NFKD', s) if not unicodedata.combining(c))
    return s.translate(CONF)

def variants(s):
    out = [s]
    try:
        u = urllib.parse.unquote(s)
        if u != s: out.append(u)
    except Exception:
        pass
    return out

def find(secret, hay):
    """True when secret occurs in hay (folded, whole-token; all-caps short secrets are case-sensitive initials)."""
    if len(secret) <= 3 and secret.isupper():
        return re.search(r'(?<![A-Za-z0-9])' + re.escape(secret) + r'(?![A-Za-z0-9])', unicodedata.normalize('NFKC', hay)) is not None
    fs, fh = fold(secret), fold(hay)
    if re.search(r'(?<![a-z0-9])' + re.escape(fs) + r'(?![a-z0-9])', fh):
        return True
    d = re.sub(r'\D', '', secret)
    if len(d) >= 7 and not re.search(r'[a-z]', fs):   # phone / number: digits across punctuation
        for m in re.finditer(r'\d[\d\s().+\-/]{5,}\d', fh):
            if d in re.sub(r'\D', '', m.group(0)):
                return True
    return False

def xml_places(name, data):
    s = data.decode('utf-8', 'replace')
    places = []
    t = re.sub(r'</w:p>|</a:p>|<w:br/>|<w:tab/>', '\n', s)
    places.append((name + ' text', html.unescape(re.sub(r'<[^>]+>', '', t))))
    places.append((name + ' text (tags as spaces)', html.unescape(re.sub(r'<[^>]+>', ' ', t))))
    attrs = [html.unescape(v) for v in re.findall(r'=\s*"([^"]*)"', s) + re.findall(r"=\s*'([^']*)'", s)]
    places.append((name + ' attributes', '\n'.join(x for v in attrs for x in variants(v))))
    places.append((name + ' comments/PI', '\n'.join(re.findall(r'<!--(.*?)-->|<\?(.*?)\?>', s) and [str(x) for x in re.findall(r'<!--(.*?)-->|<\?(.*?)\?>', s)] or [])))
    return places

def binary_strings(data):
    a = re.findall(rb'[\x20-\x7e]{4,}', data)
    u = re.findall(rb'(?:[\x20-\x7e]\x00){4,}', data)
    return '\n'.join([x.decode('ascii') for x in a] + [x.decode('utf-16le', 'replace') for x in u])

def docx_places(path):
    places = []
    with zipfile.ZipFile(path) as z:
        for n in z.namelist():
            places.append(('part name', '\n'.join(variants(n))))
            data = z.read(n)
            if n.endswith('.xml') or n.endswith('.rels') or data[:5] == b'<?xml':
                places += xml_places(n, data)
            else:
                places.append((n + ' binary strings', binary_strings(data)))
    return places

class HP(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True); self.text = []; self.attrs = []; self.other = []; self.skip = 0
    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if v: self.attrs.extend(variants(v))
        if tag in ('script', 'style'): self.skip += 1
    def handle_endtag(self, tag):
        if tag in ('script', 'style'): self.skip = max(0, self.skip - 1)
    def handle_data(self, d): (self.other if self.skip else self.text).append(d)
    def handle_comment(self, d): self.other.append(d)

def html_places(path):
    raw = open(path, encoding='utf-8', errors='replace').read()
    hp = HP(); hp.feed(raw); hp.close()
    body = re.split(r'(?i)<body', raw, 1)
    title_text = ''.join(hp.text)
    return [('html text', title_text), ('html attributes', '\n'.join(hp.attrs)), ('html script/style/comments', '\n'.join(hp.other)),
            ('html raw markup', '\n'.join(variants(html.unescape(raw))))], title_text

def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, errors='replace').stdout

def pdf_places(path):
    text = run(['pdftotext', '-enc', 'UTF-8', path, '-'])
    info = run(['pdfinfo', path]) + '\n' + run(['pdfinfo', '-meta', path])
    q = path + '.qdf'
    subprocess.run(['qpdf', '--qdf', '--object-streams=disable', path, q], capture_output=True)
    raw = open(q, 'rb').read() if os.path.exists(q) else b''
    if os.path.exists(q): os.unlink(q)
    strs = []
    for h in re.findall(rb'<(FEFF[0-9A-Fa-f]*)>', raw):
        try: strs.append(bytes.fromhex(h.decode()).decode('utf-16-be', 'replace'))
        except Exception: pass
    for lit in re.findall(rb'\(((?:[^()\\]|\\.)*)\)', raw):
        if lit.startswith(b'\xfe\xff'):
            strs.append(lit[2:].decode('utf-16-be', 'replace'))
        else:
            strs.append(lit.decode('latin-1'))
    return [('pdf text', text), ('pdf info/xmp', info), ('pdf qdf strings', '\n'.join(strs)), ('pdf qdf raw', raw.decode('latin-1'))], text

def norm(s):
    s = fold(s)
    s = s.replace('\u00ad', '')
    return re.sub(r'\s+', ' ', s)

def check_case(cd, meta):
    cid = meta['id']
    wd = os.path.join(WORK, cid)
    if os.path.isdir(wd): shutil.rmtree(wd)
    out = os.path.join(wd, 'public')
    os.makedirs(wd)
    inp = os.path.join(cd, 'in') if meta['folder'] else os.path.join(cd, 'in', meta['relpath'])
    cmd = [BIN, inp, '-o', out, '--formats', 'docx,pdf,html,txt', '--jobs', '1', '--hash-key-file', os.path.join(WORK, 'hash-key')]
    if meta.get('roster_file'): cmd += ['--names', os.path.join(cd, meta['roster_file'])]
    for k in meta.get('keep', []): cmd += ['--keep', k]
    for attempt in range(10):
        if os.path.exists(BIN): break
        import time; time.sleep(3)
    pr = subprocess.run(cmd, capture_output=True, text=True, errors='replace', timeout=900)
    files = []
    for root, dirs, fs in os.walk(wd):
        for f in fs: files.append(os.path.join(root, f))
    places = []   # (file, place, text)
    keep_text = {}
    for f in files:
        rel = os.path.relpath(f, wd)
        places.append((rel, 'file/folder name', '\n'.join(variants(rel)) + '\n' + rel.replace('/', ' / ')))
        try:
            if f.endswith('.docx'):
                places += [(rel, pl, t) for pl, t in docx_places(f)]
            elif f.endswith('.pdf'):
                pls, t = pdf_places(f); places += [(rel, pl, x) for pl, x in pls]; keep_text['pdf'] = t
            elif f.endswith('.html') or f.endswith('.htm'):
                pls, t = html_places(f); places += [(rel, pl, x) for pl, x in pls]; keep_text['html'] = t
            else:
                t = open(f, encoding='utf-8', errors='replace').read()
                places.append((rel, 'text', t))
                if f.endswith('.txt'): keep_text['txt'] = t
        except Exception as e:
            places.append((rel, 'UNREADABLE %s' % e, ''))
    leaks = []
    for s in meta['secrets']:
        for rel, pl, t in places:
            if len(s) <= 3 and s.isupper() and ('raw' in pl or 'binary' in pl or 'attributes' in pl):
                continue   # initials only count in text places
            if t and find(s, t):
                leaks.append('%r in %s [%s]' % (s, rel, pl))
    vac = []
    try:
        ip = docx_places(os.path.join(cd, 'in', meta['relpath'])) + [('name', meta['relpath'])]
        vac = [s for s in meta['secrets'] if not any(find(s, t) for _, t in ip)]
    except Exception as e:
        vac = ['input unreadable: %s' % e]
    stdout_leaks = [s for s in meta['secrets'] if find(s, pr.stderr) or find(s, pr.stdout)]
    published = pr.returncode == 0 and any(f.endswith('.docx') for f in files if '/public/' in '/' + os.path.relpath(f, wd) + '/' or os.path.relpath(f, wd).startswith('public'))
    lost = []
    if published:
        for fmt in ('txt', 'pdf', 'html'):
            if fmt not in keep_text:
                lost.append('no %s output' % fmt); continue
            nt = norm(keep_text[fmt])
            for k in meta['must_keep']:
                if norm(k) not in nt:
                    lost.append('%r missing from %s' % (k, fmt))
    errs = [l for l in pr.stderr.splitlines() if 'error' in l or 'leak' in l or 'refus' in l]
    if leaks: cls = 'LEAK'
    elif not published: cls = 'REFUSED'
    elif lost: cls = 'LOST'
    else: cls = 'OK'
    return dict(id=cid, cls=meta['cls'], result=cls, rc=pr.returncode, leaks=leaks, lost=lost, stderr=errs[:4],
                stderr_secret=stdout_leaks, vacuous=vac, warnings=[l for l in pr.stderr.splitlines() if 'warn' in l][:2])

def main():
    os.makedirs(WORK, exist_ok=True)
    kf = os.path.join(WORK, 'hash-key')
    if not os.path.exists(kf):
        with open(kf, 'wb') as f: f.write(bytes(range(32)))
        os.chmod(kf, 0o600)
    results = []
    for cid in sorted(os.listdir(CASES)):
        if ONLY and ONLY not in cid: continue
        cd = os.path.join(CASES, cid)
        meta = json.load(open(os.path.join(cd, 'case.json')))
        res = check_case(cd, meta)
        results.append(res)
        print('%-28s %-12s %-8s rc=%d' % (res['id'], res['cls'], res['result'], res['rc']), flush=True)
    json.dump(results, open(os.path.join(WORK, 'results.json'), 'w'), indent=1, ensure_ascii=False)
    print('\n=== SUMMARY ===')
    counts = {}
    for r in results: counts[r['result']] = counts.get(r['result'], 0) + 1
    print(' '.join('%s=%d' % kv for kv in sorted(counts.items())), 'total=%d' % len(results))
    byc = {}
    for r in results: byc.setdefault(r['cls'], {}).setdefault(r['result'], 0); byc[r['cls']][r['result']] += 1
    for c, d in sorted(byc.items()): print('  %-12s %s' % (c, ' '.join('%s=%d' % kv for kv in sorted(d.items()))))
    print()
    for r in results:
        if r['result'] == 'OK' and not r['lost']: continue
        print('%s [%s] %s rc=%d' % (r['id'], r['cls'], r['result'], r['rc']))
        seen = set()
        for l in r['leaks']:
            print('   leak:', l)
        for l in r['lost']: print('   lost:', l)
        if r['result'] == 'REFUSED' or r['rc'] != 0:
            for l in r['stderr']: print('   stderr:', l)
        if r['vacuous']: print('   (test bug: secret not found in input)', r['vacuous'])
        if r['stderr_secret']: print('   secret on stderr/stdout:', r['stderr_secret'])
    vac = [(r['id'], r['vacuous']) for r in results if r['vacuous']]
    if vac: print('VACUOUS SECRETS (checker/generator bug):', vac)
    bad = [r['id'] for r in results
           if r['result'] in ('LEAK', 'LOST') or r['lost'] or r['stderr_secret'] or r['vacuous']
           or (r['result'] == 'REFUSED' and r['id'] not in KNOWN_REFUSALS)]
    if bad:
        print('FAILED:', ' '.join(bad))
        return 1
    return 0

if __name__ == '__main__':
    sys.exit(main())
