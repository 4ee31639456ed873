// M7 through the style chain (trust issue, class 5): black highlight or
// shading that text gets from a character, paragraph or table style is a
// redaction marking, as direct formatting is.
#include <gtest/gtest.h>

#include "support/redact_helpers.hpp"

using namespace allies;
using namespace allies::testing;

namespace {

std::string black_styles() {
    return part("styles",
                "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
                "<w:style w:type=\"character\" w:styleId=\"Blackout\"><w:name w:val=\"Blackout\"/>"
                "<w:rPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"000000\"/></w:rPr></w:style>"
                "<w:style w:type=\"character\" w:styleId=\"InkBase\"><w:name w:val=\"Ink base\"/>"
                "<w:rPr><w:highlight w:val=\"black\"/></w:rPr></w:style>"
                "<w:style w:type=\"character\" w:styleId=\"Ink\"><w:name w:val=\"Ink\"/><w:basedOn w:val=\"InkBase\"/></w:style>"
                "<w:style w:type=\"paragraph\" w:styleId=\"Redacted\"><w:name w:val=\"Redacted para\"/><w:basedOn w:val=\"Normal\"/>"
                "<w:rPr><w:highlight w:val=\"black\"/></w:rPr></w:style>"
                "<w:style w:type=\"paragraph\" w:styleId=\"ShadedPara\"><w:name w:val=\"Shaded para\"/>"
                "<w:pPr><w:shd w:val=\"solid\" w:color=\"000000\" w:fill=\"auto\"/></w:pPr></w:style>"
                "<w:style w:type=\"paragraph\" w:styleId=\"Banner\"><w:name w:val=\"Banner\"/>"
                "<w:pPr><w:shd w:val=\"clear\" w:fill=\"000000\"/></w:pPr><w:rPr><w:color w:val=\"FFFFFF\"/></w:rPr></w:style>"
                "<w:style w:type=\"table\" w:styleId=\"DarkTable\"><w:name w:val=\"Dark table\"/>"
                "<w:rPr><w:highlight w:val=\"black\"/></w:rPr></w:style>");
}

}  // namespace

TEST(BlackThroughStyles, CharacterParagraphAndTableStylesAreMarkings) {
    DocxBuilder b;
    b.styles = black_styles();
    b.body = p(run("Open text, ") + run("salary 41,200", "<w:rStyle w:val=\"Blackout\"/>") + run(" end.")) +
             p(run("Also ") + run("home address 4 Elm Row", "<w:rStyle w:val=\"Ink\"/>") + run(" done.")) +
             p(run("Whole paragraph of sick leave notes"), "<w:pStyle w:val=\"Redacted\"/>") +
             p(run("Shaded paragraph about a grievance"), "<w:pStyle w:val=\"ShadedPara\"/>") +
             "<w:tbl><w:tblPr><w:tblStyle w:val=\"DarkTable\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"4000\"/></w:tblGrid>"
             "<w:tr><w:tc>" + p(run("Cell with bank sort code 20-00-00")) + "</w:tc></w:tr></w:tbl>" + p(run("After the table."));
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    for (const char* gone : {"41,200", "Elm Row", "sick leave", "grievance", "sort code"})
        EXPECT_FALSE(anywhere(out.bytes, gone)) << gone << "\n" << text;
    EXPECT_NE(text.find("Open text, "), std::string::npos) << text;
    EXPECT_NE(text.find("After the table."), std::string::npos) << text;
    EXPECT_GE(count_rule(out.plan, Rule::black_highlight), 5);
}

TEST(BlackThroughStyles, WhiteTextOnABlackStyleAndDirectClearingAreNotMarkings) {
    DocxBuilder b;
    b.styles = black_styles();
    b.body = p(run("Annual Report Banner"), "<w:pStyle w:val=\"Banner\"/>") +
             p(run("Cleared text stays", "<w:rStyle w:val=\"Ink\"/><w:highlight w:val=\"none\"/>")) +
             p(run("Plain paragraph."));
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    EXPECT_NE(text.find("Annual Report Banner"), std::string::npos) << text;
    EXPECT_NE(text.find("Cleared text stays"), std::string::npos) << text;
    EXPECT_EQ(count_rule(out.plan, Rule::black_highlight), 0);
}

TEST(BlackThroughStyles, BlackCellsDirectlyAndThroughTableStylesAndTheirConditionalFormats) {
    DocxBuilder b;
    b.styles = part("styles",
                    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
                    "<w:style w:type=\"table\" w:styleId=\"Inked\"><w:name w:val=\"Inked\"/>"
                    "<w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"000000\"/></w:tcPr></w:style>"
                    "<w:style w:type=\"table\" w:styleId=\"InkedHeader\"><w:name w:val=\"Inked header\"/>"
                    "<w:tblStylePr w:type=\"firstRow\"><w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"000000\"/></w:tcPr></w:tblStylePr></w:style>"
                    "<w:style w:type=\"table\" w:styleId=\"Banner\"><w:name w:val=\"Banner\"/>"
                    "<w:tblStylePr w:type=\"firstRow\"><w:rPr><w:color w:val=\"FFFFFF\" w:themeColor=\"background1\"/></w:rPr>"
                    "<w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"000000\"/></w:tcPr></w:tblStylePr></w:style>");
    auto table = [](const char* style, const std::string& first, const std::string& second, const std::string& cell_pr = "") {
        return std::string("<w:tbl><w:tblPr><w:tblStyle w:val=\"") + style +
               "\"/><w:tblLook w:firstRow=\"1\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"4000\"/></w:tblGrid>"
               "<w:tr><w:tc><w:tcPr>" + cell_pr + "</w:tcPr>" + para(first) + "</w:tc></w:tr><w:tr><w:tc>" + para(second) + "</w:tc></w:tr></w:tbl>";
    };
    b.body = table("Inked", "Informant: Ashdown Row", "Second inked row") + para("Between.") +
             table("InkedHeader", "Complainant: Wilberforce Quarry", "Public second row") + para("Between.") +
             table("Banner", "Public banner heading", "Public body row") + para("Between.") +
             table("", "Direct black: Elm Cottage", "Public plain row", "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"000000\"/>") +
             para("End.");
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    for (const char* gone : {"Ashdown", "Second inked row", "Wilberforce", "Elm Cottage"}) EXPECT_FALSE(anywhere(out.bytes, gone)) << gone << "\n" << text;
    for (const char* kept : {"Public second row", "Public banner heading", "Public body row", "Public plain row"})
        EXPECT_NE(text.find(kept), std::string::npos) << kept << "\n" << text;
}
