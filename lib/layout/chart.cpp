#include "layout/chart.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <map>
#include <sstream>

#include "text/encode.hpp"

namespace allies::layout {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Office's default accent colours (2013 theme), used in series order.
const Color kPalette[] = {{0x44 / 255.0, 0x72 / 255.0, 0xC4 / 255.0}, {0xED / 255.0, 0x7D / 255.0, 0x31 / 255.0},
                          {0xA5 / 255.0, 0xA5 / 255.0, 0xA5 / 255.0}, {0xFF / 255.0, 0xC0 / 255.0, 0x00 / 255.0},
                          {0x5B / 255.0, 0x9B / 255.0, 0xD5 / 255.0}, {0x70 / 255.0, 0xAD / 255.0, 0x47 / 255.0}};
const Color kText{0.35, 0.35, 0.35};
const Color kGrid{0.85, 0.85, 0.85};

std::string local(const char* name) {
    const char* colon = std::strchr(name, ':');
    return colon ? colon + 1 : name;
}

pugi::xml_node child(pugi::xml_node n, const char* name) {
    for (auto c : n.children())
        if (local(c.name()) == name) return c;
    return {};
}

// A part's XML, or an empty document when it is missing or malformed.
pugi::xml_document parse(const Package& package, const std::string& part) {
    pugi::xml_document doc;
    if (!package.has_part(part)) return doc;
    const std::string& bytes = package.part_bytes(part);
    if (!doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default & ~pugi::parse_doctype)) doc.reset();
    return doc;
}

// Cached points (c:pt idx/v) below a c:cat, c:val or c:tx, in index order.
std::map<int, std::string> points(pugi::xml_node n) {
    std::map<int, std::string> out;
    if (!n) return out;
    std::vector<pugi::xml_node> stack{n};
    while (!stack.empty()) {
        auto e = stack.back();
        stack.pop_back();
        if (local(e.name()) == "pt") {
            int idx = e.attribute("idx").as_int(-1);
            if (idx >= 0 && idx < 10000) out[idx] = child(e, "v").text().get();
            continue;
        }
        for (auto c : e.children()) stack.push_back(c);
    }
    return out;
}

std::string all_text(pugi::xml_node n) {
    std::string out;
    if (!n) return out;
    std::vector<pugi::xml_node> stack{n};
    while (!stack.empty()) {
        auto e = stack.back();
        stack.pop_back();
        if (e.type() == pugi::node_pcdata && local(e.parent().name()) == "t") out += e.value();
        for (auto c = e.last_child(); c; c = c.previous_sibling()) stack.push_back(c);
    }
    return out;
}


// A label for an axis value in the General number format, as Excel shows
// the axis of General values: no more decimals than the step needs, and no
// trailing zeros (0, 0.05, 0.1).
std::string format_value(double v, double step) {
    int decimals = step >= 1 ? 0 : std::min(6, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, std::abs(v) < step * 1e-6 ? 0.0 : v);
    std::string out = buf;
    if (out.find('.') != std::string::npos) {
        while (out.back() == '0') out.pop_back();
        if (out.back() == '.') out.pop_back();
    }
    return out == "-0" ? "0" : out;
}

// A data label's number in the cached format code's manner: percentages
// scaled and marked, a fixed count of decimals, thousands separators;
// "General" as the shortest exact form up to ten significant digits.
std::string label_value(double v, const std::string& format) {
    if (!std::isfinite(v)) return {};
    bool percent = format.find('%') != std::string::npos;
    if (percent) v *= 100;
    std::string f = format;
    if (auto semi = f.find(';'); semi != std::string::npos) f.resize(semi);  // the positive section
    int decimals = -1;
    if (auto dot = f.find('.'); dot != std::string::npos) {
        decimals = 0;
        for (std::size_t i = dot + 1; i < f.size() && (f[i] == '0' || f[i] == '#'); ++i) ++decimals;
    } else if (f.find('0') != std::string::npos) {
        decimals = 0;
    }
    char buf[64];
    if (decimals >= 0) std::snprintf(buf, sizeof buf, "%.*f", std::min(decimals, 10), v);
    else std::snprintf(buf, sizeof buf, "%.10g", v);
    std::string out = buf;
    if (out == "-0") out = "0";
    if (f.find(",") != std::string::npos && f.find("#,##") != std::string::npos) {  // thousands separators
        std::size_t end = out.find('.');
        if (end == std::string::npos) end = out.size();
        std::size_t begin = out[0] == '-' ? 1 : 0;
        for (std::size_t at = end; at > begin + 3; at -= 3) out.insert(at - 3, ",");
    }
    return percent ? out + "%" : out;
}

// A value axis as Excel scales it when nothing fixes it (c:scaling without
// c:min/c:max/c:majorUnit): its ends and its major unit.
struct ValueAxis {
    double lo = 0, hi = 1, step = 0.2;
};

// The smallest major unit of 1, 2 or 5 x 10^n that divides `range` into at
// most `most` intervals (Excel's default chart shows up to ten).
double nice_step(double range, int most) {
    if (!(range > 0) || !std::isfinite(range)) return 1;
    double power = std::pow(10, std::floor(std::log10(range / most)));
    for (int tries = 0; tries < 8; ++tries, power *= 10)
        for (double m : {1.0, 2.0, 5.0})
            if (range / (m * power) <= most + 1e-9) return m * power;
    return range;
}

// Excel's automatic scale for data from lo to hi (both 0 when empty): the
// axis includes zero unless the data sit in a narrow band far from it (the
// spread is under a sixth of the largest magnitude), when the near end is
// half the spread beyond the data; the far end is a twentieth of the span
// from the near end's data (zero, else the other end of the data) beyond
// the data. Both ends are rounded out to the major unit.
// Percentages (100% stacked) run from 0 to 100 (or -100) in tenths.
// `most` caps the intervals where the axis is short (labels would touch).
ValueAxis value_axis(double lo, double hi, bool percent, int most) {
    ValueAxis a;
    most = std::clamp(most, 2, 10);
    if (percent) {
        a.lo = lo < 0 ? -100 : 0;
        a.hi = hi > 0 || a.lo == 0 ? 100 : 0;
        a.step = nice_step(a.hi - a.lo, most);
        return a;
    }
    if (hi < lo) std::swap(lo, hi);
    double spread = hi - lo;
    double axis_lo, axis_hi;
    if (lo >= 0) {
        bool narrow = spread > 0 && spread < hi / 6;
        axis_lo = narrow ? lo - spread / 2 : 0;
        axis_hi = hi + (narrow ? spread : hi) / 20;
    } else if (hi <= 0) {
        bool narrow = spread > 0 && spread < -lo / 6;
        axis_hi = narrow ? hi + spread / 2 : 0;
        axis_lo = lo - (narrow ? spread : -lo) / 20;
    } else {
        axis_lo = lo - spread / 20;
        axis_hi = hi + spread / 20;
    }
    if (axis_hi <= axis_lo) {  // no data, or one value at zero
        axis_lo = std::min(axis_lo, 0.0);
        axis_hi = axis_lo + 1;
    }
    a.step = nice_step(axis_hi - axis_lo, most);
    a.lo = std::floor(axis_lo / a.step + 1e-9) * a.step;
    a.hi = std::ceil(axis_hi / a.step - 1e-9) * a.step;
    if (a.hi <= a.lo) a.hi = a.lo + a.step;
    return a;
}

class Painter {
public:
    Painter(FontLibrary& fonts, int tag) : font_(fonts.resolve({"Calibri", false, false})), tag_(tag) {}

    double width(const std::string& text, double size) const { return font_->width(text::utf32_from_utf8(text), size); }

    // Text with its baseline at y; align: 0 left, 0.5 centre, 1 right of x.
    void text(const std::string& s, double x, double y, double size, double align = 0, Color color = kText) {
        if (s.empty()) return;
        TextItem t;
        t.text = text::utf32_from_utf8(s);
        t.size = size;
        t.x = x - align * font_->width(t.text, size);
        t.y = y;
        t.font_path = font_->face().path;
        t.font_index = font_->face().index;
        t.color = color;
        t.tag = tag_;
        items.push_back(std::move(t));
    }
    void rect(double x, double y, double w, double h, Color c, bool fill = true) {
        if (w <= 0 || h <= 0) return;
        items.push_back(RectItem{x, y, w, h, fill, c, fill ? 0 : 0.75, tag_});
    }
    void line(double x1, double y1, double x2, double y2, Color c, double width = 0.75) {
        items.push_back(LineItem{x1, y1, x2, y2, width, c, tag_, {}});
    }
    void polygon(std::vector<std::pair<double, double>> pts, Color c) {
        PathItem p;
        p.points = std::move(pts);
        p.color = c;
        p.tag = tag_;
        items.push_back(std::move(p));
    }

    std::vector<Item> items;

private:
    std::shared_ptr<const Font> font_;
    int tag_;
};

Color accent(const ChartData& c, std::size_t i) {
    if (!c.palette.empty()) return c.palette[i % c.palette.size()];
    return kPalette[i % (sizeof kPalette / sizeof kPalette[0])];
}

Color series_color(const ChartData& c, std::size_t i) {
    if (i < c.series.size() && c.series[i].color) return *c.series[i].color;
    return accent(c, i);
}

std::optional<Color> hex_color(const std::string& hex) {
    if (hex.size() != 6) return std::nullopt;
    char* end = nullptr;
    long v = std::strtol(hex.c_str(), &end, 16);
    if (!end || *end) return std::nullopt;
    return Color{((v >> 16) & 0xFF) / 255.0, ((v >> 8) & 0xFF) / 255.0, (v & 0xFF) / 255.0};
}

// accent1..accent6 of the theme the main document part points at.
std::vector<Color> theme_palette(const Package& package, const std::string& main_part) {
    std::vector<Color> out;
    auto rels = package.relationships_of_type(main_part, RelType::theme);
    if (rels.empty() || rels.front().external) return out;
    pugi::xml_document doc = parse(package, rels.front().target_part);
    auto scheme = child(child(doc.document_element(), "themeElements"), "clrScheme");
    for (int i = 1; i <= 6; ++i) {
        auto a = child(scheme, ("accent" + std::to_string(i)).c_str());
        auto rgb = child(a, "srgbClr");
        auto color = hex_color(rgb ? rgb.attribute("val").value() : child(a, "sysClr").attribute("lastClr").value());
        if (!color) return {};
        out.push_back(*color);
    }
    return out;
}

// Legend along the bottom: a swatch and a name per entry, centred.
double legend(Painter& p, const std::vector<std::pair<std::string, Color>>& entries, double width, double bottom) {
    if (entries.empty()) return 0;
    const double size = 9, swatch = 6, gap = 12;
    double total = 0;
    for (const auto& [name, color] : entries) total += swatch + 3 + p.width(name, size) + gap;
    total -= gap;
    double x = std::max(4.0, (width - total) / 2), y = bottom - 6;
    for (const auto& [name, color] : entries) {
        if (x > width - 10) break;
        p.rect(x, y - swatch, swatch, swatch, color);
        p.text(name, x + swatch + 3, y, size);
        x += swatch + 3 + p.width(name, size) + gap;
    }
    return 18;
}

// Legend down the right side, centred vertically; returns the width it took.
double side_legend(Painter& p, const std::vector<std::pair<std::string, Color>>& entries, double width, double top, double height) {
    if (entries.empty()) return 0;
    const double size = 9, swatch = 6, line = 13;
    double w = 0;
    for (const auto& [name, color] : entries) w = std::max(w, p.width(name, size));
    w = std::min(w, width * 0.35);
    double x = width - w - swatch - 10;
    double y = top + std::max(0.0, (height - top - line * static_cast<double>(entries.size())) / 2) + line;
    for (const auto& [name, color] : entries) {
        if (y > height - 4) break;
        p.rect(x, y - swatch, swatch, swatch, color);
        p.text(name, x + swatch + 3, y, size);
        y += line;
    }
    return w + swatch + 14;
}

// The text of a data label for value v (share: its part of the whole, pies).
std::string data_label(const ChartSeries& s, double v, double share) {
    std::string out;
    if (s.show_value) out = label_value(v, s.format);
    if (s.show_percent && share > 0) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.0f%%", share * 100);
        out += (out.empty() ? "" : "; ") + std::string(buf);
    }
    return out;
}

void draw_pie(const ChartData& c, Painter& p, double left, double top, double w, double h, bool doughnut) {
    const auto& s = c.series.front();
    double total = 0;
    for (double v : s.values)
        if (std::isfinite(v) && v > 0) total += v;
    if (total <= 0) return;
    double r = std::max(4.0, std::min(w, h) / 2 - 4), cx = left + w / 2, cy = top + h / 2;
    double angle = -kPi / 2;  // from twelve o'clock, clockwise (y grows downwards here)
    for (std::size_t i = 0; i < s.values.size(); ++i) {
        double v = s.values[i];
        if (!std::isfinite(v) || v <= 0) continue;
        double sweep = 2 * kPi * v / total;
        std::vector<std::pair<double, double>> pts{{cx, cy}};
        int steps = std::max(2, static_cast<int>(sweep / (kPi / 60)));
        for (int k = 0; k <= steps; ++k) {
            double a = angle + sweep * k / steps;
            pts.emplace_back(cx + r * std::cos(a), cy + r * std::sin(a));
        }
        p.polygon(std::move(pts), accent(c, i));
        if (std::string label = data_label(s, v, v / total); !label.empty()) {
            // Inside the wedge, two thirds of the way out (Excel's best fit for a
            // label that fits), white on the wedge's colour.
            double mid = angle + sweep / 2, rr = doughnut ? r * 0.75 : r * 0.62;
            p.text(label, cx + rr * std::cos(mid), cy + rr * std::sin(mid) + 9 * 0.35, 9, 0.5, Color{1, 1, 1});
        }
        angle += sweep;
    }
    if (doughnut) {
        std::vector<std::pair<double, double>> hole;
        for (int k = 0; k < 120; ++k) hole.emplace_back(cx + r * 0.5 * std::cos(2 * kPi * k / 120), cy + r * 0.5 * std::sin(2 * kPi * k / 120));
        p.polygon(std::move(hole), {1, 1, 1});
    }
}

// Bars, lines and areas on a category axis and a value axis.
void draw_axes_chart(const ChartData& c, Painter& p, double left, double top, double w, double h) {
    std::size_t ncat = c.categories.size();
    for (const auto& s : c.series) ncat = std::max(ncat, s.values.size());
    if (ncat == 0) return;
    bool stacked = c.kind == "bar" && (c.grouping == "stacked" || c.grouping == "percentStacked");
    bool percent = c.kind == "bar" && c.grouping == "percentStacked";
    // The data's range (sums for stacked bars).
    double lo = INFINITY, hi = -INFINITY;
    for (std::size_t k = 0; k < ncat; ++k) {
        double pos = 0, neg = 0, sum_abs = 0;
        for (const auto& s : c.series) {
            double v = k < s.values.size() ? s.values[k] : NAN;
            if (!std::isfinite(v)) continue;
            sum_abs += std::abs(v);
            if (stacked) (v >= 0 ? pos : neg) += v;
            else {
                hi = std::max(hi, v);
                lo = std::min(lo, v);
            }
        }
        if (stacked && percent && sum_abs > 0) {
            pos = pos / sum_abs * 100;
            neg = neg / sum_abs * 100;
        }
        if (stacked) {
            hi = std::max(hi, pos);
            lo = std::min(lo, neg);
        }
    }
    if (!(lo <= hi)) lo = hi = 0;
    const double label = 9;
    // No more gridlines than labels can sit apart on a short value axis
    // (a column chart's height; a bar chart's width, its labels side by side).
    const double length = c.horizontal ? w * 0.6 : h - 14;
    const int most = static_cast<int>(length / (c.horizontal ? label * 3.5 : label * 1.5));
    const ValueAxis axis = value_axis(lo, hi, percent, most);
    lo = axis.lo;
    hi = axis.hi;
    const double step = axis.step;
    // Values no axis can show (infinite, or spanning beyond double range):
    // leave the plot empty rather than loop over absurd gridlines.
    if (!std::isfinite(lo) || !std::isfinite(hi) || !std::isfinite(step) || step <= 0 || (hi - lo) / step > 50) return;
    const int ticks = static_cast<int>(std::lround((hi - lo) / step));
    auto tick_label = [&](double v) { return format_value(v, step) + (percent ? "%" : ""); };
    // Room for value labels (left) and category labels (bottom).
    double value_w = 0;
    for (int k = 0; k <= ticks; ++k) value_w = std::max(value_w, p.width(tick_label(lo + k * step), label));
    double cat_w = 0;
    for (const auto& name : c.categories) cat_w = std::max(cat_w, p.width(name, label));
    double axis_left = left + (c.horizontal ? std::min(w * 0.4, cat_w + 6) : value_w + 6);
    double axis_bottom = top + h - 14;
    double pw = left + w - axis_left, ph = axis_bottom - top;
    if (pw <= 4 || ph <= 4) return;
    auto value_pos = [&](double v) {  // distance along the value axis
        return (v - lo) / (hi - lo) * (c.horizontal ? pw : ph);
    };
    // Gridlines and value labels.
    for (int k = 0; k <= ticks; ++k) {
        double v = lo + k * step;
        double d = value_pos(v);
        if (c.horizontal) {
            p.line(axis_left + d, top, axis_left + d, axis_bottom, kGrid);
            p.text(tick_label(v), axis_left + d, axis_bottom + label + 2, label, 0.5);
        } else {
            p.line(axis_left, axis_bottom - d, axis_left + pw, axis_bottom - d, kGrid);
            p.text(tick_label(v), axis_left - 4, axis_bottom - d + label * 0.35, label, 1);
        }
    }
    double zero = value_pos(std::clamp(0.0, lo, hi));
    double band = (c.horizontal ? ph : pw) / static_cast<double>(ncat);
    // Category labels, shortened to their band when they would collide.
    for (std::size_t k = 0; k < ncat; ++k) {
        std::string name = k < c.categories.size() ? c.categories[k] : std::to_string(k + 1);
        if (c.horizontal) {
            double y = axis_bottom - band * (static_cast<double>(k) + 0.5);  // first category at the bottom, as Word draws it
            p.text(name, axis_left - 4, y + label * 0.35, label, 1);
        } else {
            double size = label;
            while (size > 5 && p.width(name, size) > band - 2) size -= 0.5;
            p.text(name, axis_left + band * (static_cast<double>(k) + 0.5), axis_bottom + label + 2, size, 0.5);
        }
    }
    std::size_t ns = std::max<std::size_t>(1, c.series.size());
    if (c.kind == "bar") {
        // Excel's geometry: a category is its bars, overlapping by overlap%
        // of a bar, plus a gap of gap_width% of a bar.
        double overlap = stacked ? 1.0 : std::clamp(c.overlap, -100.0, 100.0) / 100;
        double gap = std::clamp(c.gap_width, 0.0, 500.0) / 100;
        double across = stacked ? 1.0 : static_cast<double>(ns) - static_cast<double>(ns - 1) * overlap;
        double bar = band / std::max(0.01, across + gap);
        for (std::size_t k = 0; k < ncat; ++k) {
            double pos = 0, neg = 0, sum_abs = 0;
            for (const auto& s : c.series)
                if (k < s.values.size() && std::isfinite(s.values[k])) sum_abs += std::abs(s.values[k]);
            for (std::size_t i = 0; i < c.series.size(); ++i) {
                double v = k < c.series[i].values.size() ? c.series[i].values[k] : NAN;
                if (!std::isfinite(v)) continue;
                if (percent && sum_abs > 0) v = v / sum_abs * 100;
                double from = zero, to = value_pos(v);
                if (stacked) {
                    double& base = v >= 0 ? pos : neg;
                    from = value_pos(base);
                    base += v;
                    to = value_pos(base);
                }
                double offset = stacked ? (band - bar) / 2
                                        : (band - bar * across) / 2 + bar * (1 - overlap) * static_cast<double>(i);
                double a = std::min(from, to), b = std::max(from, to);
                std::string label = data_label(c.series[i], c.series[i].values[k], 0);
                if (c.horizontal) {
                    double y = axis_bottom - band * static_cast<double>(k + 1) + offset;
                    p.rect(axis_left + a, y, b - a, bar, series_color(c, i));
                    // Labels: outside the bar's end (centred in a stacked segment).
                    if (!label.empty()) {
                        double cy = y + bar / 2 + 9 * 0.35;
                        if (stacked) p.text(label, axis_left + (a + b) / 2, cy, 9, 0.5);
                        else if (to >= from) p.text(label, axis_left + b + 3, cy, 9, 0);
                        else p.text(label, axis_left + a - 3, cy, 9, 1);
                    }
                } else {
                    double x = axis_left + band * static_cast<double>(k) + offset;
                    p.rect(x, axis_bottom - b, bar, b - a, series_color(c, i));
                    if (!label.empty()) {
                        if (stacked) p.text(label, x + bar / 2, axis_bottom - (a + b) / 2 + 9 * 0.35, 9, 0.5);
                        else if (to >= from) p.text(label, x + bar / 2, axis_bottom - b - 3, 9, 0.5);
                        else p.text(label, x + bar / 2, axis_bottom - a + 9 + 2, 9, 0.5);
                    }
                }
            }
        }
    } else {  // line, area, scatter, radar...: one polyline per series
        for (std::size_t i = 0; i < c.series.size(); ++i) {
            bool have = false;
            double px = 0, py = 0;
            for (std::size_t k = 0; k < c.series[i].values.size(); ++k) {
                double v = c.series[i].values[k];
                if (!std::isfinite(v)) {
                    have = false;
                    continue;
                }
                double x = axis_left + band * (static_cast<double>(k) + 0.5), y = axis_bottom - value_pos(v);
                if (have) p.line(px, py, x, y, series_color(c, i), 2.25);
                if (std::string label = data_label(c.series[i], v, 0); !label.empty()) p.text(label, x, y - 5, 9, 0.5);
                px = x;
                py = y;
                have = true;
            }
        }
    }
    // The category axis line.
    if (c.horizontal) p.line(axis_left + zero, top, axis_left + zero, axis_bottom, kGrid, 1);
    else p.line(axis_left, axis_bottom - zero, axis_left + pw, axis_bottom - zero, kGrid, 1);
}

struct Shape {
    double x = 0, y = 0, w = 0, h = 0;  // points, relative to the graphic
    std::string geometry;              // prstGeom
    std::optional<Color> fill;
    std::string text;
    double size = 0;                   // points; 0 = fit
};

std::optional<Color> drawing_color(pugi::xml_node holder, const std::vector<Color>& palette) {
    for (auto c : holder.children()) {
        std::string n = local(c.name());
        if (n == "srgbClr") return hex_color(c.attribute("val").value());
        if (n == "schemeClr") {
            std::string v = c.attribute("val").value();
            if (v.rfind("accent", 0) == 0 && v.size() == 7 && v[6] >= '1' && v[6] <= '6') {
                std::size_t i = static_cast<std::size_t>(v[6] - '1');
                return i < palette.size() ? palette[i] : kPalette[i];
            }
            if (v == "lt1" || v == "bg1") return Color{1, 1, 1};
            if (v == "dk1" || v == "tx1") return Color{0, 0, 0};
            return kPalette[0];
        }
    }
    return std::nullopt;
}

void draw_shape(Painter& p, const Shape& s) {
    Color fill = s.fill.value_or(Color{0.27, 0.45, 0.77});
    if (s.geometry == "ellipse") {
        std::vector<std::pair<double, double>> pts;
        for (int k = 0; k < 72; ++k)
            pts.emplace_back(s.x + s.w / 2 + s.w / 2 * std::cos(2 * kPi * k / 72), s.y + s.h / 2 + s.h / 2 * std::sin(2 * kPi * k / 72));
        p.polygon(std::move(pts), fill);
    } else if (s.geometry == "rightArrow" || s.geometry == "leftArrow") {
        bool right = s.geometry == "rightArrow";
        double head = std::min(s.w * 0.5, s.h), x0 = s.x, x1 = s.x + s.w, shaft_top = s.y + s.h * 0.2, shaft_bottom = s.y + s.h * 0.8;
        if (right)
            p.polygon({{x0, shaft_top}, {x1 - head, shaft_top}, {x1 - head, s.y}, {x1, s.y + s.h / 2}, {x1 - head, s.y + s.h},
                       {x1 - head, shaft_bottom}, {x0, shaft_bottom}},
                      fill);
        else
            p.polygon({{x1, shaft_top}, {x0 + head, shaft_top}, {x0 + head, s.y}, {x0, s.y + s.h / 2}, {x0 + head, s.y + s.h},
                       {x0 + head, shaft_bottom}, {x1, shaft_bottom}},
                      fill);
    } else {
        p.rect(s.x, s.y, s.w, s.h, fill);
    }
    if (s.text.empty()) return;
    // Text centred, wrapped at spaces, shrunk until it fits the shape.
    double luminance = 0.299 * fill.r + 0.587 * fill.g + 0.114 * fill.b;
    Color ink = luminance < 0.6 ? Color{1, 1, 1} : Color{0.1, 0.1, 0.1};
    double size = s.size > 0 ? s.size : 12;
    std::vector<std::string> lines;
    for (; size >= 5; size -= 1) {
        lines.clear();
        std::string line, word;
        std::istringstream in(s.text);
        while (in >> word) {
            std::string tried = line.empty() ? word : line + " " + word;
            if (!line.empty() && p.width(tried, size) > s.w - 6) {
                lines.push_back(line);
                line = word;
            } else {
                line = tried;
            }
        }
        if (!line.empty()) lines.push_back(line);
        double widest = 0;
        for (const auto& l : lines) widest = std::max(widest, p.width(l, size));
        if (widest <= s.w - 4 && lines.size() * size * 1.2 <= s.h) break;
    }
    double y = s.y + (s.h - static_cast<double>(lines.size()) * size * 1.2) / 2 + size;
    for (const auto& l : lines) {
        p.text(l, s.x + s.w / 2, y, size, 0.5, ink);
        y += size * 1.2;
    }
}

}  // namespace

std::vector<Item> draw_diagram(const Package& package, const std::string& data_part, const std::string& source_part,
                               const std::string& main_part, double width, double height, FontLibrary& fonts, int tag) {
    Painter p(fonts, tag);
    std::vector<Color> palette = theme_palette(package, main_part);
    pugi::xml_document data = parse(package, data_part);
    // The drawing part Word saved (Office 2010+): named by the data model's extension.
    std::string drawing_part;
    for (auto n : data.select_nodes("//*[local-name()='dataModelExt']")) {
        if (auto rel = package.relationship_by_id(source_part, n.node().attribute("relId").value()); rel && !rel->external)
            drawing_part = rel->target_part;
        break;
    }
    std::vector<Shape> shapes;
    pugi::xml_document drawing = parse(package, drawing_part);
    constexpr double kEmuPt = 1.0 / 12700;
    for (auto n : drawing.select_nodes("//*[local-name()='sp']")) {
        auto sp = n.node();
        auto sppr = child(sp, "spPr");
        auto xfrm = child(sppr, "xfrm");
        Shape s;
        s.x = child(xfrm, "off").attribute("x").as_double() * kEmuPt;
        s.y = child(xfrm, "off").attribute("y").as_double() * kEmuPt;
        s.w = child(xfrm, "ext").attribute("cx").as_double() * kEmuPt;
        s.h = child(xfrm, "ext").attribute("cy").as_double() * kEmuPt;
        s.geometry = child(sppr, "prstGeom").attribute("prst").value();
        if (auto solid = child(sppr, "solidFill")) s.fill = drawing_color(solid, palette);
        else if (auto grad = child(sppr, "gradFill")) s.fill = drawing_color(child(child(grad, "gsLst"), "gs"), palette);
        else if (child(sppr, "noFill")) s.fill = Color{1, 1, 1};
        auto body = child(sp, "txBody");
        for (auto para : body.children()) {
            if (local(para.name()) != "p") continue;
            std::string line = all_text(para);
            if (!line.empty()) s.text += (s.text.empty() ? "" : " ") + line;
            for (auto r : para.children())
                if (local(r.name()) == "r" && s.size == 0) s.size = child(r, "rPr").attribute("sz").as_double() / 100;
        }
        if (s.w > 0 && s.h > 0) shapes.push_back(std::move(s));
    }
    if (shapes.empty()) {
        // No drawing part: the data model's node texts in a row of boxes.
        std::vector<std::string> texts;
        for (auto n : data.select_nodes("//*[local-name()='pt']")) {
            std::string type = n.node().attribute("type").value();
            if (!type.empty() && type != "node") continue;
            std::string t = all_text(child(n.node(), "t"));
            if (!t.empty()) texts.push_back(t);
        }
        double gap = 8, bw = texts.empty() ? 0 : (width - gap * static_cast<double>(texts.size() + 1)) / static_cast<double>(texts.size());
        for (std::size_t i = 0; i < texts.size() && bw > 4; ++i) {
            Shape s;
            s.x = gap + static_cast<double>(i) * (bw + gap);
            s.y = height * 0.25;
            s.w = bw;
            s.h = height * 0.5;
            s.geometry = "roundRect";
            s.fill = palette.empty() ? kPalette[0] : palette[0];
            s.text = texts[i];
            shapes.push_back(std::move(s));
        }
    }
    for (const auto& s : shapes) draw_shape(p, s);
    return std::move(p.items);
}

ChartData read_chart(const Package& package, const std::string& part, const std::string& main_part) {
    ChartData c;
    c.palette = theme_palette(package, main_part);
    pugi::xml_document doc = parse(package, part);
    auto chart = child(doc.document_element(), "chart");
    auto plot = child(chart, "plotArea");
    pugi::xml_node type;
    for (auto n : plot.children()) {
        std::string name = local(n.name());
        if (name.size() > 5 && name.compare(name.size() - 5, 5, "Chart") == 0) {
            type = n;
            break;
        }
    }
    if (!type) return c;
    std::string name = local(type.name());
    name = name.substr(0, name.size() - 5);
    if (name.size() > 2 && name.compare(name.size() - 2, 2, "3D") == 0) name = name.substr(0, name.size() - 2);
    c.kind = name == "ofPie" ? "pie" : name;
    c.horizontal = std::string(child(type, "barDir").attribute("val").value()) == "bar";
    if (auto g = child(type, "grouping")) c.grouping = g.attribute("val").value();
    // c:gapWidth / c:overlap: percentages (the schema allows a "%" suffix too).
    auto percent_of = [](pugi::xml_node n, double fallback) {
        if (!n) return fallback;
        std::string v = n.attribute("val").value();
        char* end = nullptr;
        double d = std::strtod(v.c_str(), &end);
        return end != v.c_str() && std::isfinite(d) ? d : fallback;
    };
    c.gap_width = std::clamp(percent_of(child(type, "gapWidth"), 150), 0.0, 500.0);
    c.overlap = std::clamp(percent_of(child(type, "overlap"), 0), -100.0, 100.0);
    // Data labels: the chart type's c:dLbls, then each series' own.
    auto flag = [](pugi::xml_node dlbls, const char* name, bool fallback) {
        auto n = child(dlbls, name);
        return n ? n.attribute("val").as_bool(true) : fallback;
    };
    auto type_labels = child(type, "dLbls");
    bool type_deleted = flag(type_labels, "delete", false);
    bool type_value = !type_deleted && flag(type_labels, "showVal", false);
    bool type_percent = !type_deleted && flag(type_labels, "showPercent", false);
    for (auto ser : type.children()) {
        if (local(ser.name()) != "ser") continue;
        ChartSeries s;
        auto tx = child(ser, "tx");
        auto names = points(tx);
        s.name = !names.empty() ? names.begin()->second : child(tx, "v").text().get();
        auto cats = points(child(ser, "cat"));
        if (cats.empty()) cats = points(child(ser, "xVal"));
        if (c.categories.empty())
            for (const auto& [idx, v] : cats) {
                if (static_cast<std::size_t>(idx) >= c.categories.size()) c.categories.resize(static_cast<std::size_t>(idx) + 1);
                c.categories[static_cast<std::size_t>(idx)] = v;
            }
        auto vals = points(child(ser, "val"));
        if (vals.empty()) vals = points(child(ser, "yVal"));
        for (const auto& [idx, v] : vals) {
            if (static_cast<std::size_t>(idx) >= s.values.size()) s.values.resize(static_cast<std::size_t>(idx) + 1, NAN);
            char* end = nullptr;
            double d = std::strtod(v.c_str(), &end);
            s.values[static_cast<std::size_t>(idx)] = end && *end == '\0' && !v.empty() ? d : NAN;
        }
        s.color = hex_color(child(child(child(ser, "spPr"), "solidFill"), "srgbClr").attribute("val").value());
        s.show_value = type_value;
        s.show_percent = type_percent;
        if (auto own = child(ser, "dLbls")) {
            bool deleted = flag(own, "delete", false);
            s.show_value = !deleted && flag(own, "showVal", type_value);
            s.show_percent = !deleted && flag(own, "showPercent", type_percent);
        }
        auto val = child(ser, "val") ? child(ser, "val") : child(ser, "yVal");
        s.format = child(child(child(val, "numRef"), "numCache"), "formatCode").text().get();
        if (s.format.empty()) s.format = child(child(val, "numLit"), "formatCode").text().get();
        c.series.push_back(std::move(s));
        if (c.series.size() >= 64) break;
    }
    if (auto legend = child(chart, "legend")) {
        std::string pos = child(legend, "legendPos").attribute("val").value();
        c.legend = pos.empty() ? "r" : pos;
    }
    auto title = child(chart, "title");
    c.title = all_text(title);
    auto deleted_node = child(chart, "autoTitleDeleted");
    bool auto_deleted = deleted_node.attribute("val").as_bool(true);  // CT_Boolean: val defaults to true
    if (c.title.empty() && title && c.series.size() == 1) c.title = c.series.front().name;
    // A title element with no text over several series: Excel and Word show
    // their placeholder, unless the file says the title was deleted.
    if (c.title.empty() && title && c.series.size() > 1 && !(deleted_node && auto_deleted)) c.title = "Chart Title";
    // The automatic title of a one-series chart is its series' name: when
    // the file says explicitly that it was not deleted, for any kind; when
    // it says nothing, for pies (as Word shows them).
    bool automatic = deleted_node ? !auto_deleted : (c.kind == "pie" || c.kind == "doughnut");
    if (c.title.empty() && !title && automatic && c.series.size() == 1) c.title = c.series.front().name;
    return c;
}

std::vector<Item> draw_chart(const ChartData& c, double width, double height, FontLibrary& fonts, int tag) {
    Painter p(fonts, tag);
    p.rect(0, 0, width, height, {0.85, 0.85, 0.85}, false);
    double top = 6;
    if (!c.title.empty()) {
        double size = 14;
        while (size > 7 && p.width(c.title, size) > width - 12) size -= 1;
        p.text(c.title, width / 2, top + size, size, 0.5);
        top += size + 8;
    }
    bool round = c.kind == "pie" || c.kind == "doughnut";
    bool drawable = !c.series.empty() && (round || c.kind == "bar" || c.kind == "line" || c.kind == "area" ||
                                          c.kind == "scatter" || c.kind == "radar" || c.kind == "stock");
    if (!drawable) {
        // A kind we do not draw: say what it is and list its data.
        std::string what = "Chart" + (c.kind.empty() ? std::string() : " (" + c.kind + ")");
        p.text(what, width / 2, top + 12, 10, 0.5);
        double y = top + 28;
        for (const auto& s : c.series) {
            if (y > height - 6) break;
            std::string line = s.name;
            for (std::size_t k = 0; k < s.values.size(); ++k) {
                char buf[64];
                std::snprintf(buf, sizeof buf, "%g", s.values[k]);
                line += (k ? ", " : ": ") + (k < c.categories.size() ? c.categories[k] + " " : std::string()) + buf;
            }
            p.text(line, 8, y, 8);
            y += 11;
        }
        return std::move(p.items);
    }
    std::vector<std::pair<std::string, Color>> entries;
    if (round) {
        const auto& values = c.series.front().values;
        for (std::size_t k = 0; k < values.size(); ++k)
            entries.emplace_back(k < c.categories.size() ? c.categories[k] : std::to_string(k + 1), accent(c, k));
    } else {
        // Word lists the series bottom-up in a legend on the right, top-down below.
        for (std::size_t i = 0; i < c.series.size(); ++i) entries.emplace_back(c.series[i].name, series_color(c, i));
    }
    if (c.legend.empty()) entries.clear();
    double right = width, bottom = height;
    if (c.legend == "r" || c.legend == "l") {
        if (!round) std::reverse(entries.begin(), entries.end());
        right = width - side_legend(p, entries, width, top, height);
    } else {
        bottom = height - legend(p, entries, width, height);
    }
    if (round) draw_pie(c, p, 8, top, right - 16, bottom - top - 4, c.kind == "doughnut");
    else draw_axes_chart(c, p, 8, top, right - 16, bottom - top - 4);
    return std::move(p.items);
}

}  // namespace allies::layout
