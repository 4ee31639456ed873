#include "layout/fonts.hpp"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>
#include FT_ADVANCES_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H

#include <algorithm>
#include <cstdint>
#include <cctype>
#include <cstdlib>
#include <map>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "allies/error.hpp"

namespace allies::layout {
namespace {

// ---------------------------------------------------------------------------
// Names

std::string_view trim(std::string_view s) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

// Font family names are compared ASCII-case-insensitively, as Word and
// fontconfig do ("times new roman" is Times New Roman).
std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

struct Substitution {
    std::string_view word;        // lower case
    std::string_view substitute;  // as installed
};

// Metric-compatible families: same advance widths, so lines break where
// Word breaks them. Marked entries are the nearest kind, not metric-compatible.
constexpr Substitution substitutions[] = {
    {"calibri", "Carlito"},
    {"calibri light", "Carlito"},    // near: Light has its own (very close) widths
    {"cambria", "Caladea"},
    {"cambria math", "Caladea"},     // near: Latin text only; symbols go to fallback
    {"arial", "Liberation Sans"},
    {"helvetica", "Liberation Sans"},
    {"arial narrow", "Liberation Sans Narrow"},
    {"times new roman", "Liberation Serif"},
    {"times", "Liberation Serif"},
    {"times roman", "Liberation Serif"},
    {"courier new", "Liberation Mono"},
    {"courier", "Liberation Mono"},
    {"consolas", "Liberation Mono"},       // near: monospace stays monospace (columns line up)
    {"lucida console", "Liberation Mono"}, // near
};

// Generic fallbacks for resolve(): wide coverage first.
constexpr std::string_view generic_families[] = {"DejaVu Sans", "Liberation Sans"};

// Families tried by fallback() before fontconfig's order: known good
// coverage of Latin, Greek, Cyrillic and symbols, all glyf TrueType.
constexpr std::string_view fallback_families[] = {
    "DejaVu Sans", "Liberation Sans", "Liberation Serif", "Liberation Mono", "DejaVu Serif", "DejaVu Sans Mono",
};

// ---------------------------------------------------------------------------
// Look-alikes of fonts that are not installed

// What kind of face a font is, for choosing a look-alike of the same kind.
enum class FontClass { unknown, serif, sans, mono, script, decorative };

// fontconfig's generic family for a class: its order breaks ties.
const char* generic_family(FontClass c) {
    switch (c) {
        case FontClass::serif: return "serif";
        case FontClass::mono: return "monospace";
        case FontClass::script: return "cursive";
        case FontClass::decorative: return "fantasy";
        default: return "sans-serif";
    }
}

struct KnownWidth {
    std::string_view word;  // lower case
    FontClass kind;
    double width;           // average_char_width, ems; 0 = not known
};

// Average widths (ems, as average_char_width measures them) of Microsoft
// fonts, so that a look-alike sets lines about as long. Sources: the fonts'
// metric-compatible clones measured here (Arial, Times New Roman, Courier
// New, Calibri); OS/2 xAvgCharWidth of the Adobe/URW designs Microsoft's
// fonts share widths with (Century Gothic = ITC Avant Garde Gothic Book,
// Arial Narrow = Helvetica Narrow, Book Antiqua and Palatino Linotype =
// Palatino, Bookman Old Style = ITC Bookman Light, Century Schoolbook = New
// Century Schoolbook, whose widths Monotype Century shares); published frequency-weighted averages (capsize
// metrics) rescaled to this weighting by Arial's and Times New Roman's
// ratio (0.9295: Verdana, Tahoma, Georgia, Segoe UI, Trebuchet MS, Lucida
// Grande); docx4j's measurements against Word's own PDFs for Comic Sans MS
// (1.153 x Calibri) and Cambria (1.0494 x Caladea), Consolas' advance
// (0.55 em). Fonts whose width we do not know keep their class.
constexpr KnownWidth known_widths[] = {
    {"arial", FontClass::sans, 0.4414},
    {"helvetica", FontClass::sans, 0.4414},
    {"arial narrow", FontClass::sans, 0.362},
    {"times new roman", FontClass::serif, 0.4009},
    {"courier new", FontClass::mono, 0.6001},
    {"calibri", FontClass::sans, 0.4084},
    {"calibri light", FontClass::sans, 0.4084},
    {"verdana", FontClass::sans, 0.5029},
    {"tahoma", FontClass::sans, 0.4384},
    {"segoe ui", FontClass::sans, 0.4430},
    {"trebuchet ms", FontClass::sans, 0.4493},
    {"lucida grande", FontClass::sans, 0.4883},
    {"lucida sans unicode", FontClass::sans, 0.4883},
    {"century gothic", FontClass::sans, 0.486},
    {"georgia", FontClass::serif, 0.4461},
    {"book antiqua", FontClass::serif, 0.445},
    {"palatino linotype", FontClass::serif, 0.445},
    {"bookman old style", FontClass::serif, 0.492},
    {"century schoolbook", FontClass::serif, 0.464},
    {"century", FontClass::serif, 0.464},  // Monotype Century, Japanese Word's Latin default: Century Schoolbook's widths
    {"comic sans ms", FontClass::script, 0.4709},
    {"cambria", FontClass::serif, 0.4298},
    {"consolas", FontClass::mono, 0.5498},
    {"aptos", FontClass::sans, 0},  // Office's default since 2023
    {"aptos display", FontClass::sans, 0},
    {"aptos narrow", FontClass::sans, 0},
    {"candara", FontClass::sans, 0},
    {"corbel", FontClass::sans, 0},
    {"franklin gothic book", FontClass::sans, 0},
    {"franklin gothic medium", FontClass::sans, 0},
    {"gill sans mt", FontClass::sans, 0},
    {"garamond", FontClass::serif, 0},
    {"constantia", FontClass::serif, 0},
};

const KnownWidth* known_width(const std::string& lower) {
    for (const KnownWidth& k : known_widths)
        if (k.word == lower) return &k;
    return nullptr;
}

using Panose = std::array<std::uint8_t, 10>;

bool has_panose(const Panose& p) {
    return std::any_of(p.begin(), p.end(), [](std::uint8_t b) { return b != 0; });
}

// PANOSE-1 Latin Text (family kind 2): byte 1 is the serif style (2..10
// serifs, 11..15 sans serif: normal, obtuse, perpendicular, flared,
// rounded), byte 3 the proportion (9 = monospaced).
FontClass panose_class(const Panose& p) {
    if (p[0] == 3) return FontClass::script;      // Latin Hand Written
    if (p[0] == 4) return FontClass::decorative;  // Latin Decorative
    if (p[0] != 2) return FontClass::unknown;
    if (p[3] == 9) return FontClass::mono;
    if (p[1] >= 2 && p[1] <= 10) return FontClass::serif;
    if (p[1] >= 11 && p[1] <= 15) return FontClass::sans;
    return FontClass::unknown;
}

// How many of the classification digits differ (0 "any" and 1 "no fit"
// match everything): Latin Text faces only.
int panose_distance(const Panose& a, const Panose& b) {
    if (a[0] != 2 || b[0] != 2) return 9;
    int d = 0;
    for (std::size_t i = 1; i < a.size(); ++i)
        if (a[i] > 1 && b[i] > 1 && a[i] != b[i]) ++d;
    return d;
}

// A fontTable.xml declaration as the look-alike search uses it.
struct Declared {
    FontClass kind = FontClass::unknown;
    Panose panose{};
    bool heavy = false;       // PANOSE weight bold or heavier: the bold face
    bool keep_generic = false;  // East Asian or symbol character set: no look-alike
    std::string alt_name;
};

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

Declared declared_from(const std::string& name, const FontDeclaration& d) {
    Declared out;
    out.alt_name = std::string(trim(d.alt_name));
    if (d.panose.size() == 20) {
        Panose p{};
        bool ok = true;
        for (std::size_t i = 0; i < 10 && ok; ++i) {
            int hi = hex_digit(d.panose[2 * i]), lo = hex_digit(d.panose[2 * i + 1]);
            ok = hi >= 0 && lo >= 0;
            if (ok) p[i] = static_cast<std::uint8_t>(hi * 16 + lo);
        }
        if (ok && has_panose(p)) out.panose = p;
    }
    // §17.18.30 ST_FontFamily; modern is the fixed-pitch family (FF_MODERN).
    // Word writes it with a PANOSE; without one it is what a writer put by
    // default (every font "roman", an unknown one "modern"), not the font's.
    FontClass by_family = !has_panose(out.panose)  ? FontClass::unknown
                          : d.family == "roman"      ? FontClass::serif
                          : d.family == "swiss"      ? FontClass::sans
                          : d.family == "modern"     ? FontClass::mono
                          : d.family == "script"     ? FontClass::script
                          : d.family == "decorative" ? FontClass::decorative
                                                     : FontClass::unknown;
    FontClass by_panose = panose_class(out.panose);
    out.kind = d.pitch == "fixed" ? FontClass::mono : by_panose != FontClass::unknown ? by_panose : by_family;
    out.heavy = out.panose[0] == 2 && out.panose[2] >= 8;  // 8 bold, 9 heavy, 10 black, 11 extra black
    // Shift-JIS, Hangul, Johab, GB2312, Big5 (§17.8.3.2): their Latin is not
    // what a Latin look-alike would set; symbol fonts (charset 02, PANOSE
    // Latin Symbol) map their codes elsewhere.
    std::string charset = lower_ascii(trim(d.charset));
    bool east_asian = charset == "80" || charset == "81" || charset == "82" || charset == "86" || charset == "88";
    for (char c : name) east_asian = east_asian || static_cast<unsigned char>(c) >= 0x80;
    out.keep_generic = east_asian || charset == "02" || out.panose[0] == 5;
    return out;
}

// PoDoFo 0.9.8 draws text per UTF-16 code unit: a glyph outside the BMP
// could be measured but never drawn, so it counts as missing everywhere.
bool drawable(char32_t cp) {
    return cp <= 0xFFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
}

[[noreturn]] void fail(std::string file, std::string message) {
    throw Error(ErrorKind::unsupported, std::move(file), "", std::move(message));
}

// ---------------------------------------------------------------------------
// fontconfig / FreeType ownership

struct FcConfigDelete {
    void operator()(FcConfig* p) const { FcConfigDestroy(p); }
};
struct FcPatternDelete {
    void operator()(FcPattern* p) const { FcPatternDestroy(p); }
};
struct FcFontSetDelete {
    void operator()(FcFontSet* p) const { FcFontSetDestroy(p); }
};
struct FcObjectSetDelete {
    void operator()(FcObjectSet* p) const { FcObjectSetDestroy(p); }
};
using ConfigPtr = std::unique_ptr<FcConfig, FcConfigDelete>;
using PatternPtr = std::unique_ptr<FcPattern, FcPatternDelete>;
using FontSetPtr = std::unique_ptr<FcFontSet, FcFontSetDelete>;
using ObjectSetPtr = std::unique_ptr<FcObjectSet, FcObjectSetDelete>;

// Shared by every loaded face, so Fonts outlive their FontLibrary safely.
class FreeType {
public:
    FreeType() {
        if (FT_Init_FreeType(&library_) != 0) fail("", "cannot initialise FreeType");
    }
    ~FreeType() { FT_Done_FreeType(library_); }
    FreeType(const FreeType&) = delete;
    FreeType& operator=(const FreeType&) = delete;
    FT_Library get() const { return library_; }

private:
    FT_Library library_ = nullptr;
};

// ---------------------------------------------------------------------------
// The index of usable installed faces

struct Installed {
    std::string path;
    std::vector<std::string> families;        // as fontconfig lists them (first = primary)
    std::vector<std::string> families_lower;
    std::string style;
    int weight = FC_WEIGHT_REGULAR;
    int slant = FC_SLANT_ROMAN;
    int width = FC_WIDTH_NORMAL;
    int spacing = FC_PROPORTIONAL;
    const FcCharSet* charset = nullptr;       // owned by State::listed

    bool is_bold() const { return weight >= FC_WEIGHT_DEMIBOLD; }
    bool is_italic() const { return slant >= FC_SLANT_ITALIC; }  // italic or oblique
    bool has_family(const std::string& lower) const {
        return std::find(families_lower.begin(), families_lower.end(), lower) != families_lower.end();
    }
    bool covers(char32_t cp) const { return charset && FcCharSetHasChar(charset, cp); }
};

std::string pattern_string(FcPattern* p, const char* object, int n = 0) {
    FcChar8* value = nullptr;
    if (FcPatternGetString(p, object, n, &value) != FcResultMatch || !value) return {};
    return reinterpret_cast<const char*>(value);
}

int pattern_int(FcPattern* p, const char* object, int fallback) {
    int value = 0;
    return FcPatternGetInteger(p, object, 0, &value) == FcResultMatch ? value : fallback;
}

bool pattern_bool(FcPattern* p, const char* object, bool fallback) {
    FcBool value = FcFalse;
    return FcPatternGetBool(p, object, 0, &value) == FcResultMatch ? value != FcFalse : fallback;
}

// Whether the PDF writer can embed this face: glyf TrueType (fontconfig
// says "TrueType" for FreeType's truetype driver), real outlines (not a
// bitmap-only sfnt such as colour emoji), face 0, not variable, and not a
// collection (.ttc/.otc): PoDoFo 0.9.8's subsetter rejects those with
// ePdfError_UnsupportedFontFormat (seen with wqy-zenhei.ttc).
bool embeddable(FcPattern* p) {
    std::string file = pattern_string(p, FC_FILE);
    auto ends_with = [&](const char* ext) {
        std::string e = ext;
        if (file.size() < e.size()) return false;
        for (std::size_t i = 0; i < e.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(file[file.size() - e.size() + i])) != e[i]) return false;
        return true;
    };
    return pattern_string(p, FC_FONTFORMAT) == "TrueType" && pattern_bool(p, FC_OUTLINE, false) &&
           !pattern_bool(p, FC_VARIABLE, false) && pattern_int(p, FC_INDEX, 0) == 0 && !file.empty() &&
           !ends_with(".ttc") && !ends_with(".otc");
}

Installed installed_from(FcPattern* p) {
    Installed face;
    face.path = pattern_string(p, FC_FILE);
    for (int n = 0;; ++n) {
        std::string family = pattern_string(p, FC_FAMILY, n);
        if (family.empty()) break;
        face.families_lower.push_back(lower_ascii(family));
        face.families.push_back(std::move(family));
    }
    face.style = pattern_string(p, FC_STYLE);
    face.weight = pattern_int(p, FC_WEIGHT, FC_WEIGHT_REGULAR);
    face.slant = pattern_int(p, FC_SLANT, FC_SLANT_ROMAN);
    face.width = pattern_int(p, FC_WIDTH, FC_WIDTH_NORMAL);
    face.spacing = pattern_int(p, FC_SPACING, FC_PROPORTIONAL);
    FcCharSet* charset = nullptr;
    if (FcPatternGetCharSet(p, FC_CHARSET, 0, &charset) == FcResultMatch) face.charset = charset;
    return face;
}

// Sorted by family, style, path: fontconfig's list order depends on its
// cache, ours must not (same key, same face).
bool index_order(const Installed& a, const Installed& b) {
    return std::tie(a.families_lower, a.style, a.path) < std::tie(b.families_lower, b.style, b.path);
}

// How far a face is from the requested style; lower is better. A missing
// slant or weight can be synthesised, so it costs less than the wrong one
// (a face cannot be un-slanted); then nearest weight, then normal width.
int style_distance(const Installed& face, const FontKey& key) {
    int distance = 0;
    if (face.is_italic() != key.italic) distance += key.italic ? 1000 : 2000;
    if (face.is_bold() != key.bold) distance += key.bold ? 500 : 700;
    int target = key.bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR;
    distance += std::abs(face.weight - target);
    distance += 4 * std::abs(face.width - FC_WIDTH_NORMAL);  // condensed only when nothing else
    return distance;
}

}  // namespace

// ---------------------------------------------------------------------------
// Font

struct Font::Loaded {
    std::shared_ptr<FreeType> freetype;  // outlives face
    FT_Face face = nullptr;
    FontMetrics metrics;
    std::vector<int> advances;  // per glyph id, font units
    bool has_kerning = false;
    // Code point -> glyph for the BMP, filled on first use (UINT32_MAX =
    // not looked up yet): FT_Get_Char_Index was a tenth of PDF time.
    mutable std::vector<std::uint32_t> glyph_cache;
    // HarfBuzz's own view of the same file, made on the first shape() call;
    // its scale is the em size, so positions come in font units.
    std::string path;
    mutable hb_font_t* hb = nullptr;

    Loaded() = default;
    Loaded(const Loaded&) = delete;
    Loaded& operator=(const Loaded&) = delete;
    ~Loaded() {
        if (hb) hb_font_destroy(hb);
        if (face) FT_Done_Face(face);
    }
};

namespace {

bool has_glyf_table(FT_Face face) {
    FT_ULong length = 0;
    return FT_Load_Sfnt_Table(face, TTAG_glyf, 0, nullptr, &length) == 0 && length > 0;
}

FontMetrics read_metrics(FT_Face face) {
    FontMetrics m;
    m.units_per_em = face->units_per_EM;
    m.ascent = face->ascender;
    m.descent = face->descender;
    m.line_gap = face->height - (face->ascender - face->descender);
    m.win_ascent = m.ascent;
    m.win_descent = m.descent;
    auto* os2 = static_cast<const TT_OS2*>(FT_Get_Sfnt_Table(face, FT_SFNT_OS2));
    if (os2 && os2->version != 0xFFFF && (os2->usWinAscent != 0 || os2->usWinDescent != 0)) {
        m.win_ascent = os2->usWinAscent;
        m.win_descent = -static_cast<int>(os2->usWinDescent);
    }
    if (os2 && os2->version != 0xFFFF && os2->version >= 4 && (os2->fsSelection & (1u << 7)) &&
        os2->sTypoAscender > 0 && os2->sTypoDescender <= 0) {
        m.use_typo_metrics = true;
        m.typo_ascent = os2->sTypoAscender;
        m.typo_descent = os2->sTypoDescender;
        m.typo_line_gap = std::max<int>(0, os2->sTypoLineGap);
    }
    m.underline_position = face->underline_position;
    m.underline_thickness = face->underline_thickness;
    if (os2 && os2->version != 0xFFFF)
        for (std::size_t i = 0; i < m.panose.size(); ++i) m.panose[i] = os2->panose[i];
    return m;
}

// The whole hmtx once, so advance() is a lookup that touches no FreeType state.
std::vector<int> read_advances(FT_Face face) {
    std::vector<FT_Fixed> raw(static_cast<std::size_t>(face->num_glyphs));
    if (!raw.empty() && FT_Get_Advances(face, 0, static_cast<FT_UInt>(raw.size()), FT_LOAD_NO_SCALE, raw.data()) != 0)
        return {};
    return std::vector<int>(raw.begin(), raw.end());
}

// nullptr when the file cannot be opened or is not something we can embed
// (fontconfig's cache may be stale, or its format guess wrong).
std::shared_ptr<const Font::Loaded> load_face(const std::shared_ptr<FreeType>& freetype, const std::string& path) {
    auto loaded = std::make_shared<Font::Loaded>();
    loaded->freetype = freetype;
    loaded->path = path;
    if (FT_New_Face(freetype->get(), path.c_str(), 0, &loaded->face) != 0) {
        loaded->face = nullptr;
        return nullptr;
    }
    FT_Face face = loaded->face;
    if (!FT_IS_SFNT(face) || !FT_IS_SCALABLE(face) || !has_glyf_table(face) || face->units_per_EM == 0)
        return nullptr;
    loaded->metrics = read_metrics(face);
    loaded->advances = read_advances(face);
    if (loaded->advances.empty()) return nullptr;
    loaded->has_kerning = FT_HAS_KERNING(face);
    return loaded;
}

}  // namespace

Font::Font(std::shared_ptr<const Loaded> loaded, FontFace face) : loaded_(std::move(loaded)), face_(std::move(face)) {}

const FontMetrics& Font::metrics() const {
    return loaded_->metrics;
}

std::uint32_t Font::glyph(char32_t cp) const {
    if (!drawable(cp)) return 0;
    auto& cache = loaded_->glyph_cache;
    if (cache.empty()) cache.assign(0x10000, UINT32_MAX);
    std::uint32_t& g = cache[cp & 0xFFFF];  // drawable() admits the BMP only
    if (g == UINT32_MAX) g = FT_Get_Char_Index(loaded_->face, cp);
    return g;
}

int Font::advance(std::uint32_t glyph) const {
    return glyph < loaded_->advances.size() ? loaded_->advances[glyph] : 0;
}

int Font::kerning(std::uint32_t left, std::uint32_t right) const {
    if (!loaded_->has_kerning) return 0;
    FT_Vector delta{};
    if (FT_Get_Kerning(loaded_->face, left, right, FT_KERNING_UNSCALED, &delta) != 0) return 0;
    return static_cast<int>(delta.x);
}

bool Font::needs_shaping(char32_t c) {
    return (c >= 0x0300 && c <= 0x036F) ||  // combining diacritical marks
           (c >= 0x0591 && c <= 0x05C7) ||  // Hebrew points and accents
           (c >= 0x0600 && c <= 0x08FF) ||  // Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic Extended
           (c >= 0x0900 && c <= 0x0DFF) ||  // Devanagari .. Sinhala
           (c >= 0x0E00 && c <= 0x0FFF) ||  // Thai, Lao, Tibetan
           (c >= 0x1000 && c <= 0x109F) ||  // Myanmar
           (c >= 0x1100 && c <= 0x11FF) ||  // Hangul Jamo
           (c >= 0x1780 && c <= 0x17FF) ||  // Khmer
           (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||  // more combining marks
           (c >= 0x200C && c <= 0x200D) ||  // joiners
           (c >= 0x20D0 && c <= 0x20FF) ||  // combining marks for symbols
           (c >= 0xA8E0 && c <= 0xA8FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE20 && c <= 0xFE2F) ||
           (c >= 0xFE70 && c <= 0xFEFF);
}

std::vector<Font::ShapedGlyph> Font::shape(std::u32string_view text, bool rtl) const {
    std::vector<ShapedGlyph> out;
    if (text.empty()) return out;
    if (!loaded_->hb) {
        hb_blob_t* blob = hb_blob_create_from_file(loaded_->path.c_str());
        hb_face_t* face = hb_face_create(blob, static_cast<unsigned>(face_.index));
        hb_blob_destroy(blob);
        loaded_->hb = hb_font_create(face);  // scale defaults to units per em
        hb_face_destroy(face);
    }
    hb_buffer_t* buffer = hb_buffer_create();
    hb_buffer_add_utf32(buffer, reinterpret_cast<const std::uint32_t*>(text.data()), static_cast<int>(text.size()), 0,
                        static_cast<int>(text.size()));
    hb_buffer_guess_segment_properties(buffer);  // script and language from the text
    hb_buffer_set_direction(buffer, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_shape(loaded_->hb, buffer, nullptr, 0);
    unsigned count = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &count);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, &count);
    out.reserve(count);
    for (unsigned i = 0; i < count; ++i)
        out.push_back({info[i].codepoint, pos[i].x_advance, pos[i].x_offset, pos[i].y_offset, info[i].cluster});
    hb_buffer_destroy(buffer);
    return out;
}

double Font::width(std::u32string_view text, double size_pt) const {
    long long units = 0;
    std::uint32_t previous = 0;
    bool first = true;
    for (char32_t cp : text) {
        std::uint32_t g = glyph(cp);
        units += advance(g);
        if (!first) units += kerning(previous, g);
        previous = g;
        first = false;
    }
    return static_cast<double>(units) * size_pt / loaded_->metrics.units_per_em;
}

// ---------------------------------------------------------------------------
// FontLibrary

namespace {

using StyleKey = std::tuple<std::string, bool, bool>;  // lower-case family, bold, italic

StyleKey style_key(const FontKey& key) {
    return {lower_ascii(trim(key.family)), key.bold, key.italic};
}

}  // namespace

struct FontLibrary::State {
    ConfigPtr config;
    FontSetPtr listed;                    // owns the charsets the index points into
    std::vector<Installed> faces;         // index_order
    std::unordered_map<std::string, std::size_t> by_path;
    std::shared_ptr<FreeType> freetype;

    std::map<std::string, std::shared_ptr<const Font::Loaded>> loaded;  // by path; nullptr = unusable
    std::map<std::tuple<std::string, std::string, bool, bool>, std::shared_ptr<const Font>> fonts;
    std::map<StyleKey, std::shared_ptr<const Font>> resolved;
    std::map<StyleKey, std::vector<std::size_t>> sort_orders;
    std::map<std::tuple<StyleKey, char32_t>, std::shared_ptr<const Font>> fallbacks;

    // The document's font declarations (set_document_fonts), by lower-case name.
    std::map<std::string, FontDeclaration> declarations;
    std::map<std::string, Declared> declared;

    // Installed Latin text families a look-alike is chosen from (read once,
    // when first needed), each as its regular face measures.
    struct Candidate {
        std::string family;
        FontClass kind = FontClass::unknown;
        double width = 0;  // average_char_width
        Panose panose{};
        std::string path;  // of the regular face
    };
    bool candidates_read = false;
    std::vector<Candidate> candidates;
    std::map<FontClass, std::map<std::string, std::size_t>> generic_ranks;  // class -> path -> fontconfig position

    void read_index();
    void read_candidates();
    std::size_t generic_rank(FontClass kind, const std::string& path);
    std::shared_ptr<const Font> look_alike(const std::string& lower, const FontKey& key, const Declared* d);
    std::vector<std::size_t> family_faces(const std::string& family_lower) const;
    const std::vector<std::size_t>& sort_order(const FontKey& key);
    std::shared_ptr<const Font::Loaded> load(const std::string& path);
    std::shared_ptr<const Font> font_for(std::size_t face, const std::string& family, const FontKey& key);
    std::shared_ptr<const Font> best_in_family(const std::string& family, const FontKey& key, char32_t needed);
    std::shared_ptr<const Font> best_in_sort_order(const FontKey& key, char32_t needed);
};

void FontLibrary::State::read_index() {
    PatternPtr all(FcPatternCreate());
    ObjectSetPtr objects(FcObjectSetBuild(FC_FAMILY, FC_STYLE, FC_FILE, FC_INDEX, FC_WEIGHT, FC_SLANT, FC_WIDTH,
                                          FC_FONTFORMAT, FC_OUTLINE, FC_VARIABLE, FC_CHARSET, FC_SPACING,
                                          nullptr));
    if (!all || !objects) fail("", "fontconfig: out of memory");
    listed.reset(FcFontList(config.get(), all.get(), objects.get()));
    if (!listed || listed->nfont == 0) fail("", "fontconfig lists no fonts at all; install fonts-dejavu-core or fonts-liberation2");
    for (int i = 0; i < listed->nfont; ++i) {
        FcPattern* p = listed->fonts[i];
        if (!embeddable(p)) continue;
        Installed face = installed_from(p);
        if (face.families.empty() || by_path.count(face.path)) continue;
        by_path.emplace(face.path, 0);
        faces.push_back(std::move(face));
    }
    if (faces.empty())
        fail("", "no TrueType (glyf) outline fonts installed; PDF output needs one (install fonts-dejavu-core)");
    std::sort(faces.begin(), faces.end(), index_order);
    for (std::size_t i = 0; i < faces.size(); ++i) by_path[faces[i].path] = i;
}

std::vector<std::size_t> FontLibrary::State::family_faces(const std::string& family_lower) const {
    std::vector<std::size_t> found;
    for (std::size_t i = 0; i < faces.size(); ++i)
        if (faces[i].has_family(family_lower)) found.push_back(i);
    return found;
}

// fontconfig's ranking of every installed face for the key (its aliases,
// generic classes and languages), restricted to our index. Asked once per key.
const std::vector<std::size_t>& FontLibrary::State::sort_order(const FontKey& key) {
    StyleKey sk = style_key(key);
    auto it = sort_orders.find(sk);
    if (it != sort_orders.end()) return it->second;
    std::vector<std::size_t> order;
    PatternPtr pattern(FcPatternCreate());
    if (pattern) {
        std::string substitute = FontLibrary::substitute_family(key.family);
        FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(substitute.c_str()));
        FcPatternAddInteger(pattern.get(), FC_WEIGHT, key.bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
        FcPatternAddInteger(pattern.get(), FC_SLANT, key.italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
        FcConfigSubstitute(config.get(), pattern.get(), FcMatchPattern);
        FcDefaultSubstitute(pattern.get());
        FcResult result = FcResultMatch;
        FontSetPtr sorted(FcFontSort(config.get(), pattern.get(), FcFalse, nullptr, &result));
        for (int i = 0; sorted && i < sorted->nfont; ++i) {
            FcPattern* p = sorted->fonts[i];
            if (!embeddable(p)) continue;
            auto found = by_path.find(pattern_string(p, FC_FILE));
            if (found != by_path.end()) order.push_back(found->second);
        }
    }
    return sort_orders.emplace(sk, std::move(order)).first->second;
}

std::shared_ptr<const Font::Loaded> FontLibrary::State::load(const std::string& path) {
    auto it = loaded.find(path);
    if (it != loaded.end()) return it->second;
    return loaded.emplace(path, load_face(freetype, path)).first->second;
}

// One Font per (file, family name, synthetic flags); they share the file's Loaded.
std::shared_ptr<const Font> FontLibrary::State::font_for(std::size_t index, const std::string& family,
                                                         const FontKey& key) {
    const Installed& installed = faces[index];
    FontFace face;
    face.path = installed.path;
    face.family = family;
    face.bold = installed.is_bold();
    face.italic = installed.is_italic();
    face.synthetic_bold = key.bold && !face.bold;
    face.synthetic_italic = key.italic && !face.italic;
    auto cache_key = std::make_tuple(face.path, face.family, face.synthetic_bold, face.synthetic_italic);
    auto it = fonts.find(cache_key);
    if (it != fonts.end()) return it->second;
    std::shared_ptr<const Font::Loaded> data = load(face.path);
    if (!data) return nullptr;
    std::shared_ptr<const Font> font(new Font(std::move(data), std::move(face)));
    return fonts.emplace(cache_key, font).first->second;
}

// The face of `family` nearest the key's style that loads and (if needed
// != 0) has a glyph for `needed`; ties go to index order.
std::shared_ptr<const Font> FontLibrary::State::best_in_family(const std::string& family, const FontKey& key,
                                                               char32_t needed) {
    std::string lower = lower_ascii(family);
    std::vector<std::size_t> candidates = family_faces(lower);
    if (needed != 0) {
        std::erase_if(candidates, [&](std::size_t i) { return !faces[i].covers(needed); });
    }
    std::stable_sort(candidates.begin(), candidates.end(), [&](std::size_t a, std::size_t b) {
        return style_distance(faces[a], key) < style_distance(faces[b], key);
    });
    for (std::size_t i : candidates) {
        const Installed& face = faces[i];
        // The family as this face spells it ("DejaVu Sans", not the caller's case).
        auto name = std::find(face.families_lower.begin(), face.families_lower.end(), lower);
        const std::string& spelled = face.families[static_cast<std::size_t>(name - face.families_lower.begin())];
        std::shared_ptr<const Font> font = font_for(i, spelled, key);
        if (font && (needed == 0 || font->glyph(needed) != 0)) return font;
    }
    return nullptr;
}

// First family in fontconfig's order that has a usable face (with `needed`).
std::shared_ptr<const Font> FontLibrary::State::best_in_sort_order(const FontKey& key, char32_t needed) {
    for (std::size_t i : sort_order(key)) {
        if (needed != 0 && !faces[i].covers(needed)) continue;
        if (auto font = best_in_family(faces[i].families.front(), key, needed)) return font;
    }
    return nullptr;
}

namespace {

// A face whose glyphs cover English and Western European text and which is
// not a CJK face (those have Latin of their own kind): a look-alike may
// set a Latin document's running text in it.
bool latin_text_face(const Installed& face) {
    for (char32_t c : std::u32string_view(U"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,\u00e9\u00fc\u00c5\u00df"))
        if (!face.covers(c)) return false;
    return !face.covers(0x4E00) && !face.covers(0x3042) && !face.covers(0xAC00);
}

// A class for an installed face: fixed pitch first, then its PANOSE, then
// its name.
FontClass installed_class(const Installed& face, const Panose& panose) {
    if (face.spacing >= FC_MONO) return FontClass::mono;
    if (panose[0] == 5) return FontClass::unknown;  // Latin Symbol
    FontClass c = panose_class(panose);
    if (c != FontClass::unknown) return c;
    const std::string& name = face.families_lower.front();
    if (name.find("mono") != std::string::npos) return FontClass::mono;
    if (name.find("sans") != std::string::npos || name.find("gothic") != std::string::npos) return FontClass::sans;
    if (name.find("serif") != std::string::npos) return FontClass::serif;
    return FontClass::unknown;
}

}  // namespace

void FontLibrary::State::read_candidates() {
    candidates_read = true;
    std::map<std::string, bool> seen_names, seen_paths;
    const FontKey regular{};
    for (std::size_t i = 0; i < faces.size(); ++i) {
        for (std::size_t n = 0; n < faces[i].families_lower.size(); ++n) {
            const std::string& lower = faces[i].families_lower[n];
            if (!seen_names.emplace(lower, true).second) continue;
            // The family's face nearest a regular upright one, which must be it.
            std::vector<std::size_t> members = family_faces(lower);
            std::stable_sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
                return style_distance(faces[a], regular) < style_distance(faces[b], regular);
            });
            const Installed& face = faces[members.front()];
            // Text faces only: upright, of a regular weight, not a display
            // cut (drawn for large sizes).
            if (face.is_italic() || face.weight < FC_WEIGHT_BOOK || face.weight > FC_WEIGHT_MEDIUM ||
                lower.find("display") != std::string::npos || !latin_text_face(face) ||
                !seen_paths.emplace(face.path, true).second)
                continue;
            std::shared_ptr<const Font> font = font_for(members.front(), faces[i].families[n], regular);
            if (!font) continue;
            Candidate c;
            c.family = faces[i].families[n];
            c.panose = font->metrics().panose;
            c.kind = installed_class(face, c.panose);
            c.width = average_char_width(*font);
            c.path = face.path;
            if (c.kind != FontClass::unknown && c.width > 0) candidates.push_back(std::move(c));
        }
    }
}

// Where fontconfig ranks a face for a class's generic family (its
// configuration's preferred serif, sans-serif, monospace ...).
std::size_t FontLibrary::State::generic_rank(FontClass kind, const std::string& path) {
    auto [it, fresh] = generic_ranks.try_emplace(kind);
    if (fresh) {
        const std::vector<std::size_t>& order = sort_order(FontKey{generic_family(kind), false, false});
        for (std::size_t k = 0; k < order.size(); ++k) it->second.emplace(faces[order[k]].path, k);
    }
    auto found = it->second.find(path);
    return found == it->second.end() ? SIZE_MAX : found->second;
}

// The installed face most like a font that is not: see set_document_fonts.
std::shared_ptr<const Font> FontLibrary::State::look_alike(const std::string& lower, const FontKey& key,
                                                           const Declared* d) {
    // What we know of a font outranks what a file declares of it (some
    // writers declare every font roman).
    const KnownWidth* known = known_width(lower);
    FontClass kind = known ? known->kind : d ? d->kind : FontClass::unknown;
    if (kind == FontClass::unknown || (d && d->keep_generic)) return nullptr;
    if (!candidates_read) read_candidates();
    // Script and decorative fonts: installed faces of their kind, else the
    // closest serif or sans.
    auto eligible = [&](const Candidate& c) { return c.kind == kind; };
    bool own_kind = std::any_of(candidates.begin(), candidates.end(), eligible);
    bool loose = !own_kind && (kind == FontClass::script || kind == FontClass::decorative);
    const Candidate* best = nullptr;
    std::tuple<double, int, std::size_t, std::size_t> best_score{};
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const Candidate& c = candidates[i];
        if (!(eligible(c) || (loose && (c.kind == FontClass::serif || c.kind == FontClass::sans)))) continue;
        double width = known && known->width > 0 ? std::abs(c.width - known->width) / known->width : 0;
        int panose = d && has_panose(d->panose) ? panose_distance(d->panose, c.panose) : 0;
        auto score = std::make_tuple(width, panose, generic_rank(kind, c.path), i);
        if (!best || score < best_score) {
            best = &c;
            best_score = score;
        }
    }
    FontKey styled = key;
    if (d && d->heavy) styled.bold = true;
    return best ? best_in_family(best->family, styled, 0) : nullptr;
}

FontLibrary::FontLibrary() : state_(std::make_unique<State>()) {
    state_->config.reset(FcInitLoadConfigAndFonts());
    if (!state_->config) fail("", "cannot load the fontconfig configuration");
    state_->read_index();
    state_->freetype = std::make_shared<FreeType>();
}

FontLibrary::~FontLibrary() = default;
FontLibrary::FontLibrary(FontLibrary&&) noexcept = default;
FontLibrary& FontLibrary::operator=(FontLibrary&&) noexcept = default;

std::string FontLibrary::substitute_family(std::string_view word_family) {
    std::string_view name = trim(word_family);
    std::string lower = lower_ascii(name);
    for (const Substitution& s : substitutions)
        if (s.word == lower) return std::string(s.substitute);
    return std::string(name);
}

std::shared_ptr<const Font> FontLibrary::resolve(const FontKey& key) {
    StyleKey sk = style_key(key);
    auto it = state_->resolved.find(sk);
    if (it != state_->resolved.end()) return it->second;

    const std::string& lower = std::get<0>(sk);
    auto declared = state_->declared.find(lower);
    const Declared* d = declared == state_->declared.end() ? nullptr : &declared->second;
    FontKey styled = key;
    if (d && d->heavy) styled.bold = true;  // "Arial Black", "Times New Roman Bold"
    std::vector<std::string> families{substitute_family(key.family), std::string(trim(key.family))};
    if (d && !d->alt_name.empty()) {
        families.push_back(substitute_family(d->alt_name));
        families.push_back(d->alt_name);
    }
    std::shared_ptr<const Font> font;
    for (const std::string& family : families) {
        if (family.empty()) continue;
        if ((font = state_->best_in_family(family, styled, 0))) break;
    }
    if (!font && !lower.empty()) font = state_->look_alike(lower, key, d);
    for (std::size_t i = 0; !font && i < std::size(generic_families); ++i)
        font = state_->best_in_family(std::string(generic_families[i]), key, 0);
    if (!font) font = state_->best_in_sort_order(key, 0);
    if (!font) fail("", "no installed TrueType font could be opened for \"" + key.family + "\"");
    return state_->resolved.emplace(sk, font).first->second;
}

void FontLibrary::set_document_fonts(const std::map<std::string, FontDeclaration>& fonts) {
    std::map<std::string, FontDeclaration> by_lower;
    for (const auto& [name, d] : fonts) by_lower.emplace(lower_ascii(trim(name)), d);
    auto same = [](const FontDeclaration& a, const FontDeclaration& b) {
        return std::tie(a.family, a.panose, a.pitch, a.charset, a.alt_name) ==
               std::tie(b.family, b.panose, b.pitch, b.charset, b.alt_name);
    };
    if (std::equal(by_lower.begin(), by_lower.end(), state_->declarations.begin(), state_->declarations.end(),
                   [&](const auto& a, const auto& b) { return a.first == b.first && same(a.second, b.second); }))
        return;
    // What was resolved under the previous declarations may now differ.
    state_->resolved.clear();
    state_->fallbacks.clear();
    state_->declared.clear();
    for (const auto& [lower, d] : by_lower) state_->declared.emplace(lower, declared_from(lower, d));
    state_->declarations = std::move(by_lower);
}

double FontLibrary::known_average_width(std::string_view word_family) {
    const KnownWidth* k = known_width(lower_ascii(trim(word_family)));
    return k ? k->width : 0;
}

double average_char_width(const Font& font) {
    // OS/2 xAvgCharWidth weights per thousand (OpenType spec, OS/2 versions 0-2).
    static constexpr std::pair<char32_t, int> weights[] = {
        {U'a', 64}, {U'b', 14}, {U'c', 27}, {U'd', 35}, {U'e', 100}, {U'f', 20}, {U'g', 14}, {U'h', 42}, {U'i', 63},
        {U'j', 3},  {U'k', 6},  {U'l', 35}, {U'm', 20}, {U'n', 56},  {U'o', 56}, {U'p', 17}, {U'q', 4},  {U'r', 49},
        {U's', 56}, {U't', 71}, {U'u', 31}, {U'v', 10}, {U'w', 18},  {U'x', 3},  {U'y', 18}, {U'z', 2},  {U' ', 166}};
    double sum = 0;
    for (auto [c, w] : weights) sum += static_cast<double>(font.advance(font.glyph(c))) * w;
    return sum / 1000 / font.metrics().units_per_em;
}

std::shared_ptr<const Font> FontLibrary::fallback(char32_t cp, const FontKey& key) {
    if (!drawable(cp) || cp == 0) return nullptr;
    auto cache_key = std::make_tuple(style_key(key), cp);
    auto it = state_->fallbacks.find(cache_key);
    if (it != state_->fallbacks.end()) return it->second;

    std::shared_ptr<const Font> font = resolve(key);
    if (font->glyph(cp) != 0) return state_->fallbacks.emplace(cache_key, font).first->second;
    // The resolved family may have the glyph in another of its faces.
    font = state_->best_in_family(font->face().family, key, cp);
    for (std::size_t i = 0; !font && i < std::size(fallback_families); ++i)
        font = state_->best_in_family(std::string(fallback_families[i]), key, cp);
    if (!font) font = state_->best_in_sort_order(key, cp);
    return state_->fallbacks.emplace(cache_key, font).first->second;
}

}  // namespace allies::layout
