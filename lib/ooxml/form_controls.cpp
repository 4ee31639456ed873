#include "form_controls.hpp"

#include <cstdlib>
#include <cstring>

#include "symbol_fonts.hpp"
#include "text/encode.hpp"
#include "xml_util.hpp"

namespace allies::ooxml {

namespace {

constexpr const char* kBoxChecked = "\u2612";    // ☒, as Word draws a checked legacy box
constexpr const char* kBoxUnchecked = "\u2610";  // ☐

// Element and attribute names without their prefix: the w14 checkbox may be
// written with any prefix bound to its namespace.
std::string_view local(std::string_view name) {
    auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child_local(pugi::xml_node n, std::string_view name) {
    for (auto c : n.children())
        if (local(c.name()) == name) return c;
    return {};
}

std::string_view attr_local(pugi::xml_node n, std::string_view name) {
    for (auto a : n.attributes())
        if (local(a.name()) == name) return a.value();
    return {};
}

bool has_visible_text(const std::vector<Inline>& inlines) {
    for (const auto& in : inlines) {
        if (in.kind == InlineKind::deleted) continue;
        if (in.kind == InlineKind::text && !in.text.empty()) return true;
        if (has_visible_text(in.children)) return true;
    }
    return false;
}

Inline text_inline(std::string text, const RunProps& props) {
    Inline in;
    in.kind = InlineKind::text;
    in.text = std::move(text);
    in.props = props;
    return in;
}

// Puts `symbol` in place of the first visible text and drops the rest of the
// text (the control's content is the box and nothing else). Returns whether
// a text inline was found.
bool replace_text(std::vector<Inline>& inlines, const std::string& symbol, bool& placed) {
    bool found = false;
    for (std::size_t i = 0; i < inlines.size();) {
        Inline& in = inlines[i];
        if (in.kind == InlineKind::deleted) {
            ++i;
            continue;
        }
        if (in.kind == InlineKind::text) {
            found = true;
            if (!placed) {
                in.text = symbol;
                placed = true;
                ++i;
            } else {
                inlines.erase(inlines.begin() + static_cast<std::ptrdiff_t>(i));
            }
            continue;
        }
        if (replace_text(in.children, symbol, placed)) found = true;
        ++i;
    }
    return found;
}

// ST_DecimalNumber-like index attribute of w:ffData children; -1 if absent.
long long index_val(pugi::xml_node n) {
    if (!n || !n.attribute("w:val")) return -1;
    return integer(val(n), -1);
}

std::string macro_display_text(std::string_view instr) {
    // MACROBUTTON MacroName Display Text: everything after the macro name.
    std::size_t i = 0;
    for (int word = 0; word < 2; ++word) {
        while (i < instr.size() && (instr[i] == ' ' || instr[i] == '\t')) ++i;
        while (i < instr.size() && instr[i] != ' ' && instr[i] != '\t') ++i;
    }
    while (i < instr.size() && (instr[i] == ' ' || instr[i] == '\t')) ++i;
    std::size_t j = instr.size();
    while (j > i && (instr[j - 1] == ' ' || instr[j - 1] == '\t')) --j;
    return std::string(instr.substr(i, j - i));
}

// A checkbox state symbol (w14:checkedState/uncheckedState): a code point in
// hex, in a font; symbol-font codes become the character they draw.
std::string state_symbol(pugi::xml_node state, const char* fallback) {
    if (!state) return fallback;
    std::string hex(attr_local(state, "val"));
    if (hex.empty()) return fallback;
    char* end = nullptr;
    unsigned long code = std::strtoul(hex.c_str(), &end, 16);
    if (!end || *end != '\0' || code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return fallback;
    std::string_view font = attr_local(state, "font");
    if (is_symbol_font(font) || (code >= 0xF000 && code <= 0xF0FF)) {
        std::string mapped = symbol_font_char(font, static_cast<unsigned>(code));
        return mapped.empty() ? std::string(fallback) : mapped;
    }
    std::string out;
    text::append_utf8(out, static_cast<char32_t>(code));
    return out;
}

// The text a list control shows when its content has none: the item whose
// value is w:lastValue (§17.5.2.14, .9).
std::string chosen_list_item(pugi::xml_node sdt_pr) {
    pugi::xml_node list = sdt_pr.child("w:dropDownList");
    if (!list) list = sdt_pr.child("w:comboBox");
    if (!list) return "";
    std::string_view last = attr(list, "w:lastValue");
    if (last.empty()) return "";
    for (auto item : list.children("w:listItem"))
        if (attr(item, "w:value") == last) {
            std::string_view shown = attr(item, "w:displayText");
            return std::string(shown.empty() ? last : shown);
        }
    return "";
}

}  // namespace

void show_form_field(Inline& field, pugi::xml_node ffdata) {
    const std::string& type = field.field_type;
    if (type == "MACROBUTTON") {
        if (!has_visible_text(field.children)) {
            std::string shown = macro_display_text(field.text);
            if (!shown.empty()) field.children.push_back(text_inline(std::move(shown), field.props));
        }
        return;
    }
    if (type == "FORMCHECKBOX") {
        auto box = ffdata.child("w:checkBox");
        bool checked = false;
        if (auto c = box.child("w:checked")) checked = on_off(c);
        else if (auto d = box.child("w:default")) checked = on_off(d);
        RunProps props = field.props;
        // w:size (half-points) unless the box follows the text size (w:sizeAuto).
        if (auto s = box.child("w:size"); s && !box.child("w:sizeAuto")) {
            long long hp = integer(val(s), 0);
            if (hp >= 2 && hp <= 3276) props.size = props.size_cs = static_cast<HalfPoints>(hp);
        }
        field.children.clear();  // Word draws the box; a stray cached result is not shown
        field.children.push_back(text_inline(checked ? kBoxChecked : kBoxUnchecked, props));
        return;
    }
    if (type == "FORMDROPDOWN") {
        if (has_visible_text(field.children)) return;
        auto list = ffdata.child("w:ddList");
        std::vector<std::string> entries;
        for (auto e : list.children("w:listEntry")) entries.emplace_back(val(e));
        if (entries.empty()) return;
        long long index = index_val(list.child("w:result"));
        if (index < 0) index = index_val(list.child("w:default"));
        if (index < 0 || index >= static_cast<long long>(entries.size())) index = 0;
        field.children.push_back(text_inline(entries[static_cast<std::size_t>(index)], field.props));
        return;
    }
    if (type == "FORMTEXT") {
        if (has_visible_text(field.children)) return;
        std::string_view def = val(ffdata.child("w:textInput").child("w:default"));
        if (!def.empty()) field.children.push_back(text_inline(std::string(def), field.props));
    }
}

CheckState checkbox_state(pugi::xml_node sdt_pr, CheckboxSymbols* symbols) {
    pugi::xml_node box = child_local(sdt_pr, "checkbox");
    if (!box) return CheckState::none;
    bool checked = false;
    if (auto c = child_local(box, "checked")) {
        std::string_view v = attr_local(c, "val");
        checked = v.empty() || v == "1" || v == "true" || v == "on";
    }
    if (symbols) {
        symbols->checked = state_symbol(child_local(box, "checkedState"), kBoxChecked);
        symbols->unchecked = state_symbol(child_local(box, "uncheckedState"), kBoxUnchecked);
    }
    return checked ? CheckState::checked : CheckState::unchecked;
}

void show_content_control(std::vector<Inline>& content, pugi::xml_node sdt_pr, const RunProps& props) {
    CheckboxSymbols symbols;
    CheckState state = checkbox_state(sdt_pr, &symbols);
    if (state != CheckState::none) {
        const std::string& symbol = state == CheckState::checked ? symbols.checked : symbols.unchecked;
        bool placed = false;
        if (!replace_text(content, symbol, placed)) content.push_back(text_inline(symbol, props));
        return;
    }
    if (!has_visible_text(content))
        if (std::string item = chosen_list_item(sdt_pr); !item.empty()) content.push_back(text_inline(item, props));
}

void show_block_content_control(std::vector<Block>& content, pugi::xml_node sdt_pr, const RunProps& props) {
    CheckboxSymbols symbols;
    CheckState state = checkbox_state(sdt_pr, &symbols);
    if (state == CheckState::none) return;
    const std::string& symbol = state == CheckState::checked ? symbols.checked : symbols.unchecked;
    bool placed = false;
    // Paragraphs directly inside, in order (a checkbox holds one in practice).
    Paragraph* first = nullptr;
    for (auto& b : content) {
        if (b.kind != BlockKind::paragraph) continue;
        if (!first) first = &b.paragraph;
        replace_text(b.paragraph.inlines, symbol, placed);
    }
    if (!placed && first) first->inlines.push_back(text_inline(symbol, props));
}

}  // namespace allies::ooxml
