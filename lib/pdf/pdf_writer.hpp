// Laid-out pages to PDF bytes with PoDoFo 0.9.8: subset TrueType fonts with
// ToUnicode maps (Identity-H), text, rules, images, links, outline and
// metadata. Deterministic: fixed dates (SOURCE_DATE_EPOCH if set) and IDs.
// Only this folder includes PoDoFo.
#pragma once

#include <string>
#include <vector>

#include "layout/frame.hpp"

namespace allies::pdf {

struct PdfOptions {
    std::string producer;                // "allies VERSION"
    long long epoch = -1;                // creation date; -1 = SOURCE_DATE_EPOCH or 1980-01-01
    bool pdfa = false;                   // PDF/A-2b: sRGB output intent, XMP identification, no CIDSet
    std::vector<std::string>* warnings = nullptr;  // receives what was drawn approximately
};

std::string write_pdf(const layout::LaidOutDocument& doc, const PdfOptions& options);

}  // namespace allies::pdf
