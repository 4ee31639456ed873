// GIF, TIFF and BMP pictures (issue 13): decoded to exact pixels, GIF
// transparency and interlacing, BMP layouts; every truncation of each file
// refused without a crash; oversized headers refused before allocating; a
// GIF in a document drawn as a picture, not an empty box.
#include <gtest/gtest.h>
#include <gif_lib.h>
#include <tiffio.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "allies/package.hpp"
#include "allies/pdf.hpp"
#include "allies/reader.hpp"
#include "layout/layout.hpp"
#include "layout/png_decoder.hpp"
#include "layout/raster_decoders.hpp"
#include "support/docx_builder.hpp"

using namespace allies;
using namespace allies::testing;
using allies::layout::decode_raster;

namespace {

// 3 x 2 pixels, rows top-down: red green blue / white black grey.
const unsigned char kRgb[2][3][3] = {{{255, 0, 0}, {0, 255, 0}, {0, 0, 255}}, {{255, 255, 255}, {0, 0, 0}, {128, 128, 128}}};

std::string expected_pixels() {
    std::string s;
    for (auto& row : kRgb)
        for (auto& px : row)
            for (unsigned char c : px) s += static_cast<char>(c);
    return s;
}

void put32(std::string& s, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) s += static_cast<char>((v >> (8 * i)) & 0xFF);
}
void put16(std::string& s, unsigned v) {
    s += static_cast<char>(v & 0xFF);
    s += static_cast<char>((v >> 8) & 0xFF);
}

// A BMP of kRgb: 24-bit, or 32-bit with bit fields and an alpha mask.
std::string bmp(int bits, bool top_down = false) {
    const int w = 3, h = 2;
    std::uint32_t header = bits == 32 ? 108 : 40;  // V4 header carries the masks
    std::uint32_t stride = ((w * bits + 31) / 32) * 4;
    std::string pixels;
    for (int k = 0; k < h; ++k) {
        int y = top_down ? k : h - 1 - k;
        std::string row;
        for (int x = 0; x < w; ++x) {
            row += static_cast<char>(kRgb[y][x][2]);
            row += static_cast<char>(kRgb[y][x][1]);
            row += static_cast<char>(kRgb[y][x][0]);
            if (bits == 32) row += static_cast<char>(x == 0 ? 0x80 : 0xFF);  // alpha
        }
        row.resize(stride, '\0');
        pixels += row;
    }
    std::string s = "BM";
    put32(s, static_cast<std::uint32_t>(14 + header + pixels.size()));
    put32(s, 0);
    put32(s, 14 + header);
    put32(s, header);
    put32(s, w);
    put32(s, static_cast<std::uint32_t>(top_down ? -h : h));
    put16(s, 1);
    put16(s, static_cast<unsigned>(bits));
    put32(s, bits == 32 ? 3 : 0);  // BI_BITFIELDS or BI_RGB
    put32(s, static_cast<std::uint32_t>(pixels.size()));
    put32(s, 2835);
    put32(s, 2835);
    put32(s, 0);
    put32(s, 0);
    if (bits == 32) {
        put32(s, 0x00FF0000);
        put32(s, 0x0000FF00);
        put32(s, 0x000000FF);
        put32(s, 0xFF000000);
        s.resize(14 + header, '\0');
    }
    return s + pixels;
}

// A 4-colour palette BMP (8 bits per pixel) of kRgb's first row twice.
std::string bmp8() {
    std::string s = "BM";
    std::string palette;
    for (auto& px : kRgb[0]) palette += std::string{static_cast<char>(px[2]), static_cast<char>(px[1]), static_cast<char>(px[0]), 0};
    std::string pixels;
    for (int y = 0; y < 2; ++y) pixels += std::string("\x00\x01\x02\x00", 4);
    put32(s, static_cast<std::uint32_t>(14 + 40 + palette.size() + pixels.size()));
    put32(s, 0);
    put32(s, static_cast<std::uint32_t>(14 + 40 + palette.size()));
    put32(s, 40);
    put32(s, 3);
    put32(s, 2);
    put16(s, 1);
    put16(s, 8);
    put32(s, 0);
    put32(s, static_cast<std::uint32_t>(pixels.size()));
    put32(s, 0);
    put32(s, 0);
    put32(s, 3);
    put32(s, 0);
    return s + palette + pixels;
}

int gif_write(GifFileType* gif, const GifByteType* data, int len) {
    static_cast<std::string*>(gif->UserData)->append(reinterpret_cast<const char*>(data), static_cast<std::size_t>(len));
    return len;
}

// A GIF of kRgb (palette of its six colours), optionally interlaced, with
// palette index `transparent` transparent (-1: none).
std::string gif(bool interlace, int transparent = -1) {
    std::string out;
    int error = 0;
    GifFileType* g = EGifOpen(&out, gif_write, &error);
    if (!g) return {};
    GifColorType colours[8] = {};
    int n = 0;
    for (auto& row : kRgb)
        for (auto& px : row) colours[n++] = {px[0], px[1], px[2]};
    ColorMapObject* map = GifMakeMapObject(8, colours);
    EGifSetGifVersion(g, true);
    EGifPutScreenDesc(g, 3, 2, 8, 0, map);
    if (transparent >= 0) {
        GraphicsControlBlock gcb{};
        gcb.DisposalMode = DISPOSAL_UNSPECIFIED;
        gcb.DelayTime = 0;
        gcb.TransparentColor = transparent;
        GifByteType ext[4];
        size_t len = EGifGCBToExtension(&gcb, ext);
        EGifPutExtension(g, GRAPHICS_EXT_FUNC_CODE, static_cast<int>(len), ext);
    }
    EGifPutImageDesc(g, 0, 0, 3, 2, interlace, nullptr);
    // With two rows, the interlaced order (pass 1: row 0, pass 4: row 1) is the plain one.
    for (int y = 0; y < 2; ++y) {
        GifPixelType line[3] = {static_cast<GifPixelType>(y * 3), static_cast<GifPixelType>(y * 3 + 1),
                                static_cast<GifPixelType>(y * 3 + 2)};
        EGifPutLine(g, line, 3);
    }
    EGifCloseFile(g, &error);
    GifFreeMapObject(map);
    return out;
}

// A TIFF of kRgb (8-bit RGB, one strip), written by libtiff to a temporary file.
std::string tiff_file(int compression = COMPRESSION_NONE) {
    char path[] = "/tmp/allies-tiff-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return {};
    close(fd);
    TIFF* t = TIFFOpen(path, "w");
    if (!t) return {};
    TIFFSetField(t, TIFFTAG_IMAGEWIDTH, 3);
    TIFFSetField(t, TIFFTAG_IMAGELENGTH, 2);
    TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 3);
    TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 8);
    TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_RGB);
    TIFFSetField(t, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(t, TIFFTAG_COMPRESSION, compression);
    TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, 2);
    for (int y = 0; y < 2; ++y) {
        unsigned char row[9];
        for (int x = 0; x < 3; ++x)
            for (int c = 0; c < 3; ++c) row[x * 3 + c] = kRgb[y][x][c];
        TIFFWriteScanline(t, row, static_cast<std::uint32_t>(y), 0);
    }
    TIFFClose(t);
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::remove(path);
    return ss.str();
}

}  // namespace

TEST(RasterDecoders, BmpLayoutsDecodeToTheirPixels) {
    for (bool top_down : {false, true}) {
        auto r = decode_raster(bmp(24, top_down));
        ASSERT_TRUE(r) << top_down;
        EXPECT_EQ(r->width, 3u);
        EXPECT_EQ(r->height, 2u);
        EXPECT_EQ(r->pixels, expected_pixels()) << top_down;
        EXPECT_TRUE(r->alpha.empty());
    }
    auto r32 = decode_raster(bmp(32));
    ASSERT_TRUE(r32);
    EXPECT_EQ(r32->pixels, expected_pixels());
    ASSERT_EQ(r32->alpha.size(), 6u);
    EXPECT_EQ(static_cast<unsigned char>(r32->alpha[0]), 0x80);  // the alpha mask is read
    EXPECT_EQ(static_cast<unsigned char>(r32->alpha[1]), 0xFF);
    auto r8 = decode_raster(bmp8());
    ASSERT_TRUE(r8);
    std::string first_row = expected_pixels().substr(0, 9);
    EXPECT_EQ(r8->pixels, first_row + first_row);
}

TEST(RasterDecoders, GifFirstFrameWithTransparencyAndInterlace) {
    for (bool interlace : {false, true}) {
        auto r = decode_raster(gif(interlace));
        ASSERT_TRUE(r) << interlace;
        EXPECT_EQ(r->pixels, expected_pixels());
        EXPECT_TRUE(r->alpha.empty());
    }
    auto t = decode_raster(gif(false, 4));  // black (index 4) is transparent
    ASSERT_TRUE(t);
    ASSERT_EQ(t->alpha.size(), 6u);
    EXPECT_EQ(t->alpha, std::string("\xFF\xFF\xFF\xFF\x00\xFF", 6));
}

TEST(RasterDecoders, TiffDecodesThroughLibtiff) {
    for (int compression : {COMPRESSION_NONE, COMPRESSION_LZW, COMPRESSION_ADOBE_DEFLATE}) {
        std::string bytes = tiff_file(compression);
        ASSERT_FALSE(bytes.empty());
        auto r = decode_raster(bytes);
        ASSERT_TRUE(r) << compression;
        EXPECT_EQ(r->pixels, expected_pixels()) << compression;
        EXPECT_TRUE(r->alpha.empty());
    }
}

TEST(RasterDecoders, EveryTruncationIsRefusedWithoutACrash) {
    for (const std::string& whole : {bmp(24), bmp(32), bmp8(), gif(false), gif(true, 2), tiff_file(), tiff_file(COMPRESSION_LZW)}) {
        ASSERT_TRUE(decode_raster(whole));
        for (std::size_t n = 0; n + 1 < whole.size(); ++n) {
            auto r = decode_raster(std::string_view(whole).substr(0, n));
            if (r) {  // a decoder may finish before the end (a GIF's trailer), never past the data
                EXPECT_EQ(r->pixels.size(), static_cast<std::size_t>(r->width) * r->height * 3);
            }
        }
    }
}

TEST(RasterDecoders, HugeDeclaredSizesAreRefusedBeforeDecoding) {
    std::string big = bmp(24);
    big[18] = big[19] = big[20] = '\x7F';  // width about 8 million
    EXPECT_FALSE(decode_raster(big));
    std::string g = gif(false);
    g[6] = g[7] = g[8] = g[9] = '\xFF';  // logical screen 65535 x 65535
    EXPECT_FALSE(decode_raster(g));
    EXPECT_FALSE(decode_raster(std::string("GIF89a") + std::string(20, '\xFF')));
    EXPECT_FALSE(decode_raster(std::string("II*\0", 4) + std::string(100, '\x01')));
    EXPECT_FALSE(decode_raster("BM"));
}

TEST(RasterDecoders, AGifInADocumentIsDrawnAsAPicture) {
    static layout::FontLibrary fonts;
    for (const std::string name : {"photo.gif", "broken.gif"}) {
        DocxBuilder b;
        std::string bytes = gif(false);
        if (name == "broken.gif") bytes.resize(bytes.size() / 2);
        b.extra_parts.emplace_back("word/media/" + name, bytes);
        b.extra_rels.push_back("<Relationship Id=\"rImg\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                               "relationships/image\" Target=\"media/" + name + "\"/>");
        b.namespaces += " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
                        "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
                        "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";
        b.body = "<w:p><w:r><w:drawing><wp:inline><wp:extent cx=\"914400\" cy=\"609600\"/><wp:docPr id=\"1\" name=\"P\" "
                 "descr=\"Team photo\"/><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/"
                 "picture\"><pic:pic><pic:blipFill><a:blip r:embed=\"rImg\"/></pic:blipFill></pic:pic></a:graphicData>"
                 "</a:graphic></wp:inline></w:drawing></w:r></w:p>";
        auto pkg = Package::open_memory(b.build(), "t.docx");
        Document doc = read_document(pkg);
        auto laid = layout::lay_out(doc, pkg, fonts);
        const layout::ImageItem* img = nullptr;
        for (const auto& item : laid.pages.at(0).items)
            if (auto* i = std::get_if<layout::ImageItem>(&item)) img = i;
        if (name == "photo.gif") {
            ASSERT_NE(img, nullptr);
            ASSERT_TRUE(img->raster);
            EXPECT_EQ(img->raster->pixels, expected_pixels());
            EXPECT_TRUE(laid.warnings.empty());
            // The PDF holds the 3 x 2 RGB picture (poppler's own reading).
            std::string pdf = to_pdf(doc, pkg);
            if (std::system("command -v pdfimages >/dev/null 2>&1") != 0) continue;
            char path[] = "/tmp/allies-gif-pdf-XXXXXX";
            int fd = mkstemp(path);
            ASSERT_GE(fd, 0);
            ASSERT_EQ(write(fd, pdf.data(), pdf.size()), static_cast<ssize_t>(pdf.size()));
            close(fd);
            std::string list;
            if (FILE* f = popen(("pdfimages -list " + std::string(path)).c_str(), "r")) {
                char buf[512];
                while (fgets(buf, sizeof buf, f)) list += buf;
                pclose(f);
            }
            std::remove(path);
            EXPECT_NE(list.find("image       3     2  rgb     3   8"), std::string::npos) << list;
        } else {
            EXPECT_EQ(img, nullptr);  // a placeholder box with the alt text, and a warning
            ASSERT_EQ(laid.warnings.size(), 1u);
            EXPECT_NE(laid.warnings[0].find("broken.gif"), std::string::npos);
        }
    }
}

namespace {

// A 2 x 1 BMP: red on the left, blue on the right.
std::string red_blue_bmp() {
    std::string s = "BM";
    std::string row = std::string("\x00\x00\xFF", 3) + std::string("\xFF\x00\x00", 3) + std::string(2, '\0');
    put32(s, static_cast<std::uint32_t>(14 + 40 + row.size()));
    put32(s, 0);
    put32(s, 54);
    put32(s, 40);
    put32(s, 2);
    put32(s, 1);
    put16(s, 1);
    put16(s, 24);
    for (int i = 0; i < 6; ++i) put32(s, 0);
    return s + row;
}

}  // namespace

TEST(Pictures, CroppingAndOutlineAreDrawn) {
    DocxBuilder b;
    b.extra_parts.emplace_back("word/media/rb.bmp", red_blue_bmp());
    b.extra_rels.push_back("<Relationship Id=\"rImg\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                           "relationships/image\" Target=\"media/rb.bmp\"/>");
    b.namespaces += " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
                    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
                    "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";
    // One inch square; the left half of the picture cut off; a 3 pt green outline.
    b.body = "<w:p><w:r><w:drawing><wp:inline><wp:extent cx=\"914400\" cy=\"914400\"/><wp:docPr id=\"1\" name=\"P\"/>"
             "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>"
             "<pic:blipFill><a:blip r:embed=\"rImg\"/><a:srcRect l=\"50000\"/><a:stretch><a:fillRect/></a:stretch>"
             "</pic:blipFill><pic:spPr><a:ln w=\"38100\"><a:solidFill><a:srgbClr val=\"00FF00\"/></a:solidFill></a:ln>"
             "</pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
             "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" "
             "w:left=\"1440\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr>";
    auto pkg = Package::open_memory(b.build(), "t.docx");
    Document doc = read_document(pkg);
    const Inline& drawing = doc.body.at(0).paragraph.inlines.at(0);
    ASSERT_EQ(drawing.picture_format, 0);
    const PictureFormat& format = doc.picture_formats.at(0);
    EXPECT_EQ(format.crop_left, 50000);
    EXPECT_EQ(format.outline_width, 38100);
    EXPECT_EQ(format.outline_color, "00FF00");
    static layout::FontLibrary fonts;
    auto laid = layout::lay_out(doc, pkg, fonts);
    const layout::ImageItem* img = nullptr;
    const layout::RectItem* outline = nullptr;
    for (const auto& item : laid.pages.at(0).items) {
        if (auto* i = std::get_if<layout::ImageItem>(&item)) img = i;
        if (auto* r = std::get_if<layout::RectItem>(&item); r && !r->fill) outline = r;
    }
    ASSERT_TRUE(img && outline);
    EXPECT_DOUBLE_EQ(img->crop_left, 0.5);
    EXPECT_DOUBLE_EQ(outline->stroke_width, 3.0);
    EXPECT_DOUBLE_EQ(outline->color.g, 1.0);
    // Rendered by poppler at 72 dpi: the box shows only the blue half.
    if (std::system("command -v pdftoppm >/dev/null 2>&1") != 0) GTEST_SKIP() << "pdftoppm not installed";
    std::string pdf = to_pdf(doc, pkg);
    char path[] = "/tmp/allies-crop-XXXXXX";
    int fd = mkstemp(path);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(write(fd, pdf.data(), pdf.size()), static_cast<ssize_t>(pdf.size()));
    close(fd);
    std::string png_path = std::string(path) + ".png";
    ASSERT_EQ(std::system(("pdftoppm -r 72 -png -singlefile " + std::string(path) + " " + path).c_str()), 0);
    std::ifstream in(png_path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::remove(path);
    std::remove(png_path.c_str());
    auto page = layout::decode_png(ss.str());
    ASSERT_TRUE(page);
    auto pixel = [&](double x_pt, double y_pt) {  // from the page's top-left, in points
        std::size_t at = (static_cast<std::size_t>(y_pt) * page->width + static_cast<std::size_t>(x_pt)) * page->channels;
        return std::array<int, 3>{static_cast<unsigned char>(page->pixels[at]), static_cast<unsigned char>(page->pixels[at + 1]),
                                  static_cast<unsigned char>(page->pixels[at + 2])};
    };
    double top = laid.pages[0].height - (img->y + img->height);
    for (double fx : {0.2, 0.5, 0.8}) {
        auto c = pixel(img->x + fx * img->width, top + 0.5 * img->height);
        EXPECT_LT(c[0], 60) << fx;   // not the red half
        EXPECT_GT(c[2], 200) << fx;  // the blue half fills the box
    }
    auto edge = pixel(img->x + 0.5 * img->width, top);  // on the outline
    EXPECT_GT(edge[1], 200);
    EXPECT_LT(edge[0], 60);
}
