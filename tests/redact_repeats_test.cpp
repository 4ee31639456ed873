// Repeats of marked figures and titles (trust issue, class 7): amounts,
// long numbers and emails of a marked region go wherever they repeat; a
// document property that repeats redacted text goes too.
#include <gtest/gtest.h>

#include "support/redact_helpers.hpp"

using namespace allies;
using namespace allies::testing;

namespace {

std::string cell(const std::string& text) { return "<w:tc>" + para(text) + "</w:tc>"; }

}  // namespace

TEST(RepeatedFigures, AMarkedAmountIsCutWhereverItRepeats) {
    DocxBuilder b;
    b.body = para("[[redact:financial]]The settlement of £18,750 to the former employee was agreed.[[/redact]]") +
             para("Summary: total 18,750 paid; see also £18750.00 in the ledger and 18750 in the export.") +
             "<w:tbl><w:tblGrid><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"3000\"/></w:tblGrid><w:tr>" + cell("Settlement") +
             cell("£18,750") + "</w:tr></w:tbl>" +
             para("In 2024 we spent £500 on 1,875 leaflets; 187,500 visitors came.");
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    EXPECT_FALSE(anywhere(out.bytes, "18,750")) << text;
    EXPECT_FALSE(anywhere(out.bytes, "18750")) << text;
    // Other figures, and a year, stay.
    for (const char* kept : {"2024", "£500", "1,875", "187,500", "Settlement", "Summary: total"})
        EXPECT_NE(text.find(kept), std::string::npos) << kept << "\n" << text;
    int repeats = 0;
    for (const auto& h : out.plan.hits) repeats += h.detail == "repeat of a redacted figure";
    EXPECT_EQ(repeats, 4);
}

TEST(RepeatedFigures, EmailsAndLongNumbersOfARemovedSectionGoToo) {
    DocxBuilder b;
    b.styles = heading_styles();
    b.body = p(run("Grievance (confidential)"), "<w:pStyle w:val=\"Heading1\"/>") +
             para("Contact case.handler@example.org about claim 40512876.") +
             p(run("Actions"), "<w:pStyle w:val=\"Heading1\"/>") +
             para("Write to case.handler@example.org (ref 40512876) by Friday.");
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    EXPECT_FALSE(anywhere(out.bytes, "case.handler")) << text;
    EXPECT_FALSE(anywhere(out.bytes, "40512876")) << text;
    EXPECT_NE(text.find("by Friday."), std::string::npos) << text;
}

TEST(RepeatedFigures, ThePolicyCanTurnItOff) {
    DocxBuilder b;
    b.body = para("[[redact]]Fee £18,750.[[/redact]]") + para("Budget line £18,750 approved.");
    RedactOptions o;
    o.policy.repeated_figures = false;
    auto out = redact_doc(b, o);
    EXPECT_NE(visible_text(out.bytes).find("Budget line £18,750 approved."), std::string::npos);
}

TEST(RepeatedTitles, APropertyRepeatingAConfidentialHeadingGoes) {
    DocxBuilder b;
    b.styles = heading_styles();
    b.core = "<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
             "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>Staffing restructure</dc:title>"
             "<dc:subject>Board minutes</dc:subject></cp:coreProperties>";
    b.body = p(run("Finance"), "<w:pStyle w:val=\"Heading1\"/>") + para("Budget fine.") +
             p(run("Staffing restructure (confidential)"), "<w:pStyle w:val=\"Heading1\"/>") + para("Three posts go.");
    auto out = redact_doc(b);
    std::string core = part_of(out.bytes, "docProps/core.xml");
    EXPECT_EQ(core.find("Staffing"), std::string::npos) << core;
    EXPECT_NE(core.find("Board minutes"), std::string::npos) << core;
}

TEST(RepeatedFigures, GroupedReferencesButNotDates) {
    DocxBuilder b;
    b.body = "<w:sdt><w:sdtPr><w:alias w:val=\"Sensitive\"/><w:tag w:val=\"sensitive\"/></w:sdtPr><w:sdtContent>" +
             para("Claim reference 4471-0938-2215 opened on 2024-06-11.") + "</w:sdtContent></w:sdt>" +
             para("Insurer acknowledged claim 4471-0938-2215 on 2024-06-11 and 12/03/2026.");
    std::string text = visible_text(redact_doc(b).bytes);
    EXPECT_EQ(text.find("4471-0938-2215"), std::string::npos) << text;
    EXPECT_NE(text.find("on 2024-06-11 and 12/03/2026."), std::string::npos) << text;
}
