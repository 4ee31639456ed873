#include "symbol_fonts.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>

#include "text/encode.hpp"

namespace allies::ooxml {

namespace {

struct Entry {
    unsigned char code;
    char32_t unicode;
};

// The characters these fonts are used for in documents: bullets, boxes,
// ticks, arrows, Greek and mathematical signs. From the fonts' charts
// (Unicode's mappings of Symbol, Wingdings and Wingdings 2), restricted
// to characters in the Basic Multilingual Plane.
constexpr Entry kSymbol[] = {
    {0x22, U'\u2200'}, {0x24, U'\u2203'}, {0x27, U'\u220B'}, {0x2A, U'\u2217'}, {0x2D, U'\u2212'},
    {0x40, U'\u2245'}, {0x41, U'\u0391'}, {0x42, U'\u0392'}, {0x43, U'\u03A7'}, {0x44, U'\u0394'},
    {0x45, U'\u0395'}, {0x46, U'\u03A6'}, {0x47, U'\u0393'}, {0x48, U'\u0397'}, {0x49, U'\u0399'},
    {0x4A, U'\u03D1'}, {0x4B, U'\u039A'}, {0x4C, U'\u039B'}, {0x4D, U'\u039C'}, {0x4E, U'\u039D'},
    {0x4F, U'\u039F'}, {0x50, U'\u03A0'}, {0x51, U'\u0398'}, {0x52, U'\u03A1'}, {0x53, U'\u03A3'},
    {0x54, U'\u03A4'}, {0x55, U'\u03A5'}, {0x56, U'\u03C2'}, {0x57, U'\u03A9'}, {0x58, U'\u039E'},
    {0x59, U'\u03A8'}, {0x5A, U'\u0396'}, {0x5C, U'\u2234'}, {0x5E, U'\u22A5'}, {0x61, U'\u03B1'},
    {0x62, U'\u03B2'}, {0x63, U'\u03C7'}, {0x64, U'\u03B4'}, {0x65, U'\u03B5'}, {0x66, U'\u03C6'},
    {0x67, U'\u03B3'}, {0x68, U'\u03B7'}, {0x69, U'\u03B9'}, {0x6A, U'\u03D5'}, {0x6B, U'\u03BA'},
    {0x6C, U'\u03BB'}, {0x6D, U'\u03BC'}, {0x6E, U'\u03BD'}, {0x6F, U'\u03BF'}, {0x70, U'\u03C0'},
    {0x71, U'\u03B8'}, {0x72, U'\u03C1'}, {0x73, U'\u03C3'}, {0x74, U'\u03C4'}, {0x75, U'\u03C5'},
    {0x76, U'\u03D6'}, {0x77, U'\u03C9'}, {0x78, U'\u03BE'}, {0x79, U'\u03C8'}, {0x7A, U'\u03B6'},
    {0x7E, U'\u223C'}, {0xA2, U'\u2032'}, {0xA3, U'\u2264'}, {0xA4, U'\u2044'}, {0xA5, U'\u221E'},
    {0xA7, U'\u2663'}, {0xA8, U'\u2666'}, {0xA9, U'\u2665'}, {0xAA, U'\u2660'}, {0xAB, U'\u2194'},
    {0xAC, U'\u2190'}, {0xAD, U'\u2191'}, {0xAE, U'\u2192'}, {0xAF, U'\u2193'}, {0xB0, U'\u00B0'},
    {0xB1, U'\u00B1'}, {0xB2, U'\u2033'}, {0xB3, U'\u2265'}, {0xB4, U'\u00D7'}, {0xB5, U'\u221D'},
    {0xB6, U'\u2202'}, {0xB7, U'\u2022'}, {0xB8, U'\u00F7'}, {0xB9, U'\u2260'}, {0xBA, U'\u2261'},
    {0xBB, U'\u2248'}, {0xBC, U'\u2026'}, {0xC4, U'\u2297'}, {0xC5, U'\u2295'}, {0xC6, U'\u2205'},
    {0xC7, U'\u2229'}, {0xC8, U'\u222A'}, {0xC9, U'\u2283'}, {0xCA, U'\u2287'}, {0xCB, U'\u2284'},
    {0xCC, U'\u2282'}, {0xCD, U'\u2286'}, {0xCE, U'\u2208'}, {0xCF, U'\u2209'}, {0xD0, U'\u2220'},
    {0xD1, U'\u2207'}, {0xD2, U'\u00AE'}, {0xD3, U'\u00A9'}, {0xD4, U'\u2122'}, {0xD5, U'\u220F'},
    {0xD6, U'\u221A'}, {0xD7, U'\u22C5'}, {0xD8, U'\u00AC'}, {0xD9, U'\u2227'}, {0xDA, U'\u2228'},
    {0xDB, U'\u21D4'}, {0xDC, U'\u21D0'}, {0xDD, U'\u21D1'}, {0xDE, U'\u21D2'}, {0xDF, U'\u21D3'},
    {0xE0, U'\u25CA'}, {0xE2, U'\u00AE'}, {0xE3, U'\u00A9'}, {0xE4, U'\u2122'}, {0xE5, U'\u2211'},
    {0xF2, U'\u222B'},
};

constexpr Entry kWingdings[] = {
    {0x21, U'\u270F'}, {0x22, U'\u2702'}, {0x23, U'\u2701'}, {0x28, U'\u260E'}, {0x29, U'\u2706'},
    {0x2A, U'\u2709'}, {0x36, U'\u231B'}, {0x37, U'\u2328'}, {0x3E, U'\u2707'}, {0x3F, U'\u270D'},
    {0x41, U'\u270C'}, {0x45, U'\u261C'}, {0x46, U'\u261E'}, {0x47, U'\u261D'}, {0x48, U'\u261F'},
    {0x4A, U'\u263A'}, {0x4C, U'\u2639'}, {0x4E, U'\u2620'}, {0x51, U'\u2708'}, {0x52, U'\u263C'},
    {0x54, U'\u2744'}, {0x56, U'\u271E'}, {0x58, U'\u2720'}, {0x59, U'\u2721'}, {0x5A, U'\u262A'},
    {0x5B, U'\u262F'}, {0x5C, U'\u0950'}, {0x5D, U'\u2638'}, {0x5E, U'\u2648'}, {0x5F, U'\u2649'},
    {0x60, U'\u264A'}, {0x61, U'\u264B'}, {0x62, U'\u264C'}, {0x63, U'\u264D'}, {0x64, U'\u264E'},
    {0x65, U'\u264F'}, {0x66, U'\u2650'}, {0x67, U'\u2651'}, {0x68, U'\u2652'}, {0x69, U'\u2653'},
    {0x6C, U'\u25CF'}, {0x6D, U'\u274D'}, {0x6E, U'\u25A0'},
    {0x6F, U'\u25A1'}, {0x70, U'\u25FB'}, {0x71, U'\u2751'}, {0x72, U'\u2752'}, {0x73, U'\u2B27'},
    {0x74, U'\u29EB'}, {0x75, U'\u25C6'}, {0x76, U'\u2756'}, {0x77, U'\u2B25'}, {0x78, U'\u2327'},
    {0x79, U'\u2353'}, {0x7A, U'\u2318'}, {0x7B, U'\u2740'}, {0x7C, U'\u273F'}, {0x7D, U'\u275D'},
    {0x7E, U'\u275E'}, {0x80, U'\u24EA'}, {0x81, U'\u2460'}, {0x82, U'\u2461'}, {0x83, U'\u2462'},
    {0x84, U'\u2463'}, {0x85, U'\u2464'}, {0x86, U'\u2465'}, {0x87, U'\u2466'}, {0x88, U'\u2467'},
    {0x89, U'\u2468'}, {0x8A, U'\u2469'}, {0x8B, U'\u24FF'}, {0x8C, U'\u2776'}, {0x8D, U'\u2777'},
    {0x8E, U'\u2778'}, {0x8F, U'\u2779'}, {0x90, U'\u277A'}, {0x91, U'\u277B'}, {0x92, U'\u277C'},
    {0x93, U'\u277D'}, {0x94, U'\u277E'}, {0x95, U'\u277F'}, {0x9E, U'\u00B7'}, {0x9F, U'\u2022'},
    {0xA0, U'\u25AA'}, {0xA1, U'\u25CB'}, {0xA2, U'\u2B55'}, {0xA4, U'\u25C9'}, {0xA5, U'\u25CE'},
    {0xA7, U'\u25AA'}, {0xA8, U'\u25FB'}, {0xAA, U'\u2726'}, {0xAB, U'\u2605'}, {0xAC, U'\u2736'},
    {0xAD, U'\u2734'}, {0xAE, U'\u2739'}, {0xAF, U'\u2735'}, {0xB1, U'\u2316'}, {0xB2, U'\u27E1'},
    {0xB3, U'\u2311'}, {0xB5, U'\u272A'}, {0xB6, U'\u2730'}, {0xD5, U'\u232B'}, {0xD6, U'\u2326'},
    {0xD8, U'\u27A2'}, {0xDF, U'\u2190'}, {0xE0, U'\u2192'}, {0xE1, U'\u2191'}, {0xE2, U'\u2193'},
    {0xE3, U'\u2196'}, {0xE4, U'\u2197'}, {0xE5, U'\u2199'}, {0xE6, U'\u2198'}, {0xE8, U'\u2794'},
    {0xEF, U'\u21E6'}, {0xF0, U'\u21E8'}, {0xF1, U'\u21E7'}, {0xF2, U'\u21E9'}, {0xF3, U'\u2B04'},
    {0xF4, U'\u21F3'}, {0xF5, U'\u2B00'}, {0xF6, U'\u2B01'}, {0xF7, U'\u2B03'}, {0xF8, U'\u2B02'},
    {0xF9, U'\u25AD'}, {0xFA, U'\u25AB'}, {0xFB, U'\u2717'}, {0xFC, U'\u2713'}, {0xFD, U'\u2612'},
    {0xFE, U'\u2611'},
};

constexpr Entry kWingdings2[] = {
    {0x2A, U'\u2610'}, {0x4F, U'\u2717'}, {0x50, U'\u2713'}, {0x51, U'\u2612'}, {0x52, U'\u2611'},
    {0x53, U'\u2612'}, {0x54, U'\u2612'}, {0x55, U'\u2716'}, {0x56, U'\u2716'}, {0x97, U'\u25CF'},
    {0x98, U'\u25CF'}, {0x99, U'\u25CF'}, {0x9A, U'\u25CB'}, {0xA1, U'\u25A0'}, {0xA2, U'\u25A0'},
    {0xA3, U'\u25A1'}, {0xA4, U'\u25A3'}, {0xA5, U'\u25A3'}, {0xA6, U'\u25A3'}, {0xA7, U'\u25A0'},
    {0xA8, U'\u25AA'}, {0xB6, U'\u2605'}, {0xB7, U'\u2606'}, {0xDE, U'\u25C6'}, {0xF8, U'\u25C6'},
};

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

template <std::size_t N>
char32_t find(const Entry (&table)[N], unsigned code) {
    auto it = std::lower_bound(std::begin(table), std::end(table), code,
                               [](const Entry& e, unsigned c) { return e.code < c; });
    return it != std::end(table) && it->code == code ? it->unicode : 0;
}

}  // namespace

bool is_symbol_font(std::string_view font) {
    std::string f = lower(font);
    return f == "symbol" || f.rfind("wingdings", 0) == 0 || f == "webdings";
}

std::string symbol_font_char(std::string_view font, unsigned code) {
    if (code >= 0xF000 && code <= 0xF0FF) code -= 0xF000;
    if (code > 0xFF) return "";
    std::string f = lower(font);
    char32_t u = 0;
    if (f == "symbol") u = find(kSymbol, code);
    else if (f == "wingdings 2") u = find(kWingdings2, code);
    else if (f.rfind("wingdings", 0) == 0) u = find(kWingdings, code);
    if (u == 0) return "";
    std::string out;
    text::append_utf8(out, u);
    return out;
}

}  // namespace allies::ooxml
