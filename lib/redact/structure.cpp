#include "redact/structure.hpp"

#include <vector>

#include "redact/xml_edit.hpp"

namespace allies::redact {
namespace {

bool is_block(pugi::xml_node n) { return is(n, "w:p") || is(n, "w:tbl") || is(n, "w:sdt") || is(n, "w:customXml"); }

// The last block-level child, looking through block content controls and
// custom XML (a cell may end with a content control that ends with a paragraph).
pugi::xml_node last_block(pugi::xml_node container) {
    pugi::xml_node last;
    for (pugi::xml_node c : container.children())
        if (is_block(c)) last = c;
    return last;
}

bool ends_with_paragraph(pugi::xml_node container, int depth = 0) {
    pugi::xml_node last = last_block(container);
    if (!last || depth > 64) return false;
    if (is(last, "w:p")) return true;
    if (is(last, "w:sdt")) return ends_with_paragraph(last.child("w:sdtContent"), depth + 1);
    if (is(last, "w:customXml")) return ends_with_paragraph(last, depth + 1);
    return false;  // a table
}

bool has_child_block(pugi::xml_node n) { return static_cast<bool>(last_block(n)); }

bool has_row(pugi::xml_node tbl) {
    for (pugi::xml_node c : tbl.children())
        if (is(c, "w:tr") || is(c, "w:sdt") || is(c, "w:customXml")) return true;
    return false;
}

bool has_cell(pugi::xml_node tr) {
    for (pugi::xml_node c : tr.children())
        if (is(c, "w:tc") || is(c, "w:sdt") || is(c, "w:customXml")) return true;
    return false;
}

// What holds a content control decides what its content must be.
enum class Level { block, row, cell, inline_ };
Level level_of(pugi::xml_node sdt) {
    pugi::xml_node p = sdt.parent();
    while (is(p, "w:customXml") || is(p, "w:sdtContent")) p = is(p, "w:sdtContent") ? p.parent().parent() : p.parent();
    if (is(p, "w:tbl")) return Level::row;
    if (is(p, "w:tr")) return Level::cell;
    if (is(p, "w:p") || is(p, "w:hyperlink") || is(p, "w:r") || is(p, "w:fldSimple") || is(p, "w:smartTag") ||
        is(p, "m:oMath") || is(p, "w:ins") || is(p, "w:del"))
        return Level::inline_;
    return Level::block;
}

bool sdt_has_content(pugi::xml_node sdt) {
    pugi::xml_node content = sdt.child("w:sdtContent");
    if (!content) return false;
    for (pugi::xml_node c : content.children())
        if (c.type() == pugi::node_element) return true;
    return false;
}

// Elements in document order, collected first: the repairs below add and
// remove nodes, so no iteration may run over a tree being changed.
std::vector<pugi::xml_node> all_named(pugi::xml_node root, const char* name) { return descendants_named(root, name); }

}  // namespace

bool is_story_root(pugi::xml_node root) {
    return is(root, "w:document") || is(root, "w:hdr") || is(root, "w:ftr") || is(root, "w:footnotes") ||
           is(root, "w:endnotes") || is(root, "w:comments");
}

void repair_structure(pugi::xml_node root) {
    // Innermost first (reverse document order), so an emptied inner
    // container is repaired before its parent is judged.
    auto sdts = all_named(root, "w:sdt");
    for (auto it = sdts.rbegin(); it != sdts.rend(); ++it) {
        pugi::xml_node sdt = *it;
        if (sdt_has_content(sdt)) continue;
        Level level = level_of(sdt);
        if (level == Level::block) {
            pugi::xml_node content = sdt.child("w:sdtContent");
            if (!content) content = sdt.append_child("w:sdtContent");
            content.append_child("w:p");
        } else if (level == Level::inline_) {
            if (!sdt.child("w:sdtContent")) sdt.append_child("w:sdtContent");
        } else {
            sdt.parent().remove_child(sdt);  // an empty row or cell control: nothing to show
        }
    }
    auto rows = all_named(root, "w:tr");
    for (auto it = rows.rbegin(); it != rows.rend(); ++it)
        if (!has_cell(*it)) it->parent().remove_child(*it);
    auto tables = all_named(root, "w:tbl");
    for (auto it = tables.rbegin(); it != tables.rend(); ++it)
        if (!has_row(*it)) {
            pugi::xml_node container = it->parent(), after = it->next_sibling();
            container.remove_child(*it);
            // A table that ended a cell leaves the cell to the rule below.
            if ((is(container, "w:body") || is(container, "w:txbxContent")) && !has_child_block(container))
                container.insert_child_before("w:p", is(container, "w:body") ? container.child("w:sectPr") : after);
        }
    for (auto tc : all_named(root, "w:tc"))
        if (!ends_with_paragraph(tc)) tc.append_child("w:p");
    for (const char* holder : {"w:footnote", "w:endnote", "w:comment", "w:txbxContent"})
        for (auto n : all_named(root, holder))
            if (!has_child_block(n)) n.append_child("w:p");
}

std::string structure_problem(pugi::xml_node root) {
    for (auto tc : all_named(root, "w:tc"))
        if (!ends_with_paragraph(tc)) return "a table cell that does not end with a paragraph";
    for (auto tr : all_named(root, "w:tr"))
        if (!has_cell(tr)) return "a table row without a cell";
    for (auto tbl : all_named(root, "w:tbl"))
        if (!has_row(tbl)) return "a table without a row";
    for (auto sdt : all_named(root, "w:sdt")) {
        if (!sdt.child("w:sdtContent")) return "a content control without content";
        if (level_of(sdt) != Level::inline_ && !sdt_has_content(sdt)) return "an empty content control";
    }
    for (const char* holder : {"w:footnote", "w:endnote", "w:comment", "w:txbxContent"})
        for (auto n : all_named(root, holder))
            if (!has_child_block(n)) return std::string("a ") + (holder + 2) + " without a paragraph";
    return {};
}

}  // namespace allies::redact
