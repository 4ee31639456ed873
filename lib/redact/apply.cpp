// Carrying out the plan on the package's XML, in an order that never touches
// a node after something that contains it was removed: attribute and text
// edits, inline control unwrapping, paragraph cuts, then block removals with
// their placeholders, then the notes whose references went.
#include <algorithm>
#include <set>

#include "ooxml/xml_util.hpp"
#include "package/package_impl.hpp"
#include "redact/state.hpp"
#include "redact/xml_edit.hpp"

namespace allies::redact {
namespace {

void collect_note_refs(pugi::xml_node n, std::vector<std::string>& out) {
    for_each_element(n, [&](pugi::xml_node e) {
        if (is(e, "w:footnoteReference")) out.push_back("f:" + std::string(e.attribute("w:id").value()));
        if (is(e, "w:endnoteReference")) out.push_back("e:" + std::string(e.attribute("w:id").value()));
    });
}

// The last section break inside removed nodes: its properties must survive.
pugi::xml_node last_section_properties(const std::vector<pugi::xml_node>& nodes) {
    pugi::xml_node found;
    for (auto n : nodes)
        for_each_element(n, [&](pugi::xml_node e) {
            if (is(e, "w:sectPr") && is(e.parent(), "w:pPr")) found = e;
        });
    return found;
}

bool is_heading_like(pugi::xml_node p, const ooxml::StyleSheet& styles) {
    pugi::xml_node ppr = p.child("w:pPr");
    if (ppr.child("w:outlineLvl")) return true;
    int l = styles.paragraph(ppr, "").outline_level;
    return l >= 0 && l <= 8;
}

// Paragraph and run properties for a placeholder: those of the nearest kept
// paragraph before the removed group (else after), without numbering,
// section, page-break or heading properties.
void style_placeholder(pugi::xml_node placeholder, pugi::xml_node group_first, pugi::xml_node group_last,
                       const Redactor::State& st) {
    pugi::xml_node source;
    for (pugi::xml_node s = group_first.previous_sibling(); s && !source; s = s.previous_sibling())
        if (is(s, "w:p") && !st.removed.count(s.internal_object())) source = s;
    for (pugi::xml_node s = group_last.next_sibling(); s && !source; s = s.next_sibling())
        if (is(s, "w:p") && !st.removed.count(s.internal_object())) source = s;
    if (!source || is_heading_like(source, st.styles)) return;
    if (pugi::xml_node ppr = source.child("w:pPr")) {
        pugi::xml_node copy = placeholder.prepend_copy(ppr);
        for (const char* drop : {"w:numPr", "w:sectPr", "w:pageBreakBefore", "w:keepNext", "w:outlineLvl", "w:pPrChange", "w:rPr"})
            while (pugi::xml_node d = copy.child(drop)) copy.remove_child(d);
        std::string style(ooxml::val(copy.child("w:pStyle")));
        if (st.sensitive_paragraph_styles.count(style)) copy.remove_child(copy.child("w:pStyle"));
    }
    pugi::xml_node run = placeholder.child("w:r");
    for (auto r : descendants_named(source, "w:r")) {
        if (pugi::xml_node rpr = r.child("w:rPr")) {
            pugi::xml_node copy = run.prepend_copy(rpr);
            for (const char* drop : {"w:vanish", "w:highlight", "w:shd", "w:rPrChange", "w:rStyle", "w:color", "w:sz", "w:szCs"})
                while (pugi::xml_node d = copy.child(drop)) copy.remove_child(d);
        }
        break;
    }
}

pugi::xml_node make_placeholder_paragraph(pugi::xml_node parent, pugi::xml_node before, const std::string& text) {
    pugi::xml_node p = parent.insert_child_before("w:p", before);
    if (!text.empty()) {
        pugi::xml_node r = p.append_child("w:r");
        set_text(r.append_child("w:t"), text);
    }
    return p;
}

std::string join_categories(const std::vector<std::string>& cats) {
    std::string out;
    for (const auto& c : cats) {
        if (out.find(c) != std::string::npos) continue;
        if (!out.empty()) out += ", ";
        out += c;
    }
    return out;
}

int grid_columns(pugi::xml_node tbl) {
    int n = 0;
    for (pugi::xml_node c : tbl.child("w:tblGrid").children("w:gridCol")) (void)c, ++n;
    return std::max(n, 1);
}

}  // namespace

void apply_edits(Package& package, Redactor::State& st) {
    const Policy& policy = st.options.policy;
    // 1. Attribute and text-node edits.
    for (const auto& e : st.attribute_edits) {
        if (e.attribute.empty()) {
            for (pugi::xml_node c : e.element.children())
                if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
                    c.set_value(e.value.c_str());
                    break;
                }
        } else {
            e.element.attribute(e.attribute.c_str()).set_value(e.value.c_str());
        }
    }
    // 2. Inline controls: unwrap those whose text is cut, remove empty ones.
    for (auto sdt : st.unwrap_sdts) {
        pugi::xml_node content = sdt.child("w:sdtContent");
        pugi::xml_node parent = sdt.parent();
        for (pugi::xml_node c = content.first_child(); c;) {
            pugi::xml_node next = c.next_sibling();
            parent.insert_move_before(c, sdt);
            c = next;
        }
        parent.remove_child(sdt);
    }
    std::vector<Removal> blocks;
    for (const auto& r : st.removals) {
        if (st.inside_removed(r.node)) continue;  // goes with an enclosing removal
        pugi::xml_node parent = r.node.parent();
        if (is_block_container(parent) || is(parent, "w:tbl") || is(parent, "w:tr")) blocks.push_back(r);
        else parent.remove_child(r.node);  // inline (an empty inline control)
    }
    // 3. Cuts in paragraphs that stay.
    std::vector<std::string> dead_notes;
    for (auto& pc : st.cuts) {
        if (st.inside_removed(pc.paragraph) || st.removed.count(pc.paragraph.internal_object())) continue;
        FlatParagraph flat = flatten(pc.paragraph);
        auto notes = apply_cuts(flat, pc.cuts);
        dead_notes.insert(dead_notes.end(), notes.begin(), notes.end());
    }
    // 4. Block removals, grouped into runs of adjacent siblings.
    std::set<const void*> handled;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        if (handled.count(blocks[i].node.internal_object())) continue;
        pugi::xml_node first = blocks[i].node, last = first;
        std::vector<pugi::xml_node> group{first};
        std::vector<std::string> cats;
        bool any_placeholder = blocks[i].placeholder;
        if (blocks[i].placeholder) cats.push_back(blocks[i].category);
        handled.insert(first.internal_object());
        for (pugi::xml_node n = first.next_sibling(); n; n = n.next_sibling()) {
            if (n.type() != pugi::node_element) continue;
            if (is(n, "w:bookmarkStart") || is(n, "w:bookmarkEnd") || is(n, "w:commentRangeStart") || is(n, "w:commentRangeEnd") ||
                is(n, "w:proofErr") || is(n, "w:permStart") || is(n, "w:permEnd")) {
                continue;
            }
            if (!st.removed.count(n.internal_object())) break;
            for (const auto& b : blocks)
                if (b.node == n && b.placeholder) {
                    cats.push_back(b.category);
                    any_placeholder = true;
                }
            group.push_back(n);
            last = n;
            handled.insert(n.internal_object());
        }
        pugi::xml_node parent = first.parent();
        std::string text = policy.sections == SectionsMode::remove || !any_placeholder ? "" : st.section_text(join_categories(cats));
        for (auto n : group) collect_note_refs(n, dead_notes);
        if (is(parent, "w:tr")) {
            // Cell-level control: every cell keeps its place, emptied.
            bool first_cell = true;
            for (auto n : group) {
                for (auto tc : descendants_named(n, "w:tc")) {
                    pugi::xml_node copy = parent.insert_copy_before(tc, n);
                    for (pugi::xml_node c = copy.first_child(); c;) {
                        pugi::xml_node next = c.next_sibling();
                        if (!is(c, "w:tcPr")) copy.remove_child(c);
                        c = next;
                    }
                    make_placeholder_paragraph(copy, {}, first_cell ? text : "");
                    first_cell = false;
                }
                parent.remove_child(n);
            }
            continue;
        }
        if (is(parent, "w:tbl")) {
            if (!text.empty()) {
                pugi::xml_node tr = parent.insert_child_before("w:tr", first);
                pugi::xml_node tc = tr.append_child("w:tc");
                pugi::xml_node tcpr = tc.append_child("w:tcPr");
                pugi::xml_node w = tcpr.append_child("w:tcW");
                w.append_attribute("w:w") = "0";
                w.append_attribute("w:type") = "auto";
                int cols = grid_columns(parent);
                if (cols > 1) tcpr.append_child("w:gridSpan").append_attribute("w:val") = cols;
                make_placeholder_paragraph(tc, {}, text);
            }
            for (auto n : group) parent.remove_child(n);
            bool rows_left = false;
            for (pugi::xml_node c : parent.children())
                if (is(c, "w:tr") || is(c, "w:sdt") || is(c, "w:customXml")) rows_left = true;
            if (!rows_left) {
                // No rows left: the table goes (a table must have a row).
                pugi::xml_node container = parent.parent();
                pugi::xml_node after = parent.next_sibling();
                container.remove_child(parent);
                if (needs_paragraph(container) && !container.child("w:p") && !container.child("w:tbl"))
                    container.insert_child_before("w:p", after);
            }
            continue;
        }
        pugi::xml_node sect = last_section_properties(group);
        pugi::xml_node placeholder;
        if (!text.empty() || sect) {
            placeholder = make_placeholder_paragraph(parent, first, text);
            if (!text.empty()) style_placeholder(placeholder, first, last, st);
            if (sect) {
                pugi::xml_node ppr = placeholder.child("w:pPr");
                if (!ppr) ppr = placeholder.prepend_child("w:pPr");
                ppr.append_copy(sect);
            }
        }
        for (auto n : group) parent.remove_child(n);
        bool has_block = false;
        for (pugi::xml_node c : parent.children())
            if (is(c, "w:p") || is(c, "w:tbl") || is(c, "w:sdt") || is(c, "w:customXml")) has_block = true;
        if (!has_block && needs_paragraph(parent)) {
            pugi::xml_node before = is(parent, "w:body") ? parent.child("w:sectPr") : pugi::xml_node{};
            parent.insert_child_before("w:p", before);
        }
    }
    // 5. Notes whose references went.
    std::sort(dead_notes.begin(), dead_notes.end());
    dead_notes.erase(std::unique(dead_notes.begin(), dead_notes.end()), dead_notes.end());
    for (auto& story : st.stories) {
        bool foot = story.kind == "footnotes", end = story.kind == "endnotes";
        if (!foot && !end) continue;
        for (pugi::xml_node n = story.root.first_child(); n;) {
            pugi::xml_node next = n.next_sibling();
            std::string key = (foot ? "f:" : "e:") + std::string(n.attribute("w:id").value());
            if (std::binary_search(dead_notes.begin(), dead_notes.end(), key)) story.root.remove_child(n);
            n = next;
        }
    }
    // 6. Hyperlinks whose target carries personal data: the link goes, its text stays (redacted).
    for (const auto& u : st.unlinked_relationships) {
        if (!package.has_part(u.source_part)) continue;
        pugi::xml_node root = xml_for_edit(package, u.source_part).document_element();
        std::vector<pugi::xml_node> links, clicks;
        for_each_element(root, [&](pugi::xml_node e) {
            if (std::string_view(e.attribute("r:id").value()) != u.id) return;
            if (is(e, "w:hyperlink")) links.push_back(e);
            else if (is(e, "a:hlinkClick") || is(e, "a:hlinkHover")) clicks.push_back(e);
            else e.remove_attribute("r:id");
        });
        for (auto it = links.rbegin(); it != links.rend(); ++it) unwrap(*it);
        for (auto c : clicks) c.parent().remove_child(c);
        remove_relationship(package, u.source_part, u.id);
    }
}

}  // namespace allies::redact
