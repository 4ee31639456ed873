// Regressions from adversarial testing: places where redacted content could
// hide (nested fields, ruby, tables of contents, cross-references, smart
// tags, identifiers) and inputs that must be refused.
#include <gtest/gtest.h>

#include "support/redact_helpers.hpp"

using namespace allies;
using namespace allies::testing;

namespace {

std::string field(const std::string& instr, const std::string& result) {
    return "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\">" + instr +
           "</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" + run(result) +
           "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
}

}  // namespace

TEST(Adversarial, NameInANestedFieldResultInsideAnInstructionGoesWithTheInstruction) {
    DocxBuilder b;
    // IF { QUOTE "a" } = "x" "yes" "no": the nested result is never displayed.
    b.body = p(run("I: ") + "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> IF </w:instrText></w:r>" +
               field(" QUOTE \"a\" ", "Grace Whitfield") +
               "<w:r><w:instrText xml:space=\"preserve\"> = \"x\" \"yes\" \"no\" </w:instrText></w:r>"
               "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" + run("no") + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
    auto out = redact_doc(b, with_roster("Grace Whitfield\n"));
    EXPECT_FALSE(anywhere(out.bytes, "Whitfield"));
    EXPECT_NE(visible_text(out.bytes).find("I: no"), std::string::npos) << visible_text(out.bytes);
}

TEST(Adversarial, PersonalFieldResultsAreReplacedNotJustUnlinked) {
    DocxBuilder b;
    b.body = p(run("A: ") + field(" USERNAME ", "rellery")) + p(run("B: ") + field(" FILENAME \\p ", "C:\\Users\\rellery\\n.docx")) +
             p(run("C: ") + "<w:fldSimple w:instr=\" USERADDRESS \">" + run("12 Secret Street") + "</w:fldSimple>") +
             p(run("D: ") + field(" PAGE ", "3"));
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    EXPECT_FALSE(anywhere(out.bytes, "rellery"));
    EXPECT_FALSE(anywhere(out.bytes, "Secret Street"));
    EXPECT_NE(text.find("A: [name]"), std::string::npos) << text;
    EXPECT_NE(text.find("D: 3"), std::string::npos);
}

TEST(Adversarial, RubyTextIsSearchedOnItsOwn) {
    DocxBuilder b;
    b.body = p("<w:r><w:ruby><w:rubyPr/><w:rt>" + run("Bennett") + "</w:rt><w:rubyBase>" + run("Laura") + "</w:rubyBase></w:ruby></w:r>" +
               run(" spoke."));
    auto out = redact_doc(b, with_roster("Laura Bennett\n"));
    EXPECT_FALSE(anywhere(out.bytes, "Laura"));
    EXPECT_FALSE(anywhere(out.bytes, "Bennett"));
}

TEST(Adversarial, TableOfContentsLineOfARemovedSectionGoes) {
    DocxBuilder b;
    b.styles = heading_styles();
    b.body = p("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> TOC \\o \"1-3\" \\h </w:instrText></w:r>"
               "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:hyperlink w:anchor=\"_Toc1\">" + run("Finance\t1") + "</w:hyperlink>") +
             p("<w:hyperlink w:anchor=\"_Toc2\">" + run("Dismissal of the caretaker (confidential)\t2") + "</w:hyperlink>") +
             p("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>") +
             p("<w:bookmarkStart w:id=\"1\" w:name=\"_Toc1\"/>" + run("Finance") + "<w:bookmarkEnd w:id=\"1\"/>", "<w:pStyle w:val=\"Heading1\"/>") +
             para("Budget fine.") +
             p("<w:bookmarkStart w:id=\"2\" w:name=\"_Toc2\"/>" + run("Dismissal of the caretaker (confidential)") + "<w:bookmarkEnd w:id=\"2\"/>",
               "<w:pStyle w:val=\"Heading1\"/>") +
             para("Two formal warnings.");
    auto out = redact_doc(b);
    EXPECT_FALSE(anywhere(out.bytes, "caretaker"));
    EXPECT_FALSE(anywhere(out.bytes, "warnings"));
    EXPECT_NE(visible_text(out.bytes).find("Finance"), std::string::npos);
}

TEST(Adversarial, CopiesOfMarkedTextElsewhereGoToo) {
    DocxBuilder b;
    b.body = p(run("The figure was ") + "<w:bookmarkStart w:id=\"1\" w:name=\"Fig\"/>" + run("[[redact]]REFSECRET £9,999[[/redact]]") +
               "<w:bookmarkEnd w:id=\"1\"/>" + run(".")) +
             p(run("As noted, ") + field(" REF Fig \\h ", "REFSECRET £9,999") + run(" was agreed."));
    auto out = redact_doc(b);
    EXPECT_FALSE(anywhere(out.bytes, "REFSECRET")) << visible_text(out.bytes);
    EXPECT_NE(visible_text(out.bytes).find("was agreed."), std::string::npos);
}

TEST(Adversarial, EmptyRedactCommentRangeIsRefused) {
    DocxBuilder b;
    b.comments = part("comments", "<w:comment w:id=\"1\"><w:p><w:r><w:t>redact: personal</w:t></w:r></w:p></w:comment>");
    b.body = p(run("Text ") + "<w:commentRangeStart w:id=\"1\"/><w:commentRangeEnd w:id=\"1\"/><w:r><w:commentReference w:id=\"1\"/></w:r>" + run("more."));
    try {
        redact_doc(b);
        FAIL() << "expected a refusal";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::refused);
    }
}

TEST(Adversarial, NamesWrittenAsIdentifiersHandlesAndFileNames) {
    DocxBuilder b;
    b.namespaces += " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\"";
    b.extra_rels.push_back("<Relationship Id=\"u\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" "
                           "Target=\"https://example.org/u/LauraBennett/profile\" TargetMode=\"External\"/>");
    b.body = para("Follow @LauraBennett or Laura\u200bBennett.") +
             p("<w:hyperlink r:id=\"u\">" + run("profile") + "</w:hyperlink>") +
             p("<w:bookmarkStart w:id=\"1\" w:name=\"GraceWhitfieldAddress\"/><w:bookmarkStart w:id=\"2\" w:name=\"_Toc_Laura_Bennett\"/>" +
               run("x") + "<w:bookmarkEnd w:id=\"1\"/><w:bookmarkEnd w:id=\"2\"/>") +
             p("<w:r><w:drawing><wp:inline><wp:docPr id=\"1\" name=\"laura_bennett.png\" descr=\"\"/></wp:inline></w:drawing></w:r>") +
             p("<w:smartTag w:uri=\"urn:schemas-microsoft-com:office:smarttags\" w:element=\"PersonName\"><w:smartTagPr>"
               "<w:attr w:name=\"ProductID\" w:val=\"Grace Whitfield\"/></w:smartTagPr>" + run("the applicant") + "</w:smartTag>");
    auto out = redact_doc(b, with_roster("Laura Bennett\nGrace Whitfield\n"));
    for (const char* gone : {"Laura", "Bennett", "Whitfield"}) EXPECT_FALSE(anywhere(out.bytes, gone)) << gone << all_parts(out.bytes);
}

TEST(Adversarial, UnspacedIbanIsFoundWhenEnabled) {
    DocxBuilder b;
    b.body = para("Pay GB33BUKB20201555555555 is the account.");
    RedactOptions o;
    o.policy.iban = true;
    EXPECT_NE(visible_text(redact_doc(b, o).bytes).find("Pay [redacted] is the account."), std::string::npos);
}

TEST(Adversarial, PackageWithoutContentTypesIsRefusedAsUnsupported) {
    std::string docx = make_zip({{"_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                                  "<Relationship Id=\"r\" Type=\"" + std::string(kRelOfficeDocument) + "\" Target=\"word/document.xml\"/></Relationships>"},
                                 {"word/document.xml", DocxBuilder{}.document_xml()}});
    try {
        redact_bytes(docx);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::unsupported);
    }
}

TEST(Adversarial, CopyContainingANameGoesWhole) {
    DocxBuilder b;
    b.body = para("Members noted [[redact]]a private matter about Laura Bennett[[/redact]] today.") +
             para("Summary: a private matter about Laura Bennett was noted.");
    auto out = redact_doc(b, with_roster("Laura Bennett\n"));
    EXPECT_FALSE(anywhere(out.bytes, "private matter")) << visible_text(out.bytes);
    EXPECT_NE(visible_text(out.bytes).find("Summary: [redacted] was noted."), std::string::npos) << visible_text(out.bytes);
}

TEST(Adversarial, SelfCheckRefusesANameDrawnInsideAPicture) {
    // An EMF picture draws text with UTF-16LE records; allies cannot rewrite
    // it, so the self-check must refuse instead of publishing the name.
    DocxBuilder b;
    b.namespaces += " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
                    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
                    "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";
    b.body = p("<w:r><w:drawing><wp:inline><wp:docPr id=\"1\" name=\"p\"/><a:graphic><a:graphicData><pic:pic><pic:blipFill>"
               "<a:blip r:embed=\"e\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>");
    std::string emf = std::string("\x01\x00\x00\x00", 4);
    for (char c : std::string("Signed: Laura Bennett")) {
        emf += c;
        emf += '\0';
    }
    b.extra_parts = {{"word/media/image1.emf", emf}};
    b.extra_rels = {"<Relationship Id=\"e\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/image1.emf\"/>"};
    try {
        redact_doc(b, with_roster("Laura Bennett\n"));
        FAIL() << "expected the self-check to refuse";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::refused);
        EXPECT_NE(std::string(e.what()).find("self-check"), std::string::npos) << e.what();
    }
}
