// The document's run: notes at the foot of pages and at the end, headers and
// footers with page fields, the title, and finishing into the frame model.
#include "layout/engine.hpp"

namespace allies::layout::detail {

LaidOutDocument Engine::run() {
    out_.structure.push_back({"Document", -1, ""});
    title();
    // Sections change after each paragraph that carries a sectPr (at any
    // depth of content controls), in the order the reader listed them.
    start_section(sections_.empty() ? default_section_ : sections_.front(), true);
    next_section_ = 1;
    for (const auto& b : doc_.body) block(b, flow_);
    notes_at_end();
    headers_and_footers();
    finish();
    return std::move(out_);
}

// Height of a section's header or footer (cached), laid out in a box
// without touching the paragraph state of whoever asked.
double Engine::extent(std::size_t section, bool footer, bool first) {
    auto key = std::make_tuple(section, footer, first);
    auto it = extents_.find(key);
    if (it != extents_.end()) return it->second;
    const HeaderFooter* hf = pick(section, footer, first, false);
    double h = 0;
    if (hf) {
        const Section& s = section < sections_.size() ? sections_[section] : default_section_;
        const bool saved_artifact = std::exchange(artifact_, true);  // page furniture
        Sink box;
        Flow bf;
        bf.x = (s.margin_left + s.gutter) * kTwip;
        bf.width = std::max(72.0, (s.page_width - s.margin_left - s.margin_right - s.gutter) * kTwip);
        bf.sink = &box;
        for (const auto& b : hf->blocks) block(b, bf);
        h = bf.y;
        artifact_ = saved_artifact;
    }
    extents_[key] = h;
    return h;
}

// ---- notes, headers, footers ---------------------------------------------
// Lays the given footnotes out in a box as wide as the column (labels
// hanging); their paragraphs have their own state, as every paragraph does.
double Engine::lay_out_notes(const std::vector<const Note*>& notes, const Flow& f, Sink& box) {
    Flow nf;
    nf.x = f.x;
    nf.width = f.width;
    nf.y = 0;
    nf.sink = &box;
    for (const Note* note : notes) note_blocks(*note, notes_.footnote(note->id), false, nf);
    return nf.y;
}

// A note's number as the document formats it (endnotes: i, ii, ... by default).
std::string Engine::note_label(int number, bool endnote) const {
    std::string label = ooxml::format_number(number, endnote ? doc_.endnote_format : doc_.footnote_format);
    return label.empty() ? std::to_string(number) : label;
}

// Whether a note paragraph holds the note's own reference mark (w:footnoteRef, w:endnoteRef).
bool Engine::has_own_mark(const std::vector<Inline>& inlines) {
    for (const auto& in : inlines) {
        if ((in.kind == InlineKind::footnote_ref || in.kind == InlineKind::endnote_ref) && in.id.empty()) return true;
        if (in.kind != InlineKind::deleted && has_own_mark(in.children)) return true;
    }
    return false;
}

void Engine::note_blocks(const Note& note, int number, bool endnote, Flow& f) {
    parents_.push_back(node("Note"));
    int saved_list = list_node_;
    list_node_ = -1;
    bool first_para = true;
    for (const auto& b : note.blocks) {
        if (b.kind == BlockKind::paragraph && first_para) {
            if (has_own_mark(b.paragraph.inlines)) {
                // As Word writes notes: the number is drawn at the note's own
                // mark, superscript in the note text's style.
                note_mark_label_ = note_label(number, endnote);
                paragraph(b.paragraph, f);
                note_mark_label_.clear();
            } else {  // no mark to carry the number: a hanging label
                Paragraph p = b.paragraph;
                p.list_label = note_label(number, endnote);
                p.props.indent_left = std::max<Twips>(p.props.indent_left, 360);
                p.props.indent_hanging = 360;
                p.props.indent_first_line = 0;
                paragraph(p, f);
            }
            first_para = false;
        } else {
            block(b, f);
        }
    }
    list_node_ = saved_list;
    parents_.pop_back();
}

void Engine::split_notes(PageInfo& page, double room) {
    if (page.notes_height <= room + 0.01) return;
    // Cut above the first line that does not end above `room`, so no line
    // is cut through; at least one line stays (always some progress).
    double cut = page.notes_height;
    for (const auto& item : page.notes.items) {
        auto [top, bottom] = extent_of(item);
        if (bottom > room + 0.01) cut = std::min(cut, top);
    }
    if (cut < 1) return;  // not even the first line fits: the notes stay whole
    std::vector<Item> kept, carried;
    for (auto& item : page.notes.items) {
        if (extent_of(item).first >= cut - 0.01) {
            shift(item, -cut);
            carried.push_back(std::move(item));
        } else {
            kept.push_back(std::move(item));
        }
    }
    page.notes.items = std::move(kept);
    // Carried lines go before any already carried (they come first).
    for (auto& item : note_carry_.items) {
        shift(item, page.notes_height - cut);
        carried.push_back(std::move(item));
    }
    note_carry_.items = std::move(carried);
    note_carry_height_ += page.notes_height - cut;
    page.notes_height = cut;
}

void Engine::place_page_notes() {
    for (auto& p : pages_) {
        if (p.notes_height <= 0) continue;
        double top = p.bottom - p.notes_height;
        double x = (section_ ? section_->margin_left : default_section_.margin_left) * kTwip;
        // A continued note has the continuation separator: a line across the column.
        const double width = p.notes_continued ? std::max(144.0, p.column_width) : 144;
        p.sink.items.push_back(LineItem{x, top - kNoteSeparator / 2, x + width, top - kNoteSeparator / 2, 0.5, {}, kArtifact, {}});
        for (auto item : p.notes.items) {
            shift(item, top);
            p.sink.items.push_back(std::move(item));
        }
    }
}

void Engine::notes_at_end() {
    // Notes still carried go on pages of their own (each new page takes them).
    for (int guard = 0; !note_carry_.items.empty() && guard < 10000; ++guard) new_page();
    place_page_notes();
    // Endnotes, and footnotes called from places with no page of their
    // own (table cells, headers), follow the text.
    std::vector<std::pair<int, const Note*>> rest;
    for (const auto& [n, note] : notes_.footnotes())
        if (!placed_notes_.count(note->id)) rest.emplace_back(n, note);
    auto end = notes_.endnotes();
    if (rest.empty() && end.empty()) return;
    if (flow_.y + 40 > flow_bottom()) next_frame();
    flow_.y += 12;
    flow_.sink->items.push_back(LineItem{flow_.x, flow_.y, flow_.x + 144, flow_.y, 0.5, {}, kArtifact, {}});
    flow_.y += 6;
    for (const auto& [n, note] : rest) note_blocks(*note, n, false, flow_);
    for (const auto& [n, note] : end) note_blocks(*note, n, true, flow_);
}

// §17.10.5: a section without a header (or footer) reference of a type
// inherits that type from the previous section.
const HeaderFooter* Engine::pick(std::size_t section, bool footer, bool first, bool even) const {
    auto find = [&](const char* type) -> const HeaderFooter* {
        for (std::size_t k = section + 1; k-- > 0;) {
            if (k >= doc_.sections.size()) continue;
            const auto& refs = footer ? doc_.sections[k].footers : doc_.sections[k].headers;
            for (const auto& r : refs)
                if (r.type == type) {
                    auto it = doc_.headers_footers.find(r.part);
                    return it != doc_.headers_footers.end() ? &it->second : nullptr;
                }
        }
        return nullptr;
    };
    if (first) return find("first");
    if (even && doc_.even_and_odd_headers) return find("even");
    return find("default");
}

void Engine::headers_and_footers() {
    page_count_ = static_cast<int>(pages_.size());
    int number = 1;  // the number the page shows
    std::map<std::size_t, int> per_section;  // SECTIONPAGES
    for (const auto& p : pages_) ++per_section[p.section];
    artifact_ = true;  // page furniture, not part of the reading order
    for (std::size_t n = 0; n < pages_.size(); ++n) {
        PageInfo& page = pages_[n];
        const Section& s = page.section < sections_.size() ? sections_[page.section] : default_section_;
        bool first = page.first_of_section && s.title_page;
        bool even = (n + 1) % 2 == 0;
        // Page numbers restart where a section says so (w:pgNumType
        // w:start) and take its format (i, ii, ... on a preface).
        if (page.first_of_section && s.page_start >= 0) number = s.page_start;
        else if (n > 0) ++number;
        page_number_ = static_cast<int>(n + 1);
        page_label_ = s.page_format.empty() ? std::to_string(number) : ooxml::format_number(number, s.page_format);
        if (page_label_.empty()) page_label_ = std::to_string(number);
        section_pages_ = per_section[page.section];
        for (int which = 0; which < 2; ++which) {
            const HeaderFooter* hf = pick(page.section, which == 1, first, even);
            if (!hf) continue;
            Sink box, absolute;
            Flow bf;
            bf.x = (s.margin_left + s.gutter) * kTwip;
            bf.width = std::max(72.0, (s.page_width - s.margin_left - s.margin_right - s.gutter) * kTwip);
            bf.y = 0;
            bf.sink = &box;
            bf.absolute = &absolute;   // letterheads, watermarks, banners: placed on the page
            bf.behind = &page.behind;
            furniture_section_ = &s;
            for (const auto& b : hf->blocks) block(b, bf);
            furniture_section_ = nullptr;
            for (auto& item : absolute.items) page.sink.items.push_back(std::move(item));
            double top = which == 0 ? s.margin_header * kTwip : s.page_height * kTwip - s.margin_footer * kTwip - bf.y;
            for (auto item : box.items) {
                shift(item, top);
                page.sink.items.push_back(std::move(item));
            }
        }
    }
    page_number_ = 0;
    artifact_ = false;
}

// ---- finishing -------------------------------------------------------------
void Engine::title() {
    out_.title = doc_.core.title;
    out_.language = doc_.core.language;
    for (const auto& b : doc_.body) {
        if (b.kind != BlockKind::paragraph) continue;
        const Paragraph& p = b.paragraph;
        if (out_.language.empty() && !p.props.run.lang.empty()) out_.language = p.props.run.lang;
        if (out_.title.empty() && p.props.outline_level >= 0 && p.props.outline_level <= 8) {
            std::string t;
            for (const auto& in : p.inlines)
                if (in.kind == InlineKind::text && writers::shows(in)) t += in.text;
            out_.title = t;
        }
    }
}

void Engine::finish() {
    for (auto& e : out_.outline)
        if (e.page >= 0 && static_cast<std::size_t>(e.page) < pages_.size()) e.y = pages_[static_cast<std::size_t>(e.page)].height - e.y;
    for (auto& p : pages_) {
        Page page;
        page.width = p.width;
        page.height = p.height;
        if (page_color_) page.items.push_back(RectItem{0, 0, p.width, p.height, true, *page_color_, 0, kArtifact});
        // Objects behind the text are drawn first.
        p.behind.items.insert(p.behind.items.end(), std::make_move_iterator(p.sink.items.begin()),
                              std::make_move_iterator(p.sink.items.end()));
        p.sink.items.clear();
        for (auto& item : p.behind.items) {
            if (auto* l = std::get_if<LinkItem>(&item); l && !l->uri.empty() && l->uri[0] == '#') {
                auto it = bookmarks_.find(l->uri.substr(1));
                l->uri.clear();
                if (it != bookmarks_.end()) {
                    l->target_page = it->second.first;
                    l->target_y = pages_[static_cast<std::size_t>(it->second.first)].height - it->second.second;
                }
            }
            std::visit(
                [&](auto& i) {
                    using T = std::decay_t<decltype(i)>;
                    if constexpr (std::is_same_v<T, TextItem>) {
                        i.y = p.height - i.y;
                    } else if constexpr (std::is_same_v<T, LineItem>) {
                        i.y1 = p.height - i.y1;
                        i.y2 = p.height - i.y2;
                    } else if constexpr (std::is_same_v<T, PathItem>) {
                        for (auto& pt : i.points) pt.second = p.height - pt.second;
                        i.clip_y = p.height - i.clip_y - i.clip_h;
                        for (auto& pt : i.clip_path) pt.second = p.height - pt.second;
                    } else {
                        i.y = p.height - i.y - i.height;  // boxes: top-left to bottom-left
                        if constexpr (std::is_same_v<T, ImageItem>)
                            for (auto& pt : i.clip_path) pt.second = p.height - pt.second;
                    }
                },
                item);
            page.items.push_back(std::move(item));
        }
        out_.pages.push_back(std::move(page));
    }
}

}  // namespace allies::layout::detail
