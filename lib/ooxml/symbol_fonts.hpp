// Symbol fonts (Symbol, Wingdings, Wingdings 2, Webdings) draw their glyphs
// at codes 0x20..0xFF (or U+F020..U+F0FF, §17.3.3.30 w:sym): the Unicode
// character a reader sees there, so text does not depend on the font.
#pragma once

#include <string>
#include <string_view>

namespace allies::ooxml {

// The UTF-8 of the character `code` stands for in `font`; "" when the font is
// not a symbol font or the code is not one we know.
std::string symbol_font_char(std::string_view font, unsigned code);

// True when `font` is one of the symbol fonts above.
bool is_symbol_font(std::string_view font);

}  // namespace allies::ooxml
