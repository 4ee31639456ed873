// The WordprocessingML reader and what the text writers show of it.
#include <gtest/gtest.h>

#include "allies/convert.hpp"
#include "allies/html.hpp"
#include "allies/package.hpp"
#include "allies/reader.hpp"
#include "support/docx_builder.hpp"

using namespace allies;
using namespace allies::testing;

namespace {

std::string text_of(const DocxBuilder& b) {
    auto pkg = Package::open_memory(b.build(), "t.docx");
    return to_text(read_document(pkg));
}

std::string body_text(const std::string& body) {
    DocxBuilder b;
    b.body = body;
    return text_of(b);
}

const char* kStyles =
    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme=\"minorHAnsi\"/><w:sz w:val=\"22\"/>"
    "<w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"160\" "
    "w:line=\"259\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:pPr><w:keepNext/><w:spacing w:before=\"240\"/><w:outlineLvl w:val=\"0\"/></w:pPr>"
    "<w:rPr><w:b/><w:sz w:val=\"32\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Quote\"><w:name w:val=\"Quote\"/><w:basedOn w:val=\"Heading1\"/>"
    "<w:pPr><w:jc w:val=\"center\"/><w:ind w:left=\"720\" w:hanging=\"360\"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Titled\"><w:name w:val=\"Heading 2\"/></w:style>"
    "<w:style w:type=\"character\" w:styleId=\"Strong\"><w:name w:val=\"Strong\"/><w:rPr><w:b/>"
    "<w:color w:val=\"FF0000\"/></w:rPr></w:style>";

}  // namespace

TEST(Styles, ParagraphAndRunPropertiesResolveThroughDefaultsBasedOnAndDirectFormatting) {
    DocxBuilder b;
    b.styles = part("styles", kStyles);
    b.body = "<w:p><w:pPr><w:pStyle w:val=\"Quote\"/><w:spacing w:after=\"0\"/></w:pPr>"
             "<w:r><w:rPr><w:rStyle w:val=\"Strong\"/><w:sz w:val=\"20\"/></w:rPr><w:t>x</w:t></w:r>"
             "<w:r><w:t>y</w:t></w:r></w:p>"
             "<w:p><w:pPr><w:pStyle w:val=\"Titled\"/></w:pPr><w:r><w:t>h2</w:t></w:r></w:p>";
    auto pkg = Package::open_memory(b.build(), "s.docx");
    auto doc = read_document(pkg);
    const auto& p = doc.body[0].paragraph;
    EXPECT_EQ(p.props.style_id, "Quote");
    EXPECT_EQ(p.props.alignment, Alignment::center);
    EXPECT_EQ(p.props.indent_left, 720);
    EXPECT_EQ(p.props.indent_hanging, 360);
    EXPECT_EQ(p.props.space_before, 240);     // from Heading1 via basedOn
    EXPECT_EQ(p.props.space_after, 0);        // direct beats docDefaults' 160
    EXPECT_EQ(p.props.line, 259);
    EXPECT_TRUE(p.props.keep_next);
    EXPECT_EQ(p.props.outline_level, 0);
    const auto& x = p.inlines[0].props;
    EXPECT_TRUE(x.bold);
    EXPECT_TRUE(x.italic);
    EXPECT_EQ(x.color, "FF0000");
    EXPECT_EQ(x.size, 20);
    EXPECT_EQ(x.font_ascii, "Calibri");       // theme minor font (Word's default theme)
    EXPECT_EQ(x.lang, "en-GB");
    EXPECT_EQ(p.inlines[1].props.size, 32);
    EXPECT_EQ(p.inlines[1].props.color, "");
    // A style named "Heading 2" without outlineLvl is still a heading.
    EXPECT_EQ(doc.body[1].paragraph.props.outline_level, 1);
}

TEST(Reader, JoinsRunsSplitMidWordAndKeepsPreservedSpaces) {
    EXPECT_EQ(body_text("<w:p><w:r><w:t>Lau</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ra</w:t></w:r>"
                        "<w:r><w:t xml:space=\"preserve\"> </w:t></w:r><w:r><w:t>Bennett</w:t></w:r></w:p>"),
              "Laura Bennett\n");
}

TEST(Reader, ShowsTrackedChangesAcceptedAndHidesHiddenText) {
    EXPECT_EQ(body_text("<w:p><w:r><w:t xml:space=\"preserve\">The </w:t></w:r>"
                        "<w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText xml:space=\"preserve\">old </w:delText></w:r></w:del>"
                        "<w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t xml:space=\"preserve\">new </w:t></w:r></w:ins>"
                        "<w:moveFrom w:id=\"3\"><w:r><w:t>gone</w:t></w:r></w:moveFrom>"
                        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>secret</w:t></w:r><w:r><w:t>text</w:t></w:r></w:p>"),
              "The new text\n");
}

TEST(Reader, ComplexFieldsShowTheirResultNotTheirInstruction) {
    auto text = body_text(
        "<w:p><w:r><w:t xml:space=\"preserve\">By </w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> AUTH</w:instrText></w:r>"
        "<w:r><w:instrText>OR </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
        "<w:r><w:t>Jane</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        "<w:r><w:t xml:space=\"preserve\"> on page </w:t></w:r>"
        "<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>4</w:t></w:r></w:fldSimple></w:p>");
    EXPECT_EQ(text, "By Jane on page 4\n");

    DocxBuilder b;
    b.body = "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>AUTHOR</w:instrText></w:r>"
             "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>Jane</w:t></w:r>"
             "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>";
    auto pkg = Package::open_memory(b.build(), "f.docx");
    auto doc = read_document(pkg);
    ASSERT_EQ(doc.body[0].paragraph.inlines.size(), 1u);
    const auto& field = doc.body[0].paragraph.inlines[0];
    EXPECT_EQ(field.kind, InlineKind::field);
    EXPECT_EQ(field.field_type, "AUTHOR");
    ASSERT_EQ(field.children.size(), 1u);
    EXPECT_EQ(field.children[0].text, "Jane");
}

TEST(Reader, NestedFieldsAndFieldsSpanningParagraphs) {
    // A TOC field spans paragraphs; a nested PAGEREF shows only its result.
    auto text = body_text(
        "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>TOC \\o</w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>Intro</w:t></w:r><w:r><w:tab/></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGEREF _Toc1</w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
        "<w:p><w:r><w:t>Budget</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
        "<w:p><w:r><w:t>After</w:t></w:r></w:p>");
    EXPECT_EQ(text, "Intro\t3\nBudget\nAfter\n");
}

TEST(Reader, HyperlinksKeepTargetsAnchorsAndTooltips) {
    DocxBuilder b;
    b.extra_rels.push_back("<Relationship Id=\"rL\" Type=\"" + std::string(kR) +
                           "/hyperlink\" Target=\"mailto:jane@example.org\" TargetMode=\"External\"/>");
    b.body = "<w:p><w:hyperlink r:id=\"rL\" w:tooltip=\"Mail Jane\"><w:r><w:t>Jane</w:t></w:r></w:hyperlink>"
             "<w:r><w:t xml:space=\"preserve\"> </w:t></w:r>"
             "<w:hyperlink w:anchor=\"_Toc1\"><w:r><w:t>see</w:t></w:r></w:hyperlink></w:p>";
    auto pkg = Package::open_memory(b.build(), "h.docx");
    auto doc = read_document(pkg);
    const auto& ins = doc.body[0].paragraph.inlines;
    EXPECT_EQ(ins[0].kind, InlineKind::hyperlink);
    EXPECT_EQ(ins[0].target, "mailto:jane@example.org");
    EXPECT_EQ(ins[0].tooltip, "Mail Jane");
    EXPECT_EQ(ins[2].anchor, "_Toc1");
    EXPECT_EQ(to_markdown(doc), "[Jane](mailto:jane@example.org) [see](#_Toc1)\n");
}

TEST(Reader, ContentControlsAtEveryLevelKeepTagsAndContent) {
    DocxBuilder b;
    b.body = "<w:sdt><w:sdtPr><w:tag w:val=\"redact:financial\"/><w:alias w:val=\"Money\"/></w:sdtPr><w:sdtContent>"
             "<w:p><w:r><w:t>Block</w:t></w:r></w:p></w:sdtContent></w:sdt>"
             "<w:p><w:sdt><w:sdtPr><w:tag w:val=\"inline\"/></w:sdtPr><w:sdtContent><w:r><w:t>Inline</w:t></w:r>"
             "</w:sdtContent></w:sdt></w:p>"
             "<w:tbl><w:tblGrid><w:gridCol w:w=\"100\"/></w:tblGrid><w:sdt><w:sdtContent><w:tr><w:tc>"
             "<w:p><w:r><w:t>Row</w:t></w:r></w:p></w:tc></w:tr></w:sdtContent></w:sdt></w:tbl>";
    auto pkg = Package::open_memory(b.build(), "c.docx");
    auto doc = read_document(pkg);
    ASSERT_EQ(doc.body.size(), 3u);
    EXPECT_EQ(doc.body[0].kind, BlockKind::content_control);
    EXPECT_EQ(doc.body[0].tag, "redact:financial");
    EXPECT_EQ(doc.body[0].alias, "Money");
    EXPECT_EQ(doc.body[1].paragraph.inlines[0].kind, InlineKind::content_control);
    EXPECT_EQ(doc.body[1].paragraph.inlines[0].tag, "inline");
    EXPECT_EQ(doc.body[2].table.rows.size(), 1u);
    EXPECT_EQ(to_text(doc), "Block\nInline\nRow\n");
}

TEST(Reader, AlternateContentReadsOneBranchNeverBoth) {
    std::string choice_text = "<w:txbxContent><w:p><w:r><w:t>In the box</w:t></w:r></w:p></w:txbxContent>";
    DocxBuilder b;
    b.namespaces += " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""
                    " xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\""
                    " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
                    " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
                    " xmlns:v=\"urn:schemas-microsoft-com:vml\"";
    b.body = "<w:p><w:r><w:t>Before</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
             "<wp:anchor><wp:extent cx=\"10\" cy=\"20\"/><wp:docPr id=\"1\" name=\"Box\" descr=\"A box\"/>"
             "<a:graphic><a:graphicData><wps:wsp><wps:txbx>" +
             choice_text +
             "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
             "<mc:Fallback><w:pict><v:shape><v:textbox>" +
             choice_text + "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>";
    auto pkg = Package::open_memory(b.build(), "ac.docx");
    auto doc = read_document(pkg);
    EXPECT_EQ(to_text(doc), "Before\nIn the box\n");
    const auto& drawing = doc.body[0].paragraph.inlines[1];
    EXPECT_EQ(drawing.kind, InlineKind::drawing);
    EXPECT_TRUE(drawing.anchored);
    EXPECT_EQ(drawing.alt_text, "A box");
    EXPECT_EQ(drawing.width, 10);

    // An unknown Requires prefix falls back.
    DocxBuilder f = b;
    f.body.replace(f.body.find("Requires=\"wps\""), 14, "Requires=\"w99\"");
    EXPECT_EQ(text_of(f), "Before\nIn the box\n");
}

TEST(Reader, FontTableDeclaresFamilyPanosePitchCharsetAndAltName) {
    DocxBuilder b;
    b.body = para("Text");
    b.extra_rels.push_back("<Relationship Id=\"rIdF\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                           "relationships/fontTable\" Target=\"fontTable.xml\"/>");
    b.extra_parts.emplace_back(
        "word/fontTable.xml",
        part("fonts", "<w:font w:name=\"Georgia\"><w:panose1 w:val=\"02040502050405020303\"/><w:charset w:val=\"00\"/>"
                      "<w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font>"
                      "<w:font w:name=\"MS Mincho\"><w:altName w:val=\"MS Minchou\"/><w:charset w:val=\"80\"/>"
                      "<w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/></w:font>"
                      "<w:font w:name=\"Georgia\"><w:family w:val=\"swiss\"/></w:font>"  // a second declaration is ignored
                      "<w:font><w:family w:val=\"swiss\"/></w:font>"));                   // no name: nothing to declare
    auto pkg = Package::open_memory(b.build(), "fonts.docx");
    Document doc = read_document(pkg);
    ASSERT_EQ(doc.fonts.size(), 2u);
    const FontDeclaration& georgia = doc.fonts.at("Georgia");
    EXPECT_EQ(georgia.family, "roman");
    EXPECT_EQ(georgia.panose, "02040502050405020303");
    EXPECT_EQ(georgia.pitch, "variable");
    EXPECT_EQ(georgia.charset, "00");
    EXPECT_EQ(georgia.alt_name, "");
    const FontDeclaration& mincho = doc.fonts.at("MS Mincho");
    EXPECT_EQ(mincho.family, "modern");
    EXPECT_EQ(mincho.pitch, "fixed");
    EXPECT_EQ(mincho.charset, "80");
    EXPECT_EQ(mincho.alt_name, "MS Minchou");
    EXPECT_EQ(mincho.panose, "");

    // No font table: nothing declared.
    DocxBuilder plain;
    plain.body = para("Text");
    auto pkg2 = Package::open_memory(plain.build(), "plain.docx");
    EXPECT_TRUE(read_document(pkg2).fonts.empty());
}

TEST(Reader, TablesKeepGridSpansVerticalMergesAndHeaderRows) {
    DocxBuilder b;
    auto cell = [](const std::string& pr, const std::string& t) {
        return "<w:tc><w:tcPr>" + pr + "</w:tcPr><w:p><w:r><w:t>" + t + "</w:t></w:r></w:p></w:tc>";
    };
    b.body = "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"1000\"/>"
             "<w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"3000\"/></w:tblGrid>"
             "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + cell("", "A") + cell("", "B") + cell("", "C") + "</w:tr>"
             "<w:tr>" + cell("<w:vMerge w:val=\"restart\"/>", "tall") + cell("<w:gridSpan w:val=\"2\"/>", "wide") + "</w:tr>"
             "<w:tr>" + cell("<w:vMerge/>", "") + cell("", "x") + cell("", "y") + "</w:tr></w:tbl>";
    auto pkg = Package::open_memory(b.build(), "t.docx");
    auto doc = read_document(pkg);
    const auto& t = doc.body[0].table;
    EXPECT_EQ(t.grid, (std::vector<Twips>{1000, 2000, 3000}));
    EXPECT_EQ(t.width_type, "pct");
    EXPECT_TRUE(t.rows[0].header);
    EXPECT_EQ(t.rows[1].cells[0].vmerge, TableCell::VMerge::restart);
    EXPECT_EQ(t.rows[1].cells[1].grid_span, 2);
    EXPECT_EQ(t.rows[2].cells[0].vmerge, TableCell::VMerge::continue_);
    EXPECT_EQ(to_markdown(doc), "| A | B | C |\n| --- | --- | --- |\n| tall | wide |  |\n|  | x | y |\n");
}

TEST(Reader, SectionsHeadersFootersAndNotes) {
    DocxBuilder b;
    b.footnotes = part("footnotes",
                       "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
                       "<w:footnote w:id=\"7\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> "
                       "The note.</w:t></w:r></w:p></w:footnote>");
    b.extra_rels.push_back("<Relationship Id=\"rH\" Type=\"" + std::string(kR) + "/header\" Target=\"header1.xml\"/>");
    b.extra_parts.emplace_back("word/header1.xml", part("hdr", "<w:p><w:r><w:t>Head</w:t></w:r></w:p>"));
    b.body = "<w:p><w:pPr><w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/></w:sectPr></w:pPr>"
             "<w:r><w:t>One</w:t></w:r><w:r><w:footnoteReference w:id=\"7\"/></w:r></w:p>"
             "<w:p><w:r><w:t>Two</w:t></w:r></w:p>"
             "<w:sectPr><w:headerReference w:type=\"first\" r:id=\"rH\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
             "<w:pgMar w:top=\"1000\" w:bottom=\"1000\" w:left=\"1200\" w:right=\"1200\"/><w:cols w:num=\"2\"/>"
             "<w:titlePg/></w:sectPr>";
    auto pkg = Package::open_memory(b.build(), "s.docx");
    auto doc = read_document(pkg);
    ASSERT_EQ(doc.sections.size(), 2u);
    EXPECT_TRUE(doc.sections[0].landscape);
    EXPECT_EQ(doc.sections[1].first_block, 1u);
    EXPECT_EQ(doc.sections[1].margin_left, 1200);
    EXPECT_EQ(doc.sections[1].columns, 2);
    EXPECT_TRUE(doc.sections[1].title_page);
    ASSERT_EQ(doc.sections[1].headers.size(), 1u);
    EXPECT_EQ(doc.sections[1].headers[0].type, "first");
    EXPECT_EQ(doc.headers_footers.at("word/header1.xml").blocks.size(), 1u);
    EXPECT_EQ(to_text(doc), "One[1]\nTwo\n\n[1] The note.\n");
    EXPECT_EQ(to_markdown(doc), "One[^1]\n\nTwo\n\n[^1]: The note.\n");
}

TEST(Reader, StrictOoxmlAndOtherPrefixesReadLikeTransitional) {
    // Strict namespaces under a non-Word prefix, as some generators write.
    auto bytes = make_zip(
        {{"[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
         {"_rels/.rels",
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          "<Relationship Id=\"r1\" Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/"
          "officeDocument\" Target=\"word/document.xml\"/></Relationships>"},
         {"word/document.xml",
          "<ns0:document xmlns:ns0=\"http://purl.oclc.org/ooxml/wordprocessingml/main\"><ns0:body>"
          "<ns0:p><ns0:pPr><ns0:ind ns0:left=\"0.5in\"/></ns0:pPr><ns0:r><ns0:t>Strict and odd prefix</ns0:t></ns0:r>"
          "</ns0:p></ns0:body></ns0:document>"}});
    auto pkg = Package::open_memory(bytes, "strict.docx");
    EXPECT_TRUE(pkg.strict());
    auto doc = read_document(pkg);
    EXPECT_EQ(to_text(doc), "Strict and odd prefix\n");
    EXPECT_EQ(doc.body[0].paragraph.props.indent_left, 720);  // strict universal measure
}

TEST(Reader, SymbolsBreaksAndSpecialHyphens) {
    EXPECT_EQ(body_text("<w:p><w:r><w:t>a</w:t><w:br/><w:t>b</w:t><w:noBreakHyphen/><w:t>c</w:t><w:softHyphen/>"
                        "<w:t>d</w:t><w:sym w:font=\"Symbol\" w:char=\"F061\"/><w:tab/><w:t>e</w:t></w:r></w:p>"),
              "a\nb\u2011cd\u03B1\te\n");
}

TEST(Reader, CommentsAreReadButNotShown) {
    DocxBuilder b;
    b.comments = part("comments", "<w:comment w:id=\"0\" w:author=\"Priya Raman\" w:initials=\"PR\">"
                                  "<w:p><w:r><w:t>Check this</w:t></w:r></w:p></w:comment>");
    b.body = "<w:p><w:commentRangeStart w:id=\"0\"/><w:r><w:t>Text</w:t></w:r><w:commentRangeEnd w:id=\"0\"/>"
             "<w:r><w:commentReference w:id=\"0\"/></w:r></w:p>";
    auto pkg = Package::open_memory(b.build(), "c.docx");
    auto doc = read_document(pkg);
    ASSERT_EQ(doc.comments.size(), 1u);
    EXPECT_EQ(doc.comments[0].author, "Priya Raman");
    EXPECT_EQ(to_text(doc), "Text\n");
}

// A paragraph deleted whole as a tracked change (text and mark) is not
// there once accepted: no empty line in the text, no empty <p> in HTML.
TEST(Reader, AParagraphDeletedWholeIsGoneFromTheText) {
    DocxBuilder b;
    b.body = "<w:p><w:r><w:t>Before</w:t></w:r></w:p>"
             "<w:p><w:pPr><w:rPr><w:del w:id=\"1\" w:author=\"A\"/></w:rPr></w:pPr>"
             "<w:del w:id=\"2\" w:author=\"A\"><w:r><w:delText>Gone</w:delText></w:r></w:del></w:p>"
             "<w:p><w:r><w:t>After</w:t></w:r></w:p>";
    Package pkg = Package::open_memory(b.build(), "t.docx");
    Document doc = read_document(pkg);
    EXPECT_EQ(to_text(doc), "Before\nAfter\n");
    std::string html = to_html(doc, pkg, {}).html;
    EXPECT_EQ(html.find("<p></p>"), std::string::npos);
    EXPECT_EQ(html.find("Gone"), std::string::npos);
}

