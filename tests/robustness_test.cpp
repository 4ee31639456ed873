// Damaged inputs: every truncation point and byte mutation of the sample
// must give a document or an allies::Error, never a crash or another
// exception (the "never a crash or hang" rule, checked mechanically).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "allies/convert.hpp"
#include "allies/error.hpp"
#include "allies/package.hpp"
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
