// The PDF writer on hand-made frames: text extracts exactly (subset fonts
// with ToUnicode), fonts are embedded, the file is valid, output is
// deterministic. Checked with independent tools (poppler, qpdf) when present.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pdf/pdf_writer.hpp"
#include "verify/pdf_text.hpp"

namespace fs = std::filesystem;
using namespace allies;

namespace {

const char* kFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

std::string run(const std::string& cmd) {
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return out;
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
    return out;
}

bool have(const char* tool) { return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0; }

layout::LaidOutDocument sample() {
    layout::LaidOutDocument d;
    d.title = "Meeting notes — Zoë";
    d.language = "en-GB";
    for (int n = 0; n < 2; ++n) {
        layout::Page page;
        layout::TextItem t;
        t.x = 72;
        t.y = 770;
        t.font_path = kFont;
        t.size = 12;
        t.text = n == 0 ? U"Zoë Ward — “budget” ł Ω → 12,500" : U"Second page";
        page.items.push_back(t);
        layout::TextItem b = t;
        b.y = 740;
        b.text = U"Synthetic bold and italic";
        b.synthetic_bold = b.synthetic_italic = true;
        page.items.push_back(b);
        page.items.push_back(layout::LineItem{72, 730, 300, 730, 1, {}, layout::kUntagged, {}});
        page.items.push_back(layout::RectItem{72, 600, 100, 50, true, {0.9, 0.9, 0.9}, 0});
        page.items.push_back(layout::LinkItem{72, 760, 200, 20, "https://example.org/", -1, 0});
        d.pages.push_back(page);
        d.outline.push_back({n == 0 ? "First" : "Second", 0, n, 780});
    }
    return d;
}

}  // namespace

TEST(PdfWriter, TextExtractsExactlyFontsAreEmbeddedAndTheFileIsValid) {
    if (!fs::exists(kFont)) {
        GTEST_SKIP() << "DejaVu Sans not installed";
    }
    pdf::PdfOptions o;
    o.producer = "allies test";
    std::string bytes = pdf::write_pdf(sample(), o);
    ASSERT_EQ(bytes.rfind("%PDF-1.7", 0), 0u);
    auto path = fs::temp_directory_path() / ("allies-pdf-" + std::to_string(::getpid()) + ".pdf");
    std::ofstream(path, std::ios::binary) << bytes;
    if (have("pdftotext")) {
        std::string text = run("pdftotext -enc UTF-8 " + path.string() + " -");
        EXPECT_NE(text.find("Zoë Ward — “budget” ł Ω → 12,500"), std::string::npos) << text;
        EXPECT_NE(text.find("Second page"), std::string::npos);
    }
    if (have("pdffonts")) {
        std::string fonts = run("pdffonts " + path.string());
        EXPECT_NE(fonts.find("DejaVuSans"), std::string::npos) << fonts;
        EXPECT_EQ(fonts.find(" no "), std::string::npos) << fonts;  // emb/sub/uni all yes
    }
    if (have("qpdf")) {
        EXPECT_EQ(std::system(("qpdf --check " + path.string() + " >/dev/null 2>&1").c_str()), 0);
    }
    if (have("pdfinfo")) {
        std::string info = run("pdfinfo " + path.string());
        auto field = [&](const std::string& key) {
            auto k = info.find(key + ":");
            if (k == std::string::npos) return std::string();
            auto v = info.find_first_not_of(' ', k + key.size() + 1);
            return info.substr(v, info.find('\n', v) - v);
        };
        EXPECT_EQ(field("Pages"), "2") << info;
        EXPECT_EQ(field("Producer"), "allies test") << info;
        EXPECT_EQ(field("Title"), "Meeting notes — Zoë") << info;
    }
    fs::remove(path);
}

// Turned text (a diagonal watermark) is drawn turned, and readers still
// extract it as one word (its ActualText), not as diagonal pieces.
TEST(PdfWriter, TurnedTextIsDrawnTurnedAndExtractsWhole) {
    if (!fs::exists(kFont)) GTEST_SKIP() << "DejaVu Sans not installed";
    layout::LaidOutDocument d;
    layout::Page page;
    layout::TextItem t;
    t.x = 150;
    t.y = 300;
    t.font_path = kFont;
    t.size = 60;
    t.text = U"CONFIDENTIAL";
    t.angle = 45;
    page.items.push_back(t);
    d.pages.push_back(page);
    pdf::PdfOptions o;
    std::string bytes = pdf::write_pdf(d, o);
    auto path = fs::temp_directory_path() / ("allies-turned-" + std::to_string(::getpid()) + ".pdf");
    std::ofstream(path, std::ios::binary) << bytes;
    if (have("pdftotext")) {
        std::string text = run("pdftotext -enc UTF-8 " + path.string() + " -");
        EXPECT_NE(text.find("CONFIDENTIAL"), std::string::npos) << text;
    }
    if (have("pdftotext")) {  // the glyphs' box rises to the right: taller than one line
        std::string box = run("pdftotext -bbox " + path.string() + " -");
        auto number = [&](const std::string& key) {
            auto k = box.find(key + "=\"");
            return k == std::string::npos ? 0.0 : std::stod(box.substr(k + key.size() + 2));
        };
        EXPECT_GT(number("yMax") - number("yMin"), 200) << box;
    }
    fs::remove(path);
}

// Text drawn outside the page box is in the file (the leak scan reads it)
// but on no page a reader sees: the reader tells it apart, so the
// completeness check does not count it as shown.
TEST(PdfWriter, TextDrawnOffThePageIsToldApart) {
    if (!fs::exists(kFont)) GTEST_SKIP() << "DejaVu Sans not installed";
    layout::LaidOutDocument d;
    layout::Page page;
    layout::TextItem t;
    t.font_path = kFont;
    t.size = 12;
    t.x = 72;
    t.y = 700;
    t.text = U"Onpage words";
    page.items.push_back(t);
    t.y = -40;  // below the page's foot
    t.text = U"Overflowed words";
    page.items.push_back(t);
    d.pages.push_back(page);
    pdf::PdfOptions o;
    auto c = verify::read_pdf_text(pdf::write_pdf(d, o), "off.pdf");
    ASSERT_EQ(c.pages.size(), 1u);
    ASSERT_EQ(c.off_page.size(), 1u);
    EXPECT_NE(c.pages[0].find("Overflowed"), std::string::npos);  // still scanned for leaks
    EXPECT_NE(c.off_page[0].find("Overflowed"), std::string::npos) << c.pages[0] << "|" << c.off_page[0];
    EXPECT_EQ(c.off_page[0].find("Onpage"), std::string::npos);
}

TEST(PdfWriter, SameFramesSameBytes) {
    if (!fs::exists(kFont)) {
        GTEST_SKIP() << "DejaVu Sans not installed";
    }
    pdf::PdfOptions o;
    o.producer = "allies test";
    o.epoch = 1700000000;
    EXPECT_EQ(pdf::write_pdf(sample(), o), pdf::write_pdf(sample(), o));
}

TEST(PdfWriter, StructureTreeMakesATaggedPdf) {
    if (!fs::exists(kFont) || !have("pdfinfo")) {
        GTEST_SKIP() << "DejaVu Sans or pdfinfo not installed";
    }
    layout::LaidOutDocument d = sample();
    d.structure = {{"Document", -1, ""}, {"H1", 0, ""}, {"P", 0, ""}};
    std::get<layout::TextItem>(d.pages[0].items[0]).tag = 1;
    std::get<layout::TextItem>(d.pages[0].items[1]).tag = 2;
    std::get<layout::LineItem>(d.pages[0].items[2]).tag = layout::kArtifact;
    pdf::PdfOptions o;
    o.producer = "allies test";
    auto path = fs::temp_directory_path() / ("allies-tagged-" + std::to_string(::getpid()) + ".pdf");
    std::ofstream(path, std::ios::binary) << pdf::write_pdf(d, o);
    std::string info = run("pdfinfo " + path.string());
    EXPECT_NE(info.find("Tagged:          yes"), std::string::npos) << info;
    std::string tree = run("pdfinfo -struct-text " + path.string());
    EXPECT_NE(tree.find("H1"), std::string::npos) << tree;
    EXPECT_NE(tree.find("Zoë Ward"), std::string::npos) << tree;
    if (have("qpdf")) {
        EXPECT_EQ(std::system(("qpdf --check " + path.string() + " >/dev/null 2>&1").c_str()), 0);
    }
    fs::remove(path);
}

namespace {

// A picture that does not compress (noise), so sizes tell how often it is
// embedded.
std::shared_ptr<const layout::Raster> noise(unsigned seed) {
    auto r = std::make_shared<layout::Raster>();
    r->width = r->height = 128;
    r->channels = 3;
    std::uint32_t x = seed * 2654435761u + 1;
    for (unsigned i = 0; i < r->width * r->height * 3; ++i) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        r->pixels += static_cast<char>(x & 0xFF);
    }
    return r;
}

layout::LaidOutDocument logo_on_every_page(bool same_picture, int pages) {
    layout::LaidOutDocument d;
    for (int n = 0; n < pages; ++n) {
        layout::Page page;
        layout::ImageItem logo;
        logo.x = 72;
        logo.y = 760;
        logo.width = logo.height = 40;
        logo.raster = noise(same_picture ? 7 : static_cast<unsigned>(n + 1));
        logo.alt = "Logo";
        page.items.push_back(logo);
        d.pages.push_back(page);
    }
    return d;
}

}  // namespace

// Issue 11 ("Images once"): a logo in every page's header is one image
// object drawn on every page, so the file grows by page content only.
TEST(PdfWriter, APicturePlacedOnEveryPageIsEmbeddedOnce) {
    pdf::PdfOptions o;
    const std::size_t picture = 128 * 128 * 3;
    std::string once = pdf::write_pdf(logo_on_every_page(true, 40), o);
    std::string distinct = pdf::write_pdf(logo_on_every_page(false, 40), o);
    EXPECT_LT(once.size(), 2 * picture) << "the same picture is embedded more than once";
    EXPECT_GT(distinct.size(), 30 * picture);  // 40 different pictures: each embedded
    auto images_in = [](const std::string& pdf) {
        std::size_t n = 0;
        for (std::size_t at = pdf.find("/Image"); at != std::string::npos; at = pdf.find("/Image", at + 1))
            n += pdf.compare(at, 7, "/ImageB") != 0 && pdf.compare(at, 7, "/ImageC") != 0 && pdf.compare(at, 7, "/ImageI") != 0;
        return n;
    };
    EXPECT_EQ(images_in(once), 1u);  // /Subtype /Image, not the /ImageC procedure sets
    EXPECT_EQ(images_in(distinct), 40u);
    if (have("pdfimages")) {
        char path[] = "/tmp/allies-logo-XXXXXX";
        int fd = ::mkstemp(path);
        ASSERT_GE(fd, 0);
        ASSERT_EQ(::write(fd, once.data(), once.size()), static_cast<ssize_t>(once.size()));
        ::close(fd);
        std::string list = run(std::string("pdfimages -list ") + path);
        ::unlink(path);
        std::size_t rows = 0;
        for (char c : list) rows += c == '\n';
        EXPECT_EQ(rows, 2u + 40u) << list;  // header lines, then one placement per page
    }
}
