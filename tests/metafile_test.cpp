// WMF and EMF pictures (issue 13): the hand-written files of
// tests/rendering/metafiles.py played into vector items at known places and
// colours; a record that paints and is not understood gives a placeholder
// and a warning; every truncation and a few hostile counts end cleanly; in a
// document the picture reaches the PDF as paths, text and an image, and a
// VML object's WMF preview is drawn at its shape's size.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "allies/package.hpp"
#include "allies/pdf.hpp"
#include "allies/reader.hpp"
#include "layout/layout.hpp"
#include "layout/metafile.hpp"
#include "support/docx_builder.hpp"
#include "support/tiny_png.hpp"
#include "verify/pdf_text.hpp"

using namespace allies;
using namespace allies::testing;
using layout::draw_metafile;

namespace {

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(ALLIES_SOURCE_DIR) + "/tests/rendering/metafiles/" + name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

layout::FontLibrary& fonts() {
    static layout::FontLibrary f;
    return f;
}

struct Box {
    double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
};
Box bounds(const layout::PathItem& p) {
    Box b;
    for (auto [x, y] : p.points) {
        b.x0 = std::min(b.x0, x);
        b.y0 = std::min(b.y0, y);
        b.x1 = std::max(b.x1, x);
        b.y1 = std::max(b.y1, y);
    }
    return b;
}

bool same(layout::Color c, double r, double g, double b) {
    return std::abs(c.r - r) < 0.01 && std::abs(c.g - g) < 0.01 && std::abs(c.b - b) < 0.01;
}

// The first filled path of that colour.
const layout::PathItem* filled(const std::vector<layout::Item>& items, double r, double g, double b) {
    for (const auto& i : items)
        if (auto* p = std::get_if<layout::PathItem>(&i); p && p->fill && same(p->color, r, g, b)) return p;
    return nullptr;
}

void expect_box(const Box& b, double x0, double y0, double x1, double y1, double tol = 0.6) {
    EXPECT_NEAR(b.x0, x0, tol);
    EXPECT_NEAR(b.y0, y0, tol);
    EXPECT_NEAR(b.x1, x1, tol);
    EXPECT_NEAR(b.y1, y1, tol);
}

const std::string kRedGreenBlueWhite = std::string("\xFF\0\0\0\xFF\0\0\0\xFF\xFF\xFF\xFF", 12);

}  // namespace

TEST(Metafile, FormatsAreRecognisedByTheirHeaders) {
    EXPECT_EQ(layout::metafile_format(fixture("logo.wmf")), layout::MetafileFormat::wmf);
    EXPECT_EQ(layout::metafile_format(fixture("logo.emf")), layout::MetafileFormat::emf);
    EXPECT_EQ(layout::metafile_format(fixture("logo.wmf").substr(22)), layout::MetafileFormat::wmf);  // not placeable
    EXPECT_EQ(layout::metafile_format("\x89PNG\r\n\x1a\n"), layout::MetafileFormat::none);
    EXPECT_FALSE(draw_metafile("not a metafile", 10, 10, &fonts(), 0));
}

TEST(Metafile, WmfShapesTextAndBitmapLandWhereTheWindowPutsThem) {
    // Window 1000 x 500 into a 200 x 100 pt box: 0.2 pt per unit.
    auto d = draw_metafile(fixture("logo.wmf"), 200, 100, &fonts(), 7);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->problem, "");
    const auto& items = d->items;
    // Red square, null pen: filled, not stroked.
    auto* red = filled(items, 1, 0, 0);
    ASSERT_NE(red, nullptr);
    expect_box(bounds(*red), 0, 0, 100, 100);
    EXPECT_EQ(red->stroke_width, 0);
    EXPECT_EQ(red->clip_w, 200);
    EXPECT_EQ(red->tag, 7);
    // Blue ellipse with the 10-unit black pen (2 pt).
    auto* blue = filled(items, 0, 0, 1);
    ASSERT_NE(blue, nullptr);
    expect_box(bounds(*blue), 120, 20, 180, 80);
    EXPECT_NEAR(blue->stroke_width, 2, 1e-9);
    EXPECT_TRUE(same(blue->stroke, 0, 0, 0));
    // RestoreDC brought the null pen back: the green triangle has no outline.
    auto* green = filled(items, 0, 1, 0);
    ASSERT_NE(green, nullptr);
    expect_box(bounds(*green), 110, 84, 150, 96);
    EXPECT_EQ(green->stroke_width, 0);
    // The polyline: open, stroked, not filled.
    const layout::PathItem* line = nullptr;
    for (const auto& i : items)
        if (auto* p = std::get_if<layout::PathItem>(&i); p && !p->closed) line = p;
    ASSERT_NE(line, nullptr);
    EXPECT_FALSE(line->fill);
    ASSERT_EQ(line->points.size(), 3u);
    EXPECT_NEAR(line->points[1].first, 96, 1e-9);
    EXPECT_NEAR(line->points[2].second, 12, 1e-9);
    // Text on its baseline, 100 units = 20 pt, dark green, bold Arial.
    const layout::TextItem* text = nullptr;
    for (const auto& i : items)
        if (auto* t = std::get_if<layout::TextItem>(&i)) text = t;
    ASSERT_NE(text, nullptr);
    EXPECT_EQ(text->text, U"WMF Logo");
    EXPECT_NEAR(text->size, 20, 1e-9);
    EXPECT_NEAR(text->x, 10, 1e-9);
    EXPECT_NEAR(text->y, 90, 1e-9);
    EXPECT_TRUE(same(text->color, 0, 128 / 255.0, 0));
    EXPECT_FALSE(text->font_path.empty());
    // GDI's default background mode is opaque: the text cell is white.
    auto* cell = filled(items, 1, 1, 1);
    ASSERT_NE(cell, nullptr);
    EXPECT_NEAR(bounds(*cell).x0, 10, 1e-6);
    EXPECT_LT(bounds(*cell).y0, 90 - 20 * 0.8);
    EXPECT_GT(bounds(*cell).y1, 90 + 20 * 0.1);
    // The 2 x 2 bitmap in the top-right corner, its pixels as written.
    const layout::ImageItem* img = nullptr;
    for (const auto& i : items)
        if (auto* m = std::get_if<layout::ImageItem>(&i)) img = m;
    ASSERT_NE(img, nullptr);
    EXPECT_NEAR(img->x, 180, 1e-6);
    EXPECT_NEAR(img->y, 0, 1e-6);
    EXPECT_NEAR(img->width, 20, 1e-6);
    EXPECT_NEAR(img->height, 20, 1e-6);
    ASSERT_TRUE(img->raster);
    EXPECT_EQ(img->raster->pixels, kRedGreenBlueWhite);
}

TEST(Metafile, EmfMappingModePathTextBitmapAndWorldTransform) {
    // Window 2000 x 1000 onto the 80 x 40 mm frame, into 200 x 100 pt: 0.1 pt per unit.
    auto d = draw_metafile(fixture("logo.emf"), 200, 100, &fonts(), 3);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->problem, "");
    const auto& items = d->items;
    auto* yellow = filled(items, 1, 1, 0);
    ASSERT_NE(yellow, nullptr);
    expect_box(bounds(*yellow), 0, 0, 100, 100);
    auto* orange = filled(items, 1, 128 / 255.0, 0);
    ASSERT_NE(orange, nullptr);
    expect_box(bounds(*orange), 110, 10, 190, 40);
    EXPECT_NEAR(orange->stroke_width, 2, 1e-6);
    auto* path = filled(items, 0, 0, 0);  // the triangle path, FillPath with the black stock brush
    ASSERT_NE(path, nullptr);
    expect_box(bounds(*path), 110, 60, 150, 90);
    EXPECT_EQ(path->stroke_width, 0);
    auto* purple = filled(items, 128 / 255.0, 0, 128 / 255.0);
    ASSERT_NE(purple, nullptr);
    expect_box(bounds(*purple), 170, 50, 190, 70);  // moved 200 units right by the world transform
    const layout::TextItem* text = nullptr;
    for (const auto& i : items)
        if (auto* t = std::get_if<layout::TextItem>(&i)) text = t;
    ASSERT_NE(text, nullptr);
    EXPECT_EQ(text->text, U"EMF Emblem");
    EXPECT_NEAR(text->size, 15, 1e-6);
    EXPECT_NEAR(text->x, 10, 1e-6);
    EXPECT_GT(text->y, 10 + 15 * 0.8);  // TA_TOP: the baseline an ascent below the reference point
    EXPECT_LT(text->y, 10 + 15 * 1.0);
    EXPECT_TRUE(same(text->color, 128 / 255.0, 0, 0));
    EXPECT_EQ(filled(items, 1, 1, 1), nullptr);  // SetBkMode(TRANSPARENT): no cell behind the text
    const layout::ImageItem* img = nullptr;
    for (const auto& i : items)
        if (auto* m = std::get_if<layout::ImageItem>(&i)) img = m;
    ASSERT_NE(img, nullptr);
    EXPECT_NEAR(img->x, 190, 1e-6);
    EXPECT_NEAR(img->width, 10, 1e-6);
    ASSERT_TRUE(img->raster);
    EXPECT_EQ(img->raster->pixels, kRedGreenBlueWhite);
}

TEST(Metafile, SelectClipPathClipsWhatIsDrawnUntilRestoreDc) {
    // 256 x 128 device pixels (the 80 x 40 mm frame) into 200 x 100 pt.
    auto d = draw_metafile(fixture("clip.emf"), 200, 100, &fonts(), 0);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->problem, "");
    const layout::ImageItem* img = nullptr;
    const layout::PathItem* bar = nullptr;
    for (const auto& i : d->items) {
        if (auto* m = std::get_if<layout::ImageItem>(&i)) img = m;
        if (auto* p = std::get_if<layout::PathItem>(&i)) bar = p;
    }
    ASSERT_NE(img, nullptr);
    EXPECT_NEAR(img->width, 200, 1e-6);
    ASSERT_EQ(img->clip_path.size(), 4u);  // the triangle, closed by CloseFigure
    EXPECT_NEAR(img->clip_path[0].first, 0, 1e-6);
    EXPECT_NEAR(img->clip_path[0].second, 100, 1e-6);
    EXPECT_NEAR(img->clip_path[1].first, 100, 1e-6);
    EXPECT_NEAR(img->clip_path[1].second, 0, 1e-6);
    EXPECT_NEAR(img->clip_path[2].first, 200, 1e-6);
    ASSERT_NE(bar, nullptr);
    EXPECT_TRUE(same(bar->color, 0, 1, 0));
    EXPECT_TRUE(bar->clip_path.empty());  // RestoreDC ended the clip
}

TEST(Metafile, ARecordThatPaintsAndIsNotUnderstoodIsAProblem) {
    auto d = draw_metafile(fixture("gradient.emf"), 100, 100, &fonts(), 0);
    ASSERT_TRUE(d);
    EXPECT_NE(d->problem.find("EMF type 118"), std::string::npos) << d->problem;
}

TEST(Metafile, EveryTruncationAndCorruptionEndsCleanly) {
    for (const char* name : {"logo.wmf", "logo.emf", "clip.emf", "gradient.emf"}) {
        std::string bytes = fixture(name);
        ASSERT_FALSE(bytes.empty()) << name;
        for (std::size_t n = 0; n < bytes.size(); ++n) (void)draw_metafile(bytes.substr(0, n), 100, 50, &fonts(), 0);
        // Every byte set to 0xFF in turn: huge counts, sizes and offsets.
        for (std::size_t n = 0; n < bytes.size(); ++n) {
            std::string bad = bytes;
            bad[n] = '\xFF';
            (void)draw_metafile(bad, 100, 50, &fonts(), 0);
            bad[n] = '\x7F';
            (void)draw_metafile(bad, 100, 50, nullptr, 0);
        }
    }
}

TEST(Metafile, AHugePolygonCountIsRefusedBeforeAllocating) {
    std::string wmf = fixture("logo.wmf");
    // A POLYGON record that claims 65535 points in a 10-byte record.
    std::string rec("\x05\x00\x00\x00\x24\x03\xFF\xFF\x00\x00", 10);
    std::string bad = wmf.substr(0, wmf.size() - 6) + rec + wmf.substr(wmf.size() - 6);
    auto d = draw_metafile(bad, 100, 50, &fonts(), 0);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->problem, "");
}

namespace {

struct Rgb {
    int width = 0, height = 0;
    std::string data;
};

// The PDF's first page as RGB pixels at 72 dpi (poppler's pdftoppm).
Rgb pixels(const std::string& pdf) {
    char path[] = "/tmp/allies-metafile-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return {};
    bool written = write(fd, pdf.data(), pdf.size()) == static_cast<ssize_t>(pdf.size());
    close(fd);
    Rgb out;
    if (written)
        if (FILE* f = popen(("pdftoppm -r 72 -f 1 -l 1 " + std::string(path)).c_str(), "r")) {
            std::string ppm;
            char buf[65536];
            std::size_t n = 0;
            while ((n = fread(buf, 1, sizeof buf, f)) > 0) ppm.append(buf, n);
            pclose(f);
            // P6 header: "P6\nW H\n255\n".
            std::istringstream head(ppm);
            std::string magic;
            int max = 0;
            head >> magic >> out.width >> out.height >> max;
            auto at = static_cast<std::size_t>(head.tellg()) + 1;
            if (magic == "P6" && at < ppm.size()) out.data = ppm.substr(at);
        }
    unlink(path);
    return out;
}

DocxBuilder picture_document(const std::string& name, const std::string& bytes, bool vml, bool control = false) {
    DocxBuilder b;
    b.extra_parts.emplace_back("word/media/" + name, bytes);
    b.extra_rels.push_back("<Relationship Id=\"rImg\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                           "relationships/image\" Target=\"media/" + name + "\"/>");
    b.namespaces += " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
                    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
                    "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\" "
                    "xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\"";
    if (vml)  // an OLE object's preview, as Word writes it
        b.body = "<w:p><w:r><w:object w:dxaOrig=\"4000\" w:dyaOrig=\"2000\"><v:shape id=\"_x0000_i1025\" "
                 "type=\"#_x0000_t75\" style=\"width:200pt;height:100pt\" o:ole=\"\"><v:imagedata r:id=\"rImg\" "
                 "o:title=\"\"/></v:shape>" +
                 std::string(control ? "<w:control r:id=\"rCtl\" w:name=\"Crest\" w:shapeid=\"_x0000_i1025\"/>" : "") +
                 "</w:object></w:r></w:p>";
    else
        b.body = "<w:p><w:r><w:drawing><wp:inline><wp:extent cx=\"2540000\" cy=\"1270000\"/><wp:docPr id=\"1\" "
                 "name=\"P\" descr=\"Council emblem\"/><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/"
                 "drawingml/2006/picture\"><pic:pic><pic:blipFill><a:blip r:embed=\"rImg\"/></pic:blipFill></pic:pic>"
                 "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>";
    return b;
}

}  // namespace

TEST(Metafile, InADocumentTheLogoIsDrawnIntoThePdf) {
    for (bool vml : {false, true}) {
        auto pkg = Package::open_memory(picture_document("logo.wmf", fixture("logo.wmf"), vml).build(), "t.docx");
        Document doc = read_document(pkg);
        auto laid = layout::lay_out(doc, pkg, fonts());
        EXPECT_TRUE(laid.warnings.empty());
        ASSERT_FALSE(laid.pages.empty());
        const layout::PathItem* red = nullptr;
        bool text = false, image = false;
        for (const auto& item : laid.pages[0].items) {
            if (auto* p = std::get_if<layout::PathItem>(&item); p && same(p->color, 1, 0, 0)) red = p;
            if (auto* t = std::get_if<layout::TextItem>(&item); t && t->text == U"WMF Logo") text = true;
            if (std::holds_alternative<layout::ImageItem>(item)) image = true;
        }
        ASSERT_NE(red, nullptr) << "vml " << vml;
        EXPECT_TRUE(text);
        EXPECT_TRUE(image);
        // 200 x 100 pt box at the left margin (72 pt), at the top of the page: the red
        // square's left edge on the margin, its box clipped to the picture (PDF space).
        Box b = bounds(*red);
        EXPECT_NEAR(b.x0, 72, 0.6);
        EXPECT_NEAR(b.x1 - b.x0, 100, 0.6);
        EXPECT_NEAR(red->clip_x, 72, 0.6);
        EXPECT_NEAR(red->clip_w, 200, 0.6);
        EXPECT_NEAR(red->clip_h, 100, 0.6);
        EXPECT_NEAR(red->clip_y + red->clip_h, b.y1, 0.6);  // top of the box = top of the square
        std::string pdf = to_pdf(doc, pkg);
        // Poppler's rendering at 72 dpi: red in the square, blue in the
        // ellipse (its centre 150, 50 pt into the box), white beside the box.
        if (std::system("command -v pdftoppm >/dev/null 2>&1") == 0) {
            double page_h = laid.pages[0].height;
            double top = page_h - b.y1;  // the box's top, from the page's top
            auto rgb = pixels(pdf);
            auto at = [&](double x, double y) {
                std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(rgb.width) +
                                 static_cast<std::size_t>(x)) * 3;
                return i + 2 < rgb.data.size() ? std::array<int, 3>{static_cast<unsigned char>(rgb.data[i]),
                                                                   static_cast<unsigned char>(rgb.data[i + 1]),
                                                                   static_cast<unsigned char>(rgb.data[i + 2])}
                                               : std::array<int, 3>{-1, -1, -1};
            };
            EXPECT_EQ(at(72 + 50, top + 50), (std::array<int, 3>{255, 0, 0}));
            EXPECT_EQ(at(72 + 150, top + 50), (std::array<int, 3>{0, 0, 255}));
            EXPECT_EQ(at(72 + 260, top + 50), (std::array<int, 3>{255, 255, 255}));
        }
        auto content = verify::read_pdf_text(pdf, "t.pdf");
        std::string all;
        for (const auto& page : content.pages) all += page;
        EXPECT_NE(all.find("WMF Logo"), std::string::npos);
    }
}

TEST(Metafile, AnActiveXControlIsDrawnAsItsPicture) {
    // w:object holding a w:control: the control's VML picture, at the shape's size.
    auto pkg = Package::open_memory(picture_document("logo.wmf", fixture("logo.wmf"), true, true).build(), "t.docx");
    Document doc = read_document(pkg);
    auto laid = layout::lay_out(doc, pkg, fonts());
    ASSERT_FALSE(laid.pages.empty());
    const layout::PathItem* red = nullptr;
    for (const auto& item : laid.pages[0].items)
        if (auto* p = std::get_if<layout::PathItem>(&item); p && same(p->color, 1, 0, 0)) red = p;
    ASSERT_NE(red, nullptr);
    EXPECT_NEAR(red->clip_w, 200, 0.01);  // style="width:200pt;height:100pt"
    EXPECT_NEAR(red->clip_h, 100, 0.01);
}

TEST(Metafile, AnUndrawableMetafileIsAPlaceholderWithAWarning) {
    auto pkg = Package::open_memory(picture_document("gradient.emf", fixture("gradient.emf"), false).build(), "t.docx");
    Document doc = read_document(pkg);
    auto laid = layout::lay_out(doc, pkg, fonts());
    ASSERT_EQ(laid.warnings.size(), 1u);
    EXPECT_NE(laid.warnings[0].find("word/media/gradient.emf: metafile cannot be drawn in full"), std::string::npos)
        << laid.warnings[0];
    bool label = false;
    for (const auto& item : laid.pages.at(0).items)
        if (auto* t = std::get_if<layout::TextItem>(&item); t && t->text.find(U"Council emblem") != std::u32string::npos)
            label = true;
    EXPECT_TRUE(label);
}

// A raster Word keeps beside a metafile is drawn where the metafile cannot be.
namespace {

// gradient.emf (a GRADIENTFILL record: not drawn here) with a PNG beside it,
// as `where` says: "branch" (a w:pict in mc:Fallback after a drawing in
// mc:Choice), "layer" (the blip's a14:imgLayer), or "none".
DocxBuilder metafile_with_fallback(const std::string& emf_name, const std::string& emf, const std::string& where) {
    DocxBuilder b = picture_document(emf_name, emf, false);
    b.extra_parts.emplace_back("word/media/fallback.png", tiny_png());
    b.extra_rels.push_back("<Relationship Id=\"rPng\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                           "relationships/image\" Target=\"media/fallback.png\"/>");
    b.namespaces += " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""
                    " xmlns:a14=\"http://schemas.microsoft.com/office/drawing/2010/main\"";
    std::string drawing = b.body.substr(b.body.find("<w:drawing>"));
    drawing = drawing.substr(0, drawing.find("</w:drawing>") + 12);
    if (where == "branch") {
        std::string pict = "<w:pict><v:shape style=\"width:200pt;height:100pt\"><v:imagedata r:id=\"rPng\" o:title=\"\"/>"
                           "</v:shape></w:pict>";
        b.body.replace(b.body.find(drawing), drawing.size(),
                       "<mc:AlternateContent><mc:Choice Requires=\"a14\">" + drawing + "</mc:Choice><mc:Fallback>" +
                           pict + "</mc:Fallback></mc:AlternateContent>");
    } else if (where == "layer") {
        b.body.replace(b.body.find("<a:blip r:embed=\"rImg\"/>"), 24,
                       "<a:blip r:embed=\"rImg\"><a:extLst><a:ext uri=\"{BEBA8EAE-BF5A-486C-A8C5-ECC9F3942E4B}\">"
                       "<a14:imgProps><a14:imgLayer r:embed=\"rPng\"/></a14:imgProps></a:ext></a:extLst></a:blip>");
    }
    return b;
}

// The PNG images on the first page.
int png_images(const layout::LaidOutDocument& laid) {
    int n = 0;
    for (const auto& item : laid.pages.at(0).items)
        if (auto* img = std::get_if<layout::ImageItem>(&item); img && img->bytes == tiny_png()) ++n;
    return n;
}

}  // namespace

TEST(Metafile, AnUndrawableMetafileIsDrawnFromTheRasterBesideIt) {
    for (const char* where : {"branch", "layer"}) {
        auto pkg = Package::open_memory(metafile_with_fallback("gradient.emf", fixture("gradient.emf"), where).build(), "t.docx");
        Document doc = read_document(pkg);
        ASSERT_EQ(doc.picture_formats.size(), 1u) << where;
        EXPECT_EQ(doc.picture_formats[0].fallback_part, "word/media/fallback.png") << where;
        auto laid = layout::lay_out(doc, pkg, fonts());
        EXPECT_TRUE(laid.warnings.empty()) << where << ": " << (laid.warnings.empty() ? "" : laid.warnings[0]);
        EXPECT_EQ(png_images(laid), 1) << where;
    }
    // No raster beside it: the placeholder and its warning, as before.
    auto pkg = Package::open_memory(metafile_with_fallback("gradient.emf", fixture("gradient.emf"), "none").build(), "t.docx");
    auto laid = layout::lay_out(read_document(pkg), pkg, fonts());
    EXPECT_EQ(laid.warnings.size(), 1u);
    EXPECT_EQ(png_images(laid), 0);
}

TEST(Metafile, AMetafileDrawnInFullIsPreferredToItsRaster) {
    auto pkg = Package::open_memory(metafile_with_fallback("logo.wmf", fixture("logo.wmf"), "branch").build(), "t.docx");
    Document doc = read_document(pkg);
    auto laid = layout::lay_out(doc, pkg, fonts());
    EXPECT_TRUE(laid.warnings.empty());
    EXPECT_EQ(png_images(laid), 0);
    bool red = false;
    for (const auto& item : laid.pages.at(0).items)
        if (auto* p = std::get_if<layout::PathItem>(&item); p && same(p->color, 1, 0, 0)) red = true;
    EXPECT_TRUE(red);  // the metafile's own vector drawing
}
