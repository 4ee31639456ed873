// Inline rules inside paragraphs that stay: M2 inline content controls, M3
// character styles, M7 black highlight or shading, then people's names and
// patterns in whatever text is left.
#include <cstdlib>
#include <algorithm>
#include <map>

#include "ooxml/xml_util.hpp"
#include "redact/state.hpp"
#include "redact/style_props.hpp"
#include "redact/xml_edit.hpp"
#include "text/fold.hpp"

namespace allies::redact {
namespace {

bool black_shading(const Shading& s) {
    return s.fill == "000000" || (s.pattern == "solid" && (s.color == "000000" || s.color == "auto" || s.color.empty()));
}

// A colour a reader sees on black: the text was styled to be read there
// (a banner heading in white), not marked black to hide it.
bool light_colour(const std::string& hex) {
    if (hex.size() != 6) return false;
    int sum = 0;
    for (int k = 0; k < 3; ++k) sum += std::stoi(hex.substr(static_cast<std::size_t>(2 * k), 2), nullptr, 16);
    return sum >= 3 * 0x80;
}

// M7 through the style chain: black highlight or shading that a run gets
// from its character style, its paragraph style or its table's style
// (direct formatting is read from the run itself). Cached by the three ids.
class StyleBlack {
public:
    explicit StyleBlack(const ooxml::StyleSheet& styles) : styles_(styles) {}

    bool black(const std::string& table_style, const std::string& pstyle, const std::string& rstyle) {
        if (table_style.empty() && pstyle.empty() && rstyle.empty()) return false;
        std::string key = table_style + '\x1f' + pstyle + '\x1f' + rstyle;
        auto it = cache_.find(key);
        if (it != cache_.end()) return it->second;
        auto [pp, rp] = style_chain_props(styles_, table_style, pstyle, rstyle);
        bool marked = rp.highlight == "black" || black_shading(rp.shading) || black_shading(pp.shading);
        if (marked && light_colour(rp.color)) marked = false;
        cache_.emplace(std::move(key), marked);
        return marked;
    }
    // Text a reader can see on black: its colour through the styles is light.
    bool light_text(const std::string& table_style, const std::string& pstyle, const std::string& rstyle) {
        auto [pp, rp] = style_chain_props(styles_, table_style, pstyle, rstyle);
        return light_colour(rp.color);
    }

private:
    const ooxml::StyleSheet& styles_;
    std::map<std::string, bool> cache_;
};

bool black_shd(pugi::xml_node shd) {
    std::string_view fill = shd.attribute("w:fill").value(), pat = shd.attribute("w:val").value(),
                     color = shd.attribute("w:color").value();
    return fill == "000000" || (pat == "solid" && (color == "000000" || color == "auto"));
}

// Whether a table cell is painted black (M7 on a cell): its own shading,
// else its table style's, for the whole table and for the conditional
// formats that reach this cell by its place and the table's w:tblLook
// (first/last row and column, banded rows and columns).
// `light_text` is set when the table style writes the cell's text in a
// light colour ("Grid Table 4": white on a black header row): a banner to
// be read, not a marking.
bool cell_black(pugi::xml_node tc, const ooxml::StyleSheet& styles, bool& light_text) {
    light_text = false;
    if (pugi::xml_node shd = tc.child("w:tcPr").child("w:shd")) return black_shd(shd);  // direct wins, either way
    pugi::xml_node tr = tc.parent();
    while (tr && !is(tr, "w:tr")) tr = tr.parent();
    pugi::xml_node tbl = tr.parent();
    while (tbl && !is(tbl, "w:tbl")) tbl = tbl.parent();
    if (!tr || !tbl) return false;
    std::string style(ooxml::val(tbl.child("w:tblPr").child("w:tblStyle")));
    if (style.empty()) return false;
    // Place of the cell.
    std::size_t row = 0, rows = 0, col = 0, cols = 0;
    for (auto r : descendants_named(tbl, "w:tr")) {
        pugi::xml_node owner = r.parent();
        while (owner && !is(owner, "w:tbl")) owner = owner.parent();
        if (owner != tbl) continue;  // a nested table's row
        if (r == tr) row = rows;
        ++rows;
    }
    for (pugi::xml_node c : tr.children("w:tc")) {
        if (c == tc) col = cols;
        ++cols;
    }
    // w:tblLook: attributes, or the older hex mask; Word's default is 04A0.
    pugi::xml_node look = tbl.child("w:tblPr").child("w:tblLook");
    unsigned mask = 0x04A0;
    if (look) {
        mask = static_cast<unsigned>(std::strtoul(look.attribute("w:val").value(), nullptr, 16));
        auto flag = [&](const char* a, unsigned bit) {
            pugi::xml_attribute at = look.attribute(a);
            if (!at) return;
            std::string_view v = at.value();
            mask = (v == "1" || v == "true" || v == "on") ? (mask | bit) : (mask & ~bit);
        };
        flag("w:firstRow", 0x0020);
        flag("w:lastRow", 0x0040);
        flag("w:firstColumn", 0x0080);
        flag("w:lastColumn", 0x0100);
        flag("w:noHBand", 0x0200);
        flag("w:noVBand", 0x0400);
    }
    std::vector<std::string_view> types{"wholeTable"};
    if (!(mask & 0x0200)) types.push_back(row % 2 == (mask & 0x0020 ? 1u : 0u) ? "band1Horz" : "band2Horz");
    if (!(mask & 0x0400)) types.push_back(col % 2 == (mask & 0x0080 ? 1u : 0u) ? "band1Vert" : "band2Vert");
    if ((mask & 0x0080) && col == 0) types.push_back("firstCol");
    if ((mask & 0x0100) && col + 1 == cols) types.push_back("lastCol");
    if ((mask & 0x0020) && row == 0) types.push_back("firstRow");
    if ((mask & 0x0040) && row + 1 == rows) types.push_back("lastRow");
    bool black = false;
    // The style's own cell properties (its basedOn chain, base first), then the conditional formats in order.
    std::vector<const ooxml::Style*> chain;
    for (const ooxml::Style* s = styles.find(style); s && chain.size() < 32; s = s->based_on.empty() ? nullptr : styles.find(s->based_on))
        chain.push_back(s);
    auto colour = [&](pugi::xml_node rpr) {
        if (pugi::xml_node c = rpr.child("w:color")) {
            std::string v = c.attribute("w:val").value();
            std::string_view theme = c.attribute("w:themeColor").value();
            light_text = light_colour(v) || theme == "background1" || theme == "light1";
        }
    };
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        if (pugi::xml_node shd = (*it)->tcpr.child("w:shd")) black = black_shd(shd);
        colour((*it)->rpr);
    }
    for (pugi::xml_node cond : styles.conditional_formats(style, types)) {
        if (pugi::xml_node shd = cond.child("w:tcPr").child("w:shd")) black = black_shd(shd);
        colour(cond.child("w:rPr"));
    }
    return black;
}

// The style of the table a paragraph stands in ("" outside tables).
std::string table_style_of(pugi::xml_node p) {
    for (pugi::xml_node n = p.parent(); n; n = n.parent())
        if (is(n, "w:tbl")) return std::string(ooxml::val(n.child("w:tblPr").child("w:tblStyle")));
    return {};
}

bool overlaps(const ParagraphCuts* pc, std::uint32_t a, std::uint32_t b) {
    if (!pc) return false;
    for (const auto& c : pc->cuts)
        if (a < c.end && c.begin < b) return true;
    return false;
}

}  // namespace

void detect_inline(Package& package, Redactor::State& st) {
    const Policy& policy = st.options.policy;
    EchoFinder echoes(st);
    bool echoes_started = false;
    StyleBlack style_black(st.styles);
    for (auto& story : st.stories) {
        if (story.kind == "comments") continue;
        // M2: inline content controls.
        for (auto sdt : story.content_controls) {
            if (st.inside_removed(sdt) || st.removed.count(sdt.internal_object())) continue;
            pugi::xml_node pr = sdt.child("w:sdtPr");
            bool matched = false;
            std::string category = marker_category(pr.child("w:tag").attribute("w:val").value(), policy, matched);
            if (!matched) category = marker_category(pr.child("w:alias").attribute("w:val").value(), policy, matched);
            if (!matched) continue;
            pugi::xml_node p;
            for (pugi::xml_node a = sdt.parent(); a; a = a.parent())
                if (is(a, "w:p")) {
                    p = a;
                    break;
                }
            if (!p) continue;  // block level: M1
            const FlatParagraph& flat = st.flat(p);
            std::uint32_t a = UINT32_MAX, b = 0;
            for (const auto& s : flat.segments) {
                bool inside = false;
                for (pugi::xml_node x = s.node.parent(); x && x != p; x = x.parent())
                    if (x == sdt) inside = true;
                if (!inside) continue;
                a = std::min(a, s.begin);
                b = std::max(b, s.end);
            }
            Hit h;
            h.rule = Rule::inline_content_control;
            h.category = category;
            h.part = story.name;
            h.where = story.kind;
            h.replacement = policy.inline_text;
            if (a == UINT32_MAX) {
                // Nothing visible inside: the control itself goes.
                h.replacement.clear();
                std::size_t id = st.add_hit(std::move(h), p);
                st.removals.push_back({sdt, category, id, true});
                st.removed.insert(sdt.internal_object());
                continue;
            }
            if (st.options.show_text) h.text = flat.text.substr(a, b - a);
            ParagraphCuts& pc = st.cuts_for(p, story.name);
            std::size_t id = st.add_hit(std::move(h), p);
            pc.cuts.push_back(Cut{a, b, policy.inline_text, true, {}});
            pc.hits.push_back(id);
            // The control's wrapper goes too (its tag would mark the placeholder).
            (void)id;
            st.unwrap_sdts.push_back(sdt);
        }
        // M3 character styles and M7 black highlight/shading, run by run;
        // then names and patterns.
        if (!echoes_started) {
            echoes.collect();
            echoes_started = true;
        }
        std::vector<pugi::xml_node> units = story.paragraphs;
        units.insert(units.end(), story.ruby_texts.begin(), story.ruby_texts.end());
        for (pugi::xml_node p : units) {
            if (st.inside_removed(p) || st.removed.count(p.internal_object())) continue;
            if (echoes.remove_if_toc_line(story, p)) continue;
            const FlatParagraph& flat = st.flat(p);
            if (flat.text.empty()) continue;
            echoes.cut_references(story, p, flat);
            auto pc_it = st.cuts_index.find(p.internal_object());
            ParagraphCuts* pc = pc_it == st.cuts_index.end() ? nullptr : &st.cuts[pc_it->second];
            struct Span {
                std::uint32_t a, b;
                Rule rule;
            };
            std::vector<Span> spans;
            const std::string table_style = policy.black_highlight ? table_style_of(p) : std::string();
            const std::string pstyle(ooxml::val(p.child("w:pPr").child("w:pStyle")));
            // A cell painted black (directly or by its table style) hides all its text.
            bool black_cell = false, cell_light_text = false;
            if (policy.black_highlight && is(p.parent(), "w:tc")) black_cell = cell_black(p.parent(), st.styles, cell_light_text);
            for (const auto& s : flat.segments) {
                if (!s.run || !is(s.run, "w:r")) continue;
                pugi::xml_node rpr = s.run.child("w:rPr");
                Rule rule = Rule::sanitise;
                std::string rstyle(ooxml::val(rpr.child("w:rStyle")));
                if (!rstyle.empty() && st.sensitive_character_styles.count(rstyle)) rule = Rule::style;
                else if (policy.black_highlight) {
                    std::string_view hl = rpr.child("w:highlight").attribute("w:val").value();
                    std::string_view fill = rpr.child("w:shd").attribute("w:fill").value();
                    std::string_view pat = rpr.child("w:shd").attribute("w:val").value();
                    std::string_view color = rpr.child("w:shd").attribute("w:color").value();
                    bool direct = hl == "black" || fill == "000000" || (pat == "solid" && (color == "000000" || color == "auto"));
                    // Direct formatting that clears it ("none", a colour) wins over the styles.
                    bool cleared = (!hl.empty() && hl != "black") || (rpr.child("w:shd") && !direct);
                    if (direct || (!cleared && style_black.black(table_style, pstyle, rstyle)))
                        rule = Rule::black_highlight;
                    // On a black cell, what is not written in a light colour
                    // (directly or through its styles) cannot be read either.
                    std::string_view direct_colour = rpr.child("w:color").attribute("w:val").value();
                    bool light = !direct_colour.empty() ? light_colour(std::string(direct_colour))
                                                        : cell_light_text || style_black.light_text(table_style, pstyle, rstyle);
                    if (black_cell && !cleared && !light) rule = Rule::black_highlight;
                }
                if (rule == Rule::sanitise) continue;
                if (!spans.empty() && spans.back().b == s.begin && spans.back().rule == rule) spans.back().b = s.end;
                else spans.push_back({s.begin, s.end, rule});
            }
            for (const auto& sp : spans) {
                if (overlaps(pc, sp.a, sp.b)) continue;
                Hit h;
                h.rule = sp.rule;
                h.category = policy.default_category;
                h.part = story.name;
                h.where = story.kind;
                h.replacement = policy.inline_text;
                if (st.options.show_text) h.text = flat.text.substr(sp.a, sp.b - sp.a);
                ParagraphCuts& cuts = st.cuts_for(p, story.name);
                pc = &cuts;
                std::size_t id = st.add_hit(std::move(h), p);
                std::vector<std::string> styles(st.sensitive_character_styles.begin(), st.sensitive_character_styles.end());
                cuts.cuts.push_back(Cut{sp.a, sp.b, policy.inline_text, true, styles});
                cuts.hits.push_back(id);
            }
            // Copies of redacted text, then names and patterns.
            text::Folded folded = text::fold(flat.text);
            echoes.scan(story, p, flat, folded);
            echoes.scan_figures(story, p, flat, folded);
            pc_it = st.cuts_index.find(p.internal_object());
            pc = pc_it == st.cuts_index.end() ? nullptr : &st.cuts[pc_it->second];
            std::vector<detect::TextMatch> found = st.names.find(flat.text, folded);
            auto patterns = detect::find_patterns(flat.text, folded, policy);
            found.insert(found.end(), patterns.begin(), patterns.end());
            std::sort(found.begin(), found.end(), [](const auto& x, const auto& y) {
                return x.begin != y.begin ? x.begin < y.begin : x.end > y.end;
            });
            std::uint32_t last_end = 0;
            for (const auto& m : found) {
                auto a = static_cast<std::uint32_t>(m.begin), b = static_cast<std::uint32_t>(m.end);
                if (a < last_end || overlaps(pc, a, b)) continue;
                last_end = b;
                Hit h;
                h.part = story.name;
                h.where = story.kind;
                if (m.person >= 0) {
                    h.rule = Rule::name;
                    h.category = "personal";
                    h.person = m.person;
                    h.detail = "person " + std::to_string(m.person + 1);
                    h.replacement = st.name_replacement(m.person);
                } else {
                    h.rule = Rule::pattern;
                    h.detail = m.kind;
                    bool financial = m.kind == "iban" || m.kind == "sort code" || m.kind == "account number";
                    h.category = financial ? "financial" : "personal";
                    h.replacement = policy.inline_text;
                }
                if (st.options.show_text) h.text = flat.text.substr(a, b - a);
                ParagraphCuts& cuts = st.cuts_for(p, story.name);
                pc = &cuts;
                std::string replacement = h.replacement;
                std::size_t id = st.add_hit(std::move(h), p);
                cuts.cuts.push_back(Cut{a, b, replacement, false, {}});
                cuts.hits.push_back(id);
            }
        }
    }
    detect_late_echoes(st, echoes);
    detect_property_echoes(package, st, echoes);
}

}  // namespace allies::redact
