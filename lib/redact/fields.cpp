// Fields (ECMA-376 §17.16) that would put personal data back when Word
// updates them are unlinked: their instruction goes and their cached result
// stays as plain text, which is then redacted like any other text. Fields
// whose instruction itself carries a name or an address go the same way.
#include <cctype>

#include "redact/state.hpp"
#include "redact/xml_edit.hpp"

namespace allies::redact {
namespace {

std::string field_type(const std::string& instruction) {
    std::size_t i = 0;
    while (i < instruction.size() && (instruction[i] == ' ' || instruction[i] == '\t')) ++i;
    std::size_t j = i;
    while (j < instruction.size() && std::isalpha(static_cast<unsigned char>(instruction[j]))) ++j;
    std::string type = instruction.substr(i, j - i);
    for (auto& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return type;
}

bool personal_field(std::string instruction) {
    std::string type = field_type(instruction);
    std::size_t j = instruction.find_first_not_of(" \t");
    j = j == std::string::npos ? instruction.size() : j + type.size();
    static const char* personal[] = {"AUTHOR", "LASTSAVEDBY", "USERNAME", "USERINITIALS", "USERADDRESS",
                                     "DOCPROPERTY", "DOCVARIABLE", "INFO", "TEMPLATE", "INCLUDETEXT",
                                     "INCLUDEPICTURE", "LINK", "DDE", "DDEAUTO", "DATABASE", "MERGEFIELD",
                                     "ADDRESSBLOCK", "GREETINGLINE", "PRIVATE"};
    for (const char* p : personal)
        if (type == p) return true;
    if (type == "FILENAME") {
        std::string rest = instruction.substr(j);
        for (auto& c : rest) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return rest.find("\\p") != std::string::npos;
    }
    return false;
}

// Redaction markers inside an instruction (a nested field's result) are
// never displayed: the instruction goes with them.
bool has_marker(const std::string& instruction, const Policy& policy) {
    if (instruction.find("[[") == std::string::npos) return false;
    std::string f = text::fold_string(instruction), word = text::fold_string(policy.text_marker);
    return f.find("[[" + word) != std::string::npos || f.find("[[/" + word) != std::string::npos;
}

// Whether the cached result is itself the personal data. A MERGEFIELD's
// result is the «FieldName» placeholder (merged documents hold plain text).
bool personal_result(const std::string& instruction) {
    return personal_field(instruction) && field_type(instruction) != "MERGEFIELD";
}

struct Field {
    pugi::xml_node begin, separate, end;
    std::string instruction;
    std::vector<pugi::xml_node> instruction_nodes;  // every element between begin and separate/end
    std::vector<pugi::xml_node> result_nodes;       // every element between separate and end
    bool in_result = false;
};

}  // namespace

int unlink_personal_fields(Redactor::State& state) {
    int total = 0;
    for (auto& story : state.stories) {
        if (story.kind == "comments") continue;
        if (story.field_chars == 0 && story.simple_fields.empty()) continue;  // no field here
        std::vector<Field> done;
        std::vector<Field> stack;
        // Walk run children in document order.
        for_each_element(story.root, [&](pugi::xml_node n) {
            pugi::xml_node parent = n.parent();
            if (!is(parent, "w:r")) return;
            if (is(n, "w:fldChar")) {
                std::string_view type = n.attribute("w:fldCharType").value();
                if (type == "begin") {
                    for (auto& f : stack)
                        if (!f.in_result) f.instruction_nodes.push_back(n);
                    Field f;
                    f.begin = n;
                    stack.push_back(f);
                    return;
                }
                if (stack.empty()) return;  // stray: left as is
                if (type == "separate") {
                    Field& top = stack.back();
                    top.separate = n;
                    top.in_result = true;
                    for (std::size_t k = 0; k + 1 < stack.size(); ++k)
                        if (!stack[k].in_result) stack[k].instruction_nodes.push_back(n);
                } else if (type == "end") {
                    Field f = stack.back();
                    stack.pop_back();
                    f.end = n;
                    for (auto& g : stack)
                        if (!g.in_result) g.instruction_nodes.push_back(n);
                    done.push_back(std::move(f));
                }
                return;
            }
            for (auto& f : stack) {
                if (f.in_result) {
                    f.result_nodes.push_back(n);
                    continue;
                }
                f.instruction_nodes.push_back(n);
                if (is(n, "w:instrText")) f.instruction += n.text().get();
                // A nested field's result sits in the outer instruction:
                // its text is judged with the instruction.
                else if (is(n, "w:t")) f.instruction += std::string(" ") + n.text().get() + " ";
            }
            // Note: w:rPr children are also collected; they are never removed (see below).
        });
        std::vector<pugi::xml_node> doomed;
        std::set<const void*> touched_paragraphs;
        std::vector<pugi::xml_node> paragraphs;
        int unlinked = 0;
        for (auto& f : done) {
            bool hit = personal_field(f.instruction) || !state.names.find(f.instruction).empty() ||
                       !detect::find_patterns(f.instruction, text::fold(f.instruction), state.options.policy).empty() ||
                       has_marker(f.instruction, state.options.policy);
            if (!hit) continue;
            ++unlinked;
            // The result of a personal field is the personal data itself
            // (a user name, a path, a property): it is replaced too.
            if (personal_result(f.instruction)) {
                std::string type = field_type(f.instruction);
                bool name_like = type == "AUTHOR" || type == "LASTSAVEDBY" || type == "USERNAME" || type == "USERINITIALS";
                const std::string& placeholder =
                    name_like ? state.options.policy.name_placeholder : state.options.policy.inline_text;
                bool placed = false;
                for (auto node : f.result_nodes) {
                    if (is(node, "w:t") && !placed) {
                        set_text(node, placeholder);
                        placed = true;
                    } else if (is(node, "w:t") || is(node, "w:tab") || is(node, "w:br") || is(node, "w:cr") ||
                               is(node, "w:drawing") || is(node, "w:pict") || is(node, "w:sym") || is(node, "w:object")) {
                        doomed.push_back(node);
                    }
                }
            }
            for (auto node : f.instruction_nodes)
                if (!is(node, "w:rPr")) doomed.push_back(node);
            doomed.push_back(f.begin);
            if (f.separate) doomed.push_back(f.separate);
            doomed.push_back(f.end);
            for (auto node : {f.begin, f.end}) {
                for (pugi::xml_node a = node; a; a = a.parent())
                    if (is(a, "w:p")) {
                        if (touched_paragraphs.insert(a.internal_object()).second) paragraphs.push_back(a);
                        break;
                    }
            }
        }
        // fldSimple: the instruction is an attribute; unwrapping keeps the result runs.
        const std::vector<pugi::xml_node>& simple = story.simple_fields;
        std::vector<pugi::xml_node> unwrap_simple;
        for (auto s : simple) {
            std::string instr = s.attribute("w:instr").value();
            if (personal_field(instr) || !state.names.find(instr).empty() ||
                !detect::find_patterns(instr, text::fold(instr), state.options.policy).empty()) {
                unwrap_simple.push_back(s);
                ++unlinked;
                if (personal_result(instr)) {
                    std::string type = field_type(instr);
                    bool name_like = type == "AUTHOR" || type == "LASTSAVEDBY" || type == "USERNAME" || type == "USERINITIALS";
                    bool placed = false;
                    std::vector<pugi::xml_node> content;
                    for_each_element(s, [&](pugi::xml_node n) {
                        if (!is(n.parent(), "w:r")) return;
                        if (is(n, "w:t") && !placed) {
                            set_text(n, name_like ? state.options.policy.name_placeholder : state.options.policy.inline_text);
                            placed = true;
                        } else if (is(n, "w:t") || is(n, "w:tab") || is(n, "w:br") || is(n, "w:drawing") || is(n, "w:pict")) {
                            content.push_back(n);
                        }
                    });
                    for (auto n : content) n.parent().remove_child(n);
                }
            }
        }
        // Only the outermost doomed nodes are removed (their subtrees go with
        // them); touching a node inside one already removed would be a bug.
        std::set<const void*> doomed_set;
        for (auto node : doomed) doomed_set.insert(node.internal_object());
        std::vector<pugi::xml_node> outermost;
        std::set<const void*> taken;
        for (auto node : doomed) {
            bool inside = false;
            for (pugi::xml_node a = node.parent(); a && !inside; a = a.parent()) inside = doomed_set.count(a.internal_object()) > 0;
            if (!inside && taken.insert(node.internal_object()).second) outermost.push_back(node);
        }
        for (auto node : outermost) node.parent().remove_child(node);
        for (auto it = unwrap_simple.rbegin(); it != unwrap_simple.rend(); ++it) unwrap(*it, {"w:fldData"});
        for (auto p : paragraphs) remove_empty_runs(p);
        total += unlinked;
        if (unlinked)
            state.add_sanitised(story.name, "fields",
                                std::to_string(unlinked) + " field(s) that could re-insert personal data replaced by their result");
    }
    return total;
}

}  // namespace allies::redact
