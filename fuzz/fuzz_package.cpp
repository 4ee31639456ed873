// Package open from bytes: zip reader, limits, content types, relationships,
// every XML part parsed and checked, and the package written back.
#include "docx_mutator.hpp"
#include "fuzz_common.hpp"
#include "package/package_impl.hpp"

ALLIES_DOCX_MUTATOR

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace allies;
    try {
        Package pkg = Package::open_memory(fuzz::bytes_of(data, size), "fuzz.docx", fuzz::fuzz_limits());
        for (const auto& name : pkg.part_names()) {
            (void)pkg.relationships(name);
            if (name.ends_with(".xml") || name.ends_with(".rels")) {
                try {
                    (void)xml(pkg, name);
                } catch (const Error&) {
                }
            }
        }
        std::string again = pkg.to_bytes();
        Package::open_memory(std::move(again), "again.docx", fuzz::fuzz_limits());
    } catch (const Error&) {
    }
    return 0;
}
