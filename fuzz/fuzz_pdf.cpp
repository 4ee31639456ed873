// Layout and PDF writing: package -> model -> laid-out pages -> PDF bytes.
#include "allies/pdf.hpp"
#include "allies/reader.hpp"
#include "docx_mutator.hpp"
#include "fuzz_common.hpp"

ALLIES_DOCX_MUTATOR

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace allies;
    try {
        Package pkg = Package::open_memory(fuzz::bytes_of(data, size), "fuzz.docx", fuzz::fuzz_limits());
        Document doc = read_document(pkg);
        (void)to_pdf(doc, pkg);
    } catch (const Error&) {
    }
    return 0;
}
