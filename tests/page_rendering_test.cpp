// The page as Word draws it (issue 13): form fields and content controls,
// symbol-font characters; checked on the model, the laid-out page, the PDF
// read back through its ToUnicode maps, and the HTML, text and Markdown.
#include <gtest/gtest.h>

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

std::string p(const std::string& runs) { return "<w:p>" + runs + "</w:p>"; }

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
