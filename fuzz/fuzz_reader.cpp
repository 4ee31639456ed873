// The reader: package -> document model, and the text writers over it.
#include "allies/convert.hpp"
#include "docx_mutator.hpp"
#include "fuzz_common.hpp"

ALLIES_DOCX_MUTATOR

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    allies::fuzz::with_document(data, size, [](const allies::Document& doc, const allies::Package&) {
        (void)allies::to_text(doc);
        (void)allies::to_markdown(doc);
        (void)allies::to_json(doc);
    });
    return 0;
}
