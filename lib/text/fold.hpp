// Folding text for matching: case, diacritics, apostrophes, dashes and
// spaces are made uniform so that "ZOË WARD", "Zoe  Ward" and "zoë ward" are
// one string, while every folded byte still knows where in the original
// UTF-8 it came from (so a match can be cut out of the original exactly).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace allies::text {

struct Folded {
    std::string text;                  // folded UTF-8
    std::vector<std::uint32_t> begin;  // per folded byte: original byte where its code point starts
    std::vector<std::uint32_t> end;    // per folded byte: original byte after that code point
    // Original range [begin, end) of the folded range [a, b); b > a.
    std::uint32_t original_begin(std::size_t a) const { return begin[a]; }
    std::uint32_t original_end(std::size_t b) const { return end[b - 1]; }
};

// Folds UTF-8 (invalid bytes become U+FFFD): NFKD (full-width and
// mathematical letters, ligatures), combining marks dropped, letters that
// only look like ASCII letters (Cyrillic "о", Greek "Ο") replaced by them
// (ICU confusables skeleton),
// full case folding, a few letters without decomposition mapped to ASCII
// (ø, ł, đ, æ, œ, ß, þ), typographic apostrophes to ', dashes to -, every run
// of white space (including no-break and zero-width spaces) to one space;
// soft hyphens and zero-width joiners vanish.
Folded fold(std::string_view utf8);
// The folded text only (for building patterns).
std::string fold_string(std::string_view utf8);

// True for bytes that start or continue a word in folded text: ASCII letters
// and digits, and any non-ASCII byte (folded non-ASCII is always a letter or
// a letter-like mark: punctuation and spaces are folded to ASCII).
inline bool is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

// Whether the code point starting at original UTF-8 offset `at` is an
// upper-case or title-case letter.
bool starts_upper(std::string_view utf8, std::size_t at);

}  // namespace allies::text
