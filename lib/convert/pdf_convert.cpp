// DOCX model -> layout frames -> PDF bytes.
#include "allies/convert.hpp"
#include "allies/pdf.hpp"
#include "layout/layout.hpp"
#include "pdf/pdf_writer.hpp"

namespace allies {

std::string to_pdf(const Document& doc, const Package& package, const PdfConvertOptions& options) {
    layout::FontLibrary fonts;
    layout::LaidOutDocument laid = layout::lay_out(doc, package, fonts);
    pdf::PdfOptions o;
    o.producer = "allies " + std::string(version());
    o.epoch = options.epoch;
    o.pdfa = options.pdfa;
    return pdf::write_pdf(laid, o);
}

}  // namespace allies
