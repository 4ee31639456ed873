// The leak check proper: reads written outputs back (bytes, not the
// structures that produced them) and searches every place a reader or a
// program could find text for the needles (verify/needles.hpp).
//   DOCX: every part: each paragraph's text joined across runs, every text
//         node, attribute value, comment and processing instruction, the
//         part names, and the printable strings of binary parts (EMF, WMF,
//         image metadata);
//   PDF:  page text through the fonts' ToUnicode maps, Info and XMP,
//         outline titles, link URIs, annotation contents, structure text;
//   HTML: the text and, separately, the markup with its attribute values;
//   text, Markdown, JSON: as text.
// A finding names the output, the place and the rule, never the text.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "allies/package.hpp"
#include "verify/needles.hpp"

namespace allies::verify {

struct Finding {
    std::string output;  // file as named to the scanner
    std::string where;   // "word/document.xml paragraph 12", "page 3", "metadata", ...
    std::string rule;    // "name (person 2)", "pattern (email)", "region (M4 financial)", "marker", "unreadable"
};

class LeakScanner {
public:
    // `limits`: the package limits the DOCX was written under (a document
    // allowed in must be readable back).
    LeakScanner(const NeedleSet& needles, std::string key, Limits limits = {});

    // Picks the reader by file name (.docx/.docm, .pdf, .html/.htm, else text).
    void scan_file_bytes(const std::string& bytes, const std::string& name);
    void scan_docx(const std::string& bytes, const std::string& name);
    void scan_pdf(const std::string& bytes, const std::string& name);
    void scan_html(const std::string& bytes, const std::string& name);
    // `strong`: text a reader sees (paragraphs, pages, HTML text). In weak
    // places (attribute values, strings in binary parts, file names) only
    // full-length region shingles are searched: a short redacted region
    // such as hidden "Top of Form" is also the name of a Word style, and
    // finding it in w:val proves nothing.
    void scan_text(std::string_view utf8, const std::string& name, const std::string& where, bool strong = true);
    // An output's file name and folders: a weak place for region text, but
    // the strongest for names (a one-word surname in a file name counts, in
    // any case: "okafor-hearing.pdf").
    void scan_file_name(std::string_view path, const std::string& name);

    const std::vector<Finding>& findings() const { return findings_; }

private:
    void scan(std::string_view utf8, const std::string& name, const std::string& where, bool strong, bool file_name);
    void report(const std::string& name, const std::string& where, const std::string& rule);
    void scan_binary(const std::string& data, const std::string& name, const std::string& part);

    const NeedleSet& set_;
    Limits limits_;
    KeyedHasher hasher_;
    std::string marker_open_, marker_close_;
    std::unordered_multimap<std::uint64_t, std::size_t> by_hash_;
    std::vector<int> lengths_, keep_lengths_;
    std::vector<Finding> findings_;
    std::vector<Token> tokens_;           // scratch
    std::vector<std::uint64_t> hashes_;   // scratch
};

}  // namespace allies::verify
