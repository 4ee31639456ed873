// The one error type of the library. Every failure the caller can act on is
// thrown as allies::Error; the library never prints and never aborts.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "allies/export.hpp"

namespace allies {

// Closed set of failure kinds. Tools map each kind to an exit code
// (see exit_code_for); the numbers are part of the documented CLI contract.
enum class ErrorKind {
    io,                  // cannot read an input file
    write_failed,        // cannot write an output file
    not_zip,             // input is not a zip archive (or is truncated)
    legacy_doc,          // OLE compound file holding a Word 97-2003 .doc
    encrypted,           // OLE compound file holding a password-protected OOXML package
    no_main_document,    // no officeDocument relationship, or its target is missing
    too_many_entries,    // more zip entries than Limits::max_entries
    too_large,           // uncompressed size over Limits::max_total_bytes / max_part_bytes
    zip_bomb,            // compression ratio over Limits::max_ratio
    bad_entry_name,      // "..", absolute path, backslash or duplicate entry name
    bad_xml,             // an XML part that is not well formed (or has a DOCTYPE)
    xml_too_deep,        // element nesting deeper than Limits::max_xml_depth
    bad_utf8,            // an XML part that is not valid UTF-8
    bad_pdf,             // a PDF given to be checked cannot be read
    unsupported,         // a valid package this version cannot handle safely
    usage,               // caller error (bad option, output equals input)
    policy,              // invalid policy or roster file
    refused,             // fail closed: cannot be sure sensitive content is gone
};

ALLIES_API std::string_view to_string(ErrorKind kind);

class ALLIES_API Error : public std::runtime_error {
public:
    Error(ErrorKind kind, std::string file, std::string part, std::string message);

    ErrorKind kind() const noexcept { return kind_; }
    const std::string& file() const noexcept { return file_; }
    const std::string& part() const noexcept { return part_; }
    const std::string& message() const noexcept { return message_; }

private:
    ErrorKind kind_;
    std::string file_;
    std::string part_;
    std::string message_;
};

// Process exit codes shared by all allies tools.
namespace exit_codes {
inline constexpr int ok = 0;
inline constexpr int usage = 2;        // bad command line
inline constexpr int input = 3;        // unreadable, malformed or unsafe input
inline constexpr int output = 4;       // cannot write the output
inline constexpr int unsupported = 5;  // legacy .doc, encrypted package, unsupported content
inline constexpr int policy = 6;       // invalid policy or roster file
inline constexpr int refused = 7;      // fail closed: nothing written
}  // namespace exit_codes

ALLIES_API int exit_code_for(ErrorKind kind);

}  // namespace allies
