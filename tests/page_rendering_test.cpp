// The page as Word draws it (issue 13): form fields and content controls,
// symbol-font characters; checked on the model, the laid-out page, the PDF
// read back through its ToUnicode maps, and the HTML, text and Markdown.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "allies/convert.hpp"
#include "allies/html.hpp"
#include "allies/package.hpp"
#include "allies/pdf.hpp"
#include "allies/reader.hpp"
#include "layout/layout.hpp"
#include "support/docx_builder.hpp"
#include "verify/pdf_text.hpp"

using namespace allies;
using namespace allies::testing;

namespace {

const std::string kW14 = " xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\"";
const std::string kChecked = "\u2612", kUnchecked = "\u2610";

std::string run(const std::string& text, const std::string& rpr = "") {
    return "<w:r>" + (rpr.empty() ? "" : "<w:rPr>" + rpr + "</w:rPr>") + "<w:t xml:space=\"preserve\">" + text +
           "</w:t></w:r>";
}

std::string p(const std::string& runs, const std::string& ppr = "") {
    return "<w:p>" + (ppr.empty() ? "" : "<w:pPr>" + ppr + "</w:pPr>") + runs + "</w:p>";
}

// A legacy form field: begin (with its w:ffData), instruction, optional
// result, end.
std::string legacy_field(const std::string& instr, const std::string& ffdata, const std::string& result = "") {
    std::string s = "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:name w:val=\"F\"/><w:enabled/>" + ffdata +
                    "</w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space=\"preserve\"> " + instr +
                    " </w:instrText></w:r>";
    if (!result.empty()) s += "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" + result;
    return s + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
}

std::string checkbox_field(const std::string& box) { return legacy_field("FORMCHECKBOX", "<w:checkBox>" + box + "</w:checkBox>"); }

std::string checkbox_sdt(bool checked, const std::string& content, const std::string& states = "") {
    return "<w:sdt><w:sdtPr><w:id w:val=\"1\"/><w14:checkbox><w14:checked w14:val=\"" + std::string(checked ? "1" : "0") +
           "\"/>" + states + "</w14:checkbox></w:sdtPr><w:sdtContent>" + content + "</w:sdtContent></w:sdt>";
}

DocxBuilder builder(const std::string& body) {
    DocxBuilder b;
    b.namespaces += kW14;
    b.body = body;
    return b;
}

// The visible text of the model's inlines, field results and controls included.
void visible(const std::vector<Inline>& inlines, std::string& out) {
    for (const auto& in : inlines) {
        if (in.kind == InlineKind::deleted) continue;
        if (in.kind == InlineKind::text) out += in.text;
        visible(in.children, out);
    }
}

std::vector<std::string> paragraph_texts(const std::vector<Block>& blocks) {
    std::vector<std::string> out;
    for (const auto& b : blocks) {
        if (b.kind == BlockKind::paragraph) {
            std::string s;
            visible(b.paragraph.inlines, s);
            out.push_back(s);
        } else {
            for (auto& s : paragraph_texts(b.children)) out.push_back(s);
        }
    }
    return out;
}

std::vector<std::string> texts_of(const DocxBuilder& b) {
    auto pkg = Package::open_memory(b.build(), "t.docx");
    return paragraph_texts(read_document(pkg).body);
}

std::string pdf_text_of(const DocxBuilder& b) {
    auto pkg = Package::open_memory(b.build(), "t.docx");
    auto content = verify::read_pdf_text(to_pdf(read_document(pkg), pkg), "t.pdf");
    std::string s;
    for (const auto& page : content.pages) s += page;
    return s;
}

// Every character drawn on the laid-out pages, in drawing order.
std::u32string laid_out_text(const DocxBuilder& b) {
    static layout::FontLibrary fonts;
    auto pkg = Package::open_memory(b.build(), "t.docx");
    auto laid = layout::lay_out(read_document(pkg), pkg, fonts);
    std::u32string s;
    for (const auto& page : laid.pages)
        for (const auto& item : page.items)
            if (auto* t = std::get_if<layout::TextItem>(&item)) s += t->text;
    return s;
}

}  // namespace

TEST(FormFields, LegacyCheckboxShowsItsStateCheckedOverDefault) {
    auto b = builder(p(run("a ") + checkbox_field("<w:sizeAuto/><w:default w:val=\"0\"/>")) +
                     p(run("b ") + checkbox_field("<w:sizeAuto/><w:default w:val=\"1\"/>")) +
                     p(run("c ") + checkbox_field("<w:sizeAuto/><w:default w:val=\"1\"/><w:checked w:val=\"0\"/>")) +
                     p(run("d ") + checkbox_field("<w:sizeAuto/><w:default w:val=\"0\"/><w:checked/>")));
    EXPECT_EQ(texts_of(b), (std::vector<std::string>{"a " + kUnchecked, "b " + kChecked, "c " + kUnchecked,
                                                      "d " + kChecked}));
}

TEST(FormFields, LegacyCheckboxTakesItsExactSize) {
    static layout::FontLibrary fonts;
    auto b = builder(p(run("x") + checkbox_field("<w:size w:val=\"40\"/><w:default w:val=\"1\"/>")));
    auto pkg = Package::open_memory(b.build(), "t.docx");
    auto laid = layout::lay_out(read_document(pkg), pkg, fonts);
    ASSERT_FALSE(laid.pages.empty());
    double box_size = 0;
    for (const auto& item : laid.pages[0].items)
        if (auto* t = std::get_if<layout::TextItem>(&item); t && t->text.find(U'\u2612') != std::u32string::npos)
            box_size = t->size;
    EXPECT_DOUBLE_EQ(box_size, 20.0);  // w:size is in half-points
}

TEST(FormFields, DropDownShowsTheSelectedEntryElseTheDefaultElseTheFirst) {
    std::string entries = "<w:listEntry w:val=\"Red\"/><w:listEntry w:val=\"Green\"/><w:listEntry w:val=\"Blue\"/>";
    auto b = builder(p(legacy_field("FORMDROPDOWN", "<w:ddList><w:result w:val=\"2\"/><w:default w:val=\"1\"/>" +
                                                        entries + "</w:ddList>")) +
                     p(legacy_field("FORMDROPDOWN", "<w:ddList><w:default w:val=\"1\"/>" + entries + "</w:ddList>")) +
                     p(legacy_field("FORMDROPDOWN", "<w:ddList>" + entries + "</w:ddList>")) +
                     p(legacy_field("FORMDROPDOWN", "<w:ddList><w:result w:val=\"9\"/>" + entries + "</w:ddList>")));
    EXPECT_EQ(texts_of(b), (std::vector<std::string>{"Blue", "Green", "Red", "Red"}));
}

TEST(FormFields, TextFieldShowsItsResultElseItsDefault) {
    auto b = builder(p(legacy_field("FORMTEXT", "<w:textInput><w:default w:val=\"Name\"/></w:textInput>",
                                    run("Ada Lovelace"))) +
                     p(legacy_field("FORMTEXT", "<w:textInput><w:default w:val=\"Name\"/></w:textInput>")));
    EXPECT_EQ(texts_of(b), (std::vector<std::string>{"Ada Lovelace", "Name"}));
}

TEST(FormFields, MacroButtonShowsItsDisplayTextInComplexAndSimpleFields) {
    auto b = builder(
        p("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> MACROBUTTON "
          "NoMacro [Click here and type the date] </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>") +
        p("<w:fldSimple w:instr=\" MACROBUTTON  AcceptAllChangesShown  Sign here \"/>"));
    EXPECT_EQ(texts_of(b), (std::vector<std::string>{"[Click here and type the date]", "Sign here"}));
}

TEST(ContentControls, CheckboxShowsTheSymbolOfItsStateNotItsStaleContent) {
    std::string gothic = "<w:rFonts w:ascii=\"MS Gothic\" w:eastAsia=\"MS Gothic\" w:hAnsi=\"MS Gothic\"/>";
    auto b = builder(
        p(run("yes ") + checkbox_sdt(true, run(kUnchecked, gothic),
                                     "<w14:checkedState w14:val=\"2612\" w14:font=\"MS Gothic\"/>"
                                     "<w14:uncheckedState w14:val=\"2610\" w14:font=\"MS Gothic\"/>")) +
        p(run("no ") + checkbox_sdt(false, run(kUnchecked, gothic))) +
        // Wingdings states: F0FE is a box with a tick, F0A8 an empty box.
        p(run("wd ") + checkbox_sdt(true, "<w:r><w:sym w:font=\"Wingdings\" w:char=\"F0A8\"/></w:r>",
                                    "<w14:checkedState w14:val=\"F0FE\" w14:font=\"Wingdings\"/>"
                                    "<w14:uncheckedState w14:val=\"F0A8\" w14:font=\"Wingdings\"/>")) +
        p(run("empty ") + checkbox_sdt(true, "")) +
        // A block-level checkbox: its content is a paragraph.
        checkbox_sdt(true, p(run(kUnchecked, gothic))));
    EXPECT_EQ(texts_of(b), (std::vector<std::string>{"yes " + kChecked, "no " + kUnchecked, "wd \u2611",
                                                      "empty " + kChecked, kChecked}));
}

TEST(ContentControls, ListWithoutTextShowsItsChosenItem) {
    auto list = [](const std::string& kind, const std::string& content) {
        return "<w:sdt><w:sdtPr><w:" + kind + " w:lastValue=\"b\"><w:listItem w:displayText=\"Alpha\" w:value=\"a\"/>"
               "<w:listItem w:displayText=\"Beta\" w:value=\"b\"/></w:" + kind + "></w:sdtPr><w:sdtContent>" +
               content + "</w:sdtContent></w:sdt>";
    };
    auto b = builder(p(list("dropDownList", "")) + p(list("comboBox", run("Typed"))) +
                     p("<w:sdt><w:sdtPr><w:date w:fullDate=\"2026-12-04T00:00:00Z\"><w:dateFormat w:val=\"d MMMM "
                       "yyyy\"/></w:date></w:sdtPr><w:sdtContent>" + run("4 December 2026") + "</w:sdtContent></w:sdt>"));
    EXPECT_EQ(texts_of(b), (std::vector<std::string>{"Beta", "Typed", "4 December 2026"}));
}

TEST(FormFields, BoxesAreDrawnAndReadBackFromThePdf) {
    auto b = builder(p(run("Agree ") + checkbox_field("<w:default w:val=\"1\"/>") + run(" Disagree ") +
                       checkbox_field("<w:default w:val=\"0\"/>")) +
                     p(run("Member ") + checkbox_sdt(true, run(kUnchecked, "<w:rFonts w:ascii=\"MS Gothic\"/>"))));
    std::u32string laid = laid_out_text(b);
    EXPECT_NE(laid.find(U"\u2612"), std::u32string::npos);
    EXPECT_NE(laid.find(U"\u2610"), std::u32string::npos);
    // The verifier reads glyphs back through ToUnicode: the boxes have meaning.
    std::string text = pdf_text_of(b);
    EXPECT_NE(text.find("Agree " + kChecked), std::string::npos) << text;
    EXPECT_NE(text.find("Disagree " + kUnchecked), std::string::npos) << text;
    EXPECT_NE(text.find("Member " + kChecked), std::string::npos) << text;
}

TEST(FormFields, HtmlTextAndMarkdownShowTheBoxes) {
    auto b = builder(p(run("Agree ") + checkbox_field("<w:default w:val=\"1\"/>")) +
                     p(run("Disagree ") + checkbox_sdt(false, "")));
    auto pkg = Package::open_memory(b.build(), "t.docx");
    Document doc = read_document(pkg);
    std::string html = to_html(doc, pkg).html;
    EXPECT_NE(html.find("Agree " + kChecked), std::string::npos);
    EXPECT_NE(html.find("Disagree " + kUnchecked), std::string::npos);
    std::string text = to_text(doc);
    EXPECT_NE(text.find("Agree " + kChecked), std::string::npos) << text;
    EXPECT_NE(text.find("Disagree " + kUnchecked), std::string::npos) << text;
    std::string md = to_markdown(doc);
    EXPECT_NE(md.find("Agree " + kChecked), std::string::npos) << md;
    EXPECT_NE(md.find("Disagree " + kUnchecked), std::string::npos) << md;
}

TEST(SymbolFonts, SymElementsAndBulletsBecomeTheCharactersWordDraws) {
    DocxBuilder b = builder(p("<w:r><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/><w:sym w:font=\"Wingdings\" "
                              "w:char=\"F0D8\"/><w:sym w:font=\"Wingdings\" w:char=\"F075\"/><w:sym w:font=\"Symbol\" "
                              "w:char=\"F0B7\"/><w:sym w:font=\"Symbol\" w:char=\"F0AE\"/><w:sym w:font=\"Wingdings 2\" "
                              "w:char=\"F052\"/></w:r>"));
    EXPECT_EQ(texts_of(b), (std::vector<std::string>{"\u2713\u27A2\u25C6\u2022\u2192\u2611"}));
}

// ---- table borders ---------------------------------------------------------

namespace {

std::vector<layout::LineItem> lines_of(const DocxBuilder& b) {
    static layout::FontLibrary fonts;
    auto pkg = Package::open_memory(b.build(), "t.docx");
    auto laid = layout::lay_out(read_document(pkg), pkg, fonts);
    std::vector<layout::LineItem> out;
    for (const auto& page : laid.pages)
        for (const auto& item : page.items)
            if (auto* l = std::get_if<layout::LineItem>(&item)) out.push_back(*l);
    return out;
}

bool horizontal(const layout::LineItem& l) { return std::abs(l.y1 - l.y2) < 1e-6; }

std::string border(const std::string& side, const std::string& val, int sz = 4, const std::string& color = "auto") {
    return "<w:" + side + " w:val=\"" + val + "\" w:sz=\"" + std::to_string(sz) + "\" w:space=\"0\" w:color=\"" + color +
           "\"/>";
}

std::string cell(const std::string& text, const std::string& tcpr = "") {
    return "<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/>" + tcpr + "</w:tcPr>" + p(run(text)) + "</w:tc>";
}

std::string table(const std::string& borders, const std::string& rows, int columns = 2) {
    std::string grid;
    for (int i = 0; i < columns; ++i) grid += "<w:gridCol w:w=\"2000\"/>";
    // Indented by the cell margin: before Word 2013 the indent measures to
    // the text, so the border stands at the margin (72 pt).
    return "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblInd w:w=\"108\" w:type=\"dxa\"/>" +
           (borders.empty() ? "" : "<w:tblBorders>" + borders + "</w:tblBorders>") + "</w:tblPr><w:tblGrid>" + grid +
           "</w:tblGrid>" + rows + "</w:tbl>";
}

std::string all_borders(const std::string& val, int sz = 4, const std::string& color = "auto") {
    std::string s;
    for (auto side : {"top", "left", "bottom", "right", "insideH", "insideV"}) s += border(side, val, sz, color);
    return s;
}

}  // namespace

TEST(TableBorders, NilAndNoneBordersAreNotDrawnOnlyTheSignatureLine) {
    // A signature block: no table borders, one cell with a bottom rule.
    auto b = builder(table(all_borders("nil"), "<w:tr>" + cell("Signed") +
                                                   cell("", "<w:tcBorders>" + border("bottom", "single", 8) +
                                                                "</w:tcBorders>") +
                                                   "</w:tr><w:tr>" + cell("Date", "<w:tcBorders>" +
                                                                          border("top", "none") + "</w:tcBorders>") +
                                                   cell("") + "</w:tr>"));
    auto lines = lines_of(b);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_TRUE(horizontal(lines[0]));
    EXPECT_DOUBLE_EQ(lines[0].width, 1.0);  // w:sz 8 eighths
    EXPECT_NEAR(std::min(lines[0].x1, lines[0].x2), 72 + 100, 0.01);  // under the second cell only
    EXPECT_NEAR(std::max(lines[0].x1, lines[0].x2), 72 + 200, 0.01);
}

TEST(TableBorders, StylesWidthsAndColoursAreDrawnAsSet) {
    auto b = builder(table(border("top", "double", 4, "DDDDDD") + border("bottom", "dotted", 8, "FF0000") +
                               border("left", "dashed", 12) + border("right", "thick", 24),
                           "<w:tr>" + cell("a") + "</w:tr>", 1));
    auto lines = lines_of(b);
    std::vector<layout::LineItem> grey, red, dashed, thick;
    for (const auto& l : lines) {
        if (std::abs(l.color.r - 0xDD / 255.0) < 1e-6 && horizontal(l)) grey.push_back(l);
        if (l.color.r == 1.0 && l.color.g == 0) red.push_back(l);
        if (!horizontal(l) && !l.dash.empty()) dashed.push_back(l);
        if (!horizontal(l) && l.width == 3.0) thick.push_back(l);
    }
    ASSERT_EQ(grey.size(), 2u);  // double: two parallel lines, light grey, not black
    EXPECT_NEAR(std::abs(grey[0].y1 - grey[1].y1), 1.0, 1e-6);  // half-point lines a half-point apart
    EXPECT_DOUBLE_EQ(grey[0].width, 0.5);
    ASSERT_EQ(red.size(), 1u);
    EXPECT_TRUE(red[0].dash.size() == 2 && red[0].dash[0] == 1.0);  // dotted: dots of the line's width
    ASSERT_EQ(dashed.size(), 1u);
    EXPECT_DOUBLE_EQ(dashed[0].width, 1.5);
    EXPECT_GT(dashed[0].dash[0], dashed[0].dash[1]);  // dashes longer than their gaps
    EXPECT_EQ(thick.size(), 1u);
}

TEST(TableBorders, TheHeavierOfTwoNeighbouringBordersWins) {
    auto b = builder(table("", "<w:tr>" + cell("a", "<w:tcBorders>" + border("right", "single", 4) + "</w:tcBorders>") +
                                   cell("b", "<w:tcBorders>" + border("left", "single", 24, "0000FF") + "</w:tcBorders>") +
                                   "</w:tr>"));
    auto lines = lines_of(b);
    ASSERT_FALSE(lines.empty());
    for (const auto& l : lines) {  // the shared edge only, drawn as the 3 pt blue border
        EXPECT_FALSE(horizontal(l));
        EXPECT_NEAR(l.x1, 72 + 100, 0.01);
        EXPECT_DOUBLE_EQ(l.width, 3.0);
        EXPECT_DOUBLE_EQ(l.color.b, 1.0);
    }
}

TEST(TableBorders, InsideBordersOnlyDrawNoFrame) {
    std::string row = "<w:tr>" + cell("a") + cell("b") + "</w:tr>";
    auto b = builder(table(border("insideH", "single", 4) + border("insideV", "single", 4), row + row));
    auto lines = lines_of(b);
    int h = 0, v = 0;
    for (const auto& l : lines) {
        if (horizontal(l)) {
            ++h;
            EXPECT_NEAR(l.x1 + l.x2, 2 * 72 + (l.x1 < 72 + 99 ? 100 : 300), 0.01);  // one per cell of the 2nd row
        } else {
            ++v;
            EXPECT_NEAR(l.x1, 72 + 100, 0.01);  // only between the columns
        }
    }
    EXPECT_EQ(h, 2);
    EXPECT_EQ(v, 4);  // each cell of each row draws its side of the middle edge
}

TEST(TableBorders, NoLineInsideAVerticallyMergedCell) {
    std::string merge_start = cell("merged", "<w:vMerge w:val=\"restart\"/>");
    std::string merge_cont = "<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/><w:vMerge/></w:tcPr><w:p/></w:tc>";
    auto b = builder(table(all_borders("single"), "<w:tr>" + merge_start + cell("1") + "</w:tr><w:tr>" + merge_cont +
                                                      cell("2") + "</w:tr>"));
    auto lines = lines_of(b);
    double top = -1e9, bottom = 1e9;
    for (const auto& l : lines)
        if (horizontal(l)) top = std::max(top, l.y1), bottom = std::min(bottom, l.y1);
    int in_first_column = 0, in_second_column = 0;
    for (const auto& l : lines)
        if (horizontal(l) && l.y1 < top - 0.01 && l.y1 > bottom + 0.01) {  // edges between the rows
            if (std::max(l.x1, l.x2) <= 72 + 100.01) ++in_first_column;
            else ++in_second_column;
        }
    EXPECT_EQ(in_first_column, 0);
    EXPECT_EQ(in_second_column, 1);
}

TEST(TableBorders, ThinThickBordersPutTheThinLineOutside) {
    auto b = builder(table(border("top", "thinThickSmallGap", 24) + border("bottom", "thinThickSmallGap", 24),
                           "<w:tr>" + cell("a") + "</w:tr>", 1));
    std::vector<layout::LineItem> lines = lines_of(b);
    ASSERT_EQ(lines.size(), 4u);
    std::sort(lines.begin(), lines.end(), [](const auto& x, const auto& y) { return x.y1 > y.y1; });  // top first (PDF y up)
    EXPECT_LT(lines[0].width, lines[1].width);  // top border: thin above, thick below
    EXPECT_GT(lines[2].width, lines[3].width);  // bottom border: thick above, thin below
    EXPECT_DOUBLE_EQ(lines[1].width, 3.0);
}

// ---- colours ---------------------------------------------------------------

namespace {

layout::LaidOutDocument laid_out(const DocxBuilder& b) {
    static layout::FontLibrary fonts;
    auto pkg = Package::open_memory(b.build(), "t.docx");
    return layout::lay_out(read_document(pkg), pkg, fonts);
}

// The colour of the text item that starts with `text`.
layout::Color text_color(const layout::LaidOutDocument& doc, const std::u32string& text) {
    for (const auto& page : doc.pages)
        for (const auto& item : page.items)
            if (auto* t = std::get_if<layout::TextItem>(&item); t && t->text.rfind(text, 0) == 0) return t->color;
    ADD_FAILURE() << "no text item";
    return {-1, -1, -1};
}

bool is(const layout::Color& c, double r, double g, double b) {
    return std::abs(c.r - r) < 1e-3 && std::abs(c.g - g) < 1e-3 && std::abs(c.b - b) < 1e-3;
}

std::vector<layout::RectItem> fills_of(const layout::LaidOutDocument& doc) {
    std::vector<layout::RectItem> out;
    for (const auto& page : doc.pages)
        for (const auto& item : page.items)
            if (auto* r = std::get_if<layout::RectItem>(&item); r && r->fill) out.push_back(*r);
    return out;
}

}  // namespace

TEST(Colours, AutomaticTextIsWhiteOnDarkCellShadingExplicitColoursStay) {
    std::string dark = "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"1F3864\"/>";
    std::string light = "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"DDDDDD\"/>";
    auto b = builder(table("", "<w:tr>" + cell("Heading", dark) + cell("Light", light) + "</w:tr><w:tr>" +
                                   "<w:tc><w:tcPr>" + dark + "</w:tcPr>" + p(run("Red", "<w:color w:val=\"FF0000\"/>")) +
                                   p(run("Auto", "<w:color w:val=\"auto\"/>")) + "</w:tc>" + cell("Plain") + "</w:tr>"));
    auto doc = laid_out(b);
    EXPECT_TRUE(is(text_color(doc, U"Heading"), 1, 1, 1));
    EXPECT_TRUE(is(text_color(doc, U"Auto"), 1, 1, 1));
    EXPECT_TRUE(is(text_color(doc, U"Red"), 1, 0, 0));
    EXPECT_TRUE(is(text_color(doc, U"Light"), 0, 0, 0));
    EXPECT_TRUE(is(text_color(doc, U"Plain"), 0, 0, 0));
}

TEST(Colours, SolidAndPercentShadingPaintTheirPatternColour) {
    auto b = builder(p(run("Black bar"), "<w:shd w:val=\"solid\" w:color=\"auto\" w:fill=\"auto\"/>") +
                     p(run("Half grey"), "<w:shd w:val=\"pct50\" w:color=\"000000\" w:fill=\"FFFFFF\"/>") +
                     p(run("Quarter"), "<w:shd w:val=\"pct25\" w:color=\"auto\" w:fill=\"auto\"/>"));
    auto doc = laid_out(b);
    auto fills = fills_of(doc);
    ASSERT_EQ(fills.size(), 3u);
    std::sort(fills.begin(), fills.end(), [](const auto& x, const auto& y) { return x.y > y.y; });  // top first
    EXPECT_TRUE(is(fills[0].color, 0, 0, 0));
    EXPECT_TRUE(is(fills[1].color, 0.5, 0.5, 0.5));
    EXPECT_TRUE(is(fills[2].color, 0.75, 0.75, 0.75));
    EXPECT_TRUE(is(text_color(doc, U"Black"), 1, 1, 1));
    EXPECT_TRUE(is(text_color(doc, U"Half"), 0, 0, 0));  // 50% grey is not dark enough
    EXPECT_TRUE(is(text_color(doc, U"Quarter"), 0, 0, 0));
}

TEST(Colours, AutomaticTextIsWhiteOnADarkHighlightOrRunShading) {
    auto b = builder(p(run("Night", "<w:highlight w:val=\"darkBlue\"/>") + run(" Day", "<w:highlight w:val=\"yellow\"/>") +
                       run(" Ink", "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"000000\"/>")));
    auto doc = laid_out(b);
    EXPECT_TRUE(is(text_color(doc, U"Night"), 1, 1, 1));
    EXPECT_TRUE(is(text_color(doc, U" Day"), 0, 0, 0));
    EXPECT_TRUE(is(text_color(doc, U" Ink"), 1, 1, 1));
}

// ---- notes -----------------------------------------------------------------

TEST(Notes, TheNumberInTheNoteAreaIsSuperscriptAtTheNotesOwnMark) {
    DocxBuilder b = builder(p(run("Body") + "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr>"
                                            "<w:footnoteReference w:id=\"1\"/></w:r>"));
    b.styles = part("styles",
                    "<w:style w:type=\"character\" w:styleId=\"FootnoteReference\"><w:name w:val=\"footnote reference\"/>"
                    "<w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr></w:style>");
    b.footnotes = part("footnotes", "<w:footnote w:id=\"1\"><w:p><w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/>"
                                    "</w:rPr><w:footnoteRef/></w:r>" + run(" Source: accounts.") + "</w:p></w:footnote>");
    auto doc = laid_out(b);
    ASSERT_EQ(doc.pages.size(), 1u);
    const layout::TextItem *mark = nullptr, *note = nullptr;
    for (const auto& item : doc.pages[0].items)
        if (auto* t = std::get_if<layout::TextItem>(&item)) {
            if (t->text == U"1" && t->y < 200) mark = t;  // in the note area, not the body's reference
            if (t->text.find(U"Source") != std::u32string::npos) note = t;
        }
    ASSERT_TRUE(mark && note);
    EXPECT_LT(mark->size, note->size * 0.8);  // superscript: smaller ...
    EXPECT_GT(mark->y, note->y + 1);          // ... and raised
    EXPECT_LT(note->x - mark->x, 12);         // followed by the text, not a tab to a hanging indent
}

// ---- vertically merged cells -------------------------------------------------

namespace {

double y_of(const layout::LaidOutDocument& doc, const std::u32string& text, std::size_t* page = nullptr) {
    for (std::size_t i = 0; i < doc.pages.size(); ++i)
        for (const auto& item : doc.pages[i].items)
            if (auto* t = std::get_if<layout::TextItem>(&item); t && t->text == text) {
                if (page) *page = i;
                return t->y;
            }
    ADD_FAILURE() << "no text item";
    return 0;
}

std::string merged_table(int rows, int lines) {
    std::string content;
    for (int i = 1; i <= lines; ++i) content += p(run("m" + std::to_string(i)));
    std::string body;
    for (int r = 0; r < rows; ++r) {
        std::string first = r == 0 ? "<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/><w:vMerge w:val=\"restart\"/></w:tcPr>" +
                                         content + "</w:tc>"
                                   : "<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/><w:vMerge/></w:tcPr><w:p/></w:tc>";
        body += "<w:tr>" + first + cell("r" + std::to_string(r + 1)) + "</w:tr>";
    }
    return table(all_borders("single"), body);
}

}  // namespace

TEST(MergedCells, ContentRunsThroughTheRowsItSpansInsteadOfStretchingTheFirst) {
    auto doc = laid_out(builder(merged_table(3, 3)));
    double line = y_of(doc, U"m1") - y_of(doc, U"m2");
    ASSERT_GT(line, 5);
    // Each row one line high: r3 is two lines below r1 (it was four when the
    // first row held all of the merged content).
    EXPECT_NEAR(y_of(doc, U"r1") - y_of(doc, U"r3"), 2 * line, 0.5 * line);
    EXPECT_NEAR(y_of(doc, U"m3"), y_of(doc, U"r3"), 0.5 * line);
}

TEST(MergedCells, TheLastRowGrowsWhenTheMergedContentNeedsMoreRoom) {
    auto doc = laid_out(builder(merged_table(2, 5) + p(run("after"))));
    double line = y_of(doc, U"m1") - y_of(doc, U"m2");
    EXPECT_NEAR(y_of(doc, U"r1") - y_of(doc, U"r2"), line, 0.5 * line);  // the first row is not stretched
    EXPECT_LT(y_of(doc, U"after"), y_of(doc, U"m5") - 0.5 * line);     // the table ends below all of it
}

TEST(MergedCells, CarriedContentMovesWithItsRowToTheNextPage) {
    // Enough paragraphs before the table that it starts near the foot of page 1.
    std::string filler;
    for (int i = 0; i < 44; ++i) filler += p(run("filler " + std::to_string(i)));
    auto doc = laid_out(builder(filler + merged_table(6, 6)));
    ASSERT_GE(doc.pages.size(), 2u);
    std::size_t first_page = 0, last_page = 0;
    y_of(doc, U"r1", &first_page);
    y_of(doc, U"r6", &last_page);
    ASSERT_NE(first_page, last_page);  // the merged rows cross the page break
    for (int i = 1; i <= 6; ++i) {
        std::size_t m_page = 0, r_page = 0;
        std::u32string n(1, static_cast<char32_t>(U'0' + i));
        double my = y_of(doc, U"m" + n, &m_page), ry = y_of(doc, U"r" + n, &r_page);
        EXPECT_EQ(m_page, r_page) << i;  // each merged line stays beside its row
        EXPECT_NEAR(my, ry, 2) << i;
        EXPECT_GT(my, 60) << i;  // never below the page's bottom margin
    }
}

TEST(RowHeights, ExactRowsKeepTheirHeightAtLeastRowsGrow) {
    auto row = [](const std::string& rule, const std::string& prefix) {
        return "<w:tr><w:trPr><w:trHeight w:val=\"400\" w:hRule=\"" + rule + "\"/></w:trPr><w:tc><w:tcPr><w:tcW w:w=\"2000\" "
               "w:type=\"dxa\"/></w:tcPr>" + p(run(prefix + "1")) + p(run(prefix + "2")) + p(run(prefix + "3")) +
               "</w:tc></w:tr>";
    };
    auto doc = laid_out(builder(table(all_borders("single"), row("exact", "e") + row("atLeast", "a") + row("exact", "x"), 1)));
    // 400 twips = 20 pt: an exact row holds one 11 pt line; the next row starts 20 pt lower.
    EXPECT_NEAR(y_of(doc, U"e1") - y_of(doc, U"a1"), 20, 0.01);
    for (const auto& page : doc.pages)
        for (const auto& item : page.items)
            if (auto* t = std::get_if<layout::TextItem>(&item)) {
                EXPECT_NE(t->text, U"e3");  // below the exact row: not drawn
                EXPECT_NE(t->text, U"x3");
            }
    // The atLeast row grows to its three lines.
    double line = y_of(doc, U"a1") - y_of(doc, U"a2");
    EXPECT_NEAR(y_of(doc, U"a1") - y_of(doc, U"x1"), 3 * line, 0.6 * line);
}

TEST(Colours, PageColourIsPaintedWhenTheSettingsShowIt) {
    for (bool shown : {true, false}) {
        DocxBuilder b = builder(p(run("On navy")));
        // <w:background> precedes <w:body> in <w:document>.
        b.namespaces += "><w:background w:color=\"1F3864\"/";
        b.extra_parts.emplace_back("word/settings.xml", part("settings", shown ? "<w:displayBackgroundShape/>" : ""));
        b.extra_rels.push_back("<Relationship Id=\"rSet\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                               "relationships/settings\" Target=\"settings.xml\"/>");
        auto doc = laid_out(b);
        ASSERT_FALSE(doc.pages.empty());
        const auto* first = std::get_if<layout::RectItem>(&doc.pages[0].items.at(0));
        if (shown) {
            ASSERT_NE(first, nullptr);
            EXPECT_TRUE(first->fill);
            EXPECT_NEAR(first->width, doc.pages[0].width, 0.01);
            EXPECT_NEAR(first->height, doc.pages[0].height, 0.01);
            EXPECT_TRUE(is(first->color, 0x1F / 255.0, 0x38 / 255.0, 0x64 / 255.0));
            EXPECT_TRUE(is(text_color(doc, U"On navy"), 1, 1, 1));  // automatic text on a dark page
        } else {
            EXPECT_EQ(first, nullptr);
            EXPECT_TRUE(is(text_color(doc, U"On navy"), 0, 0, 0));
        }
    }
}

// ---- table style conditional formatting --------------------------------------

namespace {

std::string banded_style() {
    return part("styles",
                "<w:style w:type=\"table\" w:styleId=\"Banded\"><w:name w:val=\"Banded\"/><w:tblPr><w:tblStyleRowBandSize "
                "w:val=\"1\"/><w:tblBorders>" + border("top", "single", 4) + border("bottom", "single", 4) +
                "</w:tblBorders></w:tblPr>"
                "<w:tblStylePr w:type=\"firstRow\"><w:rPr><w:b/><w:color w:val=\"FFFFFF\"/></w:rPr><w:tcPr><w:tcBorders>" +
                border("bottom", "double", 4, "4472C4") + "</w:tcBorders><w:shd w:val=\"clear\" w:color=\"auto\" "
                "w:fill=\"4472C4\"/></w:tcPr></w:tblStylePr>"
                "<w:tblStylePr w:type=\"lastRow\"><w:rPr><w:i/></w:rPr></w:tblStylePr>"
                "<w:tblStylePr w:type=\"firstCol\"><w:rPr><w:b/></w:rPr></w:tblStylePr>"
                "<w:tblStylePr w:type=\"band1Horz\"><w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D9E2F3\"/>"
                "</w:tcPr></w:tblStylePr></w:style>");
}

std::string styled_table(const std::string& look, int rows) {
    std::string body;
    for (int r = 1; r <= rows; ++r)
        body += "<w:tr>" + cell("a" + std::to_string(r)) + cell("b" + std::to_string(r)) + "</w:tr>";
    return "<w:tbl><w:tblPr><w:tblStyle w:val=\"Banded\"/><w:tblW w:w=\"0\" w:type=\"auto\"/>" + look +
           "</w:tblPr><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid>" + body + "</w:tbl>";
}

}  // namespace

TEST(TableStyles, FirstRowBandedRowsAndLastRowFollowTblLook) {
    DocxBuilder b = builder(styled_table("<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"1\" w:firstColumn=\"0\" "
                                         "w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/>", 5));
    b.styles = banded_style();
    auto pkg = Package::open_memory(b.build(), "t.docx");
    Document d = read_document(pkg);
    const Table& t = d.body.at(0).table;
    ASSERT_EQ(t.rows.size(), 5u);
    EXPECT_EQ(t.rows[0].cells[0].shading.fill, "4472C4");  // first row
    EXPECT_EQ(t.rows[0].cells[1].border_bottom.style, "double");
    EXPECT_EQ(t.rows[1].cells[0].shading.fill, "D9E2F3");  // band 1
    EXPECT_EQ(t.rows[2].cells[1].shading.fill, "");        // band 2: no format
    EXPECT_EQ(t.rows[3].cells[0].shading.fill, "D9E2F3");  // band 1 again
    EXPECT_EQ(t.rows[4].cells[0].shading.fill, "");        // last row: not banded
    auto first_run = [&](std::size_t r, std::size_t c) { return t.rows[r].cells[c].blocks.at(0).paragraph.inlines.at(0).props; };
    EXPECT_TRUE(first_run(0, 1).bold);
    EXPECT_EQ(first_run(0, 1).color, "FFFFFF");
    EXPECT_FALSE(first_run(1, 0).bold);  // firstColumn is off
    EXPECT_TRUE(first_run(4, 0).italic);  // lastRow
    // Drawn: the header's fill behind white text.
    auto doc = laid_out(b);
    EXPECT_TRUE(is(text_color(doc, U"a1"), 1, 1, 1));
    bool header_fill = false;
    for (const auto& r : fills_of(doc)) header_fill |= is(r.color, 0x44 / 255.0, 0x72 / 255.0, 0xC4 / 255.0);
    EXPECT_TRUE(header_fill);
}

TEST(TableStyles, LookSwitchesFormatsOff) {
    DocxBuilder b = builder(styled_table("<w:tblLook w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" "
                                         "w:noHBand=\"1\" w:noVBand=\"1\"/>", 3));
    b.styles = banded_style();
    auto pkg = Package::open_memory(b.build(), "t.docx");
    Document d = read_document(pkg);
    const Table& t = d.body.at(0).table;
    for (const auto& row : t.rows)
        for (const auto& c : row.cells) EXPECT_EQ(c.shading.fill, "");  // no header, no bands
    EXPECT_TRUE(t.rows[1].cells[0].blocks.at(0).paragraph.inlines.at(0).props.bold);   // first column on
    EXPECT_FALSE(t.rows[1].cells[1].blocks.at(0).paragraph.inlines.at(0).props.bold);
}

// ---- theme colours -------------------------------------------------------------

TEST(Colours, ThemeColoursWithTintAndShadeForTextShadingAndBorders) {
    DocxBuilder b = builder(
        p(run("Accent", "<w:color w:val=\"000000\" w:themeColor=\"accent1\"/>") +
          run(" Darker", "<w:color w:val=\"000000\" w:themeColor=\"accent1\" w:themeShade=\"80\"/>")) +
        p(run("Tinted fill"), "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"FFFFFF\" w:themeFill=\"accent1\" "
                              "w:themeFillTint=\"33\"/>") +
        table("<w:top w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"000000\" w:themeColor=\"text2\"/>",
              "<w:tr>" + cell("x") + "</w:tr>", 1));
    b.extra_parts.emplace_back(
        "word/theme/theme1.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
        "name=\"T\"><a:themeElements><a:clrScheme name=\"T\"><a:dk1><a:sysClr val=\"windowText\" lastClr=\"000000\"/></a:dk1>"
        "<a:lt1><a:sysClr val=\"window\" lastClr=\"FFFFFF\"/></a:lt1><a:dk2><a:srgbClr val=\"44546A\"/></a:dk2><a:lt2>"
        "<a:srgbClr val=\"E7E6E6\"/></a:lt2><a:accent1><a:srgbClr val=\"4472C4\"/></a:accent1></a:clrScheme>"
        "</a:themeElements></a:theme>");
    b.extra_rels.push_back("<Relationship Id=\"rTheme\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                           "relationships/theme\" Target=\"theme/theme1.xml\"/>");
    auto pkg = Package::open_memory(b.build(), "t.docx");
    Document d = read_document(pkg);
    const auto& runs = d.body.at(0).paragraph.inlines;
    EXPECT_EQ(runs.at(0).props.color, "4472C4");  // the theme wins over w:val
    // Word's palette: accent1 darker 50% is 1F3864, lighter 80% D9E2F3 (its
    // rounding differs from ours by a unit or two).
    auto near = [](const std::string& got, const std::string& want) {
        if (got.size() != 6) return false;
        for (std::size_t i = 0; i < 6; i += 2)
            if (std::abs(std::stoi(got.substr(i, 2), nullptr, 16) - std::stoi(want.substr(i, 2), nullptr, 16)) > 2) return false;
        return true;
    };
    EXPECT_PRED2(near, runs.at(1).props.color, "1F3864");
    EXPECT_PRED2(near, d.body.at(1).paragraph.props.shading.fill, "D9E2F3");
    EXPECT_EQ(d.body.at(2).table.border_top.color, "44546A");  // text2 = dark2
}

TEST(SymbolFonts, BulletsTakeTheLevelsColourAndSizeAndReadableCharacter) {
    DocxBuilder b = builder(p(run("Item"), "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>"));
    b.numbering = part("numbering",
                       "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt "
                       "w:val=\"bullet\"/><w:lvlText w:val=\"\xC2\xA7\"/><w:pPr><w:ind w:left=\"720\" w:hanging=\"360\"/>"
                       "</w:pPr><w:rPr><w:rFonts w:ascii=\"Wingdings\" w:hAnsi=\"Wingdings\" w:hint=\"default\"/><w:color "
                       "w:val=\"C00000\"/><w:sz w:val=\"16\"/></w:rPr></w:lvl></w:abstractNum><w:num w:numId=\"1\">"
                       "<w:abstractNumId w:val=\"0\"/></w:num>");
    auto doc = laid_out(b);
    const layout::TextItem* bullet = nullptr;
    for (const auto& item : doc.pages.at(0).items)
        if (auto* t = std::get_if<layout::TextItem>(&item); t && t->text == U"\u25AA") bullet = t;  // Wingdings 0xA7: ▪
    ASSERT_NE(bullet, nullptr);
    EXPECT_TRUE(is(bullet->color, 0xC0 / 255.0, 0, 0));
    EXPECT_DOUBLE_EQ(bullet->size, 8.0);
    EXPECT_TRUE(is(text_color(doc, U"Item"), 0, 0, 0));  // the text keeps its own formatting
}

// Tables of contents: entries are links drawn in their TOC paragraph style.
namespace {

const std::string kTocStyles =
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"TOC1\"><w:name w:val=\"toc 1\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:rPr><w:color w:val=\"404040\"/></w:rPr></w:style>"
    "<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/>"
    "<w:rPr><w:color w:val=\"0563C1\"/><w:u w:val=\"single\"/></w:rPr></w:style>";

// A Word-generated TOC (\h): each entry a w:hyperlink to its heading's
// bookmark, its text in the Hyperlink character style, then a PAGEREF.
std::string toc_entry(const std::string& text, const std::string& anchor, const std::string& page) {
    return "<w:hyperlink w:anchor=\"" + anchor + "\" w:history=\"1\">" + run(text, "<w:rStyle w:val=\"Hyperlink\"/><w:noProof/>") +
           "<w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> "
           "PAGEREF " + anchor + " \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" + run(page) +
           "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:hyperlink>";
}

DocxBuilder toc_document() {
    DocxBuilder b = builder(
        p("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-3\" \\h "
          "\\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" +
              toc_entry("Introduction", "_Toc1", "1"),
          "<w:pStyle w:val=\"TOC1\"/><w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"9000\"/></w:tabs>") +
        p(toc_entry("Findings", "_Toc2", "1") + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
          "<w:pStyle w:val=\"TOC1\"/><w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"9000\"/></w:tabs>") +
        p("<w:bookmarkStart w:id=\"1\" w:name=\"_Toc1\"/>" + run("Introduction text") + "<w:bookmarkEnd w:id=\"1\"/>") +
        p("<w:bookmarkStart w:id=\"2\" w:name=\"_Toc2\"/>" + run("Findings text") + "<w:bookmarkEnd w:id=\"2\"/>") +
        // Outside the table of contents the Hyperlink style stays.
        p("<w:hyperlink w:anchor=\"_Toc2\">" + run("see Findings", "<w:rStyle w:val=\"Hyperlink\"/>") + "</w:hyperlink>"));
    b.styles = part("styles", kTocStyles);
    return b;
}

}  // namespace

TEST(TableOfContents, EntriesLookLikeTheirTocStyleNotLinkText) {
    DocxBuilder b = toc_document();
    auto pkg = Package::open_memory(b.build(), "toc.docx");
    Document doc = read_document(pkg);
    auto props_of = [&](const std::string& text) {
        const RunProps* found = nullptr;
        auto find = [&](const auto& self, const std::vector<Inline>& ins) -> void {
            for (const auto& in : ins) {
                if (in.kind == InlineKind::text && in.text == text) found = &in.props;
                self(self, in.children);
            }
        };
        for (const auto& block : doc.body) find(find, block.paragraph.inlines);
        return found;
    };
    for (const char* entry : {"Introduction", "Findings"}) {
        const RunProps* props = props_of(entry);
        ASSERT_NE(props, nullptr) << entry;
        EXPECT_EQ(props->color, "404040") << entry;  // TOC1's colour
        EXPECT_EQ(props->underline, "") << entry;
    }
    const RunProps* link = props_of("see Findings");
    ASSERT_NE(link, nullptr);
    EXPECT_EQ(link->color, "0563C1");
    EXPECT_EQ(link->underline, "single");
}

TEST(TableOfContents, EntriesStayLinksToTheirHeadings) {
    auto doc = laid_out(toc_document());
    EXPECT_TRUE(is(text_color(doc, U"Introduction"), 0x40 / 255.0, 0x40 / 255.0, 0x40 / 255.0));
    EXPECT_TRUE(is(text_color(doc, U"see Findings"), 0x05 / 255.0, 0x63 / 255.0, 0xC1 / 255.0));
    int links = 0;
    std::vector<double> underlines;  // heights of horizontal strokes
    std::map<std::u32string, double> baselines;
    for (const auto& item : doc.pages.at(0).items) {
        if (auto* l = std::get_if<layout::LinkItem>(&item); l && l->uri.empty() && l->target_page == 0) ++links;
        if (auto* l = std::get_if<layout::LineItem>(&item); l && std::abs(l->y1 - l->y2) < 0.01) underlines.push_back(l->y1);
        if (auto* t = std::get_if<layout::TextItem>(&item)) baselines.emplace(t->text, t->y);
    }
    EXPECT_GE(links, 3);  // two entries and the cross-reference
    auto underlined = [&](const std::u32string& text) {
        return std::any_of(underlines.begin(), underlines.end(), [&](double y) { return std::abs(y - baselines[text]) < 4; });
    };
    EXPECT_FALSE(underlined(U"Introduction"));
    EXPECT_FALSE(underlined(U"Findings"));
    EXPECT_TRUE(underlined(U"see Findings"));
}
