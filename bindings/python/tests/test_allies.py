"""The Python binding against the real library: the bundled sample opened,
converted, redacted with its roster, published and verified; every failure
an exception of its kind. Run by ctest (python_binding) with ALLIES_LIBRARY
set, or from an installed prefix with PYTHONPATH set."""
import json
import os
import tempfile
import unittest
import zipfile

import allies

SOURCE = os.environ.get("ALLIES_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SAMPLE = os.path.join(SOURCE, "samples", "meeting-notes.docx")
ROSTER = open(os.path.join(SOURCE, "samples", "roster.txt"), encoding="utf-8").read()


class VersionTest(unittest.TestCase):
    def test_version_is_three_numbers(self):
        self.assertRegex(allies.version(), r"^\d+\.\d+\.\d+$")


class ConvertTest(unittest.TestCase):
    def setUp(self):
        self.doc = allies.Document.open(SAMPLE)

    def tearDown(self):
        self.doc.close()

    def test_text_is_str_with_the_original_names(self):
        text = self.doc.convert("text")
        self.assertIsInstance(text, str)
        self.assertIn("Laura Bennett", text)

    def test_every_format(self):
        self.assertTrue(self.doc.convert("markdown"))
        self.assertEqual(json.loads(self.doc.convert("json")).get("version") is not None, True)
        self.assertTrue(self.doc.convert("html").startswith("<!DOCTYPE html>"))
        pdf = self.doc.convert("pdf")
        self.assertIsInstance(pdf, bytes)
        self.assertTrue(pdf.startswith(b"%PDF-"))

    def test_pdf_is_deterministic(self):
        self.assertEqual(self.doc.convert("pdf"), self.doc.convert("pdf"))

    def test_unknown_format_is_a_usage_error(self):
        with self.assertRaises(allies.UsageError) as cm:
            self.doc.convert("odt")
        self.assertEqual(cm.exception.kind, "usage")

    def test_closed_document(self):
        self.doc.close()
        with self.assertRaises(ValueError):
            self.doc.convert("text")


class OpenErrorsTest(unittest.TestCase):
    def test_not_a_zip(self):
        with self.assertRaises(allies.NotZipError) as cm:
            allies.Document.from_bytes(b"hello", "hello.docx")
        e = cm.exception
        self.assertIsInstance(e, allies.Error)
        self.assertEqual(e.kind, "not_zip")
        self.assertEqual(e.status, 3)
        self.assertEqual(e.file, "hello.docx")
        self.assertIn("hello.docx", str(e))

    def test_missing_file(self):
        with self.assertRaises(allies.IoError):
            allies.Document.open("/nonexistent/notes.docx")

    def test_from_bytes_equals_open(self):
        with open(SAMPLE, "rb") as f:
            data = f.read()
        with allies.Document.from_bytes(data, "notes.docx") as doc:
            self.assertEqual(doc.convert("text"), allies.Document.open(SAMPLE).convert("text"))


class RedactTest(unittest.TestCase):
    def test_names_gone_from_the_public_docx(self):
        with allies.Document.open(SAMPLE) as doc, doc.redact(roster=ROSTER) as red:
            self.assertGreater(red.count, 10)
            plan = red.plan()
            self.assertEqual(plan["tool"], "allies-redact")
            self.assertNotIn("Laura Bennett", json.dumps(plan, ensure_ascii=False))
            docx = red.public_docx()
            self.assertTrue(docx.startswith(b"PK"))
            text = allies.Document.from_bytes(docx, "public.docx").convert("text")
            for surname in ("Bennett", "Okafor", "Raman", "Whitfield"):
                self.assertNotIn(surname, text)
            self.assertIn("[name]", text)

    def test_policy_changes_the_replacement(self):
        policy = '[names]\nplaceholder = "[someone]"\n'
        with allies.Document.open(SAMPLE) as doc:
            red = doc.redact(policy=policy, roster=ROSTER)
            text = allies.Document.from_bytes(red.public_docx()).convert("text")
            self.assertIn("[someone]", text)

    def test_bad_policy_is_a_policy_error(self):
        with allies.Document.open(SAMPLE) as doc:
            with self.assertRaises(allies.PolicyError) as cm:
                doc.redact(policy="[markers\n")
            self.assertEqual(cm.exception.file, "<policy>")


class PublishVerifyTest(unittest.TestCase):
    def test_publish_then_verify(self):
        with tempfile.TemporaryDirectory() as tmp:
            key = os.path.join(tmp, "hash-key")
            out = os.path.join(tmp, "public")
            result = allies.publish(SAMPLE, out, formats=("docx", "pdf", "html"), roster=ROSTER, hash_key_file=key)
            self.assertEqual(result["status"], "published")
            self.assertEqual(sorted(os.listdir(out)), ["meeting-notes.docx", "meeting-notes.html",
                                                       "meeting-notes.pdf", "meeting-notes.report.json"])
            report = os.path.join(out, "meeting-notes.report.json")
            files = [os.path.join(out, "meeting-notes." + e) for e in ("docx", "pdf", "html")]
            self.assertEqual(allies.verify(files, report, hash_key_file=key), [])
            leak = os.path.join(tmp, "leak.txt")
            with open(leak, "w", encoding="utf-8") as f:
                f.write("Minutes taken by Tom Okafor.\n")
            with self.assertRaises(allies.LeakError) as cm:
                allies.verify([leak], report, hash_key_file=key)
            self.assertTrue(cm.exception.result)
            self.assertNotIn("Okafor", json.dumps(cm.exception.result))

    def test_a_pdf_that_lost_words_is_not_published(self):
        # A table row of exact height too small for its text: the PDF shows
        # what fits, the DOCX holds the rest.
        words = " ".join("overflowword%d" % i for i in range(40))
        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "clipped.docx")
            with zipfile.ZipFile(path, "w") as z:
                z.writestr("[Content_Types].xml",
                           '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                           '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                           '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                           'officedocument.wordprocessingml.document.main+xml"/></Types>')
                z.writestr("_rels/.rels",
                           '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                           '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                           'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
                z.writestr("word/document.xml",
                           '<w:document xmlns:w="%s"><w:body><w:tbl><w:tblGrid><w:gridCol w:w="3000"/></w:tblGrid>'
                           '<w:tr><w:trPr><w:trHeight w:val="300" w:hRule="exact"/></w:trPr><w:tc><w:p><w:r>'
                           '<w:t>%s</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:body></w:document>' % (w, words))
            out = os.path.join(tmp, "public")
            with self.assertRaises(allies.IncompleteError) as cm:
                allies.publish(path, out, formats=("docx", "pdf"), hash_key_file=os.path.join(tmp, "k"))
            self.assertEqual(cm.exception.result["status"], "incomplete")
            missing = cm.exception.result["completeness"]["missing"]
            self.assertEqual(missing[0]["where"], "word/document.xml paragraph 1")
            self.assertNotIn("overflowword", json.dumps(cm.exception.result) + cm.exception.message)
            self.assertEqual(os.listdir(out), [])

    def test_unknown_publish_format(self):
        with tempfile.TemporaryDirectory() as tmp:
            with self.assertRaises(allies.UsageError):
                allies.publish(SAMPLE, tmp, formats=("docx", "odt"), hash_key_file=os.path.join(tmp, "k"))


if __name__ == "__main__":
    unittest.main()
