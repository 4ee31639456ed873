// Nothing is lost: allies::check_complete compares the words of a PDF or
// HTML, read back, with the words a reader of the DOCX sees.
#include <gtest/gtest.h>

#include <chrono>

#include "allies/completeness.hpp"
#include "allies/error.hpp"
#include "allies/html.hpp"
#include "allies/package.hpp"
#include "allies/pdf.hpp"
#include "allies/reader.hpp"
#include "support/docx_builder.hpp"

using namespace allies::testing;

namespace {

struct Converted {
    allies::Document doc;
    std::string pdf, html;
    std::vector<std::string> page_text;  // what the layout placed (PdfConvertOptions::page_text)
};

Converted convert(const DocxBuilder& b) {
    auto pkg = allies::Package::open_memory(b.build(), "t.docx");
    Converted c;
    c.doc = allies::read_document(pkg);
    allies::PdfConvertOptions o;
    o.page_text = &c.page_text;
    c.pdf = allies::to_pdf(c.doc, pkg, o);
    c.html = allies::to_html(c.doc, pkg).html;
    return c;
}

const std::string kLong =
    "The committee reviewed the quarterly accounts and agreed that the community hall refurbishment should proceed "
    "once the second quotation arrives, with the treasurer reporting progress at every meeting until completion.";

DocxBuilder rich_document(bool with_second_paragraph) {
    DocxBuilder b;
    b.body = para("Opening remarks from the chair about the agenda.");
    if (with_second_paragraph) b.body += para("Zebra crossing outside the library was discussed at length.");
    b.body += para(kLong + " " + kLong);
    b.body +=
        "<w:tbl><w:tblGrid><w:gridCol w:w=\"4000\"/><w:gridCol w:w=\"4000\"/></w:tblGrid>"
        "<w:tr><w:tc><w:p><w:r><w:t>Budget line</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Allocated "
        "amount</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
    // Chinese, long enough to wrap: lines end between any two characters.
    b.body += para(std::string() +
                   "委员会审查了季度账目并同意社区礼堂翻修工程应在第二份报价到达后进行财务主管将在每次会议上报告进展直至完工"
                   "委员会审查了季度账目并同意社区礼堂翻修工程应在第二份报价到达后进行");
    return b;
}

TEST(Completeness, EveryWordOfTheDocumentIsInItsOwnPdfAndHtml) {
    Converted c = convert(rich_document(true));
    for (auto [format, bytes] : {std::pair{allies::OutputFormat::pdf, &c.pdf}, std::pair{allies::OutputFormat::html, &c.html}}) {
        allies::CompletenessReport r = allies::check_complete(c.doc, format, *bytes);
        EXPECT_TRUE(r.complete()) << (r.places.empty() ? "" : r.places[0].where) << " "
                                  << (r.missing_words.empty() ? "" : r.missing_words[0]);
        EXPECT_GT(r.expected, 100u);
        EXPECT_DOUBLE_EQ(r.recall(), 1.0);
    }
    allies::CompletenessReport laid = allies::check_complete(c.doc, c.page_text);
    EXPECT_TRUE(laid.complete()) << (laid.missing_words.empty() ? "" : laid.missing_words[0]);
}

TEST(Completeness, ALostParagraphIsNamedByPlaceWithItsWordCount) {
    Converted full = convert(rich_document(true));
    Converted without = convert(rich_document(false));
    for (auto [format, bytes] :
         {std::pair{allies::OutputFormat::pdf, &without.pdf}, std::pair{allies::OutputFormat::html, &without.html}}) {
        allies::CompletenessReport r = allies::check_complete(full.doc, format, *bytes);
        EXPECT_FALSE(r.complete());
        ASSERT_EQ(r.places.size(), 1u);
        EXPECT_EQ(r.places[0].where, "word/document.xml paragraph 2");
        // "the" and "at" occur elsewhere, so only the paragraph's own words lack.
        EXPECT_GE(r.places[0].words, 6);
        EXPECT_LT(r.recall(), 1.0);
        EXPECT_NE(std::find(r.missing_words.begin(), r.missing_words.end(), "zebra"), r.missing_words.end());
    }
    allies::CompletenessReport laid = allies::check_complete(full.doc, without.page_text);
    ASSERT_EQ(laid.places.size(), 1u);
    EXPECT_EQ(laid.places[0].where, "word/document.xml paragraph 2");
}

TEST(Completeness, ComputedNumbersAndDeletedTextAreNotExpected) {
    DocxBuilder b;
    // A stale cached page number, a deleted run, hidden text and a vertical
    // merge's continuation cell: none of them is shown, so none is expected.
    b.body =
        "<w:p><w:r><w:t xml:space=\"preserve\">Page </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
        "<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
        "<w:r><w:t>977</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
        "<w:p><w:r><w:t xml:space=\"preserve\">Kept words </w:t></w:r><w:del w:id=\"1\" w:author=\"a\"><w:r>"
        "<w:delText>deletedword</w:delText></w:r></w:del><w:r><w:rPr><w:vanish/></w:rPr><w:t>hiddenword</w:t></w:r></w:p>"
        "<w:tbl><w:tblGrid><w:gridCol w:w=\"4000\"/></w:tblGrid>"
        "<w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>Merged cell</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>continuationword</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
    Converted c = convert(b);
    allies::CompletenessReport r = allies::check_complete(c.doc, allies::OutputFormat::pdf, c.pdf);
    EXPECT_TRUE(r.complete()) << (r.missing_words.empty() ? "" : r.missing_words[0]);
    EXPECT_EQ(r.expected, 5u);  // Page, Kept, words, Merged, cell
}

TEST(Completeness, OnlyPdfAndHtmlAreChecked) {
    Converted c = convert(rich_document(true));
    EXPECT_THROW(allies::check_complete(c.doc, allies::OutputFormat::text, "x"), allies::Error);
    EXPECT_THROW(allies::check_complete(c.doc, allies::OutputFormat::pdf, "not a pdf"), allies::Error);
}

}  // namespace

namespace {

// A lam-alef ligature is one glyph for two letters. Readers reverse a
// right-to-left line character by character, the ligature's letters too,
// so the PDF must give them in visual order for "للاتصالات" to read back
// as itself and not as "لالتصاالت".
TEST(Completeness, ArabicLigaturesReadBackInReadingOrder) {
    DocxBuilder b;
    b.body = "<w:p><w:pPr><w:bidi/></w:pPr><w:r><w:rPr><w:rtl/></w:rPr><w:t>"
             "المؤتمر العالمي للاتصالات الراديوية لا سلام</w:t></w:r></w:p>"
             "<w:p><w:pPr><w:bidi/></w:pPr><w:r><w:rPr><w:rtl/></w:rPr><w:t>שלום עולם ומלואו</w:t></w:r></w:p>";
    Converted c = convert(b);
    allies::CompletenessReport r = allies::check_complete(c.doc, allies::OutputFormat::pdf, c.pdf);
    EXPECT_TRUE(r.complete()) << (r.missing_words.empty() ? "" : r.missing_words[0]);
    EXPECT_EQ(r.expected, 9u);
    // The layout's own text, put in reading order as a reader puts the PDF's.
    EXPECT_TRUE(allies::check_complete(c.doc, c.page_text).complete());
}

}  // namespace

namespace {

std::string first_missing(const allies::CompletenessReport& r) {
    return r.missing_words.empty() ? "" : r.missing_words.front();
}

// The three readings a publish run makes of one document: the layout's own
// text, the PDF read back, the HTML read back.
void expect_complete_everywhere(const DocxBuilder& b, std::size_t words) {
    Converted c = convert(b);
    allies::CompletenessReport laid = allies::check_complete(c.doc, c.page_text);
    EXPECT_TRUE(laid.complete()) << "laid out: " << first_missing(laid);
    EXPECT_EQ(laid.expected, words);
    allies::CompletenessReport pdf = allies::check_complete(c.doc, allies::OutputFormat::pdf, c.pdf);
    EXPECT_TRUE(pdf.complete()) << "PDF: " << first_missing(pdf);
    allies::CompletenessReport html = allies::check_complete(c.doc, allies::OutputFormat::html, c.html);
    EXPECT_TRUE(html.complete()) << "HTML: " << first_missing(html);
}

std::string footnote(int id, const std::string& text) {
    return "<w:footnote w:id=\"" + std::to_string(id) + "\"><w:p><w:r><w:t>" + text + "</w:t></w:r></w:p></w:footnote>";
}
std::string footnote_ref(int id) {
    return "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteReference w:id=\"" + std::to_string(id) +
           "\"/></w:r>";
}

// The HTML writes a note mark against its word ("2005<sup>12</sup>"), so
// the HTML reads back "200512": the word is "2005" whatever the mark's
// length, a one-letter word ("A" in a table cell) too, and a word before a
// closing quote ("the ‘access gap’<sup>42</sup>").
TEST(Completeness, NoteMarksAgainstShortWordsYearsAndQuotesAreNotLostWords) {
    DocxBuilder b;
    std::string notes;
    for (int i = 1; i <= 12; ++i) notes += footnote(i, "Source " + std::to_string(i) + ".");
    b.footnotes = part("footnotes", notes);
    std::string body;
    // Notes 1 to 9 give one-digit marks; the words below take 10 to 12.
    for (int i = 1; i <= 9; ++i) body += "<w:p><w:r><w:t>Filler</w:t></w:r>" + footnote_ref(i) + "</w:p>";
    body += "<w:p><w:r><w:t>Held in Tunis in November 2005</w:t></w:r>" + footnote_ref(10) + "<w:r><w:t>.</w:t></w:r></w:p>";
    body += "<w:p><w:r><w:t xml:space=\"preserve\">There is an \u2018access gap\u2019</w:t></w:r>" + footnote_ref(11) + "</w:p>";
    body += "<w:tbl><w:tblGrid><w:gridCol w:w=\"3000\"/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>A</w:t></w:r>" +
            footnote_ref(12) + "</w:p></w:tc></w:tr></w:tbl>";
    b.body = body;
    // 9 x "Filler", 6 + 5 body words, "A", 12 x "Source N".
    expect_complete_everywhere(b, 9 + 6 + 5 + 1 + 24);
}

// A word Word draws in two runs, with an apostrophe between right-to-left
// letters ("הצ'אק", check-in): the layout places the letters apart and the
// apostrophe on its own, which a reader drops; the pieces still make the word.
TEST(Completeness, ARightToLeftWordInPiecesAroundAnApostropheIsNotLost) {
    DocxBuilder b;
    const std::string rtl = "<w:rPr><w:rtl/></w:rPr>";
    b.body = "<w:p><w:pPr><w:bidi/></w:pPr><w:r>" + rtl + "<w:t xml:space=\"preserve\">תתחילו בתהליך </w:t></w:r><w:r>" +
             rtl + "<w:t>ה</w:t></w:r><w:r>" + rtl + "<w:t>צ'אק אין.</w:t></w:r></w:p>";
    expect_complete_everywhere(b, 4);
}

// Two table cells on one line, each a word of two directions ("ONEالمدينة"):
// a reader puts the whole line in reading order, so the word's parts need
// not stand side by side.
TEST(Completeness, WordsOfTwoDirectionsInCellsSharingALineAreNotLost) {
    DocxBuilder b;
    b.body =
        "<w:tbl><w:tblGrid><w:gridCol w:w=\"3150\"/><w:gridCol w:w=\"2790\"/></w:tblGrid><w:tr>"
        "<w:tc><w:p><w:pPr><w:bidi/></w:pPr><w:r><w:t>ONEالمدينة</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:rPr><w:rtl/></w:rPr><w:t>TWOالبريد</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
    expect_complete_everywhere(b, 2);
}

// What the allowances above must not hide: a word the output does not have.
TEST(Completeness, AllowancesForMarksPiecesAndDirectionsStillFindALostWord) {
    DocxBuilder b;
    b.body = para("Held in Tunis in November 2005 at the hall.") + para("The gap remains. Print a copy on A4.");
    Converted c = convert(b);
    // The output has "gap12" (a marked "gap") and "A4", which the document
    // needs as itself, so it is not also its lost "a"; and none of "tunis",
    // "2005" or "remains" in any shape.
    std::vector<std::string> page = {"Held in in November at the hall . The gap12 . Print copy on A4 ."};
    allies::CompletenessReport r = allies::check_complete(c.doc, page);
    EXPECT_EQ(r.missing_words, (std::vector<std::string>{"2005", "a", "remains", "tunis"}));
    ASSERT_EQ(r.places.size(), 2u);
    EXPECT_EQ(r.places[0].where, "word/document.xml paragraph 1");
    EXPECT_EQ(r.places[0].words, 2);
    EXPECT_EQ(r.places[1].where, "word/document.xml paragraph 2");
    EXPECT_EQ(r.places[1].words, 2);
}

}  // namespace

namespace {

// A word longer than any line, drawn over hundreds of lines (a hostile
// input of one 1 MB word has ten thousand): all its pieces join up.
TEST(Completeness, AWordOverHundredsOfLinesIsNotLost) {
    std::string word;
    for (int i = 0; i < 700; ++i) word += "abcdefghij";
    DocxBuilder b;
    b.body = para("Before " + word + " after.");
    Converted c = convert(b);
    std::string page = "Before\n";
    for (std::size_t at = 0; at < word.size(); at += 10) page += word.substr(at, 10) + "\n";
    page += "after.";
    allies::CompletenessReport r = allies::check_complete(c.doc, std::vector<std::string>{page});
    EXPECT_TRUE(r.complete()) << r.found << " of " << r.expected;
}

// A lost word far longer than any word of the output costs no more than
// the output's own words do (its starts are no longer than they are).
TEST(Completeness, ALostHugeWordIsFoundMissingQuickly) {
    const std::string huge(400000, 'x');
    std::string others;
    for (int i = 0; i < 64; ++i) others += " other" + std::to_string(i);
    DocxBuilder b;
    b.body = para("Kept" + others) + para(huge);
    Converted c = convert(b);
    const auto t0 = std::chrono::steady_clock::now();
    allies::CompletenessReport r =
        allies::check_complete(c.doc, std::vector<std::string>{"Kept" + others + "\nxxxxxxxxxx xxxxxxxxxx"});
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ASSERT_EQ(r.places.size(), 1u);
    EXPECT_EQ(r.places[0].where, "word/document.xml paragraph 2");
    EXPECT_LT(seconds, 5.0);  // was minutes: every prefix of the word hashed
}

}  // namespace
