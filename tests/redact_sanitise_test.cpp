// What is always removed, whatever is marked; the library's find → plan →
// apply use; policy files; determinism.
#include <gtest/gtest.h>

#include "support/redact_helpers.hpp"

using namespace allies;
using namespace allies::testing;

namespace {

const std::string kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

std::string rel(const std::string& id, const std::string& type, const std::string& target) {
    return "<Relationship Id=\"" + id + "\" Type=\"" + kRel + type + "\" Target=\"" + target + "\"/>";
}

// A PNG with a tEXt chunk naming the author.
std::string png_with_text() {
    std::string png = "\x89PNG\r\n\x1a\n";
    auto chunk = [&](const std::string& type, const std::string& data) {
        std::uint32_t n = static_cast<std::uint32_t>(data.size());
        png += static_cast<char>(n >> 24);
        png += static_cast<char>(n >> 16);
        png += static_cast<char>(n >> 8);
        png += static_cast<char>(n);
        png += type + data + std::string(4, '\0');
    };
    chunk("IHDR", std::string("\0\0\0\1\0\0\0\1\x08\x02\0\0\0", 13));
    chunk("tEXt", std::string("Author\0Secret Photographer", 26));
    chunk("IDAT", "xx");
    chunk("IEND", "");
    return png;
}

}  // namespace

TEST(Sanitise, TrackedChangesAreAcceptedAndDeletionsDropped) {
    DocxBuilder b;
    b.body = p(run("Kept ") + "<w:del w:id=\"1\" w:author=\"A B\"><w:r><w:delText>deleted secret</w:delText></w:r></w:del>" +
               "<w:ins w:id=\"2\" w:author=\"A B\">" + run("inserted") + "</w:ins>" +
               "<w:moveFrom w:id=\"3\"><w:r><w:t>moved away</w:t></w:r></w:moveFrom>") +
             p(run("Para with old format", "<w:b/><w:rPrChange w:id=\"4\" w:author=\"A B\"><w:rPr/></w:rPrChange>"));
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    EXPECT_NE(text.find("Kept inserted"), std::string::npos) << text;
    for (const char* gone : {"deleted secret", "moved away", "w:del", "w:ins", "w:moveFrom", "rPrChange", "w:author"})
        EXPECT_FALSE(anywhere(out.bytes, gone)) << gone;
}

TEST(Sanitise, DeletedParagraphMarkJoinsParagraphs) {
    DocxBuilder b;
    b.body = p(run("First half "), "<w:rPr><w:del w:id=\"1\" w:author=\"X\"/></w:rPr>") + para("second half.");
    auto out = redact_doc(b);
    EXPECT_NE(visible_text(out.bytes).find("First half second half."), std::string::npos) << visible_text(out.bytes);
}

TEST(Sanitise, HiddenTextVanishStyleAndWhiteOnWhiteGo) {
    DocxBuilder b;
    b.styles = heading_styles();
    b.body = p(run("Shown.") + run(" vanish secret", "<w:vanish/>") + run(" style secret", "<w:rStyle w:val=\"Hidden\"/>") +
               run(" white secret", "<w:color w:val=\"FFFFFF\"/>") + run(" tiny secret", "<w:sz w:val=\"2\"/>")) +
             p(run("White on black stays.", "<w:color w:val=\"FFFFFF\"/><w:shd w:val=\"clear\" w:fill=\"1F3864\"/>"));
    auto out = redact_doc(b);
    EXPECT_FALSE(anywhere(out.bytes, "secret"));
    EXPECT_NE(visible_text(out.bytes).find("White on black stays."), std::string::npos);
}

TEST(Sanitise, RevisionIdsGoFromEveryPart) {
    DocxBuilder b;
    b.styles = part("styles", "<w:style w:type=\"paragraph\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:rsid w:val=\"00AB12CD\"/></w:style>");
    b.body = "<w:p w:rsidR=\"00AB12CD\" w:rsidRDefault=\"00AB12CD\"><w:r w:rsidRPr=\"00AB12CD\"><w:t>Hi</w:t></w:r></w:p>";
    auto out = redact_doc(b);
    EXPECT_FALSE(anywhere(out.bytes, "rsid"));
    EXPECT_FALSE(anywhere(out.bytes, "00AB12CD"));
}

TEST(Sanitise, PartsThatCarryPersonalDataAreRemoved) {
    DocxBuilder b;
    b.body = para("Body.");
    b.extra_parts = {
        {"word/people.xml", part("people", "")},
        {"word/commentsExtended.xml", part("commentsEx", "")},
        {"customXml/item1.xml", "<data><owner>Secret Owner</owner></data>"},
        {"docProps/custom.xml", "<Properties><property name=\"Reviewer\">Secret Reviewer</property></Properties>"},
        {"word/glossary/document.xml", part("glossaryDocument", "<w:docParts><w:docPart><w:docPartBody>" + para("Secret building block") + "</w:docPartBody></w:docPart></w:docParts>")},
        {"word/vbaProject.bin", "secret macro bytes"},
        {"word/embeddings/oleObject1.bin", "secret ole bytes"},
        {"word/printerSettings/printerSettings1.bin", "\\\\SERVER\\Secret printer"},
        {"word/orphan.xml", "<x>secret orphan</x>"},
    };
    b.extra_rels = {rel("r1", "people", "people.xml"), rel("r2", "commentsExtended", "commentsExtended.xml"),
                    rel("r3", "customXml", "../customXml/item1.xml"), rel("r4", "glossaryDocument", "glossary/document.xml"),
                    "<Relationship Id=\"r5\" Type=\"http://schemas.microsoft.com/office/2006/relationships/vbaProject\" Target=\"vbaProject.bin\"/>",
                    rel("r6", "oleObject", "embeddings/oleObject1.bin"), rel("r7", "printerSettings", "printerSettings/printerSettings1.bin")};
    auto out = redact_doc(b);
    EXPECT_FALSE(anywhere(out.bytes, "secret")) << all_parts(out.bytes);
    EXPECT_GE(out.plan.removed_parts.size(), 9u);
    EXPECT_NE(visible_text(out.bytes).find("Body."), std::string::npos);
}

TEST(Sanitise, ThumbnailAndCustomPropertiesAtThePackageRootGo) {
    DocxBuilder b;
    b.body = para("Body.");
    b.extra_parts = {{"docProps/thumbnail.jpeg", "\xFF\xD8\xFF secret picture of page one"},
                     {"docProps/custom.xml", "<Properties><property>secret custom</property></Properties>"}};
    b.extra_root_rels = {"<Relationship Id=\"t\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail\" Target=\"docProps/thumbnail.jpeg\"/>",
                         "<Relationship Id=\"c\" Type=\"" + kRel + "custom-properties\" Target=\"docProps/custom.xml\"/>"};
    auto out = redact_doc(b);
    EXPECT_FALSE(has_part(out.bytes, "docProps/thumbnail.jpeg"));
    EXPECT_FALSE(has_part(out.bytes, "docProps/custom.xml"));
    EXPECT_FALSE(anywhere(out.bytes, "secret"));
}

TEST(Sanitise, FieldsThatWouldReinsertPersonalDataKeepOnlyTheirResult) {
    DocxBuilder b;
    b.body = p("<w:fldSimple w:instr=\" DOCPROPERTY Manager \">" + run("Budget") + "</w:fldSimple>" +
               "<w:fldSimple w:instr=\" PAGE \">" + run("3") + "</w:fldSimple>") +
             p("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>FILENAME \\p</w:instrText></w:r>"
               "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" + run("C:\\Users\\jdoe\\notes.docx") +
               "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
    auto out = redact_doc(b);
    std::string doc = part_of(out.bytes, "word/document.xml");
    EXPECT_EQ(doc.find("DOCPROPERTY"), std::string::npos);
    EXPECT_EQ(doc.find("FILENAME"), std::string::npos);
    EXPECT_NE(doc.find("PAGE"), std::string::npos);  // harmless fields stay live
    EXPECT_EQ(doc.find("fldChar"), std::string::npos);
    EXPECT_NE(visible_text(out.bytes).find("[redacted]3"), std::string::npos);  // the property's value is replaced
}

TEST(Sanitise, FieldHalvesLeftByARemovedSectionGo) {
    DocxBuilder b;
    b.body = p("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> TOC \\o </w:instrText></w:r>"
               "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" + run("Contents")) +
             "<w:sdt><w:sdtPr><w:tag w:val=\"redact\"/></w:sdtPr><w:sdtContent>" +
             p(run("Secret entry") + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>") + "</w:sdtContent></w:sdt>" + para("After.");
    auto out = redact_doc(b);
    std::string doc = part_of(out.bytes, "word/document.xml");
    EXPECT_EQ(doc.find("fldChar"), std::string::npos) << doc;
    EXPECT_EQ(doc.find("instrText"), std::string::npos);
    EXPECT_FALSE(anywhere(out.bytes, "Secret entry"));
    EXPECT_NE(visible_text(out.bytes).find("Contents"), std::string::npos);
}

TEST(Sanitise, SettingsLoseTemplatesVariablesAndHistoryAndAskWordToStayClean) {
    DocxBuilder b;
    b.body = para("Body.");
    b.extra_parts = {{"word/settings.xml",
                      part("settings", "<w:zoom w:percent=\"100\"/><w:attachedTemplate r:id=\"t1\"/><w:docVars><w:docVar w:name=\"x\" w:val=\"secret var\"/></w:docVars>"
                                       "<w:rsids><w:rsidRoot w:val=\"00112233\"/></w:rsids>")},
                     {"word/_rels/settings.xml.rels",
                      "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                      "<Relationship Id=\"t1\" Type=\"" + kRel + "attachedTemplate\" Target=\"file:///C:/Users/secret/Normal.dotm\" TargetMode=\"External\"/></Relationships>"}};
    b.extra_rels = {rel("s1", "settings", "settings.xml")};
    auto out = redact_doc(b);
    std::string settings = part_of(out.bytes, "word/settings.xml");
    EXPECT_FALSE(anywhere(out.bytes, "secret"));
    EXPECT_NE(settings.find("<w:zoom w:percent=\"100\"/><w:removePersonalInformation/><w:removeDateAndTime/>"), std::string::npos) << settings;
}

TEST(Sanitise, ImageMetadataIsStrippedAndUnreferencedImagesGo) {
    DocxBuilder b;
    b.namespaces += " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
                    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
                    "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";
    auto drawing = [](const char* id) {
        return std::string("<w:r><w:drawing><wp:inline><wp:docPr id=\"1\" name=\"p\"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed=\"") +
               id + "\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>";
    };
    b.body = p(drawing("i1")) + "<w:sdt><w:sdtPr><w:tag w:val=\"redact\"/></w:sdtPr><w:sdtContent>" + p(drawing("i2")) +
             "</w:sdtContent></w:sdt>";
    b.extra_parts = {{"word/media/image1.png", png_with_text()}, {"word/media/image2.png", png_with_text()}};
    b.extra_rels = {rel("i1", "image", "media/image1.png"), rel("i2", "image", "media/image2.png")};
    auto out = redact_doc(b);
    EXPECT_TRUE(has_part(out.bytes, "word/media/image1.png"));
    EXPECT_FALSE(has_part(out.bytes, "word/media/image2.png"));
    EXPECT_FALSE(anywhere(out.bytes, "Photographer"));
}

TEST(Sanitise, AltChunkAndEmbeddedObjectsGo) {
    DocxBuilder b;
    b.body = para("Before.") + "<w:altChunk r:id=\"c1\"/>" + para("After.");
    b.extra_parts = {{"word/afchunk.htm", "<html><body>secret imported</body></html>"}};
    b.extra_rels = {rel("c1", "aFChunk", "afchunk.htm")};
    auto out = redact_doc(b);
    EXPECT_FALSE(anywhere(out.bytes, "secret"));
    EXPECT_FALSE(anywhere(out.bytes, "altChunk"));
}

TEST(Sanitise, MacroDocumentBecomesAPlainDocument) {
    DocxBuilder b;
    b.body = para("Body.");
    b.extra_parts = {{"word/vbaProject.bin", "macro"}};
    b.extra_rels = {"<Relationship Id=\"v\" Type=\"http://schemas.microsoft.com/office/2006/relationships/vbaProject\" Target=\"vbaProject.bin\"/>"};
    std::string docm = b.build();
    // Give the main part the macro-enabled content type.
    Package pkg = Package::open_memory(docm, "in.docm");
    std::string ct = part_of(docm, "[Content_Types].xml");
    auto k = ct.find("wordprocessingml.document.main+xml");
    ASSERT_NE(k, std::string::npos);
    ct.replace(ct.rfind("application/", k), k + 34 - ct.rfind("application/", k), "application/vnd.ms-word.document.macroEnabled.main+xml");
    pkg.set_part("[Content_Types].xml", ct);
    std::string input = pkg.to_bytes();
    auto out = redact_bytes(input);
    EXPECT_FALSE(anywhere(out.bytes, "macroEnabled"));
    EXPECT_FALSE(has_part(out.bytes, "word/vbaProject.bin"));
}

TEST(Library, FindThenInspectThenApply) {
    DocxBuilder b;
    b.body = para("Laura Bennett chaired.") + "<w:sdt><w:sdtPr><w:tag w:val=\"redact:financial\"/></w:sdtPr><w:sdtContent>" +
             para("Account 41826603.") + "</w:sdtContent></w:sdt>";
    Package pkg = Package::open_memory(b.build(), "in.docx");
    RedactOptions o;
    o.roster = roster("Laura Bennett role=Chair\n");
    Redactor r(pkg, o);
    const RedactionPlan& plan = r.find();
    ASSERT_EQ(count_rule(plan, Rule::block_content_control), 1);
    ASSERT_EQ(count_rule(plan, Rule::name), 1);
    const Hit* name = nullptr;
    for (const auto& h : plan.hits)
        if (h.rule == Rule::name) name = &h;
    EXPECT_EQ(name->replacement, "[name]");
    EXPECT_EQ(name->paragraph, 1);
    EXPECT_EQ(name->context.find("Laura"), std::string::npos);  // masked
    EXPECT_TRUE(name->text.empty());                           // no show_text
    std::string json = plan_to_json(plan, "in.docx", o.policy);
    EXPECT_EQ(json.find("Laura"), std::string::npos);
    EXPECT_EQ(json.find("41826603"), std::string::npos);
    // Nothing changed in the package until apply().
    r.apply();
    std::string bytes = pkg.to_bytes();
    EXPECT_FALSE(anywhere(bytes, "Laura"));
    EXPECT_FALSE(anywhere(bytes, "41826603"));
}

TEST(Library, ShowTextPutsTheTextInTheReport) {
    DocxBuilder b;
    b.body = para("Laura Bennett chaired.");
    RedactOptions o;
    o.roster = roster("Laura Bennett\n");
    o.show_text = true;
    auto out = redact_doc(b, o);
    EXPECT_NE(plan_to_json(out.plan, "in", o.policy).find("Laura Bennett"), std::string::npos);
}

TEST(Library, SameInputSameBytes) {
    DocxBuilder b;
    b.body = para("Laura Bennett chaired.") + para("[[redact]]x[[/redact]]");
    RedactOptions o;
    o.roster = roster("Laura Bennett\n");
    EXPECT_EQ(redact_doc(b, o).bytes, redact_doc(b, o).bytes);
}

TEST(Library, UnmarkedTextAndFormattingAreUntouched) {
    DocxBuilder b;
    b.body = p(run("Bold kept ", "<w:b/>") + run("Laura", "<w:b/><w:i/>") + run(" italic.", "<w:i/>"));
    RedactOptions o;
    o.roster = roster("Laura Bennett\n");
    auto out = redact_doc(b, o);
    std::string doc = part_of(out.bytes, "word/document.xml");
    EXPECT_NE(doc.find("<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Bold kept </w:t></w:r>"), std::string::npos) << doc;
    EXPECT_NE(doc.find("<w:r><w:rPr><w:b/><w:i/></w:rPr><w:t xml:space=\"preserve\">[name]</w:t></w:r>"), std::string::npos) << doc;
}

TEST(Policy, DefaultTomlIsTheDefaults) {
    Policy parsed = Policy::from_toml(Policy::default_toml(), "default");
    EXPECT_EQ(parsed.digest(), Policy{}.digest());
}

TEST(Policy, OverridesAndErrors) {
    Policy p = Policy::from_toml("[names]\nreplace_as = \"initials\"\nkeep = [\"Trust\"]\n[patterns]\niban = true\n"
                                 "[replacement.category_text]\nfinancial = \"[money]\"\n", "p.toml");
    EXPECT_EQ(p.names_as, NamesAs::initials);
    EXPECT_EQ(p.keep, std::vector<std::string>{"Trust"});
    EXPECT_TRUE(p.iban);
    EXPECT_TRUE(p.email);  // untouched default
    EXPECT_EQ(p.category_text.at("financial"), "[money]");
    for (const char* bad : {"[names]\nreplace_as = \"nicknames\"\n", "[patterns]\nemial = true\n", "[markers]\nblack_highlight = \"yes\"\n",
                            "not toml at all = = =", "[unknown]\n"}) {
        try {
            Policy::from_toml(bad, "bad.toml");
            ADD_FAILURE() << bad;
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::policy) << bad;
        }
    }
}

TEST(Sanitise, HiddenTextAfterAHyperlinkOrInsideAControlIsFound) {
    DocxBuilder b;
    b.extra_rels = {rel("h", "hyperlink", "https://example.org")};
    b.body = p("<w:hyperlink r:id=\"h\">" + run("link") + "</w:hyperlink>" + run(" after secret", "<w:vanish/>")) +
             p("<w:sdt><w:sdtContent>" + run("in control secret", "<w:color w:val=\"FFFFFF\"/>") + "</w:sdtContent></w:sdt>" + run("Shown"));
    auto out = redact_doc(b);
    EXPECT_FALSE(anywhere(out.bytes, "secret"));
    EXPECT_NE(visible_text(out.bytes).find("link"), std::string::npos);
}

TEST(Sanitise, ChartLosesItsEmbeddedWorkbookAndTheReferenceToIt) {
    DocxBuilder b;
    b.namespaces += " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
                    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
                    "xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"";
    b.body = p("<w:r><w:drawing><wp:inline><wp:docPr id=\"1\" name=\"Chart 1\"/><a:graphic><a:graphicData "
               "uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"><c:chart r:id=\"ch\"/></a:graphicData>"
               "</a:graphic></wp:inline></w:drawing></w:r>");
    b.extra_parts = {{"word/charts/chart1.xml",
                      "<?xml version=\"1.0\"?><c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" "
                      "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"" + std::string(kR) + "\">"
                      "<c:chart><c:title><c:tx><c:rich><a:p><a:r><a:t>Spend by Laura Bennett</a:t></a:r></a:p></c:rich></c:tx></c:title></c:chart>"
                      "<c:externalData r:id=\"wb\"/></c:chartSpace>"},
                     {"word/charts/_rels/chart1.xml.rels",
                      "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                      "<Relationship Id=\"wb\" Type=\"" + kRel + "package\" Target=\"../embeddings/Workbook1.xlsx\"/></Relationships>"},
                     {"word/embeddings/Workbook1.xlsx", "secret workbook"}};
    b.extra_rels = {rel("ch", "chart", "charts/chart1.xml")};
    RedactOptions o;
    o.roster = roster("Laura Bennett\n");
    auto out = redact_doc(b, o);
    std::string chart = part_of(out.bytes, "word/charts/chart1.xml");
    EXPECT_NE(chart.find("Spend by [name]"), std::string::npos) << chart;
    EXPECT_EQ(chart.find("externalData"), std::string::npos);
    EXPECT_FALSE(has_part(out.bytes, "word/embeddings/Workbook1.xlsx"));
}
