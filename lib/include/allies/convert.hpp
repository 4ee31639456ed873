// Writers from the document model to text formats. What they show is the
// document as Word displays it: tracked changes accepted, comments and
// hidden text left out, list labels as Word shows them, reading order.
#pragma once

#include <string>
#include <string_view>

#include "allies/export.hpp"
#include "allies/model.hpp"

namespace allies {

// Every format the library writes. HTML and PDF need the package (its
// pictures and fonts): allies::to_html (allies/html.hpp) and allies::to_pdf
// (allies/pdf.hpp) take it. The formats made from the model alone are the
// TextFormat ones, and only they can be passed to convert().
enum class OutputFormat { text, markdown, json, html, pdf };
enum class TextFormat { text, markdown, json };

// Parses "text"/"txt"/"plain", "markdown"/"md", "json", "html"/"htm", "pdf"; false on failure.
ALLIES_API bool parse_output_format(std::string_view name, OutputFormat& out);
// The TextFormat of `format`; false for html and pdf.
ALLIES_API bool as_text_format(OutputFormat format, TextFormat& out);

ALLIES_API std::string to_text(const Document& doc);
ALLIES_API std::string to_markdown(const Document& doc);
// The model itself, as described by schemas/document.schema.json.
ALLIES_API std::string to_json(const Document& doc);

// to_text, to_markdown or to_json. (convert(doc, OutputFormat::pdf) does not
// compile: a PDF cannot be made without the package.)
ALLIES_API std::string convert(const Document& doc, TextFormat format);

ALLIES_API std::string_view version();

}  // namespace allies
