// People's names: who counts, every variant that must go, and ordinary words
// that must stay.
#include <gtest/gtest.h>

#include "support/redact_helpers.hpp"

using namespace allies;
using namespace allies::testing;

TEST(Roster, ParsesAliasesAndRole) {
    Roster r = roster("# people\n\nLaura Bennett | Laura B | L. Bennett role=Chair\nZoë Ward\n");
    ASSERT_EQ(r.people.size(), 2u);
    EXPECT_EQ(r.people[0].name, "Laura Bennett");
    EXPECT_EQ(r.people[0].aliases, (std::vector<std::string>{"Laura B", "L. Bennett"}));
    EXPECT_EQ(r.people[0].role, "Chair");
    EXPECT_EQ(r.people[1].name, "Zoë Ward");
    EXPECT_TRUE(r.people[1].role.empty());
}

TEST(Roster, RejectsInvalidUtf8) {
    EXPECT_THROW(roster("Bad \xff name\n"), Error);
}

TEST(Names, EveryVariantOfAPersonGoes) {
    DocxBuilder b;
    b.body = para("Zoë Ward opened.") + para("ZOË WARD closed.") + para("Zoe Ward and zoë ward spoke.") +
             para("Zoë’s report and Ward's notes.") + para("Zoë alone, then Ward alone.") +
             p(run("Split Zo") + run("ë W", "<w:b/>") + run("ard name.")) + para("Alias: Z. Ward signed.");
    auto out = redact_doc(b, with_roster("Zoë Ward | Z. Ward role=Treasurer\n"));
    std::string text = visible_text(out.bytes);
    for (const char* gone : {"Zoë", "Zoe", "ZOË", "Ward", "WARD", "zoë"}) EXPECT_FALSE(anywhere(out.bytes, gone)) << gone << "\n" << text;
    EXPECT_NE(text.find("[name]’s report and [name]'s notes."), std::string::npos) << text;
    EXPECT_NE(text.find("Split [name] name."), std::string::npos) << text;
}

TEST(Names, OrdinaryWordsSurvive) {
    DocxBuilder b;
    b.body = para("Applicants will be told. Will the hall be free? We discussed sensitive issues.") +
             para("The ward was busy and the carter delivered.");
    auto out = redact_doc(b, with_roster("Helen Carter\nZoë Ward\n"));
    std::string text = visible_text(out.bytes);
    EXPECT_NE(text.find("Applicants will be told. Will the hall be free? We discussed sensitive issues."), std::string::npos) << text;
    EXPECT_NE(text.find("The ward was busy and the carter delivered."), std::string::npos) << text;
}

TEST(Names, WordInsideAnotherWordIsNotAName) {
    DocxBuilder b;
    b.body = para("Tomorrow, Tomas and Atom met Tom.");
    auto out = redact_doc(b, with_roster("Tom Okafor\n"));
    EXPECT_NE(visible_text(out.bytes).find("Tomorrow, Tomas and Atom met [name]."), std::string::npos);
}

TEST(Names, KeepListProtectsPublicNames) {
    DocxBuilder b;
    b.body = para("The Bennett Foundation funded Laura Bennett.");
    RedactOptions o = with_roster("Laura Bennett\n");
    o.policy.keep = {"Bennett Foundation"};
    auto out = redact_doc(b, o);
    EXPECT_NE(visible_text(out.bytes).find("The Bennett Foundation funded [name]."), std::string::npos);
}

TEST(Names, PeopleFromAttendanceLinesWithoutARoster) {
    DocxBuilder b;
    b.body = para("Present: Alice Smith (Chair), Dr Bob Jones and Carol Ng") + para("Apologies: None") +
             para("Alice thanked Bob Jones. None of the items was urgent.");
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    EXPECT_FALSE(anywhere(out.bytes, "Alice"));
    EXPECT_FALSE(anywhere(out.bytes, "Jones"));
    EXPECT_FALSE(anywhere(out.bytes, "Carol"));
    EXPECT_NE(text.find("None of the items was urgent."), std::string::npos) << text;
}

TEST(Names, AttendanceListedAsListItemsBelowTheLabel) {
    DocxBuilder b;
    b.body = para("Attendees:") + p(run("Priya Raman"), "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>") +
             p(run("Tom Okafor"), "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>") + para("Priya spoke.");
    auto out = redact_doc(b);
    EXPECT_FALSE(anywhere(out.bytes, "Priya"));
    EXPECT_FALSE(anywhere(out.bytes, "Okafor"));
}

TEST(Names, AuthorsInThePackageAreRedactedEverywhereAndFromProperties) {
    DocxBuilder b;
    b.core = "<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
             "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>Notes</dc:title><dc:creator>Carol White</dc:creator>"
             "<cp:lastModifiedBy>Dan Green</cp:lastModifiedBy></cp:coreProperties>";
    b.body = para("Minutes by Carol White; checked by Dan.") +
             p("<w:ins w:id=\"1\" w:author=\"Erin Black\" w:date=\"2026-01-01T00:00:00Z\">" + run("Erin added this.") + "</w:ins>");
    auto out = redact_doc(b);
    for (const char* gone : {"Carol", "White", "Dan", "Green", "Erin", "Black", "lastModifiedBy"})
        EXPECT_FALSE(anywhere(out.bytes, gone)) << gone;
    EXPECT_NE(visible_text(out.bytes).find("[name] added this."), std::string::npos);
}

TEST(Names, FoundInFootnotesHeadersTextBoxesLinksFieldsBookmarksAndAltText) {
    DocxBuilder b;
    b.footnotes = part("footnotes", "<w:footnote w:id=\"1\"><w:p><w:r><w:t>Prepared by Grace Whitfield.</w:t></w:r></w:p></w:footnote>");
    b.extra_parts.emplace_back("word/header1.xml", part("hdr", para("Draft by Grace Whitfield")));
    b.extra_rels.push_back("<Relationship Id=\"rIdH\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>");
    b.extra_rels.push_back("<Relationship Id=\"rIdL\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" "
                           "Target=\"mailto:grace.whitfield@example.org\" TargetMode=\"External\"/>");
    b.namespaces += " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
                    "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" "
                    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"";
    b.body = p(run("Text") + "<w:r><w:footnoteReference w:id=\"1\"/></w:r>") +
             p("<w:hyperlink r:id=\"rIdL\" w:tooltip=\"Email Grace Whitfield\">" + run("Write to her") + "</w:hyperlink>") +
             p("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> AUTHOR </w:instrText></w:r>"
               "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" + run("Grace Whitfield") +
               "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>") +
             p("<w:bookmarkStart w:id=\"5\" w:name=\"Whitfield_award\"/>" + run("Award.") + "<w:bookmarkEnd w:id=\"5\"/>") +
             p("<w:r><w:drawing><wp:inline><wp:docPr id=\"1\" name=\"Box\" descr=\"Photo of Grace Whitfield\"/>"
               "<a:graphic><a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">"
               "<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Grace said yes.</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp>"
               "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>");
    auto out = redact_doc(b, with_roster("Grace Whitfield\n"));
    EXPECT_FALSE(anywhere(out.bytes, "Grace")) << all_parts(out.bytes);
    EXPECT_FALSE(anywhere(out.bytes, "Whitfield"));
    EXPECT_FALSE(anywhere(out.bytes, "AUTHOR"));
    EXPECT_NE(visible_text(out.bytes).find("Write to her"), std::string::npos);
}

TEST(Names, InitialsPseudonymsAndRoles) {
    DocxBuilder b;
    b.body = para("Tom Okafor met Laura Bennett; Tom left.");
    RedactOptions o = with_roster("Laura Bennett role=Chair\nTom Okafor role=Secretary\n");
    o.policy.names_as = NamesAs::initials;
    EXPECT_NE(visible_text(redact_doc(b, o).bytes).find("T.O. met L.B.; T.O. left."), std::string::npos);
    o.policy.names_as = NamesAs::role;
    EXPECT_NE(visible_text(redact_doc(b, o).bytes).find("Secretary met Chair; Secretary left."), std::string::npos);
    o.policy.names_as = NamesAs::pseudonym;
    EXPECT_NE(visible_text(redact_doc(b, o).bytes).find("Person A met Person B; Person A left."), std::string::npos);
}

TEST(Names, KeyedPseudonymsAreStableAcrossDocuments) {
    DocxBuilder one, two;
    one.body = para("Laura Bennett spoke.");
    two.body = para("Tom Okafor and Laura Bennett spoke.");
    RedactOptions o = with_roster("Laura Bennett\nTom Okafor\n");
    o.policy.names_as = NamesAs::pseudonym;
    o.pseudonym_key = "secret key";
    std::string a = visible_text(redact_doc(one, o).bytes), b = visible_text(redact_doc(two, o).bytes);
    auto label = [](const std::string& s, const std::string& after) {
        auto k = s.find(after);
        return k == std::string::npos ? std::string() : s.substr(0, k);
    };
    std::string la = label(a, " spoke.");
    ASSERT_TRUE(la.starts_with("Person ")) << a;
    EXPECT_NE(b.find(la + " spoke."), std::string::npos) << a << " / " << b;
    o.pseudonym_key = "another key";
    EXPECT_EQ(visible_text(redact_doc(one, o).bytes).find(la), std::string::npos);
}

TEST(Patterns, EmailAndPhoneByDefaultOthersWhenEnabled) {
    DocxBuilder b;
    b.body = para("Write to clerk@example.org or call 020 7946 0958 or +44 7700 900123.") +
             para("Pay GB82 WEST 1234 5698 7654 32, sort code 20-45-77, account 41826603, post to BS7 8AA.") +
             para("Spend was £48,200 on 12/03/2026 in 2026.");
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    EXPECT_NE(text.find("Write to [redacted] or call [redacted] or [redacted]."), std::string::npos) << text;
    EXPECT_NE(text.find("GB82 WEST"), std::string::npos);
    EXPECT_NE(text.find("Spend was £48,200 on 12/03/2026 in 2026."), std::string::npos);
    RedactOptions o;
    o.policy.iban = o.policy.sort_code = o.policy.account_number = o.policy.postcode = true;
    text = visible_text(redact_doc(b, o).bytes);
    EXPECT_NE(text.find("Pay [redacted], sort code [redacted], account [redacted], post to [redacted]."), std::string::npos) << text;
}

TEST(Patterns, EmailsWrittenToDodgeHarvesters) {
    const std::vector<std::string> disguised = {
        "rhys.llewellyn [at] example [dot] org", "rhys.llewellyn (at) example (dot) org", "r_llewellyn {at} example.org",
        "rhys.llewellyn at example dot org",     "rhys.llewellyn at example.org",         "RHYS [ at ] EXAMPLE [ dot ] CO [ dot ] UK",
        "rhys dot llewellyn at example dot org",
    };
    for (const auto& e : disguised) {
        SCOPED_TRACE(e);
        DocxBuilder b;
        b.body = para("Contact " + e + " for details.");
        std::string text = visible_text(redact_doc(b).bytes);
        EXPECT_NE(text.find("Contact [redacted] for details."), std::string::npos) << text;
    }
    // Sentences that only look like it stay.
    DocxBuilder b;
    b.body = para("We met at example.org and looked at the site. Meet at noon dot com era.");
    std::string text = visible_text(redact_doc(b).bytes);
    EXPECT_NE(text.find("We met at example.org and looked at the site. Meet at noon dot com era."), std::string::npos) << text;
}
