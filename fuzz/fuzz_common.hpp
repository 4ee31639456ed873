// Shared by the fuzz targets: bounded limits (a fuzzer's memory budget is
// 2 GiB, the defaults allow a 1 GiB package) and byte helpers.
#pragma once

#include <cstdint>
#include <string>

#include "allies/error.hpp"
#include "allies/package.hpp"
#include "allies/reader.hpp"

namespace allies::fuzz {

inline Limits fuzz_limits() {
    Limits l;
    l.max_total_bytes = 64ull << 20;
    l.max_part_bytes = 32ull << 20;
    l.max_entries = 2000;
    return l;
}

inline std::string bytes_of(const std::uint8_t* data, std::size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

// Opens the bytes as a package and reads its document model, then hands
// both to `use`; what allies reports as an Error is a clean failure.
template <typename Use>
void with_document(const std::uint8_t* data, std::size_t size, Use use) {
    try {
        Package pkg = Package::open_memory(bytes_of(data, size), "fuzz.docx", fuzz_limits());
        Document doc = read_document(pkg);
        use(doc, pkg);
    } catch (const Error&) {
    }
}

}  // namespace allies::fuzz
