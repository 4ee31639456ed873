// Objects outside the text flow: the value functions of layout/floats on
// their own (placement, the room a line has beside floats, shape outlines),
// and the engine on generated documents, positions checked within 1 pt of
// what the XML asks for (A4, one-inch margins: the text area is 72..523.3 pt
// across, 72..769.9 pt down, top-down).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "allies/package.hpp"
#include "allies/reader.hpp"
#include "layout/floats.hpp"
#include "layout/layout.hpp"
#include "support/docx_builder.hpp"

using namespace allies;
using namespace allies::testing;

namespace {

constexpr double kPageH = 16838 / 20.0;
constexpr long kEmuPt = 12700;

std::string run(const std::string& text, const std::string& rpr = "") {
    return "<w:r>" + (rpr.empty() ? "" : "<w:rPr>" + rpr + "</w:rPr>") + "<w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
}

std::string p(const std::string& runs, const std::string& ppr = "") {
    return "<w:p>" + (ppr.empty() ? "" : "<w:pPr>" + ppr + "</w:pPr>") + runs + "</w:p>";
}

const std::string kSect = "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" "
                          "w:left=\"1440\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr>";

const std::string kNamespaces =
    std::string("xmlns:w=\"") + kW + "\" xmlns:r=\"" + kR +
    "\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
    " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
    " xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\""
    " xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:w10=\"urn:schemas-microsoft-com:office:word\"";

const std::string kWords =
    "Members reviewed the quarterly report and agreed the next steps for the programme and its volunteers. ";

std::string words(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += kWords;
    return s;
}

// A wps text box anchored by offsets (points) from h_rel / v_rel.
std::string text_box(const std::string& content, double x, double y, double w, double h, const std::string& h_rel,
                     const std::string& v_rel, const std::string& wrap = "<wp:wrapSquare wrapText=\"bothSides\"/>",
                     const std::string& fill = "DCE6F2", int behind = 0, const std::string& h_align = "") {
    std::string hpos = h_align.empty() ? "<wp:posOffset>" + std::to_string(static_cast<long>(x * kEmuPt)) + "</wp:posOffset>"
                                       : "<wp:align>" + h_align + "</wp:align>";
    return "<w:r><w:drawing><wp:anchor distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" simplePos=\"0\" relativeHeight=\"1\" "
           "behindDoc=\"" + std::to_string(behind) + "\" locked=\"0\" layoutInCell=\"1\" allowOverlap=\"1\"><wp:simplePos x=\"0\" y=\"0\"/>"
           "<wp:positionH relativeFrom=\"" + h_rel + "\">" + hpos + "</wp:positionH>"
           "<wp:positionV relativeFrom=\"" + v_rel + "\"><wp:posOffset>" + std::to_string(static_cast<long>(y * kEmuPt)) +
           "</wp:posOffset></wp:positionV><wp:extent cx=\"" + std::to_string(static_cast<long>(w * kEmuPt)) + "\" cy=\"" +
           std::to_string(static_cast<long>(h * kEmuPt)) + "\"/>" + wrap +
           "<wp:docPr id=\"1\" name=\"Box\"/><a:graphic><a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">"
           "<wps:wsp><wps:spPr><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>"
           "<a:solidFill><a:srgbClr val=\"" + fill + "\"/></a:solidFill><a:ln w=\"12700\"><a:solidFill><a:srgbClr val=\"1F497D\"/></a:solidFill></a:ln>"
           "</wps:spPr><wps:txbx><w:txbxContent>" + content + "</w:txbxContent></wps:txbx>"
           "<wps:bodyPr lIns=\"91440\" tIns=\"45720\" rIns=\"91440\" bIns=\"45720\" anchor=\"t\"><a:noAutofit/></wps:bodyPr></wps:wsp>"
           "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>";
}

layout::LaidOutDocument lay(DocxBuilder& b) {
    static layout::FontLibrary fonts;
    b.namespaces = kNamespaces;
    Package pkg = Package::open_memory(b.build(), "t.docx");
    Document doc = read_document(pkg);
    return layout::lay_out(doc, pkg, fonts);
}

// Text items whose text contains `needle`.
std::vector<layout::TextItem> find(const layout::Page& page, const std::u32string& needle) {
    std::vector<layout::TextItem> out;
    for (const auto& i : page.items)
        if (auto* t = std::get_if<layout::TextItem>(&i); t && t->text.find(needle) != std::u32string::npos) out.push_back(*t);
    return out;
}

std::vector<layout::RectItem> filled(const layout::Page& page, double r, double g, double b) {
    std::vector<layout::RectItem> out;
    for (const auto& i : page.items)
        if (auto* x = std::get_if<layout::RectItem>(&i);
            x && x->fill && std::abs(x->color.r - r) < 0.01 && std::abs(x->color.g - g) < 0.01 && std::abs(x->color.b - b) < 0.01)
            out.push_back(*x);
    return out;
}

// Top-down top of a bottom-up box.
double top_of(const layout::RectItem& r) { return kPageH - r.y - r.height; }

}  // namespace

// ---- the value functions -----------------------------------------------------

TEST(Floats, PlacementByOffsetAndByAlignment) {
    layout::AnchorAreas a;
    a.page_width = 600;
    a.page_height = 800;
    a.margins = {72, 72, 456, 656};
    a.column_x = 72;
    a.column_width = 456;
    a.paragraph_y = 300;
    layout::Placement p;
    p.h_relative = "page";
    p.v_relative = "page";
    p.h_offset = 10;
    p.v_offset = 20;
    auto b = layout::place(p, 100, 50, a);
    EXPECT_DOUBLE_EQ(b.x, 10);
    EXPECT_DOUBLE_EQ(b.y, 20);
    p.h_relative = "margin";
    p.h_align = "right";
    p.v_relative = "paragraph";
    p.v_offset = 5;
    b = layout::place(p, 100, 50, a);
    EXPECT_DOUBLE_EQ(b.x, 72 + 456 - 100);
    EXPECT_DOUBLE_EQ(b.y, 305);
    p.h_relative = "page";
    p.h_align = "center";
    p.v_relative = "margin";
    p.v_align = "bottom";
    b = layout::place(p, 100, 50, a);
    EXPECT_DOUBLE_EQ(b.x, 250);
    EXPECT_DOUBLE_EQ(b.bottom(), 72 + 656);
    // Inside and outside swap on even pages.
    p.h_relative = "margin";
    p.h_align = "outside";
    a.odd_page = false;
    EXPECT_DOUBLE_EQ(layout::place(p, 100, 50, a).x, 72);
    a.odd_page = true;
    EXPECT_DOUBLE_EQ(layout::place(p, 100, 50, a).x, 428);
}

TEST(Floats, LinesGetTheRoomBesideAFloatOnTheSideItAllows) {
    layout::Exclusion left{{72, 100, 150, 100}, false, "bothSides"};
    double below = 0;
    auto room = layout::line_room({left}, 72, 528, 120, 14, 36, below);
    ASSERT_TRUE(room);
    EXPECT_DOUBLE_EQ(room->left, 222);
    EXPECT_DOUBLE_EQ(room->right, 528);
    // Above and below the float: the whole column.
    room = layout::line_room({left}, 72, 528, 200, 14, 36, below);
    ASSERT_TRUE(room);
    EXPECT_DOUBLE_EQ(room->left, 72);
    // A float in the middle: the wider side; "left" keeps text left of it.
    layout::Exclusion middle{{200, 100, 100, 100}, false, "bothSides"};
    room = layout::line_room({middle}, 72, 528, 120, 14, 36, below);
    ASSERT_TRUE(room);
    EXPECT_DOUBLE_EQ(room->left, 300);
    middle.side = "left";
    room = layout::line_room({middle}, 72, 528, 120, 14, 36, below);
    ASSERT_TRUE(room);
    EXPECT_DOUBLE_EQ(room->right, 200);
    // Top and bottom: no room beside it; the line goes below.
    layout::Exclusion band{{200, 100, 100, 100}, true, "bothSides"};
    EXPECT_FALSE(layout::line_room({band}, 72, 528, 120, 14, 36, below));
    EXPECT_DOUBLE_EQ(below, 200);
    // Too narrow a gap is no room either.
    layout::Exclusion wide{{72, 100, 440, 100}, false, "bothSides"};
    EXPECT_FALSE(layout::line_room({wide}, 72, 528, 120, 14, 36, below));
    EXPECT_DOUBLE_EQ(below, 200);
}

TEST(Floats, ShapesAreDrawnByTheirGeometry) {
    FloatFormat f;
    f.shape = true;
    f.fill = "FF0000";
    f.line = "0000FF";
    f.geometry = "ellipse";
    auto items = layout::shape_items(f, {10, 10, 100, 50});
    ASSERT_EQ(items.size(), 1u);
    const auto& path = std::get<layout::PathItem>(items[0]);
    EXPECT_TRUE(path.fill);
    EXPECT_GT(path.stroke_width, 0);
    for (auto [x, y] : path.points) {  // on the ellipse
        double u = (x - 60) / 50, v = (y - 35) / 25;
        EXPECT_NEAR(u * u + v * v, 1.0, 1e-9);
    }
    f.geometry = "rect";
    items = layout::shape_items(f, {10, 10, 100, 50});
    ASSERT_EQ(items.size(), 2u);  // fill, then outline
    EXPECT_TRUE(std::get<layout::RectItem>(items[0]).fill);
    EXPECT_FALSE(std::get<layout::RectItem>(items[1]).fill);
    f.fill.clear();
    f.line.clear();
    EXPECT_TRUE(layout::shape_items(f, {10, 10, 100, 50}).empty());
}

// ---- the engine ----------------------------------------------------------------

TEST(Floats, ATextBoxSitsWhereItsAnchorSaysWithItsTextInside) {
    DocxBuilder b;
    // 200 pt right of the margin, 100 pt below the page's top margin.
    b.body = p(text_box(p(run("Mission Statement")), 200, 100, 180, 90, "margin", "margin") + run("Anchor.")) + kSect;
    auto d = lay(b);
    ASSERT_EQ(d.pages.size(), 1u);
    auto fills = filled(d.pages[0], 0xDC / 255.0, 0xE6 / 255.0, 0xF2 / 255.0);
    ASSERT_EQ(fills.size(), 1u);
    EXPECT_NEAR(fills[0].x, 272, 1);
    EXPECT_NEAR(top_of(fills[0]), 172, 1);
    EXPECT_NEAR(fills[0].width, 180, 1);
    EXPECT_NEAR(fills[0].height, 90, 1);
    auto text = find(d.pages[0], U"Mission");
    ASSERT_EQ(text.size(), 1u);
    EXPECT_NEAR(text[0].x, 272 + 7.2, 1);  // the left inset
    EXPECT_GT(kPageH - text[0].y, 172 + 3.6);  // below the top inset
    EXPECT_LT(kPageH - text[0].y, 172 + 3.6 + 20);
}

TEST(Floats, TextWrapsBesideASquareFloatAndReturnsBelowIt) {
    DocxBuilder b;
    b.body = p(text_box(p(run("Box")), 0, 0, 150, 100, "margin", "paragraph") + run(words(8))) + kSect;
    auto d = lay(b);
    ASSERT_FALSE(d.pages.empty());
    bool beside = false, below = false;
    for (const auto& t : find(d.pages[0], U"e")) {
        double y = kPageH - t.y;
        if (y < 72 + 100) {
            EXPECT_GE(t.x, 72 + 150 - 0.5) << "text under the float";
            beside = true;
        } else if (y > 72 + 100 + 14) {
            below = below || t.x < 80;
        }
    }
    EXPECT_TRUE(beside);
    EXPECT_TRUE(below);
}

TEST(Floats, TopAndBottomWrapLeavesNoTextBesideTheFloat) {
    DocxBuilder b;
    b.body = p(text_box(p(run("Box")), 150, 20, 150, 100, "margin", "paragraph", "<wp:wrapTopAndBottom/>") + run(words(6))) + kSect;
    auto d = lay(b);
    ASSERT_FALSE(d.pages.empty());
    for (const auto& t : find(d.pages[0], U"e")) {
        if (t.text == U"Box") continue;
        double y = kPageH - t.y;  // baseline; the line's top is Calibri's ascent (10.47 pt) above it
        EXPECT_FALSE(y > 72 + 20 && y - 10.4 < 72 + 120) << "text beside a top-and-bottom float at " << y;
    }
}

TEST(Floats, AFloatBehindTheTextIsDrawnFirst) {
    DocxBuilder b;
    b.body = p(run("Before. ") + text_box(p(run("Under")), 0, 0, 200, 100, "margin", "paragraph", "<wp:wrapNone/>", "FFFF00", 1) +
               run("Over the box.")) + kSect;
    auto d = lay(b);
    ASSERT_EQ(d.pages.size(), 1u);
    const auto& items = d.pages[0].items;
    std::size_t box = items.size(), text = items.size();
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (auto* r = std::get_if<layout::RectItem>(&items[i]); r && r->fill && r->color.b < 0.01 && box == items.size()) box = i;
        if (auto* t = std::get_if<layout::TextItem>(&items[i]); t && t->text.find(U"Before") != std::u32string::npos) text = i;
    }
    ASSERT_LT(box, items.size());
    ASSERT_LT(text, items.size());
    EXPECT_LT(box, text);
}

TEST(Floats, AFloatGoesWithItsParagraphToTheNextPage) {
    DocxBuilder b;
    std::string body;
    for (int i = 0; i < 14; ++i) body += p(run(words(3)));  // most of page 1
    body += p(text_box(p(run("Travelling")), 0, 0, 150, 200, "margin", "paragraph") + run("Anchor " + words(2)));
    b.body = body + kSect;
    auto d = lay(b);
    ASSERT_GE(d.pages.size(), 2u);
    std::size_t anchor_page = 99, box_page = 99;
    for (std::size_t n = 0; n < d.pages.size(); ++n) {
        if (!find(d.pages[n], U"Anchor").empty()) anchor_page = n;
        if (!find(d.pages[n], U"Travelling").empty()) box_page = n;
    }
    EXPECT_EQ(anchor_page, box_page);
    for (const auto& page : d.pages)
        for (const auto& r : filled(page, 0xDC / 255.0, 0xE6 / 255.0, 0xF2 / 255.0)) EXPECT_GE(r.y, 0) << "off the page";
}

TEST(Floats, FloatingTablesStandSideBySide) {
    auto table = [](int x, const std::string& label) {
        return "<w:tbl><w:tblPr><w:tblpPr w:leftFromText=\"180\" w:rightFromText=\"180\" w:vertAnchor=\"text\" "
               "w:horzAnchor=\"margin\" w:tblpX=\"" + std::to_string(x) + "\" w:tblpY=\"200\"/><w:tblW w:w=\"4000\" w:type=\"dxa\"/>"
               "</w:tblPr><w:tblGrid><w:gridCol w:w=\"4000\"/></w:tblGrid><w:tr><w:tc>" + p(run(label)) +
               "</w:tc></w:tr></w:tbl>";
    };
    DocxBuilder b;
    b.body = p(run("Title")) + table(0, "Left") + table(4800, "Right") + p(run("After the tables.")) + kSect;
    auto d = lay(b);
    ASSERT_EQ(d.pages.size(), 1u);
    auto left = find(d.pages[0], U"Left"), right = find(d.pages[0], U"Right"), after = find(d.pages[0], U"After");
    ASSERT_EQ(left.size(), 1u);
    ASSERT_EQ(right.size(), 1u);
    ASSERT_EQ(after.size(), 1u);
    EXPECT_NEAR(left[0].y, right[0].y, 0.01);
    EXPECT_NEAR(right[0].x - left[0].x, 240, 1);  // 4800 twips apart
    EXPECT_LT(after[0].y, left[0].y - 10);        // the text goes below them
}

TEST(Floats, APageNumberInACentredFooterFrameIsCentred) {
    DocxBuilder b;
    std::string page_field =
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
    std::string footer = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:ftr " + kNamespaces + ">" +
                         p(page_field, "<w:framePr w:wrap=\"around\" w:vAnchor=\"text\" w:hAnchor=\"margin\" w:xAlign=\"center\" w:y=\"1\"/>") +
                         p(run("Footer text")) + "</w:ftr>";
    b.extra_parts.emplace_back("word/footer1.xml", footer);
    b.extra_rels.push_back("<Relationship Id=\"rFtr\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>");
    std::string sect = kSect;
    sect.insert(sect.find("<w:pgSz"), "<w:footerReference w:type=\"default\" r:id=\"rFtr\"/>");
    b.body = p(run("Body")) + sect;
    auto d = lay(b);
    ASSERT_EQ(d.pages.size(), 1u);
    auto number = find(d.pages[0], U"1");
    ASSERT_FALSE(number.empty());
    double centre = 72 + (595.3 - 144) / 2;
    EXPECT_NEAR(number[0].x + 2.8, centre, 2);  // a Calibri 11 pt digit is 5.6 pt wide
    auto text = find(d.pages[0], U"Footer");
    ASSERT_EQ(text.size(), 1u);
    EXPECT_NEAR(text[0].x, 72, 1);
}

TEST(Floats, APullQuoteFrameStandsAtTheRightWithTextBesideIt) {
    DocxBuilder b;
    b.body = p(run("Quote in a frame."), "<w:framePr w:w=\"3000\" w:hSpace=\"180\" w:wrap=\"around\" w:vAnchor=\"text\" "
                                          "w:hAnchor=\"margin\" w:xAlign=\"right\" w:y=\"1\"/>") +
             p(run(words(5))) + kSect;
    auto d = lay(b);
    ASSERT_EQ(d.pages.size(), 1u);
    auto quote = find(d.pages[0], U"Quote");
    ASSERT_EQ(quote.size(), 1u);
    EXPECT_NEAR(quote[0].x, 72 + (595.3 - 144) - 150, 1);
    // The body's first lines stop left of the frame (less its distance).
    for (const auto& t : find(d.pages[0], U"e")) {
        if (t.text.find(U"Quote") == std::u32string::npos && std::abs(t.y - quote[0].y) < 1) {
            EXPECT_LT(t.x, 72 + 451.3 - 150 - 9 + 0.5);
        }
    }
}

TEST(Floats, VmlShapesArePlacedFilledAndKeepTheirText) {
    DocxBuilder b;
    std::string shape =
        "<w:r><w:pict><v:shape type=\"#_x0000_t202\" style=\"position:absolute;margin-left:100pt;margin-top:50pt;width:150pt;"
        "height:60pt;z-index:2;mso-position-horizontal-relative:margin;mso-position-vertical-relative:margin\" "
        "fillcolor=\"#ffffcc\" strokecolor=\"#c00000\"><v:textbox><w:txbxContent>" + p(run("Agenda moved")) +
        "</w:txbxContent></v:textbox><w10:wrap type=\"square\"/></v:shape></w:pict></w:r>"
        "<w:r><w:pict><v:shape type=\"#_x0000_t136\" style=\"position:absolute;margin-left:0;margin-top:300pt;width:300pt;height:40pt;"
        "mso-position-horizontal-relative:margin;mso-position-vertical-relative:margin\" fillcolor=\"#1f497d\">"
        "<v:textpath string=\"WordArt Heading\"/></v:shape></w:pict></w:r>";
    b.body = p(shape + run("Anchor.")) + kSect;
    auto d = lay(b);
    ASSERT_EQ(d.pages.size(), 1u);
    auto fills = filled(d.pages[0], 1, 1, 0xCC / 255.0);
    ASSERT_EQ(fills.size(), 1u);
    EXPECT_NEAR(fills[0].x, 172, 1);
    EXPECT_NEAR(top_of(fills[0]), 122, 1);
    EXPECT_EQ(find(d.pages[0], U"Agenda").size(), 1u);
    auto art = find(d.pages[0], U"WordArt");
    ASSERT_EQ(art.size(), 1u);
    EXPECT_NEAR(art[0].color.b, 0x7D / 255.0, 0.01);  // the letters take the shape's fill
    EXPECT_GT(art[0].size, 20);
}

// A diagonal watermark (VML WordArt turned by rotation:315) is drawn
// turned 45 degrees about its box's centre, as Word draws it.
TEST(Floats, ATurnedWatermarkIsDrawnTurnedAboutItsCentre) {
    DocxBuilder b;
    std::string mark =
        "<w:r><w:pict><v:shape type=\"#_x0000_t136\" style=\"position:absolute;margin-left:0;margin-top:0;width:400pt;height:100pt;"
        "rotation:315;z-index:-1;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
        "mso-position-vertical:center;mso-position-vertical-relative:margin\" fillcolor=\"silver\" stroked=\"f\">"
        "<v:textpath string=\"CONFIDENTIAL\"/></v:shape></w:pict></w:r>";
    b.body = p(mark + run("Body text.")) + kSect;
    auto d = lay(b);
    ASSERT_EQ(d.pages.size(), 1u);
    auto art = find(d.pages[0], U"CONFIDENTIAL");
    ASSERT_EQ(art.size(), 1u);
    EXPECT_NEAR(art[0].angle, 45, 0.01);
    // The box is centred in the margins (A4: 451 x 698 pt from 72, 72); the
    // text's start lies down and to the left of the centre, on the diagonal.
    const double cx = 72 + 451.3 / 2, cy = kPageH - (72 + 697.9 / 2);  // PDF coordinates
    const double dx = art[0].x - cx, dy = art[0].y - cy;
    EXPECT_LT(dx, -50);
    EXPECT_LT(dy, -50);
    EXPECT_NEAR(dx / dy, 1.0, 0.35);  // about 45 degrees
    auto plain = find(d.pages[0], U"Body");
    ASSERT_EQ(plain.size(), 1u);
    EXPECT_EQ(plain[0].angle, 0);
}

// The use-after-free of issue 11: shaded and bordered paragraphs crossing
// many page boundaries (their boxes were drawn through a pointer into a
// container that grew). Run under AddressSanitizer by scripts/sanitize.sh.
TEST(Floats, ShadedAndBorderedParagraphsCrossManyPages) {
    DocxBuilder b;
    std::string body;
    const std::string ppr = "<w:pBdr><w:top w:val=\"single\" w:sz=\"8\"/><w:left w:val=\"single\" w:sz=\"8\"/>"
                            "<w:bottom w:val=\"single\" w:sz=\"8\"/><w:right w:val=\"single\" w:sz=\"8\"/></w:pBdr>"
                            "<w:shd w:val=\"clear\" w:fill=\"EEEEEE\"/>";
    for (int i = 0; i < 12; ++i) body += p(run(words(40)), ppr);
    b.body = body + kSect;
    auto d = lay(b);
    EXPECT_GE(d.pages.size(), 10u);
    int shaded_pages = 0;
    for (const auto& page : d.pages) shaded_pages += !filled(page, 0xEE / 255.0, 0xEE / 255.0, 0xEE / 255.0).empty();
    EXPECT_EQ(shaded_pages, static_cast<int>(d.pages.size()));
}

TEST(Floats, TheHigherObjectIsDrawnOnTop) {
    DocxBuilder b;
    std::string high = text_box(p(run("High")), 0, 0, 100, 50, "margin", "paragraph", "<wp:wrapNone/>", "FF0000");
    high.replace(high.find("relativeHeight=\"1\""), 18, "relativeHeight=\"9\"");
    std::string low = text_box(p(run("Low")), 20, 20, 100, 50, "margin", "paragraph", "<wp:wrapNone/>", "00FF00");
    b.body = p(high + low + run("Anchor.")) + kSect;  // the high one is anchored first
    auto d = lay(b);
    ASSERT_EQ(d.pages.size(), 1u);
    const auto& items = d.pages[0].items;
    std::size_t red = items.size(), green = items.size();
    for (std::size_t i = 0; i < items.size(); ++i)
        if (auto* r = std::get_if<layout::RectItem>(&items[i]); r && r->fill) {
            if (r->color.r > 0.99 && r->color.g < 0.01) red = i;
            if (r->color.g > 0.99 && r->color.r < 0.01) green = i;
        }
    ASSERT_LT(red, items.size());
    ASSERT_LT(green, items.size());
    EXPECT_LT(green, red);
}

// Only drawn text overflows a text box: the empty paragraphs that end its
// content (Word requires one after a table) are cut off unseen, so the box
// keeps its size and the body text stays where it is (a letterhead's
// address box must not push the letter down).
TEST(Floats, EmptyParagraphsAtTheEndOfATextBoxDoNotGrowIt) {
    DocxBuilder b;
    b.body = p(text_box(p(run("Box")) + p("") + p("") + p("") + p(""), 150, 0, 150, 30, "margin", "paragraph") +
               run("Anchor.")) +
             p(run("Next")) + kSect;
    auto d = lay(b);
    ASSERT_FALSE(d.pages.empty());
    auto fills = filled(d.pages[0], 0xDC / 255.0, 0xE6 / 255.0, 0xF2 / 255.0);
    ASSERT_EQ(fills.size(), 1u);
    EXPECT_NEAR(fills[0].height, 30, 0.5);
    auto next = find(d.pages[0], U"Next");
    ASSERT_EQ(next.size(), 1u);
    EXPECT_LT(kPageH - next[0].y, 72 + 30) << "the next paragraph was pushed below the box";
}

// Text that does overflow still shows: the box grows to hold it.
TEST(Floats, TextOverflowingATextBoxGrowsIt) {
    DocxBuilder b;
    b.body = p(text_box(p(run("One")) + p(run("Two")) + p(run("Three")) + p(run("Four")), 150, 0, 150, 30, "margin",
                        "paragraph") +
               run("Anchor.")) +
             kSect;
    auto d = lay(b);
    ASSERT_FALSE(d.pages.empty());
    auto fills = filled(d.pages[0], 0xDC / 255.0, 0xE6 / 255.0, 0xF2 / 255.0);
    ASSERT_EQ(fills.size(), 1u);
    EXPECT_GT(fills[0].height, 45);
    auto four = find(d.pages[0], U"Four");
    ASSERT_EQ(four.size(), 1u);
    EXPECT_LT(kPageH - four[0].y, top_of(fills[0]) + fills[0].height);
}

namespace {

const std::string kGroupNamespaces =
    " xmlns:wpg=\"http://schemas.microsoft.com/office/word/2010/wordprocessingGroup\""
    " xmlns:wpc=\"http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas\"";

std::string emu(double points) { return std::to_string(static_cast<long>(points * kEmuPt)); }

// A wps shape at (x, y), w by h in its group's child coordinates (points
// here), filled, with `content` as its text box when given.
std::string group_shape(double x, double y, double w, double h, const std::string& fill, const std::string& content = "") {
    return "<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x=\"" + emu(x) + "\" y=\"" + emu(y) + "\"/><a:ext cx=\"" + emu(w) +
           "\" cy=\"" + emu(h) + "\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val=\"" +
           fill + "\"/></a:solidFill></wps:spPr>" +
           (content.empty() ? "" : "<wps:txbx><w:txbxContent>" + content + "</w:txbxContent></wps:txbx>") +
           "<wps:bodyPr lIns=\"91440\" tIns=\"45720\" rIns=\"91440\" bIns=\"45720\"/></wps:wsp>";
}

}  // namespace

// A group (wpg:wgp) drawn as its shapes, each in its place: the child
// coordinates (chOff/chExt) scaled to the group's size, a nested group
// with its own, and a text box's text inside its shape.
TEST(Floats, AGroupDrawsEachShapeInItsPlace) {
    DocxBuilder b;
    // 200 x 100 pt on the page, child space 400 x 200 from (1000, 1000): half size.
    std::string group =
        "<w:r><w:drawing><wp:anchor distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" simplePos=\"0\" relativeHeight=\"1\" "
        "behindDoc=\"0\" locked=\"0\" layoutInCell=\"1\" allowOverlap=\"1\"><wp:simplePos x=\"0\" y=\"0\"/>"
        "<wp:positionH relativeFrom=\"margin\"><wp:posOffset>" + emu(100) + "</wp:posOffset></wp:positionH>"
        "<wp:positionV relativeFrom=\"margin\"><wp:posOffset>" + emu(50) + "</wp:posOffset></wp:positionV>"
        "<wp:extent cx=\"" + emu(200) + "\" cy=\"" + emu(100) + "\"/><wp:wrapNone/><wp:docPr id=\"1\" name=\"Group\"/>"
        "<a:graphic><a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingGroup\"><wpg:wgp>"
        "<wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"" + emu(200) + "\" cy=\"" + emu(100) +
        "\"/><a:chOff x=\"" + emu(1000) + "\" y=\"" + emu(1000) + "\"/><a:chExt cx=\"" + emu(400) + "\" cy=\"" + emu(200) +
        "\"/></a:xfrm></wpg:grpSpPr>" +
        group_shape(1000, 1000, 200, 100, "FF0000", p(run("Left box"))) + group_shape(1200, 1100, 200, 100, "00FF00") +
        // A nested group at (1200, 1000), 200 x 100, whose child space is 100 x 50 from 0: doubled.
        "<wpg:grpSp><wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm><a:off x=\"" + emu(1200) + "\" y=\"" + emu(1000) +
        "\"/><a:ext cx=\"" + emu(200) + "\" cy=\"" + emu(100) + "\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"" + emu(100) +
        "\" cy=\"" + emu(50) + "\"/></a:xfrm></wpg:grpSpPr>" + group_shape(50, 0, 50, 25, "0000FF") +
        "</wpg:grpSp></wpg:wgp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>";
    b.body = p(group + run("Anchor.")) + kSect;
    b.namespaces = kNamespaces + kGroupNamespaces;
    Package pkg = Package::open_memory(b.build(), "t.docx");
    Document doc = read_document(pkg);
    static layout::FontLibrary fonts;
    auto d = layout::lay_out(doc, pkg, fonts);
    ASSERT_EQ(d.pages.size(), 1u);
    auto red = filled(d.pages[0], 1, 0, 0), green = filled(d.pages[0], 0, 1, 0), blue = filled(d.pages[0], 0, 0, 1);
    ASSERT_EQ(red.size(), 1u);
    ASSERT_EQ(green.size(), 1u);
    ASSERT_EQ(blue.size(), 1u);
    EXPECT_NEAR(red[0].x, 172, 0.5);
    EXPECT_NEAR(top_of(red[0]), 122, 0.5);
    EXPECT_NEAR(red[0].width, 100, 0.5);
    EXPECT_NEAR(red[0].height, 50, 0.5);
    EXPECT_NEAR(green[0].x, 272, 0.5);
    EXPECT_NEAR(top_of(green[0]), 172, 0.5);
    // The nested group covers (272, 122) 100 x 50; its shape its right half, top half.
    EXPECT_NEAR(blue[0].x, 322, 0.5);
    EXPECT_NEAR(top_of(blue[0]), 122, 0.5);
    EXPECT_NEAR(blue[0].width, 50, 0.5);
    EXPECT_NEAR(blue[0].height, 25, 0.5);
    auto text = find(d.pages[0], U"Left");
    ASSERT_EQ(text.size(), 1u);
    EXPECT_NEAR(text[0].x, 172 + 7.2, 0.5);
    EXPECT_GT(kPageH - text[0].y, 122);
    EXPECT_LT(kPageH - text[0].y, 122 + 50);
}

// A VML group (v:group, as Word 2003 and converted .doc files write
// them): each child placed by its style in the group's coordsize units
// from its coordorigin, nested groups with their own, lines from/to.
TEST(Floats, AVmlGroupDrawsEachShapeInItsPlace) {
    DocxBuilder b;
    auto rect = [](const std::string& box, const std::string& fill, const std::string& inner = "") {
        return "<v:rect style=\"position:absolute;" + box + "\" fillcolor=\"#" + fill + "\">" + inner + "</v:rect>";
    };
    // 200 x 100 pt on the page, coordinates 400 x 200 from (1000, 1000): half size.
    std::string group =
        "<w:r><w:pict><v:group style=\"position:absolute;margin-left:100pt;margin-top:50pt;width:200pt;height:100pt;"
        "z-index:1;mso-position-horizontal-relative:margin;mso-position-vertical-relative:margin\" "
        "coordorigin=\"1000,1000\" coordsize=\"400,200\">" +
        rect("left:1000;top:1000;width:200;height:100", "FF0000",
             "<v:textbox><w:txbxContent>" + p(run("Left box")) + "</w:txbxContent></v:textbox>") +
        rect("left:1200;top:1100;width:200;height:100", "00FF00") +
        // A nested group at (1200, 1000), 200 x 100, coordinates 100 x 50 from 0: doubled.
        "<v:group style=\"position:absolute;left:1200;top:1000;width:200;height:100\" coordsize=\"100,50\">" +
        rect("left:50;top:0;width:50;height:25", "0000FF") + "</v:group>"
        "<v:line from=\"1000,1200\" to=\"1400,1000\" strokecolor=\"#FF00FF\"/>"
        "</v:group></w:pict></w:r>";
    b.body = p(group + run("Anchor.")) + kSect;
    auto d = lay(b);
    ASSERT_EQ(d.pages.size(), 1u);
    auto red = filled(d.pages[0], 1, 0, 0), green = filled(d.pages[0], 0, 1, 0), blue = filled(d.pages[0], 0, 0, 1);
    ASSERT_EQ(red.size(), 1u);
    ASSERT_EQ(green.size(), 1u);
    ASSERT_EQ(blue.size(), 1u);
    EXPECT_NEAR(red[0].x, 172, 0.5);
    EXPECT_NEAR(top_of(red[0]), 122, 0.5);
    EXPECT_NEAR(red[0].width, 100, 0.5);
    EXPECT_NEAR(red[0].height, 50, 0.5);
    EXPECT_NEAR(green[0].x, 272, 0.5);
    EXPECT_NEAR(top_of(green[0]), 172, 0.5);
    EXPECT_NEAR(blue[0].x, 322, 0.5);
    EXPECT_NEAR(top_of(blue[0]), 122, 0.5);
    EXPECT_NEAR(blue[0].width, 50, 0.5);
    EXPECT_NEAR(blue[0].height, 25, 0.5);
    // The line rises from the group's bottom left to its top right.
    const layout::LineItem* line = nullptr;
    for (const auto& i : d.pages[0].items)
        if (auto* l = std::get_if<layout::LineItem>(&i); l && l->color.r > 0.9 && l->color.b > 0.9 && l->color.g < 0.1) line = l;
    ASSERT_NE(line, nullptr);
    EXPECT_NEAR(std::min(line->x1, line->x2), 172, 0.5);
    EXPECT_NEAR(std::max(line->x1, line->x2), 372, 0.5);
    const double left_y = line->x1 < line->x2 ? line->y1 : line->y2, right_y = line->x1 < line->x2 ? line->y2 : line->y1;
    EXPECT_LT(left_y, right_y);  // PDF y grows upwards: the right end is higher
    auto text = find(d.pages[0], U"Left");
    ASSERT_EQ(text.size(), 1u);
    EXPECT_NEAR(text[0].x, 172 + 7.2, 0.5);
    EXPECT_GT(kPageH - text[0].y, 122);
    EXPECT_LT(kPageH - text[0].y, 122 + 50);
}

// A drawing canvas in the line: its shapes from the canvas's corner.
TEST(Floats, ACanvasInTheLineDrawsItsShapes) {
    DocxBuilder b;
    std::string canvas =
        "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"" + emu(200) +
        "\" cy=\"" + emu(100) + "\"/><wp:docPr id=\"1\" name=\"Canvas\"/><a:graphic><a:graphicData "
        "uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas\"><wpc:wpc><wpc:bg/><wpc:whole/>" +
        group_shape(50, 20, 60, 30, "0000FF", p(run("Inside"))) +
        "</wpc:wpc></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>";
    b.body = p(canvas) + kSect;
    b.namespaces = kNamespaces + kGroupNamespaces;
    Package pkg = Package::open_memory(b.build(), "t.docx");
    Document doc = read_document(pkg);
    static layout::FontLibrary fonts;
    auto d = layout::lay_out(doc, pkg, fonts);
    ASSERT_EQ(d.pages.size(), 1u);
    auto blue = filled(d.pages[0], 0, 0, 1);
    ASSERT_EQ(blue.size(), 1u);
    EXPECT_NEAR(blue[0].x, 72 + 50, 0.5);
    EXPECT_NEAR(blue[0].width, 60, 0.5);
    EXPECT_NEAR(blue[0].height, 30, 0.5);
    auto text = find(d.pages[0], U"Inside");
    ASSERT_EQ(text.size(), 1u);
    EXPECT_NEAR(text[0].x, 72 + 50 + 7.2, 0.5);
    // And its text is the document's text for every reader.
    EXPECT_EQ(doc.body.at(0).paragraph.inlines.at(0).blocks.size(), 1u);
}

// A drop cap (w:framePr w:dropCap): the letter at the paragraph's top left,
// the first lines beside it, the later ones back at the margin; in the
// margin, the letter left of the text and the text not moved.
TEST(Floats, DropCapLetterSpansItsLinesAndTheTextWrapsBesideIt) {
    auto drop = [](const std::string& kind) {
        return p("<w:r><w:rPr><w:sz w:val=\"112\"/></w:rPr><w:t>D</w:t></w:r>",
                 "<w:framePr w:dropCap=\"" + kind + "\" w:lines=\"3\" w:wrap=\"around\" w:vAnchor=\"text\" w:hAnchor=\"text\"/>"
                 "<w:spacing w:line=\"844\" w:lineRule=\"exact\"/>");
    };
    for (const std::string kind : {"drop", "margin"}) {
        DocxBuilder b;
        b.body = drop(kind) + p(run("rop " + words(4))) + kSect;
        auto d = lay(b);
        ASSERT_FALSE(d.pages.empty());
        auto letter = find(d.pages[0], U"D");
        ASSERT_FALSE(letter.empty());
        if (kind == "margin") {
            EXPECT_LT(letter[0].x, 72 - 20) << "in the margin";
        } else {
            EXPECT_NEAR(letter[0].x, 72, 0.5);
        }
        int beside = 0, below = 0;
        for (const auto& t : find(d.pages[0], U"e")) {
            const double y = kPageH - t.y;
            if (y < 72 + 42.2 - 2) {
                ++beside;
                if (kind == "drop") EXPECT_GT(t.x, 72 + 30) << "a line under the drop cap at " << y;
                else EXPECT_NEAR(t.x, 72, 0.5);
            } else if (y > 72 + 42.2 + 12) {
                ++below;
                EXPECT_NEAR(t.x, 72, 0.5) << "a line below the drop cap not back at the margin";
            }
        }
        EXPECT_GE(beside, 2);
        EXPECT_GT(below, 0);
    }
    // Readers of the text still see one word.
    DocxBuilder b;
    b.body = drop("drop") + p(run("rop cap.")) + kSect;
    b.namespaces = kNamespaces;
    Package pkg = Package::open_memory(b.build(), "t.docx");
    Document doc = read_document(pkg);
    ASSERT_EQ(doc.body.size(), 1u);
    EXPECT_EQ(doc.body[0].paragraph.drop_cap.inlines, 1);
    EXPECT_EQ(doc.body[0].paragraph.drop_cap.lines, 3);
}

// A drop cap with no paragraph after it keeps its letter.
TEST(Floats, ADropCapBeforeATableIsKept) {
    DocxBuilder b;
    b.body = p("<w:r><w:t>Q</w:t></w:r>", "<w:framePr w:dropCap=\"drop\" w:lines=\"2\"/>") +
             "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"2000\"/></w:tblGrid><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>" +
             p("<w:r><w:t>Z</w:t></w:r>", "<w:framePr w:dropCap=\"drop\" w:lines=\"2\"/>") + kSect;
    auto d = lay(b);
    ASSERT_FALSE(d.pages.empty());
    EXPECT_EQ(find(d.pages[0], U"Q").size(), 1u);
    EXPECT_EQ(find(d.pages[0], U"Z").size(), 1u);
}
