// DOCX model -> layout frames -> PDF bytes.
#include "allies/convert.hpp"
#include "allies/pdf.hpp"
#include "text/encode.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>

#include "layout/layout.hpp"
#include "pdf/pdf_writer.hpp"

namespace allies {

bool parse_paper(const std::string& text, PaperSize& out) {
    std::string t;
    for (char c : text) t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    static const std::map<std::string, PaperSize> named = {
        {"a3", {16838, 23811}}, {"a4", {11906, 16838}}, {"a5", {8391, 11906}}, {"letter", {12240, 15840}}, {"legal", {12240, 20160}}};
    if (auto it = named.find(t); it != named.end()) {
        out = it->second;
        return true;
    }
    // WIDTHxHEIGHT with a unit: mm or in.
    double w = 0, h = 0, per_unit = 0;
    char unit[4] = {0};
    int used = 0;
    if (std::sscanf(t.c_str(), "%lfx%lf%3[a-z]%n", &w, &h, unit, &used) != 3 || static_cast<std::size_t>(used) != t.size()) return false;
    if (std::string(unit) == "mm") per_unit = 1440.0 / 25.4;
    else if (std::string(unit) == "in") per_unit = 1440.0;
    else return false;
    // From a business card to a large poster: anything else is a typo.
    if (!(w * per_unit >= 1440 && h * per_unit >= 1440 && w * per_unit <= 1440 * 100 && h * per_unit <= 1440 * 100)) return false;
    out = {static_cast<int>(std::lround(w * per_unit)), static_cast<int>(std::lround(h * per_unit))};
    return true;
}

namespace {

// One font library per thread, kept between documents: loading fontconfig's
// configuration costs ~15 ms, more than laying out a short document. Batch
// workers are forked from a process that has loaded it (warm_up_fonts).
layout::FontLibrary& thread_fonts() {
    thread_local layout::FontLibrary fonts;
    return fonts;
}

}  // namespace

void warm_up_fonts() { thread_fonts(); }

std::string to_pdf(const Document& doc, const Package& package, const PdfConvertOptions& options) {
    layout::FontLibrary& fonts = thread_fonts();
    fonts.set_document_fonts(doc.fonts);  // look-alikes of the fonts it names that are not installed
    layout::LaidOutDocument laid;
    if (options.paper.width > 0 && options.paper.height > 0) {
        // Only the sections change; the copy shares nothing with doc that
        // outlives this call.
        Document resized = doc;
        for (auto& s : resized.sections) {
            bool landscape = s.page_width > s.page_height;
            s.page_width = landscape ? options.paper.height : options.paper.width;
            s.page_height = landscape ? options.paper.width : options.paper.height;
        }
        laid = layout::lay_out(resized, package, fonts);
    } else {
        laid = layout::lay_out(doc, package, fonts);
    }
    if (options.page_text) {
        options.page_text->clear();
        // As the PDF's text layer holds it: drawing order, a line per
        // baseline, right-to-left runs in visual order (shaped ones carry
        // their logical text, so it is reversed here); the reader of the
        // check puts lines back in reading order, as it does a PDF's.
        for (const auto& page : laid.pages) {
            std::string text;
            double baseline = 0;
            bool first = true;
            for (const auto& item : page.items)
                if (const auto* t = std::get_if<layout::TextItem>(&item)) {
                    if (!first) text += std::abs(t->y - baseline) > 0.5 ? '\n' : ' ';
                    first = false;
                    baseline = t->y;
                    if (t->rtl && !t->glyphs.empty())
                        for (auto c = t->text.rbegin(); c != t->text.rend(); ++c) text::append_utf8(text, *c);
                    else
                        for (char32_t c : t->text) text::append_utf8(text, c);
                }
            options.page_text->push_back(std::move(text));
        }
    }
    pdf::PdfOptions o;
    o.producer = "allies " + std::string(version());
    o.epoch = options.epoch;
    o.pdfa = options.pdfa;
    o.warnings = options.warnings;
    if (options.warnings)
        options.warnings->insert(options.warnings->end(), laid.warnings.begin(), laid.warnings.end());
    return pdf::write_pdf(laid, o);
}

}  // namespace allies
