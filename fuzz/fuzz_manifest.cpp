// The manifest and report readers (JSON written by allies-publish, read back
// by --incremental, --merge-manifests and --verify-only).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "allies/publish.hpp"
#include "fuzz_common.hpp"
#include "publish/report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace allies;
    std::string text = fuzz::bytes_of(data, size);
    try {
        (void)publish::needles_from_report(text, "fuzz.report.json");
    } catch (const Error&) {
    }
    // read_manifest reads a file: write one of our own.
    static std::string path = [] {
        char tmpl[] = "/tmp/allies-fuzz-manifest-XXXXXX";
        int fd = mkstemp(tmpl);
        if (fd >= 0) close(fd);
        return std::string(tmpl);
    }();
    if (FILE* f = std::fopen(path.c_str(), "wb")) {
        std::fwrite(text.data(), 1, text.size(), f);
        std::fclose(f);
        try {
            (void)read_manifest(path);
        } catch (const Error&) {
        }
    }
    return 0;
}
