// The leak check's own folding of text into words, written apart from
// detection's (text/fold.hpp) on purpose: a bug there must not blind both
// the redactor and the check of its output. The same intent, reached by
// other means: ICU's NFKC case folding (full-width, mathematical and
// ligature letters; case), marks dropped after NFD, each letter that only
// looks like an ASCII letter replaced by it through the confusables skeleton
// (Cyrillic "Ѕmith" is "smith"), and every character that is neither a
// letter, a mark, a digit nor an apostrophe taken as a word boundary.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace allies::verify {

struct ScanFolded {
    std::string text;                 // folded: words of ASCII and non-ASCII letters, ' and spaces
    std::vector<bool> capital_start;  // per folded byte: the original code point there is upper or title case
    std::vector<bool> letter;         // per folded byte: it comes from a letter
    std::vector<bool> lower;          // per folded byte: it comes from a lower-case letter
};

ScanFolded scan_fold(std::string_view utf8);

}  // namespace allies::verify
