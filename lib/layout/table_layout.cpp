// A table in its column: cell boxes, merged cells, row heights, borders,
// rows split across pages, repeated header rows.
#include "layout/engine.hpp"

#include <algorithm>

namespace allies::layout::detail {

namespace {

// The footnotes a row's cells call, in order (tracked deletions aside).
void called_notes(const std::vector<Inline>& inlines, std::vector<std::string>& out);
void called_notes(const std::vector<Block>& blocks, std::vector<std::string>& out) {
    for (const auto& b : blocks) {
        if (b.kind == BlockKind::paragraph) called_notes(b.paragraph.inlines, out);
        if (b.kind == BlockKind::table)
            for (const auto& row : b.table.rows)
                for (const auto& cell : row.cells) called_notes(cell.blocks, out);
        called_notes(b.children, out);
    }
}
void called_notes(const std::vector<Inline>& inlines, std::vector<std::string>& out) {
    for (const auto& in : inlines) {
        if (in.kind == InlineKind::deleted) continue;
        if (in.kind == InlineKind::footnote_ref && !in.id.empty()) out.push_back(in.id);
        called_notes(in.children, out);
        called_notes(in.blocks, out);
    }
}

}  // namespace

// ---- tables --------------------------------------------------------------
void Engine::table(const Table& t, Flow& f) {
    if (t.rows.empty()) return;
    below_floats(f);
    std::vector<double> cols;
    double total = 0;
    for (Twips w : t.grid) {
        cols.push_back(w * kTwip);
        total += w * kTwip;
    }
    if (cols.empty()) {
        std::size_t n = 0;
        for (const auto& r : t.rows) n = std::max<std::size_t>(n, r.cells.size());
        cols.assign(std::max<std::size_t>(1, n), f.width / static_cast<double>(std::max<std::size_t>(1, n)));
        total = f.width;
    }
    if (total > f.width && total > 0) {
        for (auto& c : cols) c *= f.width / total;  // too wide: scale to the column
        total = f.width;
    }
    // Where the table stands: from the column's leading side (the right
    // of a bidiVisual table) to its leading edge. By w:jc, else by
    // w:tblInd, which before Word 2013 measures to the first cell's text
    // (the border stands out into the margin by the cell's margin). A
    // floating table is placed by its position instead.
    const bool rtl = t.bidi_visual;
    double lead = 0;
    if (!t.position.present) {
        if (t.alignment == Alignment::center) {
            lead = (f.width - total) / 2;
        } else if (t.alignment == Alignment::right) {
            lead = f.width - total;
        } else {
            lead = t.indent * kTwip;
            if (doc_.compatibility_mode < 15) {
                Twips first = t.rows.front().cells.empty() ? -1 : t.rows.front().cells.front().margin_left;
                lead -= (first >= 0 ? first : t.cell_margin_left) * kTwip;
            }
        }
    }
    // Cells set apart (w:tblCellSpacing) stand `gap` inside their grid
    // slot on every side, so neighbours are two gaps apart.
    const double gap = t.cell_spacing * kTwip;
    // A cell's left edge, from its logical place (columns before it) and width.
    auto cell_x = [&](double before, double width) {
        return rtl ? f.x + f.width - lead - before - width : f.x + lead + before;
    };
    // Each cell's four edges, conflicts between neighbours settled.
    const std::vector<std::vector<CellEdges>> edges = resolve_cell_edges(t);
    // Vertically merged cells: a restart cell's content runs down through
    // the rows it spans. What a row cannot hold is carried, by grid
    // column, into the continuation cell below, which draws it as its own
    // (so it moves with its row across pages); the span's last row grows
    // if the content needs more room than the rows gave.
    const std::vector<std::vector<int>> spans = vertical_spans(t);
    struct Carried {
        std::vector<Item> items;  // relative to the next row's top
        double height = 0;        // room the content still needs
        std::size_t last_row = 0;
    };
    std::map<std::size_t, Carried> carried;
    list_node_ = -1;
    parents_.push_back(node("Table"));
    std::vector<std::pair<std::vector<Item>, double>> header_rows;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const TableRow& row = t.rows[r];
        parents_.push_back(node("TR"));
        // Lay out each cell in its own box to learn the row height.
        struct Placed {
            double x, width;
            Sink sink;
            double height;
            const TableCell* cell;
            std::size_t index;  // of the cell in its row
        };
        std::vector<Placed> placed;
        std::vector<std::pair<std::size_t, std::size_t>> spreading;  // (placed index, grid column) of merged content
        std::map<std::size_t, std::size_t> spreading_last;          // grid column -> last row of its span
        std::size_t col = static_cast<std::size_t>(std::max(0, row.grid_before));
        // A declared row height cannot exceed a page (Word caps it too).
        double row_height = std::clamp(row.height * kTwip, 0.0, f.paginate ? std::max(36.0, frame_height()) : 1e5);
        for (const auto& cell : row.cells) {
            const std::size_t start_col = col;
            double before = 0;
            for (std::size_t k = 0; k < col && k < cols.size(); ++k) before += cols[k];
            double w = 0;
            for (std::size_t k = col; k < col + static_cast<std::size_t>(std::max(1, cell.grid_span)) && k < cols.size(); ++k) w += cols[k];
            const double x = cell_x(before, w);
            col += static_cast<std::size_t>(std::max(1, cell.grid_span));
            Placed p{x, w, {}, 0, &cell, placed.size()};
            if (cell.vmerge != TableCell::VMerge::continue_) {
                double ml = (cell.margin_left >= 0 ? cell.margin_left : t.cell_margin_left) * kTwip;
                double mr = (cell.margin_right >= 0 ? cell.margin_right : t.cell_margin_right) * kTwip;
                if (rtl) std::swap(ml, mr);  // the start margin is on the right
                Flow cf;
                cf.x = x + gap + ml;
                cf.width = std::max(6.0, w - 2 * gap - ml - mr);
                cf.y = gap + (cell.margin_top >= 0 ? cell.margin_top : t.cell_margin_top) * kTwip;
                cf.sink = &p.sink;
                cf.in_cell = true;
                parents_.push_back(node(row.header ? "TH" : "TD"));
                int saved_list = list_node_;
                list_node_ = -1;
                bool saved_dark = background_dark_;
                if (Color shade; shading_color(cell.shading, shade)) background_dark_ = is_dark(shade);
                for (const auto& b : cell.blocks) block(b, cf);
                background_dark_ = saved_dark;
                list_node_ = saved_list;
                parents_.pop_back();
                p.height = std::max(cf.y, cf.float_bottom) + gap +
                           (cell.margin_bottom >= 0 ? cell.margin_bottom : t.cell_margin_bottom) * kTwip;
            }
            if (int span = spans[r][placed.size()]; span > 1) {
                spreading.emplace_back(placed.size(), start_col);
                spreading_last[start_col] = r + static_cast<std::size_t>(span) - 1;
            } else if (auto c = carried.find(start_col);
                       cell.vmerge == TableCell::VMerge::continue_ && c != carried.end()) {
                p.sink.items = std::move(c->second.items);
                p.height = c->second.height;
                if (c->second.last_row > r) {
                    spreading.emplace_back(placed.size(), start_col);
                    spreading_last[start_col] = c->second.last_row;
                } else {
                    row_height = std::max(row_height, p.height);  // the span's last row
                }
                carried.erase(c);
            } else {
                row_height = std::max(row_height, p.height);
            }
            placed.push_back(std::move(p));
        }
        // w:trHeight hRule="exact" (§17.4.81): the row is that high whatever
        // its content; Word clips the rest. Lines mostly below it are not
        // drawn (no clipping here: half a line would overlap the next row).
        if (row.height_rule == "exact" && row.height > 0) {
            row_height = std::clamp(row.height * kTwip, 1.0, f.paginate ? std::max(36.0, frame_height()) : 1e5);
            for (auto& p : placed) {
                if (p.height <= row_height) continue;
                std::erase_if(p.sink.items, [&](const Item& item) {
                    auto [top, bottom] = extent_of(item);
                    return (top + bottom) / 2 >= row_height;
                });
                p.height = row_height;
            }
        }
        // Merged content below this row's height goes on to the next row.
        for (const auto& [index, grid_col] : spreading) {
            Placed& sp = placed[index];
            Carried next;
            next.height = std::max(0.0, sp.height - row_height);
            next.last_row = spreading_last[grid_col];
            std::vector<Item> kept;
            for (auto& item : sp.sink.items) {
                if (extent_of(item).first >= row_height - 0.01) {
                    shift(item, -row_height);
                    next.items.push_back(std::move(item));
                } else {
                    kept.push_back(std::move(item));
                }
            }
            sp.sink.items = std::move(kept);
            sp.height = std::min(sp.height, row_height);
            carried[grid_col] = std::move(next);
        }
        // Vertical alignment in the cell (w:vAlign): the content moves down
        // within the row's height.
        for (auto& p : placed) {
            const std::string& va = p.cell->vertical_align;
            double room = row_height - p.height;
            if (room <= 0.01 || (va != "center" && va != "bottom")) continue;
            for (auto& item : p.sink.items) shift(item, va == "center" ? room / 2 : room);
        }
        auto repeat_headers = [&] {
            // Header rows (w:tblHeader) repeat at the top of each page,
            // drawn again as page furniture.
            if (row.header) return;
            for (const auto& [items, height] : header_rows) {
                for (auto item : items) {
                    shift(item, f.y);
                    std::visit([](auto& i) { i.tag = kArtifact; }, item);
                    f.sink->items.push_back(std::move(item));
                }
                f.y += height;
            }
        };
        // Draws the cells' items from [from, from + height) of the row at
        // the flow's cursor, with the cells' shading and borders.
        auto draw_slice = [&](double from, double height, bool last) {
            std::vector<Item> slice, lines;
            // The cell's box in the slice (inside the gaps of a spaced table).
            const double top = from > 0 ? 0 : std::min(gap, height), bottom = last ? std::max(top, height - gap) : height;
            for (auto& p : placed) {
                const double x0 = p.x + gap, x1 = std::max(x0, p.x + p.width - gap);
                if (Color shade; shading_color(p.cell->shading, shade))
                    slice.push_back(RectItem{x0, top, x1 - x0, bottom - top, true, shade, 0, kArtifact});
                for (auto& item : p.sink.items) {
                    auto [top, bottom] = extent_of(item);
                    (void)bottom;
                    // Each item goes in exactly one slice (the first takes
                    // anything above the row's top, such as a tall ascent).
                    if ((from > 0 && top < from - 0.01) || (!last && top >= from + height - 0.01)) continue;
                    Item moved = item;
                    shift(moved, -from);
                    slice.push_back(std::move(moved));
                }
                // Borders go over every cell's shading. A row cut by a page
                // keeps its top and bottom edges on both parts.
                // Edges go clockwise, so their inside is the same side (draw_border).
                CellEdges e = edges[r][p.index];
                if (rtl) std::swap(e.left, e.right);  // the leading edge is on the right
                draw_border(e.top, x0, top, x1, top, kArtifact, lines);
                draw_border(e.right, x1, top, x1, bottom, kArtifact, lines);
                if (!last || r + 1 == t.rows.size() || gap > 0) draw_border(e.bottom, x1, bottom, x0, bottom, kArtifact, lines);
                draw_border(e.left, x0, bottom, x0, top, kArtifact, lines);
            }
            if (gap > 0) {
                // The table's own border round the spaced cells.
                const double left = cell_x(0, total), right = left + total;
                const Border& lead_edge = rtl ? t.border_right : t.border_left;
                const Border& end_edge = rtl ? t.border_left : t.border_right;
                if (r == 0 && from <= 0) draw_border(t.border_top, left, 0, right, 0, kArtifact, lines);
                draw_border(end_edge, right, 0, right, height, kArtifact, lines);
                if (r + 1 == t.rows.size() && last) draw_border(t.border_bottom, right, height, left, height, kArtifact, lines);
                draw_border(lead_edge, left, height, left, 0, kArtifact, lines);
            }
            for (auto& l : lines) slice.push_back(std::move(l));
            return slice;
        };
        // Footnotes called from the row's cells go to the foot of the page
        // the row starts on (the row moves on if it and they cannot share it).
        std::vector<const Note*> notes;
        if (f.paginate) {
            std::vector<std::string> ids;
            for (const auto& p : placed) called_notes(p.cell->blocks, ids);
            for (const auto& id : ids)
                for (const auto& note : doc_.footnotes)
                    if (note.id == id && !placed_notes_.count(id) &&
                        std::find(notes.begin(), notes.end(), &note) == notes.end())
                        notes.push_back(&note);
        }
        Sink note_box;
        const double note_height = notes.empty() ? 0 : lay_out_notes(notes, f, note_box);
        const double note_room = note_height > 0 && pages_.back().notes_height <= 0 ? note_height + kNoteSeparator : note_height;
        if (f.paginate && f.y + row_height > flow_bottom() - note_room && !f.at_top &&
            (row.cant_split || flow_bottom() - note_room - f.y < 24)) {
            next_frame();
            repeat_headers();
        }
        if (!notes.empty()) {
            PageInfo& page = pages_.back();
            for (auto item : note_box.items) {
                shift(item, page.notes_height);
                page.notes.items.push_back(std::move(item));
            }
            page.notes_height += note_height;
            for (const Note* n : notes) placed_notes_.insert(n->id);
            split_notes(page, std::max(24.0, page.bottom - (f.y + row_height) - kNoteSeparator));
        }
        // A row taller than the space left is split between lines, its
        // cells continuing on the next page, as Word allows by default
        // (w:cantSplit rows too when taller than a page: never lose text).
        double from = 0;
        while (f.paginate && f.y + (row_height - from) > flow_bottom() + 0.01 &&
               (!row.cant_split || row_height - from > frame_height())) {
            double cut = split_point(placed, from, flow_bottom() - f.y);
            if (cut <= from + 1) cut = from + std::max(1.0, flow_bottom() - f.y);  // nothing breaks cleanly: cut anyway
            for (auto item : draw_slice(from, cut - from, false)) {
                shift(item, f.y);
                f.sink->items.push_back(std::move(item));
            }
            from = cut;
            next_frame();
            repeat_headers();
        }
        double top = f.y;
        std::vector<Item> row_items = draw_slice(from, row_height - from, true);  // relative to the row's top, kept for header rows
        row_height -= from;
        for (auto item : row_items) {
            shift(item, top);
            f.sink->items.push_back(std::move(item));
        }
        if (row.header && f.paginate) header_rows.emplace_back(std::move(row_items), row_height);
        f.y += row_height;
        f.at_top = false;
        parents_.pop_back();  // TR
    }
    parents_.pop_back();  // Table
    list_node_ = -1;
    f.open_box = {};
    f.previous = {};
    f.y += 2;
}

}  // namespace allies::layout::detail
