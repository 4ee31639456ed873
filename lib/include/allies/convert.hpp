// Writers from the document model to text formats. What they show is the
// document as Word displays it: tracked changes accepted, comments and
// hidden text left out, list labels as Word shows them, reading order.
#pragma once

#include <string>
#include <string_view>

#include "allies/export.hpp"
#include "allies/model.hpp"

namespace allies {

// html and pdf need the package (images): see allies/html.hpp, allies/pdf.hpp.
enum class OutputFormat { text, markdown, json, html, pdf };

// Parses "text"/"txt"/"plain", "markdown"/"md", "json", "html"/"htm", "pdf"; false on failure.
ALLIES_API bool parse_output_format(std::string_view name, OutputFormat& out);

ALLIES_API std::string to_text(const Document& doc);
ALLIES_API std::string to_markdown(const Document& doc);
// The model itself, as described by schemas/document.schema.json.
ALLIES_API std::string to_json(const Document& doc);

ALLIES_API std::string convert(const Document& doc, OutputFormat format);

ALLIES_API std::string_view version();

}  // namespace allies
