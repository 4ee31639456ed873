// Hex spellings PDF uses for glyph codes and UTF-16BE text (content-stream
// <...> strings, ToUnicode maps, ActualText).
#pragma once

#include <cstdint>
#include <string>

namespace allies::pdf {

// Four upper-case hex digits of the low 16 bits of v, appended.
inline void append_hex4(std::string& out, std::uint32_t v) {
    static const char digits[] = "0123456789ABCDEF";
    const char hex[4] = {digits[(v >> 12) & 15], digits[(v >> 8) & 15], digits[(v >> 4) & 15], digits[v & 15]};
    out.append(hex, 4);
}

inline std::string hex4(std::uint32_t v) {
    std::string out;
    append_hex4(out, v);
    return out;
}

// Text as UTF-16BE hex digits (surrogate pairs above the BMP; U+FFFD for
// surrogates and values beyond U+10FFFF).
inline std::string utf16_hex(const std::u32string& text) {
    std::string out;
    for (char32_t c : text) {
        if (c >= 0x10000 && c <= 0x10FFFF) {
            char32_t v = c - 0x10000;
            append_hex4(out, 0xD800 + (v >> 10));
            append_hex4(out, 0xDC00 + (v & 0x3FF));
        } else {
            append_hex4(out, (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF ? 0xFFFD : static_cast<std::uint32_t>(c));
        }
    }
    return out;
}

}  // namespace allies::pdf
