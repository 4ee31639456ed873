// The text a reader of the DOCX sees, paragraph by paragraph, for the
// completeness check (allies/completeness.hpp): what the text writer shows
// (tracked changes accepted, hidden text and deleted content left out),
// text boxes after their anchor paragraph, footnotes and endnotes that are
// referenced, and the headers and footers of the first page. Numbers the
// layout computes (PAGE, NUMPAGES, PAGEREF, dates, note marks, list
// labels) are left out, as the output may rightly differ there.
#pragma once

#include <string>
#include <vector>

#include "allies/model.hpp"

namespace allies::writers {

struct VisibleParagraph {
    std::string where;  // "word/document.xml paragraph 12" (w:p elements of the part in document order, from 1)
    std::string text;
};

// `headers_footers`: include the first page's header and footer.
std::vector<VisibleParagraph> visible_paragraphs(const Document& doc, bool headers_footers = true);

}  // namespace allies::writers
