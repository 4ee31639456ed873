// The content-model rules Word enforces on the stories of a document and
// refuses to open without "repair" when broken: a table cell ends with a
// paragraph, a row has a cell, a table has a row, a block content control
// has content, a note, a comment and a text box hold at least a paragraph.
// Removing content can break each of these (a row-level content control
// redacted out of its cell); repair_structure puts the minimum back, and
// the self-check refuses any output that still breaks one.
#pragma once

#include <string>
#include <pugixml.hpp>

namespace allies::redact {

// Fixes what removal can leave behind, in place, under `root`.
void repair_structure(pugi::xml_node root);
// The first rule broken under `root` ("w:tc without a final paragraph"), or "".
std::string structure_problem(pugi::xml_node root);
// Whether a part's root element is a story (document, header, footer,
// footnotes, endnotes, comments) that these rules apply to.
bool is_story_root(pugi::xml_node root);

}  // namespace allies::redact
