// Colours as Word paints them: what a w:shd shading shows (fill, pattern
// colour, their mix for percentage and stripe patterns, ST_Shd §17.18.78),
// and automatic text colour, which is white on a dark background (§17.3.2.6:
// "auto" leaves the colour to the application; Word picks white on dark).
#pragma once

#include <string_view>

#include "allies/model.hpp"
#include "layout/frame.hpp"

namespace allies::layout {

// "RRGGBB" to a colour; false (out untouched) for auto or anything else.
bool hex_color(std::string_view hex, Color& out);

// The colour `s` paints; false when it paints nothing (clear with no fill).
bool shading_color(const Shading& s, Color& out);

// A background dark enough that Word draws automatic text on it in white.
bool is_dark(const Color& c);

}  // namespace allies::layout
