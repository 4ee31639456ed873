#include "layout/colors.hpp"

#include <cstdlib>
#include <string>

namespace allies::layout {

namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// How much of the pattern colour a pattern shows, 0..1; -1 for an unknown value.
double pattern_share(std::string_view v) {
    if (v.empty() || v == "clear" || v == "nil") return 0;
    if (v == "solid") return 1;
    if (v.size() > 3 && v.substr(0, 3) == "pct") {
        int n = std::atoi(std::string(v.substr(3)).c_str());
        return n >= 0 && n <= 100 ? n / 100.0 : 0;
    }
    if (v.substr(0, 4) == "thin") return 0.25;                  // thin stripes and crosses
    if (v.find("Stripe") != std::string_view::npos || v.find("Cross") != std::string_view::npos) return 0.5;
    return -1;
}

}  // namespace

bool hex_color(std::string_view hex, Color& out) {
    if (hex.size() != 6) return false;
    int d[6];
    for (std::size_t i = 0; i < 6; ++i)
        if ((d[i] = hex_digit(hex[i])) < 0) return false;
    out = {(d[0] * 16 + d[1]) / 255.0, (d[2] * 16 + d[3]) / 255.0, (d[4] * 16 + d[5]) / 255.0};
    return true;
}

bool shading_color(const Shading& s, Color& out) {
    double share = pattern_share(s.pattern);
    Color fill{1, 1, 1}, pattern{0, 0, 0};  // auto: a white page under black ink
    bool has_fill = hex_color(s.fill, fill);
    hex_color(s.color, pattern);
    if (share <= 0) {  // clear, nil, unknown patterns: the fill alone
        if (!has_fill) return false;
        out = fill;
        return true;
    }
    out = {fill.r + (pattern.r - fill.r) * share, fill.g + (pattern.g - fill.g) * share,
           fill.b + (pattern.b - fill.b) * share};
    return true;
}

bool is_dark(const Color& c) {
    // Luminance (ITU-R BT.601 weights) at most 62 of 255, the point where
    // LibreOffice also turns automatic text white: navy, black, dark red
    // and dark green are dark; mid blue (4472C4) and 50% grey are not.
    return (c.r * 0.299 + c.g * 0.587 + c.b * 0.114) * 255 <= 62.0 + 1e-9;
}

}  // namespace allies::layout
