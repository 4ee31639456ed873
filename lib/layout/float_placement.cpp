// Objects outside the text flow, placed by the engine: anchored drawings and
// text boxes, text frames, floating tables; the exclusions their wrapping
// leaves for the lines beside them (the values: floats.hpp).
#include "layout/engine.hpp"

namespace allies::layout::detail {

namespace {

// Paragraphs with the same frame properties share one frame (§17.3.1.11).
// (The public model stays C++17: no defaulted comparison there.)
bool same_frame(const TextFrame& a, const TextFrame& b) {
    return a.present == b.present && a.width == b.width && a.height == b.height && a.height_rule == b.height_rule &&
           a.x == b.x && a.y == b.y && a.x_align == b.x_align && a.y_align == b.y_align && a.h_anchor == b.h_anchor &&
           a.v_anchor == b.v_anchor && a.wrap == b.wrap && a.h_space == b.h_space && a.v_space == b.v_space;
}

}  // namespace

// ---- floats: anchored objects, text frames, floating tables ---------------
// Whether a float on this flow reaches into the band the paragraph's
// lines would take (so they are filled again around it).
bool Engine::wraps_here(const Flow& f, double left, double avail, const std::vector<double>& heights) const {
    double total = 0;
    for (double h : heights) total += h;
    double top = f.y, bottom = f.y + total * 2 + 24;  // lines pushed below a float take more room
    for (const auto& e : f.exclusions)
        if (e.box.y < bottom && e.box.bottom() > top && e.box.x < f.x + left + avail && e.box.right() > f.x + left)
            return true;
    return false;
}

// The areas an object is placed against, for an object anchored at the
// flow's cursor.
AnchorAreas Engine::areas_for(const Flow& f) const {
    const Section& s = furniture_section_ ? *furniture_section_ : section_ ? *section_ : default_section_;
    AnchorAreas a;
    a.page_width = s.page_width * kTwip;
    a.page_height = s.page_height * kTwip;
    a.margins = {(s.margin_left + s.gutter) * kTwip, s.margin_top * kTwip,
                 std::max(72.0, (s.page_width - s.margin_left - s.margin_right - s.gutter) * kTwip),
                 std::max(72.0, (s.page_height - s.margin_top - s.margin_bottom) * kTwip)};
    a.column_x = f.x;
    a.column_width = f.width;
    a.paragraph_y = a.line_y = f.y;
    a.character_x = f.x;
    a.odd_page = furniture_section_ ? page_number_ % 2 == 1 : pages_.size() % 2 == 1;
    return a;
}

// Where an object placed by `p` goes, and its coordinates: a flow that
// is not the page's knows the page only in a header or footer (its
// absolute sink); elsewhere (table cells, text boxes, notes) a position
// from the page becomes one from the paragraph and the column.
Sink* Engine::target_for(Placement& p, Flow& f, bool& flow_coordinates) {
    flow_coordinates = true;
    if (f.paginate) return p.behind && f.behind ? f.behind : f.sink;
    if (page_relative(p) && f.absolute) {
        flow_coordinates = false;
        return p.behind && f.behind ? f.behind : f.absolute;
    }
    if (page_relative(p)) {
        p.v_relative = "paragraph";
        if (p.v_align != "top" && p.v_align != "center" && p.v_align != "bottom") p.v_offset = 0;
        p.v_align.clear();
    }
    if (p.h_relative != "column" && p.h_relative != "character") {
        p.h_relative = "column";
        if (p.h_align.empty()) p.h_offset = 0;
    }
    return f.sink;
}

// Keeps a box on the page (a position off the page would hide it).
void Engine::keep_on_page(Box& b, const AnchorAreas& a) {
    if (b.width <= a.page_width) b.x = std::clamp(b.x, 0.0, a.page_width - b.width);
    if (b.height <= a.page_height) b.y = std::clamp(b.y, 0.0, a.page_height - b.height);
}

// A text box's paragraphs laid out from the top of a box at x, width
// wide (its own Div in the structure), leaving the state of the
// paragraph being laid out as it was; height receives their height.
Sink Engine::box_content(const Inline& in, double x, double width, double& height) {
    Sink content;
    int div = node("Div");
    parents_.push_back(div >= 0 ? div : parents_.back());
    Flow bf;
    bf.x = x;
    bf.width = width;
    bf.sink = &content;
    for (const auto& b : in.blocks) block(b, bf);
    parents_.pop_back();
    height = std::max(bf.y, bf.float_bottom);
    return content;
}

void Engine::place_floats(ParagraphState& ps, const std::vector<const Inline*>& anchored, Flow& f, double left) {
    // Drawn lowest first (relativeHeight, §20.4.2.3), so the higher one is on top.
    std::vector<const Inline*> floats = anchored;
    std::stable_sort(floats.begin(), floats.end(), [&](const Inline* a, const Inline* b) {
        const FloatFormat* fa = float_format_of(*a);
        const FloatFormat* fb = float_format_of(*b);
        return (fa ? fa->z : 0) < (fb ? fb->z : 0);
    });
    for (const Inline* in : floats) {
        const FloatFormat* ff = float_format_of(*in);
        if (!ff) continue;
        Placement pl = placement_of(*ff);
        bool flow_coordinates = true;
        Sink* target = target_for(pl, f, flow_coordinates);
        AnchorAreas areas = areas_for(f);
        areas.character_x = f.x + left;
        double w = std::max(0.0, static_cast<double>(in->width) * kEmu);
        double h = std::max(0.0, static_cast<double>(in->height) * kEmu);
        if (w > areas.page_width || h > areas.page_height) {  // never larger than the page
            double k = std::min(areas.page_width / std::max(w, 1.0), areas.page_height / std::max(h, 1.0));
            w *= k;
            h *= k;
        }
        const double inset_l = ff->shape ? static_cast<double>(ff->inset_left) * kEmu : 0;
        const double inset_r = ff->shape ? static_cast<double>(ff->inset_right) * kEmu : 0;
        const double inset_t = ff->shape ? static_cast<double>(ff->inset_top) * kEmu : 0;
        const double inset_b = ff->shape ? static_cast<double>(ff->inset_bottom) * kEmu : 0;
        Box box = place(pl, w, h, areas);
        // A text box's content, laid out at the box's left; it grows the
        // box when it needs more room (autofit, or text that would be
        // cut off: nothing is hidden).
        Sink content;
        double content_height = 0;
        const bool text_box = !in->blocks.empty() && in->children.empty();  // a group draws its own boxes
        if (text_box) {
            content = box_content(*in, box.x + inset_l, std::max(12.0, w - inset_l - inset_r), content_height);
            // What overflows is what is drawn: an empty paragraph after a
            // table (every text box ends with one) or a row's empty space
            // below its text is cut off unseen.
            double ink = 0;
            for (const auto& item : content.items) ink = std::max(ink, extent_of(item).second);
            const double need = content_height + inset_t + inset_b;
            if ((ff->grow && need > 1) || ink + inset_t > box.height + 0.5) {
                // Text that Word would cut off at the box's edge is shown;
                // a box grown past its size takes room of its own, so it
                // covers no text (text on text can be read neither way).
                if (!ff->grow && pl.wrap == "none" && !pl.behind) pl.wrap = "topAndBottom";
                const double x = box.x;
                box = place(pl, w, ff->grow ? need : std::max(need, box.height), areas);
                box.x = x;
            }
        }
        if (!ff->allow_overlap && flow_coordinates) {
            // allowOverlap="0": moved down off the floats it would cover.
            for (bool moved = true; moved;) {
                moved = false;
                for (const auto& e : f.exclusions)
                    if (e.box.x < box.right() && e.box.right() > box.x && e.box.y < box.bottom() && e.box.bottom() > box.y) {
                        box.y = e.box.bottom();
                        moved = true;
                    }
            }
        }
        if (f.paginate || !flow_coordinates) {
            const double x = box.x;
            keep_on_page(box, areas);
            if (box.x != x)
                for (auto& item : content.items) shift(item, 0, box.x - x);
        }
        // A turned shape (a diagonal watermark) is drawn level, then turned
        // about its centre; its room on the page stays its level box.
        std::vector<Item> drawn;
        if (ff->shape) drawn = shape_items(*ff, box);
        if (text_box) {
            double room = box.height - inset_t - inset_b - content_height, dy = 0;
            if (room > 0 && ff->text_anchor == "ctr") dy = room / 2;
            else if (room > 0 && ff->text_anchor == "b") dy = room;
            for (auto& item : content.items) {
                shift(item, box.y + inset_t + dy);
                drawn.push_back(std::move(item));
            }
        }
        if (ff->rotation != 0) turn(drawn, box.x + box.width / 2, box.y + box.height / 2, ff->rotation);
        for (auto& item : drawn) target->items.push_back(std::move(item));
        if (!text_box && (!ff->shape || !in->image_part.empty() || !in->chart_part.empty() || !in->diagram_part.empty())) {
            if (auto a = graphic_atom(*in)) {
                a->width = box.width;
                a->height = box.height;
                draw_graphic(ps, *a, box.x, box.y, *target);
            }
        }
        if (!flow_coordinates) continue;
        if (auto ex = exclusion_of(pl, box)) f.exclusions.push_back(*ex);
        f.float_bottom = std::max(f.float_bottom, box.bottom());
    }
}

// A paragraph in a text frame (w:framePr): laid out in its own box as
// wide as the frame (or its text), placed like an anchored object; the
// text around wraps beside it. Following paragraphs with the same frame
// go on below it in the same frame.
void Engine::framed_paragraph(const Paragraph& para, Flow& f) {
    const TextFrame& fr = para.props.frame;
    Paragraph p = para;
    p.props.frame = {};
    p.section_end = false;
    Placement pl = placement_of(fr);
    bool flow_coordinates = true;
    Sink* target = target_for(pl, f, flow_coordinates);
    AnchorAreas areas = areas_for(f);
    const bool continues = f.open_frame && same_frame(f.open_frame->frame, fr) && f.open_frame->sink == f.sink;
    double width = continues ? f.open_frame->width : fr.width * kTwip;
    if (width <= 0) {  // as wide as its widest line: measured first, untagged
        Sink scratch;
        Flow mf;
        mf.width = std::min(f.width, areas.page_width);
        mf.sink = &scratch;
        bool saved_artifact = std::exchange(artifact_, true);
        widest_line_ = 0;
        paragraph(p, mf);
        artifact_ = saved_artifact;
        width = std::clamp(widest_line_ + 0.5, 6.0, mf.width);
    }
    Sink box_items;
    Flow bf;
    bf.width = width;
    bf.sink = &box_items;
    paragraph(p, bf);
    double height = std::max(bf.y, bf.float_bottom);
    if (fr.height > 0 && fr.height_rule == "exact") height = fr.height * kTwip;
    else if (fr.height > 0) height = std::max(height, fr.height * kTwip);
    Box box;
    if (continues) {
        box = {f.open_frame->x, f.open_frame->next_y, width, height};
    } else {
        box = place(pl, width, height, areas);
        if (f.paginate && !page_relative(pl) && box.bottom() > flow_bottom() && !f.at_top &&
            height < frame_height()) {  // the frame goes with its paragraph to the next page
            next_frame();
            areas = areas_for(f);
            target = f.sink;
            box = place(pl, width, height, areas);
        }
        if (f.paginate || !flow_coordinates) keep_on_page(box, areas);
    }
    for (auto& item : box_items.items) {
        shift(item, box.y, box.x);
        target->items.push_back(std::move(item));
    }
    if (flow_coordinates) {
        if (auto ex = exclusion_of(pl, box)) f.exclusions.push_back(*ex);
        f.float_bottom = std::max(f.float_bottom, box.bottom());
    }
    f.open_frame = OpenFrame{fr, f.sink, box.x, width, box.bottom()};
    if (para.section_end) end_section(f);
}

// A paragraph that starts with a drop cap: its letters laid out alone and
// set at the paragraph's top left, as tall as the lines it drops through;
// the first lines wrap beside it (a margin drop cap stands left of the
// text instead). The letters keep their place in the reading order.
void Engine::drop_cap_paragraph(const Paragraph& para, Flow& f) {
    const DropCap drop = para.drop_cap;
    const std::size_t k = std::min<std::size_t>(static_cast<std::size_t>(drop.inlines), para.inlines.size());
    Paragraph rest = para;
    rest.drop_cap = DropCap{};
    rest.inlines.erase(rest.inlines.begin(), rest.inlines.begin() + static_cast<std::ptrdiff_t>(k));
    Paragraph letter;
    letter.props.style_id = para.props.style_id;
    letter.props.run = para.props.run;
    letter.props.bidi = para.props.bidi;
    letter.props.line = drop.height > 0 ? drop.height : 240;
    letter.props.line_rule = drop.height > 0 ? LineRule::exact : LineRule::auto_;
    letter.props.snap_to_grid = false;
    letter.inlines.assign(para.inlines.begin(), para.inlines.begin() + static_cast<std::ptrdiff_t>(k));
    letter.ref = para.ref;
    Sink box;
    Flow lf;
    lf.width = f.width;
    lf.sink = &box;
    const double saved_widest = std::exchange(widest_line_, 0.0);
    paragraph(letter, lf);
    const double width = widest_line_;
    widest_line_ = std::max(saved_widest, widest_line_);
    const double height = lf.y;
    double before = f.at_top ? 0 : para.props.space_before * kTwip;
    if (f.paginate && f.y + before + height > flow_bottom() && !f.at_top) {
        next_frame();  // the letter goes with its paragraph
        before = 0;
    }
    const double top = f.y + before;
    const double space = drop.space * kTwip;
    const double indent = std::clamp(para.props.indent_left * kTwip, 0.0, std::max(0.0, f.width - width));
    double x = para.props.bidi ? f.x + f.width - indent - width : f.x + indent;
    if (drop.in_margin) x = para.props.bidi ? f.x + f.width + space : f.x - width - space;
    for (auto& item : box.items) {
        shift(item, top, x);
        f.sink->items.push_back(std::move(item));
    }
    if (!drop.in_margin) {
        Exclusion e;
        e.box = Box{para.props.bidi ? x - space : x, top, width + space, height};
        e.side = para.props.bidi ? "left" : "right";
        f.exclusions.push_back(e);
    }
    f.float_bottom = std::max(f.float_bottom, top + height);
    paragraph(rest, f);
}

// A floating table (w:tblpPr): laid out in a box, placed like an
// anchored object, text around it; two such tables side by side stay
// side by side. One taller than the page is laid out in the flow
// instead, where it can break across pages.
void Engine::floating_table(const Table& t, Flow& f) {
    Placement pl = placement_of(t.position);
    bool flow_coordinates = true;
    Sink* target = target_for(pl, f, flow_coordinates);
    AnchorAreas areas = areas_for(f);
    const std::size_t structure_before = out_.structure.size();
    double width = 0;
    for (Twips w : t.grid) width += w * kTwip;
    if (width <= 0 || width > f.width) width = f.width;
    Sink box_items;
    Flow tf;
    tf.width = width;
    tf.sink = &box_items;
    table(t, tf);
    double height = std::max(0.0, tf.y - 2);
    if (f.paginate && height > frame_height()) {
        // Too tall to float: drop the box (and its structure nodes, made
        // last) and lay the table out in the flow.
        out_.structure.resize(structure_before);
        table(t, f);
        return;
    }
    Box box = place(pl, width, height, areas);
    if (f.paginate && !page_relative(pl) && box.bottom() > flow_bottom() && !f.at_top) {
        next_frame();
        areas = areas_for(f);
        target = f.sink;
        box = place(pl, width, height, areas);
    }
    if (f.paginate || !flow_coordinates) keep_on_page(box, areas);
    for (auto& item : box_items.items) {
        shift(item, box.y, box.x);
        target->items.push_back(std::move(item));
    }
    if (flow_coordinates) {
        if (auto ex = exclusion_of(pl, box)) f.exclusions.push_back(*ex);
        f.float_bottom = std::max(f.float_bottom, box.bottom());
    }
}

// A table does not wrap around floats: it starts below any float in
// its way.
void Engine::below_floats(Flow& f) {
    for (bool moved = true; moved;) {
        moved = false;
        for (const auto& e : f.exclusions)
            if (e.box.y <= f.y + 0.01 && e.box.bottom() > f.y + 0.01 && e.box.x < f.x + f.width && e.box.right() > f.x) {
                f.y = e.box.bottom();
                moved = true;
            }
    }
}

}  // namespace allies::layout::detail
