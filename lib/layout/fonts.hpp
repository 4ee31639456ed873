// Fonts for layout: Word font names to installed TrueType faces (with
// metric-compatible substitutes first), per-character fallback, and the
// measurements line breaking needs (advances, legacy kerning, metrics).
//
// Only faces the PDF writer can embed are ever returned: TrueType outlines
// (`glyf`), face 0 of their file (PoDoFo 0.9.8 subsets glyf fonts only and
// opens face 0), not variable. Only the BMP counts as coverable, because
// PoDoFo 0.9.8 draws text per UTF-16 code unit.
//
// fontconfig and FreeType stay behind this header (pimpl).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "allies/model.hpp"

namespace allies::layout {

// What a run asks for: the Word font name (w:rFonts, already resolved from
// the theme) and the run's bold/italic.
struct FontKey {
    std::string family;
    bool bold = false;
    bool italic = false;
};

// One real font file face, and how it answers the key it was chosen for.
struct FontFace {
    std::string path;
    int index = 0;                             // face index inside the file (always 0, see above)
    std::string family;                        // the family actually used
    bool bold = false, italic = false;         // style of the face itself
    bool synthetic_bold = false, synthetic_italic = false;  // requested style not available as a real face
};

// In font units. Descents are negative (below the baseline).
struct FontMetrics {
    int units_per_em = 1000;
    int ascent = 0;       // typographic (hhea, as FreeType reports it)
    int descent = 0;
    int line_gap = 0;
    // OS/2 usWinAscent / -usWinDescent: Word's single line height is
    // win_ascent - win_descent (LibreOffice does the same for DOCX).
    // Equal to ascent/descent when the font has no OS/2 table.
    int win_ascent = 0;
    int win_descent = 0;
    // OS/2 fsSelection USE_TYPO_METRICS: the font asks for its typographic
    // ascent, descent and line gap (sTypo*) to set lines (Caladea does).
    bool use_typo_metrics = false;
    int typo_ascent = 0, typo_descent = 0, typo_line_gap = 0;
    // Centre of the underline stroke, negative = below the baseline (FreeType's
    // convention: post.underlinePosition, the top, minus half the thickness).
    int underline_position = 0;
    int underline_thickness = 0;
    // OS/2 PANOSE-1 classification (family kind, serif style, weight,
    // proportion, ...); all 0 when the font has none.
    std::array<std::uint8_t, 10> panose{};
};

// A loaded face (FreeType), shared between users. Thread-compatible but not
// thread-safe: do not call even const members from two threads at once.
// A Font stays valid after its FontLibrary is gone.
class Font {
public:
    const FontFace& face() const { return face_; }
    const FontMetrics& metrics() const;
    // Glyph id in this face; 0 = missing (also for code points above U+FFFF).
    std::uint32_t glyph(char32_t cp) const;
    // Advance width in font units (unscaled, no hinting); 0 for an unknown glyph id.
    int advance(std::uint32_t glyph) const;
    // Pair adjustment from the legacy 'kern' table, font units; 0 if none.
    // (GPOS kerning is not read: the PDF path cannot position it anyway.)
    int kerning(std::uint32_t left, std::uint32_t right) const;
    // Sum of advances plus kerning, in points. Missing characters count as
    // glyph 0 (.notdef), which is what would be drawn.
    double width(std::u32string_view text, double size_pt) const;

    // One glyph as HarfBuzz placed it. Units are font units; cluster is the
    // index in the shaped text of the first character this glyph stands for.
    struct ShapedGlyph {
        std::uint32_t glyph = 0;
        int advance = 0;
        int x_offset = 0, y_offset = 0;
        std::uint32_t cluster = 0;
    };
    // Shapes text given in logical order (HarfBuzz, OpenType GSUB/GPOS, the
    // script's default features); glyphs come back in drawing order, left to
    // right, which for rtl is the reverse of the text.
    std::vector<ShapedGlyph> shape(std::u32string_view text, bool rtl) const;
    // Characters whose glyphs depend on their neighbours or that carry marks
    // to be positioned: Arabic and other joining scripts, Indic and South-East
    // Asian scripts, Hebrew points, combining marks. Plain text is measured
    // and drawn glyph by glyph (as Word does, without kerning or ligatures).
    static bool needs_shaping(char32_t cp);

    struct Loaded;  // FreeType face and precomputed tables (fonts.cpp)

private:
    friend class FontLibrary;
    Font(std::shared_ptr<const Loaded> loaded, FontFace face);

    std::shared_ptr<const Loaded> loaded_;
    FontFace face_;
};

class FontLibrary {
public:
    // Reads fontconfig's configuration and font list once. Throws
    // allies::Error(unsupported) if no usable TrueType font is installed.
    FontLibrary();
    ~FontLibrary();
    FontLibrary(FontLibrary&&) noexcept;
    FontLibrary& operator=(FontLibrary&&) noexcept;
    FontLibrary(const FontLibrary&) = delete;
    FontLibrary& operator=(const FontLibrary&) = delete;

    // The face to draw a run in: the metric-compatible substitute of a Word
    // font first (substitute_family), then the name itself if installed,
    // then the declared alternate name (w:altName), then a look-alike (see
    // set_document_fonts), then DejaVu Sans, then Liberation Sans, then
    // fontconfig's best TrueType match. Real bold/italic faces are
    // preferred; synthetic_* says when the chosen face lacks the requested
    // style. Never null; throws allies::Error (unsupported) only if no
    // candidate file can be opened.
    std::shared_ptr<const Font> resolve(const FontKey& key);

    // What the document about to be laid out declares of its fonts
    // (fontTable.xml, by name), replacing the previous document's; an empty
    // map forgets them. A font that is not installed then gets a look-alike:
    // an installed Latin text face (not a display cut) of its class, by
    // w:family (roman: a serif, swiss: a sans, modern: a monospace,
    // script/decorative: the closest), refined by its PANOSE (serif style,
    // proportion; a bold or heavier weight picks the bold face) and fixed
    // pitch; among those, the face whose average width is closest to the
    // missing font's own where that is known (known_average_width), else the
    // most similar PANOSE, else fontconfig's order for the generic family.
    // Fonts of East Asian or symbol character sets keep the generic fallback
    // (their characters go to fallback()). Deterministic for the same
    // installed fonts.
    void set_document_fonts(const std::map<std::string, FontDeclaration>& fonts);

    // The average advance width of a Microsoft font that is commonly missing
    // (Verdana, Tahoma, Georgia, Segoe UI, Comic Sans MS, Century Gothic,
    // ...), in ems, as average_char_width() measures an installed face;
    // 0 when unknown. Case-insensitive. (The class of these fonts outranks
    // their declaration: some writers declare every font roman.)
    static double known_average_width(std::string_view word_family);

    // A face that has a glyph for cp, for characters resolve(key) lacks: the
    // resolved family itself, then DejaVu Sans, the Liberation families, DejaVu
    // Serif/Mono, then every other TrueType family in fontconfig's order for
    // the key. Within a family the face closest to the requested style that
    // has the glyph wins. nullptr if no usable installed font has it, or if
    // cp is U+0000, a surrogate or outside the BMP.
    std::shared_ptr<const Font> fallback(char32_t cp, const FontKey& key);

    // Metric-compatible substitute for a Word font ("Calibri" -> "Carlito"),
    // case-insensitive; the name itself (trimmed) when there is none.
    static std::string substitute_family(std::string_view word_family);

    struct State;  // fontconfig/FreeType handles and caches (fonts.cpp)

private:
    std::unique_ptr<State> state_;
};

// The average advance of the lower-case letters and the space, each
// weighted by its frequency in English text as OS/2 xAvgCharWidth was
// defined before OS/2 version 3, in ems: how wide running text sets.
double average_char_width(const Font& font);

}  // namespace allies::layout
