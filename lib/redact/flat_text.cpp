#include "redact/flat_text.hpp"

#include <algorithm>
#include <cstring>

#include "redact/xml_edit.hpp"

namespace allies::redact {
namespace {

const char* symbol_text(pugi::xml_node n) {
    const char* name = n.name();
    if (!std::strcmp(name, "w:tab") || !std::strcmp(name, "w:ptab")) return "\t";
    if (!std::strcmp(name, "w:br") || !std::strcmp(name, "w:cr")) return "\n";
    if (!std::strcmp(name, "w:noBreakHyphen")) return "-";
    if (!std::strcmp(name, "w:softHyphen")) return "\xC2\xAD";
    if (!std::strcmp(name, "w:sym")) return "\xEF\xBF\xBC";
    return nullptr;
}

bool is_object(pugi::xml_node n) {
    const char* name = n.name();
    return !std::strcmp(name, "w:drawing") || !std::strcmp(name, "w:pict") || !std::strcmp(name, "w:object") ||
           !std::strcmp(name, "w:footnoteReference") ||
           !std::strcmp(name, "w:endnoteReference") || !std::strcmp(name, "w:embedded") ||
           !std::strcmp(name, "w:contentPart");
}

bool skipped(pugi::xml_node n) {
    static const char* names[] = {"w:pPr", "w:rPr", "w:del", "w:moveFrom", "w:txbxContent", "w:instrText",
                                  "w:delInstrText", "w:delText", "w:sdtPr", "w:sdtEndPr", "w:smartTagPr",
                                  "w:customXmlPr", "m:rPr", "m:ctrlPr", "w:fldData", "w:ffData", "w:rubyPr"};
    const char* name = n.name();
    for (const char* s : names)
        if (!std::strcmp(name, s)) return true;
    return false;
}

pugi::xml_node enclosing_run(pugi::xml_node n) {
    for (pugi::xml_node a = n.parent(); a; a = a.parent())
        if (is(a, "w:r") || is(a, "m:r")) return a;
    return {};
}

}  // namespace

FlatParagraph flatten(pugi::xml_node paragraph) {
    FlatParagraph f;
    f.paragraph = paragraph;
    pugi::xml_node n = paragraph.first_child();
    while (n) {
        bool descend = false;
        if (n.type() == pugi::node_element && !skipped(n)) {
            if (is(n, "w:t") || is(n, "m:t")) {
                Segment s{n, enclosing_run(n), static_cast<std::uint32_t>(f.text.size()), 0, SegmentKind::text};
                f.text += n.text().get();
                s.end = static_cast<std::uint32_t>(f.text.size());
                if (s.end > s.begin) f.segments.push_back(s);
            } else if (const char* sym = symbol_text(n)) {
                Segment s{n, enclosing_run(n), static_cast<std::uint32_t>(f.text.size()), 0, SegmentKind::symbol};
                f.text += sym;
                s.end = static_cast<std::uint32_t>(f.text.size());
                f.segments.push_back(s);
            } else if (is_object(n)) {
                Segment s{n, enclosing_run(n), static_cast<std::uint32_t>(f.text.size()), 0, SegmentKind::object};
                f.text += "\xEF\xBF\xBC";  // U+FFFC OBJECT REPLACEMENT CHARACTER
                s.end = static_cast<std::uint32_t>(f.text.size());
                f.segments.push_back(s);
            } else if (is(n, "w:commentRangeStart") || is(n, "w:commentRangeEnd")) {
                f.anchors.push_back({n, static_cast<std::uint32_t>(f.text.size())});
            } else if (is(n, "w:p")) {
                // nested paragraph outside a text box (malformed): not ours
            } else {
                descend = true;
            }
        }
        if (descend && n.first_child()) {
            n = n.first_child();
            continue;
        }
        while (n && n != paragraph && !n.next_sibling()) n = n.parent();
        if (!n || n == paragraph) break;
        n = n.next_sibling();
    }
    return f;
}

void clean_run_properties(pugi::xml_node run, const std::vector<std::string>& style_ids) {
    pugi::xml_node rpr = run.child("w:rPr");
    if (!rpr) return;
    for (pugi::xml_node c = rpr.first_child(); c;) {
        pugi::xml_node next = c.next_sibling();
        bool drop = is(c, "w:highlight") || is(c, "w:vanish") || is(c, "w:specVanish");
        if (is(c, "w:shd")) {
            std::string fill = c.attribute("w:fill").value();
            drop = fill == "000000" || std::string_view(c.attribute("w:val").value()) == "solid";
        }
        if (is(c, "w:rStyle"))
            for (const auto& id : style_ids) drop = drop || id == c.attribute("w:val").value();
        if (drop) rpr.remove_child(c);
        c = next;
    }
}

std::vector<std::string> apply_cuts(const FlatParagraph& flat, std::vector<Cut> cuts) {
    std::vector<std::string> notes;
    std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.begin > b.begin; });
    for (const Cut& cut : cuts) {
        bool placed = cut.replacement.empty();
        pugi::xml_node receiving_run;
        // Segments are in text order; walk those overlapping the cut from
        // the last to the first so offsets inside one node stay valid.
        for (auto it = flat.segments.rbegin(); it != flat.segments.rend(); ++it) {
            const Segment& s = *it;
            if (s.end <= cut.begin || s.begin >= cut.end) continue;
            bool first = s.begin <= cut.begin;  // the flat text is made of segments only
            if (s.kind == SegmentKind::text) {
                std::string value = s.node.text().get();
                std::uint32_t a = std::max(cut.begin, s.begin) - s.begin;
                std::uint32_t b = std::min(cut.end, s.end) - s.begin;
                if (b > value.size()) b = static_cast<std::uint32_t>(value.size());
                if (a > b) a = b;
                value.erase(a, b - a);
                if (first && !placed) {
                    value.insert(a, cut.replacement);
                    placed = true;
                    receiving_run = s.run;
                }
                set_text(s.node, value);
                if (value.empty()) s.node.parent().remove_child(s.node);
            } else {
                if (first && !placed) {
                    // Put the replacement in a new w:t where the element was.
                    pugi::xml_node t = s.node.parent().insert_child_before("w:t", s.node);
                    set_text(t, cut.replacement);
                    placed = true;
                    receiving_run = s.run;
                }
                if (is(s.node, "w:footnoteReference")) notes.push_back("f:" + std::string(s.node.attribute("w:id").value()));
                if (is(s.node, "w:endnoteReference")) notes.push_back("e:" + std::string(s.node.attribute("w:id").value()));
                // Both branches of an mc:AlternateContent are segments of their
                // own, so each goes here; the emptied wrapper goes below.
                s.node.parent().remove_child(s.node);
            }
        }
        if (receiving_run && cut.clean_run) clean_run_properties(receiving_run, cut.clean_styles);
    }
    remove_empty_runs(flat.paragraph);
    return notes;
}

}  // namespace allies::redact
