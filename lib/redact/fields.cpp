// Fields (ECMA-376 §17.16) that would put personal data back when Word
// updates them are unlinked: their instruction goes and their cached result
// stays as plain text, which is then redacted like any other text. Fields
// whose instruction itself carries a name or an address go the same way.
#include <cctype>

#include "redact/state.hpp"
#include "redact/xml_edit.hpp"

namespace allies::redact {
namespace {

bool personal_field(std::string instruction) {
    std::size_t i = 0;
    while (i < instruction.size() && (instruction[i] == ' ' || instruction[i] == '\t')) ++i;
    std::size_t j = i;
    while (j < instruction.size() && std::isalpha(static_cast<unsigned char>(instruction[j]))) ++j;
    std::string type = instruction.substr(i, j - i);
    for (auto& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
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

struct Field {
    pugi::xml_node begin, separate, end;
    std::string instruction;
    std::vector<pugi::xml_node> instruction_nodes;  // every element between begin and separate/end
    bool in_result = false;
};

}  // namespace

void unlink_personal_fields(Redactor::State& state) {
    for (auto& story : state.stories) {
        if (story.kind == "comments") continue;
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
                if (f.in_result) continue;
                f.instruction_nodes.push_back(n);
                if (is(n, "w:instrText")) f.instruction += n.text().get();
            }
            // Note: w:rPr children are also collected; they are never removed (see below).
        });
        std::vector<pugi::xml_node> doomed;
        std::set<const void*> touched_paragraphs;
        std::vector<pugi::xml_node> paragraphs;
        int unlinked = 0;
        for (auto& f : done) {
            bool hit = personal_field(f.instruction) || !state.names.find(f.instruction).empty() ||
                       !detect::find_patterns(f.instruction, text::fold(f.instruction), state.options.policy).empty();
            if (!hit) continue;
            ++unlinked;
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
            }
        }
        std::set<const void*> gone;
        for (auto node : doomed)
            if (gone.insert(node.internal_object()).second && node.parent()) node.parent().remove_child(node);
        for (auto it = unwrap_simple.rbegin(); it != unwrap_simple.rend(); ++it) unwrap(*it, {"w:fldData"});
        for (auto p : paragraphs) remove_empty_runs(p);
        if (unlinked) {
            Hit h;
            h.rule = Rule::sanitise;
            h.category = "fields";
            h.part = story.name;
            h.detail = std::to_string(unlinked) + " field(s) that could re-insert personal data replaced by their result";
            state.add_hit(std::move(h));
        }
    }
}

}  // namespace allies::redact
