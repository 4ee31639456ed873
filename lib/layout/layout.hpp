// The document model laid out on pages: paragraphs broken into lines with
// ICU's line-break rules and measured with the real fonts, lists with
// Word's labels, tables on their grid, images at their extent, sections,
// headers and footers with page numbers, notes at the end.
#pragma once

#include "allies/model.hpp"
#include "allies/package.hpp"
#include "layout/fonts.hpp"
#include "layout/frame.hpp"

namespace allies::layout {

LaidOutDocument lay_out(const Document& doc, const Package& package, FontLibrary& fonts);

}  // namespace allies::layout
