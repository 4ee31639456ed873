#include "layout/table_borders.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

namespace allies::layout {

namespace {

// ST_Border styles in the order of §17.18.2, which is also the order that
// settles a conflict between borders of equal weight (earlier wins).
constexpr std::array<std::string_view, 25> kStyleOrder = {
    "single",          "thick",          "double",          "dotted",
    "dashed",          "dotDash",        "dotDotDash",      "triple",
    "thinThickSmallGap", "thickThinSmallGap", "thinThickThinSmallGap", "thinThickMediumGap",
    "thickThinMediumGap", "thinThickThinMediumGap", "thinThickLargeGap", "thickThinLargeGap",
    "thinThickThinLargeGap", "wave",       "doubleWave",      "dashSmallGap",
    "dashDotStroked",  "threeDEmboss",   "threeDEngrave",   "outset",
    "inset"};

int style_number(const std::string& style) {
    for (std::size_t i = 0; i < kStyleOrder.size(); ++i)
        if (kStyleOrder[i] == style) return static_cast<int>(i) + 1;
    return 1;  // art borders and unknown styles count as single
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

double brightness(const Color& c) { return c.r * 0.299 + c.g * 0.587 + c.b * 0.114; }

// Whether `a` wins over `b` on a shared edge.
bool wins(const Border& a, const Border& b) {
    double wa = border_weight(a), wb = border_weight(b);
    if (wa != wb) return wa > wb;
    if (wa < 0) return true;
    int sa = style_number(a.style), sb = style_number(b.style);
    if (sa != sb) return sa < sb;
    return brightness(border_color(a)) <= brightness(border_color(b));
}

const Border& heavier(const Border& a, const Border& b) { return wins(a, b) ? a : b; }

void line(double x1, double y1, double x2, double y2, double width, const Color& color, std::vector<double> dash, int tag,
          std::vector<Item>& out) {
    LineItem l{x1, y1, x2, y2, width, color, tag, {}};
    l.dash = std::move(dash);
    out.push_back(std::move(l));
}

}  // namespace

Color border_color(const Border& b) {
    Color c;
    if (b.color.size() != 6) return c;
    int v[6];
    for (int i = 0; i < 6; ++i)
        if ((v[i] = hex_digit(b.color[static_cast<std::size_t>(i)])) < 0) return c;
    c.r = (v[0] * 16 + v[1]) / 255.0;
    c.g = (v[2] * 16 + v[3]) / 255.0;
    c.b = (v[4] * 16 + v[5]) / 255.0;
    return c;
}

double border_line_width(const Border& b) {
    // w:sz is in eighths of a point, 2..96 (§17.3.4); absent: a thin line.
    if (b.size <= 0) return 0.5;
    return std::clamp(b.size / 8.0, 0.25, 12.0);
}

double border_weight(const Border& b) {
    if (!b.present()) return -1;
    return std::max(2, std::min(b.size, 96)) * style_number(b.style);
}

std::vector<std::vector<CellEdges>> resolve_cell_edges(const Table& t) {
    const std::size_t rows = t.rows.size();
    // Each cell's own edges: its tcBorders, else the table's outer or inside border.
    std::vector<std::vector<CellEdges>> own(rows);
    std::vector<std::vector<std::pair<int, int>>> span(rows);  // grid columns [first, end)
    for (std::size_t r = 0; r < rows; ++r) {
        const auto& row = t.rows[r];
        int col = std::max(0, row.grid_before);
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
            const TableCell& cell = row.cells[c];
            int width = std::max(1, cell.grid_span);
            span[r].emplace_back(col, col + width);
            col += width;
            CellEdges e;
            auto pick = [](const Border& mine, const Border& table) { return mine.style.empty() ? table : mine; };
            // Cells set apart (w:tblCellSpacing) each draw a box of the
            // inside borders; the table's outer border goes round them all.
            const bool apart = t.cell_spacing > 0;
            e.top = pick(cell.border_top, r == 0 && !apart ? t.border_top : t.border_inside_h);
            e.bottom = pick(cell.border_bottom, r + 1 == rows && !apart ? t.border_bottom : t.border_inside_h);
            e.left = pick(cell.border_left, c == 0 && !apart ? t.border_left : t.border_inside_v);
            e.right = pick(cell.border_right, c + 1 == row.cells.size() && !apart ? t.border_right : t.border_inside_v);
            own[r].push_back(e);
        }
    }
    // The cell of row r covering grid column col, or -1.
    auto at = [&](std::size_t r, int col) -> int {
        for (std::size_t c = 0; c < span[r].size(); ++c)
            if (span[r][c].first <= col && col < span[r][c].second) return static_cast<int>(c);
        return -1;
    };
    if (t.cell_spacing > 0) {
        // No neighbours share an edge; a merged cell still has no line inside.
        for (std::size_t r = 0; r < rows; ++r)
            for (std::size_t c = 0; c < own[r].size(); ++c) {
                if (t.rows[r].cells[c].vmerge == TableCell::VMerge::continue_) own[r][c].top = Border{};
                if (r + 1 < rows)
                    if (int below = at(r + 1, span[r][c].first);
                        below >= 0 && t.rows[r + 1].cells[static_cast<std::size_t>(below)].vmerge == TableCell::VMerge::continue_)
                        own[r][c].bottom = Border{};
            }
        return own;
    }
    std::vector<std::vector<CellEdges>> out = own;
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < own[r].size(); ++c) {
            CellEdges& e = out[r][c];
            if (c > 0) e.left = heavier(own[r][c].left, own[r][c - 1].right);
            if (c + 1 < own[r].size()) e.right = heavier(own[r][c].right, own[r][c + 1].left);
            if (r > 0)
                if (int above = at(r - 1, span[r][c].first); above >= 0)
                    e.top = heavier(own[r][c].top, own[r - 1][static_cast<std::size_t>(above)].bottom);
            if (r + 1 < rows)
                if (int below = at(r + 1, span[r][c].first); below >= 0) {
                    e.bottom = heavier(own[r][c].bottom, own[r + 1][static_cast<std::size_t>(below)].top);
                    // A merged cell continues below: no line inside it.
                    if (t.rows[r + 1].cells[static_cast<std::size_t>(below)].vmerge == TableCell::VMerge::continue_)
                        e.bottom = Border{};
                }
            if (t.rows[r].cells[c].vmerge == TableCell::VMerge::continue_) e.top = Border{};
        }
    }
    return out;
}

std::vector<std::vector<int>> vertical_spans(const Table& t) {
    // Grid column where each cell starts.
    std::vector<std::vector<int>> start(t.rows.size()), out(t.rows.size());
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        int col = std::max(0, t.rows[r].grid_before);
        for (const auto& cell : t.rows[r].cells) {
            start[r].push_back(col);
            col += std::max(1, cell.grid_span);
        }
        out[r].assign(t.rows[r].cells.size(), 1);
    }
    auto continues = [&](std::size_t r, int col) {
        for (std::size_t c = 0; c < start[r].size(); ++c)
            if (start[r][c] == col) return t.rows[r].cells[c].vmerge == TableCell::VMerge::continue_;
        return false;
    };
    for (std::size_t r = 0; r < t.rows.size(); ++r)
        for (std::size_t c = 0; c < t.rows[r].cells.size(); ++c) {
            if (t.rows[r].cells[c].vmerge != TableCell::VMerge::restart) continue;
            std::size_t below = r + 1;
            while (below < t.rows.size() && continues(below, start[r][c])) ++below;
            out[r][c] = static_cast<int>(below - r);
        }
    return out;
}

void draw_border(const Border& b, double x1, double y1, double x2, double y2, int tag, std::vector<Item>& out) {
    if (!b.present()) return;
    const std::string& s = b.style;
    double w = border_line_width(b);
    Color color = border_color(b);
    // Offsets across the edge (unit normal) for parallel lines.
    double dx = x2 - x1, dy = y2 - y1;
    double len = std::hypot(dx, dy);
    if (len <= 0) return;
    double nx = -dy / len, ny = dx / len;
    auto at = [&](double offset, double width, std::vector<double> dash = {}) {
        line(x1 + nx * offset, y1 + ny * offset, x2 + nx * offset, y2 + ny * offset, width, color, std::move(dash), tag, out);
    };
    if (s == "double" || s == "doubleWave") {
        at(-w, w);
        at(w, w);
    } else if (s == "triple") {
        at(-2 * w, w);
        at(0, w);
        at(2 * w, w);
    } else if (s.rfind("thinThickThin", 0) == 0) {
        double thin = std::max(0.25, w / 3);
        at(-(w / 2 + thin), thin);
        at(0, w);
        at(w / 2 + thin, thin);
    } else if (s.rfind("thinThick", 0) == 0 || s.rfind("thickThin", 0) == 0) {
        double thin = std::max(0.25, w / 3);
        double gap = s.find("LargeGap") != std::string::npos ? w : s.find("MediumGap") != std::string::npos ? w / 2 : w / 4;
        double first = s.rfind("thinThick", 0) == 0 ? thin : w, second = first == thin ? w : thin;
        at(-(gap + first) / 2, first);
        at((gap + second) / 2, second);
    } else if (s == "dotted") {
        at(0, w, {w, w});
    } else if (s == "dashed") {
        at(0, w, {std::max(3.0, 4 * w), std::max(1.5, 2 * w)});
    } else if (s == "dashSmallGap") {
        at(0, w, {std::max(3.0, 4 * w), std::max(1.0, w)});
    } else if (s == "dotDash" || s == "dashDotStroked") {
        at(0, w, {std::max(3.0, 4 * w), std::max(1.5, 2 * w), w, std::max(1.5, 2 * w)});
    } else if (s == "dotDotDash") {
        double gap = std::max(1.5, 2 * w);
        at(0, w, {std::max(3.0, 4 * w), gap, w, gap, w, gap});
    } else {
        at(0, w);  // single, thick, wave, 3-D and art borders: one solid line
    }
}

}  // namespace allies::layout
