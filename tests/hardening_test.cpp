// Hostile and damaged inputs that must work, or fail cleanly; handles into
// XML trees that must not outlive their tree (issue: hardening).
#include <gtest/gtest.h>

#include <algorithm>

#include "allies/error.hpp"
#include "allies/package.hpp"
#include "allies/pdf.hpp"
#include "allies/reader.hpp"
#include "allies/redact.hpp"
#include "layout/layout.hpp"
#include "layout/picture_check.hpp"
#include "package/package_impl.hpp"
#include "support/docx_builder.hpp"
#include "support/tiny_png.hpp"

using namespace allies;
using namespace allies::testing;

namespace {

const char* kImageRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";

std::string picture_paragraph(const std::string& rid, const std::string& alt) {
    return "<w:p><w:r><w:drawing><wp:inline><wp:extent cx=\"1828800\" cy=\"914400\"/><wp:docPr id=\"1\" name=\"P\" descr=\"" + alt +
           "\"/><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:blipFill>"
           "<a:blip r:embed=\"" + rid + "\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>";
}

DocxBuilder with_picture(const std::string& bytes, const std::string& name = "word/media/a.png") {
    DocxBuilder b;
    b.extra_parts.emplace_back(name, bytes);
    b.extra_rels.push_back(std::string("<Relationship Id=\"rImg\" Type=\"") + kImageRel + "\" Target=\"" +
                           name.substr(5) + "\"/>");
    b.namespaces += " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
                    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
                    "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";
    b.body = para("before") + picture_paragraph("rImg", "Site plan of the depot") + para("after");
    return b;
}

// A JPEG header that reaches its scan (no pixels: enough for the check).
std::string jpeg_header(unsigned char sof = 0xC0, unsigned width = 16) {
    std::string j("\xFF\xD8", 2);
    j += std::string("\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 18);
    j += std::string("\xFF", 1) + static_cast<char>(sof) + std::string("\x00\x0B\x08\x00\x10", 5) +
         static_cast<char>(width >> 8) + static_cast<char>(width & 0xFF) + std::string("\x01\x01\x11\x00", 4);
    j += std::string("\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00", 10);
    j += std::string("\x12\x34\xFF\xD9", 4);
    return j;
}

}  // namespace

TEST(PictureCheck, AcceptsAWellFormedPngAndJpeg) {
    EXPECT_TRUE(layout::check_picture(tiny_png()).drawable);
    auto j = layout::check_picture(jpeg_header());
    EXPECT_TRUE(j.drawable) << j.problem;
    EXPECT_EQ(j.kind, layout::PictureKind::jpeg);
}

TEST(PictureCheck, RejectsDamagedPngs) {
    std::string png = tiny_png();
    // Truncated at every length: never drawable, never a crash.
    for (std::size_t n = 0; n < png.size(); ++n) EXPECT_FALSE(layout::check_picture(png.substr(0, n)).drawable) << n;
    std::string bad_crc = png;
    bad_crc[30] ^= 0x40;  // inside IHDR
    EXPECT_FALSE(layout::check_picture(bad_crc).drawable);
    // Image data that inflates to less than the header promises: rebuild
    // IHDR claiming 2x2 (with a correct CRC) over 1x1 data.
    std::string ihdr = be32(2) + be32(2) + std::string("\x08\x06\x00\x00\x00", 5);
    std::string lying = png.substr(0, 8) + png_chunk("IHDR", ihdr) + png.substr(8 + 25);
    auto c = layout::check_picture(lying);
    EXPECT_FALSE(c.drawable);
    EXPECT_NE(c.problem.find("damaged"), std::string::npos) << c.problem;
}

TEST(PictureCheck, RejectsDamagedOrUndrawableJpegs) {
    std::string j = jpeg_header();
    for (std::size_t n = 2; n < 30; ++n) EXPECT_FALSE(layout::check_picture(j.substr(0, n)).drawable) << n;
    EXPECT_FALSE(layout::check_picture(jpeg_header(0xC3)).drawable);  // lossless
    EXPECT_FALSE(layout::check_picture(jpeg_header(0xC0, 0)).drawable);  // zero width
    EXPECT_FALSE(layout::check_picture(std::string("\xFF\xD8garbage garbage garbage", 25)).drawable);
}

TEST(DamagedPictures, PdfIsWrittenWithAPlaceholderAndAWarning) {
    for (const std::string& bytes : {tiny_png().substr(0, 40) + "rubbish", jpeg_header().substr(0, 25)}) {
        DocxBuilder b = with_picture(bytes);
        Package pkg = Package::open_memory(b.build(), "damaged.docx");
        Document doc = read_document(pkg);
        PdfConvertOptions o;
        std::vector<std::string> warnings;
        o.warnings = &warnings;
        std::string pdf;
        ASSERT_NO_THROW(pdf = to_pdf(doc, pkg, o));
        EXPECT_EQ(pdf.compare(0, 5, "%PDF-"), 0);
        ASSERT_EQ(warnings.size(), 1u);
        EXPECT_NE(warnings[0].find("word/media/a.png"), std::string::npos) << warnings[0];
        // The box carries the alt text, in the layout the PDF is made from.
        layout::FontLibrary fonts;
        auto laid = layout::lay_out(doc, pkg, fonts);
        bool label = false, box = false;
        for (const auto& item : laid.pages.at(0).items) {
            if (auto* t = std::get_if<layout::TextItem>(&item); t && t->text.find(U"Site plan") != std::u32string::npos) label = true;
            if (auto* r = std::get_if<layout::RectItem>(&item); r && !r->fill && r->width > 100) box = true;
            EXPECT_EQ(std::get_if<layout::ImageItem>(&item), nullptr);
        }
        EXPECT_TRUE(label);
        EXPECT_TRUE(box);
    }
}

TEST(DamagedPictures, RedactionReplacesThemInsteadOfRefusing) {
    DocxBuilder b = with_picture(tiny_png().substr(0, 45) + "tail", "word/media/photo.jpeg");
    Package pkg = Package::open_memory(b.build(), "damaged.docx");
    Redactor r(pkg, RedactOptions{});
    std::string out;
    ASSERT_NO_THROW(out = r.public_bytes());
    Package again = Package::open_memory(out, "public.docx");
    ASSERT_TRUE(again.has_part("word/media/photo.jpeg"));
    EXPECT_TRUE(layout::check_picture(again.part_bytes("word/media/photo.jpeg")).drawable);
    EXPECT_EQ(again.content_type("word/media/photo.jpeg"), "image/png");
    const auto& hits = r.find().hits;
    EXPECT_TRUE(std::any_of(hits.begin(), hits.end(), [](const Hit& h) { return h.category == "damaged picture"; }));
}

TEST(BrokenOptionalParts, AreLeftOutReadAndDroppedFromThePublicCopy) {
    struct Case {
        std::string part, type, bytes;
    };
    const std::vector<Case> cases = {
        {"word/fontTable.xml", "fontTable", ""},
        {"word/webSettings.xml", "webSettings", "<w:webSettings"},
        {"word/settings.xml", "settings", "<?xml version=\"1.0\"?><w:settings xmlns:w=\"x\"><w:zoom></w:settings>"},
        {"word/theme/theme1.xml", "theme", "not xml at all \x01"},
        {"word/stylesWithEffects.xml", "stylesWithEffects", "<a><b></a>"},
        {"word/header1.xml", "header", "<w:hdr xmlns:w=\"" + std::string(kW) + "\"><w:p>"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.part);
        DocxBuilder b;
        b.extra_parts.emplace_back(c.part, c.bytes);
        b.extra_rels.push_back("<Relationship Id=\"rB\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/" +
                               c.type + "\" Target=\"" + c.part.substr(5) + "\"/>");
        std::string sect = c.type == "header" ? "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rB\"/></w:sectPr>" : "";
        b.body = para("Minutes of the meeting") + sect;
        Package pkg = Package::open_memory(b.build(), "broken.docx");
        ASSERT_EQ(pkg.dropped_parts().size(), 1u);
        EXPECT_EQ(pkg.dropped_parts()[0].name, c.part);
        EXPECT_FALSE(pkg.has_part(c.part));
        Document doc = read_document(pkg);
        EXPECT_FALSE(doc.warnings.empty());
        EXPECT_NO_THROW(to_pdf(doc, pkg));
        Redactor r(pkg, RedactOptions{});
        std::string out;
        ASSERT_NO_THROW(out = r.public_bytes());
        const auto& removed = r.find().removed_parts;
        EXPECT_TRUE(std::any_of(removed.begin(), removed.end(), [&](const RemovedPart& p) { return p.part == c.part; }));
        Package again = Package::open_memory(out, "public.docx");
        EXPECT_TRUE(again.dropped_parts().empty());
        EXPECT_FALSE(again.has_part(c.part));
        for (const auto& rel : again.relationships(again.main_document()))
            EXPECT_TRUE(rel.external || again.has_part(rel.target_part)) << rel.target_part;
        std::string main(again.part_bytes(again.main_document()));
        EXPECT_EQ(main.find("r:id=\"rB\""), std::string::npos);
    }
}

TEST(BrokenOptionalParts, ABrokenMainDocumentIsStillAnError) {
    DocxBuilder b;
    b.body = "<w:p><w:r><w:t>unclosed";
    try {
        Package::open_memory(b.build(), "broken.docx");
        FAIL() << "opened";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::bad_xml);
    }
}

TEST(ZipLimits, RepetitiveXmlFarBeyondTheRatioIsAccepted) {
    // A 20 MB paragraph of one formatting compresses about 1000:1.
    std::string runs;
    const std::string run = "<w:r><w:rPr><w:b/></w:rPr><w:t>word </w:t></w:r>";
    runs.reserve(20u << 20);
    while (runs.size() < (20u << 20)) runs += run;
    DocxBuilder b;
    b.body = "<w:p>" + runs + "</w:p>";
    std::string docx = b.build();
    EXPECT_LT(docx.size() * 200, std::size_t{20} << 20);  // beyond the ratio limit
    EXPECT_NO_THROW(Package::open_memory(docx, "long.docx"));
}

TEST(ZipLimits, ABombPastTheGraceIsStillRefusedByItsRatio) {
    std::string zeros(100u << 20, '\0');
    DocxBuilder b;
    b.extra_parts.emplace_back("word/media/zeros.bin", zeros);
    std::string docx = b.build();
    zeros.clear();
    zeros.shrink_to_fit();
    try {
        Package::open_memory(docx, "bomb.docx");
        FAIL() << "opened";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::zip_bomb) << e.what();
    }
}

TEST(TreeGenerations, ChangeWhenATreeIsFreedOrReplacedAndNotOtherwise) {
    DocxBuilder b = with_picture(tiny_png());
    b.comments = part("comments", "<w:comment w:id=\"0\" w:author=\"A\">" + para("c") + "</w:comment>");
    Package pkg = Package::open_memory(b.build(), "g.docx");
    TreeHandles handles;
    handles.take(pkg);
    auto g0 = tree_generation(pkg);
    (void)xml(pkg, "word/comments.xml");
    pkg.set_part("word/media/a.png", tiny_png(), "image/png");  // not XML: no tree freed
    EXPECT_EQ(tree_generation(pkg), g0);
    EXPECT_NO_THROW(handles.check(pkg, "test"));
    pkg.remove_part("word/comments.xml");  // its tree is freed
    EXPECT_NE(tree_generation(pkg), g0);
#ifdef ALLIES_CHECKED_BUILD
    EXPECT_DEATH(handles.check(pkg, "test"), "stale XML handles");
#else
    EXPECT_THROW(handles.check(pkg, "test"), Error);
#endif
    handles.take(pkg);
    auto g1 = tree_generation(pkg);
    (void)xml(pkg, pkg.main_document());
    Package again = Package::open_memory(pkg.to_bytes(), "again.docx");  // a reopened package never repeats one
    EXPECT_NE(tree_generation(again), g1);
    EXPECT_NE(tree_generation(again), g0);
}

TEST(ZipLimits, EntriesSharingCompressedDataAreABomb) {
    DocxBuilder b;
    b.extra_parts.emplace_back("word/media/x.bin", std::string(100000, 'x'));
    b.extra_parts.emplace_back("word/media/y.bin", std::string(100000, 'x'));
    std::string zip = b.build();
    EXPECT_NO_THROW(Package::open_memory(zip, "fine.docx"));
    // Point y.bin's central record at x.bin's local header.
    auto le32 = [&](std::size_t at) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(zip[at])) |
               static_cast<std::uint32_t>(static_cast<unsigned char>(zip[at + 1])) << 8 |
               static_cast<std::uint32_t>(static_cast<unsigned char>(zip[at + 2])) << 16 |
               static_cast<std::uint32_t>(static_cast<unsigned char>(zip[at + 3])) << 24;
    };
    std::size_t x = zip.find(std::string("PK\x01\x02", 4));
    std::size_t offset_x = 0, record_y = std::string::npos;
    for (std::size_t at = x; at != std::string::npos; at = zip.find(std::string("PK\x01\x02", 4), at + 4)) {
        std::size_t name_len = static_cast<unsigned char>(zip[at + 28]) | static_cast<unsigned char>(zip[at + 29]) << 8;
        std::string name = zip.substr(at + 46, name_len);
        if (name == "word/media/x.bin") offset_x = le32(at + 42);
        if (name == "word/media/y.bin") record_y = at;
    }
    ASSERT_NE(record_y, std::string::npos);
    for (int i = 0; i < 4; ++i) zip[record_y + 42 + static_cast<std::size_t>(i)] = static_cast<char>(offset_x >> (8 * i));
    try {
        Package::open_memory(zip, "overlap.docx");
        FAIL() << "opened";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::zip_bomb) << e.what();
    }
}
