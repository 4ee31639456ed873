#include "verify/pdf_text.hpp"

#include <podofo.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "allies/error.hpp"
#include "text/encode.hpp"
#include "verify/content_lexer.hpp"

namespace allies::verify {
namespace {

// PoDoFo's text for an error code; 0.9.8 returns a null pointer for codes
// it has no text for (found by fuzzing the verifier's PDF reader).
std::string error_text(const PoDoFo::PdfError& e) {
    const char* text = PoDoFo::PdfError::ErrorMessage(e.GetError());
    if (!text) text = PoDoFo::PdfError::ErrorName(e.GetError());
    return text ? std::string(text) : "PoDoFo error " + std::to_string(static_cast<int>(e.GetError()));
}


using namespace PoDoFo;

using text::append_utf8;

// UTF-16BE bytes (a ToUnicode destination, a text string) to UTF-8.
std::string utf16be_to_utf8(const std::string& bytes) {
    std::string out;
    for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
        char32_t u = (static_cast<unsigned char>(bytes[i]) << 8) | static_cast<unsigned char>(bytes[i + 1]);
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
            char32_t lo = (static_cast<unsigned char>(bytes[i + 2]) << 8) | static_cast<unsigned char>(bytes[i + 3]);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            }
        }
        append_utf8(out, u);
    }
    return out;
}

// Literal (…) and hex <…> strings alike (PoDoFo types them apart).
bool is_string(const PdfVariant& v) { return v.IsString() || v.IsHexString(); }

// A PDF text string (PDFDocEncoding or UTF-16BE with a BOM) as UTF-8.
std::string text_string(const PdfString& s) {
    if (!s.IsValid()) return {};
    std::string raw(s.GetString(), static_cast<std::size_t>(s.GetLength()));
    if (raw.size() >= 2 && static_cast<unsigned char>(raw[0]) == 0xFE && static_cast<unsigned char>(raw[1]) == 0xFF)
        return utf16be_to_utf8(raw.substr(2));
    return s.GetStringUtf8();
}

std::string hex_bytes(const std::string& hex) {
    std::string out;
    int acc = -1;
    for (char c : hex) {
        int v = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
        if (v < 0) continue;
        if (acc < 0) {
            acc = v;
        } else {
            out += static_cast<char>(acc * 16 + v);
            acc = -1;
        }
    }
    if (acc >= 0) out += static_cast<char>(acc * 16);
    return out;
}

std::uint32_t code_of(const std::string& bytes, std::size_t at = 0, std::size_t n = std::string::npos) {
    std::uint32_t v = 0;
    n = std::min(n, bytes.size() - std::min(at, bytes.size()));
    for (std::size_t k = 0; k < n; ++k) v = (v << 8) | static_cast<unsigned char>(bytes[at + k]);
    return v;
}

// Windows-1252's 0x80..0x9F, the rest of a simple font's bytes as Latin-1.
char32_t win_ansi(unsigned char b) {
    static const char32_t high[32] = {0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
                                      0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
                                      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
    return b >= 0x80 && b < 0xA0 ? high[b - 0x80] : b;
}

// How one font's string bytes become text.
struct Decoder {
    int code_bytes = 1;                            // 2 for Type0 (CID) fonts
    std::unordered_map<std::uint32_t, std::string> to_unicode;
    bool has_map = false;
    std::unordered_map<std::uint32_t, double> widths;  // glyph widths, 1/1000 text space units
    double default_width = 500;

    double width(std::uint32_t code) const {
        auto it = widths.find(code);
        return it == widths.end() ? default_width : it->second;
    }

    mutable std::size_t unmapped = 0;  // CID glyphs without a ToUnicode entry

    std::string decode(const std::string& bytes) const {
        std::string out;
        for (std::size_t i = 0; i + static_cast<std::size_t>(code_bytes) <= bytes.size(); i += static_cast<std::size_t>(code_bytes)) {
            std::uint32_t code = code_of(bytes, i, static_cast<std::size_t>(code_bytes));
            auto it = to_unicode.find(code);
            if (it != to_unicode.end()) out += it->second;
            else if (code_bytes == 1) append_utf8(out, win_ansi(static_cast<unsigned char>(code)));
            else {
                append_utf8(out, 0xFFFD);  // a glyph nobody says the meaning of
                if (code != 0) ++unmapped;  // code 0 of an Identity-H font is .notdef: an empty box, no letters
            }
        }
        return out;
    }
};

// ToUnicode CMap (ISO 32000-1 §9.10.3): bfchar and bfrange entries.
void parse_cmap(const std::string& text, Decoder& d) {
    std::vector<std::string> tokens;
    for (std::size_t i = 0; i < text.size();) {
        char c = text[i];
        if (c == '<') {
            std::size_t end = text.find('>', i);
            if (end == std::string::npos) break;
            tokens.push_back(text.substr(i, end - i + 1));
            i = end + 1;
        } else if (c == '[' || c == ']') {
            tokens.emplace_back(1, c);
            ++i;
        } else if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
        } else {
            std::size_t end = i;
            while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) && text[end] != '<' && text[end] != '[' && text[end] != ']') ++end;
            tokens.push_back(text.substr(i, end - i));
            i = end;
        }
    }
    auto hex = [](const std::string& t) { return t.size() >= 2 && t.front() == '<' ? hex_bytes(t.substr(1, t.size() - 2)) : std::string(); };
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i] == "begincodespacerange" && i + 1 < tokens.size()) {
            d.code_bytes = std::max(1, static_cast<int>(hex(tokens[i + 1]).size()));
        } else if (tokens[i] == "beginbfchar") {
            for (++i; i + 1 < tokens.size() && tokens[i] != "endbfchar"; i += 2)
                d.to_unicode[code_of(hex(tokens[i]))] = utf16be_to_utf8(hex(tokens[i + 1]));
        } else if (tokens[i] == "beginbfrange") {
            for (++i; i + 2 < tokens.size() && tokens[i] != "endbfrange";) {
                std::uint32_t lo = code_of(hex(tokens[i])), hi = code_of(hex(tokens[i + 1]));
                if (hi < lo || hi - lo > 65535) hi = lo;
                if (tokens[i + 2] == "[") {
                    std::size_t k = i + 3;
                    for (std::uint32_t c = lo; k < tokens.size() && tokens[k] != "]"; ++k, ++c) d.to_unicode[c] = utf16be_to_utf8(hex(tokens[k]));
                    i = k + 1;
                } else {
                    std::string dst = hex(tokens[i + 2]);
                    for (std::uint32_t c = lo; c <= hi && !dst.empty(); ++c) {
                        d.to_unicode[c] = utf16be_to_utf8(dst);
                        // The last byte counts up through the range.
                        dst.back() = static_cast<char>(static_cast<unsigned char>(dst.back()) + 1);
                    }
                    i += 3;
                }
            }
        }
    }
    d.has_map = !d.to_unicode.empty();
}

// Page text comes in drawing order, so right-to-left words are reversed:
// each line holding right-to-left characters is put back in reading order
// with ICU's inverse bidi algorithm (as poppler does for pdftotext).
std::string logical_line(const std::string& line) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(line);
    bool rtl = false;
    for (int32_t i = 0; i < u.length() && !rtl;) {
        UChar32 c = u.char32At(i);
        UCharDirection d = u_charDirection(c);
        rtl = d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC;
        i += U16_LENGTH(c);
    }
    if (!rtl) return line;
    UErrorCode err = U_ZERO_ERROR;
    UBiDi* bidi = ubidi_openSized(u.length(), 0, &err);
    ubidi_setInverse(bidi, true);
    ubidi_setPara(bidi, u.getBuffer(), u.length(), UBIDI_DEFAULT_LTR, nullptr, &err);
    std::u16string out(static_cast<std::size_t>(u.length()) * 2 + 4, u'\0');
    int32_t n = U_SUCCESS(err) ? ubidi_writeReordered(bidi, reinterpret_cast<UChar*>(out.data()), static_cast<int32_t>(out.size()),
                                                       UBIDI_DO_MIRRORING | UBIDI_REMOVE_BIDI_CONTROLS, &err)
                               : 0;
    ubidi_close(bidi);
    if (U_FAILURE(err)) return line;
    std::string utf8;
    icu::UnicodeString(false, reinterpret_cast<const UChar*>(out.data()), n).toUTF8String(utf8);
    return utf8;
}

std::string logical_order(const std::string& page) {
    std::string out;
    std::size_t start = 0;
    while (start <= page.size()) {
        std::size_t end = page.find('\n', start);
        if (end == std::string::npos) end = page.size();
        out += logical_line(page.substr(start, end - start));
        if (end < page.size()) out += '\n';
        start = end + 1;
    }
    return out;
}

class Extractor {
public:
    Extractor(PdfMemDocument& doc, PdfTextContent& out) : doc_(doc), out_(out) {}

    void pages() {
        for (int i = 0; i < doc_.GetPageCount(); ++i) {
            PdfPage* page = doc_.GetPage(i);
            if (!page) continue;
            text_.clear();
            off_page_.clear();
            last_off_page_ = false;
            have_end_ = false;
            font_ = nullptr;
            marked_.clear();  // an unbalanced BDC on one page must not hide the next pages
            actual_depth_ = 0;
            forms_left_ = 2000;
            ctm_ = {1, 0, 0, 1, 0, 0};
            saved_ctm_.clear();
            const PdfRect box = page->GetMediaBox();
            box_ = {box.GetLeft(), box.GetBottom(), box.GetLeft() + box.GetWidth(), box.GetBottom() + box.GetHeight()};
            run(page_content(page), page->GetResources(), 0);
            out_.pages.push_back(logical_order(tidy(text_)));
            out_.off_page.push_back(tidy(off_page_));
            annotations(page);
        }
    }

    void metadata() {
        if (PdfInfo* info = doc_.GetInfo())
            for (const auto& [key, value] : info->GetObject()->GetDictionary().GetKeys())
                if (value && is_string(*value)) out_.metadata.push_back(text_string(value->GetString()));
        PdfObject* catalog = doc_.GetCatalog();
        if (PdfObject* meta = catalog ? resolve(catalog->GetDictionary().GetKey("Metadata")) : nullptr)
            if (meta->HasStream()) out_.metadata.push_back(stream_text(meta));
    }

    void outline() {
        PdfObject* catalog = doc_.GetCatalog();
        PdfObject* root = catalog ? resolve(catalog->GetDictionary().GetKey("Outlines")) : nullptr;
        std::set<const PdfObject*> seen;
        walk_outline(root ? resolve(root->GetDictionary().GetKey("First")) : nullptr, seen, 0);
    }

    void structure() {
        PdfObject* catalog = doc_.GetCatalog();
        PdfObject* root = catalog ? resolve(catalog->GetDictionary().GetKey("StructTreeRoot")) : nullptr;
        std::set<const PdfObject*> seen;
        walk_structure(root, seen, 0);
    }

private:
    PdfObject* resolve(PdfObject* o) {
        for (int hops = 0; o && o->IsReference() && hops < 8; ++hops) o = doc_.GetObjects().GetObject(o->GetReference());
        return o;
    }

    std::string stream_text(PdfObject* o) {
        char* buf = nullptr;
        pdf_long len = 0;
        try {
            o->GetStream()->GetFilteredCopy(&buf, &len);
        } catch (const PdfError&) {
            problem("a stream that cannot be decoded");
            return {};
        }
        std::string s(buf ? buf : "", buf ? static_cast<std::size_t>(len) : 0);
        podofo_free(buf);
        return s;
    }

    const Decoder& decoder(PdfObject* font) {
        auto it = decoders_.find(font);
        if (it != decoders_.end()) return it->second;
        Decoder d;
        if (font && font->IsDictionary()) {
            const PdfDictionary& f = font->GetDictionary();
            const PdfObject* subtype = f.GetKey("Subtype");
            if (subtype && subtype->IsName() && subtype->GetName().GetName() == "Type0") d.code_bytes = 2;
            if (PdfObject* cmap = resolve(const_cast<PdfObject*>(f.GetKey("ToUnicode"))); cmap && cmap->HasStream()) parse_cmap(stream_text(cmap), d);
            read_widths(font, d);
        }
        return decoders_.emplace(font, std::move(d)).first->second;
    }

    static double num_of(const PdfObject* o) { return o ? number(*o) : 0; }

    // Glyph widths, so that gaps between pieces of text can be measured:
    // /W and /DW of a CID font, /FirstChar and /Widths of a simple one.
    void read_widths(PdfObject* font, Decoder& d) {
        PdfDictionary& f = font->GetDictionary();
        if (d.code_bytes == 2) {
            PdfObject* kids = resolve(f.GetKey("DescendantFonts"));
            PdfObject* cid = kids && kids->IsArray() && !kids->GetArray().empty() ? resolve(&kids->GetArray()[0]) : nullptr;
            if (!cid || !cid->IsDictionary()) return;
            if (PdfObject* dw = resolve(cid->GetDictionary().GetKey("DW"))) d.default_width = num_of(dw);
            else d.default_width = 1000;
            PdfObject* w = resolve(cid->GetDictionary().GetKey("W"));
            if (!w || !w->IsArray()) return;
            const PdfArray& a = w->GetArray();
            for (std::size_t i = 0; i + 1 < a.size() && d.widths.size() < 200000;) {
                auto first = static_cast<std::uint32_t>(num_of(&a[i]));
                const PdfObject* next = resolve(const_cast<PdfObject*>(&a[i + 1]));
                if (next && next->IsArray()) {
                    std::uint32_t c = first;
                    for (const auto& v : next->GetArray()) d.widths[c++] = num_of(&v);
                    i += 2;
                } else if (i + 2 < a.size()) {
                    auto last = static_cast<std::uint32_t>(num_of(&a[i + 1]));
                    double width = num_of(&a[i + 2]);
                    for (std::uint32_t c = first; c <= last && c - first < 65536; ++c) d.widths[c] = width;
                    i += 3;
                } else {
                    break;
                }
            }
        } else {
            PdfObject* widths = resolve(f.GetKey("Widths"));
            auto first = static_cast<std::uint32_t>(num_of(resolve(f.GetKey("FirstChar"))));
            if (widths && widths->IsArray()) {
                std::uint32_t c = first;
                for (const auto& v : widths->GetArray()) d.widths[c++] = num_of(&v);
            }
        }
    }

    // Where the next piece of text starts, against where the last ended:
    // a new line when the baseline moved, a space when there is a gap of
    // more than a sixth of the font size (as poppler decides).
    void place(double x, double y) {
        if (have_end_) {
            double size = std::max(1.0, std::abs(font_size_ * tm_[0]));
            if (std::abs(y - end_y_) > size * 0.5) separate('\n');
            else if (x - end_x_ > size * 0.17 || x < end_x_ - size) separate(' ');
        }
    }

    void separate(char c) {
        if (text_.empty() || actual_depth_ > 0) return;
        char& last = text_.back();
        if (last == '\n' || (last == ' ' && c == ' ')) return;
        if (last == ' ' && c == '\n') {
            last = '\n';
            return;
        }
        text_ += c;
    }

    // Shows a string at the text matrix, moving it by the glyphs' widths.
    void show(const std::string& bytes) {
        static const Decoder none;
        const Decoder& d = font_ ? decoder(font_) : none;
        const std::size_t before = text_.size();
        place(tm_[4], tm_[5]);
        if (actual_depth_ == 0) {
            std::string decoded = d.decode(bytes);
            if (outside_page()) {
                // Off the page: the same words, with the same breaks as text_.
                if (text_.size() > before || !last_off_page_) off_page_ += ' ';
                off_page_ += decoded;
                last_off_page_ = true;
            } else {
                last_off_page_ = false;
            }
            text_ += decoded;  // else replaced by the span's ActualText
        }
        double advance = 0;
        for (std::size_t i = 0; i + static_cast<std::size_t>(d.code_bytes) <= bytes.size(); i += static_cast<std::size_t>(d.code_bytes)) {
            std::uint32_t code = code_of(bytes, i, static_cast<std::size_t>(d.code_bytes));
            advance += d.width(code) / 1000 * font_size_ + char_spacing_ + (d.code_bytes == 1 && code == 32 ? word_spacing_ : 0);
        }
        move(advance * scale_);
        end_x_ = tm_[4];
        end_y_ = tm_[5];
        have_end_ = true;
    }

    // Whether the text position lies outside the page's MediaBox (by more
    // than a point): such text is in the file but on no page a reader sees.
    bool outside_page() const {
        const double x = tm_[4] * ctm_[0] + tm_[5] * ctm_[2] + ctm_[4];
        const double y = tm_[4] * ctm_[1] + tm_[5] * ctm_[3] + ctm_[5];
        return x < box_[0] - 1 || y < box_[1] - 1 || x > box_[2] + 1 || y > box_[3] + 1;
    }

    // Moves the text position along the baseline by tx text-space units.
    void move(double tx) {
        tm_[4] += tx * tm_[0];
        tm_[5] += tx * tm_[1];
    }

    void set_line(double e, double f) {
        tlm_[4] = e;
        tlm_[5] = f;
        tm_ = tlm_;
    }

    // The page's content: one stream or an array of them, joined.
    std::string page_content(PdfPage* page) {
        PdfObject* c = resolve(page->GetContents());
        if (!c) return {};
        std::string out;
        if (c->IsArray()) {
            for (auto& e : c->GetArray())
                if (PdfObject* o = resolve(&e); o && o->HasStream()) out += stream_text(o) + "\n";
        } else if (c->HasStream()) {
            out = stream_text(c);
        }
        return out;
    }

    static std::string operand_text(const Operand& o) {
        const std::string& raw = o.text;
        if (raw.size() >= 2 && static_cast<unsigned char>(raw[0]) == 0xFE && static_cast<unsigned char>(raw[1]) == 0xFF)
            return utf16be_to_utf8(raw.substr(2));
        std::string out;  // PDFDocEncoding agrees with Latin-1 for the printable range
        for (unsigned char ch : raw) append_utf8(out, ch);
        return out;
    }

    PdfObject* resource(PdfObject* resources, const char* kind, const std::string& name) {
        if (!resources || !resources->IsDictionary()) return nullptr;
        PdfObject* dict = resolve(resources->GetDictionary().GetKey(kind));
        if (!dict || !dict->IsDictionary()) return nullptr;
        return resolve(dict->GetDictionary().GetKey(PdfName(name)));
    }

    void run(std::string_view content, PdfObject* resources, int depth) {
        using K = Operand::Kind;
        ContentLexer lexer(content);
        std::string op;
        std::vector<Operand> operands;
        auto num = [&](std::size_t k) { return operands[k].kind == K::number ? operands[k].number : 0.0; };
        while (lexer.next(op, operands)) {
            if (op == "BT") {
                tm_ = tlm_ = {1, 0, 0, 1, 0, 0};
            } else if (op == "q") {
                if (saved_ctm_.size() < 256) saved_ctm_.push_back(ctm_);
            } else if (op == "Q") {
                if (!saved_ctm_.empty()) {
                    ctm_ = saved_ctm_.back();
                    saved_ctm_.pop_back();
                }
            } else if (op == "cm" && operands.size() >= 6) {
                // The CTM becomes [m] x CTM (ISO 32000-1 §8.4.4).
                const std::array<double, 6> m{num(0), num(1), num(2), num(3), num(4), num(5)};
                const std::array<double, 6> c = ctm_;
                ctm_ = {m[0] * c[0] + m[1] * c[2], m[0] * c[1] + m[1] * c[3], m[2] * c[0] + m[3] * c[2],
                        m[2] * c[1] + m[3] * c[3], m[4] * c[0] + m[5] * c[2] + c[4], m[4] * c[1] + m[5] * c[3] + c[5]};
            } else if (op == "Tc" && !operands.empty()) {
                char_spacing_ = num(0);
            } else if (op == "Tw" && !operands.empty()) {
                word_spacing_ = num(0);
            } else if (op == "Tz" && !operands.empty()) {
                scale_ = num(0) / 100;
            } else if (op == "TL" && !operands.empty()) {
                leading_ = num(0);
            } else if (op == "Tf" && operands.size() >= 2 && operands[0].kind == K::name) {
                font_size_ = num(1);
                font_ = resource(resources, "Font", operands[0].text);
            } else if (op == "Tj" && !operands.empty() && operands.back().kind == K::string) {
                show(operands.back().text);
            } else if ((op == "'" || op == "\"") && !operands.empty() && operands.back().kind == K::string) {
                set_line(tlm_[4] - leading_ * tlm_[2], tlm_[5] - leading_ * tlm_[3]);
                show(operands.back().text);
            } else if (op == "TJ" && !operands.empty() && operands.back().kind == K::array) {
                for (const auto& e : operands.back().items) {
                    if (e.kind == K::string) show(e.text);
                    else if (e.kind == K::number)
                        move(-e.number / 1000 * font_size_ * scale_);  // the next show measures the gap
                }
            } else if ((op == "Td" || op == "TD") && operands.size() >= 2) {
                double tx = num(0), ty = num(1);
                if (op == "TD") leading_ = -ty;
                set_line(tlm_[4] + tx * tlm_[0] + ty * tlm_[2], tlm_[5] + tx * tlm_[1] + ty * tlm_[3]);
            } else if (op == "T*") {
                set_line(tlm_[4] - leading_ * tlm_[2], tlm_[5] - leading_ * tlm_[3]);
            } else if (op == "Tm" && operands.size() >= 6) {
                for (std::size_t k = 0; k < 6; ++k) tlm_[k] = num(k);
                tm_ = tlm_;
            } else if (op == "BDC" || op == "BMC") {
                std::string actual;
                if (op == "BDC" && operands.size() >= 2 && operands[1].kind == K::dict)
                    if (const Operand* a = operands[1].get("ActualText"); a && a->kind == K::string) actual = operand_text(*a);
                marked_.push_back(actual);
                if (!actual.empty()) {
                    text_ += actual;
                    ++actual_depth_;
                }
            } else if (op == "EMC" && !marked_.empty()) {
                if (!marked_.back().empty()) --actual_depth_;
                marked_.pop_back();
            } else if (op == "Do" && !operands.empty() && operands[0].kind == K::name && depth < 8 && resources &&
                       forms_left_ > 0) {
                --forms_left_;  // a form drawing itself N times must not cost N^8
                // Text inside form XObjects (forms of other producers).
                PdfObject* form = resource(resources, "XObject", operands[0].text);
                PdfObject* subtype = form && form->IsDictionary() ? form->GetDictionary().GetKey("Subtype") : nullptr;
                if (form && form->HasStream() && subtype && subtype->IsName() && subtype->GetName().GetName() == "Form") {
                    std::string body = stream_text(form);
                    PdfObject* inner_resources = resolve(form->GetDictionary().GetKey("Resources"));
                    PdfObject* saved = font_;
                    run(body, inner_resources ? inner_resources : resources, depth + 1);
                    font_ = saved;
                }
            }
        }
    }

    // Runs of spaces become one, and no line starts or ends with one: the
    // separators this reader adds meet the spaces the text itself has.
    static std::string tidy(const std::string& text) {
        std::string out;
        for (char c : text) {
            if (c == ' ' && (out.empty() || out.back() == ' ' || out.back() == '\n')) continue;
            if (c == '\n' && !out.empty() && out.back() == ' ') out.pop_back();
            out += c;
        }
        while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
        return out;
    }

    static std::string raw(const PdfString& s) { return std::string(s.GetString(), static_cast<std::size_t>(s.GetLength())); }
    static double number(const PdfVariant& v) {
        return v.IsReal() ? v.GetReal() : v.IsNumber() ? static_cast<double>(v.GetNumber()) : 0;
    }

    void annotations(PdfPage* page) {
        PdfObject* annots = resolve(page->GetObject()->GetDictionary().GetKey("Annots"));
        if (!annots || !annots->IsArray()) return;
        for (auto& ref : annots->GetArray()) {
            PdfObject* a = resolve(&ref);
            if (!a || !a->IsDictionary()) continue;
            if (PdfObject* c = resolve(a->GetDictionary().GetKey("Contents")); c && is_string(*c)) out_.annotations.push_back(text_string(c->GetString()));
            if (PdfObject* action = resolve(a->GetDictionary().GetKey("A")); action && action->IsDictionary())
                if (PdfObject* uri = resolve(action->GetDictionary().GetKey("URI")); uri && is_string(*uri))
                    out_.links.push_back(raw(uri->GetString()));
        }
    }

    void walk_outline(PdfObject* item, std::set<const PdfObject*>& seen, int depth) {
        for (int count = 0; item && item->IsDictionary() && !seen.count(item) && count < 100000 && depth < 64; ++count) {
            seen.insert(item);
            if (PdfObject* t = resolve(item->GetDictionary().GetKey("Title")); t && is_string(*t)) out_.outline.push_back(text_string(t->GetString()));
            walk_outline(resolve(item->GetDictionary().GetKey("First")), seen, depth + 1);
            item = resolve(item->GetDictionary().GetKey("Next"));
        }
    }

    void walk_structure(PdfObject* node, std::set<const PdfObject*>& seen, int depth) {
        if (!node || depth > 256 || seen.count(node)) return;
        seen.insert(node);
        if (node->IsArray()) {
            for (auto& k : node->GetArray()) walk_structure(resolve(&k), seen, depth + 1);
            return;
        }
        if (!node->IsDictionary()) return;
        for (const char* key : {"Alt", "ActualText", "E", "T"})
            if (PdfObject* v = resolve(node->GetDictionary().GetKey(key)); v && is_string(*v)) out_.structure.push_back(text_string(v->GetString()));
        walk_structure(resolve(node->GetDictionary().GetKey("K")), seen, depth + 1);
    }

    void problem(const std::string& what) {
        if (std::find(out_.problems.begin(), out_.problems.end(), what) == out_.problems.end()) out_.problems.push_back(what);
    }

public:
    // Image streams: a JPEG passed through (DCTDecode) keeps its APP and
    // comment segments; an image's own XMP /Metadata stream is text.
    void images() {
        for (PdfObject* o : doc_.GetObjects()) {
            if (!o || !o->IsDictionary() || !o->HasStream()) continue;
            const PdfObject* subtype = o->GetDictionary().GetKey("Subtype");
            if (!subtype || !subtype->IsName() || subtype->GetName().GetName() != "Image") continue;
            if (PdfObject* meta = resolve(o->GetDictionary().GetKey("Metadata")); meta && meta->HasStream())
                out_.metadata.push_back(stream_text(meta));
            const PdfObject* filter = resolve(o->GetDictionary().GetKey("Filter"));
            bool dct = filter && ((filter->IsName() && filter->GetName().GetName() == "DCTDecode") ||
                                  (filter->IsArray() && filter->GetArray().size() == 1 && filter->GetArray()[0].IsName() &&
                                   filter->GetArray()[0].GetName().GetName() == "DCTDecode"));
            if (!dct) continue;
            char* buf = nullptr;
            pdf_long len = 0;
            try {
                o->GetStream()->GetCopy(&buf, &len);  // encoded: the JPEG file itself
            } catch (const PdfError&) {
                problem("an image stream that cannot be read");
                continue;
            }
            out_.jpeg_images.emplace_back(buf ? buf : "", buf ? static_cast<std::size_t>(len) : 0);
            podofo_free(buf);
        }
    }

    // After all pages: glyphs no ToUnicode map explains.
    void count_unmapped() {
        std::size_t n = 0;
        for (const auto& [font, d] : decoders_) n += d.unmapped;
        if (n > 0) problem(std::to_string(n) + " glyphs without a Unicode meaning");
    }

private:
    int forms_left_ = 2000;
    PdfMemDocument& doc_;
    PdfTextContent& out_;
    std::map<const PdfObject*, Decoder> decoders_;
    PdfObject* font_ = nullptr;
    std::string text_;
    std::string off_page_;  // what of text_ was drawn outside the MediaBox
    bool last_off_page_ = false;
    std::array<double, 6> ctm_{1, 0, 0, 1, 0, 0};
    std::vector<std::array<double, 6>> saved_ctm_;  // q/Q
    std::array<double, 4> box_{0, 0, 0, 0};         // MediaBox: left, bottom, right, top
    std::vector<std::string> marked_;  // open marked-content sequences: their ActualText or ""  // open marked-content sequences: their ActualText or ""
    int actual_depth_ = 0;
    // Text state (ISO 32000-1 §9.3, §9.4.2): matrices in user space (the
    // CTM is followed only to tell text off the page).
    std::array<double, 6> tm_{1, 0, 0, 1, 0, 0}, tlm_{1, 0, 0, 1, 0, 0};
    double font_size_ = 1, char_spacing_ = 0, word_spacing_ = 0, scale_ = 1, leading_ = 0;
    double end_x_ = 0, end_y_ = 0;  // where the last shown text ended
    bool have_end_ = false;
};

}  // namespace

std::string reading_order(const std::string& page) { return logical_order(page); }

PdfTextContent read_pdf_text(const std::string& bytes, const std::string& name) {
    PdfTextContent out;
    PdfError::EnableLogging(false);  // PoDoFo would print the trailer it parses to standard output
    PdfError::EnableDebug(false);
    PdfMemDocument doc;
    try {
        doc.LoadFromBuffer(bytes.data(), static_cast<long>(bytes.size()));
    } catch (const PdfError& e) {
        throw Error(ErrorKind::bad_pdf, name, "", std::string("not a readable PDF: ") + error_text(e));
    }
    try {
        Extractor x(doc, out);
        x.pages();
        x.metadata();
        x.outline();
        x.structure();
        x.images();
        x.count_unmapped();
    } catch (const PdfError& e) {
        throw Error(ErrorKind::bad_pdf, name, "", std::string("damaged PDF: ") + error_text(e));
    }
    return out;
}

}  // namespace allies::verify
