// The layout engine on small documents: line breaking, list labels, table
// columns, pagination, notes, headers with page numbers, right-to-left order.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include <iostream>

#include <algorithm>
#include <cctype>

#include "allies/package.hpp"
#include "allies/reader.hpp"
#include "layout/columns.hpp"
#include "layout/layout.hpp"
#include "support/docx_builder.hpp"
#include "support/tiny_png.hpp"

using namespace allies;
using namespace allies::testing;

namespace {

std::string run(const std::string& text, const std::string& rpr = "") {
    return "<w:r>" + (rpr.empty() ? "" : "<w:rPr>" + rpr + "</w:rPr>") + "<w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
}

std::string p(const std::string& runs, const std::string& ppr = "") {
    return "<w:p>" + (ppr.empty() ? "" : "<w:pPr>" + ppr + "</w:pPr>") + runs + "</w:p>";
}

const std::string kSect = "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" "
                          "w:left=\"1440\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr>";

// kSect with two columns half an inch apart.
const std::string kTwoColumns = kSect.substr(0, kSect.size() - std::string("</w:sectPr>").size()) +
                                "<w:cols w:num=\"2\" w:space=\"720\"/></w:sectPr>";

struct Laid {
    layout::LaidOutDocument doc;
};

layout::LaidOutDocument lay(DocxBuilder& b) {
    static layout::FontLibrary fonts;
    Package pkg = Package::open_memory(b.build(), "t.docx");
    Document doc = read_document(pkg);
    return layout::lay_out(doc, pkg, fonts);
}

std::vector<layout::TextItem> texts(const layout::Page& page) {
    std::vector<layout::TextItem> out;
    for (const auto& i : page.items)
        if (auto* t = std::get_if<layout::TextItem>(&i)) out.push_back(*t);
    return out;
}

std::u32string joined(const layout::Page& page) {
    std::u32string s;
    for (const auto& t : texts(page)) s += t.text;
    return s;
}

}  // namespace

TEST(Layout, LongParagraphWrapsInsideTheMargins) {
    DocxBuilder b;
    std::string words;
    for (int i = 0; i < 80; ++i) words += "word" + std::to_string(i) + " ";
    b.body = p(run(words)) + kSect;
    auto d = lay(b);
    ASSERT_EQ(d.pages.size(), 1u);
    std::vector<double> baselines;
    for (const auto& t : texts(d.pages[0])) {
        EXPECT_GE(t.x, 72.0 - 0.01);
        baselines.push_back(t.y);
    }
    std::sort(baselines.begin(), baselines.end());
    baselines.erase(std::unique(baselines.begin(), baselines.end()), baselines.end());
    EXPECT_GE(baselines.size(), 4u);  // 80 words of Calibri 11 pt do not fit on three A4 lines
    EXPECT_NE(joined(d.pages[0]).find(U"word79"), std::u32string::npos);
}

TEST(Layout, ListLabelHangsAtTheFirstLineAndTextStartsAtTheIndent) {
    DocxBuilder b;
    b.numbering = part("numbering",
                       "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
                       "<w:lvlText w:val=\"%1.\"/><w:pPr><w:ind w:left=\"720\" w:hanging=\"360\"/></w:pPr></w:lvl></w:abstractNum>"
                       "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>");
    b.body = p(run("First item"), "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>") + kSect;
    auto d = lay(b);
    auto t = texts(d.pages.at(0));
    ASSERT_GE(t.size(), 2u);
    EXPECT_EQ(t[0].text, U"1.");
    EXPECT_NEAR(t[0].x, 72 + 18, 0.5);   // left 720 - hanging 360 twips
    EXPECT_NEAR(t[1].x, 72 + 36, 0.5);   // the text at the left indent
}

TEST(Layout, TableColumnsFollowTheGrid) {
    DocxBuilder b;
    b.body = "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"4000\"/></w:tblGrid><w:tr>"
             "<w:tc><w:p>" + run("A") + "</w:p></w:tc><w:tc><w:p>" + run("B") + "</w:p></w:tc></w:tr></w:tbl>" + kSect;
    auto d = lay(b);
    auto t = texts(d.pages.at(0));
    ASSERT_EQ(t.size(), 2u);
    EXPECT_NEAR(t[1].x - t[0].x, 100.0, 0.5);  // 2000 twips
}

TEST(Layout, PageBreakAndOverflowMakePages) {
    DocxBuilder b;
    std::string body = p(run("one")) + p("<w:r><w:br w:type=\"page\"/></w:r>" + run("two"));
    for (int i = 0; i < 80; ++i) body += p(run("line " + std::to_string(i)));
    b.body = body + kSect;
    auto d = lay(b);
    ASSERT_GE(d.pages.size(), 3u);
    EXPECT_NE(joined(d.pages[0]).find(U"one"), std::u32string::npos);
    EXPECT_EQ(joined(d.pages[0]).find(U"two"), std::u32string::npos);
    EXPECT_NE(joined(d.pages[1]).find(U"two"), std::u32string::npos);
    for (const auto& page : d.pages)
        for (const auto& t : texts(page)) EXPECT_GT(t.y, 72 - 1);  // nothing below the bottom margin
}

TEST(Layout, FootnoteSitsAtTheFootOfItsPage) {
    DocxBuilder b;
    b.footnotes = part("footnotes", "<w:footnote w:id=\"1\"><w:p>" + run("The note text.") + "</w:p></w:footnote>");
    b.body = p(run("Body") + "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteReference w:id=\"1\"/></w:r>") + kSect;
    auto d = lay(b);
    ASSERT_EQ(d.pages.size(), 1u);
    double body_y = 0, note_y = 0;
    for (const auto& t : texts(d.pages[0])) {
        if (t.text.find(U"Body") != std::u32string::npos) body_y = t.y;
        if (t.text.find(U"note text") != std::u32string::npos) note_y = t.y;
    }
    EXPECT_GT(body_y, 700);
    EXPECT_GT(note_y, 72 - 1);
    EXPECT_LT(note_y, 120);  // at the foot, above the bottom margin
}

TEST(Layout, ANotesOwnMarkIsNotASecondNumber) {
    DocxBuilder b;
    // As Word writes notes: the note text starts with its own reference mark.
    b.footnotes = part("footnotes", "<w:footnote w:id=\"1\"><w:p><w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteRef/></w:r>" +
                                        run(" Source: accounts.") + "</w:p></w:footnote>");
    b.body = p(run("Body") + "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteReference w:id=\"1\"/></w:r>") + kSect;
    auto d = lay(b);
    std::u32string all = joined(d.pages.at(0));
    EXPECT_NE(all.find(U"Body1"), std::u32string::npos);
    EXPECT_NE(all.find(U"1 Source"), std::u32string::npos) << std::string(all.begin(), all.end());
    EXPECT_EQ(all.find(U"2"), std::u32string::npos);
}

// Endnotes follow the text, numbered as the document says (lower-case roman
// numerals by default, as in Word).
TEST(Layout, EndnotesUseTheirNumberFormat) {
    for (std::string fmt : {"", "upperLetter"}) {
        DocxBuilder b;
        b.extra_parts.emplace_back("word/endnotes.xml", part("endnotes", "<w:endnote w:id=\"1\"><w:p>" + run("First end.") +
                                                                            "</w:p></w:endnote><w:endnote w:id=\"2\"><w:p>" +
                                                                            run("Second end.") + "</w:p></w:endnote>"));
        b.extra_rels.push_back("<Relationship Id=\"rIdE\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                               "endnotes\" Target=\"endnotes.xml\"/>");
        std::string sect = kSect;
        if (!fmt.empty()) sect.insert(sect.find("<w:pgSz"), "<w:endnotePr><w:numFmt w:val=\"" + fmt + "\"/></w:endnotePr>");
        b.body = p(run("Text") + "<w:r><w:endnoteReference w:id=\"1\"/></w:r>" + run(" more") +
                   "<w:r><w:endnoteReference w:id=\"2\"/></w:r>") + sect;
        auto d = lay(b);
        std::u32string all;
        for (const auto& page : d.pages) all += joined(page);
        std::u32string one = fmt.empty() ? U"i" : U"A", two = fmt.empty() ? U"ii" : U"B";
        EXPECT_NE(all.find(U"Text" + one), std::u32string::npos) << fmt;
        EXPECT_NE(all.find(two + U"Second end."), std::u32string::npos) << fmt;
        EXPECT_EQ(all.find(U"Text1"), std::u32string::npos) << fmt;
    }
}

TEST(Layout, HeaderOnEveryPageWithItsPageNumber) {
    DocxBuilder b;
    b.extra_parts.emplace_back("word/header1.xml",
                               part("hdr", p(run("Page ") + "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
                                             "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" + run("9") +
                                             "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>")));
    b.extra_rels.push_back("<Relationship Id=\"h1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>");
    b.body = p(run("one")) + p("<w:r><w:br w:type=\"page\"/></w:r>" + run("two")) +
             "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"h1\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
             "<w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr>";
    auto d = lay(b);
    ASSERT_EQ(d.pages.size(), 2u);
    EXPECT_NE(joined(d.pages[0]).find(U"Page 1"), std::u32string::npos) << d.pages[0].items.size();
    EXPECT_NE(joined(d.pages[1]).find(U"Page 2"), std::u32string::npos);
}

std::string field(const std::string& instr, const std::string& cached) {
    return "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> " + instr +
           " </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" + run(cached) +
           "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
}

TEST(Layout, NumPagesCountsTheDocumentSectionPagesTheSection) {
    DocxBuilder b;
    b.extra_parts.emplace_back("word/footer1.xml", part("ftr", p(run("S") + field("SECTIONPAGES", "9") + run(" N") + field("NUMPAGES", "9"))));
    b.extra_rels.push_back("<Relationship Id=\"f1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>");
    std::string sect = "<w:footerReference w:type=\"default\" r:id=\"f1\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/>";
    // Section 1: two pages; section 2: one page (it inherits the footer).
    b.body = p(run("one")) + p("<w:r><w:br w:type=\"page\"/></w:r>" + run("two")) +
             p(run("end of one"), "<w:sectPr>" + sect + "</w:sectPr>") + p(run("three")) + "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>";
    auto d = lay(b);
    ASSERT_EQ(d.pages.size(), 3u);
    EXPECT_NE(joined(d.pages[0]).find(U"S2 N3"), std::u32string::npos);
    EXPECT_NE(joined(d.pages[2]).find(U"S1 N3"), std::u32string::npos);
}

TEST(Layout, SectionBreaksInsideContentControlsStartNewPages) {
    DocxBuilder b;
    // Word wraps whole sections in content controls (cover pages, templates).
    auto sdt = [](const std::string& inner) { return "<w:sdt><w:sdtPr/><w:sdtContent>" + inner + "</w:sdtContent></w:sdt>"; };
    std::string landscape = "<w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/></w:sectPr>";
    std::string portrait = "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>";
    b.body = sdt(p(run("cover"), portrait)) + sdt(p(run("wide one")) + p(run("wide two"), landscape)) + p(run("last")) + portrait;
    auto d = lay(b);
    ASSERT_EQ(d.pages.size(), 3u);
    EXPECT_NE(joined(d.pages[0]).find(U"cover"), std::u32string::npos);
    EXPECT_NE(joined(d.pages[1]).find(U"wide two"), std::u32string::npos);
    EXPECT_GT(d.pages[1].width, d.pages[1].height);  // the landscape section
    EXPECT_NE(joined(d.pages[2]).find(U"last"), std::u32string::npos);
    EXPECT_LT(d.pages[2].width, d.pages[2].height);
}

// A column chart part with two series over three categories.
std::string chart_part(const std::string& grouping, bool legend) {
    auto ser = [](int i, const std::string& name, const std::string& a, const std::string& b, const std::string& c) {
        std::string cat = "<c:cat><c:strRef><c:strCache><c:ptCount val=\"3\"/><c:pt idx=\"0\"><c:v>North</c:v></c:pt>"
                          "<c:pt idx=\"1\"><c:v>South</c:v></c:pt><c:pt idx=\"2\"><c:v>West</c:v></c:pt></c:strCache></c:strRef></c:cat>";
        return "<c:ser><c:idx val=\"" + std::to_string(i) + "\"/><c:tx><c:strRef><c:strCache><c:pt idx=\"0\"><c:v>" + name +
               "</c:v></c:pt></c:strCache></c:strRef></c:tx>" + cat + "<c:val><c:numRef><c:numCache><c:pt idx=\"0\"><c:v>" + a +
               "</c:v></c:pt><c:pt idx=\"1\"><c:v>" + b + "</c:v></c:pt><c:pt idx=\"2\"><c:v>" + c +
               "</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser>";
    };
    return "<?xml version=\"1.0\"?><c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" "
           "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><c:chart><c:title><c:tx><c:rich><a:p><a:r><a:t>Grants by area"
           "</a:t></a:r></a:p></c:rich></c:tx></c:title><c:plotArea><c:barChart><c:barDir val=\"col\"/><c:grouping val=\"" + grouping +
           "\"/>" + ser(0, "2025", "4", "7", "2") + ser(1, "2026", "5", "3", "6") + "</c:barChart></c:plotArea>" +
           (legend ? "<c:legend><c:legendPos val=\"b\"/></c:legend>" : "") + "</c:chart></c:chartSpace>";
}

layout::LaidOutDocument lay_chart_xml(const std::string& xml) {
    DocxBuilder b;
    b.extra_parts.emplace_back("word/charts/chart1.xml", xml);
    b.extra_rels.push_back("<Relationship Id=\"rIdC\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart\" "
                           "Target=\"charts/chart1.xml\"/>");
    b.namespaces += " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
                    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"";
    b.body = p("<w:r><w:drawing><wp:inline><wp:extent cx=\"5486400\" cy=\"3200400\"/><wp:docPr id=\"1\" name=\"Chart 1\"/>"
               "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"><c:chart r:id=\"rIdC\"/>"
               "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>") + kSect;
    return lay(b);
}

layout::LaidOutDocument lay_chart(const std::string& grouping, bool legend) { return lay_chart_xml(chart_part(grouping, legend)); }

TEST(Layout, ChartsAreDrawnFromTheirCachedValues) {
    auto d = lay_chart("clustered", true);
    ASSERT_EQ(d.pages.size(), 1u);
    std::u32string all;
    int bars = 0;
    for (const auto& i : d.pages[0].items) {
        if (auto* t = std::get_if<layout::TextItem>(&i)) all += t->text + U"|";
        if (auto* r = std::get_if<layout::RectItem>(&i); r && r->fill && r->width > 10) ++bars;
    }
    for (std::u32string want : {U"Grants by area|", U"North|", U"South|", U"West|", U"2025|", U"2026|", U"0|", U"8|"})
        EXPECT_NE(all.find(want), std::u32string::npos) << std::string(want.begin(), want.end());
    EXPECT_EQ(bars, 6);  // two series by three categories, side by side
    bool figure = false;
    for (const auto& n : d.structure) figure = figure || (n.type == "Figure" && n.alt == "Chart: Grants by area");
    EXPECT_TRUE(figure);
}

TEST(Layout, StackedChartsStackAndLegendsAreOptional) {
    auto d = lay_chart("stacked", false);
    std::vector<layout::RectItem> bars;
    std::u32string all;
    for (const auto& i : d.pages[0].items) {
        if (auto* t = std::get_if<layout::TextItem>(&i)) all += t->text + U"|";
        if (auto* r = std::get_if<layout::RectItem>(&i); r && r->fill && r->width > 10) bars.push_back(*r);
    }
    ASSERT_EQ(bars.size(), 6u);
    // Each category's two bars share x and touch: one above the other.
    for (std::size_t k = 0; k < 3; ++k) {
        const auto &a = bars[k * 2], &b = bars[k * 2 + 1];
        EXPECT_NEAR(a.x, b.x, 0.01);
        EXPECT_NEAR(a.y + a.height, b.y, 0.01);
    }
    EXPECT_EQ(all.find(U"2025|"), std::u32string::npos);  // no legend asked for
    EXPECT_NE(all.find(U"10|"), std::u32string::npos);    // West: 2 + 6 = 8, so the axis reaches 10
}

TEST(Layout, ChartBarsFollowGapWidthAndOverlap) {
    // Default (gap 150%, no overlap) against gap 50% with bars overlapping by 50%.
    auto bars_of = [](const std::string& xml) {
        std::vector<layout::RectItem> bars;
        auto d = lay_chart_xml(xml);  // kept: a range-for over a temporary's member would dangle
        for (const auto& i : d.pages.at(0).items)
            if (auto* r = std::get_if<layout::RectItem>(&i); r && r->fill && r->width > 5) bars.push_back(*r);
        return bars;
    };
    std::string plain = chart_part("clustered", false);
    std::string tight = plain;
    tight.replace(tight.find("</c:barChart>"), 13, "<c:gapWidth val=\"50\"/><c:overlap val=\"50\"/></c:barChart>");
    auto a = bars_of(plain), b = bars_of(tight);
    ASSERT_EQ(a.size(), 6u);
    ASSERT_EQ(b.size(), 6u);
    // Category k's bars are a[2k] and a[2k+1]; by default a bar is
    // band / (2 + 1.5), the two side by side.
    double band = a[2].x - a[0].x;
    EXPECT_NEAR(a[0].width, band / 3.5, 0.01);
    EXPECT_NEAR(a[1].x - a[0].x, a[0].width, 0.01);
    // gap 50%, overlap 50%: bar = band / (2 - 0.5 + 0.5); the second bar half a bar on.
    EXPECT_NEAR(b[0].width, band / 2, 0.01);
    EXPECT_NEAR(b[1].x - b[0].x, b[0].width / 2, 0.01);
}

TEST(Layout, ChartDataLabelsShowValuesInTheirFormat) {
    std::string xml = chart_part("clustered", false);
    // Values shown for the chart type; the second series turns its own off.
    xml.replace(xml.find("<c:barDir"), 0, "<c:dLbls><c:showVal val=\"1\"/></c:dLbls>");
    std::size_t second = xml.find("<c:ser>", xml.find("<c:ser>") + 1);
    xml.replace(xml.find("<c:cat>", second), 0, "<c:dLbls><c:delete val=\"1\"/></c:dLbls>");
    xml.replace(xml.find("<c:numCache>"), 12, "<c:numCache><c:formatCode>0.0</c:formatCode>");
    auto d = lay_chart_xml(xml);
    std::vector<layout::RectItem> bars;
    std::vector<layout::TextItem> texts;
    for (const auto& i : d.pages.at(0).items) {
        if (auto* r = std::get_if<layout::RectItem>(&i); r && r->fill && r->width > 5) bars.push_back(*r);
        if (auto* t = std::get_if<layout::TextItem>(&i)) texts.push_back(*t);
    }
    ASSERT_EQ(bars.size(), 6u);
    for (std::size_t k = 0; k < 3; ++k) {
        std::u32string want = std::u32string(1, U"472"[k]) + U".0";
        const layout::TextItem* label = nullptr;
        for (const auto& t : texts)
            if (t.text == want) label = &t;
        ASSERT_NE(label, nullptr) << k;
        // Centred over the first series' bar, just above its top (PDF space: y up).
        const auto& bar = bars[2 * k];
        EXPECT_LT(label->x, bar.x + bar.width / 2);  // centred: starts left of the bar's middle
        EXPECT_GT(label->x, bar.x + bar.width / 2 - 12);
        EXPECT_GT(label->y, bar.y + bar.height);
        EXPECT_LT(label->y, bar.y + bar.height + 6);
    }
    for (const auto& t : texts) EXPECT_NE(t.text, U"5.0");  // the second series' labels are deleted
}

TEST(Layout, ChartAutomaticTitleIsTheOneSeriesName) {
    // One series, no c:title: titled with the series' name when autoTitleDeleted
    // is explicitly false, not when it is true, nor (a column chart) when absent.
    auto one_series = [](const std::string& deleted) {
        std::string xml = chart_part("clustered", false);
        std::size_t title = xml.find("<c:title>");
        xml.erase(title, xml.find("</c:title>") + 10 - title);
        std::size_t second = xml.find("<c:ser>", xml.find("<c:ser>") + 1);
        xml.erase(second, xml.find("</c:ser>", second) + 8 - second);
        xml.replace(xml.find("<c:plotArea>"), 0, deleted);
        return joined(lay_chart_xml(xml).pages.at(0));
    };
    auto titled = [](const std::u32string& all) { return all.find(U"2025") != std::u32string::npos; };
    EXPECT_TRUE(titled(one_series("<c:autoTitleDeleted val=\"0\"/>")));
    EXPECT_FALSE(titled(one_series("<c:autoTitleDeleted val=\"1\"/>")));
    EXPECT_FALSE(titled(one_series("<c:autoTitleDeleted/>")));
    EXPECT_FALSE(titled(one_series("")));
}

// The value axis labels of a column chart (clustered unless told) whose
// two series' values are given, in the order they are drawn.
std::vector<std::u32string> value_labels(const std::vector<std::string>& values, const std::string& grouping = "clustered") {
    std::string xml = chart_part(grouping, false);
    const char* originals[] = {"4", "7", "2", "5", "3", "6"};
    std::size_t at = 0;
    for (std::size_t i = 0; i < 6; ++i) {
        std::string from = std::string("<c:v>") + originals[i] + "</c:v>";
        at = xml.find(from, at);
        xml.replace(at, from.size(), "<c:v>" + values[i] + "</c:v>");
    }
    auto d = lay_chart_xml(xml);
    // The labels right-aligned left of the plot, bottom (lowest value) first.
    std::vector<layout::TextItem> labels;
    for (const auto& t : texts(d.pages.at(0)))
        if (!t.text.empty() && (std::isdigit(static_cast<int>(t.text.back())) || t.text.back() == U'%') &&
            t.text.find(U' ') == std::u32string::npos)
            labels.push_back(t);
    double left = 1e9;
    for (const auto& t : labels) left = std::min(left, t.x);
    std::vector<std::pair<double, std::u32string>> axis;
    for (const auto& t : labels)
        if (t.x < left + 30) axis.emplace_back(t.y, t.text);
    std::sort(axis.begin(), axis.end());
    std::vector<std::u32string> out;
    for (auto& [y, text] : axis) out.push_back(text);
    return out;
}

TEST(Layout, ChartValueAxesScaleAsExcelDoes) {
    using L = std::vector<std::u32string>;
    // Up to ten intervals of 1, 2 or 5 x 10^n, from zero to a twentieth above the largest value.
    EXPECT_EQ(value_labels({"0.12", "0.45", "0.3", "0.21", "0.1", "0.2"}),
              (L{U"0", U"0.05", U"0.1", U"0.15", U"0.2", U"0.25", U"0.3", U"0.35", U"0.4", U"0.45", U"0.5"}));
    EXPECT_EQ(value_labels({"3", "7", "9", "5", "2", "6"}),
              (L{U"0", U"1", U"2", U"3", U"4", U"5", U"6", U"7", U"8", U"9", U"10"}));
    EXPECT_EQ(value_labels({"4.3", "2.5", "3.5", "2.4", "4.4", "5"}), (L{U"0", U"1", U"2", U"3", U"4", U"5", U"6"}));
    EXPECT_EQ(value_labels({"5", "5", "5", "5", "5", "5"}), (L{U"0", U"1", U"2", U"3", U"4", U"5", U"6"}));  // no spread
    // Values in a narrow band far from zero: the axis starts half their spread below them.
    EXPECT_EQ(value_labels({"20.1", "20.5", "20.3", "20.4", "20.2", "20.3"}),
              (L{U"19.9", U"20", U"20.1", U"20.2", U"20.3", U"20.4", U"20.5", U"20.6"}));
    EXPECT_EQ(value_labels({"1010", "1050", "1032", "1041", "1020", "1030"}),
              (L{U"990", U"1000", U"1010", U"1020", U"1030", U"1040", U"1050", U"1060"}));
    // All negative: zero at the top.
    EXPECT_EQ(value_labels({"-1", "-3", "-2", "-2.5", "-1.5", "-2"}),
              (L{U"-3.5", U"-3", U"-2.5", U"-2", U"-1.5", U"-1", U"-0.5", U"0"}));
    // 100% stacked: 0% to 100% in tenths.
    EXPECT_EQ(value_labels({"3", "7", "9", "2", "6", "4"}, "percentStacked"),
              (L{U"0%", U"10%", U"20%", U"30%", U"40%", U"50%", U"60%", U"70%", U"80%", U"90%", U"100%"}));
}

TEST(Layout, ChartTitleWithoutTextOverSeveralSeriesIsChartTitle) {
    auto with_title = [](const std::string& title, const std::string& deleted) {
        std::string xml = chart_part("clustered", false);
        std::size_t at = xml.find("<c:title>");
        xml.replace(at, xml.find("</c:title>") + 10 - at, title + deleted);
        return joined(lay_chart_xml(xml).pages.at(0));
    };
    auto has = [](const std::u32string& all) { return all.find(U"Chart Title") != std::u32string::npos; };
    EXPECT_TRUE(has(with_title("<c:title><c:overlay val=\"0\"/></c:title>", "<c:autoTitleDeleted val=\"0\"/>")));
    EXPECT_TRUE(has(with_title("<c:title/>", "")));
    EXPECT_FALSE(has(with_title("<c:title/>", "<c:autoTitleDeleted val=\"1\"/>")));
    EXPECT_FALSE(has(with_title("", "<c:autoTitleDeleted val=\"0\"/>")));  // no title element: no placeholder
}

TEST(Layout, ChartsWithAbsurdValuesStillLayOut) {
    for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"<c:v>4</c:v>", "<c:v>1e308</c:v>"}, {"<c:v>5</c:v>", "<c:v>-1e308</c:v>"}, {"<c:v>7</c:v>", "<c:v>abc</c:v>"},
             {"<c:v>2</c:v>", "<c:v>nan</c:v>"}, {"<c:v>3</c:v>", "<c:v>1e-300</c:v>"}}) {
        for (const char* grouping : {"clustered", "percentStacked"}) {
            std::string xml = chart_part(grouping, true);
            for (std::size_t at = xml.find(from); at != std::string::npos; at = xml.find(from, at + to.size())) xml.replace(at, from.size(), to);
            auto d = lay_chart_xml(xml);  // must return (no hang, no throw)
            EXPECT_EQ(d.pages.size(), 1u) << to;
            EXPECT_NE(joined(d.pages[0]).find(U"Grants by area"), std::u32string::npos) << to;
        }
    }
}

TEST(Layout, SmartArtShapesCarryTheirText) {
    DocxBuilder b;
    b.extra_parts.emplace_back("word/diagrams/data1.xml",
                               "<?xml version=\"1.0\"?><dgm:dataModel xmlns:dgm=\"http://schemas.openxmlformats.org/drawingml/2006/diagram\" "
                               "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><dgm:ptLst>"
                               "<dgm:pt modelId=\"1\" type=\"doc\"/><dgm:pt modelId=\"2\"><dgm:t><a:p><a:r><a:t>Plan</a:t></a:r></a:p></dgm:t></dgm:pt>"
                               "<dgm:pt modelId=\"3\"><dgm:t><a:p><a:r><a:t>Consult</a:t></a:r></a:p></dgm:t></dgm:pt>"
                               "<dgm:pt modelId=\"4\" type=\"sibTrans\"><dgm:t><a:p><a:r><a:t>hidden</a:t></a:r></a:p></dgm:t></dgm:pt>"
                               "</dgm:ptLst></dgm:dataModel>");
    b.extra_rels.push_back("<Relationship Id=\"rIdD\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/diagramData\" "
                           "Target=\"diagrams/data1.xml\"/>");
    b.namespaces += " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
                    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:dgm=\"http://schemas.openxmlformats.org/drawingml/2006/diagram\"";
    b.body = p("<w:r><w:drawing><wp:inline><wp:extent cx=\"3000000\" cy=\"1000000\"/><wp:docPr id=\"1\" name=\"Diagram 1\"/>"
               "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/diagram\"><dgm:relIds r:dm=\"rIdD\"/>"
               "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>") + kSect;
    auto d = lay(b);
    std::u32string all = joined(d.pages.at(0));
    EXPECT_NE(all.find(U"Plan"), std::u32string::npos);
    EXPECT_NE(all.find(U"Consult"), std::u32string::npos);
    EXPECT_EQ(all.find(U"hidden"), std::u32string::npos);  // connector text is not a node
}

TEST(Layout, CellContentFollowsVerticalAlignment) {
    DocxBuilder b;
    std::string tall;
    for (int i = 0; i < 5; ++i) tall += p(run("line " + std::to_string(i)));
    auto cell = [](const std::string& va, const std::string& content) {
        return "<w:tc><w:tcPr>" + (va.empty() ? std::string() : "<w:vAlign w:val=\"" + va + "\"/>") + "</w:tcPr>" + content + "</w:tc>";
    };
    b.body = "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid><w:tr>" +
             cell("", tall) + cell("", p(run("top"))) + cell("center", p(run("middle"))) + cell("bottom", p(run("low"))) + "</w:tr></w:tbl>" + kSect;
    auto d = lay(b);
    double y0 = 0, y2 = 0, y4 = 0, top = 0, middle = 0, low = 0;
    for (const auto& t : texts(d.pages.at(0))) {
        if (t.text == U"line 0") y0 = t.y;
        if (t.text == U"line 2") y2 = t.y;
        if (t.text == U"line 4") y4 = t.y;
        if (t.text == U"top") top = t.y;
        if (t.text == U"middle") middle = t.y;
        if (t.text == U"low") low = t.y;
    }
    EXPECT_NEAR(top, y0, 0.01);
    EXPECT_NEAR(middle, y2, 0.01);
    EXPECT_NEAR(low, y4, 0.01);
}

TEST(Layout, PicturesLargerThanThePageAreScaledToFit) {
    DocxBuilder b;
    b.extra_parts.emplace_back("word/media/big.png", tiny_png());
    b.extra_rels.push_back("<Relationship Id=\"rImg\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
                           "Target=\"media/big.png\"/>");
    b.namespaces += " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
                    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";
    // 40 x 20 inches, alt text kept.
    b.body = p("<w:r><w:drawing><wp:inline><wp:extent cx=\"36576000\" cy=\"18288000\"/><wp:docPr id=\"1\" name=\"P\" descr=\"Site plan\"/>"
               "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:blipFill>"
               "<a:blip r:embed=\"rImg\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>") + kSect;
    auto d = lay(b);
    ASSERT_EQ(d.pages.size(), 1u);
    const layout::ImageItem* img = nullptr;
    for (const auto& i : d.pages[0].items)
        if (auto* im = std::get_if<layout::ImageItem>(&i)) img = im;
    ASSERT_NE(img, nullptr);
    EXPECT_NEAR(img->width, 595.3 - 144, 0.5);       // the column's width
    EXPECT_NEAR(img->width / img->height, 2.0, 1e-6);  // proportions kept
    EXPECT_GE(img->x, 72 - 0.01);
    EXPECT_EQ(img->alt, "Site plan");
}

TEST(Layout, PageNumbersRestartAndTakeTheSectionsFormat) {
    DocxBuilder b;
    b.extra_parts.emplace_back("word/footer1.xml", part("ftr", p(run("p") + field("PAGE", "9"))));
    b.extra_rels.push_back("<Relationship Id=\"f1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>");
    std::string sz = "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>";
    // Section 1 (two pages, roman from i); section 2 restarts at 1 in decimal.
    b.body = p(run("preface")) + p("<w:r><w:br w:type=\"page\"/></w:r>" + run("more preface"),
                                   "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"f1\"/>" + sz +
                                       "<w:pgNumType w:fmt=\"lowerRoman\" w:start=\"1\"/></w:sectPr>") +
             p(run("chapter")) + "<w:sectPr>" + sz + "<w:pgNumType w:start=\"1\"/></w:sectPr>";
    auto d = lay(b);
    ASSERT_EQ(d.pages.size(), 3u);
    EXPECT_NE(joined(d.pages[0]).find(U"pi"), std::u32string::npos);
    EXPECT_NE(joined(d.pages[1]).find(U"pii"), std::u32string::npos);
    EXPECT_NE(joined(d.pages[2]).find(U"p1"), std::u32string::npos);
}

TEST(Layout, ComplexScriptTextTakesTheCsSize) {
    DocxBuilder b;
    b.body = p(run("Ref \u0645\u0631\u062d\u0628\u0627", "<w:sz w:val=\"20\"/><w:szCs w:val=\"32\"/>")) + kSect;
    auto d = lay(b);
    double latin = 0, arabic = 0;
    for (const auto& t : texts(d.pages.at(0))) {
        if (t.text.find(U"Ref") != std::u32string::npos) latin = t.size;
        if (t.text.find(U"\u0645") != std::u32string::npos) arabic = t.size;
    }
    EXPECT_DOUBLE_EQ(latin, 10);
    EXPECT_DOUBLE_EQ(arabic, 16);
}

TEST(Layout, RightToLeftTextIsDrawnInVisualOrder) {
    DocxBuilder b;
    b.body = p(run("שלום"), "<w:bidi/>") + kSect;
    auto d = lay(b);
    auto t = texts(d.pages.at(0));
    ASSERT_FALSE(t.empty());
    EXPECT_EQ(t[0].text, U"םולש");  // reversed for left-to-right drawing
}

TEST(Layout, ArabicIsShapedAndKeepsItsReadingOrderText) {
    DocxBuilder b;
    b.body = p(run("سلام"), "<w:bidi/>") + kSect;
    auto d = lay(b);
    auto t = texts(d.pages.at(0));
    ASSERT_FALSE(t.empty());
    EXPECT_EQ(t[0].text, U"سلام");  // logical order: what extraction should give
    EXPECT_TRUE(t[0].rtl);
    ASSERT_FALSE(t[0].glyphs.empty());
    EXPECT_LT(t[0].glyphs.size(), 4u);  // lam-alef ligature
    double advance = 0;
    for (const auto& g : t[0].glyphs) advance += g.advance;
    EXPECT_GT(advance, 0);
}

TEST(Layout, TwoColumnSectionFillsTheLeftColumnThenTheRight) {
    DocxBuilder b;
    std::string body;
    for (int i = 0; i < 80; ++i) body += p(run("Line " + std::to_string(i)));
    b.body = body + kTwoColumns;
    auto d = lay(b);
    ASSERT_EQ(d.pages.size(), 1u);  // 80 short lines fit in two columns of one page
    double mid = d.pages[0].width / 2;
    double top_right = 0, bottom_left = 1e9, top_left = 0;  // PDF y grows upwards
    for (const auto& t : texts(d.pages[0])) {
        if (t.x < mid) {
            bottom_left = std::min(bottom_left, t.y);
            top_left = std::max(top_left, t.y);
        } else {
            top_right = std::max(top_right, t.y);
        }
    }
    ASSERT_GT(top_right, 0);                 // the right column was used
    EXPECT_NEAR(top_right, top_left, 0.5);   // and starts at the top again
    EXPECT_LT(bottom_left, top_right - 500); // after the left one filled the page
    // Column widths: (595.3 - 144 - 36) / 2 points each, so no line crosses the middle.
    for (const auto& t : texts(d.pages[0])) EXPECT_FALSE(t.x < mid && t.x + 60 > mid + 18) << t.x;
}

TEST(Layout, ColumnBreakMovesToTheNextColumn) {
    DocxBuilder b;
    b.body = p(run("Left") + "<w:r><w:br w:type=\"column\"/></w:r>") + p(run("Right")) + kTwoColumns;
    auto d = lay(b);
    ASSERT_EQ(d.pages.size(), 1u);
    double mid = d.pages[0].width / 2, left_y = 0, right_y = 0;
    for (const auto& t : texts(d.pages[0])) {
        if (t.text == U"Left") {
            EXPECT_LT(t.x, mid);
            left_y = t.y;
        }
        if (t.text == U"Right") {
            EXPECT_GT(t.x, mid);
            right_y = t.y;
        }
    }
    EXPECT_NEAR(left_y, right_y, 0.5);  // both at the top of their column
}

// One row holding 100 paragraphs: far taller than a page.
std::string tall_row_table(bool cant_split) {
    std::string cell;
    for (int i = 0; i < 100; ++i) cell += p(run("cell line " + std::to_string(i)));
    std::string trpr = cant_split ? "<w:trPr><w:cantSplit/></w:trPr>" : "";
    return "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"4000\"/></w:tblGrid><w:tr>" + trpr + "<w:tc>" + cell +
           "</w:tc></w:tr></w:tbl>";
}

TEST(Layout, ARowTallerThanThePageSplitsBetweenLines) {
    DocxBuilder b;
    b.body = p(run("Before")) + tall_row_table(false) + kSect;
    auto d = lay(b);
    ASSERT_GE(d.pages.size(), 2u);
    // The row starts on the first page, right after "Before", and every line
    // is drawn once, inside the page's margins.
    EXPECT_NE(joined(d.pages[0]).find(U"cell line 0"), std::u32string::npos);
    EXPECT_NE(joined(d.pages[0]).find(U"Before"), std::u32string::npos);
    int drawn = 0;
    for (const auto& page : d.pages)
        for (const auto& t : texts(page)) {
            if (t.text.rfind(U"cell line", 0) == 0) ++drawn;
            EXPECT_GT(t.y, 72 - 1) << "below the bottom margin";
            EXPECT_LT(t.y, page.height - 72 + 1) << "above the top margin";
        }
    EXPECT_EQ(drawn, 100);
    EXPECT_NE(joined(d.pages.back()).find(U"cell line 99"), std::u32string::npos);
}

TEST(Layout, CantSplitRowMovesWholeOthersSplit) {
    DocxBuilder b;
    std::string filler;
    for (int i = 0; i < 46; ++i) filler += p(run("filler " + std::to_string(i)));  // leaves about six lines
    std::string cell;
    for (int i = 0; i < 10; ++i) cell += p(run("kept line " + std::to_string(i)));
    b.body = filler + "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"4000\"/></w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc>" +
             cell + "</w:tc></w:tr></w:tbl>" + kSect;
    auto d = lay(b);
    ASSERT_GE(d.pages.size(), 2u);
    std::size_t with_first = 99, with_last = 98;
    for (std::size_t i = 0; i < d.pages.size(); ++i) {
        if (joined(d.pages[i]).find(U"kept line 0") != std::u32string::npos) with_first = i;
        if (joined(d.pages[i]).find(U"kept line 9") != std::u32string::npos) with_last = i;
    }
    EXPECT_EQ(with_first, with_last);  // the row was not split

    // The same row without w:cantSplit starts on the first page and splits.
    std::string splittable = b.body;
    splittable.replace(splittable.find("<w:trPr><w:cantSplit/></w:trPr>"), 31, "");
    b.body = splittable;
    auto e = lay(b);
    ASSERT_GE(e.pages.size(), 2u);
    EXPECT_NE(joined(e.pages[0]).find(U"kept line 0"), std::u32string::npos);
    EXPECT_NE(joined(e.pages[1]).find(U"kept line 9"), std::u32string::npos);
}

TEST(Layout, RightTabWithDotLeaderEndsTheTextAtTheStop) {
    DocxBuilder b;
    // A contents line: title, tab, page number right-aligned at 9000 twips (450 pt) from the margin.
    b.body = p(run("Introduction") + "<w:r><w:tab/></w:r>" + run("17"),
               "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"9000\"/></w:tabs>") + kSect;
    auto d = lay(b);
    const layout::TextItem *number = nullptr, *dots = nullptr;
    auto t = texts(d.pages.at(0));
    for (const auto& i : t) {
        if (i.text == U"17") number = &i;
        if (i.text.find(U"....") == 0) dots = &i;
    }
    ASSERT_NE(number, nullptr);
    ASSERT_NE(dots, nullptr);
    layout::FontLibrary fonts;
    double width = fonts.resolve({"Calibri", false, false})->width(U"17", number->size);
    EXPECT_NEAR(number->x + width, 72 + 450, 0.5);  // the number ends at the stop
    EXPECT_EQ(dots->tag, layout::kArtifact);
    EXPECT_LT(dots->x + 0.1, number->x);
    EXPECT_GT(dots->text.size(), 50u);
}

TEST(Layout, CentreAndDecimalTabsAlignTheirText) {
    DocxBuilder b;
    b.body = p("<w:r><w:tab/></w:r>" + run("mid") + "<w:r><w:tab/></w:r>" + run("12.50"),
               "<w:tabs><w:tab w:val=\"center\" w:pos=\"3000\"/><w:tab w:val=\"decimal\" w:pos=\"8000\"/></w:tabs>") + kSect;
    auto d = lay(b);
    layout::FontLibrary fonts;
    auto calibri = fonts.resolve({"Calibri", false, false});
    int seen = 0;
    for (const auto& i : texts(d.pages.at(0))) {
        if (i.text == U"mid") {
            EXPECT_NEAR(i.x + calibri->width(U"mid", i.size) / 2, 72 + 150, 0.5);  // centred on the stop
            ++seen;
        }
        if (i.text == U"12.50") {
            EXPECT_NEAR(i.x + calibri->width(U"12", i.size), 72 + 400, 0.5);  // decimal point on the stop
            ++seen;
        }
    }
    EXPECT_EQ(seen, 2);
}

TEST(Layout, HighlightIsARectangleBehindTheText) {
    DocxBuilder b;
    b.body = p(run("plain ") + run("marked", "<w:highlight w:val=\"yellow\"/>")) + kSect;
    auto d = lay(b);
    const auto& items = d.pages.at(0).items;
    std::size_t rect = items.size(), text = items.size();
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (auto* r = std::get_if<layout::RectItem>(&items[i]); r && r->fill && r->color.r == 1 && r->color.g == 1 && r->color.b == 0) rect = i;
        if (auto* t = std::get_if<layout::TextItem>(&items[i]); t && t->text == U"marked") text = i;
    }
    ASSERT_LT(rect, items.size());
    ASSERT_LT(text, items.size());
    EXPECT_LT(rect, text);  // drawn first, so underneath
    const auto& r = std::get<layout::RectItem>(items[rect]);
    const auto& t = std::get<layout::TextItem>(items[text]);
    EXPECT_NEAR(r.x, t.x, 0.01);
    EXPECT_GT(r.y + r.height, t.y);  // spans the baseline (PDF space, y up)
    EXPECT_LT(r.y, t.y);
}

TEST(Layout, SmallCapsAreSmallerCapitals) {
    DocxBuilder b;
    b.body = p(run("Minutes", "<w:smallCaps/>")) + kSect;
    auto d = lay(b);
    double big = 0, small = 0;
    std::u32string all;
    for (const auto& t : texts(d.pages.at(0))) {
        all += t.text;
        if (t.text == U"M") big = t.size;
        if (t.text == U"INUTES") small = t.size;
    }
    EXPECT_EQ(all, U"MINUTES");
    EXPECT_NEAR(small, big * 0.8, 0.01);
}

TEST(Layout, BorderedParagraphsShareOneBoxAndShadingIsBehind) {
    DocxBuilder b;
    std::string box = "<w:pBdr><w:top w:val=\"single\" w:sz=\"8\" w:space=\"1\" w:color=\"auto\"/>"
                      "<w:left w:val=\"single\" w:sz=\"8\" w:space=\"4\" w:color=\"auto\"/>"
                      "<w:bottom w:val=\"single\" w:sz=\"8\" w:space=\"1\" w:color=\"auto\"/>"
                      "<w:right w:val=\"single\" w:sz=\"8\" w:space=\"4\" w:color=\"auto\"/></w:pBdr>"
                      "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"DDDDDD\"/>";
    b.body = p(run("One"), box) + p(run("Two"), box) + p(run("After")) + kSect;
    auto d = lay(b);
    int horizontal = 0, shades = 0;
    for (const auto& i : d.pages.at(0).items) {
        if (auto* l = std::get_if<layout::LineItem>(&i); l && std::abs(l->y1 - l->y2) < 0.01) ++horizontal;
        if (auto* r = std::get_if<layout::RectItem>(&i); r && r->fill) ++shades;
    }
    EXPECT_EQ(horizontal, 2);  // one top, one bottom: no line between the two paragraphs
    EXPECT_EQ(shades, 2);
}

TEST(Layout, ContextualSpacingDropsSpaceBetweenParagraphsOfOneStyle) {
    auto gap = [](bool contextual) {
        DocxBuilder b;
        std::string ppr = "<w:pStyle w:val=\"ListPara\"/>" + std::string(contextual ? "<w:contextualSpacing/>" : "") +
                          "<w:spacing w:before=\"240\" w:after=\"240\"/>";
        b.styles = part("styles", "<w:style w:type=\"paragraph\" w:styleId=\"ListPara\"><w:name w:val=\"List Paragraph\"/></w:style>");
        b.body = p(run("first"), ppr) + p(run("second"), ppr) + kSect;
        auto d = lay(b);
        double a = 0, c = 0;
        for (const auto& t : texts(d.pages.at(0))) {
            if (t.text == U"first") a = t.y;
            if (t.text == U"second") c = t.y;
        }
        return a - c;
    };
    double spaced = gap(false), tight = gap(true);
    EXPECT_NEAR(spaced - tight, 12.0, 0.1);  // the 12 pt between them (the larger of after and before) is gone
}

// ECMA-376 §17.3.1.33, as Word and LibreOffice lay it out: between two
// paragraphs the larger of the first's space after and the second's space
// before, not their sum.
TEST(Layout, SpaceBetweenParagraphsIsTheLargerOfAfterAndBefore) {
    auto gap = [](int after, int before) {
        DocxBuilder b;
        b.body = p(run("first"), "<w:spacing w:before=\"0\" w:after=\"" + std::to_string(after) + "\"/>") +
                 p(run("second"), "<w:spacing w:before=\"" + std::to_string(before) + "\" w:after=\"0\"/>") + kSect;
        auto d = lay(b);
        double a = 0, c = 0;
        for (const auto& t : texts(d.pages.at(0))) {
            if (t.text == U"first") a = t.y;
            if (t.text == U"second") c = t.y;
        }
        return a - c;
    };
    const double line = gap(0, 0);
    EXPECT_NEAR(gap(300, 100) - line, 15.0, 0.1);
    EXPECT_NEAR(gap(100, 300) - line, 15.0, 0.1);
    EXPECT_NEAR(gap(300, 0) - line, 15.0, 0.1);
    EXPECT_NEAR(gap(240, 240) - line, 12.0, 0.1);
}

// Space before is kept at the top of the document and after a page break,
// and dropped at the top of a page the text overflowed onto.
TEST(Layout, SpaceBeforeIsDroppedOnlyWhereTheTextOverflowedOntoANewPage) {
    DocxBuilder b;
    const std::string spaced = "<w:spacing w:before=\"600\" w:after=\"0\"/>";
    std::string body = p(run("opening"), spaced);
    for (int i = 0; i < 40; ++i) body += p(run("filler" + std::to_string(i)), spaced);
    body += p(run("broken"), "<w:pageBreakBefore/>" + spaced);
    b.body = body + kSect;
    auto d = lay(b);
    ASSERT_GE(d.pages.size(), 3u);
    auto top_y = [](const layout::Page& page) {
        double y = 0;
        for (const auto& t : texts(page)) y = std::max(y, t.y);
        return y;
    };
    const double overflowed = top_y(d.pages[1]);
    EXPECT_NEAR(top_y(d.pages[0]), overflowed - 30, 0.5);    // 30 pt before the first paragraph
    EXPECT_NEAR(top_y(d.pages.back()), overflowed - 30, 0.5);  // and after a page break
    EXPECT_NE(joined(d.pages.back()).find(U"broken"), std::u32string::npos);
}

// A right tab stop past the right margin (a Letter footer's 6.5" stop on
// an A4 page) sets its text up to the stop, a little into the margin, as
// Word does; the text does not wrap.
TEST(Layout, TextAtARightTabPastTheMarginStaysOnItsLine) {
    DocxBuilder b;
    // A4 with 1" margins: the text column is 451 pt wide. The same text at
    // a right stop inside it (450 pt) and at one past it (468 pt).
    auto para = [](int pos) {
        return p("<w:r><w:tab/><w:t xml:space=\"preserve\">Page 2 of 9</w:t></w:r>",
                 "<w:tabs><w:tab w:val=\"right\" w:pos=\"" + std::to_string(pos) + "\"/></w:tabs>");
    };
    b.body = para(9000) + para(9360) + kSect;
    auto d = lay(b);
    std::map<double, double, std::greater<>> first_x;  // line (top first) -> its leftmost text
    for (const auto& t : texts(d.pages.at(0))) {
        auto [it, fresh] = first_x.emplace(std::round(t.y * 100) / 100, t.x);
        if (!fresh) it->second = std::min(it->second, t.x);
    }
    ASSERT_EQ(first_x.size(), 2u) << "the text past the margin wrapped";
    const double inside = first_x.begin()->second, past = std::next(first_x.begin())->second;
    EXPECT_NEAR(past - inside, 18.0, 0.05);  // 9360 - 9000 twips
}

// A form's blank made of an underlined tab ("Address ____" to a stop at
// 300 pt): the underline runs the tab's whole width, as Word draws it.
TEST(Layout, AnUnderlinedTabIsDrawnAsTheBlankOfAForm) {
    DocxBuilder b;
    b.body = p(run("Address ") + "<w:r><w:rPr><w:u w:val=\"single\"/></w:rPr><w:tab/></w:r>",
               "<w:tabs><w:tab w:val=\"left\" w:pos=\"6000\"/></w:tabs>") + kSect;
    auto d = lay(b);
    double longest = 0, right = 0;
    for (const auto& i : d.pages.at(0).items)
        if (auto* l = std::get_if<layout::LineItem>(&i); l && std::abs(l->y1 - l->y2) < 0.01 && l->x2 - l->x1 > longest) {
            longest = l->x2 - l->x1;
            right = l->x2;
        }
    EXPECT_GT(longest, 200);
    EXPECT_NEAR(right, 72 + 300, 0.5);  // ends at the stop
}

// Tracked deletions of whole paragraphs (their text and their mark) take
// no room once accepted; a paragraph whose mark alone is deleted keeps its
// text (nothing the reader of the accepted document sees is lost).
TEST(Layout, ADeletedParagraphTakesNoRoom) {
    auto gap = [](bool deleted_between) {
        DocxBuilder b;
        const std::string del = "<w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText>Gone words</w:delText></w:r></w:del>";
        const std::string gone = p(del, "<w:rPr><w:del w:id=\"2\" w:author=\"A\"/></w:rPr>");
        b.body = p(run("above")) + (deleted_between ? gone + gone + gone : "") +
                 p(run("kept text"), "<w:rPr><w:del w:id=\"3\" w:author=\"A\"/></w:rPr>") + p(run("below")) + kSect;
        auto d = lay(b);
        double a = 0, c = 0;
        bool kept = false;
        for (const auto& t : texts(d.pages.at(0))) {
            if (t.text == U"above") a = t.y;
            if (t.text == U"below") c = t.y;
            if (t.text.find(U"kept") != std::u32string::npos) kept = true;
            EXPECT_EQ(t.text.find(U"Gone"), std::u32string::npos);
        }
        EXPECT_TRUE(kept);
        return a - c;
    };
    EXPECT_NEAR(gap(true), gap(false), 0.01);
}

// A right-to-left run is set in its complex-script size throughout: its
// spaces and digits too, not only its Arabic letters (Word's szCs).
TEST(Layout, ARightToLeftRunTakesItsComplexScriptSizeThroughout) {
    DocxBuilder b;
    b.body = p(run("\u0645\u0631\u062D\u0628\u0627 2012", "<w:rtl/><w:sz w:val=\"22\"/><w:szCs w:val=\"30\"/>"), "<w:bidi/>") + kSect;
    auto d = lay(b);
    bool digits = false;
    for (const auto& t : texts(d.pages.at(0))) {
        EXPECT_NEAR(t.size, 15.0, 0.01) << std::string(t.text.begin(), t.text.end()).size();
        if (t.text.find(U"2012") != std::u32string::npos) digits = true;
    }
    EXPECT_TRUE(digits);
}

// A character no installed face has is drawn as its compatibility
// equivalent when a face has that (U+2F01 KANGXI RADICAL LINE as the
// ideograph U+4E28): the reader sees it, and the PDF's text keeps it.
TEST(Layout, ACharacterNoFaceHasIsDrawnAsItsCompatibilityEquivalent) {
    layout::FontLibrary fonts;
    if (fonts.fallback(0x2F01, {"Calibri"})) GTEST_SKIP() << "a face here has U+2F01 itself";
    if (!fonts.fallback(0x4E28, {"Calibri"})) GTEST_SKIP() << "no face here has U+4E28";
    DocxBuilder b;
    b.body = p(run("radical \u2F01 here")) + kSect;
    auto d = lay(b);
    bool drawn = false;
    for (const auto& t : texts(d.pages.at(0))) {
        EXPECT_EQ(t.text.find(U'\u2F01'), std::u32string::npos);
        if (t.text.find(U'\u4E28') != std::u32string::npos) drawn = true;
    }
    EXPECT_TRUE(drawn);
}

// The hanging indent is a tab stop when it comes before the next custom
// stop: a TOC line "A.<tab>Title<tab>14" with a dotted right stop sets its
// title at the indent, not after a row of dots.
TEST(Layout, TheHangingIndentIsATabStopBeforeALaterCustomStop) {
    DocxBuilder b;
    b.body = p(run("A.") + "<w:r><w:tab/><w:t>Title</w:t></w:r><w:r><w:tab/><w:t>14</w:t></w:r>",
               "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"8820\"/></w:tabs><w:ind w:left=\"900\" w:hanging=\"900\"/>") +
             kSect;
    auto d = lay(b);
    double title = -1, dots = -1;
    for (const auto& t : texts(d.pages.at(0))) {
        if (t.text.find(U"Title") != std::u32string::npos) title = t.x;
        if (t.text.find(U"....") != std::u32string::npos && dots < 0) dots = t.x;
    }
    EXPECT_NEAR(title, 72 + 45, 0.5);  // at the 900-twip indent
    EXPECT_GT(dots, title);           // the only dots lead to the page number
}

// A numbered paragraph that sets only its right indent keeps its level's
// left indent and hanging (attribute by attribute, as Word merges them).
TEST(Layout, AListItemWithOnlyARightIndentKeepsItsLevelsIndents) {
    DocxBuilder b;
    b.numbering = part("numbering",
                       "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"upperLetter\"/>"
                       "<w:lvlText w:val=\"%1.\"/><w:pPr><w:ind w:left=\"1080\" w:hanging=\"720\"/></w:pPr></w:lvl></w:abstractNum>"
                       "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>");
    b.body = p(run("First item"), "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr><w:ind w:right=\"723\"/>") + kSect;
    auto d = lay(b);
    auto t = texts(d.pages.at(0));
    ASSERT_GE(t.size(), 2u);
    EXPECT_EQ(t[0].text, U"A.");
    EXPECT_NEAR(t[0].x, 72 + 18, 0.5);  // 1080 - 720 twips
    EXPECT_NEAR(t[1].x, 72 + 54, 0.5);  // the text at the level's 1080
}

// A paragraph that starts with a page break puts its first (empty) line at
// the foot of this page and its text on the next: keepNext, widow and
// orphan control do not move it whole (that left a blank page).
TEST(Layout, APageBreakAtAParagraphsStartLeavesNoBlankPage) {
    DocxBuilder b;
    std::string body;
    // 50 lines of 13.4 pt: the break's line fits below them, a 24 pt line would not.
    for (int i = 0; i < 50; ++i) body += p(run("filler " + std::to_string(i)));
    body += p("<w:r><w:br w:type=\"page\"/></w:r>" + run("Index", "<w:sz w:val=\"48\"/>"), "<w:keepNext/>");
    b.body = body + p(run("I. Introduction")) + kSect;
    auto d = lay(b);
    ASSERT_EQ(d.pages.size(), 2u);
    EXPECT_NE(joined(d.pages[0]).find(U"filler 49"), std::u32string::npos);
    EXPECT_NE(joined(d.pages[1]).find(U"Index"), std::u32string::npos);
}

// An empty paragraph is as high as its paragraph mark's type (pPr/rPr),
// not its style's: 30 empty 8 pt marks in a 24 pt style take 30 small lines.
TEST(Layout, AnEmptyParagraphIsAsHighAsItsMark) {
    auto drop = [](const std::string& mark) {
        DocxBuilder b;
        b.styles = part("styles", "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
                                  "<w:rPr><w:sz w:val=\"48\"/></w:rPr></w:style>");
        std::string body = p(run("top"));
        for (int i = 0; i < 10; ++i) body += p("", mark);
        b.body = body + p(run("bottom")) + kSect;
        auto d = lay(b);
        double top = 0, bottom = 0;
        for (const auto& t : texts(d.pages.at(0))) {
            if (t.text == U"top") top = t.y;
            if (t.text == U"bottom") bottom = t.y;
        }
        return top - bottom;
    };
    const double big = drop(""), small = drop("<w:rPr><w:sz w:val=\"16\"/></w:rPr>");
    EXPECT_LT(small, big - 10 * (24 - 8) * 0.9);  // each empty line about 16 pt shorter
}

// A header taller than the top margin pushes the text to right below it
// (no extra gap), as Word and LibreOffice place it.
TEST(Layout, ATallHeaderPushesTheTextToRightBelowIt) {
    auto first_line = [](int header_lines) {
        DocxBuilder b;
        std::string header;
        for (int i = 0; i < header_lines; ++i) header += p(run("Header line"), "<w:spacing w:after=\"0\"/>");
        b.extra_parts.emplace_back("word/header1.xml", part("hdr", header));
        b.extra_rels.push_back("<Relationship Id=\"h1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>");
        b.body = p(run("Body"), "<w:spacing w:after=\"0\"/>") +
                 "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"h1\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
                 "<w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/></w:sectPr>";
        auto d = lay(b);
        double body = 0, lowest_header = 1e9;
        for (const auto& t : texts(d.pages.at(0))) {
            if (t.text == U"Body") body = t.y;
            if (t.text == U"Header line") lowest_header = std::min(lowest_header, t.y);
        }
        return std::make_pair(body, lowest_header);
    };
    auto [short_body, short_header] = first_line(1);
    auto [tall_body, tall_header] = first_line(5);
    EXPECT_GT(tall_header, 0);
    EXPECT_LT(tall_body, short_body);  // pushed down
    (void)short_header;
    // One line below the header's last line (Calibri 11 pt: 13.4 pt), no gap.
    EXPECT_NEAR(tall_header - tall_body, 13.4, 0.6);
}

// A footnote too long for its page starts at the foot of the page of its
// reference and continues on the next page(s) below a continuation
// separator, as Word sets it: every line on a page, none below the margin.
TEST(Layout, ALongFootnoteContinuesOnTheNextPage) {
    DocxBuilder b;
    std::string note;
    for (int i = 0; i < 90; ++i) note += "<w:p>" + run("Note line " + std::to_string(i) + " of a long footnote.") + "</w:p>";
    b.footnotes = part("footnotes", "<w:footnote w:id=\"1\">" + note + "</w:footnote>");
    std::string body;
    for (int i = 0; i < 10; ++i) body += p(run("Body " + std::to_string(i)));
    body += p(run("Called here") + "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteReference w:id=\"1\"/></w:r>");
    for (int i = 0; i < 10; ++i) body += p(run("After " + std::to_string(i)));
    b.body = body + kSect;
    auto d = lay(b);
    ASSERT_GE(d.pages.size(), 2u);
    std::set<std::u32string> seen;
    int reference_page = -1, first_note_page = -1;
    for (std::size_t k = 0; k < d.pages.size(); ++k)
        for (const auto& t : texts(d.pages[k])) {
            EXPECT_GT(t.y, 72 - 1) << "below the bottom margin on page " << k;
            if (t.text.find(U"Called") != std::u32string::npos) reference_page = static_cast<int>(k);
            if (t.text.rfind(U"Note line ", 0) == 0) {
                seen.insert(t.text);
                if (t.text.rfind(U"Note line 0 ", 0) == 0) first_note_page = static_cast<int>(k);
            }
        }
    EXPECT_EQ(seen.size(), 90u);
    EXPECT_EQ(first_note_page, reference_page);
    // The continuation separator runs across the column on the next page.
    bool long_rule = false;
    for (const auto& i : d.pages[static_cast<std::size_t>(reference_page) + 1].items)
        if (auto* l = std::get_if<layout::LineItem>(&i); l && std::abs(l->y1 - l->y2) < 0.01 && l->x2 - l->x1 > 300) long_rule = true;
    EXPECT_TRUE(long_rule);
}

// A footnote called from a table cell goes to the foot of the page that
// holds the cell, not after the text.
TEST(Layout, FootnoteCalledFromATableCellSitsAtTheFootOfItsPage) {
    DocxBuilder b;
    b.footnotes = part("footnotes", "<w:footnote w:id=\"1\"><w:p>" + run("Cell note text.") + "</w:p></w:footnote>");
    const std::string ref = "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteReference w:id=\"1\"/></w:r>";
    b.body = "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"4000\"/></w:tblGrid><w:tr><w:tc><w:p>" + run("In a cell") + ref +
             "</w:p></w:tc></w:tr></w:tbl>" + p("<w:r><w:br w:type=\"page\"/></w:r>") + p(run("Second page")) + kSect;
    auto d = lay(b);
    ASSERT_EQ(d.pages.size(), 2u);
    double note_y = -1;
    for (const auto& t : texts(d.pages[0]))
        if (t.text.find(U"note text") != std::u32string::npos) note_y = t.y;
    EXPECT_GT(note_y, 72 - 1);
    EXPECT_LT(note_y, 120);  // at the foot of the first page
    EXPECT_EQ(joined(d.pages[1]).find(U"note text"), std::u32string::npos);
}

TEST(Layout, HeaderRowsRepeatOnEachPageOfALongTable) {
    DocxBuilder b;
    std::string rows = "<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p>" + run("Heading row") + "</w:p></w:tc></w:tr>";
    for (int i = 0; i < 120; ++i) rows += "<w:tr><w:tc><w:p>" + run("row " + std::to_string(i)) + "</w:p></w:tc></w:tr>";
    b.body = "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"4000\"/></w:tblGrid>" + rows + "</w:tbl>" + kSect;
    auto d = lay(b);
    ASSERT_GE(d.pages.size(), 2u);
    for (const auto& page : d.pages) EXPECT_NE(joined(page).find(U"Heading row"), std::u32string::npos);
    EXPECT_NE(joined(d.pages.back()).find(U"row 119"), std::u32string::npos);
}

TEST(Layout, InternalLinksLandOnTheirBookmark) {
    DocxBuilder b;
    b.body = p("<w:hyperlink w:anchor=\"_Toc1\">" + run("Go to the second part") + "</w:hyperlink>") +
             p("<w:r><w:br w:type=\"page\"/></w:r>") +
             p("<w:bookmarkStart w:id=\"1\" w:name=\"_Toc1\"/>" + run("Second part") + "<w:bookmarkEnd w:id=\"1\"/>") + kSect;
    auto d = lay(b);
    ASSERT_GE(d.pages.size(), 2u);
    const layout::LinkItem* link = nullptr;
    for (const auto& i : d.pages[0].items)
        if (auto* l = std::get_if<layout::LinkItem>(&i)) link = l;
    ASSERT_NE(link, nullptr);
    EXPECT_TRUE(link->uri.empty());
    EXPECT_EQ(link->target_page, 1);
    EXPECT_GT(link->target_y, 700);  // near the top of page 2
}

// Word draws a computed page number in the formatting of the field's
// result, not of the run holding the field code.
TEST(Layout, PageNumbersTakeTheFieldResultsFormatting) {
    DocxBuilder b;
    std::string page_field = "<w:r><w:rPr><w:sz w:val=\"12\"/></w:rPr><w:fldChar w:fldCharType=\"begin\"/></w:r>"
                             "<w:r><w:rPr><w:sz w:val=\"12\"/></w:rPr><w:instrText> PAGE </w:instrText></w:r>"
                             "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" +
                             run("9", "<w:b/><w:sz w:val=\"32\"/>") + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
    b.extra_parts.emplace_back("word/footer1.xml", part("ftr", p(run("Page ") + page_field)));
    b.extra_rels.push_back("<Relationship Id=\"f1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>");
    b.body = p(run("body")) + "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"f1\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>";
    auto d = lay(b);
    ASSERT_EQ(d.pages.size(), 1u);
    bool seen = false;
    for (const auto& i : d.pages[0].items)
        if (auto* t = std::get_if<layout::TextItem>(&i); t && t->text == U"1") {
            seen = true;
            EXPECT_NEAR(t->size, 16, 0.01);  // the result's 16 pt, not the field code's 6 pt
        }
    EXPECT_TRUE(seen);
}

// Single line spacing as Word and LibreOffice set it from the font's
// metrics: the taller of the Windows ascent+descent and the typographic
// (hhea) ascent+descent+gap, or the OS/2 typographic metrics when the font
// asks for them (USE_TYPO_METRICS). Values measured in LibreOffice 7.4.
TEST(Layout, SingleLineSpacingFollowsTheFontsMetricsAsWordDoes) {
    struct Case {
        const char* font;
        const char* substitute;  // what this machine draws it with
        double pitch;            // points, at 12 pt
    };
    for (const Case& c : {Case{"Times New Roman", "LiberationSerif", 13.8}, Case{"Arial", "LiberationSans", 13.8},
                          Case{"Calibri", "Carlito", 14.65}, Case{"Cambria", "Caladea", 13.8}}) {
        DocxBuilder b;
        std::string rpr = std::string("<w:rFonts w:ascii=\"") + c.font + "\" w:hAnsi=\"" + c.font + "\"/><w:sz w:val=\"24\"/>";
        std::string ppr = "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>";
        b.body = p(run("first", rpr), ppr) + p(run("second", rpr), ppr) + kSect;
        auto d = lay(b);
        ASSERT_FALSE(d.pages.empty());
        double y1 = 0, y2 = 0;
        std::string path;
        for (const auto& i : d.pages[0].items)
            if (auto* t = std::get_if<layout::TextItem>(&i)) {
                if (t->text == U"first") y1 = t->y, path = t->font_path;
                if (t->text == U"second") y2 = t->y;
            }
        if (path.find(c.substitute) == std::string::npos) {
            std::cout << c.font << ": drawn with " << path << ", not " << c.substitute << "; not measured\n";
            continue;
        }
        EXPECT_NEAR(y1 - y2, c.pitch, 0.02) << c.font;
    }
}

// In a right-to-left run, drawn in visual order, brackets are mirrored:
// "(שלום)" reads with its brackets facing the word, not away from it.
TEST(Layout, BracketsInRightToLeftRunsAreMirrored) {
    DocxBuilder b;
    b.body = p(run("(שלום) [עולם]", "<w:rtl/>"), "<w:bidi/>") + kSect;
    auto d = lay(b);
    ASSERT_FALSE(d.pages.empty());
    std::u32string drawn;
    for (const auto& i : d.pages[0].items)
        if (auto* t = std::get_if<layout::TextItem>(&i)) drawn += t->text;
    // Visual order, left to right: "[" + reversed "עולם" + "] (" + reversed "שלום" + ")".
    EXPECT_NE(drawn.find(U"(םולש)"), std::u32string::npos) << drawn.size();
    EXPECT_NE(drawn.find(U"[םלוע]"), std::u32string::npos);
}

TEST(Layout, BalancedColumnsDealLinesEvenly) {
    std::vector<layout::ColumnBand> bands(10, layout::ColumnBand{14});
    double height = 0;
    auto places = layout::balance_columns(bands, 3, height);
    ASSERT_EQ(places.size(), 10u);
    EXPECT_DOUBLE_EQ(height, 4 * 14);  // 10 lines in 3 columns: 4, 4, 2 (or 4, 3, 3)
    EXPECT_EQ(places.front().column, 0);
    EXPECT_EQ(places.back().column, 2);
    for (std::size_t i = 1; i < places.size(); ++i) EXPECT_GE(places[i].column, places[i - 1].column);  // reading order kept
    // A band taller than the even share keeps its column to itself.
    bands = {{10}, {60}, {10}};
    places = layout::balance_columns(bands, 2, height);
    EXPECT_DOUBLE_EQ(height, 70);
}

TEST(Layout, AContinuousBreakBalancesTheColumnsAboveIt) {
    DocxBuilder b;
    std::string text;
    for (int i = 0; i < 12; ++i) text += "word" + std::to_string(i) + " ";
    std::string cols = kTwoColumns.substr(0, kTwoColumns.size() - std::string("</w:sectPr>").size()) + "</w:sectPr>";
    std::string continuous = kSect;
    continuous.insert(continuous.find("<w:pgSz"), "<w:type w:val=\"continuous\"/>");
    b.body = p(run(text + text + text)) + "<w:p><w:pPr>" + cols + "</w:pPr></w:p>" + p(run("Below the columns")) + continuous;
    auto d = lay(b);
    ASSERT_EQ(d.pages.size(), 1u);
    double left_bottom = 1e9, right_bottom = 1e9, below = 0;
    for (const auto& t : texts(d.pages[0])) {
        if (t.text.find(U"Below") != std::u32string::npos) below = t.y;
        else if (t.x < 250) left_bottom = std::min(left_bottom, t.y);
        else right_bottom = std::min(right_bottom, t.y);
    }
    ASSERT_LT(right_bottom, 1e9) << "nothing in the right column";
    EXPECT_NEAR(left_bottom, right_bottom, 16);  // within a line of each other
    EXPECT_LT(below, std::min(left_bottom, right_bottom));  // the next section starts below both
}

TEST(Layout, LinesSnapToTheDocumentGrid) {
    DocxBuilder b;
    std::string grid = kSect;
    grid.insert(grid.find("</w:sectPr>"), "<w:docGrid w:type=\"lines\" w:linePitch=\"360\"/>");
    b.body = p(run("First line")) + p(run("Second line")) + p(run("Off the grid"), "<w:snapToGrid w:val=\"0\"/>") +
             p(run("Fourth line")) + p(run("Fifth line")) + grid;
    auto d = lay(b);
    ASSERT_EQ(d.pages.size(), 1u);
    std::vector<double> ys;
    for (const auto& t : texts(d.pages[0])) ys.push_back(t.y);
    ASSERT_GE(ys.size(), 5u);
    EXPECT_NEAR(ys[0] - ys[1], 18, 0.01);  // Calibri 11 pt (13.4 pt) takes one 18 pt grid line
    EXPECT_NEAR(ys[3] - ys[4], 18, 0.01);  // the lines after the one off the grid are on it again
    EXPECT_LT(ys[2] - ys[3], 17);          // off the grid: its own height (13.4 pt, less the centring)
}

// §17.6.5: the grid's line pitch is not added to lines in table cells
// unless the document's compatibility settings say adjustLineHeightInTable.
TEST(Layout, TheDocumentGridStaysOutOfTableCellsUnlessTheDocumentAsks) {
    auto pitch_in_cell = [](bool asked) {
        DocxBuilder b;
        std::string grid = kSect;
        grid.insert(grid.find("</w:sectPr>"), "<w:docGrid w:type=\"lines\" w:linePitch=\"600\"/>");
        b.body = "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"4000\"/></w:tblGrid><w:tr><w:tc>" + p(run("Cell one")) +
                 p(run("Cell two")) + "</w:tc></w:tr></w:tbl>" + p("") + grid;
        if (asked) {
            b.extra_parts.emplace_back("word/settings.xml", std::string("<w:settings xmlns:w=\"") + kW +
                                                                "\"><w:compat><w:adjustLineHeightInTable/></w:compat></w:settings>");
            b.extra_rels.push_back("<Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                                   "relationships/settings\" Target=\"settings.xml\"/>");
        }
        auto d = lay(b);
        double one = 0, two = 0;
        for (const auto& t : texts(d.pages.at(0))) {
            if (t.text == U"Cell one") one = t.y;
            if (t.text == U"Cell two") two = t.y;
        }
        return one - two;
    };
    EXPECT_LT(pitch_in_cell(false), 25);       // the line's own height (and Normal's space after)
    EXPECT_NEAR(pitch_in_cell(true), 30, 0.01);  // one 30 pt grid line
}

// w:ulTrailSpace: the underlined spaces that end a line (a blank to fill
// in) are drawn; without it they are not, as in Word.
TEST(Layout, UnderlinedSpacesEndingALineAreDrawnWhenTheDocumentSaysSo) {
    auto longest = [](bool asked) {
        DocxBuilder b;
        b.body = p(run("Name:") + run("                    ", "<w:u w:val=\"single\"/>")) + kSect;
        if (asked) {
            b.extra_parts.emplace_back("word/settings.xml", std::string("<w:settings xmlns:w=\"") + kW +
                                                                "\"><w:compat><w:ulTrailSpace/></w:compat></w:settings>");
            b.extra_rels.push_back("<Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                                   "relationships/settings\" Target=\"settings.xml\"/>");
        }
        auto d = lay(b);
        double most = 0;
        for (const auto& i : d.pages.at(0).items)
            if (auto* l = std::get_if<layout::LineItem>(&i); l && std::abs(l->y1 - l->y2) < 0.01) most = std::max(most, l->x2 - l->x1);
        return most;
    };
    EXPECT_EQ(longest(false), 0);
    EXPECT_GT(longest(true), 40);  // twenty spaces
}

// Issue 13: a right-to-left paragraph mirrors its alignment and indents.
TEST(Layout, LastLineOfAJustifiedRightToLeftParagraphIsAtTheRight) {
    DocxBuilder b;
    b.body = p(run("שלום עולם"), "<w:bidi/><w:jc w:val=\"both\"/>") + kSect;
    auto d = lay(b);
    auto t = texts(d.pages.at(0));
    ASSERT_FALSE(t.empty());
    EXPECT_GT(t[0].x, 400.0);  // one short line, the last, starts near the right margin (523 pt)
}

TEST(Layout, IndentsOfARightToLeftParagraphApplyFromTheRightEdge) {
    DocxBuilder b;
    b.body = p(run("שלום"), "<w:bidi/>") + p(run("שלום"), "<w:bidi/><w:ind w:left=\"1440\"/>") +
             p(run("שלום"), "<w:bidi/><w:ind w:left=\"1440\" w:hanging=\"360\"/>") + kSect;
    auto d = lay(b);
    auto t = texts(d.pages.at(0));
    ASSERT_EQ(t.size(), 3u);
    EXPECT_NEAR(t[1].x, t[0].x - 72, 0.5);       // the start indent from the right
    EXPECT_NEAR(t[2].x, t[0].x - 72 + 18, 0.5);  // the first line hangs out to the right
}

TEST(Layout, ListLabelOfARightToLeftItemHangsAtTheRight) {
    DocxBuilder b;
    b.numbering = part("numbering",
                       "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
                       "<w:lvlText w:val=\"%1.\"/><w:pPr><w:ind w:left=\"720\" w:hanging=\"360\"/></w:pPr></w:lvl></w:abstractNum>"
                       "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>");
    b.body = p(run("שלום"), "<w:bidi/>") +
             p(run("שלום"), "<w:bidi/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>") + kSect;
    auto d = lay(b);
    auto t = texts(d.pages.at(0));
    ASSERT_GE(t.size(), 3u);
    const layout::TextItem* label = nullptr;
    const layout::TextItem* text = nullptr;
    for (std::size_t i = 1; i < t.size(); ++i) {
        if (t[i].text.find(U'1') != std::u32string::npos) label = &t[i];
        else if (t[i].text == U"םולש") text = &t[i];
    }
    ASSERT_TRUE(label && text);
    EXPECT_GT(label->x, text->x);                // the label at the right of the text
    EXPECT_NEAR(text->x, t[0].x - 36, 0.5);      // the text at the start indent (720 twips from the right)
    EXPECT_LT(label->x, 523.3 - 18 + 0.5);       // the label ends at 360 twips from the right margin
    EXPECT_GT(label->x, 523.3 - 36);
}

namespace {

// A two-column table (2000 and 4000 twips) with cells "A" and "B".
std::string two_cell_table(const std::string& tblpr) {
    return "<w:tbl><w:tblPr>" + tblpr + "</w:tblPr><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"4000\"/></w:tblGrid><w:tr>"
           "<w:tc><w:p>" + run("A") + "</w:p></w:tc><w:tc><w:p>" + run("B") + "</w:p></w:tc></w:tr></w:tbl>";
}

// x of the text items "A" and "B" on the first page.
std::pair<double, double> cell_text_x(const layout::LaidOutDocument& d) {
    double a = -1, b = -1;
    for (const auto& t : texts(d.pages.at(0))) {
        if (t.text == U"A") a = t.x;
        if (t.text == U"B") b = t.x;
    }
    return {a, b};
}

void word_2013_settings(DocxBuilder& b) {
    b.extra_parts.emplace_back("word/settings.xml",
                               std::string("<w:settings xmlns:w=\"") + kW + "\"><w:compat><w:compatSetting "
                               "w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>"
                               "</w:compat></w:settings>");
    b.extra_rels.push_back("<Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                           "relationships/settings\" Target=\"settings.xml\"/>");
}

}  // namespace

// Before Word 2013 a table's indent measures to its first cell's text, so
// its border stands out into the margin by the cell margin (5.4 pt); from
// Word 2013 (compatibilityMode 15) it measures to the border.
TEST(Layout, TableIndentMeasuresAsTheDocumentsWordVersionDoes) {
    DocxBuilder old_word;
    old_word.body = two_cell_table("<w:tblInd w:w=\"720\" w:type=\"dxa\"/>") + kSect;
    EXPECT_NEAR(cell_text_x(lay(old_word)).first, 72 + 36, 0.5);
    DocxBuilder new_word;
    word_2013_settings(new_word);
    new_word.body = two_cell_table("<w:tblInd w:w=\"720\" w:type=\"dxa\"/>") + kSect;
    EXPECT_NEAR(cell_text_x(lay(new_word)).first, 72 + 36 + 5.4, 0.5);
}

TEST(Layout, CentredAndRightAlignedTablesStandWhereTheirJcSays) {
    const double column = (11906 - 2 * 1440) / 20.0;  // 451.3 pt
    DocxBuilder centred;
    centred.body = two_cell_table("<w:jc w:val=\"center\"/><w:tblInd w:w=\"720\" w:type=\"dxa\"/>") + kSect;
    EXPECT_NEAR(cell_text_x(lay(centred)).first, 72 + (column - 300) / 2 + 5.4, 0.5);  // the indent is ignored
    DocxBuilder right;
    right.body = two_cell_table("<w:jc w:val=\"right\"/>") + kSect;
    EXPECT_NEAR(cell_text_x(lay(right)).second, 72 + column - 200 + 5.4, 0.5);
}

// w:bidiVisual: the first column is on the right, the table's leading edge
// at the right margin, its start margins on the right of each cell.
TEST(Layout, RightToLeftTableHasItsFirstColumnOnTheRight) {
    DocxBuilder b;
    word_2013_settings(b);
    b.body = two_cell_table("<w:bidiVisual/>") + kSect;
    const double right = (11906 - 1440) / 20.0;
    auto [a, bx] = cell_text_x(lay(b));
    EXPECT_NEAR(a, right - 100 + 5.4, 0.5);
    EXPECT_NEAR(bx, right - 300 + 5.4, 0.5);
    EXPECT_GT(a, bx);
}

// w:tblCellSpacing: each cell draws its own box that far inside its slot,
// the table's border goes round them all, and the text moves in with it.
TEST(Layout, SpacedCellsEachHaveTheirOwnBoxInsideTheTableBorder) {
    DocxBuilder b;
    word_2013_settings(b);
    const std::string single = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";
    b.body = two_cell_table("<w:tblCellSpacing w:w=\"100\" w:type=\"dxa\"/><w:tblBorders><w:top " + single + "<w:left " +
                            single + "<w:bottom " + single + "<w:right " + single + "<w:insideH " + single +
                            "<w:insideV " + single + "</w:tblBorders>") +
             kSect;
    auto d = lay(b);
    EXPECT_NEAR(cell_text_x(d).first, 72 + 5 + 5.4, 0.5);
    EXPECT_NEAR(cell_text_x(d).second, 72 + 100 + 5 + 5.4, 0.5);
    std::vector<double> verticals;
    for (const auto& i : d.pages.at(0).items)
        if (auto* l = std::get_if<layout::LineItem>(&i); l && std::abs(l->x1 - l->x2) < 0.01) verticals.push_back(l->x1);
    auto has = [&](double x) {
        return std::any_of(verticals.begin(), verticals.end(), [&](double v) { return std::abs(v - x) < 0.6; });
    };
    EXPECT_TRUE(has(72)) << "the table's left border";
    EXPECT_TRUE(has(72 + 5)) << "the first cell's left edge";
    EXPECT_TRUE(has(72 + 100 - 5)) << "the first cell's right edge";
    EXPECT_TRUE(has(72 + 100 + 5)) << "the second cell's left edge";
    EXPECT_TRUE(has(72 + 300)) << "the table's right border";
}
