// Layout and PDF writing: package -> model -> laid-out pages -> PDF bytes.
#include "allies/pdf.hpp"
#include "docx_mutator.hpp"
#include "fuzz_common.hpp"

ALLIES_DOCX_MUTATOR

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    allies::fuzz::with_document(data, size, [](const allies::Document& doc, const allies::Package& pkg) {
        std::vector<std::string> warnings;
        allies::PdfConvertOptions options;
        options.warnings = &warnings;
        (void)allies::to_pdf(doc, pkg, options);
    });
    return 0;
}
