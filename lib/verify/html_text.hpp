// An HTML output read as a browser reads it, with libxml2's HTML parser
// (named entities such as &rsquo; and &euml;, unclosed tags, comments,
// CDATA and character references all as the HTML rules say), so the leak
// check sees the text a reader sees, not what a hand-written tag stripper
// guesses.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace allies::verify {

struct HtmlContent {
    std::string text;                     // what a browser shows: inline elements joined, blocks apart
    std::vector<std::pair<std::string, std::string>> attributes;  // every attribute (name, decoded value)
    std::vector<std::string> hidden;      // comments, <script>, <style>, <template>, <noscript> text
};

// Throws Error(ErrorKind::unsupported) when libxml2 cannot build a tree at all.
HtmlContent read_html(const std::string& bytes, const std::string& name);

}  // namespace allies::verify
