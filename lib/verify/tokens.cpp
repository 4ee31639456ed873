#include "verify/tokens.hpp"

#include <cctype>

#include "verify/scan_fold.hpp"

namespace allies::verify {
namespace {

bool ascii_only(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

bool ascii_word(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool possessive_at(std::string_view s, std::size_t j) {  // s[j] == '\'' followed by "s" and no more letters
    return j + 1 < s.size() && (s[j + 1] == 's' || s[j + 1] == 'S') &&
           (j + 2 >= s.size() || !(std::isalnum(static_cast<unsigned char>(s[j + 2])) || static_cast<unsigned char>(s[j + 2]) >= 0x80));
}

// End of the word starting at i. An apostrophe between letters belongs to
// the word ("O'Neill" is one word, so "Neill" alone is not found in it, as
// in detection), except before a possessive "s".
template <class IsWord>
std::size_t word_end(std::string_view s, std::size_t i, IsWord is_word) {
    std::size_t j = i;
    while (j < s.size()) {
        if (is_word(static_cast<unsigned char>(s[j]))) {
            ++j;
        } else if (s[j] == '\'' && j + 1 < s.size() && is_word(static_cast<unsigned char>(s[j + 1])) && !possessive_at(s, j)) {
            ++j;
        } else {
            break;
        }
    }
    return j;
}

// After a word: "'s" of a possessive is not a word of its own.
template <class IsWord>
std::size_t skip_possessive(std::string_view s, std::size_t j, IsWord) {
    return (j < s.size() && s[j] == '\'' && possessive_at(s, j)) ? j + 2 : j;
}

}  // namespace

void tokenize(std::string_view utf8, std::vector<Token>& out) {
    if (ascii_only(utf8)) {
        // Most of a package (XML attributes, English text) is ASCII: folding
        // is then lower-casing, with no ICU round trip.
        std::size_t i = 0;
        while (i < utf8.size()) {
            while (i < utf8.size() && !ascii_word(static_cast<unsigned char>(utf8[i]))) ++i;
            if (i >= utf8.size()) break;
            std::size_t j = word_end(utf8, i, ascii_word);
            Token t;
            t.capital = utf8[i] >= 'A' && utf8[i] <= 'Z';
            bool letters = false, lower = false;
            for (std::size_t k = i; k < j; ++k) {
                char c = utf8[k];
                letters = letters || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
                lower = lower || (c >= 'a' && c <= 'z');
                t.text += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
            }
            t.all_caps = letters && !lower;
        t.has_lower = lower;
            t.has_lower = lower;
            out.push_back(std::move(t));
            i = skip_possessive(utf8, j, ascii_word);
        }
        return;
    }
    // Folded on the check's own path (verify/scan_fold.hpp), not detection's.
    ScanFolded f = scan_fold(utf8);
    const std::string& s = f.text;
    auto word = [](unsigned char c) { return ascii_word(c) || c >= 0x80; };
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && !word(static_cast<unsigned char>(s[i]))) ++i;
        if (i >= s.size()) break;
        std::size_t j = word_end(s, i, word);
        Token t;
        t.text = s.substr(i, j - i);
        t.capital = f.capital_start[i];
        bool letters = false, lower = false;
        for (std::size_t k = i; k < j; ++k) {
            letters = letters || f.letter[k];
            lower = lower || f.lower[k];
        }
        t.all_caps = letters && !lower;
        out.push_back(std::move(t));
        i = skip_possessive(s, j, word);
    }
}

std::vector<Token> tokenize(std::string_view utf8) {
    std::vector<Token> out;
    tokenize(utf8, out);
    return out;
}

}  // namespace allies::verify
