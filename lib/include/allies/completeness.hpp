// Nothing is lost: after a PDF or HTML is written, its text is read back
// (the leak check's own readers) and compared, as bags of words, with the
// text a reader of the DOCX sees: body, tables, text boxes, footnotes and
// endnotes, and (PDF only: the HTML has no page furniture) the headers
// and footers of the first page. Every word must
// be there as often as the DOCX shows it. Words are folded as the leak
// check folds them (case, compatibility forms, apostrophes); numbers that
// the layout computes (page fields, note marks) are not counted.
//
//   auto r = allies::check_complete(doc, allies::OutputFormat::pdf, pdf_bytes);
//   if (!r.complete()) ...  r.places: where words went missing (no text)
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "allies/convert.hpp"
#include "allies/export.hpp"
#include "allies/model.hpp"

namespace allies {

struct MissingPlace {
    std::string where;  // "word/document.xml paragraph 12", "word/footer1.xml paragraph 1"
    int words = 0;      // how many of its words the output lacks
};

struct CompletenessReport {
    std::size_t expected = 0;   // words of the DOCX's visible text
    std::size_t found = 0;      // of those, present in the output
    // Paragraphs with words the output lacks, in document order. Names no
    // text, so it may be printed or put in a manifest.
    std::vector<MissingPlace> places;
    // The missing words themselves (folded, each once): for the person who
    // converts their own document (allies-convert), never for a public place.
    std::vector<std::string> missing_words;
    bool complete() const { return found == expected; }
    double recall() const { return expected ? static_cast<double>(found) / static_cast<double>(expected) : 1.0; }
};

// `format` is pdf or html; other formats are written from the model itself
// and cannot lose text (Error(usage) if given). Throws Error(bad_pdf) for a
// PDF that cannot be read.
ALLIES_API CompletenessReport check_complete(const Document& doc, OutputFormat format, const std::string& output);

// The same against the text the layout placed on the pages
// (PdfConvertOptions::page_text): what the PDF's text layer is made from,
// without reading the PDF back. Catches what the layout lost, at a tenth of
// the cost; only the overload above also proves the PDF's own text layer.
ALLIES_API CompletenessReport check_complete(const Document& doc, const std::vector<std::string>& page_text);

}  // namespace allies
