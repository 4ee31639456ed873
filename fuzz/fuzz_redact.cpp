// The redactor: find, apply and the self-check, with a roster and the
// default policy (unlisted names, authors and attendance lines on).
#include "allies/redact.hpp"
#include "docx_mutator.hpp"
#include "fuzz_common.hpp"

ALLIES_DOCX_MUTATOR

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace allies;
    static const Roster roster = Roster::parse("Tom Okafor\nFiona MacLeod\nJane Smith\n", "roster.txt");
    try {
        Package pkg = Package::open_memory(fuzz::bytes_of(data, size), "fuzz.docx", fuzz::fuzz_limits());
        RedactOptions o;
        o.roster = roster;
        Redactor r(pkg, o);
        (void)r.find();
        (void)r.public_bytes();
    } catch (const Error&) {
    }
    return 0;
}
