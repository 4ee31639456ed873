// Reading PDFs back independently (verify/pdf_text): page text through the
// fonts' ToUnicode maps and ActualText, metadata, outline, links and
// structure, checked on allies' own PDFs and against poppler's pdftotext.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "allies/error.hpp"
#include "allies/package.hpp"
#include "allies/pdf.hpp"
#include "allies/reader.hpp"
#include "support/docx_builder.hpp"
#include "support/tool_fixture.hpp"
#include "verify/pdf_text.hpp"

using namespace allies;
using namespace allies::testing;

namespace {

std::string sample_pdf() {
    auto pkg = Package::open_file(std::string(ALLIES_SOURCE_DIR) + "/samples/meeting-notes.docx");
    return to_pdf(read_document(pkg), pkg);
}

std::string all_pages(const verify::PdfTextContent& c) {
    std::string s;
    for (const auto& p : c.pages) s += p + "\f";
    return s;
}

bool contains(const std::vector<std::string>& v, const std::string& needle) {
    for (const auto& s : v)
        if (s.find(needle) != std::string::npos) return true;
    return false;
}

std::map<std::string, int> words(const std::string& text) {
    std::map<std::string, int> out;
    // \w+ in the UTF-8 sense: runs of bytes that are not ASCII space or punctuation.
    std::string w;
    auto flush = [&] {
        if (!w.empty()) ++out[w];
        w.clear();
    };
    for (unsigned char c : text) {
        if (c >= 0x80 || std::isalnum(c)) w += static_cast<char>(std::tolower(c));
        else flush();
    }
    flush();
    return out;
}

double recall(const std::map<std::string, int>& want, const std::map<std::string, int>& got) {
    int total = 0, found = 0;
    for (const auto& [w, n] : want) {
        total += n;
        auto it = got.find(w);
        found += std::min(n, it == got.end() ? 0 : it->second);
    }
    return total ? static_cast<double>(found) / total : 1.0;
}

}  // namespace

TEST(PdfText, ReadsThePagesMetadataOutlineLinksAndStructureOfTheSample) {
    auto c = verify::read_pdf_text(sample_pdf(), "sample.pdf");
    ASSERT_EQ(c.pages.size(), 2u);
    std::string text = all_pages(c);
    EXPECT_NE(text.find("Community Advisory Group"), std::string::npos);
    EXPECT_NE(text.find("Zoë Ward"), std::string::npos);       // through the ToUnicode map
    EXPECT_NE(text.find("Margaret O’Neill"), std::string::npos);
    EXPECT_NE(text.find("Page 1 of 2"), std::string::npos);      // footers (artifacts) are text too
    EXPECT_TRUE(contains(c.links, "mailto:tom.okafor@example.org")) << c.links.size();
    EXPECT_TRUE(contains(c.outline, "Welcome and apologies"));
    EXPECT_TRUE(contains(c.metadata, "allies"));                // producer, in Info and XMP
    EXPECT_TRUE(contains(c.annotations, "mailto:tom.okafor@example.org"));
}

TEST(PdfText, AgreesWithPopplerOnWords) {
    if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) GTEST_SKIP() << "pdftotext not installed";
    auto path = std::filesystem::temp_directory_path() / ("pdf_text_" + std::to_string(::getpid()) + ".pdf");
    std::string pdf = sample_pdf();
    std::ofstream(path, std::ios::binary) << pdf;
    std::string poppler = run_shell("pdftotext -enc UTF-8 " + path.string() + " -");
    std::filesystem::remove(path);
    auto ours = words(all_pages(verify::read_pdf_text(pdf, "sample.pdf"))), theirs = words(poppler);
    EXPECT_GE(recall(theirs, ours), 0.99);
    EXPECT_GE(recall(ours, theirs), 0.99);
}

TEST(PdfText, ShapedTextComesBackThroughActualText) {
    DocxBuilder b;
    b.body = "<w:p><w:r><w:t>\u0915\u093f\u0924\u093e\u092c and caf\u00e9</w:t></w:r></w:p>";
    auto pkg = Package::open_memory(b.build(), "hi.docx");
    auto c = verify::read_pdf_text(to_pdf(read_document(pkg), pkg), "hi.pdf");
    std::string text = all_pages(c);
    EXPECT_NE(text.find("\u0915\u093f\u0924\u093e\u092c"), std::string::npos) << text;
    EXPECT_NE(text.find("caf\u00e9"), std::string::npos) << text;
}

TEST(PdfText, RightToLeftLinesComeBackInReadingOrder) {
    DocxBuilder b;
    b.body = "<w:p><w:pPr><w:bidi/></w:pPr><w:r><w:t>שלום עולם</w:t></w:r></w:p>"  // Hebrew: shalom olam
             "<w:p><w:r><w:t>Meeting with Dana</w:t></w:r></w:p>";
    auto pkg = Package::open_memory(b.build(), "he.docx");
    std::string text = all_pages(verify::read_pdf_text(to_pdf(read_document(pkg), pkg), "he.pdf"));
    EXPECT_NE(text.find("שלום"), std::string::npos) << text;  // not reversed
    EXPECT_NE(text.find("עולם"), std::string::npos) << text;
    EXPECT_NE(text.find("Meeting with Dana"), std::string::npos) << text;
}

TEST(PdfText, DamagedBytesAreAnInputError) {
    try {
        verify::read_pdf_text("%PDF-1.7\nnot really", "bad.pdf");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::bad_pdf);
        EXPECT_NE(std::string(e.what()).find("bad.pdf"), std::string::npos);
    }
    std::string pdf = sample_pdf();
    for (std::size_t len : {pdf.size() / 2, pdf.size() - 10}) {
        try {
            verify::read_pdf_text(pdf.substr(0, len), "cut.pdf");  // may recover (PoDoFo rebuilds xref) or throw
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::bad_pdf);
        }
    }
}
