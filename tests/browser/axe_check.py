#!/usr/bin/python3
"""Accessibility of the HTML output in a real browser (issue 13): each
sample and corpus document converted to HTML, axe-core run over it in
headless Chromium, no finding of serious or critical impact allowed.

    axe_check.py ALLIES_CONVERT AXE_DIR SOURCE_DIR

AXE_DIR holds node_modules/axe-core (scripts/install-axe.sh installs it
there from tests/browser/package-lock.json). Exits 77 (ctest: skipped) when
Chromium or axe-core is not installed. Only the standard library.

How: the page is the converter's HTML with axe.min.js and a few lines
appended that run axe and write its violations into a <pre> element;
Chromium's --dump-dom prints the DOM once the page's virtual time budget
has run out, so no debugging protocol is needed."""
import concurrent.futures
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
BAD = {"serious", "critical"}

RUNNER = """
<script>
axe.run(document, {resultTypes: ['violations']}).then(function (r) {
  var out = r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); })};
  });
  var pre = document.createElement('pre');
  pre.id = 'axe-result';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
}, function (e) {
  var pre = document.createElement('pre');
  pre.id = 'axe-result';
  pre.textContent = JSON.stringify({error: String(e)});
  document.body.appendChild(pre);
});
</script>
"""


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def documents(source_dir):
    docs = sorted(os.path.join(source_dir, "samples", f) for f in os.listdir(os.path.join(source_dir, "samples"))
                  if f.endswith(".docx"))
    corpus = os.path.join(source_dir, "..", "shared", "corpus")
    if os.path.isdir(corpus):
        for root, _, files in sorted(os.walk(corpus)):
            docs += [os.path.join(root, f) for f in sorted(files) if f.endswith(".docx")]
    return docs


def check(browser, convert, axe_js, doc, work):
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", os.path.relpath(doc, "/"))
    out = os.path.join(work, name + ".html")
    r = subprocess.run([convert, "--to", "html", "-o", out, doc], capture_output=True, text=True)
    if r.returncode != 0:
        return doc, None, "not converted (exit %d)" % r.returncode  # the corpus tests judge conversions
    with open(out, encoding="utf-8") as f:
        page = f.read()
    page = page.replace("</body>", "<script>" + axe_js + "</script>" + RUNNER + "</body>", 1)
    with open(out, "w", encoding="utf-8") as f:
        f.write(page)
    profile = tempfile.mkdtemp(dir=work)
    r = subprocess.run([browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-extensions", "--user-data-dir=" + profile, "--virtual-time-budget=60000",
                        "--run-all-compositor-stages-before-draw", "--dump-dom", "file://" + out],
                       capture_output=True, text=True, timeout=300)
    shutil.rmtree(profile, ignore_errors=True)
    m = re.search(r'<pre id="axe-result">(.*?)</pre>', r.stdout, re.S)
    if not m:
        return doc, None, "axe did not report (chromium exit %d: %s)" % (r.returncode, r.stderr.strip()[-300:])
    result = json.loads(html.unescape(m.group(1)))
    if isinstance(result, dict):
        return doc, None, "axe failed: " + result.get("error", "?")
    return doc, result, None


def main():
    convert, axe_dir, source_dir = sys.argv[1:4]
    browser = chromium()
    axe_path = os.path.join(axe_dir, "node_modules", "axe-core", "axe.min.js")
    if not browser:
        print("axe check skipped: chromium is not installed (scripts/install-deps.sh installs it)")
        return SKIP
    if not os.path.exists(axe_path):
        print("axe check skipped: %s is missing (scripts/install-axe.sh installs axe-core)" % axe_path)
        return SKIP
    with open(axe_path, encoding="utf-8") as f:
        axe_js = f.read()
    docs = documents(source_dir)
    failures, problems, minor = [], [], 0
    with tempfile.TemporaryDirectory() as work:
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            futures = [pool.submit(check, browser, convert, axe_js, d, work) for d in docs]
            for fut in futures:
                doc, violations, problem = fut.result()
                if problem:
                    problems.append("%s: %s" % (doc, problem))
                    continue
                for v in violations:
                    if v["impact"] in BAD:
                        failures.append("%s: %s (%s) %s at %s" % (doc, v["id"], v["impact"], v["help"],
                                                                   "; ".join(v["nodes"])))
                    else:
                        minor += 1
    for line in problems:
        print("problem:", line)
    for line in failures:
        print("finding:", line)
    print("axe over %d documents: %d serious or critical findings, %d minor or moderate, %d not checked"
          % (len(docs), len(failures), minor, len(problems)))
    return 1 if failures or problems else 0


if __name__ == "__main__":
    sys.exit(main())
