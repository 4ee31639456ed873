// Structure-aware mutation for DOCX inputs: open the package, pick one XML
// part, let libFuzzer mutate its text, and zip it again. Byte flips on the
// zip itself mostly exercise the zip reader (the CRC fails); this reaches
// the readers, the redactor and layout with well-formed-ish XML. Every
// fourth mutation is a plain byte mutation of the whole zip so the zip
// reader keeps being fuzzed too.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>

#include "allies/error.hpp"
#include "allies/package.hpp"

#ifdef ALLIES_LIBFUZZER
extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size);

namespace allies::fuzz {

inline std::size_t mutate_docx(std::uint8_t* data, std::size_t size, std::size_t max_size, unsigned seed) {
    if (seed % 4 != 0) {
        try {
            Limits limits;
            Package pkg = Package::open_memory(std::string(reinterpret_cast<const char*>(data), size), "fuzz", limits);
            auto names = pkg.part_names();
            std::vector<std::string> xml;
            for (const auto& n : names)
                if (n.ends_with(".xml") || n.ends_with(".rels")) xml.push_back(n);
            if (!xml.empty()) {
                const std::string& name = xml[(seed / 4) % xml.size()];
                std::string part = pkg.part_bytes(name);
                std::size_t len = part.size();
                std::size_t room = len * 2 + 64;
                part.resize(room);
                part.resize(LLVMFuzzerMutate(reinterpret_cast<std::uint8_t*>(part.data()), len, room));
                pkg.set_part(name, std::move(part), pkg.content_type(name));
                std::string out = pkg.to_bytes();
                if (out.size() <= max_size) {
                    std::memcpy(data, out.data(), out.size());
                    return out.size();
                }
            }
        } catch (const Error&) {
            // Not a package (any more): fall through to byte mutation.
        }
    }
    return LLVMFuzzerMutate(data, size, max_size);
}

}  // namespace allies::fuzz

#define ALLIES_DOCX_MUTATOR                                                                              \
    extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size, std::size_t max_size, \
                                                   unsigned int seed) {                                  \
        return allies::fuzz::mutate_docx(data, size, max_size, seed);                                    \
    }
#else
// Replaying (no libFuzzer): there is nothing to mutate.
#define ALLIES_DOCX_MUTATOR
#endif
