// The font module: Word names to installed TrueType faces, styles, fallback
// per character, measurements. Needs fonts-crosextra-carlito/caladea,
// fonts-liberation2 and fonts-dejavu-core (checked where it matters).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "allies/error.hpp"
#include "layout/fonts.hpp"

using namespace allies;
using namespace allies::layout;

namespace {

std::string file_name(const Font& font) {
    return std::filesystem::path(font.face().path).filename().string();
}

// Advances of the Calibri font itself (hmtx in 1/1000 em, as Word writes
// them into the /Widths of its PDFs): H e l o space w r d.
constexpr double calibri_hello_world_em = (623 + 498 + 229 + 229 + 527 + 226 + 715 + 527 + 349 + 229 + 525) / 1000.0;

}  // namespace

TEST(FontSubstitution, WordFontsMapToMetricCompatibleFamilies) {
    EXPECT_EQ(FontLibrary::substitute_family("Calibri"), "Carlito");
    EXPECT_EQ(FontLibrary::substitute_family("Calibri Light"), "Carlito");
    EXPECT_EQ(FontLibrary::substitute_family("Cambria"), "Caladea");
    EXPECT_EQ(FontLibrary::substitute_family("Cambria Math"), "Caladea");
    EXPECT_EQ(FontLibrary::substitute_family("Arial"), "Liberation Sans");
    EXPECT_EQ(FontLibrary::substitute_family("Helvetica"), "Liberation Sans");
    EXPECT_EQ(FontLibrary::substitute_family("Times New Roman"), "Liberation Serif");
    EXPECT_EQ(FontLibrary::substitute_family("Times"), "Liberation Serif");
    EXPECT_EQ(FontLibrary::substitute_family("Courier New"), "Liberation Mono");
    EXPECT_EQ(FontLibrary::substitute_family("Courier"), "Liberation Mono");
}

TEST(FontSubstitution, NamesAreCaseInsensitiveAndTrimmed) {
    EXPECT_EQ(FontLibrary::substitute_family(" CALIBRI "), "Carlito");
    EXPECT_EQ(FontLibrary::substitute_family("times new roman"), "Liberation Serif");
}

TEST(FontSubstitution, UnknownNamesAreKept) {
    EXPECT_EQ(FontLibrary::substitute_family("Garamond"), "Garamond");
    EXPECT_EQ(FontLibrary::substitute_family("  Garamond "), "Garamond");
    EXPECT_EQ(FontLibrary::substitute_family(""), "");
}

TEST(FontResolve, CalibriIsCarlitoWithCalibriWidths) {
    FontLibrary library;
    auto font = library.resolve({"Calibri"});
    ASSERT_TRUE(font);
    EXPECT_EQ(font->face().family, "Carlito");
    EXPECT_EQ(file_name(*font), "Carlito-Regular.ttf");
    EXPECT_FALSE(font->face().synthetic_bold);
    EXPECT_FALSE(font->face().synthetic_italic);

    // Self-consistency: width() is the sum of advances (+ kerning) scaled to 11 pt.
    std::u32string text = U"Hello world";
    long long units = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        units += font->advance(font->glyph(text[i]));
        if (i > 0) units += font->kerning(font->glyph(text[i - 1]), font->glyph(text[i]));
    }
    double expected = static_cast<double>(units) * 11 / font->metrics().units_per_em;
    EXPECT_DOUBLE_EQ(font->width(text, 11), expected);

    // Against Calibri's own advances (rounded to 1/1000 em): metric-compatible.
    double calibri = calibri_hello_world_em * 11;
    EXPECT_NEAR(font->width(text, 11), calibri, calibri * 0.01);
}

TEST(FontResolve, CalibriLineHeightIsWordsSingleSpacing) {
    FontLibrary library;
    const FontMetrics& m = library.resolve({"Calibri"})->metrics();
    // Word's single line for Calibri is 1.2207 em (usWinAscent 1950 + usWinDescent 550 over 2048).
    EXPECT_NEAR(static_cast<double>(m.win_ascent - m.win_descent) / m.units_per_em, 2500.0 / 2048, 0.001);
}

TEST(FontResolve, SameFileGivesTheSameFont) {
    FontLibrary library;
    auto a = library.resolve({"Calibri"});
    EXPECT_EQ(a, library.resolve({"calibri"}));
    EXPECT_EQ(a, library.resolve({" CALIBRI "}));
    EXPECT_EQ(a, library.resolve({"Carlito"}));  // one Font per file and family: opened once
}

TEST(FontResolve, CambriaIsCaladea) {
    FontLibrary library;
    EXPECT_EQ(library.resolve({"Cambria"})->face().family, "Caladea");
}

TEST(FontResolve, LiberationSansHasRealBoldAndItalic) {
    FontLibrary library;
    struct Case {
        bool bold, italic;
        const char* file;
    };
    for (Case c : {Case{false, false, "LiberationSans-Regular.ttf"}, Case{true, false, "LiberationSans-Bold.ttf"},
                   Case{false, true, "LiberationSans-Italic.ttf"}, Case{true, true, "LiberationSans-BoldItalic.ttf"}}) {
        for (const char* family : {"Liberation Sans", "Arial"}) {
            auto font = library.resolve({family, c.bold, c.italic});
            SCOPED_TRACE(std::string(family) + " " + c.file);
            EXPECT_EQ(font->face().family, "Liberation Sans");
            EXPECT_EQ(file_name(*font), c.file);
            EXPECT_EQ(font->face().bold, c.bold);
            EXPECT_EQ(font->face().italic, c.italic);
            EXPECT_FALSE(font->face().synthetic_bold);
            EXPECT_FALSE(font->face().synthetic_italic);
        }
    }
}

TEST(FontResolve, ObliqueCountsAsRealItalic) {
    FontLibrary library;
    auto font = library.resolve({"DejaVu Sans", false, true});
    EXPECT_EQ(file_name(*font), "DejaVuSans-Oblique.ttf");
    EXPECT_TRUE(font->face().italic);
    EXPECT_FALSE(font->face().synthetic_italic);
}

TEST(FontResolve, NormalWidthIsPreferredOverCondensed) {
    FontLibrary library;
    // DejaVu Sans Condensed also calls itself "DejaVu Sans".
    EXPECT_EQ(file_name(*library.resolve({"DejaVu Sans"})), "DejaVuSans.ttf");
    EXPECT_EQ(file_name(*library.resolve({"DejaVu Sans", true})), "DejaVuSans-Bold.ttf");
}

TEST(FontResolve, FamilyWithoutItalicIsSynthesised) {
    FontLibrary library;
    auto font = library.resolve({"DejaVu Math TeX Gyre", true, true});
    if (font->face().family != "DejaVu Math TeX Gyre") GTEST_SKIP() << "DejaVu Math TeX Gyre not installed";
    EXPECT_FALSE(font->face().bold);
    EXPECT_FALSE(font->face().italic);
    EXPECT_TRUE(font->face().synthetic_bold);
    EXPECT_TRUE(font->face().synthetic_italic);
    // The same file serves the plain request, without synthesis.
    auto plain = library.resolve({"DejaVu Math TeX Gyre"});
    EXPECT_EQ(plain->face().path, font->face().path);
    EXPECT_FALSE(plain->face().synthetic_italic);
}

TEST(FontResolve, UnknownFamilyGetsTheGenericFallback) {
    FontLibrary library;
    for (const char* family : {"No Such Font 12345", ""}) {
        auto font = library.resolve({family, true, false});
        ASSERT_TRUE(font);
        EXPECT_TRUE(font->face().family == "DejaVu Sans" || font->face().family == "Liberation Sans")
            << font->face().family;
        EXPECT_TRUE(font->face().bold);
    }
}

TEST(FontResolve, OnlyTrueTypeFilesAreReturned) {
    FontLibrary library;
    for (const char* family : {"Calibri", "Cambria", "Arial", "Times New Roman", "Courier New", "DejaVu Serif", "x"}) {
        auto font = library.resolve({family});
        std::string ext = std::filesystem::path(font->face().path).extension().string();
        EXPECT_TRUE(ext == ".ttf" || ext == ".TTF") << font->face().path;
        EXPECT_EQ(font->face().index, 0);
    }
}

TEST(FontResolve, MetricsAreSane) {
    FontLibrary library;
    for (const char* family : {"Calibri", "Cambria", "Arial", "Times New Roman", "Courier New", "DejaVu Sans"}) {
        const FontMetrics& m = library.resolve({family})->metrics();
        SCOPED_TRACE(family);
        EXPECT_GT(m.units_per_em, 0);
        EXPECT_GT(m.ascent, 0);
        EXPECT_LT(m.descent, 0);
        EXPECT_GE(m.line_gap, 0);
        EXPECT_GT(m.win_ascent, 0);
        EXPECT_LT(m.win_descent, 0);
        EXPECT_LT(m.underline_position, 0);
        EXPECT_GT(m.underline_thickness, 0);
    }
}

TEST(FontMeasure, LiberationSansKernsAV) {
    FontLibrary library;
    auto font = library.resolve({"Liberation Sans"});
    std::uint32_t a = font->glyph(U'A'), v = font->glyph(U'V');
    ASSERT_NE(a, 0u);
    ASSERT_NE(v, 0u);
    int kern = font->kerning(a, v);
    EXPECT_LT(kern, 0);
    EXPECT_EQ(font->kerning(v, v), 0);
    double expected = (font->advance(a) + font->advance(v) + kern) * 10.0 / font->metrics().units_per_em;
    EXPECT_DOUBLE_EQ(font->width(U"AV", 10), expected);
}

TEST(FontMeasure, MissingCharactersAreGlyphZero) {
    FontLibrary library;
    auto font = library.resolve({"Liberation Sans"});
    EXPECT_EQ(font->glyph(0xFDD0), 0u);      // a noncharacter
    EXPECT_EQ(font->glyph(0x1F600), 0u);     // outside the BMP: PoDoFo cannot draw it
    EXPECT_EQ(font->advance(0xFFFFFFu), 0);  // no such glyph id
    EXPECT_DOUBLE_EQ(font->width(U"", 12), 0);
    // Missing characters measure as .notdef, which is what would be drawn.
    EXPECT_DOUBLE_EQ(font->width(U"\uFDD0", 10), font->advance(0) * 10.0 / font->metrics().units_per_em);
}

TEST(FontMeasure, FontOutlivesItsLibrary) {
    std::shared_ptr<const Font> font;
    {
        FontLibrary library;
        font = library.resolve({"Arial"});
    }
    EXPECT_GT(font->width(U"Hello", 12), 0);
    EXPECT_NE(font->glyph(U'H'), 0u);
}

TEST(FontFallback, FindsFacesWithTheGlyph) {
    FontLibrary library;
    for (const char* family : {"Calibri", "Cambria", "Courier New", "No Such Font"}) {
        for (char32_t cp : {U'ł', U'Ω', U'→', U'☃', U'∮', U'Ж'}) {
            SCOPED_TRACE(std::string(family) + " U+" + std::to_string(static_cast<unsigned>(cp)));
            auto font = library.fallback(cp, {family, false, true});
            ASSERT_TRUE(font);
            EXPECT_NE(font->glyph(cp), 0u);
        }
    }
}

TEST(FontFallback, PrefersTheResolvedFontThenDejaVuSans) {
    FontLibrary library;
    FontKey key{"Calibri", true, false};
    EXPECT_EQ(library.fallback(U'ł', key), library.resolve(key));  // Carlito has it
    auto snowman = library.fallback(U'☃', key);                    // Carlito has not
    ASSERT_TRUE(snowman);
    EXPECT_EQ(snowman->face().family, "DejaVu Sans");
    EXPECT_EQ(file_name(*snowman), "DejaVuSans-Bold.ttf");  // same style, real face
}

TEST(FontFallback, CharactersNobodyHasGiveNull) {
    FontLibrary library;
    FontKey key{"Calibri"};
    EXPECT_EQ(library.fallback(0x10FFFF, key), nullptr);
    EXPECT_EQ(library.fallback(0xFDD0, key), nullptr);   // noncharacter
    EXPECT_EQ(library.fallback(0x1F600, key), nullptr);  // astral: never drawable through PoDoFo 0.9.8
    EXPECT_EQ(library.fallback(0xD800, key), nullptr);   // lone surrogate
    EXPECT_EQ(library.fallback(0, key), nullptr);
}

TEST(FontFallback, NeverReturnsAFaceWithoutTheGlyph) {
    FontLibrary library;
    FontKey key{"Cambria", false, true};
    int found = 0;
    for (char32_t cp = 0x20; cp < 0x3000; ++cp) {
        auto font = library.fallback(cp, key);
        if (!font) continue;
        ++found;
        ASSERT_NE(font->glyph(cp), 0u) << "U+" << std::hex << static_cast<unsigned>(cp) << " " << font->face().path;
    }
    EXPECT_GT(found, 3000);
}

TEST(FontLibraryTest, IsDeterministic) {
    FontLibrary one, two;
    std::vector<FontKey> keys = {{"Calibri"}, {"Cambria", true, true}, {"Arial", false, true},
                                 {"Unknown", true, false}, {"DejaVu Math TeX Gyre", false, true}, {"dejavu sans"}};
    for (const FontKey& key : keys) {
        EXPECT_EQ(one.resolve(key)->face().path, two.resolve(key)->face().path) << key.family;
        for (char32_t cp : {U'ł', U'☃', U'⏞', U'∮'}) {
            auto a = one.fallback(cp, key), b = two.fallback(cp, key);
            ASSERT_EQ(a == nullptr, b == nullptr);
            if (a) {
                EXPECT_EQ(a->face().path, b->face().path) << key.family;
            }
        }
    }
}

TEST(FontLibraryTest, NoFontsIsAnUnsupportedError) {
    // A fontconfig configuration with no font directories.
    auto dir = std::filesystem::temp_directory_path() / ("allies_fonts_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto conf = dir / "fonts.conf";
    std::ofstream(conf) << "<?xml version=\"1.0\"?>\n<fontconfig><cachedir>" << dir.string()
                        << "</cachedir></fontconfig>\n";
    const char* old = std::getenv("FONTCONFIG_FILE");
    std::string saved = old ? old : "";
    ::setenv("FONTCONFIG_FILE", conf.c_str(), 1);
    try {
        FontLibrary library;
        ADD_FAILURE() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::unsupported);
        EXPECT_NE(std::string(e.what()).find("font"), std::string::npos) << e.what();
    }
    if (old) ::setenv("FONTCONFIG_FILE", saved.c_str(), 1);
    else ::unsetenv("FONTCONFIG_FILE");
    std::filesystem::remove_all(dir);
}

// Look-alikes of missing fonts (fontTable.xml: w:family, w:panose1, w:pitch).
namespace {

FontDeclaration declared(const char* family, const char* panose = "", const char* pitch = "variable",
                         const char* charset = "00", const char* alt = "") {
    return FontDeclaration{family, panose, pitch, charset, alt};
}

// The class of a face, as its own OS/2 PANOSE says (serif style, proportion).
bool is_serif(const Font& f) {
    auto p = f.metrics().panose;
    return p[0] == 2 && p[1] >= 2 && p[1] <= 10 && p[3] != 9;
}
bool is_sans(const Font& f) {
    auto p = f.metrics().panose;
    return p[0] == 2 && p[1] >= 11 && p[1] <= 15 && p[3] != 9;
}
bool is_mono(const Font& f) {
    return f.advance(f.glyph(U'i')) == f.advance(f.glyph(U'm'));
}

}  // namespace

TEST(FontLookAlike, KnownWidthsAgreeWithTheMetricClones) {
    FontLibrary library;
    for (auto [word, clone] : {std::pair{"Arial", "Liberation Sans"}, {"Times New Roman", "Liberation Serif"},
                               {"Courier New", "Liberation Mono"}, {"Calibri", "Carlito"}}) {
        double measured = average_char_width(*library.resolve({clone}));
        EXPECT_NEAR(FontLibrary::known_average_width(word), measured, measured * 0.005) << word;
    }
    EXPECT_GT(FontLibrary::known_average_width(" VERDANA "), 0.5);
    EXPECT_EQ(FontLibrary::known_average_width("No Such Font"), 0);
}

// A PANOSE that says no more than "Latin text", as Word writes for some fonts.
constexpr const char* kLatinText = "02000000000000000000";

TEST(FontLookAlike, MissingFontFollowsItsFamilyClass) {
    FontLibrary library;
    library.set_document_fonts({{"Body Serif", declared("roman", kLatinText)},
                                {"Body Sans", declared("swiss", kLatinText)},
                                {"Body Mono", declared("modern", "", "fixed")}});
    auto serif = library.resolve({"Body Serif"});
    EXPECT_TRUE(is_serif(*serif)) << serif->face().family;
    auto sans = library.resolve({"Body Sans"});
    EXPECT_TRUE(is_sans(*sans)) << sans->face().family;
    auto mono = library.resolve({"Body Mono"});
    EXPECT_TRUE(is_mono(*mono)) << mono->face().family;
    // Bold and italic faces of the look-alike, as for any family.
    auto bold = library.resolve({"Body Serif", true, true});
    EXPECT_EQ(bold->face().family, serif->face().family);
    EXPECT_TRUE(bold->face().bold);
    EXPECT_TRUE(bold->face().italic);
}

TEST(FontLookAlike, AFamilyWithoutPanoseIsAWritersDefaultNotTheFonts) {
    // Some writers declare every font roman with no PANOSE (a sans here); an
    // unknown font of Word's is declared modern with a PANOSE of zeros.
    FontLibrary library;
    std::string generic = library.resolve({"No Such Font 12345"})->face().family;
    library.set_document_fonts({{"Roboto Condensed", declared("roman")},
                                {"Caecilia LT Std Roman", declared("modern", "00000000000000000000")}});
    EXPECT_EQ(library.resolve({"Roboto Condensed"})->face().family, generic);
    EXPECT_EQ(library.resolve({"Caecilia LT Std Roman"})->face().family, generic);
}

TEST(FontLookAlike, PanoseOutranksTheFamilyAndPicksTheClosestFace) {
    FontLibrary library;
    library.set_document_fonts({// Times New Roman's PANOSE, written with a wrong family (seen in real files).
                                {"Old Serif", declared("swiss", "02020603050405020304")},
                                {"Old Sans", declared("roman", "020B0604020202020204")},
                                {"Typewriter", declared("auto", "02070309020205020404", "default")}});
    EXPECT_EQ(library.resolve({"Old Serif"})->face().family, "Liberation Serif");  // the same PANOSE
    EXPECT_EQ(library.resolve({"Old Sans"})->face().family, "Liberation Sans");
    EXPECT_TRUE(is_mono(*library.resolve({"Typewriter"})));
}

TEST(FontLookAlike, PrefersAFaceOfTheMissingFontsWidth) {
    FontLibrary library;
    library.set_document_fonts({{"Verdana", declared("swiss", "020B0604030504040204")},
                                {"Tahoma", declared("swiss", "020B0604030504040204")},
                                {"Comic Sans MS", declared("script", "030F0702030302020204")},
                                {"Georgia", declared("roman", "02040502050405020303")},
                                // Japanese Word's Latin default, as its fontTable declares it.
                                {"Century", declared("roman", "02040604050505020304")}});
    for (const char* name : {"Verdana", "Tahoma", "Comic Sans MS", "Georgia", "Century"}) {
        auto font = library.resolve({name});
        double want = FontLibrary::known_average_width(name), got = average_char_width(*font);
        EXPECT_NEAR(got, want, want * 0.04) << name << " as " << font->face().family;
    }
    // Verdana is as wide as DejaVu Sans, Tahoma as narrow as Arial: not one face for both.
    EXPECT_NE(library.resolve({"Verdana"})->face().path, library.resolve({"Tahoma"})->face().path);
    EXPECT_TRUE(is_serif(*library.resolve({"Georgia"})));
    EXPECT_TRUE(is_serif(*library.resolve({"Century"})));  // wider than Times: not its metric clone
    EXPECT_NE(library.resolve({"Century"})->face().family, "Liberation Serif");
    // Known fonts keep their class without a declaration, and against a
    // declaration that says otherwise (some writers declare every font roman).
    library.set_document_fonts({{"Century Gothic", declared("roman")}, {"Aptos", declared("roman")}});
    EXPECT_TRUE(is_serif(*library.resolve({"Book Antiqua"})));
    EXPECT_TRUE(is_sans(*library.resolve({"Century Gothic"})));
    EXPECT_TRUE(is_sans(*library.resolve({"Aptos"})));
}

TEST(FontLookAlike, DisplayCutsAreNotLookAlikes) {
    FontLibrary library;
    library.set_document_fonts({{"Trebuchet MS", declared("swiss", "020B0603020202020204")},
                                {"Body Sans", declared("swiss", kLatinText)},
                                {"Body Serif", declared("roman", kLatinText)}});
    for (const char* name : {"Trebuchet MS", "Body Sans", "Body Serif"})
        EXPECT_EQ(library.resolve({name})->face().family.find("Display"), std::string::npos) << name;
}

TEST(FontLookAlike, HeavyPanoseWeightTakesTheBoldFace) {
    FontLibrary library;
    library.set_document_fonts({{"Arial Black", declared("swiss", "020B0A04020102020204")}});
    auto font = library.resolve({"Arial Black"});
    EXPECT_TRUE(font->face().bold) << font->face().path;
    EXPECT_TRUE(is_sans(*font));
}

TEST(FontLookAlike, AltNameMetricSubstitutesAndInstalledNamesComeFirst) {
    FontLibrary library;
    library.set_document_fonts({{"Times New Roman Bold", declared("roman", "02020803070505020304", "variable", "00",
                                                                  "Times New Roman")},
                                {"Calibri", declared("swiss", "020F0502020204030204", "default", "00", "DejaVu Sans")},
                                {"DejaVu Serif", declared("swiss")}});
    auto bold = library.resolve({"Times New Roman Bold"});
    EXPECT_EQ(bold->face().family, "Liberation Serif");
    EXPECT_TRUE(bold->face().bold);
    EXPECT_EQ(library.resolve({"Calibri"})->face().family, "Carlito");
    EXPECT_EQ(library.resolve({"DejaVu Serif"})->face().family, "DejaVu Serif");
}

TEST(FontLookAlike, EastAsianAndSymbolFontsKeepTheGenericFallback) {
    FontLibrary library;
    std::string generic = library.resolve({"No Such Font 12345"})->face().family;
    library.set_document_fonts({{"\xEF\xBC\xAD\xEF\xBC\xB3 \xE6\x98\x8E\xE6\x9C\x9D", declared("roman", "", "fixed", "80")},
                                {"Fancy Symbols", declared("decorative", "05050102010706020507", "variable", "02")}});
    EXPECT_EQ(library.resolve({"\xEF\xBC\xAD\xEF\xBC\xB3 \xE6\x98\x8E\xE6\x9C\x9D"})->face().family, generic);
    EXPECT_EQ(library.resolve({"Fancy Symbols"})->face().family, generic);
}

TEST(FontLookAlike, DeclarationsBelongToOneDocumentAndAreDeterministic) {
    FontLibrary one, two;
    std::map<std::string, FontDeclaration> fonts{{"Body Serif", declared("roman", "02040503050406030204")},
                                                 {"Comic Sans MS", declared("script", "030F0702030302020204")},
                                                 {"Display", declared("decorative", "04000000000000000000")}};
    one.set_document_fonts(fonts);
    two.set_document_fonts(fonts);
    for (const char* name : {"Body Serif", "Comic Sans MS", "Display"})
        for (bool bold : {false, true})
            EXPECT_EQ(one.resolve({name, bold})->face().path, two.resolve({name, bold})->face().path) << name;
    std::string generic = FontLibrary().resolve({"No Such Font 12345"})->face().path;
    EXPECT_NE(one.resolve({"Body Serif"})->face().path, generic);
    one.set_document_fonts({});  // the next document declares nothing
    EXPECT_EQ(one.resolve({"Body Serif"})->face().path, generic);
}

// Shaping (HarfBuzz): complex scripts get the glyphs their readers expect.
TEST(FontShaping, OnlyComplexScriptsNeedShaping) {
    EXPECT_FALSE(Font::needs_shaping(U'a'));
    EXPECT_FALSE(Font::needs_shaping(U'ë'));
    EXPECT_FALSE(Font::needs_shaping(U'ש'));  // Hebrew letters: bidi only
    EXPECT_FALSE(Font::needs_shaping(U'中'));
    EXPECT_TRUE(Font::needs_shaping(U'\u0644'));  // Arabic lam
    EXPECT_TRUE(Font::needs_shaping(U'\u0915'));  // Devanagari ka
    EXPECT_TRUE(Font::needs_shaping(U'\u0301'));  // combining acute
    EXPECT_TRUE(Font::needs_shaping(U'\u0E31'));  // Thai vowel sign
}

TEST(FontShaping, ArabicLettersJoinIntoContextualForms) {
    FontLibrary lib;
    auto font = lib.fallback(U'\u0633', FontKey{"DejaVu Sans", false, false});
    if (!font) GTEST_SKIP() << "no font with Arabic";
    std::u32string word = U"\u0633\u0644\u0627\u0645";  // salaam: seen, lam-alef, meem
    auto glyphs = font->shape(word, true);
    ASSERT_FALSE(glyphs.empty());
    // Drawing order is right to left: the last letter comes first.
    EXPECT_EQ(glyphs.front().cluster, static_cast<std::uint32_t>(word.size() - 1));
    EXPECT_EQ(glyphs.back().cluster, 0u);
    // The initial seen is not the isolated (nominal) glyph, and lam + alef
    // become one ligature, so there are fewer glyphs than letters.
    EXPECT_NE(glyphs.back().glyph, font->glyph(U'\u0633'));
    EXPECT_LT(glyphs.size(), word.size());
}

TEST(FontShaping, DevanagariVowelSignIIsDrawnBeforeItsConsonant) {
    FontLibrary lib;
    auto font = lib.fallback(U'\u0915', FontKey{"Calibri", false, false});
    if (!font) GTEST_SKIP() << "no font with Devanagari (fonts-noto-core)";
    std::u32string ki = U"\u0915\u093F";  // ka + vowel sign i
    auto glyphs = font->shape(ki, false);
    ASSERT_EQ(glyphs.size(), 2u);
    // Reordered: the sign (one of the font's i-matra variants) is on the left.
    EXPECT_NE(glyphs[0].glyph, font->glyph(U'\u0915'));
    EXPECT_EQ(glyphs[1].glyph, font->glyph(U'\u0915'));
    EXPECT_EQ(glyphs[0].cluster, glyphs[1].cluster);  // one cluster, one piece of text
}
