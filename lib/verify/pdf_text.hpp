// Everything a reader can get out of a PDF as text, read back independently
// of how the PDF was made (groundwork of allies-publish's leak check): the
// text of every page, decoded through each font's ToUnicode map (or its
// simple encoding) with marked-content ActualText honoured, form XObjects
// followed; the Info dictionary and XMP packet; outline titles; link URIs
// and annotation contents; alternative and actual text in the structure
// tree. Only this folder and lib/pdf include PoDoFo.
#pragma once

#include <string>
#include <vector>

namespace allies::verify {

struct PdfTextContent {
    std::vector<std::string> pages;        // UTF-8, per page; words split by spaces, lines by '\n'
    std::vector<std::string> off_page;     // per page: the part of its text drawn outside its MediaBox
                                           // (in `pages` too, for the leak scan; no reader sees it)
    std::vector<std::string> metadata;     // Info values, then the XMP packet
    std::vector<std::string> outline;      // bookmark titles
    std::vector<std::string> links;        // URIs of link actions
    std::vector<std::string> annotations;  // /Contents of annotations
    std::vector<std::string> structure;    // /Alt, /ActualText, /E and /T of structure elements
    std::vector<std::string> jpeg_images;  // raw bytes of DCTDecode image streams (metadata segments can carry text)
    std::vector<std::string> problems;     // what could not be read: "content stream that cannot be decoded",
                                           // "N glyphs without a Unicode meaning", ...
};

// Throws allies::Error (input) naming `name` if the bytes are not a PDF
// PoDoFo can read. Text that cannot be decoded (a CID font without a
// ToUnicode map) comes out as U+FFFD, never silently dropped.
PdfTextContent read_pdf_text(const std::string& bytes, const std::string& name);

// Lines of text in drawing order ('\n' apart) put in reading order, as
// read_pdf_text does with a page: each line that holds right-to-left
// characters through ICU's inverse bidi algorithm.
std::string reading_order(const std::string& page);

}  // namespace allies::verify
