// The marking conventions M1-M7: what each removes, what replaces it, and
// what must survive next to it.
#include <gtest/gtest.h>

#include "support/redact_helpers.hpp"

using namespace allies;
using namespace allies::testing;

namespace {

std::string sdt(const std::string& tag, const std::string& content, const std::string& alias = "") {
    return "<w:sdt><w:sdtPr>" + (alias.empty() ? "" : "<w:alias w:val=\"" + alias + "\"/>") +
           (tag.empty() ? "" : "<w:tag w:val=\"" + tag + "\"/>") + "<w:id w:val=\"7\"/></w:sdtPr><w:sdtContent>" + content +
           "</w:sdtContent></w:sdt>";
}

std::string table(const std::string& rows, int cols = 2) {
    std::string grid;
    for (int i = 0; i < cols; ++i) grid += "<w:gridCol w:w=\"2000\"/>";
    return "<w:tbl><w:tblPr/><w:tblGrid>" + grid + "</w:tblGrid>" + rows + "</w:tbl>";
}

std::string row(const std::string& a, const std::string& b) {
    return "<w:tr><w:tc>" + para(a) + "</w:tc><w:tc>" + para(b) + "</w:tc></w:tr>";
}

}  // namespace

TEST(M1, BlockContentControlWithCategoryBecomesOnePlaceholder) {
    DocxBuilder b;
    b.body = para("Before the budget.") +
             sdt("redact:financial", para("Sort code 20-45-77.") + para("Account 41826603.") + table(row("Salary", "31,400"))) +
             para("After the budget.");
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    EXPECT_EQ(count_of(text, "[Redacted: financial]"), 1) << text;
    EXPECT_NE(text.find("Before the budget."), std::string::npos);
    EXPECT_NE(text.find("After the budget."), std::string::npos);
    for (const char* gone : {"20-45-77", "41826603", "Salary", "31,400", "redact:financial", "w:sdt"})
        EXPECT_FALSE(anywhere(out.bytes, gone)) << gone;
    EXPECT_EQ(count_rule(out.plan, Rule::block_content_control), 1);
}

TEST(M1, AliasMatchesCaseInsensitivelyAndUsesDefaultCategory) {
    DocxBuilder b;
    b.body = para("Kept.") + sdt("", para("Private figures here."), "CONFIDENTIAL") + para("Also kept.");
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    EXPECT_NE(text.find("[Redacted: sensitive]"), std::string::npos) << text;
    EXPECT_FALSE(anywhere(out.bytes, "Private figures"));
}

TEST(M1, UnmarkedContentControlsStay) {
    DocxBuilder b;
    b.body = sdt("agenda", para("Agenda item one."), "Agenda");
    auto out = redact_doc(b);
    EXPECT_NE(visible_text(out.bytes).find("Agenda item one."), std::string::npos);
    EXPECT_EQ(count_rule(out.plan, Rule::block_content_control), 0);
}

TEST(M1, RowLevelControlRemovesRowsAndKeepsTheTable) {
    DocxBuilder b;
    b.body = table(row("Item", "Owner") + sdt("sensitive", row("Legal claim", "£7,500")) + row("Newsletter", "Staff")) +
             para("End.");
    auto out = redact_doc(b);
    std::string doc = part_of(out.bytes, "word/document.xml");
    EXPECT_FALSE(anywhere(out.bytes, "Legal claim"));
    EXPECT_FALSE(anywhere(out.bytes, "7,500"));
    EXPECT_NE(doc.find("Newsletter"), std::string::npos);
    EXPECT_NE(doc.find("<w:gridSpan w:val=\"2\"/>"), std::string::npos);
    EXPECT_EQ(count_of(doc, "<w:tr>"), 3);  // header, placeholder, kept row
}

TEST(M2, InlineControlBecomesRedactedInsideTheSentence) {
    DocxBuilder b;
    b.body = p(run("The applicant’s address, ") + sdt("sensitive:personal", run("14 Mill Lane, NB1 4QT")) +
               run(", was confirmed."));
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    EXPECT_NE(text.find("The applicant’s address, [redacted], was confirmed."), std::string::npos) << text;
    EXPECT_FALSE(anywhere(out.bytes, "Mill Lane"));
    EXPECT_FALSE(anywhere(out.bytes, "sensitive:personal"));
    EXPECT_EQ(count_rule(out.plan, Rule::inline_content_control), 1);
    EXPECT_EQ(out.plan.hits.back().category, "personal");
}

TEST(M3, ParagraphStyleMatchedByNameNotId) {
    DocxBuilder b;
    b.styles = heading_styles();
    b.body = para("Open.") + p(run("Salary review: £31,400."), "<w:pStyle w:val=\"Style7\"/>") +
             p(run("Body text in a style whose id is Sensitive."), "<w:pStyle w:val=\"Sensitive\"/>");
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    EXPECT_FALSE(anywhere(out.bytes, "Salary review"));
    EXPECT_NE(text.find("Body text in a style whose id is Sensitive."), std::string::npos);
    EXPECT_NE(text.find("[Redacted: sensitive]"), std::string::npos);
}

TEST(M3, CharacterStyleRemovesOnlyItsRuns) {
    DocxBuilder b;
    b.styles = heading_styles();
    b.body = p(run("Members noted the ") + run("settlement paid to the caretaker", "<w:rStyle w:val=\"CT\"/>") +
               run(" had been finalised."));
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    EXPECT_NE(text.find("Members noted the [redacted] had been finalised."), std::string::npos) << text;
    EXPECT_FALSE(anywhere(out.bytes, "caretaker"));
    EXPECT_EQ(part_of(out.bytes, "word/document.xml").find("w:val=\"CT\""), std::string::npos);
}

TEST(M4, MarkersInsideOneRun) {
    DocxBuilder b;
    b.body = para("Best wishes to [[redact:personal]]a colleague recovering from surgery[[/redact]] from all.");
    auto out = redact_doc(b);
    EXPECT_NE(visible_text(out.bytes).find("Best wishes to [redacted] from all."), std::string::npos);
    EXPECT_FALSE(anywhere(out.bytes, "surgery"));
    EXPECT_FALSE(anywhere(out.bytes, "[[redact"));
}

TEST(M4, MarkerTextSplitAcrossRunsAsWordDoes) {
    DocxBuilder b;
    b.body = p(run("Wishes to a colleague [[re") + run("dact:pers", "<w:b/>") + run("onal]]who is recovering") +
               run(" from surgery[[/red") + run("act]]."));
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    EXPECT_NE(text.find("Wishes to a colleague [redacted]."), std::string::npos) << text;
    EXPECT_FALSE(anywhere(out.bytes, "recovering"));
    EXPECT_FALSE(anywhere(out.bytes, "[[re"));
    EXPECT_FALSE(anywhere(out.bytes, "act]]"));
    EXPECT_FALSE(anywhere(out.bytes, "onal]]"));
}

TEST(M4, MarkersAcrossParagraphsRemoveTheTablesBetween) {
    DocxBuilder b;
    b.body = para("Intro.") + para("[[redact:legal]]") + para("Lease dispute advice.") + table(row("Claim", "£7,500")) +
             para("[[/redact]]") + para("Outro.");
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    EXPECT_EQ(count_of(text, "[Redacted: legal]"), 1) << text;
    EXPECT_FALSE(anywhere(out.bytes, "Lease dispute"));
    EXPECT_FALSE(anywhere(out.bytes, "7,500"));
    EXPECT_NE(text.find("Intro."), std::string::npos);
    EXPECT_NE(text.find("Outro."), std::string::npos);
}

TEST(M4, RangeStartingMidParagraphKeepsTheTextBefore) {
    DocxBuilder b;
    b.body = para("Kept start [[redact]]secret one") + para("secret two[[/redact]] kept end.");
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    EXPECT_NE(text.find("Kept start [redacted]"), std::string::npos) << text;
    EXPECT_NE(text.find("kept end."), std::string::npos);
    EXPECT_FALSE(anywhere(out.bytes, "secret"));
}

TEST(M4, UnclosedMarkerIsRefused) {
    DocxBuilder b;
    b.body = para("Open [[redact]] and never closed.");
    try {
        redact_doc(b);
        FAIL() << "expected a refusal";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::refused);
        EXPECT_NE(std::string(e.what()).find("unclosed"), std::string::npos);
    }
}

TEST(M4, StrayClosingMarkerIsRefused) {
    DocxBuilder b;
    b.body = para("Nothing opened [[/redact]] here.");
    EXPECT_THROW(redact_doc(b), Error);
}

TEST(M5, ConfidentialHeadingRemovesItsSectionUpToTheNextPeerHeading) {
    DocxBuilder b;
    b.styles = heading_styles();
    std::string h1 = "<w:pStyle w:val=\"Heading1\"/>", h2 = "<w:pStyle w:val=\"Heading2\"/>";
    b.body = p(run("Finance"), h1) + para("Budget fine.") + p(run("Staffing (Confidential)"), h1) +
             para("Probation extended.") + p(run("Sub issue"), h2) + para("Two warnings.") + table(row("Name", "Grade")) +
             p(run("Any other business"), h1) + para("Next meeting in May.");
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    for (const char* gone : {"Staffing", "Probation", "Sub issue", "warnings", "Grade"}) EXPECT_FALSE(anywhere(out.bytes, gone)) << gone;
    for (const char* kept : {"Finance", "Budget fine.", "Any other business", "Next meeting in May."})
        EXPECT_NE(text.find(kept), std::string::npos) << kept;
    EXPECT_EQ(count_of(text, "[Redacted: confidential]"), 1) << text;
}

TEST(M5, SubHeadingScopeStopsAtTheNextPeerOrHigher) {
    DocxBuilder b;
    b.styles = heading_styles();
    b.body = p(run("Top"), "<w:outlineLvl w:val=\"0\"/>") + p(run("Secret part [confidential]"), "<w:outlineLvl w:val=\"1\"/>") +
             para("Hidden detail.") + p(run("Open part"), "<w:outlineLvl w:val=\"1\"/>") + para("Open detail.");
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    EXPECT_FALSE(anywhere(out.bytes, "Hidden detail"));
    EXPECT_NE(text.find("Open detail."), std::string::npos);
    EXPECT_NE(text.find("Top"), std::string::npos);
}

TEST(M5, OrdinaryHeadingMentioningConfidentialityStays) {
    DocxBuilder b;
    b.styles = heading_styles();
    b.body = p(run("Confidential waste collection"), "<w:pStyle w:val=\"Heading1\"/>") + para("Bins on Tuesday.");
    auto out = redact_doc(b);
    EXPECT_NE(visible_text(out.bytes).find("Bins on Tuesday."), std::string::npos);
}

TEST(M6, RedactCommentRemovesItsRangeAndAllCommentsGo) {
    DocxBuilder b;
    b.comments = part("comments",
                      "<w:comment w:id=\"1\" w:author=\"Reviewer Person\"><w:p><w:r><w:t>Redact: personal</w:t></w:r></w:p></w:comment>"
                      "<w:comment w:id=\"2\" w:author=\"Reviewer Person\"><w:p><w:r><w:t>Please check</w:t></w:r></w:p></w:comment>");
    b.body = p(run("The editor is ") + "<w:commentRangeStart w:id=\"1\"/>" + run("on medical leave") +
               "<w:commentRangeEnd w:id=\"1\"/><w:r><w:commentReference w:id=\"1\"/></w:r>" + run(" until May.")) +
             p("<w:commentRangeStart w:id=\"2\"/>" + run("Budget agreed.") +
               "<w:commentRangeEnd w:id=\"2\"/><w:r><w:commentReference w:id=\"2\"/></w:r>");
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    EXPECT_NE(text.find("The editor is [redacted] until May."), std::string::npos) << text;
    EXPECT_NE(text.find("Budget agreed."), std::string::npos);
    EXPECT_FALSE(anywhere(out.bytes, "medical"));
    EXPECT_FALSE(anywhere(out.bytes, "Please check"));
    EXPECT_FALSE(anywhere(out.bytes, "commentRange"));
    EXPECT_FALSE(anywhere(out.bytes, "commentReference"));
    EXPECT_FALSE(has_part(out.bytes, "word/comments.xml"));
    EXPECT_EQ(count_rule(out.plan, Rule::comment), 1);
}

TEST(M6, RedactCommentWithoutARangeIsRefused) {
    DocxBuilder b;
    b.comments = part("comments", "<w:comment w:id=\"1\"><w:p><w:r><w:t>redact</w:t></w:r></w:p></w:comment>");
    b.body = p(run("Text.") + "<w:r><w:commentReference w:id=\"1\"/></w:r>");
    EXPECT_THROW(redact_doc(b), Error);
}

TEST(M7, BlackHighlightAndBlackShadingAreRemoved) {
    DocxBuilder b;
    b.body = p(run("Call ") + run("07700 900 123", "<w:highlight w:val=\"black\"/>") + run(" or ") +
               run("the home line", "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"000000\"/>") + run(".")) +
             p(run("Yellow stays.", "<w:highlight w:val=\"yellow\"/>"));
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    EXPECT_NE(text.find("Call [redacted] or [redacted]."), std::string::npos) << text;
    EXPECT_FALSE(anywhere(out.bytes, "900 123"));
    EXPECT_FALSE(anywhere(out.bytes, "home line"));
    EXPECT_FALSE(anywhere(out.bytes, "w:val=\"black\""));
    EXPECT_NE(text.find("Yellow stays."), std::string::npos);
}

TEST(Replacement, SectionsRemoveLeavesNoTrace) {
    DocxBuilder b;
    b.body = para("A.") + sdt("redact", para("Gone.")) + para("B.");
    RedactOptions o;
    o.policy.sections = SectionsMode::remove;
    auto out = redact_doc(b, o);
    std::string text = visible_text(out.bytes);
    EXPECT_EQ(text.find("Redacted"), std::string::npos) << text;
    EXPECT_NE(text.find("A."), std::string::npos);
    EXPECT_NE(text.find("B."), std::string::npos);
}

TEST(Replacement, PerCategoryTextFromPolicy) {
    DocxBuilder b;
    b.body = sdt("redact:financial", para("Gone."));
    RedactOptions o;
    o.policy.category_text["financial"] = "[Financial details removed]";
    auto out = redact_doc(b, o);
    EXPECT_NE(visible_text(out.bytes).find("[Financial details removed]"), std::string::npos);
}

TEST(Replacement, SectionBreakInsideRemovedRangeSurvives) {
    DocxBuilder b;
    b.body = para("A.") + sdt("redact", p(run("Landscape part."), "<w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/></w:sectPr>")) +
             para("B.") + "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>";
    auto out = redact_doc(b);
    std::string doc = part_of(out.bytes, "word/document.xml");
    EXPECT_EQ(count_of(doc, "<w:sectPr>"), 2) << doc;
    EXPECT_NE(doc.find("landscape"), std::string::npos);
}
