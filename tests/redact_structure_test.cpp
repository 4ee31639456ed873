// The public DOCX keeps Word's content model whatever is removed (trust
// issue: a redacted row-level content control left a w:tc with no
// paragraph, which Word asks to repair). Each case is redacted, then its
// story parts are checked with structure_problem, and the rules themselves
// are tested on hand-made broken XML.
#include <gtest/gtest.h>

#include "redact/structure.hpp"
#include "support/redact_helpers.hpp"

using namespace allies;
using namespace allies::testing;

namespace {

std::string problem_in(const std::string& docx) {
    pugi::xml_document d;
    std::string xml = part_of(docx, "word/document.xml");
    if (!d.load_buffer(xml.data(), xml.size())) return "not well-formed";
    return redact::structure_problem(d.document_element());
}

std::string cell(const std::string& inner) { return "<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/></w:tcPr>" + inner + "</w:tc>"; }
std::string row(const std::string& cells) { return "<w:tr>" + cells + "</w:tr>"; }
std::string table(const std::string& rows) {
    return "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid>" + rows + "</w:tbl>";
}
std::string sdt(const std::string& tag, const std::string& content) {
    return "<w:sdt><w:sdtPr><w:tag w:val=\"" + tag + "\"/></w:sdtPr><w:sdtContent>" + content + "</w:sdtContent></w:sdt>";
}

}  // namespace

TEST(Structure, RedactedControlsAndRegionsLeaveValidTables) {
    struct Case {
        const char* what;
        std::string body;
    };
    const std::vector<Case> cases = {
        {"row-level control", table(row(cell(para("Public"))) + sdt("confidential", row(cell(para("Salary 41,000")) + cell(para("x")))))},
        {"cell-level control", table(row(cell(para("Public")) + sdt("confidential", cell(para("Salary 41,000")))))},
        {"block control filling a cell", table(row(cell(sdt("confidential", para("Salary 41,000"))) + cell(para("Public"))))},
        {"marked paragraph filling a cell", table(row(cell(para("[[redact]]Salary 41,000[[/redact]]")) + cell(para("Public"))))},
        {"every row controlled", table(sdt("confidential", row(cell(para("Salary 41,000")) + cell(para("x"))))) + para("After")},
        {"nested table in a controlled cell", table(row(cell(para("Public")) + cell(table(row(sdt("confidential", cell(para("Salary 41,000")))))) ))},
    };
    for (const auto& c : cases) {
        for (SectionsMode mode : {SectionsMode::placeholder, SectionsMode::remove}) {
            SCOPED_TRACE(std::string(c.what) + (mode == SectionsMode::remove ? " (remove)" : " (placeholder)"));
            DocxBuilder b;
            b.body = para("Before") + c.body + para("End");
            RedactOptions o;
            o.policy.sections = mode;
            auto out = redact_doc(b, o);  // the self-check would refuse an invalid result
            EXPECT_EQ(problem_in(out.bytes), "");
            EXPECT_FALSE(anywhere(out.bytes, "41,000"));
            EXPECT_NE(visible_text(out.bytes).find("End"), std::string::npos);
        }
    }
}

TEST(Structure, RulesAndRepairs) {
    struct Case {
        std::string xml, problem;
    };
    const std::string w = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
    const std::vector<Case> cases = {
        {table(row(cell(""))), "a table cell that does not end with a paragraph"},
        {table(row(cell(table(row(cell("<w:p/>")))))), "a table cell that does not end with a paragraph"},
        {table("<w:tr/>"), "a table row without a cell"},
        {table(""), "a table without a row"},
        {"<w:sdt><w:sdtPr/><w:sdtContent/></w:sdt>", "an empty content control"},
        {"<w:sdt><w:sdtPr/></w:sdt>", "a content control without content"},
        {table(row(cell("<w:p/>")) + "<w:sdt><w:sdtPr/><w:sdtContent/></w:sdt>"), "an empty content control"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.xml);
        pugi::xml_document d;
        std::string xml = w + c.xml + "</w:body></w:document>";
        ASSERT_TRUE(d.load_buffer(xml.data(), xml.size()));
        EXPECT_EQ(redact::structure_problem(d.document_element()), c.problem);
        redact::repair_structure(d.document_element());
        EXPECT_EQ(redact::structure_problem(d.document_element()), "");
    }
    // Valid: an inline control may be empty; a cell may end with a control that ends with a paragraph.
    pugi::xml_document ok;
    std::string xml = w + table(row(cell(sdt("x", "<w:p/>")))) + "<w:p><w:sdt><w:sdtPr/><w:sdtContent/></w:sdt></w:p></w:body></w:document>";
    ASSERT_TRUE(ok.load_buffer(xml.data(), xml.size()));
    EXPECT_EQ(redact::structure_problem(ok.document_element()), "");
}
