// Blocks down the columns of pages: sections and columns, new pages,
// paragraph spacing, keep and widow rules, footnotes by line, paragraph
// shading and borders.
#include "layout/engine.hpp"

namespace allies::layout::detail {

// ---- structure (tagged PDF) -----------------------------------------
int Engine::node(const std::string& type, const std::string& alt) {
    if (artifact_) return kArtifact;
    out_.structure.push_back({type, parents_.back(), alt});
    return static_cast<int>(out_.structure.size()) - 1;
}

// ---- pages and sections -------------------------------------------
// Page geometry within what Word accepts (a page from 1 to 22 inches a
// side, at least an inch of text each way), so that a damaged or hostile
// size can neither hide the text nor make endless pages.
void Engine::sane_geometry(Section& s) {
    s.page_width = std::clamp<Twips>(s.page_width, 1440, 31680);
    s.page_height = std::clamp<Twips>(s.page_height, 1440, 31680);
    auto fit = [](Twips& a, Twips& b, Twips room) {
        a = std::max<Twips>(0, a);
        b = std::max<Twips>(0, b);
        if (a + b > room) {  // margins leave less than an inch: shrink them in proportion
            double k = static_cast<double>(room) / static_cast<double>(a + b);
            a = static_cast<Twips>(a * k);
            b = static_cast<Twips>(b * k);
        }
    };
    s.gutter = std::clamp<Twips>(s.gutter, 0, s.page_width / 4);
    fit(s.margin_left, s.margin_right, s.page_width - s.gutter - 1440);
    fit(s.margin_top, s.margin_bottom, s.page_height - 1440);
    s.margin_header = std::clamp<Twips>(s.margin_header, 0, s.page_height / 2);
    s.margin_footer = std::clamp<Twips>(s.margin_footer, 0, s.page_height / 2);
    s.columns = std::clamp(s.columns, 1, 45);
    s.column_space = std::clamp<Twips>(s.column_space, 0, s.page_width);
}

void Engine::start_section(const Section& s, bool first) {
    section_ = &s;
    section_index_ = static_cast<std::size_t>(section_ - sections_.data());
    if (sections_.empty() || section_index_ >= sections_.size()) section_index_ = 0;
    if (first || s.type != "continuous" || pages_.empty()) {
        new_page(true);
        return;
    }
    // A continuous break: the new section's columns start below
    // everything already on the page (columns are not balanced).
    PageInfo& p = pages_.back();
    double y = std::max(flow_.y, p.deepest);
    set_columns(p, s, y);
    flow_.y = y;
}

// Column geometry of a section from y down; the flow goes to column 0.
void Engine::set_columns(PageInfo& p, const Section& s, double y) {
    double left = (s.margin_left + s.gutter) * kTwip;
    double width = std::max(72.0, (s.page_width - s.margin_left - s.margin_right - s.gutter) * kTwip);
    int n = std::clamp(s.columns, 1, 16);
    double gap = n > 1 ? std::max(0.0, s.column_space * kTwip) : 0;
    if (n > 1 && (width - gap * (n - 1)) / n < 36) n = 1;  // columns too narrow to hold text: one
    p.columns = n;
    p.column = 0;
    p.column_top = y;
    p.columns_first_item = p.sink.items.size();
    p.left = left;
    p.column_gap = n > 1 ? gap : 0;
    p.column_width = n > 1 ? (width - gap * (n - 1)) / n : width;
    flow_.x = left;
    flow_.width = p.column_width;
}

// Overflow: the next column of the page, else a new page.
void Engine::next_frame(bool overflow) {
    if (!pages_.empty()) {
        PageInfo& p = pages_.back();
        p.deepest = std::max(p.deepest, flow_.y);
        if (p.column + 1 < p.columns) {
            ++p.column;
            flow_.x = p.left + p.column * (p.column_width + p.column_gap);
            flow_.y = p.column_top;
            flow_.at_top = true;
            flow_.overflowed = overflow;
            return;
        }
    }
    new_page();
    flow_.overflowed = overflow;
}

void Engine::new_page(bool first_of_section) {
    const Section& s = section_ ? *section_ : default_section_;
    PageInfo p;
    p.section = section_index_;
    p.first_of_section = first_of_section;
    p.width = s.page_width * kTwip;
    p.height = s.page_height * kTwip;
    p.bottom = (s.page_height - s.margin_bottom) * kTwip;
    // A header taller than the top margin pushes the text down, a tall
    // footer pushes its bottom up, as in Word.
    double header = extent(p.section, false, first_of_section && s.title_page);
    double footer = extent(p.section, true, first_of_section && s.title_page);
    p.bottom = std::min(p.bottom, s.page_height * kTwip - s.margin_footer * kTwip - footer);
    pages_.push_back(std::move(p));
    flow_.y = std::max(s.margin_top * kTwip, s.margin_header * kTwip + header);  // right below it, as Word and LibreOffice
    set_columns(pages_.back(), s, flow_.y);
    flow_.paginate = true;
    flow_.sink = &pages_.back().sink;
    flow_.behind = &pages_.back().behind;
    flow_.exclusions.clear();
    flow_.open_frame.reset();
    flow_.at_top = true;
    flow_.overflowed = false;
    // Footnotes continued from the page before open this page's note area;
    // what this page cannot hold either goes on (at least two lines of text
    // stay for the body).
    if (!note_carry_.items.empty()) {
        PageInfo& page = pages_.back();
        page.notes = std::move(note_carry_);
        page.notes_height = note_carry_height_;
        page.notes_continued = true;
        note_carry_ = {};
        note_carry_height_ = 0;
        split_notes(page, std::max(24.0, page.bottom - flow_.y - kNoteSeparator - 28));
    }
}

// Where body text must stop on the current page: above its footnotes.
double Engine::flow_bottom() const {
    if (pages_.empty()) return content_bottom();
    const PageInfo& p = pages_.back();
    return p.bottom - (p.notes_height > 0 ? p.notes_height + kNoteSeparator : 0);
}

double Engine::content_bottom() const {
    if (!pages_.empty()) return pages_.back().bottom;
    const Section& s = section_ ? *section_ : default_section_;
    return (s.page_height - s.margin_bottom) * kTwip;
}

// ---- blocks ------------------------------------------------------------
void Engine::block(const Block& b, Flow& f) {
    switch (b.kind) {
        case BlockKind::paragraph:
            if (writers::deleted_whole(b.paragraph)) {
                // A tracked deletion of the whole paragraph: accepted, it
                // takes no room (its section still ends there).
                if (b.paragraph.section_end) end_section(f);
                break;
            }
            if (b.paragraph.props.frame.present) {
                framed_paragraph(b.paragraph, f);
            } else {
                f.open_frame.reset();
                paragraph(b.paragraph, f);
            }
            break;
        case BlockKind::table:
            f.open_frame.reset();
            if (b.table.position.present) floating_table(b.table, f);
            else table(b.table, f);
            break;
        case BlockKind::content_control:
        case BlockKind::inserted:
            for (const auto& c : b.children) block(c, f);
            break;
        case BlockKind::deleted: break;
    }
}

// A paragraph's atoms: its list label and tab, then its runs, fields and
// drawings, measured (shaped where the script needs it, East Asian spacing).
std::vector<Atom> Engine::paragraph_atoms(ParagraphState& ps, const Paragraph& para) {
    const ParaProps& pp = para.props;
    std::vector<Atom> atoms;
    // Runs over a dark paragraph shading take white for automatic colour.
    bool saved_dark = background_dark_;
    if (Color shade; shading_color(pp.shading, shade)) background_dark_ = is_dark(shade);
    int para_style = style_of(ps, pp.run, "");
    if (!para.list_label.empty()) {
        RunProps lp = para.label_props ? *para.label_props : pp.run;
        add_text(ps, atoms, para.list_label, style_of(ps, lp, ""), false);
        Atom tab;
        tab.kind = AtomKind::tab;
        tab.style = para_style;
        atoms.push_back(tab);
    }
    std::size_t label_end = para.list_label.empty() ? 0 : atoms.size() - 1;  // label atoms, before its tab
    gather(ps, para.inlines, atoms, "");
    background_dark_ = saved_dark;
    shape_widths(ps, atoms);
    east_asian_spacing(ps, atoms);

    ps.label_end = label_end;
    // A line with nothing on it (an empty paragraph) is as high as the
    // paragraph mark's type.
    ps.base_style = para.mark_props ? style_of(ps, *para.mark_props, "") : para_style;
    return atoms;
}

// Structure (tagged PDF): a heading, a paragraph, or a list item (label + body).
void Engine::tag_paragraph(ParagraphState& ps, const Paragraph& para) {
    const ParaProps& pp = para.props;
    // Structure: a heading, a paragraph, or a list item (label + body).
    bool heading = pp.outline_level >= 0 && pp.outline_level <= 5;
    if (artifact_) {
        ps.tag = ps.label_tag = kArtifact;
    } else if (heading) {  // a numbered heading is a heading, its number part of it
        list_node_ = -1;
        ps.tag = ps.label_tag = node("H" + std::to_string(pp.outline_level + 1));
    } else if (!para.list_label.empty()) {
        if (list_node_ < 0 || list_parent_ != parents_.back()) {
            list_node_ = node("L");
            list_parent_ = parents_.back();
        }
        parents_.push_back(list_node_);
        parents_.push_back(node("LI"));
        ps.label_tag = node("Lbl");
        ps.tag = node("LBody");
        parents_.pop_back();
        parents_.pop_back();
    } else {
        list_node_ = -1;
        ps.tag = ps.label_tag = node("P");
    }

}

// Break opportunities (UAX #14) over the paragraph's atoms: break_before[i]
// when a line may start at atom i.
std::vector<bool> Engine::break_opportunities(const std::vector<Atom>& atoms) {
    // Break opportunities (UAX #14) over the paragraph's text.
    std::u16string units;
    std::vector<std::size_t> unit_atom;  // UTF-16 unit -> atom
    units.reserve(atoms.size());
    unit_atom.reserve(atoms.size());
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        char32_t c = atoms[i].kind == AtomKind::text ? atoms[i].ch
                     : atoms[i].kind == AtomKind::tab ? U'\t'
                     : atoms[i].kind == AtomKind::image ? U'\uFFFC' : U'\n';
        if (c >= 0x10000 && c <= 0x10FFFF) {
            units.push_back(static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10)));
            units.push_back(static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF)));
            unit_atom.push_back(i);
        } else {
            units.push_back(c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) ? u'\uFFFD' : static_cast<char16_t>(c));
        }
        unit_atom.push_back(i);
    }
    // Read-only alias of units (no copy).
    icu::UnicodeString text(false, units.data(), static_cast<int32_t>(units.size()));
    std::vector<bool> break_before(atoms.size() + 1, false);
    // One line-break iterator per document: creating one costs more than
    // breaking a paragraph.
    if (!line_breaker_) {
        UErrorCode status = U_ZERO_ERROR;
        line_breaker_.reset(icu::BreakIterator::createLineInstance(icu::Locale::getRoot(), status));
        if (U_FAILURE(status)) line_breaker_.reset();
    }
    icu::BreakIterator* bi = line_breaker_.get();
    if (bi) {
        bi->setText(text);
        for (int32_t p = bi->first(); p != icu::BreakIterator::DONE; p = bi->next())
            if (p > 0 && static_cast<std::size_t>(p) < unit_atom.size()) break_before[unit_atom[static_cast<std::size_t>(p)]] = true;
    }

    return break_before;
}

void Engine::paragraph(const Paragraph& para, Flow& f) {
    if (para.drop_cap.inlines > 0) {
        drop_cap_paragraph(para, f);
        return;
    }
    const ParaProps& pp = para.props;
    ParagraphState ps;  // this paragraph's own: a box laid out meanwhile cannot disturb it
    std::vector<Atom> atoms = paragraph_atoms(ps, para);
    // Bookmarks in this paragraph: internal links land where it starts.
    std::vector<std::string> bookmarks;
    if (f.paginate) collect_bookmarks(para.inlines, bookmarks);

    tag_paragraph(ps, para);
    // Indents may reach into the margins but never push the text off the
    // page or leave it less than half an inch (damaged documents).
    double left = std::clamp(pp.indent_left * kTwip, -f.x, std::max(0.0, f.width - 36));
    double right = std::clamp(pp.indent_right * kTwip, -f.x, std::max(0.0, f.width - 36 - left));
    double first = pp.indent_first_line * kTwip - pp.indent_hanging * kTwip;
    if (pp.bidi) std::swap(left, right);  // the start indent from the right edge
    double avail = std::max(24.0, f.width - left - right);
    // Pictures larger than the column or the page are shown whole,
    // scaled down (Word would crop them at the page edge).
    double tallest = f.paginate ? std::max(36.0, frame_height()) : 1e4;
    for (auto& a : atoms) {
        if (a.kind != AtomKind::image || a.width <= 0 || a.height <= 0) continue;
        double k = std::min({1.0, avail / a.width, tallest / a.height});
        a.width *= k;
        a.height *= k;
    }

    const std::vector<bool> break_before = break_opportunities(atoms);
    // Text set by a right or centre tab may run past the right indent and
    // margin up to its stop (Word's TOC lines do), but stays on the page
    // (a quarter inch from its edge) or in its cell or box.
    const double tab_limit = f.paginate && !pages_.empty() ? pages_.back().width - f.x - 18 : f.width;
    std::vector<Line> lines = fill_lines(atoms, break_before, pp, left, first, avail, nullptr, tab_limit);

    // Vertical placement.
    double before = pp.space_before * kTwip, after = pp.space_after * kTwip;
    // Contextual spacing: no space between paragraphs of the same style
    // (each paragraph's own flag governs its own spacing).
    // Between two paragraphs the larger of the space after the first and
    // the space before the second is used, not their sum (ECMA-376
    // §17.3.1.33, as Word and LibreOffice lay it out).
    const bool adjacent = f.previous.sink == f.sink && std::abs(f.previous.end - f.y) < 0.01;
    const bool same_style = adjacent && f.previous.style == pp.style_id;
    if (pp.page_break_before && f.paginate && !f.at_top) new_page();
    if (adjacent && !(f.paginate && f.at_top)) {
        double after_above = same_style && f.previous.contextual ? 0 : f.previous.after;
        if (same_style && pp.contextual_spacing) before = 0;
        f.y += std::max(after_above, before) - f.previous.after;
    } else if (!(f.paginate && f.at_top && f.overflowed)) {
        f.y += before;  // at the document's start and after a break too
    }
    std::vector<Segment> segments;  // where the paragraph's lines went, for its borders and shading
    if (f.paginate && pp.outline_level >= 0 && pp.outline_level <= 8 && !atoms.empty()) {
        // The bookmarks panel: one entry per heading (label included).
        std::u32string title;
        for (const auto& a : atoms) title += a.kind == AtomKind::text ? a.ch : U' ';
        icu::UnicodeString u;
        for (char32_t c : title) u.append(static_cast<UChar32>(c));
        std::string utf8;
        u.trim().toUTF8String(utf8);
        if (!utf8.empty())
            out_.outline.push_back({utf8, pp.outline_level, static_cast<int>(pages_.size()) - 1, f.y});
    }
    int base_style = ps.base_style;
    // The document grid (w:docGrid lines, §17.6.5): a line of automatic
    // spacing takes whole grid lines, as many as its type needs; not in
    // table cells unless the document asks (adjustLineHeightInTable).
    const Section& grid = furniture_section_ ? *furniture_section_ : section_ ? *section_ : default_section_;
    const double pitch = (grid.grid_type == "lines" || grid.grid_type == "linesAndChars") && pp.snap_to_grid &&
                                 grid.line_pitch > 0 && (!f.in_cell || doc_.grid_in_tables) ? grid.line_pitch * kTwip : 0;
    auto on_grid = [pitch](double natural) {
        return pitch > 0 ? pitch * std::max(1.0, std::ceil(natural / pitch - 0.05)) : natural;
    };
    // Line heights first, for keep-with-next and widow/orphan control.
    auto line_heights = [&] {
        std::vector<double> out;
        for (const auto& line : lines) {
            double asc = 0, desc = 0;
            bool any = false;
            for (std::size_t k = line.begin; k < line.end; ++k) {
                if (atoms[k].kind == AtomKind::image) {
                    asc = std::max(asc, atoms[k].height);
                    any = true;
                } else {
                    line_metrics(ps.styles[static_cast<std::size_t>(atoms[k].style)], asc, desc);
                    any = true;
                }
            }
            if (!any) line_metrics(ps.styles[static_cast<std::size_t>(base_style)], asc, desc);
            double natural = asc + desc, h = natural;
            if (pp.line_rule == LineRule::auto_) h = on_grid(natural) * std::max(0.5, pp.line / 240.0);
            else if (pp.line_rule == LineRule::exact) h = pp.line * kTwip;
            else h = std::max(natural, pp.line * kTwip);
            out.push_back(h);
        }
        return out;
    };
    std::vector<double> heights = line_heights();
    if (f.paginate && !f.at_top) {
        // What must share this page: the lines up to a page break in the
        // paragraph (what follows the break goes to the next page anyway).
        double total = 0;
        bool broken = false;  // the paragraph itself goes on to the next page
        for (std::size_t k = 0; k < heights.size() && !broken; ++k) {
            total += heights[k];
            broken = k < lines.size() && lines[k].page_break_after;
        }
        double next = heights.empty() ? 0 : heights.front();
        // keepNext (headings): this paragraph and the first line of the
        // next one stay together; keepLines: the paragraph stays whole;
        // an orphan (a lone first line at the page foot) moves on.
        // (A paragraph that ends its section has nothing after it to keep with.)
        bool keep_next = pp.keep_next && !broken && !para.section_end && f.y + total + after + next > flow_bottom();
        bool keep_lines = pp.keep_lines && f.y + total > flow_bottom() && total < flow_bottom() - 72;
        bool orphan = pp.widow_control && heights.size() > 1 && !lines.front().page_break_after &&
                      f.y + heights[0] <= flow_bottom() && f.y + heights[0] + heights[1] > flow_bottom();
        if (keep_next || keep_lines || orphan) next_frame();
    }
    // Anchored objects go on the page the paragraph starts on; lines
    // beside floats get the room the floats leave them.
    const Sink* wrapped = nullptr;
    if (!ps.floats.empty()) {
        std::vector<const Inline*> floats = std::move(ps.floats);
        ps.floats.clear();
        place_floats(ps, floats, f, left);
    }
    if (!f.exclusions.empty() && !lines.empty() && wraps_here(f, left, avail, heights)) {
        double y_next = f.y, total = 0;
        for (double h : heights) total += h;
        const double average = total / static_cast<double>(heights.size());
        const double limit = f.paginate ? flow_bottom() : 1e9;
        RoomFn room = [&](std::size_t index, double start, double right) {
            const double h = index < heights.size() ? heights[index] : average;
            LineRoom r{start, right, 0};
            double top = y_next;
            for (int tries = 0; tries < 64; ++tries) {
                double below = top;
                auto free = line_room(f.exclusions, f.x + start, f.x + right, top, h, std::min(72.0, (right - start) / 4), below);
                if (free) {
                    r.start = std::max(start, free->left - f.x);
                    r.right = std::min(right, free->right - f.x);
                    break;
                }
                top = std::max(below, top + 1);
                if (top > limit) break;  // below the page: the line goes to the next one
            }
            r.skip = top - y_next;
            y_next = top + h;
            return r;
        };
        lines = fill_lines(atoms, break_before, pp, left, first, avail, &room, tab_limit);
        heights = line_heights();
        wrapped = f.sink;
    }
    std::size_t line_index = 0;
    for (auto& line : lines) {
        ++line_index;
        if (line.skip > 0 && f.sink == wrapped) f.y += line.skip;  // past a float with no room beside it
        // Widow: the last line would stand alone on the next page.
        if (f.paginate && pp.widow_control && !f.at_top && lines.size() > 2 && line_index == lines.size() - 1 &&
            !line.page_break_after && f.y + heights[line_index - 1] <= flow_bottom() &&
            f.y + heights[line_index - 1] + heights[line_index] > flow_bottom())
            next_frame();
        double asc = 0, desc = 0;
        bool any = false;
        for (std::size_t k = line.begin; k < line.end; ++k) {
            const Atom& a = atoms[k];
            if (a.kind == AtomKind::image) {
                asc = std::max(asc, a.height);
                any = true;
                continue;
            }
            line_metrics(ps.styles[static_cast<std::size_t>(a.style)], asc, desc);
            any = true;
        }
        if (!any) line_metrics(ps.styles[static_cast<std::size_t>(base_style)], asc, desc);
        double natural = asc + desc;
        double height = natural;
        if (pp.line_rule == LineRule::auto_) height = on_grid(natural) * std::max(0.5, pp.line / 240.0);
        else if (pp.line_rule == LineRule::exact) height = pp.line * kTwip;
        else height = std::max(natural, pp.line * kTwip);
        // Footnotes called from this line go to the foot of its page.
        std::vector<const Note*> called;
        if (f.paginate)
            for (std::size_t k = line.begin; k < line.end; ++k)
                if (!atoms[k].footnote.empty() && !placed_notes_.count(atoms[k].footnote))
                    for (const auto& note : doc_.footnotes)
                        if (note.id == atoms[k].footnote) called.push_back(&note);
        Sink note_box;
        double note_height = called.empty() ? 0 : lay_out_notes(called, f, note_box);
        // The line stays where the first line of its notes fits below it
        // (the rest continues on the next page, as Word does).
        double note_start = note_height;
        for (const auto& item : note_box.items) note_start = std::min(note_start, extent_of(item).second);
        auto fits = [&] {
            const PageInfo& p = pages_.back();
            double notes = p.notes_height + note_start;
            return f.y + height <= p.bottom - (notes > 0 ? notes + kNoteSeparator : 0);
        };
        if (f.paginate && !fits() && !f.at_top) next_frame();
        if (!called.empty()) {
            PageInfo& p = pages_.back();
            for (auto item : note_box.items) {
                shift(item, p.notes_height);
                p.notes.items.push_back(std::move(item));
            }
            p.notes_height += note_height;
            for (const Note* n : called) placed_notes_.insert(n->id);
            // Notes too long for the room below this line continue on the next page.
            split_notes(p, p.bottom - (f.y + height) - kNoteSeparator);
        }
        // The text sits at the top of its line (Word puts the extra of
        // line spacing below it); on the document grid it is centred in
        // its grid lines.
        double baseline = f.y + (pp.line_rule == LineRule::exact ? height - desc
                                 : pitch > 0                    ? asc + (on_grid(natural) - natural) / 2
                                                                : asc);
        if (!bookmarks.empty()) {
            for (const auto& b : bookmarks) bookmarks_.emplace(b, std::make_pair(static_cast<int>(pages_.size()) - 1, f.y));
            bookmarks.clear();
        }
        if (segments.empty() || segments.back().sink != f.sink || f.y < segments.back().bottom - 0.01 ||
            std::abs(segments.back().x - f.x) > 0.01)
            segments.push_back({f.sink, f.sink->items.size(), f.x, f.y, f.y});
        emit_line(ps, atoms, line, f, baseline, pp);
        f.y += height;
        segments.back().bottom = f.y;
        f.at_top = false;
        if (line.page_break_after && f.paginate) {
            if (line.column_break_after) next_frame(false);
            else new_page();
        }
    }
    frame_paragraph(pp, segments, left, avail, f);
    f.y += after;
    f.previous = {f.sink, pp.style_id, pp.contextual_spacing, after, f.y};
    if (para.section_end) end_section(f);
    // Text boxes anchored here: their paragraphs follow, indented.
    for (const Inline* box : ps.text_boxes)
        for (const auto& b : box->blocks) block(b, f);
}

// A paragraph that carries a sectPr ends its section (in the page flow).
void Engine::end_section(const Flow& f) {
    if (&f != &flow_ || next_section_ >= sections_.size()) return;
    // A continuous break evens out the columns above it, as Word does.
    if (sections_[next_section_].type == "continuous" && !pages_.empty() && pages_.back().columns > 1) balance_page_columns();
    start_section(sections_[next_section_], false);
    ++next_section_;
}

void Engine::balance_page_columns() {
    PageInfo& p = pages_.back();
    auto& items = p.sink.items;
    const std::size_t first = std::min(p.columns_first_item, items.size());
    const double pitch = p.column_width + p.column_gap;
    if (first >= items.size() || pitch <= 0) return;
    auto x_of = [](const Item& item) {
        return std::visit(
            [](const auto& i) -> double {
                using T = std::decay_t<decltype(i)>;
                if constexpr (std::is_same_v<T, LineItem>) return std::min(i.x1, i.x2);
                else if constexpr (std::is_same_v<T, PathItem>) {
                    double x = 1e18;
                    for (const auto& pt : i.points) x = std::min(x, pt.first);
                    return x;
                } else return i.x;
            },
            item);
    };
    // The section's items on this page, by column, in reading order; items
    // that overlap vertically in a column move together (a line, a box).
    struct Piece {
        std::size_t item;
        int column;
        double top, bottom;
    };
    std::vector<Piece> pieces;
    for (std::size_t i = first; i < items.size(); ++i) {
        auto [top, bottom] = extent_of(items[i]);
        int column = std::clamp(static_cast<int>(std::floor((x_of(items[i]) - p.left + 1) / pitch)), 0, p.columns - 1);
        // Text and links by their core (a line's letters reach into the
        // lines around it when the spacing is tight).
        if (const auto* t = std::get_if<TextItem>(&items[i])) top = t->y - 0.75 * t->size, bottom = t->y + 0.15 * t->size;
        if (const auto* l = std::get_if<LinkItem>(&items[i])) top = l->y + 0.25 * l->height, bottom = l->y + 0.75 * l->height;
        pieces.push_back({i, column, top, bottom});
    }
    std::stable_sort(pieces.begin(), pieces.end(),
                     [](const Piece& a, const Piece& b) { return a.column != b.column ? a.column < b.column : a.top < b.top; });
    struct Band {
        int column;
        double top, bottom;
        std::vector<std::size_t> items;
    };
    std::vector<Band> bands;
    for (const auto& piece : pieces) {
        if (!bands.empty() && bands.back().column == piece.column && piece.top < bands.back().bottom - 0.01) {
            bands.back().bottom = std::max(bands.back().bottom, piece.bottom);
            bands.back().items.push_back(piece.item);
        } else {
            bands.push_back({piece.column, piece.top, piece.bottom, {piece.item}});
        }
    }
    std::vector<ColumnBand> heights;
    for (std::size_t k = 0; k < bands.size(); ++k) {
        bool next_in_column = k + 1 < bands.size() && bands[k + 1].column == bands[k].column;
        heights.push_back({std::max(0.0, (next_in_column ? bands[k + 1].top : bands[k].bottom) - bands[k].top)});
    }
    double height = 0;
    std::vector<BandPlace> places = balance_columns(heights, p.columns, height);
    const double top = std::max(p.column_top, bands.front().top);
    for (std::size_t k = 0; k < bands.size() && k < places.size(); ++k) {
        double dx = (places[k].column - bands[k].column) * pitch, dy = top + places[k].top - bands[k].top;
        for (std::size_t i : bands[k].items) shift(items[i], dy, dx);
    }
    flow_.y = top + height;
    p.deepest = flow_.y;
}

// Paragraph shading and borders (w:pPr/w:shd, w:pBdr) around the lines
// each page or column received. Consecutive paragraphs with the same
// borders share one box, as in Word: no line between them unless a
// "between" border is set.
void Engine::frame_paragraph(const ParaProps& pp, std::vector<Segment>& segments, double left, double avail, Flow& f) {
    Color shade;
    bool shaded = shading_color(pp.shading, shade);
    bool bordered = pp.border_top.present() || pp.border_bottom.present() || pp.border_left.present() ||
                    pp.border_right.present() || pp.border_between.present();
    if ((!shaded && !bordered) || segments.empty()) {
        f.open_box = {};
        return;
    }
    auto width = [](const Border& b) { return std::max(0.25, b.size / 8.0); };
    auto color = [](const Border& b) { return b.color.empty() || b.color == "auto" ? Color{} : parse_color(b.color); };
    auto same = [](const Border& a, const Border& b) { return a.style == b.style && a.size == b.size && a.color == b.color; };
    bool joins = f.open_box.sink == segments.front().sink && std::abs(f.open_box.bottom - segments.front().top) < 24 &&
                 same(f.open_box.top, pp.border_top) && same(f.open_box.bottom_border, pp.border_bottom) &&
                 same(f.open_box.left, pp.border_left) && same(f.open_box.right, pp.border_right);
    if (joins && f.open_box.bottom_line != SIZE_MAX && f.open_box.bottom_line < f.open_box.sink->items.size()) {
        // The box goes on: its bottom line moves below this paragraph.
        f.open_box.sink->items.erase(f.open_box.sink->items.begin() + static_cast<std::ptrdiff_t>(f.open_box.bottom_line));
        for (auto& seg : segments)
            if (seg.sink == f.open_box.sink && seg.first_item > f.open_box.bottom_line) --seg.first_item;
    }
    std::size_t bottom_line = SIZE_MAX;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        Segment& seg = segments[i];
        double x0 = seg.x + left - (pp.border_left.present() ? pp.border_left.space * kTwip + width(pp.border_left) : 0);
        double x1 = seg.x + left + avail + (pp.border_right.present() ? pp.border_right.space * kTwip + width(pp.border_right) : 0);
        double top = seg.top - (i == 0 && pp.border_top.present() && !joins ? pp.border_top.space * kTwip : 0);
        double bottom = seg.bottom + (i + 1 == segments.size() && pp.border_bottom.present() ? pp.border_bottom.space * kTwip : 0);
        if (shaded) {
            RectItem r{x0, top, x1 - x0, bottom - top, true, shade, 0, kArtifact};
            seg.sink->items.insert(seg.sink->items.begin() + static_cast<std::ptrdiff_t>(seg.first_item), r);
        }
        auto line = [&](double ax, double ay, double bx, double by, const Border& b) {
            seg.sink->items.push_back(LineItem{ax, ay, bx, by, width(b), color(b), kArtifact, {}});
        };
        if (i == 0 && !joins && pp.border_top.present()) line(x0, top, x1, top, pp.border_top);
        if (i == 0 && joins && pp.border_between.present()) line(x0, top, x1, top, pp.border_between);
        if (pp.border_left.present()) line(x0, top, x0, bottom, pp.border_left);
        if (pp.border_right.present()) line(x1, top, x1, bottom, pp.border_right);
        if (i + 1 == segments.size() && pp.border_bottom.present()) {
            bottom_line = seg.sink->items.size();
            line(x0, bottom, x1, bottom, pp.border_bottom);
        }
    }
    const Segment& last = segments.back();
    f.open_box = {last.sink, last.bottom, pp.border_top, pp.border_bottom, pp.border_left, pp.border_right, bottom_line};
    if (pp.border_bottom.present()) f.y = std::max(f.y, last.bottom + pp.border_bottom.space * kTwip + width(pp.border_bottom));
}

// Top and bottom of an item (top-down, as laid out).
std::pair<double, double> Engine::extent_of(const Item& item) {
    return std::visit(
        [](const auto& i) -> std::pair<double, double> {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, TextItem>) return {i.y - i.size * 0.9, i.y + i.size * 0.3};
            else if constexpr (std::is_same_v<T, LineItem>) return {std::min(i.y1, i.y2), std::max(i.y1, i.y2)};
            else if constexpr (std::is_same_v<T, PathItem>) {
                double lo = 1e18, hi = -1e18;
                for (const auto& [x, y] : i.points) {
                    lo = std::min(lo, y);
                    hi = std::max(hi, y);
                }
                return {lo, hi};
            } else return {i.y, i.y + i.height};
        },
        item);
}

// Height of the text area of the current page (below any header).
double Engine::frame_height() const {
    if (pages_.empty()) return content_bottom();
    const PageInfo& p = pages_.back();
    return flow_bottom() - p.column_top;
}

void Engine::turn(std::vector<Item>& items, double cx, double cy, double clockwise) {
    // Top-down coordinates: a clockwise turn on the page is the plain
    // rotation matrix. Text turns about its baseline origin; a box becomes
    // the polygon of its turned corners; pictures and links stay level.
    const double a = clockwise * 3.14159265358979323846 / 180.0, c = std::cos(a), n = std::sin(a);
    auto at = [&](double x, double y) {
        const double dx = x - cx, dy = y - cy;
        return std::make_pair(cx + dx * c - dy * n, cy + dx * n + dy * c);
    };
    for (auto& item : items) {
        if (auto* t = std::get_if<TextItem>(&item)) {
            std::tie(t->x, t->y) = at(t->x, t->y);
            t->angle = std::fmod(t->angle - clockwise + 720.0, 360.0);
        } else if (auto* l = std::get_if<LineItem>(&item)) {
            std::tie(l->x1, l->y1) = at(l->x1, l->y1);
            std::tie(l->x2, l->y2) = at(l->x2, l->y2);
        } else if (auto* p = std::get_if<PathItem>(&item)) {
            for (auto& point : p->points) point = at(point.first, point.second);
        } else if (auto* r = std::get_if<RectItem>(&item)) {
            PathItem path;
            path.points = {at(r->x, r->y), at(r->x + r->width, r->y), at(r->x + r->width, r->y + r->height), at(r->x, r->y + r->height)};
            path.fill = r->fill;
            path.color = r->color;
            if (!r->fill) {
                path.stroke = r->color;
                path.stroke_width = std::max(0.1, r->stroke_width);
            }
            path.tag = r->tag;
            item = std::move(path);
        }
    }
}

void Engine::shift(Item& item, double dy, double dx) {
    std::visit(
        [&](auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, LineItem>) {
                i.x1 += dx;
                i.x2 += dx;
                i.y1 += dy;
                i.y2 += dy;
            } else if constexpr (std::is_same_v<T, PathItem>) {
                for (auto& [x, y] : i.points) {
                    x += dx;
                    y += dy;
                }
                i.clip_x += dx;
                i.clip_y += dy;
                for (auto& [x, y] : i.clip_path) x += dx, y += dy;
            } else {
                i.x += dx;
                i.y += dy;
                if constexpr (std::is_same_v<T, ImageItem>)
                    for (auto& [x, y] : i.clip_path) x += dx, y += dy;
            }
        },
        item);
}

}  // namespace allies::layout::detail
