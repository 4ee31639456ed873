#include "pdf/font_embedder.hpp"

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>

#include <cmath>
#include <cstdio>

#include "allies/error.hpp"
#include "pdf/hex.hpp"

namespace allies::pdf {

using namespace PoDoFo;

struct EmbeddedFace::Hb {
    hb_face_t* face = nullptr;
    hb_font_t* font = nullptr;
    int upem = 1000;
    ~Hb() {
        if (font) hb_font_destroy(font);
        if (face) hb_face_destroy(face);
    }
};

namespace {

int read_s16(const char* p) { return static_cast<std::int16_t>((static_cast<unsigned char>(p[0]) << 8) | static_cast<unsigned char>(p[1])); }

// A table's bytes, or empty.
std::string table(hb_face_t* face, hb_tag_t tag) {
    hb_blob_t* blob = hb_face_reference_table(face, tag);
    unsigned length = 0;
    const char* data = hb_blob_get_data(blob, &length);
    std::string out = data ? std::string(data, length) : std::string();
    hb_blob_destroy(blob);
    return out;
}

std::string postscript_name(hb_face_t* face) {
    char buf[128];
    unsigned size = sizeof buf;
    hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &size, buf);
    std::string name;
    for (const char* p = buf; *p && size > 0; ++p)
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-') name += *p;
    return name.empty() ? "Font" : name;
}

// The six-letter subset tag (ISO 32000-1 §9.6.4), derived from what the
// subset holds so that the same document gives the same name.
std::string subset_tag(const std::string& name, const std::map<std::uint32_t, std::u32string>& used) {
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&](std::uint64_t v) { h = (h ^ v) * 1099511628211ull; };
    for (char c : name) mix(static_cast<unsigned char>(c));
    for (const auto& [g, text] : used) mix(g);
    std::string tag;
    for (int i = 0; i < 6; ++i) {
        tag += static_cast<char>('A' + h % 26);
        h /= 26;
    }
    return tag;
}

std::string to_unicode_cmap(const std::map<std::uint32_t, std::u32string>& used) {
    std::vector<std::pair<std::uint32_t, const std::u32string*>> entries;
    for (const auto& [g, text] : used)
        if (g != 0 && !text.empty()) entries.emplace_back(g, &text);
    std::string s =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    for (std::size_t i = 0; i < entries.size(); i += 100) {  // at most 100 per block
        std::size_t n = std::min<std::size_t>(100, entries.size() - i);
        s += std::to_string(n) + " beginbfchar\n";
        for (std::size_t k = i; k < i + n; ++k) {
            std::u32string text = entries[k].second->substr(0, 100);  // a destination holds at most 512 bytes
            s += "<" + hex4(entries[k].first) + "> <" + utf16_hex(text) + ">\n";
        }
        s += "endbfchar\n";
    }
    s += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    return s;
}

}  // namespace

EmbeddedFace::EmbeddedFace(PdfDocument& pdf, const std::string& path, int index, std::string resource)
    : pdf_(pdf), path_(path), resource_(std::move(resource)), hb_(std::make_unique<Hb>()) {
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(path.c_str());
    if (!blob) throw Error(ErrorKind::unsupported, path, "", "cannot read this font file");
    hb_->face = hb_face_create(blob, static_cast<unsigned>(index));
    hb_blob_destroy(blob);
    hb_->upem = static_cast<int>(hb_face_get_upem(hb_->face));
    if (hb_->upem <= 0 || hb_face_get_glyph_count(hb_->face) == 0)
        throw Error(ErrorKind::unsupported, path, "", "not a usable TrueType font");
    hb_->font = hb_font_create(hb_->face);
    unsigned count = hb_face_get_glyph_count(hb_->face);
    advances_.resize(count);
    for (unsigned g = 0; g < count; ++g) advances_[g] = hb_font_get_glyph_h_advance(hb_->font, g) * 1000.0 / hb_->upem;
    type0_ = pdf_.GetObjects()->CreateObject("Font");
}

EmbeddedFace::~EmbeddedFace() = default;

std::uint32_t EmbeddedFace::glyph(char32_t cp) const {
    if (cp < 0x10000) {  // cached: every character of every run comes here
        if (glyphs_.empty()) glyphs_.assign(0x10000, UINT32_MAX);
        std::uint32_t& g = glyphs_[cp];
        if (g == UINT32_MAX) {
            hb_codepoint_t found = 0;
            g = hb_font_get_nominal_glyph(hb_->font, cp, &found) ? found : 0;
        }
        return g;
    }
    hb_codepoint_t g = 0;
    return hb_font_get_nominal_glyph(hb_->font, cp, &g) ? g : 0;
}

double EmbeddedFace::advance(std::uint32_t glyph) const {
    if (glyph < advances_.size()) return advances_[glyph];
    return hb_font_get_glyph_h_advance(hb_->font, glyph) * 1000.0 / hb_->upem;
}

bool EmbeddedFace::use(std::uint32_t glyph, std::u32string_view text) {
    auto it = used_.find(glyph);
    if (it == used_.end()) {
        used_.emplace(glyph, std::u32string(text));
        return true;
    }
    if (it->second.empty()) {
        it->second = text;
        return true;
    }
    return text.empty() || it->second == text;
}

void EmbeddedFace::finish() {
    // The font program: only the glyphs drawn (and .notdef), ids kept, no
    // hinting and no layout tables (the PDF positions every glyph itself).
    hb_subset_input_t* input = hb_subset_input_create_or_fail();
    if (!input) throw Error(ErrorKind::unsupported, path_, "", "cannot subset this font");
    hb_set_t* glyphs = hb_subset_input_glyph_set(input);
    hb_set_add(glyphs, 0);
    for (const auto& [g, text] : used_) hb_set_add(glyphs, g);
    hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_NO_HINTING);
    hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (const char* t : {"GSUB", "GPOS", "GDEF", "kern", "morx", "kerx", "DSIG", "hdmx", "VDMX", "LTSH", "gasp"})
        hb_set_add(drop, hb_tag_from_string(t, 4));
    hb_face_t* subset = hb_subset_or_fail(hb_->face, input);
    hb_subset_input_destroy(input);
    if (!subset) throw Error(ErrorKind::unsupported, path_, "", "cannot subset this font");
    hb_blob_t* blob = hb_face_reference_blob(subset);
    unsigned length = 0;
    const char* data = hb_blob_get_data(blob, &length);
    std::string program = data ? std::string(data, length) : std::string();
    hb_blob_destroy(blob);
    hb_face_destroy(subset);
    if (program.empty()) throw Error(ErrorKind::unsupported, path_, "", "cannot subset this font");

    PdfVecObjects& objects = *pdf_.GetObjects();
    PdfObject* file = objects.CreateObject();
    file->GetStream()->Set(program.data(), static_cast<pdf_long>(program.size()));  // Flate by default
    file->GetDictionary().AddKey("Length1", static_cast<pdf_int64>(program.size()));

    std::string name = postscript_name(hb_->face);
    std::string base = subset_tag(name, used_) + "+" + name;
    double scale = 1000.0 / hb_->upem;
    std::string head = table(hb_->face, HB_TAG('h', 'e', 'a', 'd'));
    std::string post = table(hb_->face, HB_TAG('p', 'o', 's', 't'));
    PdfArray bbox;
    if (head.size() >= 44) {
        for (int off : {36, 38, 40, 42}) bbox.push_back(static_cast<pdf_int64>(std::lround(read_s16(head.data() + off) * scale)));
    } else {
        for (int v : {0, -200, 1000, 900}) bbox.push_back(static_cast<pdf_int64>(v));
    }
    double italic_angle = post.size() >= 8 ? read_s16(post.data() + 4) + (static_cast<unsigned char>(post[6]) * 256 + static_cast<unsigned char>(post[7])) / 65536.0 : 0;
    hb_font_extents_t extents{};
    hb_font_get_h_extents(hb_->font, &extents);
    hb_position_t cap = 0;
    if (!hb_ot_metrics_get_position(hb_->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) || cap <= 0) cap = extents.ascender;

    PdfObject* descriptor = objects.CreateObject("FontDescriptor");
    PdfDictionary& d = descriptor->GetDictionary();
    d.AddKey("FontName", PdfName(base));
    d.AddKey("Flags", static_cast<pdf_int64>(4 | (italic_angle != 0 ? 64 : 0)));  // symbolic: glyphs by id
    d.AddKey("FontBBox", bbox);
    d.AddKey("ItalicAngle", static_cast<pdf_int64>(std::lround(italic_angle)));
    d.AddKey("Ascent", static_cast<pdf_int64>(std::lround(extents.ascender * scale)));
    d.AddKey("Descent", static_cast<pdf_int64>(std::lround(extents.descender * scale)));
    d.AddKey("CapHeight", static_cast<pdf_int64>(std::lround(cap * scale)));
    d.AddKey("StemV", static_cast<pdf_int64>(80));
    d.AddKey("FontFile2", file->Reference());

    // Widths of the glyphs drawn, consecutive ids grouped: [g [w w ...] ...].
    PdfArray widths;
    for (auto it = used_.begin(); it != used_.end();) {
        std::uint32_t first = it->first, next = first;
        PdfArray run;
        while (it != used_.end() && it->first == next) {
            run.push_back(static_cast<pdf_int64>(std::lround(advance(it->first))));
            ++it;
            ++next;
        }
        widths.push_back(static_cast<pdf_int64>(first));
        widths.push_back(run);
    }

    PdfObject* cid = objects.CreateObject("Font");
    PdfDictionary& c = cid->GetDictionary();
    c.AddKey("Subtype", PdfName("CIDFontType2"));
    c.AddKey("BaseFont", PdfName(base));
    PdfDictionary info;
    info.AddKey("Registry", PdfString("Adobe"));
    info.AddKey("Ordering", PdfString("Identity"));
    info.AddKey("Supplement", PdfVariant(static_cast<pdf_int64>(0)));
    c.AddKey("CIDSystemInfo", info);
    c.AddKey("FontDescriptor", descriptor->Reference());
    c.AddKey("DW", static_cast<pdf_int64>(std::lround(advance(0))));
    c.AddKey("W", widths);
    c.AddKey("CIDToGIDMap", PdfName("Identity"));

    PdfObject* cmap = objects.CreateObject();
    std::string cmap_text = to_unicode_cmap(used_);
    cmap->GetStream()->Set(cmap_text.data(), static_cast<pdf_long>(cmap_text.size()));

    PdfDictionary& t = type0_->GetDictionary();
    t.AddKey("Subtype", PdfName("Type0"));
    t.AddKey("BaseFont", PdfName(base));
    t.AddKey("Encoding", PdfName("Identity-H"));
    PdfArray descendants;
    descendants.push_back(cid->Reference());
    t.AddKey("DescendantFonts", descendants);
    t.AddKey("ToUnicode", cmap->Reference());
}

EmbeddedFace& FontEmbedder::face(const std::string& path, int index) {
    auto key = std::make_pair(path, index);
    auto it = by_file_.find(key);
    if (it != by_file_.end()) return *it->second;
    faces_.push_back(std::make_unique<EmbeddedFace>(pdf_, path, index, "AF" + std::to_string(faces_.size())));
    by_file_.emplace(key, faces_.back().get());
    return *faces_.back();
}

void FontEmbedder::finish() {
    for (auto& f : faces_) f->finish();
}

}  // namespace allies::pdf
