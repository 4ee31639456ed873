// Cross-references into removed content (trust issue, classes 2 and 9): a
// field or link whose result comes from a removed section gets the
// placeholder and no longer points there; the paragraph holding it keeps its
// own words; table-of-contents entries for it go.
#include <gtest/gtest.h>

#include "support/redact_helpers.hpp"

using namespace allies;
using namespace allies::testing;

namespace {

std::string h1(const std::string& inner) { return "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>" + inner + "</w:p>"; }

std::string bookmarked(const std::string& name, const std::string& text) {
    return "<w:bookmarkStart w:id=\"5\" w:name=\"" + name + "\"/>" + run(text) + "<w:bookmarkEnd w:id=\"5\"/>";
}

std::string complex_field(const std::string& instr, const std::string& result) {
    return "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\">" + instr +
           "</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" + run(result) +
           "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
}

DocxBuilder with_removed_section(const std::string& referring_paragraphs) {
    DocxBuilder b;
    b.styles = heading_styles();
    b.body = h1(run("Finance")) + para("Budget fine.") + h1(bookmarked("_Ref42", "Staff (confidential)")) +
             para("Two posts are cut.") + h1(run("Actions")) + referring_paragraphs;
    return b;
}

}  // namespace

TEST(References, ARefFieldToARemovedHeadingGetsThePlaceholder) {
    for (const std::string instr : {" REF _Ref42 \\h ", " PAGEREF _Ref42 \\h ", " NOTEREF _Ref42 "}) {
        SCOPED_TRACE(instr);
        auto b = with_removed_section(p(run("As set out under ") + complex_field(instr, "Staff (confidential)") + run(", we act.")));
        auto out = redact_doc(b);
        std::string text = visible_text(out.bytes);
        EXPECT_FALSE(anywhere(out.bytes, "Staff (confidential)")) << text;
        EXPECT_FALSE(anywhere(out.bytes, "_Ref42")) << text;  // the instruction points nowhere now
        EXPECT_NE(text.find("As set out under [redacted], we act."), std::string::npos) << text;
    }
}

TEST(References, SimpleFieldsAndLinksToARemovedBookmark) {
    auto b = with_removed_section(p(run("See ") + "<w:fldSimple w:instr=\" REF _Ref42 \"><w:r><w:t>Staff (confidential)</w:t></w:r></w:fldSimple>" +
                                    run(" first.")) +
                                  p(run("Details are in ") + "<w:hyperlink w:anchor=\"_Ref42\">" + run("the staff section") +
                                    "</w:hyperlink>" + run(", as agreed.")));
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    EXPECT_FALSE(anywhere(out.bytes, "Staff (confidential)")) << text;
    EXPECT_FALSE(anywhere(out.bytes, "the staff section")) << text;
    EXPECT_FALSE(anywhere(out.bytes, "_Ref42")) << text;
    // The paragraphs keep their own words: only the link and the result go.
    EXPECT_NE(text.find("See [redacted] first."), std::string::npos) << text;
    EXPECT_NE(text.find("Details are in [redacted], as agreed."), std::string::npos) << text;
}

TEST(References, TableOfContentsEntriesForRemovedContentGo) {
    DocxBuilder b = with_removed_section(para("Done."));
    b.styles = part("styles",
                    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>"
                    "<w:style w:type=\"paragraph\" w:styleId=\"TOC1\"><w:name w:val=\"toc 1\"/></w:style>");
    b.body = "<w:p><w:pPr><w:pStyle w:val=\"TOC1\"/></w:pPr><w:hyperlink w:anchor=\"_Ref42\">" + run("Staff (confidential)\t2") +
             "</w:hyperlink></w:p>" + b.body;
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    EXPECT_FALSE(anywhere(out.bytes, "Staff (confidential)")) << text;
    EXPECT_EQ(text.find("[redacted]\t2"), std::string::npos) << text;  // the whole entry went
}
