#include "layout/floats.hpp"

#include <algorithm>
#include <cmath>

#include "layout/colors.hpp"

namespace allies::layout {
namespace {

constexpr double kEmu = 1.0 / 12700.0;
constexpr double kTwip = 1.0 / 20.0;

std::string frame_wrap(const std::string& w) {
    if (w == "none") return "none";
    if (w == "notBeside") return "topAndBottom";
    return "square";  // around, auto, tight, through, absent
}

std::string table_anchor(const std::string& a, bool horizontal) {
    if (a == "page" || a == "margin") return a;
    return horizontal ? "column" : "paragraph";  // text
}

}  // namespace

Placement placement_of(const FloatFormat& f) {
    Placement p;
    p.h_relative = f.h_relative;
    p.v_relative = f.v_relative;
    p.h_align = f.h_align;
    p.v_align = f.v_align;
    p.h_offset = static_cast<double>(f.h_offset) * kEmu;
    p.v_offset = static_cast<double>(f.v_offset) * kEmu;
    p.wrap = f.wrap;
    p.wrap_side = f.wrap_side;
    p.dist_top = static_cast<double>(f.dist_top) * kEmu;
    p.dist_bottom = static_cast<double>(f.dist_bottom) * kEmu;
    p.dist_left = static_cast<double>(f.dist_left) * kEmu;
    p.dist_right = static_cast<double>(f.dist_right) * kEmu;
    p.behind = f.behind;
    return p;
}

Placement placement_of(const TextFrame& f) {
    Placement p;
    p.h_relative = table_anchor(f.h_anchor, true);
    p.v_relative = table_anchor(f.v_anchor, false);
    p.h_align = f.x_align;
    p.v_align = f.y_align == "inline" ? std::string{} : f.y_align;
    p.h_offset = f.x * kTwip;
    p.v_offset = f.y * kTwip;
    p.wrap = frame_wrap(f.wrap);
    p.dist_left = p.dist_right = f.h_space * kTwip;
    p.dist_top = p.dist_bottom = f.v_space * kTwip;
    return p;
}

Placement placement_of(const TablePosition& t) {
    Placement p;
    p.h_relative = table_anchor(t.h_anchor, true);
    p.v_relative = table_anchor(t.v_anchor, false);
    p.h_align = t.x_align;
    p.v_align = t.y_align == "inline" ? std::string{} : t.y_align;
    p.h_offset = t.x * kTwip;
    p.v_offset = t.y * kTwip;
    p.wrap = "square";
    p.dist_left = t.left_from_text * kTwip;
    p.dist_right = t.right_from_text * kTwip;
    p.dist_top = t.top_from_text * kTwip;
    p.dist_bottom = t.bottom_from_text * kTwip;
    return p;
}

bool page_relative(const Placement& p) {
    return p.v_relative == "page" || p.v_relative == "margin" || p.v_relative == "topMargin" ||
           p.v_relative == "bottomMargin" || p.v_relative == "insideMargin" || p.v_relative == "outsideMargin";
}

Box place(const Placement& p, double width, double height, const AnchorAreas& a) {
    Box b{0, 0, width, height};
    // Horizontal: the area (ST_RelFromH), then alignment or offset in it.
    double ax = a.column_x, aw = a.column_width;
    const std::string& h = p.h_relative;
    if (h == "page") ax = 0, aw = a.page_width;
    else if (h == "margin") ax = a.margins.x, aw = a.margins.width;
    else if (h == "leftMargin" || (h == "insideMargin" && a.odd_page) || (h == "outsideMargin" && !a.odd_page))
        ax = 0, aw = a.margins.x;
    else if (h == "rightMargin" || h == "insideMargin" || h == "outsideMargin")
        ax = a.margins.right(), aw = a.page_width - a.margins.right();
    else if (h == "character") ax = a.character_x, aw = 0;
    std::string ha = p.h_align;
    if (ha == "inside") ha = a.odd_page ? "left" : "right";
    if (ha == "outside") ha = a.odd_page ? "right" : "left";
    if (ha == "left") b.x = ax;
    else if (ha == "center") b.x = ax + (aw - width) / 2;
    else if (ha == "right") b.x = ax + aw - width;
    else b.x = ax + p.h_offset;
    // Vertical (ST_RelFromV).
    double ay = a.paragraph_y, ah = 0;
    const std::string& v = p.v_relative;
    if (v == "page") ay = 0, ah = a.page_height;
    else if (v == "margin") ay = a.margins.y, ah = a.margins.height;
    else if (v == "topMargin" || (v == "insideMargin" && a.odd_page) || (v == "outsideMargin" && !a.odd_page))
        ay = 0, ah = a.margins.y;
    else if (v == "bottomMargin" || v == "insideMargin" || v == "outsideMargin")
        ay = a.margins.bottom(), ah = a.page_height - a.margins.bottom();
    else if (v == "line") ay = a.line_y;
    std::string va = p.v_align;
    if (va == "inside") va = "top";
    if (va == "outside") va = "bottom";
    if (va == "top") b.y = ay;
    else if (va == "center") b.y = ay + (ah - height) / 2;
    else if (va == "bottom") b.y = ay + ah - height;
    else b.y = ay + p.v_offset;
    return b;
}

std::optional<Exclusion> exclusion_of(const Placement& p, const Box& box) {
    if (p.wrap == "none") return std::nullopt;
    Exclusion e;
    e.box = {box.x - p.dist_left, box.y - p.dist_top, box.width + p.dist_left + p.dist_right,
             box.height + p.dist_top + p.dist_bottom};
    e.top_and_bottom = p.wrap == "topAndBottom";
    e.side = p.wrap_side;
    return e;
}

std::optional<Interval> line_room(const std::vector<Exclusion>& exclusions, double left, double right, double top,
                                  double height, double min_width, double& below) {
    std::vector<Interval> free{{left, right}};
    below = top;
    bool blocked = false;
    for (const auto& e : exclusions) {
        const Box& b = e.box;
        if (b.y >= top + height - 0.01 || b.bottom() <= top + 0.01) continue;  // not in this band
        if (b.x >= right - 0.01 || b.right() <= left + 0.01) continue;         // not over this column
        below = blocked ? std::min(below, b.bottom()) : b.bottom();
        blocked = true;
        if (e.top_and_bottom) return std::nullopt;
        std::vector<Interval> next;
        for (const auto& f : free) {
            // The side the wrap allows: text left of the object only, right
            // only, or either (the wider, below).
            if (e.side != "right" && f.left < b.x) next.push_back({f.left, std::min(f.right, b.x)});
            if (e.side != "left" && f.right > b.right()) next.push_back({std::max(f.left, b.right()), f.right});
        }
        free = std::move(next);
    }
    const Interval* best = nullptr;
    for (const auto& f : free)
        if (f.right - f.left >= min_width && (!best || f.right - f.left > best->right - best->left)) best = &f;
    if (!best) {
        // Nothing wide enough: the first obstruction that ends lets the text by.
        double lowest = 1e18;
        for (const auto& e : exclusions) {
            const Box& b = e.box;
            if (b.y >= top + height - 0.01 || b.bottom() <= top + 0.01) continue;
            if (b.x >= right - 0.01 || b.right() <= left + 0.01) continue;
            lowest = std::min(lowest, b.bottom());
        }
        below = std::max(lowest, top + 1);
        return std::nullopt;
    }
    return *best;
}

std::vector<Item> shape_items(const FloatFormat& f, const Box& box) {
    std::vector<Item> out;
    Color fill, line;
    bool has_fill = hex_color(f.fill, fill);
    bool has_line = hex_color(f.line, line) && f.line_width > 0;
    double lw = std::max(0.25, static_cast<double>(f.line_width) * kEmu);
    const double x = box.x, y = box.y, w = box.width, h = box.height;
    std::vector<double> dash;
    if (!f.dash.empty()) {
        if (f.dash.find("sysDot") != std::string::npos || f.dash == "dot") dash = {lw, lw * 2};
        else dash = {lw * 4, lw * 3};
    }
    const std::string& g = f.geometry;
    if (g == "line" || g.starts_with("straightConnector") || g.starts_with("bentConnector") || g.starts_with("curvedConnector")) {
        if (!has_line) return out;
        // From one corner to the other (flips choose which); bent
        // connectors turn twice at the middle, curved ones bend there.
        double x0 = f.flip_h ? x + w : x, x1 = f.flip_h ? x : x + w;
        double y0 = f.flip_v ? y + h : y, y1 = f.flip_v ? y : y + h;
        if (g.starts_with("straightConnector") || g == "line") {
            out.push_back(LineItem{x0, y0, x1, y1, lw, line, kArtifact, dash});
            return out;
        }
        PathItem path;
        path.fill = false;
        path.closed = false;
        path.stroke = line;
        path.stroke_width = lw;
        path.tag = kArtifact;
        double xm = (x0 + x1) / 2;
        if (g.starts_with("bentConnector")) {
            path.points = {{x0, y0}, {xm, y0}, {xm, y1}, {x1, y1}};
        } else {
            for (int i = 0; i <= 24; ++i) {  // a cubic from (x0,y0) to (x1,y1), tangents level at the ends
                double t = i / 24.0, u = 1 - t;
                double px = u * u * u * x0 + 3 * u * u * t * xm + 3 * u * t * t * xm + t * t * t * x1;
                double py = u * u * u * y0 + 3 * u * u * t * y0 + 3 * u * t * t * y1 + t * t * t * y1;
                path.points.emplace_back(px, py);
            }
        }
        out.push_back(std::move(path));
        return out;
    }
    std::vector<std::pair<double, double>> pts;
    auto polygon = [&](std::initializer_list<std::pair<double, double>> unit) {
        for (auto [u, v] : unit) pts.emplace_back(x + u * w, y + v * h);
    };
    if (g == "ellipse" || g == "flowChartConnector" || g == "donut") {
        for (int i = 0; i < 64; ++i) {
            double t = i * 2 * M_PI / 64;
            pts.emplace_back(x + w / 2 + w / 2 * std::cos(t), y + h / 2 + h / 2 * std::sin(t));
        }
    } else if (g == "roundRect" || g == "flowChartAlternateProcess" || g == "round2SameRect") {
        double r = std::min(w, h) * 0.1667;
        auto arc = [&](double cx, double cy, double from) {
            for (int i = 0; i <= 8; ++i) {
                double t = from + i * (M_PI / 2) / 8;
                pts.emplace_back(cx + r * std::cos(t), cy + r * std::sin(t));
            }
        };
        arc(x + w - r, y + r, -M_PI / 2);
        arc(x + w - r, y + h - r, 0);
        arc(x + r, y + h - r, M_PI / 2);
        arc(x + r, y + r, M_PI);
    } else if (g == "triangle" || g == "flowChartExtract") {
        polygon({{0.5, 0}, {1, 1}, {0, 1}});
    } else if (g == "rtTriangle") {
        polygon({{0, 0}, {1, 1}, {0, 1}});
    } else if (g == "diamond" || g == "flowChartDecision") {
        polygon({{0.5, 0}, {1, 0.5}, {0.5, 1}, {0, 0.5}});
    } else if (g == "rightArrow") {
        polygon({{0, 0.25}, {0.7, 0.25}, {0.7, 0}, {1, 0.5}, {0.7, 1}, {0.7, 0.75}, {0, 0.75}});
    } else if (g == "leftArrow") {
        polygon({{1, 0.25}, {0.3, 0.25}, {0.3, 0}, {0, 0.5}, {0.3, 1}, {0.3, 0.75}, {1, 0.75}});
    } else if (g == "upArrow") {
        polygon({{0.25, 1}, {0.25, 0.3}, {0, 0.3}, {0.5, 0}, {1, 0.3}, {0.75, 0.3}, {0.75, 1}});
    } else if (g == "downArrow") {
        polygon({{0.25, 0}, {0.25, 0.7}, {0, 0.7}, {0.5, 1}, {1, 0.7}, {0.75, 0.7}, {0.75, 0}});
    } else if (g == "homePlate") {
        polygon({{0, 0}, {0.8, 0}, {1, 0.5}, {0.8, 1}, {0, 1}});
    } else if (g == "chevron") {
        polygon({{0, 0}, {0.8, 0}, {1, 0.5}, {0.8, 1}, {0, 1}, {0.2, 0.5}});
    } else if (g == "parallelogram" || g == "flowChartInputOutput") {
        polygon({{0.25, 0}, {1, 0}, {0.75, 1}, {0, 1}});
    } else if (g == "hexagon") {
        polygon({{0.25, 0}, {0.75, 0}, {1, 0.5}, {0.75, 1}, {0.25, 1}, {0, 0.5}});
    } else if (g == "octagon") {
        polygon({{0.29, 0}, {0.71, 0}, {1, 0.29}, {1, 0.71}, {0.71, 1}, {0.29, 1}, {0, 0.71}, {0, 0.29}});
    } else if (g == "pentagon") {
        polygon({{0.5, 0}, {1, 0.38}, {0.81, 1}, {0.19, 1}, {0, 0.38}});
    }
    if (pts.empty()) {  // rectangles and every geometry not drawn above
        if (has_fill) out.push_back(RectItem{x, y, w, h, true, fill, 0, kArtifact});
        if (has_line) {
            if (dash.empty()) {
                out.push_back(RectItem{x, y, w, h, false, line, lw, kArtifact});
            } else {
                out.push_back(LineItem{x, y, x + w, y, lw, line, kArtifact, dash});
                out.push_back(LineItem{x + w, y, x + w, y + h, lw, line, kArtifact, dash});
                out.push_back(LineItem{x + w, y + h, x, y + h, lw, line, kArtifact, dash});
                out.push_back(LineItem{x, y + h, x, y, lw, line, kArtifact, dash});
            }
        }
        return out;
    }
    if (!has_fill && !has_line) return out;
    PathItem p;
    p.points = std::move(pts);
    p.fill = has_fill;
    p.color = fill;
    p.tag = kArtifact;
    if (has_line) {
        p.stroke_width = lw;
        p.stroke = line;
    }
    out.push_back(std::move(p));
    return out;
}

}  // namespace allies::layout
