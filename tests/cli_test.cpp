// End-to-end: the allies-convert command, its exit codes, streams and files,
// and the golden outputs of the bundled sample.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "allies/error.hpp"
#include "common/exit_codes.hpp"
#include "allies/package.hpp"
#include "allies/pdf.hpp"
#include "support/docx_builder.hpp"
#include "support/tool_fixture.hpp"

namespace fs = std::filesystem;
using namespace allies::testing;

namespace {

class Cli : public ToolTest {
protected:
    Cli() : ToolTest(ALLIES_CONVERT_BIN, "allies-cli-") {}
};

const std::string kSample = std::string(ALLIES_SOURCE_DIR) + "/samples/meeting-notes.docx";

}  // namespace

TEST_F(Cli, SampleTextAndMarkdownMatchTheGoldenFiles) {
    auto text = run(kSample + " --to text");
    EXPECT_EQ(text.code, 0) << text.err;
    EXPECT_EQ(text.out, slurp(std::string(ALLIES_SOURCE_DIR) + "/tests/golden/meeting-notes.txt"));
    auto md = run(kSample + " --to markdown");
    EXPECT_EQ(md.code, 0) << md.err;
    EXPECT_EQ(md.out, slurp(std::string(ALLIES_SOURCE_DIR) + "/tests/golden/meeting-notes.md"));
}

TEST_F(Cli, SampleShowsWhatWordShows) {
    auto r = run(kSample);
    ASSERT_EQ(r.code, 0);
    EXPECT_NE(r.out.find("The revised terms of reference"), std::string::npos);  // insertion accepted
    EXPECT_EQ(r.out.find("original"), std::string::npos);                       // deletion dropped
    EXPECT_EQ(r.out.find("Check the figure with finance"), std::string::npos);  // comment not shown
    EXPECT_NE(r.out.find("3.1.\tQuarterly figures"), std::string::npos);         // heading numbering
    EXPECT_NE(r.out.find("a.\tThe Town Hall discount"), std::string::npos);      // nested list label
}

TEST_F(Cli, ReadsStandardInputAndGuessesTheFormatFromTheOutputName) {
    auto md = dir_ / "notes.md";
    auto r = run("- -o " + md.string(), kSample);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(slurp(md), slurp(std::string(ALLIES_SOURCE_DIR) + "/tests/golden/meeting-notes.md"));
    auto json = dir_ / "notes.json";
    EXPECT_EQ(run(kSample + " -o " + json.string()).code, 0);
    EXPECT_EQ(slurp(json).rfind("{\"format\":\"allies-document\"", 0), 0u);
}

TEST_F(Cli, OutputIsDeterministic) {
    auto a = run(kSample + " --to json");
    auto b = run(kSample + " --to json");
    EXPECT_EQ(a.code, 0);
    EXPECT_EQ(a.out, b.out);
}

TEST_F(Cli, BadInputsGiveOneLineErrorsDocumentedCodesAndNoOutputFile) {
    struct Case {
        std::string name, bytes;
        int code;
        std::string says;
    };
    std::string docx = [] {
        DocxBuilder b;
        b.body = para("x");
        return b.build();
    }();
    DocxBuilder bomb;
    bomb.extra_parts.emplace_back("word/media/zeros.bin", std::string(80u << 20, '\0'));  // past the 64 MiB grace
    std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    std::vector<Case> cases = {
        {"text.docx", "just some text", allies::tool::exit_codes::input, "not a zip archive"},
        {"truncated.docx", docx.substr(0, docx.size() - 40), allies::tool::exit_codes::input, "zip"},
        {"bomb.docx", bomb.build(), allies::tool::exit_codes::input, "zip bomb"},
        {"legacy.doc", ole + std::string(600, '\0') + std::string("W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0", 24),
         allies::tool::exit_codes::unsupported, "legacy Word 97-2003"},
        {"locked.docx", ole + std::string(600, '\0') + std::string("E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0", 28),
         allies::tool::exit_codes::unsupported, "password-protected"},
    };
    for (const auto& c : cases) {
        auto in = write(c.name, c.bytes);
        auto out = dir_ / (c.name + ".txt");
        auto r = run(in.string() + " -o " + out.string());
        EXPECT_EQ(r.code, c.code) << c.name << ": " << r.err;
        EXPECT_EQ(r.err.rfind("allies-convert: error: " + in.string() + ": ", 0), 0u) << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
        EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
        EXPECT_FALSE(fs::exists(out)) << c.name;
    }
    auto missing = run((dir_ / "missing.docx").string());
    EXPECT_EQ(missing.code, allies::tool::exit_codes::input);
}

TEST_F(Cli, UsageErrorsAndRefusalToOverwriteTheInput) {
    auto copy = dir_ / "copy.docx";
    fs::copy_file(kSample, copy);
    auto before = slurp(copy);
    auto r = run(copy.string() + " -o " + copy.string());
    EXPECT_EQ(r.code, allies::tool::exit_codes::usage);
    EXPECT_EQ(slurp(copy), before);
    EXPECT_EQ(run(kSample + " --to pdfx").code, allies::tool::exit_codes::usage);
    EXPECT_EQ(run("--no-such-option").code, allies::tool::exit_codes::usage);
    auto help = run("--help");
    EXPECT_EQ(help.code, 0);
    EXPECT_NE(help.out.find("Exit codes"), std::string::npos);
}

TEST_F(Cli, AnUnwritableOutputGivesTheOutputExitCode) {
    auto r = run(kSample + " -o " + (dir_ / "no" / "such" / "dir.txt").string());
    EXPECT_EQ(r.code, allies::tool::exit_codes::output);
}

TEST_F(Cli, HtmlFromTheOutputExtensionAndAssetsBesideIt) {
    auto sample = fs::path(ALLIES_SOURCE_DIR) / "samples" / "meeting-notes.docx";
    auto out = dir_ / "page" / "notes.html";
    fs::create_directories(out.parent_path());
    Result r = run(sample.string() + " -o " + out.string() + " --assets " + (out.parent_path() / "notes_files").string());
    ASSERT_EQ(r.code, 0) << r.err;
    std::string html = slurp(out);
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_NE(html.find("<h1"), std::string::npos);
    EXPECT_NE(html.find("<table"), std::string::npos);
    EXPECT_NE(html.find("role=\"doc-noteref\""), std::string::npos);
    Result bad = run(sample.string() + " --to pdfx");
    EXPECT_EQ(bad.code, 2);
}

TEST_F(Cli, PdfIsTaggedDeterministicAndPdfaOnRequest) {
    auto sample = fs::path(ALLIES_SOURCE_DIR) / "samples" / "meeting-notes.docx";
    auto a = dir_ / "a.pdf", b = dir_ / "b.pdf", c = dir_ / "c.pdf";
    ASSERT_EQ(run(sample.string() + " -o " + a.string()).code, 0);
    ASSERT_EQ(run(sample.string() + " --to pdf -o " + b.string()).code, 0);
    ASSERT_EQ(run(sample.string() + " --pdfa -o " + c.string()).code, 0);
    std::string pa = slurp(a), pc = slurp(c);
    EXPECT_EQ(pa, slurp(b));
    EXPECT_EQ(pa.rfind("%PDF-1.7", 0), 0u);
    EXPECT_NE(pa.find("/StructTreeRoot"), std::string::npos);
    EXPECT_NE(pa.find("/Metadata"), std::string::npos);
    EXPECT_EQ(pa.find("pdfaid:part"), std::string::npos);
    EXPECT_NE(pc.find("<pdfaid:part>2</pdfaid:part>"), std::string::npos);
    EXPECT_NE(pc.find("/GTS_PDFA1"), std::string::npos);
    EXPECT_EQ(pc.find("/CIDSet"), std::string::npos);
    // No wall-clock date anywhere (PoDoFo stamps annotations with the time by
    // default): only the fixed 1980 epoch may appear.
    std::time_t now = std::time(nullptr);
    char year[16];
    std::strftime(year, sizeof year, "D:%Y", std::gmtime(&now));
    EXPECT_EQ(pa.find(year), std::string::npos);
    EXPECT_NE(pa.find("/Link"), std::string::npos);  // the sample has links, so annotations were written
    // Tagged links (PDF/UA): each annotation hangs in the structure tree by an
    // object reference and points back to its Link element.
    EXPECT_NE(pa.find("/OBJR"), std::string::npos);
    EXPECT_NE(pa.find("/StructParent "), std::string::npos);
    EXPECT_NE(pa.find("/S/Link"), std::string::npos);
}

// Complex scripts through the whole chain: shaped glyphs in the PDF, and an
// independent reader (pdftotext) gets the document's exact text back.
TEST_F(Cli, ComplexScriptsExtractAsTheirText) {
    if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) GTEST_SKIP() << "pdftotext not installed";
    DocxBuilder b;
    b.body = "<w:p><w:r><w:t>हिन्दी किताब</w:t></w:r></w:p>"  // Hindi
             // Arabic "marhaban". (Words with the lam-alef ligature come out of
             // pdftotext with lam and alef swapped, as they do from
             // LibreOffice's PDFs: poppler reverses the ligature's ToUnicode
             // text, which the spec gives in logical order.)
             "<w:p><w:pPr><w:bidi/></w:pPr><w:r><w:t>مرحبا</w:t></w:r></w:p>"
             "<w:p><w:r><w:t>café naïve</w:t></w:r></w:p>";
    auto in = write("scripts.docx", b.build());
    auto out = dir_ / "scripts.pdf";
    ASSERT_EQ(run(in.string() + " -o " + out.string()).code, 0);
    std::string text = run_shell("pdftotext -enc UTF-8 " + out.string() + " -");
    EXPECT_NE(text.find("किताब"), std::string::npos) << text;
    EXPECT_NE(text.find("مرحبا"), std::string::npos) << text;
    EXPECT_NE(text.find("naïve"), std::string::npos) << text;
    EXPECT_EQ(std::system(("qpdf --check " + out.string() + " >/dev/null 2>&1").c_str()), 0);
}

TEST_F(Cli, PaperOverridesEverySectionKeepingOrientation) {
    if (std::system("command -v pdfinfo >/dev/null 2>&1") != 0) GTEST_SKIP() << "pdfinfo not installed";
    DocxBuilder b;
    // Section 1: A4 portrait; section 2: A4 landscape.
    b.body = "<w:p><w:pPr><w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:pPr><w:r><w:t>portrait</w:t></w:r></w:p>"
             "<w:p><w:r><w:t>landscape</w:t></w:r></w:p><w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/></w:sectPr>";
    auto in = write("two.docx", b.build());
    auto out = dir_ / "two.pdf";
    ASSERT_EQ(run(in.string() + " --paper Letter -o " + out.string()).code, 0);
    std::string info = run_shell("pdfinfo -f 1 -l 2 " + out.string());
    EXPECT_NE(info.find("Page    1 size:  612 x 792"), std::string::npos) << info;
    EXPECT_NE(info.find("Page    2 size:  792 x 612"), std::string::npos) << info;
    auto bad = run(in.string() + " --paper A9000 -o " + (dir_ / "bad.pdf").string());
    EXPECT_EQ(bad.code, 2);
    EXPECT_NE(bad.err.find("unknown paper 'A9000'"), std::string::npos) << bad.err;
    EXPECT_FALSE(fs::exists(dir_ / "bad.pdf"));
}

TEST(Paper, NamesAndMeasuredSizes) {
    allies::PaperSize p;
    ASSERT_TRUE(allies::parse_paper("A4", p));
    EXPECT_EQ(p.width, 11906);
    EXPECT_EQ(p.height, 16838);
    ASSERT_TRUE(allies::parse_paper("8.5x11in", p));
    EXPECT_EQ(p.width, 12240);
    EXPECT_EQ(p.height, 15840);
    ASSERT_TRUE(allies::parse_paper("210x297mm", p));
    EXPECT_NEAR(p.width, 11906, 1);
    EXPECT_FALSE(allies::parse_paper("210x297", p));     // no unit
    EXPECT_FALSE(allies::parse_paper("0x297mm", p));     // too small
    EXPECT_FALSE(allies::parse_paper("210x297mmm", p));  // trailing junk
    EXPECT_FALSE(allies::parse_paper("", p));
}

// Golden PDF: the sample's text as an independent reader extracts it, page by
// page (pdftotext puts a form feed after each page), so line and page breaks
// are checked where they fall. Regenerate after an intended layout change:
//   build/tools/allies-convert samples/meeting-notes.docx -o /tmp/s.pdf &&
//   pdftotext -enc UTF-8 /tmp/s.pdf tests/golden/meeting-notes.pdf.txt
TEST_F(Cli, SamplePdfTextAndPageBreaksMatchTheGolden) {
    if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) GTEST_SKIP() << "pdftotext not installed";
    auto sample = fs::path(ALLIES_SOURCE_DIR) / "samples" / "meeting-notes.docx";
    auto out = dir_ / "sample.pdf";
    ASSERT_EQ(run(sample.string() + " -o " + out.string()).code, 0);
    std::string text = run_shell("pdftotext -enc UTF-8 " + out.string() + " -");
    std::string golden = slurp(fs::path(ALLIES_SOURCE_DIR) / "tests" / "golden" / "meeting-notes.pdf.txt");
    ASSERT_FALSE(golden.empty());
    EXPECT_EQ(std::count(text.begin(), text.end(), '\f'), 2);  // two pages
    EXPECT_EQ(text, golden);
}

