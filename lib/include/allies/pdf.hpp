// DOCX to PDF with allies' own layout engine (no office suite): fonts from
// fontconfig with metric-compatible substitutes for the Office fonts,
// embedded as subsets with ToUnicode maps so the text copies exactly.
#pragma once

#include <string>

#include "allies/export.hpp"
#include "allies/model.hpp"
#include "allies/package.hpp"

namespace allies {

struct PdfConvertOptions {
    long long epoch = -1;  // creation date (seconds); -1 = SOURCE_DATE_EPOCH, else 1980-01-01
    bool pdfa = false;     // PDF/A-2b (output intent, XMP identification); not yet validated with veraPDF
};

// Throws allies::Error (unsupported when no usable font is installed).
ALLIES_API std::string to_pdf(const Document& doc, const Package& package, const PdfConvertOptions& options = {});

}  // namespace allies
