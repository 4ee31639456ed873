// HTML writing: package -> model -> HTML with its assets.
#include "allies/html.hpp"
#include "docx_mutator.hpp"
#include "fuzz_common.hpp"

ALLIES_DOCX_MUTATOR

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    allies::fuzz::with_document(data, size, [](const allies::Document& doc, const allies::Package& pkg) {
        (void)allies::to_html(doc, pkg);
    });
    return 0;
}
