// Small in-place editing helpers over pugixml for WordprocessingML
// (prefixes are normalised by the package layer, so names compare as w:...).
#pragma once

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

namespace allies::redact {

// strcmp stops at the first differing byte: cheaper than building a string_view.
inline bool is(pugi::xml_node n, const char* name) { return std::strcmp(n.name(), name) == 0; }

// Removes `n` and returns the node that followed it.
pugi::xml_node remove_node(pugi::xml_node n);
// Moves the children of `n` (except those named in `drop`) to its place, then removes it.
void unwrap(pugi::xml_node n, std::initializer_list<const char*> drop = {});
// Every element of the subtree (including `root`) with this name, in document order.
std::vector<pugi::xml_node> descendants_named(pugi::xml_node root, const char* name);
// Visits every element of the subtree in document order without recursion.
template <class F>
void for_each_element(pugi::xml_node root, F&& f) {
    pugi::xml_node n = root;
    if (!n) return;
    while (true) {
        if (n.type() == pugi::node_element) f(n);
        if (pugi::xml_node c = n.first_child()) {
            n = c;
            continue;
        }
        while (n != root && !n.next_sibling()) n = n.parent();
        if (n == root) return;
        n = n.next_sibling();
    }
}
bool has_ancestor_named(pugi::xml_node n, const char* name, pugi::xml_node stop = {});

// Elements that hold visible run content (text, tabs, breaks, objects, note references).
bool is_run_content(pugi::xml_node n);
// A run with nothing but properties left.
bool run_is_empty(pugi::xml_node run);
// Removes runs with no content and inline wrappers left empty (hyperlink,
// smartTag, inline sdt, fldSimple) inside a paragraph.
void remove_empty_runs(pugi::xml_node paragraph);

// Block containers: elements whose children are paragraphs and tables.
bool is_block_container(pugi::xml_node n);
// Containers that must keep at least one paragraph (ECMA-376 §17.4.66 for tc, etc.).
bool needs_paragraph(pugi::xml_node n);

void set_text(pugi::xml_node t, const std::string& text);  // sets xml:space="preserve" when needed

}  // namespace allies::redact
