#include "pdf/pdf_writer.hpp"

#include <lcms2.h>
#include <hb.h>
#include <podofo.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <memory>
#include <set>

#include "allies/error.hpp"
#include "pdf/font_embedder.hpp"
#include "layout/png_decoder.hpp"
#include "pdf/hex.hpp"
#include "text/digest.hpp"
#include "text/encode.hpp"

namespace allies::pdf {
namespace {

using namespace PoDoFo;

// PoDoFo's text for an error code; 0.9.8 returns a null pointer for codes
// it has no text for (found by fuzzing the verifier's PDF reader).
std::string error_text(const PdfError& e) {
    const char* text = PdfError::ErrorMessage(e.GetError());
    if (!text) text = PdfError::ErrorName(e.GetError());
    return text ? std::string(text) : "PoDoFo error " + std::to_string(static_cast<int>(e.GetError()));
}

// UTF-32 to big-endian UTF-16 code units: PoDoFo must never see raw UTF-8
// (DEPENDENCY-NOTES §1: invalid UTF-8 overflows its buffer).
std::vector<pdf_utf16be> utf16be(std::u32string_view text) {
    std::vector<pdf_utf16be> out;
    auto push = [&](std::uint16_t u) { out.push_back(static_cast<pdf_utf16be>((u >> 8) | (u << 8))); };
    for (char32_t c : text) {
        if (c < 0x10000) {
            push(static_cast<std::uint16_t>((c >= 0xD800 && c <= 0xDFFF) ? 0xFFFD : c));
        } else if (c <= 0x10FFFF) {
            char32_t v = c - 0x10000;
            push(static_cast<std::uint16_t>(0xD800 + (v >> 10)));
            push(static_cast<std::uint16_t>(0xDC00 + (v & 0x3FF)));
        } else {
            push(0xFFFD);
        }
    }
    out.push_back(0);
    return out;
}

PdfString pdf_string(std::u32string_view text) {
    auto units = utf16be(text);
    return PdfString(units.data(), static_cast<pdf_long>(units.size() - 1));
}

// A moment as UTC in a strftime format (PDF dates, XMP dates).
std::string utc(long long epoch, const char* format) {
    std::time_t t = static_cast<std::time_t>(epoch);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, format, &tm);
    return buf;
}

std::string pdf_date(long long epoch) { return utc(epoch, "D:%Y%m%d%H%M%SZ"); }

long long creation_epoch(long long given) {
    if (given >= 0) return given;
    if (const char* env = std::getenv("SOURCE_DATE_EPOCH")) {
        char* end = nullptr;
        long long v = std::strtoll(env, &end, 10);
        if (end && *end == '\0' && v >= 0) return v;
    }
    return 315532800;  // 1980-01-01, as the zip timestamps
}

class Writer {
public:
    Writer(const layout::LaidOutDocument& doc, const PdfOptions& options) : doc_(doc), options_(options) {}

    std::string run() {
        pdf_.SetPdfVersion(ePdfVersion_1_7);
        for (std::size_t i = 0; i < doc_.pages.size(); ++i) paint_page(doc_.pages[i]);
        fonts_.finish();
        add_links();
        add_structure();
        add_outline();
        metadata();
        if (options_.pdfa) pdfa();
        PdfRefCountedBuffer buffer;
        PdfOutputDevice device(&buffer);
        pdf_.Write(&device);
        return std::string(buffer.GetBuffer(), device.GetLength());
    }

private:
    void paint_page(const layout::Page& page) {
        // Create, paint and finish each page before the next: the PdfPage*
        // does not survive the next CreatePage (DEPENDENCY-NOTES §1, gotcha 1).
        PdfPage* p = pdf_.CreatePage(PdfRect(0, 0, page.width, page.height));
        PdfPainter painter;
        painter.SetPage(p);
        fill_known_ = false;  // a new content stream starts with black, but say it
        painter.SetPrecision(3);
        mcids_.emplace_back();
        for (const auto& item : page.items)
            std::visit(
                [&](const auto& i) {
                    using T = std::decay_t<decltype(i)>;
                    if constexpr (std::is_same_v<T, layout::LinkItem>) {
                        paint(painter, i);
                    } else {
                        open_marked(painter, i.tag);
                        paint(painter, i);
                        close_marked(painter, i.tag);
                    }
                },
                item);
        painter.FinishPage();
        // The page's fonts go in its resources by hand: these are not PdfFont
        // objects, so the painter does not know them.
        if (!page_fonts_.empty()) {
            PdfDictionary& resources = p->GetResources()->GetDictionary();
            if (!resources.HasKey("Font")) resources.AddKey("Font", PdfDictionary());
            PdfDictionary& fonts = resources.GetKey("Font")->GetDictionary();
            for (EmbeddedFace* f : page_fonts_) fonts.AddKey(PdfName(f->resource()), f->object()->Reference());
            page_fonts_.clear();
        }
        links_.emplace_back();
        for (const auto& item : page.items)
            if (auto* l = std::get_if<layout::LinkItem>(&item)) links_.back().push_back(*l);
    }

    // Numbers in content streams: fixed notation, no locale, no "-0".
    // (std::to_chars: snprintf was an eighth of the time of a PDF.)
    static std::string num(double v) {
        char buf[48];
        auto r = std::to_chars(buf, buf + sizeof buf, std::abs(v) < 0.0005 ? 0.0 : v, std::chars_format::fixed, 3);
        std::string out(buf, r.ptr);
        if (out.find('.') != std::string::npos) {
            while (out.back() == '0') out.pop_back();
            if (out.back() == '.') out.pop_back();
        }
        return out == "-0" ? "0" : out;
    }

    // A right-to-left cluster's letters, each with the marks that follow
    // it, in visual (reversed) order: "لا" -> "ال"; "ةً" stays as it is.
    static std::u32string letters_in_visual_order(const std::u32string& text) {
        std::vector<std::u32string> letters;
        for (char32_t c : text) {
            const bool mark = hb_unicode_general_category(hb_unicode_funcs_get_default(), c) ==
                              HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK;
            if (mark && !letters.empty()) letters.back() += c;
            else letters.emplace_back(1, c);
        }
        std::u32string out;
        for (auto it = letters.rbegin(); it != letters.rend(); ++it) out += *it;
        return out;
    }

    // Text as glyph ids in a CID font. Each glyph is placed where the layout
    // put it: TJ adjustments make up any difference between its advance and
    // the font's width, and marks raised or lowered by shaping use Ts. Where
    // the font's ToUnicode map cannot say what the glyphs stand for (shaped
    // clusters, one glyph for two characters), an ActualText span gives the
    // exact text, so copying and pdftotext read what the document says
    // (right-to-left runs excepted, see below).
    void paint(PdfPainter& painter, const layout::TextItem& t) {
        if (t.text.empty() && t.glyphs.empty()) return;
        EmbeddedFace& face = fonts_.face(t.font_path, t.font_index);
        page_fonts_.insert(&face);
        // Plain text: one glyph per character through the cmap, placed at
        // its advance; shaped text: the glyphs as given.
        simple_.clear();
        bool exact = !t.glyphs.empty();
        if (t.glyphs.empty()) {
            for (char32_t c : t.text) {
                std::uint32_t g = face.glyph(c);
                simple_.push_back(g);
                if (!face.use(g, std::u32string_view(&c, 1))) exact = true;
            }
        } else if (t.rtl) {
            // Readers put a right-to-left line back into reading order by
            // reversing it character by character, the characters of a
            // ligature too: the map gives a lam-alef glyph's two letters in
            // visual order, so reversed they read "لا", not "ال". A letter
            // keeps its marks after it (a reader drops a mark that starts a
            // glyph's text).
            for (const auto& g : t.glyphs)
                if (!face.use(g.glyph, letters_in_visual_order(g.text))) exact = true;
        } else {
            for (const auto& g : t.glyphs)
                if (!face.use(g.glyph, g.text)) exact = true;
        }
        // Right-to-left runs are drawn in visual order; readers (poppler,
        // Acrobat) reorder by the glyphs' ToUnicode text, but would take an
        // ActualText string as already in visual order and reverse it.
        if (t.rtl) exact = false;
        // Turned text: readers split a diagonal word into pieces by its
        // glyphs' positions; its ActualText keeps it one word.
        if (t.angle != 0 && !t.rtl) exact = true;

        PdfStream& out = *painter.GetCanvas();
        if (exact) out.Append("/Span <</ActualText <FEFF" + utf16_hex(t.text) + ">>> BDC\n");
        set_fill(out, t.color);
        if (t.synthetic_bold) {
            painter.SetStrokingColor(t.color.r, t.color.g, t.color.b);
            painter.SetStrokeWidth(t.size / 30.0);
        }
        std::string s = "BT\n/" + face.resource() + " " + num(t.size) + " Tf\n";
        if (t.synthetic_bold) s += "2 Tr\n";
        // Synthetic italic slants about the baseline origin (about 12 degrees).
        if (t.angle != 0) {
            // Turned about the baseline origin (the slant of a synthetic
            // italic, in the text's own space, before the turn).
            const double a = t.angle * 3.14159265358979323846 / 180.0, c = std::cos(a), n = std::sin(a);
            const double k = t.synthetic_italic ? 0.21 : 0;
            s += num(c) + " " + num(n) + " " + num(k * c - n) + " " + num(k * n + c) + " " + num(t.x) + " " + num(t.y) + " Tm\n";
        } else {
            s += std::string(t.synthetic_italic ? "1 0 0.21 1 " : "1 0 0 1 ") + num(t.x) + " " + num(t.y) + " Tm\n";
        }
        double pen = 0, at = 0, rise = 0;  // where the layout wants the pen; where the PDF's is; current Ts
        std::string tj;
        auto flush = [&] {
            if (!tj.empty()) s += "[" + tj + "] TJ\n";
            tj.clear();
        };
        auto put = [&](std::uint32_t glyph, double advance, double dx, double dy) {
            if (std::abs(dy - rise) > 0.001) {
                flush();
                rise = dy;
                s += num(rise) + " Ts\n";
            }
            double want = pen + dx;
            double adjust = (want - at) * 1000.0 / t.size;
            if (std::abs(adjust) > 0.01) tj += num(-adjust);
            tj += '<';
            append_hex4(tj, glyph);
            tj += '>';
            at = want + face.advance(glyph) * t.size / 1000.0;
            pen += advance;
        };
        if (t.glyphs.empty())
            for (std::uint32_t g : simple_) put(g, face.advance(g) * t.size / 1000.0, 0, 0);
        else
            for (const auto& g : t.glyphs) put(g.glyph, g.advance, g.dx, g.dy);
        flush();
        if (rise != 0) s += "0 Ts\n";
        if (t.synthetic_bold) s += "0 Tr\n";
        s += "ET\n";
        out.Append(s);
        if (exact) out.Append("EMC\n");
    }

    // The fill colour operator, only when the colour changes on the page
    // (PoDoFo's SetColor formats through a stream: a sixth of PDF time).
    void set_fill(PdfStream& out, const layout::Color& c) {
        if (fill_known_ && c.r == fill_.r && c.g == fill_.g && c.b == fill_.b) return;
        fill_known_ = true;
        fill_ = c;
        out.Append(num(c.r) + " " + num(c.g) + " " + num(c.b) + " rg\n");
    }


    void paint(PdfPainter& painter, const layout::RectItem& r) {
        if (r.stroke_width > 0) {
            painter.SetStrokingColor(r.color.r, r.color.g, r.color.b);
            painter.SetStrokeWidth(r.stroke_width);
            painter.Rectangle(r.x, r.y, r.width, r.height);
            painter.Stroke();
        } else {
            set_fill(*painter.GetCanvas(), r.color);
            painter.Rectangle(r.x, r.y, r.width, r.height);
            painter.Fill();
        }
    }

    void paint(PdfPainter& painter, const layout::LineItem& l) {
        // A dash pattern is graphics state: set it inside q ... Q so the
        // lines after this one stay solid (the fill colour is untouched).
        bool dashed = !l.dash.empty();
        if (dashed) {
            std::string d = "q [";
            for (std::size_t i = 0; i < l.dash.size() && i < 8; ++i) {
                if (i) d += ' ';
                d += num(std::max(0.01, l.dash[i]));
            }
            painter.GetCanvas()->Append(d + "] 0 d\n");
        }
        painter.SetStrokingColor(l.color.r, l.color.g, l.color.b);
        painter.SetStrokeWidth(l.width);
        painter.DrawLine(l.x1, l.y1, l.x2, l.y2);
        if (dashed) painter.GetCanvas()->Append("Q\n");
    }

    // The same picture placed many times (a logo in every page's header) is
    // one image object drawn many times: keyed by a digest of its bytes or
    // pixels, so a 100-page document grows by its page content only.
    static std::string image_key(const layout::ImageItem& i) {
        if (i.raster) {
            const layout::Raster& r = *i.raster;
            return "raster " + std::to_string(r.width) + "x" + std::to_string(r.height) + "x" + std::to_string(r.channels) +
                   " " + text::sha256_raw(r.pixels) + text::sha256_raw(r.alpha);
        }
        return std::string(i.jpeg ? "jpeg " : "png ") + text::sha256_raw(i.bytes);
    }

    void paint(PdfPainter& painter, const layout::ImageItem& i) {
        if (i.bytes.empty() && !i.raster) return;
        const std::string key = image_key(i);
        PdfImage* image = nullptr;
        double w = 0, h = 0;
        std::string problem;
        if (auto it = image_by_key_.find(key); it != image_by_key_.end()) {
            image = it->second;
            if (image == nullptr) problem = "it cannot be decoded";
        } else {
            auto made = std::make_unique<PdfImage>(&pdf_);
            try {
                if (i.raster) {
                    const layout::Raster& r = *i.raster;
                    load_pixels(*made, r.width, r.height, r.channels, r.pixels, r.alpha);
                } else if (i.jpeg) {
                    // Passed through as DCT: PoDoFo reads only the header.
                    made->LoadFromJpegData(reinterpret_cast<const unsigned char*>(i.bytes.data()),
                                           static_cast<pdf_long>(i.bytes.size()));
                } else if (!load_png(*made, i.bytes)) {
                    problem = "it cannot be decoded";
                }
            } catch (const PdfError& e) {
                problem = std::string("it cannot be decoded: ") + error_text(e);
            }
            image = problem.empty() ? made.get() : nullptr;
            image_by_key_[key] = image;
            images_.push_back(std::move(made));  // its object is in the document already: keep it alive
        }
        if (image) {
            w = image->GetWidth();
            h = image->GetHeight();
        }
        if (!problem.empty()) {
            // Layout checked the picture; a decoder that still refuses it
            // leaves a placeholder box, not a failed PDF.
            if (options_.warnings) options_.warnings->push_back("a picture is drawn as a placeholder box: " + problem);
            paint(painter, layout::RectItem{i.x, i.y, i.width, i.height, false, {0.6, 0.6, 0.6}, 0.5, i.tag});
            return;
        }
        if (w <= 0 || h <= 0) return;
        std::string clip = clip_path(i.clip_path, i.clip_starts);
        if (!clip.empty()) painter.GetCanvas()->Append("q\n" + clip);
        if (i.crop_left > 0 || i.crop_top > 0 || i.crop_right > 0 || i.crop_bottom > 0) {
            // a:srcRect: the whole picture scaled so that its kept part fills
            // the box, clipped to the box (y is the box's bottom edge).
            double full_w = i.width / std::max(0.01, 1 - i.crop_left - i.crop_right);
            double full_h = i.height / std::max(0.01, 1 - i.crop_top - i.crop_bottom);
            painter.GetCanvas()->Append("q " + num(i.x) + " " + num(i.y) + " " + num(i.width) + " " + num(i.height) +
                                        " re W n\n");
            painter.DrawImage(i.x - i.crop_left * full_w, i.y - i.crop_bottom * full_h, image, full_w / w, full_h / h);
            painter.GetCanvas()->Append("Q\n");
        } else {
            painter.DrawImage(i.x, i.y, image, i.width / w, i.height / h);
        }
        if (!clip.empty()) painter.GetCanvas()->Append("Q\n");
    }

    // PNG through our own decoder (layout/png_decoder.hpp says why not
    // PoDoFo's): 8-bit grey or RGB samples, Flate-compressed by PoDoFo, and
    // a soft mask when any pixel is not opaque.
    bool load_png(PdfImage& image, const std::string& bytes) {
        auto png = layout::decode_png(bytes);
        if (!png) return false;
        load_pixels(image, png->width, png->height, png->channels, png->pixels, png->alpha);
        return true;
    }

    // 8-bit grey or RGB samples (rows top-down), Flate-compressed by PoDoFo,
    // with a soft mask when an alpha plane is given.
    void load_pixels(PdfImage& image, unsigned width, unsigned height, int channels, const std::string& samples,
                     const std::string& alpha_plane) {
        image.SetImageColorSpace(channels == 1 ? ePdfColorSpace_DeviceGray : ePdfColorSpace_DeviceRGB);
        if (!alpha_plane.empty()) {
            PdfImage mask(&pdf_);
            mask.SetImageColorSpace(ePdfColorSpace_DeviceGray);
            PdfMemoryInputStream alpha(alpha_plane.data(), static_cast<pdf_long>(alpha_plane.size()));
            mask.SetImageData(width, height, 8, &alpha);
            image.SetImageSoftmask(&mask);
        }
        PdfMemoryInputStream pixels(samples.data(), static_cast<pdf_long>(samples.size()));
        image.SetImageData(width, height, 8, &pixels);
    }

    void paint(PdfPainter& painter, const layout::PathItem& p) {
        if (p.clip_w > 0 || p.stroke_width > 0 || !p.starts.empty() || !p.closed || p.even_odd || !p.fill) {
            paint_general(painter, p);
            return;
        }
        if (p.points.size() < 3) return;
        set_fill(*painter.GetCanvas(), p.color);
        painter.MoveTo(p.points[0].first, p.points[0].second);
        for (std::size_t i = 1; i < p.points.size(); ++i) painter.LineTo(p.points[i].first, p.points[i].second);
        painter.ClosePath();
        painter.Fill();
    }

    // Metafile paths: subpaths, open or closed, filled (nonzero or even-odd)
    // and/or stroked, inside q ... Q with their clip box, so that the clip,
    // the line width and the colours end with the path.
    void paint_general(PdfPainter& painter, const layout::PathItem& p) {
        bool fill = p.fill && p.closed, stroke = p.stroke_width > 0;
        if ((!fill && !stroke) || p.points.size() < 2) return;
        std::string out = "q\n";
        if (p.clip_w > 0 && p.clip_h > 0)
            out += num(p.clip_x) + " " + num(p.clip_y) + " " + num(p.clip_w) + " " + num(p.clip_h) + " re W n\n";
        out += clip_path(p.clip_path, p.clip_starts);
        if (fill) out += num(p.color.r) + " " + num(p.color.g) + " " + num(p.color.b) + " rg\n";
        if (stroke)
            out += num(p.stroke.r) + " " + num(p.stroke.g) + " " + num(p.stroke.b) + " RG " + num(p.stroke_width) +
                   " w 1 J 1 j\n";
        std::size_t next = 0;  // index into starts
        for (std::size_t i = 0; i < p.points.size(); ++i) {
            bool begins = i == 0 || (next < p.starts.size() && p.starts[next] == i);
            if (begins && i > 0) {
                if (p.closed) out += "h\n";
                ++next;
            }
            out += num(p.points[i].first) + " " + num(p.points[i].second) + (begins ? " m\n" : " l\n");
        }
        if (p.closed) out += "h\n";
        out += fill && stroke ? (p.even_odd ? "B*\n" : "B\n") : fill ? (p.even_odd ? "f*\n" : "f\n") : "S\n";
        out += "Q\n";
        painter.GetCanvas()->Append(out);
        fill_known_ = false;  // Q restored whatever colour was set before
    }

    // A clip path's operators ("" for none): each subpath closed, nonzero rule.
    std::string clip_path(const std::vector<std::pair<double, double>>& pts, const std::vector<std::size_t>& starts) {
        if (pts.size() < 3) return {};
        std::string out;
        std::size_t next = 0;
        for (std::size_t i = 0; i < pts.size(); ++i) {
            bool begins = i == 0 || (next < starts.size() && starts[next] == i);
            if (begins && i > 0) {
                out += "h\n";
                ++next;
            }
            out += num(pts[i].first) + " " + num(pts[i].second) + (begins ? " m\n" : " l\n");
        }
        return out + "h W n\n";
    }

    void paint(PdfPainter&, const layout::LinkItem&) {}  // annotations after all pages exist

    // Marked content (ISO 32000-1 §14.6): structure content gets an MCID,
    // page furniture is an Artifact. Nothing when the document is untagged.
    void open_marked(PdfPainter& painter, int tag) {
        if (doc_.structure.empty() || tag == layout::kUntagged) return;
        if (tag == layout::kArtifact) {
            painter.GetCanvas()->Append("/Artifact BMC\n");
            return;
        }
        if (tag < 0 || static_cast<std::size_t>(tag) >= doc_.structure.size()) return;
        int mcid = static_cast<int>(mcids_.back().size());
        mcids_.back().push_back(tag);
        painter.GetCanvas()->Append("/" + doc_.structure[static_cast<std::size_t>(tag)].type + " <</MCID " +
                                    std::to_string(mcid) + ">> BDC\n");
    }

    void close_marked(PdfPainter& painter, int tag) {
        if (doc_.structure.empty() || tag == layout::kUntagged) return;
        if (tag != layout::kArtifact && (tag < 0 || static_cast<std::size_t>(tag) >= doc_.structure.size())) return;
        painter.GetCanvas()->Append("EMC\n");
    }

    // The structure tree (§14.7): one StructElem per node, content by MCID
    // per page, a parent tree from each page's MCIDs back to their elements.
    void add_structure() {
        if (doc_.structure.empty()) return;
        PdfVecObjects* objects = &pdf_.GetObjects();
        PdfObject* root = objects->CreateObject("StructTreeRoot");
        std::vector<PdfObject*> elems;
        for (const auto& n : doc_.structure) {
            PdfObject* e = objects->CreateObject("StructElem");
            e->GetDictionary().AddKey("S", PdfName(n.type));
            if (!n.alt.empty()) e->GetDictionary().AddKey("Alt", pdf_string(text::utf32_from_utf8(n.alt)));
            elems.push_back(e);
        }
        // Content on one page is listed as bare MCIDs with /Pg on the
        // element (§14.7.4.2); only elements spanning pages need MCR dicts.
        std::vector<int> page_of(elems.size(), -1);
        for (std::size_t page = 0; page < mcids_.size(); ++page)
            for (int node : mcids_[page]) {
                int& p = page_of[static_cast<std::size_t>(node)];
                p = p == -1 || p == static_cast<int>(page) ? static_cast<int>(page) : -2;
            }
        std::vector<PdfArray> kids(elems.size());
        for (std::size_t i = 0; i < doc_.structure.size(); ++i) {
            int parent = doc_.structure[i].parent;
            PdfObject* p = parent >= 0 ? elems[static_cast<std::size_t>(parent)] : root;
            elems[i]->GetDictionary().AddKey("P", p->Reference());
            if (parent >= 0) kids[static_cast<std::size_t>(parent)].push_back(elems[i]->Reference());
        }
        PdfArray nums;
        for (std::size_t page = 0; page < mcids_.size(); ++page) {
            if (mcids_[page].empty()) continue;
            PdfPage* pg = pdf_.GetPage(static_cast<int>(page));
            pg->GetObject()->GetDictionary().AddKey("StructParents", static_cast<pdf_int64>(page));
            pg->GetObject()->GetDictionary().AddKey("Tabs", PdfName("S"));
            PdfArray owners;
            for (std::size_t m = 0; m < mcids_[page].size(); ++m) {
                auto node = static_cast<std::size_t>(mcids_[page][m]);
                if (page_of[node] >= 0) {
                    kids[node].push_back(PdfObject(static_cast<pdf_int64>(m)));
                } else {
                    PdfDictionary mcr;
                    mcr.AddKey("Type", PdfName("MCR"));
                    mcr.AddKey("Pg", pg->GetObject()->Reference());
                    mcr.AddKey("MCID", static_cast<pdf_int64>(m));
                    kids[node].push_back(mcr);
                }
                owners.push_back(elems[node]->Reference());
            }
            nums.push_back(static_cast<pdf_int64>(page));
            nums.push_back(owners);
        }
        // Link annotations belong to their Link element through an object
        // reference (OBJR), and point back with /StructParent (§14.7.4.3).
        std::size_t next_key = mcids_.size();
        for (const auto& an : annotations_) {
            if (an.tag < 0 || static_cast<std::size_t>(an.tag) >= elems.size()) continue;
            auto node = static_cast<std::size_t>(an.tag);
            PdfObject* owner = elems[node];
            if (doc_.structure[node].type != "Link") {  // link text tagged otherwise: a Link element of its own
                owner = objects->CreateObject("StructElem");
                owner->GetDictionary().AddKey("S", PdfName("Link"));
                owner->GetDictionary().AddKey("P", elems[node]->Reference());
                kids[node].push_back(owner->Reference());
            }
            PdfDictionary objr;
            objr.AddKey("Type", PdfName("OBJR"));
            objr.AddKey("Obj", an.object->Reference());
            objr.AddKey("Pg", pdf_.GetPage(an.page)->GetObject()->Reference());
            if (owner == elems[node]) {
                kids[node].push_back(objr);
            } else {
                PdfArray k;
                k.push_back(objr);
                owner->GetDictionary().AddKey("K", k);
            }
            an.object->GetDictionary().AddKey("StructParent", static_cast<pdf_int64>(next_key));
            nums.push_back(static_cast<pdf_int64>(next_key));
            nums.push_back(owner->Reference());
            ++next_key;
        }
        for (std::size_t i = 0; i < elems.size(); ++i) {
            if (page_of[i] >= 0) elems[i]->GetDictionary().AddKey("Pg", pdf_.GetPage(page_of[i])->GetObject()->Reference());
            elems[i]->GetDictionary().AddKey("K", kids[i]);
        }
        root->GetDictionary().AddKey("K", elems[0]->Reference());
        PdfDictionary parent_tree;
        parent_tree.AddKey("Nums", nums);
        root->GetDictionary().AddKey("ParentTree", parent_tree);
        root->GetDictionary().AddKey("ParentTreeNextKey", static_cast<pdf_int64>(next_key));
        PdfDictionary mark_info;
        mark_info.AddKey("Marked", true);
        pdf_.GetCatalog()->GetDictionary().AddKey("MarkInfo", mark_info);
        pdf_.GetCatalog()->GetDictionary().AddKey("StructTreeRoot", root->Reference());
    }

    void add_links() {
        for (std::size_t n = 0; n < links_.size(); ++n) {
            if (links_[n].empty()) continue;
            PdfPage* page = pdf_.GetPage(static_cast<int>(n));
            for (const auto& l : links_[n]) {
                PdfAnnotation* a = page->CreateAnnotation(ePdfAnnotation_Link, PdfRect(l.x, l.y, l.width, l.height));
                a->SetBorderStyle(0, 0, 0);
                a->SetFlags(ePdfAnnotationFlags_Print);  // PDF/A: annotations must print
                // PDF/UA: a link says where it goes, for assistive technology.
                std::string says = !l.uri.empty() ? l.uri : "Go to page " + std::to_string(l.target_page + 1);
                a->GetObject()->GetDictionary().AddKey("Contents", pdf_string(text::utf32_from_utf8(says)));
                annotations_.push_back({a->GetObject(), static_cast<int>(n), l.tag});
                // PoDoFo stamps /M with the wall clock; drop it so output stays byte-identical.
                a->GetObject()->GetDictionary().RemoveKey("M");
                if (!l.uri.empty()) {
                    PdfAction action(ePdfAction_URI, &pdf_);
                    action.SetURI(PdfString(l.uri.c_str()));  // URIs are ASCII (percent-encoded by the layout)
                    a->SetAction(action);
                } else if (l.target_page >= 0 && l.target_page < pdf_.GetPageCount()) {
                    a->SetDestination(PdfDestination(pdf_.GetPage(l.target_page), 0, l.target_y, 0));
                }
            }
        }
    }

    void add_outline() {
        if (doc_.outline.empty()) return;
        PdfOutlines* outlines = pdf_.GetOutlines();
        PdfOutlineItem* root = outlines->CreateRoot(pdf_string(text::utf32_from_utf8(doc_.title.empty() ? "Contents" : doc_.title)));
        std::vector<std::pair<int, PdfOutlineItem*>> stack{{-1, root}};
        for (const auto& e : doc_.outline) {
            if (e.page < 0 || e.page >= pdf_.GetPageCount()) continue;
            while (stack.size() > 1 && stack.back().first >= e.level) stack.pop_back();
            PdfDestination dest(pdf_.GetPage(e.page), 0, e.y, 0);
            PdfOutlineItem* item = stack.back().second->CreateChild(pdf_string(text::utf32_from_utf8(e.title)), dest);
            stack.emplace_back(e.level, item);
        }
        pdf_.SetPageMode(ePdfPageModeUseBookmarks);
    }

    static std::string xml_escape(const std::string& s) {
        std::string out;
        for (char c : s) {
            switch (c) {
                case '&': out += "&amp;"; break;
                case '<': out += "&lt;"; break;
                case '>': out += "&gt;"; break;
                case '"': out += "&quot;"; break;
                default: out += c;
            }
        }
        return out;
    }


    // XMP (ISO 16684-1) mirroring the Info dictionary; with PDF/A, its
    // identification schema. Stored uncompressed, as PDF/A asks.
    void xmp() {
        std::string date = utc(creation_epoch(options_.epoch), "%Y-%m-%dT%H:%M:%SZ");
        std::string x = "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                        "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                        "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" "
                        "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">";
        if (!doc_.title.empty())
            x += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(doc_.title) + "</rdf:li></rdf:Alt></dc:title>";
        if (!doc_.language.empty()) x += "<dc:language><rdf:Bag><rdf:li>" + xml_escape(doc_.language) + "</rdf:li></rdf:Bag></dc:language>";
        x += "<pdf:Producer>" + xml_escape(options_.producer) + "</pdf:Producer>";
        x += "<xmp:CreatorTool>" + xml_escape(options_.producer) + "</xmp:CreatorTool>";
        x += "<xmp:CreateDate>" + date + "</xmp:CreateDate><xmp:ModifyDate>" + date + "</xmp:ModifyDate>";
        if (options_.pdfa) x += "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>";
        x += "</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>";
        PdfObject* meta = pdf_.GetObjects().CreateObject("Metadata");
        meta->GetDictionary().AddKey("Subtype", PdfName("XML"));
        meta->GetStream()->Set(x.data(), static_cast<pdf_long>(x.size()), TVecFilters());
        pdf_.GetCatalog()->GetDictionary().AddKey("Metadata", meta->Reference());
    }

    // PDF/A-2b: an sRGB output intent (profile made by Little CMS) and no
    // /CIDSet in the font descriptors (PoDoFo 0.9.8 writes an inexact one).
    void pdfa() {
        cmsHPROFILE srgb = cmsCreate_sRGBProfile();
        cmsUInt32Number size = 0;
        std::string icc;
        if (srgb && cmsSaveProfileToMem(srgb, nullptr, &size) && size > 0) {
            icc.resize(size);
            cmsSaveProfileToMem(srgb, icc.data(), &size);
        }
        if (srgb) cmsCloseProfile(srgb);
        if (icc.empty()) throw Error(ErrorKind::unsupported, "", "", "cannot make the sRGB profile PDF/A needs");
        PdfObject* profile = pdf_.GetObjects().CreateObject();
        profile->GetDictionary().AddKey("N", static_cast<pdf_int64>(3));
        profile->GetStream()->Set(icc.data(), static_cast<pdf_long>(icc.size()));
        PdfDictionary intent;
        intent.AddKey("Type", PdfName("OutputIntent"));
        intent.AddKey("S", PdfName("GTS_PDFA1"));
        intent.AddKey("OutputConditionIdentifier", PdfString("sRGB IEC61966-2.1"));
        intent.AddKey("Info", PdfString("sRGB IEC61966-2.1"));
        intent.AddKey("DestOutputProfile", profile->Reference());
        PdfArray intents;
        intents.push_back(intent);
        pdf_.GetCatalog()->GetDictionary().AddKey("OutputIntents", intents);
        pdf_.EmbedSubsetFonts();  // now, so that CIDSet can be taken out (a second embed is a no-op)
        for (PdfObject* o : pdf_.GetObjects())
            if (o->IsDictionary() && o->GetDictionary().HasKey("CIDSet")) o->GetDictionary().RemoveKey("CIDSet");
    }

    void metadata() {
        xmp();
        PdfInfo* info = pdf_.GetInfo();
        if (!doc_.title.empty()) info->SetTitle(pdf_string(text::utf32_from_utf8(doc_.title)));
        info->SetProducer(PdfString(options_.producer.c_str()));
        info->SetCreator(PdfString(options_.producer.c_str()));
        std::string date = pdf_date(creation_epoch(options_.epoch));
        info->GetObject()->GetDictionary().AddKey("CreationDate", PdfString(date.c_str()));
        info->GetObject()->GetDictionary().AddKey("ModDate", PdfString(date.c_str()));
        if (!doc_.language.empty())
            pdf_.GetCatalog()->GetDictionary().AddKey("Lang", PdfString(doc_.language.c_str()));
        pdf_.SetDisplayDocTitle();
    }

    const layout::LaidOutDocument& doc_;
    const PdfOptions& options_;
    PdfMemDocument pdf_;
    FontEmbedder fonts_{pdf_};
    struct Annotation {
        PdfObject* object;
        int page;
        int tag;
    };
    std::vector<Annotation> annotations_;  // link annotations, for the structure tree
    std::set<EmbeddedFace*> page_fonts_;  // fonts drawn on the page being painted
    std::vector<std::uint32_t> simple_;    // glyphs of the text item being painted
    layout::Color fill_;                   // the page's current fill colour, when fill_known_
    bool fill_known_ = false;
    std::vector<std::unique_ptr<PdfImage>> images_;     // every image object made; owned here, never moved
    std::map<std::string, PdfImage*> image_by_key_;     // digest -> image in images_ (null: could not be decoded)
    std::vector<std::vector<layout::LinkItem>> links_;
    std::vector<std::vector<int>> mcids_;  // per page: structure node of each MCID
};

}  // namespace

std::string write_pdf(const layout::LaidOutDocument& doc, const PdfOptions& options) {
    // PoDoFo prints its own log and debug lines on standard error (and
    // stdout) otherwise; errors reach the caller as exceptions.
    PdfError::EnableLogging(false);
    PdfError::EnableDebug(false);
    try {
        return Writer(doc, options).run();
    } catch (const PdfError& e) {
        throw Error(ErrorKind::write_failed, "", "", std::string("PDF writer: ") + error_text(e));
    }
}

}  // namespace allies::pdf
