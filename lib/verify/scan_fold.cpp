#include "verify/scan_fold.hpp"

#include <unordered_map>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uspoof.h>
#include <unicode/utf8.h>

namespace allies::verify {
namespace {

struct Spoof {
    USpoofChecker* sc = nullptr;
    Spoof() {
        UErrorCode st = U_ZERO_ERROR;
        sc = uspoof_open(&st);
        if (U_FAILURE(st)) sc = nullptr;
    }
    ~Spoof() {
        if (sc) uspoof_close(sc);
    }
    Spoof(const Spoof&) = delete;
    Spoof& operator=(const Spoof&) = delete;
};

// The confusables skeleton of one letter when it is one ASCII letter.
UChar32 skeleton_letter(UChar32 c) {
    thread_local Spoof spoof;
    if (!spoof.sc) return 0;
    icu::UnicodeString in(c), out;
    UErrorCode st = U_ZERO_ERROR;
    uspoof_getSkeletonUnicodeString(spoof.sc, 0, in, out, &st);
    if (U_FAILURE(st) || out.length() != 1) return 0;
    UChar32 a = out.char32At(0);
    return ((a >= 'a' && a <= 'z') || (a >= 'A' && a <= 'Z')) ? a : 0;
}

// Letters with no decomposition that a reader takes for Latin ones.
const char* latin_extra(UChar32 c) {
    switch (c) {
        case 0x00F8: return "o";
        case 0x0142: return "l";
        case 0x0111: case 0x00F0: return "d";
        case 0x0127: return "h";
        case 0x0131: return "i";
        case 0x00E6: return "ae";
        case 0x0153: return "oe";
        case 0x00DF: return "ss";
        case 0x00FE: return "th";
        default: return nullptr;
    }
}

bool apostrophe(UChar32 c) {
    return c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x201B || c == 0x02BC || c == 0x2032 || c == 0xFF07;
}

// The folded form of one code point; "" for a boundary; "\x01" to vanish
// (format characters: soft hyphen, zero-width joiners inside a word).
const std::string& fold_one(UChar32 c) {
    thread_local std::unordered_map<UChar32, std::string> cache;
    auto it = cache.find(c);
    if (it != cache.end()) return it->second;
    std::string out;
    int8_t type = u_charType(c);
    if (apostrophe(c)) {
        out = "'";
    } else if (type == U_FORMAT_CHAR) {
        out = "\x01";
    } else if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK) {
        out = "\x01";  // a mark on its own belongs to the letter before it
    } else if (u_isalnum(c) || u_isalpha(c)) {
        UErrorCode st = U_ZERO_ERROR;
        const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(st);
        const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(st);
        icu::UnicodeString s(c), folded, decomposed;
        if (U_SUCCESS(st)) {
            nfkc_cf->normalize(s, folded, st);
            nfd->normalize(folded, decomposed, st);
        }
        if (U_FAILURE(st)) decomposed = s;
        for (int32_t i = 0; i < decomposed.length();) {
            UChar32 d = decomposed.char32At(i);
            i += U16_LENGTH(d);
            int8_t dt = u_charType(d);
            if (dt == U_NON_SPACING_MARK || dt == U_ENCLOSING_MARK || dt == U_COMBINING_SPACING_MARK) continue;
            if (d < 0x80) {
                if (d >= 'A' && d <= 'Z') d += 'a' - 'A';
                if ((d >= 'a' && d <= 'z') || (d >= '0' && d <= '9')) out += static_cast<char>(d);
                continue;
            }
            if (const char* x = latin_extra(d)) {
                out += x;
                continue;
            }
            if (UChar32 a = skeleton_letter(d)) {
                out += static_cast<char>(a >= 'A' && a <= 'Z' ? a + ('a' - 'A') : a);
                continue;
            }
            if (!u_isalnum(d) && !u_isalpha(d)) continue;
            icu::UnicodeString one(d);
            std::string utf8;
            one.toUTF8String(utf8);
            out += utf8;
        }
        if (out.empty()) out = "\x01";
    }
    if (cache.size() > 65536) cache.clear();
    return cache.emplace(c, std::move(out)).first->second;
}

}  // namespace

ScanFolded scan_fold(std::string_view in) {
    ScanFolded f;
    f.text.reserve(in.size());
    f.capital_start.reserve(in.size());
    f.letter.reserve(in.size());
    f.lower.reserve(in.size());
    const auto* s = reinterpret_cast<const uint8_t*>(in.data());
    int32_t len = static_cast<int32_t>(in.size());
    auto boundary = [&] {
        if (!f.text.empty() && f.text.back() != ' ') {
            f.text += ' ';
            f.capital_start.push_back(false);
            f.letter.push_back(false);
            f.lower.push_back(false);
        }
    };
    for (int32_t i = 0; i < len;) {
        uint8_t b = s[i];
        if (b < 0x80) {
            ++i;
            if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')) {
                f.text += static_cast<char>(b);
                f.capital_start.push_back(false);
                f.letter.push_back(b >= 'a');
                f.lower.push_back(b >= 'a');
            } else if (b >= 'A' && b <= 'Z') {
                f.text += static_cast<char>(b + ('a' - 'A'));
                f.capital_start.push_back(true);
                f.letter.push_back(true);
                f.lower.push_back(false);
            } else if (b == '\'') {
                f.text += '\'';
                f.capital_start.push_back(false);
                f.letter.push_back(false);
                f.lower.push_back(false);
            } else {
                boundary();
            }
            continue;
        }
        UChar32 c;
        U8_NEXT(s, i, len, c);
        if (c < 0) {
            boundary();
            continue;
        }
        const std::string& piece = fold_one(c);
        if (piece.empty()) {
            boundary();
            continue;
        }
        if (piece == "\x01") continue;
        bool upper = u_isupper(c) || u_istitle(c);
        bool is_letter = u_isalpha(c), is_lower = u_islower(c);
        for (std::size_t k = 0; k < piece.size(); ++k) {
            f.text += piece[k];
            f.capital_start.push_back(upper && k == 0);
            f.letter.push_back(is_letter);
            f.lower.push_back(is_lower);
        }
    }
    return f;
}

}  // namespace allies::verify
