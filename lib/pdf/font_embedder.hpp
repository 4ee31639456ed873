// TrueType faces embedded as CID fonts (Type0, Identity-H, CIDFontType2),
// addressed by glyph id rather than by character.
//
// Why not PoDoFo's own font classes: PoDoFo 0.9.8 maps characters to glyphs
// through the face's cmap and subsets only what the cmap reaches, so the
// contextual forms and ligatures HarfBuzz picks for Arabic or Devanagari
// could never be drawn. Here the page content names glyph ids directly, the
// font program is cut down with hb-subset (glyph ids kept, so no remapping),
// and the ToUnicode map says what each glyph stands for.
#pragma once

#include <podofo.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace allies::pdf {

class EmbeddedFace {
public:
    EmbeddedFace(PoDoFo::PdfDocument& pdf, const std::string& path, int index, std::string resource);
    ~EmbeddedFace();
    EmbeddedFace(const EmbeddedFace&) = delete;
    EmbeddedFace& operator=(const EmbeddedFace&) = delete;

    const std::string& resource() const { return resource_; }  // name in a page's /Font resources
    PoDoFo::PdfObject* object() const { return type0_; }

    std::uint32_t glyph(char32_t cp) const;       // 0 if the face lacks it
    double advance(std::uint32_t glyph) const;    // in 1/1000 em, as PDF widths are

    // Records that glyph is drawn standing for text. Returns false when the
    // glyph already stands for other text (the ToUnicode map keeps its first
    // meaning, so the caller should give the exact text another way).
    bool use(std::uint32_t glyph, std::u32string_view text);

    // Writes the subset font program, widths, descriptor and ToUnicode map.
    // Throws allies::Error(unsupported) if the face cannot be subset.
    void finish();

private:
    PoDoFo::PdfDocument& pdf_;
    std::string path_, resource_;
    PoDoFo::PdfObject* type0_ = nullptr;
    struct Hb;
    std::unique_ptr<Hb> hb_;
    std::map<std::uint32_t, std::u32string> used_;  // glyph -> text ("" = no meaning yet)
    mutable std::vector<std::uint32_t> glyphs_;     // BMP code point -> glyph, UINT32_MAX = not looked up
    std::vector<double> advances_;                  // by glyph id, 1/1000 em
};

// The faces of one document, by file and face index, in first-use order.
class FontEmbedder {
public:
    explicit FontEmbedder(PoDoFo::PdfDocument& pdf) : pdf_(pdf) {}
    EmbeddedFace& face(const std::string& path, int index);
    void finish();

private:
    PoDoFo::PdfDocument& pdf_;
    std::vector<std::unique_ptr<EmbeddedFace>> faces_;
    std::map<std::pair<std::string, int>, EmbeddedFace*> by_file_;
};

}  // namespace allies::pdf
