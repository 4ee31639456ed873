#include "redact/xml_edit.hpp"

#include <cstring>

namespace allies::redact {

pugi::xml_node remove_node(pugi::xml_node n) {
    pugi::xml_node next = n.next_sibling();
    n.parent().remove_child(n);
    return next;
}

void unwrap(pugi::xml_node n, std::initializer_list<const char*> drop) {
    pugi::xml_node parent = n.parent();
    for (pugi::xml_node c = n.first_child(); c;) {
        pugi::xml_node next = c.next_sibling();
        bool dropped = false;
        for (const char* d : drop) dropped = dropped || is(c, d);
        if (!dropped) parent.insert_move_before(c, n);
        c = next;
    }
    parent.remove_child(n);
}

std::vector<pugi::xml_node> descendants_named(pugi::xml_node root, const char* name) {
    std::vector<pugi::xml_node> out;
    for_each_element(root, [&](pugi::xml_node n) {
        if (is(n, name)) out.push_back(n);
    });
    return out;
}

bool has_ancestor_named(pugi::xml_node n, const char* name, pugi::xml_node stop) {
    for (pugi::xml_node a = n.parent(); a && a != stop; a = a.parent())
        if (is(a, name)) return true;
    return false;
}

bool is_run_content(pugi::xml_node n) {
    static const char* names[] = {"w:t", "w:tab", "w:br", "w:cr", "w:sym", "w:noBreakHyphen", "w:softHyphen",
                                  "w:drawing", "w:pict", "w:object", "w:footnoteReference", "w:endnoteReference",
                                  "w:ptab", "w:delText", "w:ruby", "mc:AlternateContent", "w:separator",
                                  "w:continuationSeparator", "w:footnoteRef", "w:endnoteRef", "w:annotationRef",
                                  "w:pgNum", "w:dayShort", "w:monthShort", "w:yearShort", "w:dayLong",
                                  "w:monthLong", "w:yearLong", "w:lastRenderedPageBreak", "w:fldChar",
                                  "w:instrText", "w:delInstrText", "w:commentReference", "w:contentPart",
                                  "w:embedded"};
    const char* name = n.name();
    for (const char* c : names)
        if (std::strcmp(name, c) == 0) return true;
    return false;
}

bool run_is_empty(pugi::xml_node run) {
    for (pugi::xml_node c : run.children())
        if (c.type() == pugi::node_element && !is(c, "w:rPr") && !is(c, "w:lastRenderedPageBreak")) return false;
    return true;
}

void remove_empty_runs(pugi::xml_node paragraph) {
    // Repeat until stable: emptying a run can empty its wrapper.
    bool changed = true;
    while (changed) {
        changed = false;
        std::vector<pugi::xml_node> doomed;
        for_each_element(paragraph, [&](pugi::xml_node n) {
            if (n == paragraph) return;
            if (is(n, "w:txbxContent") ) return;
            if (is(n, "w:r") && run_is_empty(n) && !has_ancestor_named(n, "w:txbxContent", paragraph)) {
                doomed.push_back(n);
            } else if ((is(n, "w:hyperlink") || is(n, "w:smartTag") || is(n, "w:fldSimple") || is(n, "w:customXml") ||
                        is(n, "w:ins") || is(n, "w:moveTo") || is(n, "w:dir") || is(n, "w:bdo")) &&
                       !has_ancestor_named(n, "w:txbxContent", paragraph)) {
                bool any = false;
                for (pugi::xml_node c : n.children())
                    if (c.type() == pugi::node_element && !is(c, "w:smartTagPr") && !is(c, "w:customXmlPr")) any = true;
                if (!any) doomed.push_back(n);
            } else if (is(n, "mc:AlternateContent") && !has_ancestor_named(n, "w:txbxContent", paragraph)) {
                bool any = false;
                for (pugi::xml_node branch : n.children())
                    for (pugi::xml_node c : branch.children())
                        if (c.type() == pugi::node_element) any = true;
                if (!any) doomed.push_back(n);
            } else if (is(n, "w:sdt") && !has_ancestor_named(n, "w:txbxContent", paragraph)) {
                pugi::xml_node content = n.child("w:sdtContent");
                bool any = false;
                for (pugi::xml_node c : content.children())
                    if (c.type() == pugi::node_element) any = true;
                if (!any) doomed.push_back(n);
            }
        });
        for (auto n : doomed) {
            n.parent().remove_child(n);
            changed = true;
        }
    }
}

bool is_block_container(pugi::xml_node n) {
    // Called for many elements: a first-letter switch before comparing.
    const char* name = n.name();
    if (name[0] != 'w' || name[1] != ':') return false;
    const char* rest = name + 2;
    switch (rest[0]) {
        case 'b': return std::strcmp(rest, "body") == 0;
        case 't': return std::strcmp(rest, "tc") == 0 || std::strcmp(rest, "txbxContent") == 0;
        case 'h': return std::strcmp(rest, "hdr") == 0;
        case 'f': return std::strcmp(rest, "ftr") == 0 || std::strcmp(rest, "footnote") == 0;
        case 'e': return std::strcmp(rest, "endnote") == 0;
        case 'c': return std::strcmp(rest, "comment") == 0 || std::strcmp(rest, "customXml") == 0;
        case 's': return std::strcmp(rest, "sdtContent") == 0;
        case 'd': return std::strcmp(rest, "docPartBody") == 0;
        default: return false;
    }
}

bool needs_paragraph(pugi::xml_node n) {
    return is(n, "w:tc") || is(n, "w:txbxContent") || is(n, "w:footnote") || is(n, "w:endnote") || is(n, "w:hdr") ||
           is(n, "w:ftr") || is(n, "w:body") || is(n, "w:comment");
}

void set_text(pugi::xml_node t, const std::string& text) {
    t.text().set(text.c_str());
    bool edge_space = !text.empty() && (text.front() == ' ' || text.back() == ' ' || text.front() == '\t' ||
                                        text.back() == '\t' || text.find("  ") != std::string::npos);
    if (edge_space && !t.attribute("xml:space")) t.append_attribute("xml:space") = "preserve";
}

}  // namespace allies::redact
