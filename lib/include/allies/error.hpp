// The one error type of the library. Every failure the caller can act on is
// thrown as allies::Error; the library never prints and never aborts.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "allies/export.hpp"

namespace allies {

// Closed set of failure kinds. The library reports kinds only; what a
// process does with them (exit codes) is the tools' business
// (tools/common/exit_codes.hpp, documented in each tool's man page).
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
    // Only in batch results (DocumentResult::error_kind), never thrown:
    out_of_memory,       // publishing the document ran out of memory
    crashed,             // the worker process publishing it died (a bug)
    timed_out,           // it took longer than the runner's time limit
    stopped,             // the run was stopped (--fail-fast, an interrupt) before it finished
};

ALLIES_API std::string_view to_string(ErrorKind kind);
// The kind named by to_string; false for a name that is none.
ALLIES_API bool parse_error_kind(std::string_view name, ErrorKind& out);

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

}  // namespace allies
