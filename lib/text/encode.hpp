// Small encoding helpers shared by writers at different layers.
#pragma once

#include <string>
#include <string_view>

namespace allies::text {

// Appends s as a JSON string literal (quotes, escapes, \u00XX for controls).
void append_json_string(std::string& out, std::string_view s);
inline std::string json_string(std::string_view s) {
    std::string out;
    append_json_string(out, s);
    return out;
}

// Appends one code point as UTF-8; surrogates and values above U+10FFFF
// become U+FFFD.
void append_utf8(std::string& out, char32_t cp);

// UTF-8 to code points; invalid bytes become U+FFFD (ICU).
std::u32string utf32_from_utf8(std::string_view s);

}  // namespace allies::text
