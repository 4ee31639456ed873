#include "text/fold.hpp"

#include <memory>
#include <unordered_map>
#include <unicode/normalizer2.h>
#include <unicode/uspoof.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace allies::text {
namespace {

// Letters that NFD does not decompose but readers treat as accented Latin.
const char* special_latin(UChar32 c) {
    switch (c) {
        case 0x00F8: case 0x00D8: return "o";    // ø Ø
        case 0x0142: case 0x0141: return "l";    // ł Ł
        case 0x0111: case 0x0110: return "d";    // đ Đ
        case 0x00F0: case 0x00D0: return "d";    // ð Ð
        case 0x0127: case 0x0126: return "h";    // ħ Ħ
        case 0x0131: return "i";                 // dotless ı
        case 0x00E6: case 0x00C6: return "ae";   // æ Æ
        case 0x0153: case 0x0152: return "oe";   // œ Œ
        case 0x00DF: case 0x1E9E: return "ss";   // ß ẞ
        case 0x00FE: case 0x00DE: return "th";   // þ Þ
        default: return nullptr;
    }
}

enum class Class { drop, space, other };

Class classify(UChar32 c) {
    if (c == 0x00AD || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF) return Class::drop;
    if (c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0xFFFC || u_isUWhiteSpace(c))
        return Class::space;  // U+FFFC stands for an object (image, note reference) between words
    return Class::other;
}

// The ASCII letter a look-alike stands for (Cyrillic "о", Greek "Ο",
// Cherokee "Ꮪ"), by ICU's confusables skeleton, or 0. Only single letters:
// a skeleton that is a digit ("З" -> "3") or a sequence would turn words of
// other scripts into noise without catching any spelling of a Latin name.
UChar32 ascii_look_alike(UChar32 c) {
    struct Checker {
        USpoofChecker* sc = nullptr;
        Checker() {
            UErrorCode st = U_ZERO_ERROR;
            sc = uspoof_open(&st);
            if (U_FAILURE(st)) sc = nullptr;
        }
        ~Checker() {
            if (sc) uspoof_close(sc);
        }
    };
    thread_local Checker checker;
    if (!checker.sc) return 0;
    UChar in[2];
    int32_t n = 0;
    U16_APPEND_UNSAFE(in, n, c);
    UChar out[8];
    UErrorCode st = U_ZERO_ERROR;
    int32_t len = uspoof_getSkeleton(checker.sc, 0, in, n, out, 8, &st);
    if (U_FAILURE(st) || len != 1) return 0;
    UChar32 a = out[0];
    if ((a >= 'a' && a <= 'z') || (a >= 'A' && a <= 'Z')) return a;
    return 0;
}

// Folded form of one non-ASCII code point (without spaces/drops): its
// compatibility decomposition (full-width "Ｓ", mathematical "𝐒", ligatures)
// without combining marks, case-folded, each letter that is only a
// look-alike of an ASCII letter replaced by it.
void fold_code_point_uncached(UChar32 c, std::string& out) {
    switch (c) {
        case 0x2018: case 0x2019: case 0x201B: case 0x02BC: case 0x2032: case 0xFF07:
            out += '\''; return;
        case 0x201C: case 0x201D: case 0x201E: case 0x2033: out += '"'; return;
        case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: case 0xFE63: case 0xFF0D:
            out += '-'; return;
        default: break;
    }
    if (const char* s = special_latin(c)) { out += s; return; }
    UErrorCode st = U_ZERO_ERROR;
    static const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(st);
    icu::UnicodeString decomposed;
    if (!nfkd || !nfkd->getDecomposition(c, decomposed)) decomposed = icu::UnicodeString(c);
    icu::UnicodeString kept;
    for (int32_t i = 0; i < decomposed.length();) {
        UChar32 d = decomposed.char32At(i);
        i += U16_LENGTH(d);
        if (u_charType(d) == U_NON_SPACING_MARK) continue;
        if (const char* s = special_latin(d)) { kept.append(icu::UnicodeString::fromUTF8(s)); continue; }
        if (d >= 0x80) {
            if (UChar32 a = ascii_look_alike(d)) d = a;
        }
        kept.append(d);
    }
    kept.foldCase();
    std::string utf8;
    kept.toUTF8String(utf8);
    out += utf8;
}

void fold_code_point(UChar32 c, std::string& out) {
    // Per thread, per code point: the skeleton and decomposition are the
    // slow part, and a document uses few distinct non-ASCII letters.
    thread_local std::unordered_map<UChar32, std::string> cache;
    auto it = cache.find(c);
    if (it == cache.end()) {
        std::string piece;
        fold_code_point_uncached(c, piece);
        if (cache.size() > 65536) cache.clear();
        it = cache.emplace(c, std::move(piece)).first;
    }
    out += it->second;
}

}  // namespace

Folded fold(std::string_view in) {
    Folded f;
    // Folded text is rarely longer than its input: size the buffers once and
    // write through pointers (this loop runs over every paragraph, twice),
    // growing only for the rare letters that expand (ß -> ss).
    std::size_t cap = in.size() + 16, o = 0;
    f.text.resize(cap);
    f.begin.resize(cap);
    f.end.resize(cap);
    char* text = f.text.data();
    std::uint32_t* fb = f.begin.data();
    std::uint32_t* fe = f.end.data();
    // Keeps room for `need` bytes now plus one per input byte still to come.
    auto grow = [&](std::size_t need, std::size_t remaining) {
        if (o + need + remaining <= cap) return;
        cap = (o + need + remaining) * 2 + 16;
        f.text.resize(cap);
        f.begin.resize(cap);
        f.end.resize(cap);
        text = f.text.data();
        fb = f.begin.data();
        fe = f.end.data();
    };
    bool last_space = false;
    std::string piece;
    const auto* s = reinterpret_cast<const uint8_t*>(in.data());
    int32_t len = static_cast<int32_t>(in.size());
    auto emit = [&](char c, int32_t start, int32_t end) {
        text[o] = c;
        fb[o] = static_cast<uint32_t>(start);
        fe[o] = static_cast<uint32_t>(end);
        ++o;
    };
    for (int32_t i = 0; i < len;) {
        int32_t start = i;
        uint8_t b = s[i];
        // Fast path: a run of ASCII letters and digits (most of any text).
        if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z')) {
            last_space = false;
            do {
                text[o] = static_cast<char>(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
                fb[o] = static_cast<uint32_t>(i);
                fe[o] = static_cast<uint32_t>(i + 1);
                ++o;
                ++i;
                if (i >= len) break;
                b = s[i];
            } while ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z'));
            continue;
        }
        if (b < 0x80) {
            ++i;
            char c = static_cast<char>(b);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
                if (last_space) { fe[o - 1] = static_cast<uint32_t>(i); continue; }
                last_space = true;
                emit(' ', start, i);
                continue;
            }
            last_space = false;
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            emit(c, start, i);
            continue;
        }
        UChar32 c;
        U8_NEXT(s, i, len, c);
        if (c < 0) c = 0xFFFD;
        Class k = classify(c);
        if (k == Class::drop) {
            if (o) fe[o - 1] = static_cast<uint32_t>(i);
            continue;
        }
        if (k == Class::space) {
            if (last_space) { fe[o - 1] = static_cast<uint32_t>(i); continue; }
            last_space = true;
            emit(' ', start, i);
            continue;
        }
        last_space = false;
        piece.clear();
        fold_code_point(c, piece);
        if (piece.empty()) {  // a lone combining mark: it belongs to the letter before it
            if (o) fe[o - 1] = static_cast<uint32_t>(i);
            continue;
        }
        grow(piece.size(), in.size() - static_cast<std::size_t>(i));
        for (char ch : piece) emit(ch, start, i);
    }
    f.text.resize(o);
    f.begin.resize(o);
    f.end.resize(o);
    return f;
}

std::string fold_string(std::string_view utf8) { return fold(utf8).text; }

bool starts_upper(std::string_view in, std::size_t at) {
    if (at >= in.size()) return false;
    const auto* s = reinterpret_cast<const uint8_t*>(in.data());
    int32_t i = static_cast<int32_t>(at);
    UChar32 c;
    U8_NEXT(s, i, static_cast<int32_t>(in.size()), c);
    if (c < 0) return false;
    return u_isupper(c) || u_istitle(c);
}

}  // namespace allies::text
