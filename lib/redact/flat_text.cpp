#include "redact/flat_text.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <unordered_map>

#include "redact/xml_edit.hpp"

namespace allies::redact {
namespace {

enum class Kind { descend, skip, text, symbol, object, anchor, nested_paragraph, field_char };

struct Classified {
    Kind kind;
    const char* symbol;  // flat text of a symbol element
};

// One lookup per element instead of a chain of string comparisons.
Classified classify(const char* name) {
    static const std::unordered_map<std::string_view, Classified> table = {
        {"w:t", {Kind::text, nullptr}}, {"m:t", {Kind::text, nullptr}},
        {"w:tab", {Kind::symbol, "\t"}}, {"w:ptab", {Kind::symbol, "\t"}},
        {"w:br", {Kind::symbol, "\n"}}, {"w:cr", {Kind::symbol, "\n"}},
        {"w:noBreakHyphen", {Kind::symbol, "-"}}, {"w:softHyphen", {Kind::symbol, "\xC2\xAD"}},
        {"w:sym", {Kind::symbol, "\xEF\xBF\xBC"}},
        {"w:drawing", {Kind::object, nullptr}}, {"w:pict", {Kind::object, nullptr}}, {"w:object", {Kind::object, nullptr}},
        {"w:footnoteReference", {Kind::object, nullptr}}, {"w:endnoteReference", {Kind::object, nullptr}},
        {"w:embedded", {Kind::object, nullptr}}, {"w:contentPart", {Kind::object, nullptr}},
        {"w:commentRangeStart", {Kind::anchor, nullptr}}, {"w:commentRangeEnd", {Kind::anchor, nullptr}},
        {"w:p", {Kind::nested_paragraph, nullptr}},
        {"w:pPr", {Kind::skip, nullptr}}, {"w:rPr", {Kind::skip, nullptr}}, {"w:del", {Kind::skip, nullptr}},
        {"w:moveFrom", {Kind::skip, nullptr}}, {"w:txbxContent", {Kind::skip, nullptr}},
        {"w:instrText", {Kind::skip, nullptr}}, {"w:delInstrText", {Kind::skip, nullptr}},
        {"w:delText", {Kind::skip, nullptr}}, {"w:sdtPr", {Kind::skip, nullptr}}, {"w:sdtEndPr", {Kind::skip, nullptr}},
        {"w:smartTagPr", {Kind::skip, nullptr}}, {"w:customXmlPr", {Kind::skip, nullptr}}, {"m:rPr", {Kind::skip, nullptr}},
        {"m:ctrlPr", {Kind::skip, nullptr}}, {"w:fldData", {Kind::skip, nullptr}}, {"w:ffData", {Kind::skip, nullptr}},
        {"w:rubyPr", {Kind::skip, nullptr}}, {"w:fldChar", {Kind::field_char, nullptr}}, {"w:rt", {Kind::skip, nullptr}}, {"w:bookmarkStart", {Kind::skip, nullptr}},
        {"w:bookmarkEnd", {Kind::skip, nullptr}}, {"w:proofErr", {Kind::skip, nullptr}},
        {"w:lastRenderedPageBreak", {Kind::skip, nullptr}}};
    auto it = table.find(name);
    return it == table.end() ? Classified{Kind::descend, nullptr} : it->second;
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
    // Complex fields (§17.16.18): what lies between begin and separate is
    // the instruction, never displayed, even when it holds runs of text (a
    // nested field's result). Only text outside every instruction is
    // visible; instructions are judged whole by the field step.
    std::vector<bool> in_instruction;
    auto hidden_by_field = [&] {
        for (bool b : in_instruction)
            if (b) return true;
        return false;
    };
    pugi::xml_node n = paragraph.first_child();
    while (n) {
        bool descend = false;
        if (n.type() == pugi::node_element) {
            Classified c = classify(n.name());
            if (c.kind == Kind::field_char) {
                std::string_view type = n.attribute("w:fldCharType").value();
                if (type == "begin") in_instruction.push_back(true);
                else if (type == "separate" && !in_instruction.empty()) in_instruction.back() = false;
                else if (type == "end" && !in_instruction.empty()) in_instruction.pop_back();
                c.kind = Kind::skip;
            } else if ((c.kind == Kind::text || c.kind == Kind::symbol || c.kind == Kind::object) && hidden_by_field()) {
                c.kind = Kind::skip;
            }
            switch (c.kind) {
                case Kind::text: {
                    Segment s{n, enclosing_run(n), static_cast<std::uint32_t>(f.text.size()), 0, SegmentKind::text};
                    f.text += n.text().get();
                    s.end = static_cast<std::uint32_t>(f.text.size());
                    if (s.end > s.begin) f.segments.push_back(s);
                    break;
                }
                case Kind::symbol:
                case Kind::object: {
                    bool sym = c.kind == Kind::symbol;
                    Segment s{n, enclosing_run(n), static_cast<std::uint32_t>(f.text.size()), 0,
                              sym ? SegmentKind::symbol : SegmentKind::object};
                    f.text += sym ? c.symbol : "\xEF\xBF\xBC";  // U+FFFC OBJECT REPLACEMENT CHARACTER
                    s.end = static_cast<std::uint32_t>(f.text.size());
                    f.segments.push_back(s);
                    break;
                }
                case Kind::anchor: f.anchors.push_back({n, static_cast<std::uint32_t>(f.text.size())}); break;
                case Kind::nested_paragraph:  // outside a text box (malformed): not ours
                case Kind::field_char:
                case Kind::skip: break;
                case Kind::descend: descend = true; break;
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

namespace {

// Adds an empty property element to w:rPr where CT_RPr's sequence puts it
// (ECMA-376 Part 1 §17.3.2.28; Word refuses elements out of order).
pugi::xml_node insert_run_property(pugi::xml_node rpr, const char* name) {
    static const char* const order[] = {
        "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
        "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden",
        "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
        "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
        "w:specVanish", "w:oMath"};
    auto rank = [&](std::string_view n) {
        for (std::size_t i = 0; i < std::size(order); ++i)
            if (n == order[i]) return i;
        return std::size(order);  // unknown (w:rPrChange, extensions): after all
    };
    std::size_t mine = rank(name);
    for (pugi::xml_node c = rpr.first_child(); c; c = c.next_sibling())
        if (rank(c.name()) > mine) return rpr.insert_child_before(name, c);
    return rpr.append_child(name);
}

}  // namespace

void clean_run_properties(pugi::xml_node run, const std::vector<std::string>& style_ids) {
    pugi::xml_node rpr = run.child("w:rPr");
    if (!rpr) rpr = run.prepend_child("w:rPr");
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
    // A style may still paint it black (M7 through styles): the placeholder
    // clears highlight and shading itself, so it reads, and a second look
    // (the self-check) does not take it for marked text.
    insert_run_property(rpr, "w:highlight").append_attribute("w:val") = "none";
    pugi::xml_node shd = insert_run_property(rpr, "w:shd");
    shd.append_attribute("w:val") = "clear";
    shd.append_attribute("w:color") = "auto";
    shd.append_attribute("w:fill") = "auto";
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
