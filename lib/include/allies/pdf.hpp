// DOCX to PDF with allies' own layout engine (no office suite): fonts from
// fontconfig with metric-compatible substitutes for the Office fonts,
// embedded as subsets with ToUnicode maps so the text copies exactly.
#pragma once

#include <string>
#include <vector>

#include "allies/export.hpp"
#include "allies/model.hpp"
#include "allies/package.hpp"

namespace allies {

// A paper size in twips (1/1440 inch), portrait.
struct PaperSize {
    int width = 0, height = 0;
};

// "a4", "a3", "a5", "letter", "legal" (any case), or "WIDTHxHEIGHTmm" / "...in"
// (e.g. "210x297mm"). False when the text names no sensible size.
ALLIES_API bool parse_paper(const std::string& text, PaperSize& out);

struct PdfConvertOptions {
    long long epoch = -1;  // creation date (seconds); -1 = SOURCE_DATE_EPOCH, else 1980-01-01
    bool pdfa = false;     // PDF/A-2b (output intent, XMP identification)
    // Every section on this paper instead of its own (orientation and
    // margins kept); width 0 = the document's own sizes.
    PaperSize paper;
    // When set, receives one line for each thing drawn approximately (a
    // picture that cannot be read, drawn as a placeholder box with its alt
    // text); the PDF is still written.
    std::vector<std::string>* warnings = nullptr;
    // When set, receives the text the layout placed on each page, in
    // drawing order, words apart: what the PDF's text layer is made from,
    // for a completeness check that need not read the PDF back
    // (allies/completeness.hpp).
    std::vector<std::string>* page_text = nullptr;
};

// Loads the font configuration now rather than at the first to_pdf (each
// thread keeps its own). Batch runners call it before forking workers.
ALLIES_API void warm_up_fonts();

// Throws allies::Error (unsupported when no usable font is installed).
ALLIES_API std::string to_pdf(const Document& doc, const Package& package, const PdfConvertOptions& options = {});

}  // namespace allies
