// Words for the leak check: text folded on the check's own path (case,
// diacritics, compatibility forms, look-alike letters, apostrophes;
// verify/scan_fold.hpp) and cut at every character that is not a letter,
// a digit or an apostrophe between letters, so "O'Brien's", "OBRIEN S" and "o’brien’s" give
// the same words ("o'brien"; a possessive "'s" is dropped), and a name split
// across runs reads the same once the runs are joined. Each word remembers whether it was written with a capital:
// single-word first names match only then, as in detection.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace allies::verify {

struct Token {
    std::string text;      // folded
    bool capital = false;   // first letter upper or title case in the original
    bool all_caps = false;  // has letters, none of them lower case in the original
    bool has_lower = false; // has a lower-case letter in the original
};

// Appends the words of `utf8` to `out`.
void tokenize(std::string_view utf8, std::vector<Token>& out);
std::vector<Token> tokenize(std::string_view utf8);

}  // namespace allies::verify
