// The policy (TOML) and roster parsers; the first byte chooses which.
#include "allies/redact.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace allies;
    if (size == 0) return 0;
    std::string text = fuzz::bytes_of(data + 1, size - 1);
    try {
        if (data[0] & 1) (void)Policy::from_toml(text, "fuzz.toml");
        else (void)Roster::parse(text, "fuzz.txt");
    } catch (const Error&) {
    }
    return 0;
}
