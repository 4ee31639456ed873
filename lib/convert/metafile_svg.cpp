#include "convert/metafile_svg.hpp"

#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <variant>
#include <vector>

#include "layout/metafile.hpp"
#include "text/encode.hpp"

namespace allies::svg {
namespace {

std::string num(double v) {
    if (!std::isfinite(v)) v = 0;
    v = std::round(v * 100) / 100;
    if (v == 0) v = 0;  // no "-0"
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 2);
    std::string s(buf, r.ptr);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

std::string colour(const layout::Color& c) {
    static const char* hex = "0123456789abcdef";
    std::string s = "#";
    for (double v : {c.r, c.g, c.b}) {
        int n = static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255));
        s += hex[n >> 4];
        s += hex[n & 15];
    }
    return s;
}

std::string escape(std::u32string_view s) {
    std::string out;
    for (char32_t c : s) {
        if (c == U'&') out += "&amp;";
        else if (c == U'<') out += "&lt;";
        else if (c == U'>') out += "&gt;";
        else if (c == U'"') out += "&quot;";
        else if (c < 0x20) out += ' ';
        else text::append_utf8(out, c);
    }
    return out;
}

std::string base64(std::string_view bytes) {
    static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        std::uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        if (i + 2 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 2]);
        out += k[(v >> 18) & 63];
        out += k[(v >> 12) & 63];
        out += i + 1 < bytes.size() ? k[(v >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? k[v & 63] : '=';
    }
    return out;
}

void chunk(std::string& png, const char* type, const std::string& data) {
    auto put32 = [&](std::uint32_t v) {
        for (int s = 24; s >= 0; s -= 8) png += static_cast<char>((v >> s) & 0xFF);
    };
    put32(static_cast<std::uint32_t>(data.size()));
    std::string body = std::string(type, 4) + data;
    png += body;
    put32(static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()))));
}

// A decoded bitmap as an 8-bit grey/RGB(A) PNG; "" if it cannot be compressed.
std::string png_of(const layout::Raster& r) {
    if (r.width == 0 || r.height == 0) return {};
    const bool alpha = !r.alpha.empty();
    const int channels = r.channels + (alpha ? 1 : 0);
    std::string raw;
    raw.reserve(static_cast<std::size_t>(r.height) * (1 + static_cast<std::size_t>(r.width) * channels));
    for (unsigned y = 0; y < r.height; ++y) {
        raw += '\0';  // filter: none
        for (unsigned x = 0; x < r.width; ++x) {
            std::size_t px = static_cast<std::size_t>(y) * r.width + x;
            raw.append(r.pixels, px * static_cast<std::size_t>(r.channels), static_cast<std::size_t>(r.channels));
            if (alpha) raw += r.alpha[px];
        }
    }
    uLongf size = compressBound(static_cast<uLong>(raw.size()));
    std::string packed(size, '\0');
    if (compress2(reinterpret_cast<Bytef*>(packed.data()), &size, reinterpret_cast<const Bytef*>(raw.data()),
                  static_cast<uLong>(raw.size()), 6) != Z_OK)
        return {};
    packed.resize(size);
    std::string png = "\x89PNG\r\n\x1a\n";
    std::string header;
    for (std::uint32_t v : {r.width, r.height})
        for (int s = 24; s >= 0; s -= 8) header += static_cast<char>((v >> s) & 0xFF);
    header += '\x08';
    header += static_cast<char>(r.channels == 1 ? (alpha ? 4 : 0) : (alpha ? 6 : 2));
    header += std::string(3, '\0');
    chunk(png, "IHDR", header);
    chunk(png, "IDAT", packed);
    chunk(png, "IEND", "");
    return png;
}

}  // namespace

// Path data for points with subpath starts.
std::string path_data(const std::vector<std::pair<double, double>>& pts, const std::vector<std::size_t>& starts,
                      bool closed) {
    std::string d;
    std::size_t next = 0;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        bool begins = i == 0 || (next < starts.size() && starts[next] == i);
        if (begins && i > 0) {
            if (closed) d += "Z";
            ++next;
        }
        d += (begins ? "M" : "L") + num(pts[i].first) + " " + num(pts[i].second);
    }
    if (closed && !pts.empty()) d += "Z";
    return d;
}

std::optional<std::string> metafile_svg(std::string_view bytes, double width_pt, double height_pt,
                                        const std::string& alt, const std::string& id_prefix) {
    if (!(width_pt > 0) || !(height_pt > 0) || width_pt > 1e5 || height_pt > 1e5) return std::nullopt;
    auto drawing = layout::draw_metafile(bytes, width_pt, height_pt, nullptr, 0);
    if (!drawing || !drawing->problem.empty()) return std::nullopt;
    std::u32string label = text::utf32_from_utf8(alt);
    bool blank = label.find_first_not_of(U" \t\r\n") == std::u32string::npos;
    // CSS pixels are 3/4 pt; the viewBox keeps the drawing in points.
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(width_pt * 4 / 3) + "\" height=\"" +
                      num(height_pt * 4 / 3) + "\" viewBox=\"0 0 " + num(width_pt) + " " + num(height_pt) + "\"" +
                      (blank ? std::string(" aria-hidden=\"true\"") : " role=\"img\" aria-label=\"" + escape(label) + "\"") +
                      " style=\"overflow:hidden\">";
    // Clip paths (SelectClipPath), one <clipPath> per distinct path, in order.
    std::vector<std::string> clips;
    auto clip_attr = [&](const std::vector<std::pair<double, double>>& pts, const std::vector<std::size_t>& starts) {
        if (pts.size() < 3) return std::string();
        std::string d = path_data(pts, starts, true);
        std::size_t k = 0;
        while (k < clips.size() && clips[k] != d) ++k;
        if (k == clips.size()) {
            clips.push_back(d);
            out += "<clipPath id=\"" + id_prefix + "c" + std::to_string(k) + "\"><path d=\"" + d + "\"/></clipPath>";
        }
        return " clip-path=\"url(#" + id_prefix + "c" + std::to_string(k) + ")\"";
    };
    for (const auto& item : drawing->items) {
        if (auto* p = std::get_if<layout::PathItem>(&item)) {
            std::string clip = clip_attr(p->clip_path, p->clip_starts);
            std::string d = path_data(p->points, p->starts, p->closed);
            out += "<path d=\"" + d + "\" fill=\"" + (p->fill && p->closed ? colour(p->color) : std::string("none")) + "\"" + clip;
            if (p->even_odd) out += " fill-rule=\"evenodd\"";
            if (p->stroke_width > 0)
                out += " stroke=\"" + colour(p->stroke) + "\" stroke-width=\"" + num(p->stroke_width) +
                       "\" stroke-linejoin=\"round\" stroke-linecap=\"round\"";
            out += "/>";
        } else if (auto* t = std::get_if<layout::TextItem>(&item)) {
            // font_path holds the metafile's face name when drawn without a font library.
            out += "<text x=\"" + num(t->x) + "\" y=\"" + num(t->y) + "\" font-size=\"" + num(t->size) + "\" fill=\"" +
                   colour(t->color) + "\" font-family=\"" + escape(text::utf32_from_utf8(t->font_path)) +
                   ", sans-serif\">" + escape(t->text) + "</text>";
        } else if (auto* m = std::get_if<layout::ImageItem>(&item); m && m->raster) {
            std::string png = png_of(*m->raster);
            if (png.empty()) continue;
            // The crop fractions: the whole bitmap placed so that its kept part fills the box.
            double fw = m->width / std::max(0.01, 1 - m->crop_left - m->crop_right);
            double fh = m->height / std::max(0.01, 1 - m->crop_top - m->crop_bottom);
            std::string clip = clip_attr(m->clip_path, m->clip_starts);
            if (!clip.empty()) out += "<g" + clip + ">";
            out += "<svg x=\"" + num(m->x) + "\" y=\"" + num(m->y) + "\" width=\"" + num(m->width) + "\" height=\"" +
                   num(m->height) + "\"><image x=\"" + num(-m->crop_left * fw) + "\" y=\"" + num(-m->crop_top * fh) +
                   "\" width=\"" + num(fw) + "\" height=\"" + num(fh) +
                   "\" preserveAspectRatio=\"none\" href=\"data:image/png;base64," + base64(png) + "\"/></svg>";
            if (!clip.empty()) out += "</g>";
        }
    }
    return out + "</svg>";
}

}  // namespace allies::svg
