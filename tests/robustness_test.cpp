// Damaged inputs: every truncation point and byte mutation of the sample
// must give a document or an allies::Error, never a crash or another
// exception (the "never a crash or hang" rule, checked mechanically).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <sstream>

#include "allies/convert.hpp"
#include "allies/html.hpp"
#include "allies/pdf.hpp"
#include "allies/error.hpp"
#include "allies/package.hpp"
#include "allies/publish.hpp"
#include "allies/reader.hpp"
#include "support/docx_builder.hpp"

using namespace allies;

namespace {

std::string sample() {
    std::ifstream in(std::string(ALLIES_SOURCE_DIR) + "/samples/meeting-notes.docx", std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Returns true for a document, false for a clean allies::Error.
bool convert_or_clean_error(const std::string& bytes) {
    try {
        auto pkg = Package::open_memory(bytes, "damaged.docx");
        auto doc = read_document(pkg);
        to_text(doc);
        to_markdown(doc);
        to_json(doc);
        return true;
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
        return false;
    }
}

}  // namespace

TEST(Robustness, EveryTruncationGivesACleanError) {
    std::string bytes = sample();
    ASSERT_FALSE(bytes.empty());
    for (std::size_t len = 0; len < bytes.size(); len += 97)
        EXPECT_FALSE(convert_or_clean_error(bytes.substr(0, len))) << "truncated at " << len;
}

TEST(Robustness, MutatedXmlPartsGiveADocumentOrACleanError) {
    auto pkg = Package::open_memory(sample(), "sample.docx");
    std::string xml = pkg.part_bytes(pkg.main_document());
    const char replacements[] = {'<', '>', '/', '"', '&', '\0', '\xFF', 'x', ' '};
    int documents = 0, errors = 0;
    for (std::size_t i = 0; i < xml.size(); i += 13) {
        std::string mutated = xml;
        mutated[i] = replacements[i % sizeof replacements];
        auto copy = Package::open_memory(sample(), "sample.docx");
        copy.set_part(copy.main_document(), mutated);
        (convert_or_clean_error(copy.to_bytes()) ? documents : errors)++;
    }
    // Both outcomes occur: the mutations reach the reader, not only the parser.
    EXPECT_GT(documents, 0);
    EXPECT_GT(errors, 0);
}

TEST(Robustness, StructurallyOddButWellFormedMarkupIsRead) {
    allies::testing::DocxBuilder b;
    // Unbalanced field characters, a separate with no begin, unknown elements,
    // an unclosed field at the end of the story, basedOn loops, bad numbers.
    b.styles = allies::testing::part(
        "styles", "<w:style w:styleId=\"A\"><w:basedOn w:val=\"B\"/></w:style>"
                  "<w:style w:styleId=\"B\"><w:basedOn w:val=\"A\"/><w:pPr><w:ind w:left=\"abc\"/></w:pPr></w:style>");
    b.body = "<w:p><w:pPr><w:pStyle w:val=\"A\"/><w:numPr><w:ilvl w:val=\"99\"/><w:numId w:val=\"-4\"/></w:numPr></w:pPr>"
             "<w:r><w:fldChar w:fldCharType=\"end\"/><w:fldChar w:fldCharType=\"separate\"/><w:t>a</w:t></w:r>"
             "<w:unknownThing><w:r><w:t>lost</w:t></w:r></w:unknownThing>"
             "<w:r><w:fldChar w:fldCharType=\"begin\"/><w:instrText>PAGE</w:instrText></w:r></w:p>"
             "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"-3\"/></w:tcPr></w:tc></w:tr></w:tbl>";
    EXPECT_TRUE(convert_or_clean_error(b.build()));
}

// The layout engine and PDF writer on damaged documents: a document that
// reads must also lay out and write, or fail cleanly.
bool pdf_or_clean_error(const std::string& bytes) {
    try {
        auto pkg = Package::open_memory(bytes, "damaged.docx");
        auto doc = read_document(pkg);
        std::string pdf = to_pdf(doc, pkg);
        EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
        to_html(doc, pkg);
        return true;
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
        return false;
    }
}

TEST(Robustness, MutatedDocumentsLayOutOrFailCleanly) {
    auto pkg = Package::open_memory(sample(), "sample.docx");
    std::string xml = pkg.part_bytes(pkg.main_document());
    const char replacements[] = {'<', '>', '/', '"', '9', '-', '\xFF', 'x', ' '};
    int documents = 0;
    for (std::size_t i = 0; i < xml.size(); i += 211) {
        std::string mutated = xml;
        mutated[i] = replacements[i % sizeof replacements];
        auto copy = Package::open_memory(sample(), "sample.docx");
        copy.set_part(copy.main_document(), mutated);
        documents += pdf_or_clean_error(copy.to_bytes());
    }
    EXPECT_GT(documents, 0);
}

// The whole publishing chain on damaged documents: each is published clean
// or refused/failed with one clean error; the independent verification must
// never disagree with the redactor's self-check on them (a "leak" here would
// be a redaction gap or a false alarm, either a bug).
TEST(Robustness, MutatedDocumentsPublishCleanOrFailCleanly) {
    auto pkg = Package::open_memory(sample(), "sample.docx");
    std::string xml = pkg.part_bytes(pkg.main_document());
    const char replacements[] = {'<', '>', '/', '"', '9', '-', '\xFF', 'x', ' '};
    auto dir = std::filesystem::temp_directory_path() / ("allies-robust-publish-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    PublishOptions options;
    options.redact.roster = Roster::load(std::string(ALLIES_SOURCE_DIR) + "/samples/roster.txt");
    options.hash_key = "robustness-test-key-0123";
    int published = 0, failed = 0;
    for (std::size_t i = 0; i < xml.size(); i += 97) {
        std::string mutated = xml;
        mutated[i] = replacements[i % sizeof replacements];
        auto copy = Package::open_memory(sample(), "sample.docx");
        copy.set_part(copy.main_document(), mutated);
        std::string input = (dir / "in.docx").string();
        write_file_atomically(input, copy.to_bytes());
        try {
            DocumentResult r = publish_document(input, "out", (dir / "staging").string(), options);
            EXPECT_EQ(r.status, DocStatus::published) << "mutation at " << i << ": " << (r.leaks.empty() ? "" : r.leaks[0].where + " " + r.leaks[0].rule);
            ++published;
        } catch (const Error& e) {
            EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
            ++failed;
        }
    }
    std::filesystem::remove_all(dir);
    EXPECT_GT(published, 0);
    EXPECT_GT(failed, 0);
}

// Geometry no real document has: the layout must still end (no endless
// pages), and text must not be lost.
TEST(Robustness, AbsurdGeometryStillEnds) {
    const std::vector<std::string> sections = {
        "<w:sectPr><w:pgSz w:w=\"1\" w:h=\"1\"/><w:pgMar w:top=\"0\" w:bottom=\"0\" w:left=\"0\" w:right=\"0\"/></w:sectPr>",
        "<w:sectPr><w:pgSz w:w=\"12240\" w:h=\"15840\"/><w:pgMar w:top=\"9000\" w:bottom=\"9000\" w:left=\"9000\" w:right=\"9000\"/></w:sectPr>",
        "<w:sectPr><w:pgSz w:w=\"99999999\" w:h=\"-5\"/><w:cols w:num=\"999\" w:space=\"-720\"/></w:sectPr>",
        "<w:sectPr><w:cols w:num=\"3\" w:space=\"99999\"/></w:sectPr>",
    };
    const std::vector<std::string> paragraphs = {
        "<w:pPr><w:spacing w:before=\"99999999\" w:after=\"-99999\" w:line=\"0\" w:lineRule=\"exact\"/></w:pPr>",
        "<w:pPr><w:ind w:left=\"99999999\" w:right=\"99999999\" w:hanging=\"-4000\"/></w:pPr>",
        "<w:pPr><w:tabs><w:tab w:val=\"right\" w:pos=\"-500\"/><w:tab w:val=\"decimal\" w:leader=\"dot\" w:pos=\"99999999\"/></w:tabs></w:pPr>",
        "<w:pPr><w:keepNext/><w:keepLines/><w:pageBreakBefore/></w:pPr>",
        "<w:pPr><w:spacing w:line=\"99999\" w:lineRule=\"atLeast\"/></w:pPr>",
    };
    for (const auto& sect : sections)
        for (const auto& ppr : paragraphs) {
            allies::testing::DocxBuilder b;
            std::string body;
            for (int i = 0; i < 8; ++i)
                body += "<w:p>" + ppr + "<w:r><w:rPr><w:sz w:val=\"" + std::to_string(i % 2 ? 9999 : 2) + "\"/></w:rPr><w:t>word" +
                        std::to_string(i) + "\tx 12.5 " + std::string(40, 'W') + "</w:t></w:r></w:p>";
            body += "<w:tbl><w:tblGrid><w:gridCol w:w=\"99999999\"/><w:gridCol w:w=\"-5\"/></w:tblGrid><w:tr><w:trPr><w:trHeight w:val=\"99999999\"/>"
                    "<w:cantSplit/></w:trPr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc><w:tc/></w:tr></w:tbl>";
            b.body = body + sect;
            auto pkg = Package::open_memory(b.build(), "absurd.docx");
            auto doc = read_document(pkg);
            std::string pdf;
            ASSERT_NO_THROW(pdf = to_pdf(doc, pkg)) << sect << ppr;
            EXPECT_LT(pdf.size(), 50u << 20) << sect << ppr;
        }
}

