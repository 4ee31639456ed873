// Exit codes: a process concern, so they live with the tools, not in the
// library (which reports allies::ErrorKind). The numbers are the documented
// contract of the man pages; tests include this header to check them.
#pragma once

#include "allies/error.hpp"
#include "allies/publish.hpp"

namespace allies::tool {

namespace exit_codes {
inline constexpr int ok = 0;
inline constexpr int usage = 2;        // bad command line
inline constexpr int input = 3;        // unreadable, malformed or unsafe input
inline constexpr int output = 4;       // cannot write the output
inline constexpr int unsupported = 5;  // legacy .doc, encrypted package, unsupported content
inline constexpr int policy = 6;       // invalid policy or roster file
inline constexpr int refused = 7;      // fail closed: nothing written
inline constexpr int incomplete = 9;   // the PDF or HTML lacks visible text (allies-convert --strict, allies-publish)
}  // namespace exit_codes

// allies-publish's own codes (the ones above also apply to whole-run
// errors: 2 usage, 3 no inputs, 4 output folder, 6 policy or roster).
namespace publish_exit {
inline constexpr int ok = 0;             // every document published (or unchanged)
inline constexpr int some_failed = 1;    // at least one document failed or was refused; no leak
inline constexpr int leak = 8;           // the verification caught a leak in at least one document
inline constexpr int incomplete = exit_codes::incomplete;  // a PDF or HTML of at least one document lost words; no leak
inline constexpr int interrupted = 130;  // SIGINT/SIGTERM: what was verified is published, the rest not
}  // namespace publish_exit

inline int exit_code_for(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::usage: return exit_codes::usage;
        case ErrorKind::policy: return exit_codes::policy;
        case ErrorKind::refused: return exit_codes::refused;
        case ErrorKind::write_failed: return exit_codes::output;
        case ErrorKind::legacy_doc:
        case ErrorKind::encrypted:
        case ErrorKind::unsupported: return exit_codes::unsupported;
        default: return exit_codes::input;
    }
}

// The exit code of a whole allies-publish run.
inline int exit_code_for(const BatchRun& run) {
    if (run.interrupted) return publish_exit::interrupted;
    bool leak = false, incomplete = false, failed = run.not_started > 0;
    for (const auto& d : run.documents) {
        leak = leak || d.status == DocStatus::leak;
        incomplete = incomplete || d.status == DocStatus::incomplete;
        failed = failed || d.status == DocStatus::failed || d.status == DocStatus::refused;
    }
    // The most serious outcome wins: a leak, then lost words, then failures.
    return leak ? publish_exit::leak
           : incomplete ? publish_exit::incomplete
           : failed     ? publish_exit::some_failed
                        : publish_exit::ok;
}

}  // namespace allies::tool
