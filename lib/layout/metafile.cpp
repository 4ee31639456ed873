// WMF ([MS-WMF]) and EMF ([MS-EMF]) records played into vector items. One
// device-context model serves both formats; each reader decodes its records
// into calls on it. See metafile.hpp for what is drawn and the bounds.
#include "layout/metafile.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <numbers>
#include <utility>
#include <variant>

#include "layout/raster_decoders.hpp"
#include "text/encode.hpp"

namespace allies::layout {
namespace {

// Hostile-input bounds: a logo has hundreds of records, a detailed map a few
// tens of thousands.
constexpr std::size_t kMaxRecords = 200'000;
constexpr std::size_t kMaxPoints = 2'000'000;          // over the whole file, after flattening
constexpr unsigned long long kMaxBitmapPixels = 40'000'000ull;  // decoded, over the whole file
constexpr std::size_t kMaxObjects = 65'536;            // object table slots
constexpr std::size_t kMaxSavedStates = 1'024;
constexpr std::size_t kMaxTextItems = 20'000;

using Point = std::pair<double, double>;

// Little-endian reads that give 0 outside the bytes (callers check sizes
// first; this is the second line of defence).
struct Bytes {
    std::string_view b;
    bool has(std::size_t at, std::size_t n) const { return at <= b.size() && n <= b.size() - at; }
    std::uint32_t u8(std::size_t at) const { return has(at, 1) ? static_cast<unsigned char>(b[at]) : 0u; }
    std::uint32_t u16(std::size_t at) const { return has(at, 2) ? u8(at) | u8(at + 1) << 8 : 0u; }
    std::int32_t i16(std::size_t at) const { return static_cast<std::int16_t>(u16(at)); }
    std::uint32_t u32(std::size_t at) const { return has(at, 4) ? u16(at) | u16(at + 2) << 16 : 0u; }
    std::int32_t i32(std::size_t at) const { return static_cast<std::int32_t>(u32(at)); }
    double f32(std::size_t at) const {
        std::uint32_t v = u32(at);
        float f = 0;
        std::memcpy(&f, &v, sizeof f);
        return std::isfinite(f) ? static_cast<double>(f) : 0.0;
    }
};

Color colorref(std::uint32_t c) {
    return {(c & 0xFF) / 255.0, ((c >> 8) & 0xFF) / 255.0, ((c >> 16) & 0xFF) / 255.0};
}

struct Pen {
    bool null = false;
    double width = 0;  // logical units; 0 = one device pixel
    Color color;
};
struct Brush {
    bool null = false;
    Color color{1, 1, 1};
};
struct FontSpec {
    double height = 0;  // logical units; < 0 character height, > 0 cell height
    int weight = 400;
    bool italic = false;
    std::string face = "Arial";
};
using Object = std::variant<std::monostate, Pen, Brush, FontSpec>;

// x' = m11 x + m21 y + dx, y' = m12 x + m22 y + dy (EMF's XFORM).
struct Xform {
    double m11 = 1, m12 = 0, m21 = 0, m22 = 1, dx = 0, dy = 0;
    Point apply(double x, double y) const { return {m11 * x + m21 * y + dx, m12 * x + m22 * y + dy}; }
    Xform then(const Xform& o) const {  // this, followed by o
        return {m11 * o.m11 + m12 * o.m21, m11 * o.m12 + m12 * o.m22, m21 * o.m11 + m22 * o.m21,
                m21 * o.m12 + m22 * o.m22, dx * o.m11 + dy * o.m21 + o.dx, dx * o.m12 + dy * o.m22 + o.dy};
    }
    bool finite() const {
        return std::isfinite(m11) && std::isfinite(m12) && std::isfinite(m21) && std::isfinite(m22) &&
               std::isfinite(dx) && std::isfinite(dy);
    }
};

struct DcState {
    Pen pen;
    Brush brush;
    FontSpec font;
    Color text_color;
    bool bk_opaque = true;  // GDI's default: text cells filled with the background colour
    Color bk_color{1, 1, 1};
    unsigned text_align = 0;
    bool even_odd = true;  // ALTERNATE is the default polygon fill mode
    int map_mode = 1;      // MM_TEXT
    double win_org_x = 0, win_org_y = 0, win_ext_x = 1, win_ext_y = 1;
    double vp_org_x = 0, vp_org_y = 0, vp_ext_x = 1, vp_ext_y = 1;
    Xform world;
    double cur_x = 0, cur_y = 0;
    // Clip path (SelectClipPath), box coordinates; empty = the box only.
    std::vector<Point> clip;
    std::vector<std::size_t> clip_starts;
};

// The device context and the items it paints.
class Player {
public:
    Player(double width, double height, FontLibrary* fonts, int tag) : w_(width), h_(height), fonts_(fonts), tag_(tag) {}

    DcState dc;
    bool wmf = false;
    // Device space (EMF) or the WMF's logical frame, mapped onto the box.
    double ref_x = 0, ref_y = 0, ref_w = 1, ref_h = 1;
    double dev_per_mm_x = 96 / 25.4, dev_per_mm_y = 96 / 25.4;  // EMF reference device
    std::string problem;
    bool painted = false;  // some record painted (for EMF+-only files)

    void not_understood(const std::string& what) {
        if (problem.empty()) problem = what;
    }
    bool exhausted() const { return points_ > kMaxPoints; }

    // --- coordinates --------------------------------------------------------

    Point map(double x, double y) const {
        Point d;
        if (wmf) {
            // A WMF's logical window is the picture: it fills the box.
            d = {(x - dc.win_org_x) / dc.win_ext_x * ref_w + ref_x, (y - dc.win_org_y) / dc.win_ext_y * ref_h + ref_y};
        } else {
            auto [px, py] = dc.world.apply(x, y);
            d = to_device(px, py);
        }
        return {(d.first - ref_x) / ref_w * w_, (d.second - ref_y) / ref_h * h_};
    }

    // Page space to device space by the mapping mode (EMF).
    Point to_device(double x, double y) const {
        double sx = 1, sy = 1;
        switch (dc.map_mode) {
            case 2: sx = 0.1 * dev_per_mm_x, sy = -0.1 * dev_per_mm_y; break;       // MM_LOMETRIC
            case 3: sx = 0.01 * dev_per_mm_x, sy = -0.01 * dev_per_mm_y; break;     // MM_HIMETRIC
            case 4: sx = 0.254 * dev_per_mm_x, sy = -0.254 * dev_per_mm_y; break;   // MM_LOENGLISH
            case 5: sx = 0.0254 * dev_per_mm_x, sy = -0.0254 * dev_per_mm_y; break; // MM_HIENGLISH
            case 6: sx = 25.4 / 1440 * dev_per_mm_x, sy = -25.4 / 1440 * dev_per_mm_y; break;  // MM_TWIPS
            case 7:
            case 8:
                sx = dc.vp_ext_x / dc.win_ext_x;
                sy = dc.vp_ext_y / dc.win_ext_y;
                if (dc.map_mode == 7) {  // MM_ISOTROPIC: the smaller scale both ways, signs kept
                    double s = std::min(std::abs(sx), std::abs(sy));
                    sx = std::copysign(s, sx);
                    sy = std::copysign(s, sy);
                }
                break;
            default: break;  // MM_TEXT: one unit is one pixel
        }
        return {(x - dc.win_org_x) * sx + dc.vp_org_x, (y - dc.win_org_y) * sy + dc.vp_org_y};
    }

    // Box points per logical unit, each way (for pen widths and font sizes).
    double scale_x() const {
        auto a = map(0, 0), b = map(1, 0);
        return std::hypot(b.first - a.first, b.second - a.second);
    }
    double scale_y() const {
        auto a = map(0, 0), c = map(0, 1);
        return std::hypot(c.first - a.first, c.second - a.second);
    }

    // --- paths ----------------------------------------------------------------

    bool in_path = false;
    std::vector<std::vector<Point>> path;  // logical points, while a path is being defined (EMF)
    bool path_closed_last = false;

    // Draws (or adds to the path being defined) the given subpaths, in
    // logical units.
    void shape(std::vector<std::vector<Point>> subpaths, bool closed) {
        if (in_path) {
            for (auto& s : subpaths) {
                points_ += s.size();
                if (!s.empty() && closed) s.push_back(s.front());
                if (path.size() < 100'000) path.push_back(std::move(s));
            }
            return;
        }
        paint(subpaths, closed, closed && !dc.brush.null, !dc.pen.null);
    }

    void paint(const std::vector<std::vector<Point>>& subpaths, bool closed, bool fill, bool stroke) {
        if (!fill && !stroke) return;
        PathItem p;
        p.tag = tag_;
        p.fill = fill;
        p.closed = closed;
        p.even_odd = dc.even_odd;
        p.color = dc.brush.color;
        if (stroke) {
            p.stroke = dc.pen.color;
            // Width 0 is a cosmetic pen: one device pixel, drawn as a hairline.
            p.stroke_width = std::max(0.25, dc.pen.width * (scale_x() + scale_y()) / 2);
        }
        for (const auto& s : subpaths) {
            if (s.size() < 2) continue;
            if (!p.points.empty()) p.starts.push_back(p.points.size());
            for (auto [x, y] : s) {
                auto q = map(x, y);
                if (!std::isfinite(q.first) || !std::isfinite(q.second)) return;
                p.points.push_back(q);
            }
        }
        points_ += p.points.size() + dc.clip.size();  // the clip is copied into each item: counted each time
        if (p.points.size() < 2 || exhausted()) return;
        p.clip_path = dc.clip;
        p.clip_starts = dc.clip_starts;
        p.clip_x = 0;
        p.clip_y = 0;
        p.clip_w = w_;
        p.clip_h = h_;
        painted = true;
        items.push_back(std::move(p));
    }

    void end_path_paint(bool fill, bool stroke) {
        if (in_path) return;  // FillPath inside a bracket is an error: ignore it
        paint(path, true, fill && !dc.brush.null, stroke && !dc.pen.null);
        // Open figures are stroked open: re-stroke them without the closing edge is
        // a refinement we skip; a closed path is what logos use.
        path.clear();
    }

    // --- primitives (logical units) -----------------------------------------

    void polyline(std::vector<Point> pts, bool closed) { shape({std::move(pts)}, closed); }

    void rectangle(double l, double t, double r, double b) {
        polyline({{l, t}, {r, t}, {r, b}, {l, b}}, true);
    }

    static std::vector<Point> ellipse_points(double l, double t, double r, double b) {
        double cx = (l + r) / 2, cy = (t + b) / 2, rx = std::abs(r - l) / 2, ry = std::abs(b - t) / 2;
        std::vector<Point> pts;
        for (int i = 0; i < 64; ++i) {
            double a = 2 * std::numbers::pi * i / 64;
            pts.emplace_back(cx + rx * std::cos(a), cy + ry * std::sin(a));
        }
        return pts;
    }

    void ellipse(double l, double t, double r, double b) { polyline(ellipse_points(l, t, r, b), true); }

    void round_rect(double l, double t, double r, double b, double cw, double ch) {
        if (l > r) std::swap(l, r);
        if (t > b) std::swap(t, b);
        double rx = std::min(std::abs(cw) / 2, (r - l) / 2), ry = std::min(std::abs(ch) / 2, (b - t) / 2);
        std::vector<Point> pts;
        auto corner = [&](double cx, double cy, double from) {
            for (int i = 0; i <= 8; ++i) {
                double a = from + std::numbers::pi / 2 * i / 8;
                pts.emplace_back(cx + rx * std::cos(a), cy + ry * std::sin(a));
            }
        };
        corner(r - rx, b - ry, 0);
        corner(l + rx, b - ry, std::numbers::pi / 2);
        corner(l + rx, t + ry, std::numbers::pi);
        corner(r - rx, t + ry, 3 * std::numbers::pi / 2);
        polyline(std::move(pts), true);
    }

    // Arc, chord (closed by its chord) and pie (closed through the centre),
    // counterclockwise as drawn from the start radial to the end radial.
    void arc(double l, double t, double r, double b, double xs, double ys, double xe, double ye, int kind) {
        double cx = (l + r) / 2, cy = (t + b) / 2, rx = std::abs(r - l) / 2, ry = std::abs(b - t) / 2;
        if (rx <= 0 || ry <= 0) return;
        double a0 = std::atan2(-(ys - cy) / ry, (xs - cx) / rx), a1 = std::atan2(-(ye - cy) / ry, (xe - cx) / rx);
        double sweep = a1 - a0;
        while (sweep <= 0) sweep += 2 * std::numbers::pi;
        std::vector<Point> pts;
        int n = std::max(4, static_cast<int>(sweep / (2 * std::numbers::pi) * 64));
        for (int i = 0; i <= n; ++i) {
            double a = a0 + sweep * i / n;
            pts.emplace_back(cx + rx * std::cos(a), cy - ry * std::sin(a));
        }
        if (kind == 2) pts.emplace_back(cx, cy);
        polyline(std::move(pts), kind != 0);
    }

    // Cubic Béziers from the current point (start given), flattened.
    static void flatten_beziers(const std::vector<Point>& ctrl, std::vector<Point>& out) {
        // ctrl: start, then triples (c1, c2, end)
        if (ctrl.empty()) return;
        out.push_back(ctrl[0]);
        for (std::size_t i = 1; i + 2 < ctrl.size(); i += 3) {
            auto [x0, y0] = ctrl[i - 1];
            auto [x1, y1] = ctrl[i];
            auto [x2, y2] = ctrl[i + 1];
            auto [x3, y3] = ctrl[i + 2];
            for (int k = 1; k <= 16; ++k) {
                double s = k / 16.0, u = 1 - s;
                out.emplace_back(u * u * u * x0 + 3 * u * u * s * x1 + 3 * u * s * s * x2 + s * s * s * x3,
                                 u * u * u * y0 + 3 * u * u * s * y1 + 3 * u * s * s * y2 + s * s * s * y3);
            }
        }
    }

    void move_to(double x, double y) {
        dc.cur_x = x;
        dc.cur_y = y;
        if (in_path) path.push_back({{x, y}});
    }
    void line_to(double x, double y) {
        if (in_path) {
            if (path.empty()) path.push_back({{dc.cur_x, dc.cur_y}});
            path.back().emplace_back(x, y);
            ++points_;
        } else {
            paint({{{dc.cur_x, dc.cur_y}, {x, y}}}, false, false, !dc.pen.null);
        }
        dc.cur_x = x;
        dc.cur_y = y;
    }
    // PolylineTo / PolyBezierTo: from the current point, which moves to the end.
    void poly_to(const std::vector<Point>& pts, bool bezier) {
        if (pts.empty()) return;
        std::vector<Point> ctrl{{dc.cur_x, dc.cur_y}};
        ctrl.insert(ctrl.end(), pts.begin(), pts.end());
        std::vector<Point> flat;
        if (bezier) flatten_beziers(ctrl, flat);
        else flat = ctrl;
        if (in_path) {
            if (path.empty()) path.push_back({flat.front()});
            path.back().insert(path.back().end(), flat.begin() + 1, flat.end());
            points_ += flat.size();
        } else {
            paint({flat}, false, false, !dc.pen.null);
        }
        dc.cur_x = pts.back().first;
        dc.cur_y = pts.back().second;
    }
    // SelectClipPath: the path just defined becomes the clip (RGN_COPY, or
    // RGN_AND over no clip; other combinations keep the clip as it was).
    void select_clip_path(std::uint32_t mode) {
        if (mode == 5 || (mode == 1 && dc.clip.empty())) {
            dc.clip.clear();
            dc.clip_starts.clear();
            for (const auto& sub : path) {
                if (sub.size() < 3) continue;
                if (!dc.clip.empty()) dc.clip_starts.push_back(dc.clip.size());
                for (auto [x, y] : sub) {
                    auto q = map(x, y);
                    if (!std::isfinite(q.first) || !std::isfinite(q.second)) {
                        dc.clip.clear();
                        dc.clip_starts.clear();
                        path.clear();
                        return;
                    }
                    dc.clip.push_back(q);
                }
            }
            points_ += dc.clip.size();
        }
        path.clear();
    }
    void reset_clip() {
        dc.clip.clear();
        dc.clip_starts.clear();
    }

    void close_figure() {
        if (in_path && !path.empty() && !path.back().empty()) {
            path.back().push_back(path.back().front());
            path.push_back({path.back().front()});
        }
    }

    // --- text -------------------------------------------------------------------

    void text(double x, double y, std::u32string s, bool has_width, double logical_width) {
        while (!s.empty() && (s.back() == 0 || s.back() == U' ')) s.pop_back();
        if (s.empty() || text_items_ >= kMaxTextItems) return;
        if (dc.text_align & 1) {  // TA_UPDATECP: drawn at, and advancing, the current position
            x = dc.cur_x;
            y = dc.cur_y;
        }
        double size = std::abs(dc.font.height) * scale_y();
        if (dc.font.height > 0) size *= 0.87;  // cell height: less the internal leading of a typical face
        if (dc.font.height == 0) size = 10;
        if (!(size > 0.5) || size > 2000) return;
        auto [bx, by] = map(x, y);
        FontKey key{dc.font.face, dc.font.weight >= 600, dc.font.italic};
        std::shared_ptr<const Font> font = fonts_ ? fonts_->resolve(key) : nullptr;
        double width = has_width ? std::abs(logical_width) * scale_x()
                                 : font ? font->width(s, size) : 0.55 * size * static_cast<double>(s.size());
        if (dc.text_align & 1) dc.cur_x += has_width ? logical_width : width / std::max(1e-9, scale_x());
        unsigned h = dc.text_align & 6, v = dc.text_align & 24;
        if (h == 6) bx -= width / 2;      // TA_CENTER
        else if (h == 2) bx -= width;     // TA_RIGHT
        double ascent = 0.905, descent = 0.212;
        if (font) {
            const FontMetrics& m = font->metrics();
            if (m.units_per_em > 0) {
                ascent = static_cast<double>(m.win_ascent) / m.units_per_em;
                descent = -static_cast<double>(m.win_descent) / m.units_per_em;
            }
        }
        if (v == 24) {                    // TA_BASELINE
        } else if (v == 8) {
            by -= descent * size;         // TA_BOTTOM
        } else {
            by += ascent * size;          // TA_TOP
        }
        if (by < -size || by > h_ + size || bx > w_ || bx + width < 0) return;  // outside the picture
        if (dc.bk_opaque && width > 0) {
            PathItem cell;
            double top = by - ascent * size, bottom = by + descent * size;
            cell.points = {{bx, top}, {bx + width, top}, {bx + width, bottom}, {bx, bottom}};
            cell.color = dc.bk_color;
            cell.tag = tag_;
            cell.even_odd = false;
            cell.clip_w = w_;
            cell.clip_h = h_;
            items.push_back(std::move(cell));
        }
        // Characters the face lacks go to a face that has them, run by run.
        std::size_t i = 0;
        double pen = bx;
        while (i < s.size()) {
            std::shared_ptr<const Font> f = font;
            if (font && !font->glyph(s[i]) && fonts_) f = fonts_->fallback(s[i], key);
            std::size_t j = i + 1;
            while (j < s.size() && ((font && fonts_ ? (font->glyph(s[j]) ? font : fonts_->fallback(s[j], key)) : font) == f))
                ++j;
            TextItem t;
            t.x = pen;
            t.y = by;
            t.size = size;
            t.color = dc.text_color;
            t.text = s.substr(i, j - i);
            t.tag = tag_;
            if (f) {
                t.font_path = f->face().path;
                t.font_index = f->face().index;
                t.synthetic_bold = f->face().synthetic_bold;
                t.synthetic_italic = f->face().synthetic_italic;
                pen += f->width(t.text, size);
            } else {
                t.font_path = dc.font.face;  // no library: the face name, for SVG
                pen += 0.55 * size * static_cast<double>(t.text.size());
            }
            if (fonts_ && !f) {  // no installed face has these characters: leave them out
                i = j;
                continue;
            }
            items.push_back(std::move(t));
            ++text_items_;
            painted = true;
            i = j;
        }
    }

    // --- bitmaps ------------------------------------------------------------

    // A DIB (BITMAPINFO, then the bits) drawn into the logical rectangle;
    // the source rectangle picks a part of it.
    // kind (source_rop): 0 copied; 1 ANDed (SRCAND: its white pixels leave
    // the destination as it is, drawn transparent); 2 ORed (SRCPAINT: its
    // black pixels leave it as it is). Together they are the mask-and-sprite
    // pair old metafiles use for transparent pictures; drawn this way the
    // pair gives the sprite over what lies beneath.
    void bitmap(std::string_view bmi, std::string_view bits, double x, double y, double cx, double cy, double sx,
                double sy, double scx, double scy, int kind) {
        Bytes h{bmi};
        std::uint32_t header = h.u32(0);
        if (header < 12 || !h.has(0, header)) return not_understood("a bitmap header cannot be read");
        // A BMP file around the DIB, so the BMP decoder reads it.
        std::string file = "BM";
        auto put32 = [&](std::uint32_t v) {
            for (int k = 0; k < 4; ++k) file.push_back(static_cast<char>((v >> (8 * k)) & 0xFF));
        };
        std::size_t total = 14 + bmi.size() + bits.size();
        if (total > 0xFFFFFFFFu) return not_understood("a bitmap is too large");
        put32(static_cast<std::uint32_t>(total));
        put32(0);
        put32(static_cast<std::uint32_t>(14 + bmi.size()));
        file.append(bmi);
        file.append(bits);
        long long bw = header == 12 ? h.u16(4) : std::abs(static_cast<long long>(h.i32(4)));
        long long bh = header == 12 ? h.u16(6) : std::abs(static_cast<long long>(h.i32(8)));
        if (bw <= 0 || bh <= 0) return;
        pixels_ += static_cast<unsigned long long>(bw) * static_cast<unsigned long long>(bh);
        if (pixels_ > kMaxBitmapPixels) return not_understood("the bitmaps are too large");
        auto raster = decode_raster(file);
        if (!raster) return not_understood("a bitmap cannot be read");
        if (kind == 1 || kind == 2) {
            const std::size_t n = static_cast<std::size_t>(raster->width) * raster->height;
            const std::size_t ch = static_cast<std::size_t>(raster->channels);
            if (raster->alpha.size() != n) raster->alpha.assign(n, '\xFF');
            const unsigned char key = kind == 1 ? 0xFF : 0x00;
            for (std::size_t i = 0; i < n && (i + 1) * ch <= raster->pixels.size(); ++i) {
                bool match = true;
                for (std::size_t c = 0; c < ch; ++c) match = match && static_cast<unsigned char>(raster->pixels[i * ch + c]) == key;
                if (match) raster->alpha[i] = '\0';
            }
        }
        auto a = map(x, y), b = map(x + cx, y + cy);
        double left = std::min(a.first, b.first), right = std::max(a.first, b.first);
        double top = std::min(a.second, b.second), bottom = std::max(a.second, b.second);
        if (!(right - left > 0.01) || !(bottom - top > 0.01) || !std::isfinite(left + right + top + bottom)) return;
        ImageItem img;
        img.raster = std::make_shared<const Raster>(std::move(*raster));
        // The source rectangle, as crop fractions of the bitmap.
        double crop_l = 0, crop_t = 0, crop_r = 0, crop_b = 0;
        if (scx > 0 && scy > 0) {
            crop_l = std::clamp(sx / bw, 0.0, 0.99);
            crop_t = std::clamp(sy / bh, 0.0, 0.99);
            crop_r = std::clamp(1 - (sx + scx) / bw, 0.0, 0.99);
            crop_b = std::clamp(1 - (sy + scy) / bh, 0.0, 0.99);
            if (crop_l + crop_r > 0.99 || crop_t + crop_b > 0.99) crop_l = crop_t = crop_r = crop_b = 0;
        }
        // Clipped to the box: what lies outside becomes more crop.
        double fw = (right - left) / std::max(0.01, 1 - crop_l - crop_r);
        double fh = (bottom - top) / std::max(0.01, 1 - crop_t - crop_b);
        if (left < 0) crop_l += -left / fw, left = 0;
        if (top < 0) crop_t += -top / fh, top = 0;
        if (right > w_) crop_r += (right - w_) / fw, right = w_;
        if (bottom > h_) crop_b += (bottom - h_) / fh, bottom = h_;
        if (right - left < 0.01 || bottom - top < 0.01 || crop_l + crop_r > 0.99 || crop_t + crop_b > 0.99) return;
        img.x = left;
        img.y = top;
        img.width = right - left;
        img.height = bottom - top;
        img.crop_left = crop_l;
        img.crop_top = crop_t;
        img.crop_right = crop_r;
        img.crop_bottom = crop_b;
        img.tag = tag_;
        points_ += dc.clip.size();
        if (exhausted()) return;
        img.clip_path = dc.clip;
        img.clip_starts = dc.clip_starts;
        painted = true;
        items.push_back(std::move(img));
    }

    // A raster operation that paints the brush (or white/black) into a rectangle.
    void pattern_fill(std::uint32_t rop, double x, double y, double cx, double cy) {
        Brush keep = dc.brush;
        Pen keep_pen = dc.pen;
        if (rop == 0x00AA0029) return;                              // D: nothing changes
        if (rop == 0x00FF0062) dc.brush = {false, {1, 1, 1}};       // WHITENESS
        else if (rop == 0x00000042) dc.brush = {false, {0, 0, 0}};  // BLACKNESS
        else if (rop != 0x00F00021) {                               // PATCOPY
            not_understood("a raster operation");
            return;
        }
        dc.pen.null = true;
        rectangle(x, y, x + cx, y + cy);
        dc.brush = keep;
        dc.pen = keep_pen;
    }

    // --- objects and state ----------------------------------------------------

    std::vector<Object> objects;
    std::vector<DcState> saved;

    void select(std::size_t index) {
        if (index >= objects.size()) return;
        const Object& o = objects[index];
        if (auto* p = std::get_if<Pen>(&o)) dc.pen = *p;
        else if (auto* b = std::get_if<Brush>(&o)) dc.brush = *b;
        else if (auto* f = std::get_if<FontSpec>(&o)) dc.font = *f;
    }
    void save() {
        // Each saved state copies the clip path: counted against the point budget.
        points_ += dc.clip.size();
        if (saved.size() < kMaxSavedStates && !exhausted()) saved.push_back(dc);
    }
    void restore(long long n) {
        // n < 0: that many states back; n > 0: the n-th saved state.
        if (saved.empty()) return;
        std::size_t keep = 0;
        if (n < 0) {
            unsigned long long back = static_cast<unsigned long long>(-n);
            if (back > saved.size()) return;
            keep = saved.size() - back;
        } else {
            if (n == 0 || static_cast<unsigned long long>(n) > saved.size()) return;
            keep = static_cast<std::size_t>(n - 1);
        }
        dc = saved[keep];
        saved.resize(keep);
    }

    static Pen pen_of(std::uint32_t style, double width, std::uint32_t color) {
        Pen p;
        p.null = (style & 0x0F) == 5;  // PS_NULL
        p.width = std::abs(width);
        p.color = colorref(color);
        return p;
    }
    static Brush brush_of(std::uint32_t style, std::uint32_t color) {
        Brush b;
        b.null = style == 1;  // BS_NULL
        b.color = colorref(color);
        // Hatched brushes are drawn solid in their colour (close enough for a logo).
        return b;
    }

    std::vector<Item> items;

private:
    double w_, h_;
    FontLibrary* fonts_;
    int tag_;
    std::size_t points_ = 0, text_items_ = 0;
    unsigned long long pixels_ = 0;
};

// How a raster operation with a source bitmap is drawn (Player::bitmap):
// 0 copied, 1 ANDed, 2 ORed, 3 nothing to draw; -1 not understood.
int source_rop(std::uint32_t rop) {
    switch (rop) {
        case 0x00CC0020: return 0;  // SRCCOPY
        case 0x00C000CA: return 0;  // MERGECOPY (with a solid white brush, a copy)
        case 0x008800C6: return 1;  // SRCAND
        case 0x00EE0086: return 2;  // SRCPAINT
        case 0x00AA0029: return 3;  // D: the destination unchanged
        default: return -1;
    }
}

// A bitmap record's picture: its DIB, raster operation and rectangles.
struct DibBlit {
    bool read = false;               // the record's DIB could be read
    std::string_view bmi, bits;      // BITMAPINFO (header, masks, palette) and the pixels
    std::uint32_t rop = 0x00CC0020;  // SRCCOPY
    bool palette_indices = false;    // DIB_PAL_COLORS: colours are indices into a palette we do not keep
    double x = 0, y = 0, cx = 0, cy = 0;      // destination, logical units
    double sx = 0, sy = 0, scx = 0, scy = 0;  // source rectangle, pixels
};

// Draws a bitmap record (WMF STRETCHDIB, DIBSTRETCHBLT, DIBBITBLT; EMF
// STRETCHDIBITS, BITBLT, STRETCHBLT, ALPHABLEND, TRANSPARENTBLT), checking
// in this order: the DIB was read, the raster operation is one we draw
// (one that leaves the destination as it is draws nothing), the colours
// are not palette indices.
void draw_dib(Player& p, const DibBlit& d) {
    if (!d.read) return p.not_understood("a bitmap record cannot be read");
    int kind = source_rop(d.rop);
    if (kind < 0) return p.not_understood("a raster operation");
    if (kind == 3) return;  // the destination left as it is
    if (d.palette_indices) return p.not_understood("a palette-indexed bitmap");
    p.bitmap(d.bmi, d.bits, d.x, d.y, d.cx, d.cy, d.sx, d.sy, d.scx, d.scy, kind);
}

// Stock objects (EMF SelectObject with the high bit set).
void select_stock(Player& p, std::uint32_t index) {
    switch (index & 0x7FFFFFFF) {
        case 0: p.dc.brush = {false, {1, 1, 1}}; break;
        case 1: p.dc.brush = {false, {0.75, 0.75, 0.75}}; break;
        case 2: p.dc.brush = {false, {0.5, 0.5, 0.5}}; break;
        case 3: p.dc.brush = {false, {0.25, 0.25, 0.25}}; break;
        case 4: p.dc.brush = {false, {0, 0, 0}}; break;
        case 5: p.dc.brush.null = true; break;
        case 6: p.dc.pen = {false, 0, {1, 1, 1}}; break;
        case 7: p.dc.pen = {false, 0, {0, 0, 0}}; break;
        case 8: p.dc.pen.null = true; break;
        default: p.dc.font = FontSpec{}; break;  // the stock fonts
    }
}

std::string face_name(std::string_view raw, bool wide) {
    std::u32string s;
    Bytes b{raw};
    if (wide) {
        for (std::size_t i = 0; i + 1 < raw.size(); i += 2) {
            char32_t c = b.u16(i);
            if (!c) break;
            s.push_back(c >= 0xD800 && c < 0xE000 ? U'?' : c);
        }
    } else {
        for (char c : raw) {
            if (!c) break;
            s.push_back(static_cast<unsigned char>(c));
        }
    }
    std::string out;
    for (char32_t c : s) text::append_utf8(out, c);
    return out.empty() ? std::string("Arial") : out;
}

// Single-byte text as Windows-1252 (the metafiles in documents are Western;
// other code pages keep their ASCII).
std::u32string ansi_text(std::string_view raw) {
    static constexpr char16_t k80[32] = {0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                         0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,   0x017D, 0x8F,
                                         0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                         0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};
    std::u32string s;
    for (char c : raw) {
        unsigned char u = static_cast<unsigned char>(c);
        if (u >= 0x80 && u < 0xA0) s.push_back(k80[u - 0x80]);
        else if (u >= 0x20 || u == 0) s.push_back(u);
        else s.push_back(U' ');
    }
    return s;
}

// --- WMF ---------------------------------------------------------------------

bool play_wmf(std::string_view bytes, Player& p) {
    Bytes b{bytes};
    std::size_t at = 0;
    bool placeable = b.u32(0) == 0x9AC6CDD7u;
    if (placeable) {
        if (!b.has(0, 22)) return false;
        double l = b.i16(6), t = b.i16(8), r = b.i16(10), bt = b.i16(12);
        if (r != l && bt != t) {
            p.dc.win_org_x = l;
            p.dc.win_org_y = t;
            p.dc.win_ext_x = r - l;
            p.dc.win_ext_y = bt - t;
        }
        at = 22;
    }
    // META_HEADER: type 1 or 2, header size 9 words.
    if (!b.has(at, 18) || (b.u16(at) != 1 && b.u16(at) != 2) || b.u16(at + 2) != 9) return false;
    std::size_t objects = b.u16(at + 10);
    at += 18;
    p.wmf = true;
    p.objects.assign(std::min(objects, kMaxObjects), Object{});
    auto new_object = [&](Object o) {
        for (auto& slot : p.objects)
            if (std::holds_alternative<std::monostate>(slot)) {
                slot = std::move(o);
                return;
            }
        if (p.objects.size() < kMaxObjects) p.objects.push_back(std::move(o));
    };
    for (std::size_t n = 0; n < kMaxRecords && !p.exhausted(); ++n) {
        if (!b.has(at, 6)) break;
        std::uint64_t size = static_cast<std::uint64_t>(b.u32(at)) * 2;
        std::uint32_t fn = b.u16(at + 4);
        if (size < 6 || !b.has(at, size)) break;  // truncated: stop with what was drawn
        if (fn == 0) break;                        // META_EOF
        Bytes r{bytes.substr(at + 6, size - 6)};
        std::size_t len = size - 6;
        auto pt_count = [&](std::size_t count_at, std::size_t data_at, std::vector<Point>& out) {
            std::size_t count = r.u16(count_at);
            if (data_at + count * 4 > len) return false;
            out.reserve(count);
            for (std::size_t i = 0; i < count; ++i) out.emplace_back(r.i16(data_at + 4 * i), r.i16(data_at + 4 * i + 2));
            return true;
        };
        // The DIB in a bitmap record: the BITMAPINFO's size from its header and palette.
        auto dib = [&](std::size_t from, std::string_view& bmi, std::string_view& bits) {
            if (from + 40 > len && from + 12 > len) return false;
            std::uint32_t hs = r.u32(from);
            if (hs < 12 || from + hs > len) return false;
            std::uint64_t colours = 0, entry = 4, masks = 0;
            if (hs == 12) {
                unsigned bpp = r.u16(from + 10);
                colours = bpp <= 8 ? 1u << bpp : 0;
                entry = 3;
            } else {
                unsigned bpp = r.u16(from + 14);
                std::uint32_t comp = r.u32(from + 16), used = r.u32(from + 32);
                colours = used ? used : (bpp <= 8 ? 1u << bpp : 0);
                if (comp == 3 && hs == 40) masks = 12;
            }
            std::uint64_t info = hs + masks + colours * entry;
            if (info > len - from) return false;
            bmi = bytes.substr(at + 6 + from, info);
            bits = bytes.substr(at + 6 + from + info, len - from - info);
            return true;
        };
        switch (fn) {
            case 0x020B:  // SETWINDOWORG (the window is the picture; it overrides the placeable header's box)
                p.dc.win_org_y = r.i16(0);
                p.dc.win_org_x = r.i16(2);
                break;
            case 0x020C:  // SETWINDOWEXT
                if (r.i16(0) != 0 && r.i16(2) != 0) {
                    p.dc.win_ext_y = r.i16(0);
                    p.dc.win_ext_x = r.i16(2);
                }
                break;
            case 0x0209: p.dc.text_color = colorref(r.u32(0)); break;   // SETTEXTCOLOR
            case 0x0201: p.dc.bk_color = colorref(r.u32(0)); break;     // SETBKCOLOR
            case 0x0102: p.dc.bk_opaque = r.u16(0) == 2; break;         // SETBKMODE
            case 0x012E: p.dc.text_align = r.u16(0); break;             // SETTEXTALIGN
            case 0x0106: p.dc.even_odd = r.u16(0) == 1; break;          // SETPOLYFILLMODE
            case 0x001E: p.save(); break;                               // SAVEDC
            case 0x0127: p.restore(r.i16(0)); break;                    // RESTOREDC
            case 0x02FA:                                                // CREATEPENINDIRECT
                new_object(Player::pen_of(r.u16(0), r.i16(2), r.u32(6)));
                break;
            case 0x02FC: new_object(Player::brush_of(r.u16(0), r.u32(2))); break;  // CREATEBRUSHINDIRECT
            case 0x02FB: {                                              // CREATEFONTINDIRECT
                FontSpec f;
                f.height = r.i16(0);
                f.weight = r.i16(8);
                f.italic = r.u8(10) != 0;
                if (len > 18) f.face = face_name(bytes.substr(at + 6 + 18, std::min<std::size_t>(32, len - 18)), false);
                new_object(f);
                break;
            }
            case 0x0142:  // DIBCREATEPATTERNBRUSH: drawn as a mid grey
            case 0x01F9:  // CREATEPATTERNBRUSH
                new_object(Brush{false, {0.5, 0.5, 0.5}});
                break;
            case 0x00F7:  // CREATEPALETTE
            case 0x06FF:  // CREATEREGION
                new_object(Pen{true, 0, {}});  // occupies a slot; selecting it changes nothing that draws
                break;
            case 0x012D: p.select(r.u16(0)); break;                     // SELECTOBJECT
            case 0x01F0:                                                // DELETEOBJECT
                if (r.u16(0) < p.objects.size()) p.objects[r.u16(0)] = std::monostate{};
                break;
            case 0x0214: p.move_to(r.i16(2), r.i16(0)); break;          // MOVETO
            case 0x0213: p.line_to(r.i16(2), r.i16(0)); break;          // LINETO
            case 0x041B: p.rectangle(r.i16(6), r.i16(4), r.i16(2), r.i16(0)); break;  // RECTANGLE
            case 0x0418: p.ellipse(r.i16(6), r.i16(4), r.i16(2), r.i16(0)); break;    // ELLIPSE
            case 0x061C:                                                // ROUNDRECT
                p.round_rect(r.i16(10), r.i16(8), r.i16(6), r.i16(4), r.i16(2), r.i16(0));
                break;
            case 0x0817:  // ARC
            case 0x0830:  // CHORD
            case 0x081A:  // PIE
                p.arc(r.i16(14), r.i16(12), r.i16(10), r.i16(8), r.i16(6), r.i16(4), r.i16(2), r.i16(0),
                      fn == 0x0817 ? 0 : fn == 0x0830 ? 1 : 2);
                break;
            case 0x0324:    // POLYGON
            case 0x0325: {  // POLYLINE
                std::vector<Point> pts;
                if (pt_count(0, 2, pts)) p.polyline(std::move(pts), fn == 0x0324);
                break;
            }
            case 0x0538: {  // POLYPOLYGON
                std::size_t polys = r.u16(0);
                if (2 + polys * 2 > len) break;
                std::vector<std::vector<Point>> subs;
                std::size_t data = 2 + polys * 2;
                bool ok = true;
                for (std::size_t i = 0; i < polys && ok; ++i) {
                    std::size_t count = r.u16(2 + 2 * i);
                    if (data + count * 4 > len) ok = false;
                    else {
                        std::vector<Point> s;
                        for (std::size_t k = 0; k < count; ++k) s.emplace_back(r.i16(data + 4 * k), r.i16(data + 4 * k + 2));
                        data += count * 4;
                        subs.push_back(std::move(s));
                    }
                }
                if (ok) p.shape(std::move(subs), true);
                break;
            }
            case 0x0521: {  // TEXTOUT: count, string (padded to words), y, x
                std::size_t count = r.u16(0);
                std::size_t padded = (count + 1) & ~std::size_t{1};
                if (2 + padded + 4 > len) break;
                p.text(r.i16(2 + padded + 2), r.i16(2 + padded), ansi_text(bytes.substr(at + 8, count)), false, 0);
                break;
            }
            case 0x0A32: {  // EXTTEXTOUT: y, x, count, options, [rect], string, [dx]
                double y = r.i16(0), x = r.i16(2);
                std::size_t count = r.u16(4);
                unsigned options = r.u16(6);
                std::size_t str = 8;
                if (options & 0x0006) str += 8;  // ETO_OPAQUE / ETO_CLIPPED: a rectangle
                if (str + count > len) break;
                std::size_t dx_at = str + ((count + 1) & ~std::size_t{1});
                bool has_dx = dx_at + count * 2 <= len && count > 0;
                double width = 0;
                if (has_dx)
                    for (std::size_t i = 0; i < count; ++i) width += r.i16(dx_at + 2 * i);
                p.text(x, y, ansi_text(bytes.substr(at + 6 + str, count)), has_dx, width);
                break;
            }
            case 0x0F43: {  // STRETCHDIB: rop, usage, srcH, srcW, ySrc, xSrc, destH, destW, yDst, xDst, DIB
                DibBlit d;
                d.read = dib(22, d.bmi, d.bits);
                d.rop = r.u32(0);
                d.x = r.i16(20), d.y = r.i16(18), d.cx = r.i16(16), d.cy = r.i16(14);
                d.sx = r.i16(12), d.sy = r.i16(10), d.scx = r.i16(8), d.scy = r.i16(6);
                draw_dib(p, d);
                break;
            }
            case 0x0B41:    // DIBSTRETCHBLT: rop, srcH, srcW, ySrc, xSrc, destH, destW, yDest, xDest, [DIB]
            case 0x0940: {  // DIBBITBLT: rop, ySrc, xSrc, height, width, yDest, xDest, [DIB]
                DibBlit d;
                d.rop = r.u32(0);
                bool stretch = fn == 0x0B41;
                std::size_t dib_at = stretch ? 20 : 16;
                bool with_bitmap = len >= dib_at + 12;  // else a reserved word and no DIB
                std::size_t o = with_bitmap ? 4 : 6;  // without a bitmap there is a reserved word
                if (stretch) {
                    d.scy = r.i16(o), d.scx = r.i16(o + 2), d.sy = r.i16(o + 4), d.sx = r.i16(o + 6);
                    d.cy = r.i16(o + 8), d.cx = r.i16(o + 10), d.y = r.i16(o + 12), d.x = r.i16(o + 14);
                } else {
                    d.sy = r.i16(o), d.sx = r.i16(o + 2), d.cy = r.i16(o + 4), d.cx = r.i16(o + 6);
                    d.y = r.i16(o + 8), d.x = r.i16(o + 10);
                    d.scx = d.cx, d.scy = d.cy;
                }
                if (!with_bitmap) {
                    p.pattern_fill(d.rop, d.x, d.y, d.cx, d.cy);
                    break;
                }
                d.read = dib(dib_at, d.bmi, d.bits);
                draw_dib(p, d);
                break;
            }
            case 0x061D: {  // PATBLT: rop, height, width, y, x
                p.pattern_fill(r.u32(0), r.i16(10), r.i16(8), r.i16(6), r.i16(4));
                break;
            }
            // Records that paint and are not drawn here.
            case 0x041F: case 0x0419: case 0x0548: case 0x0228: case 0x0429: case 0x012A: case 0x012B:
            case 0x0922: case 0x0B23: case 0x0D33: case 0x062F:
                p.not_understood("a drawing record (WMF function " + std::to_string(fn) + ")");
                break;
            default: break;  // state the picture does not depend on (clipping, palettes, escapes, ...)
        }
        at += size;
    }
    return true;
}

// --- EMF ---------------------------------------------------------------------

bool play_emf(std::string_view bytes, Player& p) {
    Bytes b{bytes};
    if (!b.has(0, 88) || b.u32(0) != 1 || b.u32(40) != 0x464D4520u) return false;
    std::uint32_t header_size = b.u32(4);
    if (header_size < 88 || !b.has(0, header_size)) return false;
    // bounds (device units) 8..24, frame (0.01 mm) 24..40, device size in
    // pixels at 72, in millimetres at 80.
    double dev_px_x = b.i32(72), dev_px_y = b.i32(76), dev_mm_x = b.i32(80), dev_mm_y = b.i32(84);
    if (dev_px_x > 0 && dev_px_y > 0 && dev_mm_x > 0 && dev_mm_y > 0) {
        p.dev_per_mm_x = dev_px_x / dev_mm_x;
        p.dev_per_mm_y = dev_px_y / dev_mm_y;
    }
    double fl = b.i32(24), ft = b.i32(28), fr = b.i32(32), fb = b.i32(36);
    if (fr > fl && fb > ft) {  // the frame, inclusive, in device pixels
        p.ref_x = fl / 100 * p.dev_per_mm_x;
        p.ref_y = ft / 100 * p.dev_per_mm_y;
        p.ref_w = (fr - fl) / 100 * p.dev_per_mm_x;
        p.ref_h = (fb - ft) / 100 * p.dev_per_mm_y;
    } else {
        double bl = b.i32(8), bt = b.i32(12), br = b.i32(16), bb = b.i32(20);
        if (br < bl || bb < bt) return false;
        p.ref_x = bl;
        p.ref_y = bt;
        p.ref_w = br - bl + 1;
        p.ref_h = bb - bt + 1;
    }
    if (!(p.ref_w > 0) || !(p.ref_h > 0)) return false;
    std::size_t handles = b.u16(56);  // nHandles, after signature, version, bytes, records
    p.objects.assign(std::min<std::size_t>(std::max<std::size_t>(handles, 1), kMaxObjects), Object{});
    bool emf_plus = false;
    std::size_t at = header_size;
    for (std::size_t n = 0; n < kMaxRecords && !p.exhausted(); ++n) {
        if (!b.has(at, 8)) break;
        std::uint32_t type = b.u32(at);
        std::uint64_t size = b.u32(at + 4);
        if (size < 8 || size % 4 || !b.has(at, size)) break;
        if (type == 14) break;  // EOF
        std::size_t len = size - 8;
        Bytes r{bytes.substr(at + 8, len)};
        std::string_view rec = bytes.substr(at, size);
        auto put_object = [&](std::uint32_t index, Object o) {
            if (index < p.objects.size()) p.objects[index] = std::move(o);
            else if (index < kMaxObjects) {
                p.objects.resize(index + 1);
                p.objects[index] = std::move(o);
            }
        };
        // POINTL (32-bit) or POINTS (16-bit) arrays after a bounds rectangle.
        auto points = [&](std::size_t count_at, std::size_t data_at, bool small, std::vector<Point>& out) {
            std::size_t count = r.u32(count_at), each = small ? 4 : 8;
            if (data_at > len || count > (len - data_at) / each) return false;
            out.reserve(count);
            for (std::size_t i = 0; i < count; ++i) {
                if (small) out.emplace_back(r.i16(data_at + 4 * i), r.i16(data_at + 4 * i + 2));
                else out.emplace_back(r.i32(data_at + 8 * i), r.i32(data_at + 8 * i + 4));
            }
            return true;
        };
        auto poly_poly = [&](bool small, bool closed) {
            std::size_t polys = r.u32(16), total = r.u32(20), each = small ? 4 : 8;
            if (polys > len / 4 || 24 + polys * 4 > len) return;
            std::size_t data = 24 + polys * 4;
            if (total > (len - data) / each) return;
            std::vector<std::vector<Point>> subs;
            std::size_t used = 0;
            for (std::size_t i = 0; i < polys; ++i) {
                std::size_t count = r.u32(24 + 4 * i);
                if (count > total - used) return;
                std::vector<Point> s;
                for (std::size_t k = 0; k < count; ++k) {
                    std::size_t o = data + (used + k) * each;
                    if (small) s.emplace_back(r.i16(o), r.i16(o + 2));
                    else s.emplace_back(r.i32(o), r.i32(o + 4));
                }
                used += count;
                subs.push_back(std::move(s));
            }
            p.shape(std::move(subs), closed);
        };
        // A bitmap given by offsets from the record's start.
        auto dib = [&](std::size_t off_bmi, std::size_t cb_bmi, std::size_t off_bits, std::size_t cb_bits,
                       std::string_view& bmi, std::string_view& bits) {
            if (cb_bmi == 0 || off_bmi > size || cb_bmi > size - off_bmi || off_bits > size || cb_bits > size - off_bits)
                return false;
            bmi = rec.substr(off_bmi, cb_bmi);
            bits = rec.substr(off_bits, cb_bits);
            return true;
        };
        switch (type) {
            case 9: if (r.i32(0) && r.i32(4)) p.dc.win_ext_x = r.i32(0), p.dc.win_ext_y = r.i32(4); break;
            case 10: p.dc.win_org_x = r.i32(0), p.dc.win_org_y = r.i32(4); break;
            case 11: if (r.i32(0) && r.i32(4)) p.dc.vp_ext_x = r.i32(0), p.dc.vp_ext_y = r.i32(4); break;
            case 12: p.dc.vp_org_x = r.i32(0), p.dc.vp_org_y = r.i32(4); break;
            case 17: p.dc.map_mode = static_cast<int>(r.u32(0)); break;   // SETMAPMODE
            case 19: p.dc.even_odd = r.u32(0) == 1; break;                 // SETPOLYFILLMODE
            case 22: p.dc.text_align = r.u32(0); break;                    // SETTEXTALIGN
            case 24: p.dc.text_color = colorref(r.u32(0)); break;          // SETTEXTCOLOR
            case 25: p.dc.bk_color = colorref(r.u32(0)); break;            // SETBKCOLOR
            case 18: p.dc.bk_opaque = r.u32(0) == 2; break;                // SETBKMODE
            case 33: p.save(); break;                                      // SAVEDC
            case 34: p.restore(r.i32(0)); break;                           // RESTOREDC
            case 35: {                                                     // SETWORLDTRANSFORM
                Xform x{r.f32(0), r.f32(4), r.f32(8), r.f32(12), r.f32(16), r.f32(20)};
                if (x.finite()) p.dc.world = x;
                break;
            }
            case 36: {  // MODIFYWORLDTRANSFORM
                Xform x{r.f32(0), r.f32(4), r.f32(8), r.f32(12), r.f32(16), r.f32(20)};
                Xform result = p.dc.world;
                switch (r.u32(24)) {
                    case 1: result = Xform{}; break;
                    case 2: result = x.then(p.dc.world); break;   // MWT_LEFTMULTIPLY
                    case 3: result = p.dc.world.then(x); break;   // MWT_RIGHTMULTIPLY
                    case 4: result = x; break;
                    default: break;
                }
                if (result.finite()) p.dc.world = result;
                break;
            }
            case 37: {  // SELECTOBJECT
                std::uint32_t index = r.u32(0);
                if (index & 0x80000000u) select_stock(p, index);
                else p.select(index);
                break;
            }
            case 38: put_object(r.u32(0), Player::pen_of(r.u32(4), r.i32(8), r.u32(16))); break;  // CREATEPEN
            case 95: put_object(r.u32(0), Player::pen_of(r.u32(20), r.u32(24), r.u32(32))); break;  // EXTCREATEPEN
            case 39: put_object(r.u32(0), Player::brush_of(r.u32(4), r.u32(8))); break;  // CREATEBRUSHINDIRECT
            case 93:    // CREATEMONOBRUSH
            case 94:    // CREATEDIBPATTERNBRUSHPT: drawn as a mid grey
                put_object(r.u32(0), Brush{false, {0.5, 0.5, 0.5}});
                break;
            case 82: {  // EXTCREATEFONTINDIRECTW: ihFont, LOGFONTW
                FontSpec f;
                f.height = r.i32(4);
                f.weight = r.i32(20);
                f.italic = r.u8(24) != 0;
                if (len > 32) f.face = face_name(bytes.substr(at + 8 + 32, std::min<std::size_t>(64, len - 32)), true);
                put_object(r.u32(0), f);
                break;
            }
            case 40:  // DELETEOBJECT
                if (r.u32(0) < p.objects.size()) p.objects[r.u32(0)] = std::monostate{};
                break;
            case 27: p.move_to(r.i32(0), r.i32(4)); break;                 // MOVETOEX
            case 54: p.line_to(r.i32(0), r.i32(4)); break;                 // LINETO
            case 43: p.rectangle(r.i32(0), r.i32(4), r.i32(8), r.i32(12)); break;  // RECTANGLE
            case 42: p.ellipse(r.i32(0), r.i32(4), r.i32(8), r.i32(12)); break;    // ELLIPSE
            case 44: p.round_rect(r.i32(0), r.i32(4), r.i32(8), r.i32(12), r.i32(16), r.i32(20)); break;
            case 45:  // ARC
            case 46:  // CHORD
            case 47:  // PIE
                p.arc(r.i32(0), r.i32(4), r.i32(8), r.i32(12), r.i32(16), r.i32(20), r.i32(24), r.i32(28),
                      type == 45 ? 0 : type == 46 ? 1 : 2);
                break;
            case 3: case 4: case 86: case 87: {  // POLYGON, POLYLINE (16)
                std::vector<Point> pts;
                if (points(16, 20, type >= 86, pts)) p.polyline(std::move(pts), type == 3 || type == 86);
                break;
            }
            case 2: case 85: {  // POLYBEZIER (16)
                std::vector<Point> pts, flat;
                if (points(16, 20, type == 85, pts) && !pts.empty()) {
                    Player::flatten_beziers(pts, flat);
                    p.shape({std::move(flat)}, false);
                }
                break;
            }
            case 5: case 88: case 6: case 89: {  // POLYBEZIERTO, POLYLINETO (16)
                std::vector<Point> pts;
                if (points(16, 20, type == 88 || type == 89, pts)) p.poly_to(pts, type == 5 || type == 88);
                break;
            }
            case 7: case 90: poly_poly(type == 90, false); break;  // POLYPOLYLINE (16)
            case 8: case 91: poly_poly(type == 91, true); break;   // POLYPOLYGON (16)
            case 59: p.in_path = true, p.path.clear(); break;      // BEGINPATH
            case 60: p.in_path = false; break;                     // ENDPATH
            case 61: p.close_figure(); break;                      // CLOSEFIGURE
            case 68: p.in_path = false, p.path.clear(); break;     // ABORTPATH
            case 62: p.end_path_paint(true, false); break;         // FILLPATH
            case 63: p.end_path_paint(true, true); break;          // STROKEANDFILLPATH
            case 64: p.end_path_paint(false, true); break;         // STROKEPATH
            case 67: p.select_clip_path(r.u32(0)); break;          // SELECTCLIPPATH
            case 75:                                               // EXTSELECTCLIPRGN: an empty copy resets the clip
                if (r.u32(0) == 0 && r.u32(4) == 5) p.reset_clip();
                break;
            case 83:    // EXTTEXTOUTA
            case 84: {  // EXTTEXTOUTW: bounds, mode, scales, then EMRTEXT at 28
                double x = r.i32(28), y = r.i32(32);
                // EMRTEXT: reference, count, string offset, options, [rectangle], dx offset.
                std::size_t chars = r.u32(36), off = r.u32(40);
                std::size_t off_dx = (r.u32(44) & 0x100) ? r.u32(48) : r.u32(64);  // ETO_NO_RECT
                bool wide = type == 84;
                std::size_t bytes_needed = chars * (wide ? 2 : 1);
                if (chars > size || off > size || bytes_needed > size - off) break;
                std::u32string s;
                if (wide) {
                    Bytes t{rec.substr(off, bytes_needed)};
                    for (std::size_t i = 0; i < chars; ++i) {
                        char32_t c = t.u16(2 * i);
                        if (c >= 0xD800 && c < 0xDC00 && i + 1 < chars) {
                            char32_t lo = t.u16(2 * i + 2);
                            if (lo >= 0xDC00 && lo < 0xE000) {
                                s.push_back(0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00));
                                ++i;
                                continue;
                            }
                        }
                        s.push_back(c >= 0xD800 && c < 0xE000 ? U'\uFFFD' : c);
                    }
                } else {
                    s = ansi_text(rec.substr(off, bytes_needed));
                }
                bool has_dx = off_dx > 0 && off_dx <= size && chars * 4 <= size - off_dx && chars > 0;
                double width = 0;
                if (has_dx) {
                    Bytes d{rec.substr(off_dx, chars * 4)};
                    for (std::size_t i = 0; i < chars; ++i) width += d.i32(4 * i);
                }
                p.text(x, y, std::move(s), has_dx, width);
                break;
            }
            case 81: {  // STRETCHDIBITS
                // bounds, xDest 16, yDest 20, xSrc 24, ySrc 28, cxSrc 32, cySrc 36, offBmi 40,
                // cbBmi 44, offBits 48, cbBits 52, usage 56, rop 60, cxDest 64, cyDest 68.
                DibBlit d;
                d.read = dib(r.u32(40), r.u32(44), r.u32(48), r.u32(52), d.bmi, d.bits);
                d.rop = r.u32(60);
                d.palette_indices = r.u32(56) == 1;
                d.x = r.i32(16), d.y = r.i32(20), d.cx = r.i32(64), d.cy = r.i32(68);
                d.sx = r.i32(24), d.sy = r.i32(28), d.scx = r.i32(32), d.scy = r.i32(36);
                draw_dib(p, d);
                break;
            }
            case 76:     // BITBLT
            case 77:     // STRETCHBLT
            case 114:    // ALPHABLEND (its blend function is drawn as opaque)
            case 116: {  // TRANSPARENTBLT (its transparent colour is drawn)
                DibBlit d;
                d.x = r.i32(16), d.y = r.i32(20), d.cx = r.i32(24), d.cy = r.i32(28);
                // ALPHABLEND and TRANSPARENTBLT have no raster operation: they copy.
                if (type == 76 || type == 77) d.rop = r.u32(32);
                d.sx = r.i32(36), d.sy = r.i32(40);
                d.palette_indices = r.u32(72) == 1;
                std::size_t off_bmi = r.u32(76), cb_bmi = r.u32(80), off_bits = r.u32(84), cb_bits = r.u32(88);
                d.scx = type == 76 ? d.cx : r.i32(92), d.scy = type == 76 ? d.cy : r.i32(96);
                if (cb_bmi == 0) {
                    if (type == 76 || type == 77) p.pattern_fill(r.u32(32), d.x, d.y, d.cx, d.cy);
                    break;
                }
                d.read = dib(off_bmi, cb_bmi, off_bits, cb_bits, d.bmi, d.bits);
                draw_dib(p, d);
                break;
            }
            case 70:  // GDICOMMENT: EMF+ records ride in these
                if (len >= 8 && r.u32(4) == 0x2B464D45u) emf_plus = true;
                break;
            // Records that paint and are not drawn here.
            case 15: case 41: case 53: case 55: case 56: case 71: case 72: case 73: case 74: case 78: case 79:
            case 80: case 92: case 96: case 97: case 108: case 118:
                p.not_understood("a drawing record (EMF type " + std::to_string(type) + ")");
                break;
            default: break;  // state the picture does not depend on (clipping, palettes, colour management, ...)
        }
        at += size;
    }
    if (emf_plus && !p.painted && p.problem.empty()) p.not_understood("EMF+ records without their EMF equivalent");
    return true;
}

}  // namespace

MetafileFormat metafile_format(std::string_view bytes) {
    Bytes b{bytes};
    if (b.u32(0) == 0x9AC6CDD7u) return MetafileFormat::wmf;
    if (b.has(0, 44) && b.u32(0) == 1 && b.u32(40) == 0x464D4520u) return MetafileFormat::emf;
    if (b.has(0, 18) && (b.u16(0) == 1 || b.u16(0) == 2) && b.u16(2) == 9 && (b.u16(4) == 0x0100 || b.u16(4) == 0x0300))
        return MetafileFormat::wmf;
    return MetafileFormat::none;
}

std::optional<MetafileDrawing> draw_metafile(std::string_view bytes, double width, double height, FontLibrary* fonts,
                                             int tag) {
    if (!(width > 0) || !(height > 0)) return std::nullopt;
    Player p(width, height, fonts, tag);
    bool ok = false;
    switch (metafile_format(bytes)) {
        case MetafileFormat::wmf: ok = play_wmf(bytes, p); break;
        case MetafileFormat::emf: ok = play_emf(bytes, p); break;
        case MetafileFormat::none: break;
    }
    if (!ok) return std::nullopt;
    if (p.exhausted()) p.not_understood("too many points");
    MetafileDrawing out;
    out.items = std::move(p.items);
    out.problem = std::move(p.problem);
    return out;
}

}  // namespace allies::layout
