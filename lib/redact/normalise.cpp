// Normalising the package in memory before detection: the story parts are
// collected, tracked changes resolved (insertions accepted, deletions
// dropped, ECMA-376 §17.13.5), and hidden text removed (§17.3.2.41 vanish,
// and text coloured like its background or too small to see).
#include <algorithm>
#include <cmath>

#include "allies/error.hpp"
#include "ooxml/xml_util.hpp"
#include "package/package_impl.hpp"
#include "redact/state.hpp"
#include "redact/style_props.hpp"
#include "redact/xml_edit.hpp"

namespace allies::redact {

void collect_stories(Package& package, Redactor::State& state) {
    const std::string& main = package.main_document();
    auto add = [&](const std::string& part, const char* kind) {
        for (const auto& s : state.stories)
            if (s.name == part) return;
        if (!package.has_part(part)) return;
        StoryPart story;
        story.name = part;
        story.kind = kind;
        story.root = xml_for_edit(package, part).document_element();
        state.stories.push_back(std::move(story));
    };
    add(main, "body");
    for (const auto& rel : package.relationships(main)) {
        if (rel.external || rel.target_part.empty()) continue;
        switch (classify_relationship(rel.type)) {
            case RelType::header: add(rel.target_part, "header"); break;
            case RelType::footer: add(rel.target_part, "footer"); break;
            case RelType::footnotes: add(rel.target_part, "footnotes"); break;
            case RelType::endnotes: add(rel.target_part, "endnotes"); break;
            case RelType::comments:
                add(rel.target_part, "comments");
                state.comments_part = rel.target_part;
                break;
            default: break;
        }
    }
}

namespace {

bool is_mark_property(pugi::xml_node n) {
    // w:ins / w:del inside w:rPr of a paragraph mark or inside w:trPr.
    pugi::xml_node p = n.parent();
    return is(p, "w:rPr") || is(p, "w:trPr") || is(p, "w:tcPr") || is(p, "w:numPr");
}

// A deleted paragraph mark joins the paragraph to the next one.
void merge_with_next(pugi::xml_node p) {
    pugi::xml_node next = p.next_sibling();
    while (next && next.type() != pugi::node_element) next = next.next_sibling();
    if (!next || !is(next, "w:p") || p.child("w:pPr").child("w:sectPr")) return;
    pugi::xml_node anchor = next.child("w:pPr") ? next.child("w:pPr").next_sibling() : next.first_child();
    for (pugi::xml_node c = p.first_child(); c;) {
        pugi::xml_node n = c.next_sibling();
        if (!is(c, "w:pPr")) {
            if (anchor) next.insert_move_before(c, anchor);
            else next.append_move(c);
        }
        c = n;
    }
    p.parent().remove_child(p);
}

}  // namespace

void accept_revisions(Redactor::State& state, std::vector<std::string>& authors) {
    for (auto& story : state.stories) {
        std::vector<pugi::xml_node> content_deletions, unwraps, markers, deleted_rows, deleted_cells, deleted_marks;
        int count = 0;
        for_each_element(story.root, [&](pugi::xml_node n) {
            const char* raw = n.name();
            // Revision marks are w:del, w:ins, w:move*, w:cell*, w:*Change, w:customXml*Range*.
            if (raw[0] != 'w' || raw[1] != ':') return;
            char c = raw[2];
            if (c != 'd' && c != 'i' && c != 'm' && c != 'c' && c != 'r' && c != 'p' && c != 's' && c != 't' && c != 'n')
                return;
            if (auto a = n.attribute("w:author")) authors.emplace_back(a.value());
            std::string_view name = raw;
            if (name == "w:del" || name == "w:moveFrom") {
                ++count;
                if (is(n.parent(), "w:trPr")) deleted_rows.push_back(n.parent().parent());
                else if (is(n.parent(), "w:rPr") && is(n.parent().parent(), "w:pPr")) deleted_marks.push_back(n);
                else if (is_mark_property(n)) markers.push_back(n);
                else content_deletions.push_back(n);
            } else if (name == "w:ins" || name == "w:moveTo") {
                ++count;
                if (is_mark_property(n)) markers.push_back(n);
                else unwraps.push_back(n);
            } else if (name == "w:cellDel") {
                ++count;
                deleted_cells.push_back(n.parent().parent());
            } else if (name == "w:rPrChange" || name == "w:pPrChange" || name == "w:sectPrChange" ||
                       name == "w:tblPrChange" || name == "w:tblPrExChange" || name == "w:trPrChange" ||
                       name == "w:tcPrChange" || name == "w:tblGridChange" || name == "w:numberingChange" ||
                       name == "w:cellIns" || name == "w:cellMerge" || name == "w:moveFromRangeStart" ||
                       name == "w:moveFromRangeEnd" || name == "w:moveToRangeStart" || name == "w:moveToRangeEnd" ||
                       name == "w:customXmlDelRangeStart" || name == "w:customXmlDelRangeEnd" ||
                       name == "w:customXmlInsRangeStart" || name == "w:customXmlInsRangeEnd" ||
                       name == "w:customXmlMoveFromRangeStart" || name == "w:customXmlMoveFromRangeEnd" ||
                       name == "w:customXmlMoveToRangeStart" || name == "w:customXmlMoveToRangeEnd") {
                ++count;
                markers.push_back(n);
            } else if (name == "w:delText" || name == "w:delInstrText") {
                // Outside a w:del (malformed but seen): still deleted text.
                if (!has_ancestor_named(n, "w:del") && !has_ancestor_named(n, "w:moveFrom")) {
                    ++count;
                    content_deletions.push_back(n);
                }
            }
        });
        // Deepest first, so that no node is touched after an ancestor went.
        auto remove_all = [](std::vector<pugi::xml_node>& v) {
            for (auto it = v.rbegin(); it != v.rend(); ++it)
                if (it->parent()) it->parent().remove_child(*it);
        };
        std::set<const void*> seen_rows;
        std::vector<pugi::xml_node> rows;
        for (auto r : deleted_rows)
            if (r && is(r, "w:tr") && seen_rows.insert(r.internal_object()).second) rows.push_back(r);
        remove_all(content_deletions);
        for (auto it = unwraps.rbegin(); it != unwraps.rend(); ++it) unwrap(*it);
        remove_all(markers);
        for (auto m : deleted_marks) {
            pugi::xml_node p = m.parent().parent().parent();
            m.parent().remove_child(m);
            if (is(p, "w:p")) merge_with_next(p);
        }
        remove_all(rows);
        for (auto c : deleted_cells)
            if (c && is(c, "w:tc") && c.parent()) c.parent().remove_child(c);
        if (count)
            state.add_sanitised(story.name, "tracked changes",
                                std::to_string(count) + " revision marks resolved (insertions accepted, deletions dropped)");
    }
}

namespace {

struct Rgb {
    int r = 255, g = 255, b = 255;
};

bool parse_hex(std::string_view v, Rgb& out) {
    if (v.size() != 6) return false;
    int vals[3];
    for (int i = 0; i < 3; ++i) {
        int x = 0;
        for (int k = 0; k < 2; ++k) {
            char c = v[static_cast<std::size_t>(i * 2 + k)];
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) return false;
            x = x * 16 + d;
        }
        vals[i] = x;
    }
    out = {vals[0], vals[1], vals[2]};
    return true;
}

// ST_HighlightColor (§17.18.40) names to RGB.
bool highlight_rgb(std::string_view name, Rgb& out) {
    static const std::pair<const char*, const char*> table[] = {
        {"black", "000000"}, {"blue", "0000FF"}, {"cyan", "00FFFF"}, {"green", "00FF00"}, {"magenta", "FF00FF"},
        {"red", "FF0000"}, {"yellow", "FFFF00"}, {"white", "FFFFFF"}, {"darkBlue", "000080"}, {"darkCyan", "008080"},
        {"darkGreen", "008000"}, {"darkMagenta", "800080"}, {"darkRed", "800000"}, {"darkYellow", "808000"},
        {"darkGray", "808080"}, {"lightGray", "C0C0C0"}};
    for (auto [n, hex] : table)
        if (name == n) return parse_hex(hex, out);
    return false;
}

bool near(const Rgb& a, const Rgb& b) {
    return std::abs(a.r - b.r) <= 24 && std::abs(a.g - b.g) <= 24 && std::abs(a.b - b.b) <= 24;
}

Shading shading_of(pugi::xml_node shd) {
    return Shading{shd.attribute("w:val").value(), shd.attribute("w:color").value(), shd.attribute("w:fill").value()};
}

enum class Back { none, colour, unknown };

// The colour a w:shd paints (§17.3.5: a pattern of `color` over `fill`;
// pctN mixes N% of the pattern colour into the fill).
Back shading_colour(const Shading& s, Rgb& out) {
    std::string_view val = s.pattern;
    Rgb fill{255, 255, 255}, color{0, 0, 0};
    bool has_fill = !s.fill.empty() && s.fill != "auto" && parse_hex(s.fill, fill);
    if (!s.color.empty() && s.color != "auto") parse_hex(s.color, color);
    if (val.empty() || val == "clear" || val == "nil") {
        if (!has_fill) return Back::none;
        out = fill;
        return Back::colour;
    }
    if (val == "solid") {
        out = color;
        return Back::colour;
    }
    if (val.starts_with("pct")) {
        int pct = 0;
        for (char c : val.substr(3))
            if (c >= '0' && c <= '9') pct = pct * 10 + (c - '0');
        if (pct == 12) pct = 125;  // pct12 is 12.5%
        double f = (pct == 125 ? 12.5 : pct) / 100.0;
        out = Rgb{static_cast<int>(fill.r * (1 - f) + color.r * f), static_cast<int>(fill.g * (1 - f) + color.g * f),
                  static_cast<int>(fill.b * (1 - f) + color.b * f)};
        return Back::colour;
    }
    return Back::unknown;  // stripes, crosses: the text may be readable or not
}

// The visibility-relevant run properties, resolved through the styles.
struct Look {
    bool hidden = false;
    std::string color, highlight;
    Shading run_shading, paragraph_shading;
    int size = 22;
};

class LookResolver {
public:
    explicit LookResolver(const ooxml::StyleSheet& styles) : styles_(styles) {}

    Look look(pugi::xml_node run, pugi::xml_node paragraph) {
        // The paragraph's properties once per paragraph: child("w:pPr")
        // walks every child of a paragraph that has none, and a paragraph
        // can hold hundreds of thousands of runs.
        if (paragraph != paragraph_) {
            paragraph_ = paragraph;
            pugi::xml_node ppr = paragraph.first_child();
            if (!is_ppr(ppr)) ppr = {};
            if (!ppr) ppr = paragraph.child("w:pPr");  // not first: rare, and only once here
            pstyle_ = ooxml::val(ppr.child("w:pStyle"));
            pshd_ = ppr.child("w:shd");
        }
        pugi::xml_node rpr = run.child("w:rPr");
        std::string rstyle(ooxml::val(rpr.child("w:rStyle")));
        Look l = base(pstyle_, rstyle);
        if (pshd_) l.paragraph_shading = shading_of(pshd_);
        for (pugi::xml_node c : rpr.children()) {
            std::string_view n = c.name();
            if (n == "w:vanish") l.hidden = ooxml::on_off(c);
            else if (n == "w:color") l.color = c.attribute("w:val").value();
            else if (n == "w:highlight") l.highlight = c.attribute("w:val").value();
            else if (n == "w:shd") l.run_shading = shading_of(c);
            else if (n == "w:sz") l.size = static_cast<int>(ooxml::integer(c.attribute("w:val").value(), 22));
        }
        return l;
    }

private:
    static bool is_ppr(pugi::xml_node n) { return n && std::string_view(n.name()) == "w:pPr"; }
    pugi::xml_node paragraph_, pshd_;
    std::string pstyle_;

    Look base(const std::string& pstyle, const std::string& rstyle) {
        auto key = pstyle + '\x1f' + rstyle;
        auto it = cache_.find(key);
        if (it != cache_.end()) return it->second;
        auto [pp, rp] = style_chain_props(styles_, "", pstyle, rstyle);
        Look l;
        l.hidden = rp.hidden;
        l.color = rp.color;
        l.highlight = rp.highlight;
        l.run_shading = rp.shading;
        l.paragraph_shading = pp.shading;
        l.size = rp.size;
        cache_.emplace(key, l);
        return l;
    }

    const ooxml::StyleSheet& styles_;
    std::map<std::string, Look> cache_;
};

enum class Fill { none, colour, unknown };

Fill scheme_fill(std::string_view scheme, Rgb& out) {
    if (scheme == "bg1" || scheme == "lt1") return parse_hex("FFFFFF", out) ? Fill::colour : Fill::unknown;
    if (scheme == "tx1" || scheme == "dk1") return parse_hex("000000", out) ? Fill::colour : Fill::unknown;
    return Fill::unknown;
}

Fill drawing_fill(pugi::xml_node fill_parent, Rgb& out, bool& found) {
    found = true;
    if (fill_parent.child("a:noFill")) return Fill::none;
    if (pugi::xml_node solid = fill_parent.child("a:solidFill")) {
        if (pugi::xml_node rgb = solid.child("a:srgbClr"))
            return parse_hex(rgb.attribute("val").value(), out) ? Fill::colour : Fill::unknown;
        if (pugi::xml_node sch = solid.child("a:schemeClr")) return scheme_fill(sch.attribute("val").value(), out);
        return Fill::unknown;
    }
    if (fill_parent.child("a:gradFill") || fill_parent.child("a:pattFill") || fill_parent.child("a:blipFill")) return Fill::unknown;
    found = false;
    return Fill::none;
}

// The fill behind a text box's text (DrawingML wps:wsp or VML v:shape).
Fill shape_fill(pugi::xml_node txbx, Rgb& out) {
    for (pugi::xml_node a = txbx.parent(); a; a = a.parent()) {
        if (is(a, "wps:wsp")) {
            bool found = false;
            Fill f = drawing_fill(a.child("wps:spPr"), out, found);
            if (found) return f;
            pugi::xml_node ref = a.child("wps:style").child("a:fillRef");
            if (!ref || std::string_view(ref.attribute("idx").value()) == "0") return Fill::none;
            if (pugi::xml_node rgb = ref.child("a:srgbClr"))
                return parse_hex(rgb.attribute("val").value(), out) ? Fill::colour : Fill::unknown;
            if (pugi::xml_node sch = ref.child("a:schemeClr")) return scheme_fill(sch.attribute("val").value(), out);
            return Fill::unknown;
        }
        if (is(a, "v:shape") || is(a, "v:rect") || is(a, "v:roundrect")) {
            std::string_view filled = a.attribute("filled").value();
            if (filled == "f" || filled == "false") return Fill::none;
            std::string colour = a.attribute("fillcolor").value();
            if (colour.empty()) return parse_hex("FFFFFF", out) ? Fill::colour : Fill::unknown;  // VML default fill: white
            if (!colour.empty() && colour[0] == '#') colour.erase(0, 1);
            if (colour == "white") colour = "FFFFFF";
            if (colour == "black") colour = "000000";
            return parse_hex(colour, out) ? Fill::colour : Fill::unknown;
        }
    }
    return Fill::unknown;
}

std::string page_background(const StoryPart& body) {
    if (pugi::xml_node bg = body.root.child("w:background")) return bg.attribute("w:color").value();
    return "";
}

bool whitespace_only(const std::string& text, const Segment& seg) {
    for (std::uint32_t i = seg.begin; i < seg.end; ++i)
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\n') return false;
    return true;
}

// Hidden (w:vanish) always; otherwise invisible when too small or coloured
// like its background, unless it is only spaces (white spaces are invisible
// anyway, and code listings use them).
bool invisible(const Look& l, pugi::xml_node run, const std::string& page, bool blank) {
    if (l.hidden) return true;
    if (blank) return false;
    if (l.size > 0 && l.size <= 2) return true;  // 1 pt or smaller
    Rgb fg;
    if (l.color.empty() || l.color == "auto" || !parse_hex(l.color, fg)) return false;
    Rgb bg;
    bool have = false;
    if (!l.highlight.empty() && l.highlight != "none") have = highlight_rgb(l.highlight, bg);
    for (const Shading* sh : {&l.run_shading, &l.paragraph_shading}) {
        if (have) break;
        switch (shading_colour(*sh, bg)) {
            case Back::colour: have = true; break;
            case Back::unknown: return false;
            case Back::none: break;
        }
    }
    if (!have) {
        for (pugi::xml_node a = run.parent(); a && !have; a = a.parent()) {
            if (is(a, "w:txbxContent")) {
                // A text box: its shape's fill is the background.
                switch (shape_fill(a, bg)) {
                    case Fill::colour: have = true; break;
                    case Fill::unknown: return false;  // gradient, picture, theme colour we cannot judge
                    case Fill::none: break;
                }
                break;
            }
            if (is(a, "w:tc")) {
                switch (shading_colour(shading_of(a.child("w:tcPr").child("w:shd")), bg)) {
                    case Back::colour: have = true; break;
                    case Back::unknown: return false;
                    case Back::none: break;
                }
                break;
            }
        }
    }
    if (!have && !page.empty() && page != "auto") have = parse_hex(page, bg);
    if (!have) bg = Rgb{};
    return near(fg, bg);
}

}  // namespace

int remove_hidden_text(Package&, Redactor::State& state) {
    int edits = 0;
    LookResolver resolver(state.styles);
    std::string page = state.stories.empty() ? "" : page_background(state.stories.front());
    for (auto& story : state.stories) {
        if (story.kind == "comments") continue;  // removed whole later
        const std::vector<pugi::xml_node>& paragraphs = story.paragraphs;
        for (pugi::xml_node p : paragraphs) {
            // Most paragraphs have nothing hidden: look at their runs first.
            bool any = false;
            for (pugi::xml_node r = p.first_child(); r && !any;) {
                bool descend = false;
                if (is(r, "w:r")) any = invisible(resolver.look(r, p), r, page, false);
                else descend = r.first_child() && !is(r, "w:pPr") && !is(r, "w:del") && !is(r, "w:moveFrom");
                if (descend) {  // hyperlink, sdtContent, smartTag, fldSimple ...
                    r = r.first_child();
                    continue;
                }
                while (r && r != p && !r.next_sibling()) r = r.parent();
                if (!r || r == p) break;
                r = r.next_sibling();
            }
            if (!any) continue;
            FlatParagraph flat = flatten(p);
            std::vector<Cut> cuts;
            std::string removed_text;
            for (const auto& seg : flat.segments) {
                if (!seg.run || !is(seg.run, "w:r")) continue;
                if (!invisible(resolver.look(seg.run, p), seg.run, page, whitespace_only(flat.text, seg))) continue;
                if (!cuts.empty() && cuts.back().end == seg.begin) cuts.back().end = seg.end;
                else cuts.push_back(Cut{seg.begin, seg.end, "", false, {}});
            }
            if (cuts.empty()) continue;
            std::size_t id = state.add_sanitised(story.name, "hidden text", std::to_string(cuts.size()) + " hidden span(s) removed", p);
            if (state.options.show_text)
                for (const auto& c : cuts) state.plan.hits[id].text += flat.text.substr(c.begin, c.end - c.begin);
            apply_cuts(flat, std::move(cuts));
            ++edits;
        }
    }
    return edits;
}

}  // namespace allies::redact
