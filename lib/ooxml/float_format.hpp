// Reading where an anchored object sits and how a shape is drawn: the
// wp:anchor position and wrap (§20.4.2.3), a wps:wsp shape's fill, outline,
// geometry and text insets (DrawingML §20.1), the VML equivalents (v:shape,
// v:rect, ... with their CSS-like style), and text frames (w:framePr) and
// floating tables (w:tblPr/w:tblpPr). Values only: the layout places them.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <pugixml.hpp>

#include "allies/model.hpp"
#include "ooxml/styles.hpp"

namespace allies::ooxml {

// A DrawingML colour element's parent (a:solidFill, a:ln's fill, a
// gradient stop ...): the colour it holds, RRGGBB, theme colours and their
// modifiers (lumMod, lumOff, tint, shade) applied; "" when none.
std::string drawing_color(pugi::xml_node holder, const ThemeFonts& theme);

// wp:anchor (or wp:inline, then only the shape part) holding a graphic;
// `shape` is its wps:wsp, or null for a picture.
FloatFormat read_float_format(pugi::xml_node holder, pugi::xml_node shape, const ThemeFonts& theme);

// A VML shape (v:shape, v:rect, v:roundrect, v:oval, v:line, v:group ...):
// its style's position (position:absolute, margin-left/top, mso-position-*),
// size, fill and stroke; width and height receive its size in EMU.
FloatFormat read_vml_format(pugi::xml_node shape, Emu& width, Emu& height);

// A positive length of a VML style ("width:108pt;height:21pt"), in EMU;
// 0 when absent or not a plain length. Bare numbers are pixels (CSS).
Emu vml_length(std::string_view style, std::string_view property);
// A bare number of a VML style (a group child's left, top, width, height
// in its group's coordinate units); 0 when absent or not a number.
double vml_number(std::string_view style, std::string_view property);
// "x,y" (a v:line's from and to, a group's coordsize): missing parts are 0.
std::pair<double, double> vml_pair(std::string_view value);

// w:framePr.
TextFrame read_text_frame(pugi::xml_node frame_pr);

// w:tblpPr.
TablePosition read_table_position(pugi::xml_node tblp_pr);

}  // namespace allies::ooxml
