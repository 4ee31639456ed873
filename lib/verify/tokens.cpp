#include "verify/tokens.hpp"

#include "text/fold.hpp"

namespace allies::verify {
namespace {

bool ascii_only(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

bool ascii_word(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

}  // namespace

void tokenize(std::string_view utf8, std::vector<Token>& out) {
    if (ascii_only(utf8)) {
        // Most of a package (XML attributes, English text) is ASCII: folding
        // is then lower-casing, with no ICU round trip.
        std::size_t i = 0;
        while (i < utf8.size()) {
            while (i < utf8.size() && !ascii_word(static_cast<unsigned char>(utf8[i]))) ++i;
            if (i >= utf8.size()) break;
            std::size_t j = i;
            Token t;
            t.capital = utf8[i] >= 'A' && utf8[i] <= 'Z';
            while (j < utf8.size() && ascii_word(static_cast<unsigned char>(utf8[j]))) {
                char c = utf8[j++];
                t.text += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
            }
            out.push_back(std::move(t));
            i = j;
        }
        return;
    }
    text::Folded f = text::fold(utf8);
    const std::string& s = f.text;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && !text::is_word_byte(static_cast<unsigned char>(s[i]))) ++i;
        if (i >= s.size()) break;
        std::size_t j = i;
        while (j < s.size() && text::is_word_byte(static_cast<unsigned char>(s[j]))) ++j;
        Token t;
        t.text = s.substr(i, j - i);
        t.capital = text::starts_upper(utf8, f.original_begin(i));
        out.push_back(std::move(t));
        i = j;
    }
}

std::vector<Token> tokenize(std::string_view utf8) {
    std::vector<Token> out;
    tokenize(utf8, out);
    return out;
}

}  // namespace allies::verify
