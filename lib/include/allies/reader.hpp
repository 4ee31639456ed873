// Reading a DOCX package into the document model.
#pragma once

#include "allies/export.hpp"
#include "allies/model.hpp"
#include "allies/package.hpp"

namespace allies {

// Reads the main document, headers, footers, footnotes, endnotes, comments,
// sections and core properties. Throws allies::Error for malformed parts.
// The model's NodeRefs point into `package`: they are valid while it lives
// and is not re-parsed.
ALLIES_API Document read_document(const Package& package);

// Convenience: open a file ("-" = stdin) and read it. The package is gone
// on return, so the NodeRefs of the result must not be used.
ALLIES_API Document read_document_file(const std::string& path, const Limits& limits = {});

}  // namespace allies
