// What Word shows for form controls whose look is not in the run text:
// legacy form fields (FORMCHECKBOX, FORMDROPDOWN, FORMTEXT, §17.16.5 with
// w:ffData §17.16.17), MACROBUTTON's display text (§17.16.5.35), and content
// controls (§17.5.2): w14:checkbox's state symbol, a drop-down's chosen item.
#pragma once

#include <string>
#include <vector>

#include <pugixml.hpp>

#include "allies/model.hpp"

namespace allies::ooxml {

// A complex or simple field has been read (instruction, field_type, result
// children): when it is a form field whose result Word draws itself, give
// it that result as text in the field's own formatting. `ffdata` is the
// w:ffData of the field's begin fldChar (may be empty).
void show_form_field(Inline& field, pugi::xml_node ffdata);

// An inline content control has been read: a checkbox shows the symbol of
// its state, a list without text its chosen item. `props` is the control's
// run formatting (sdtPr/w:rPr), used when the content has no run to carry it.
void show_content_control(std::vector<Inline>& content, pugi::xml_node sdt_pr, const RunProps& props);

// The same for a block-level content control (its content is paragraphs).
void show_block_content_control(std::vector<Block>& content, pugi::xml_node sdt_pr, const RunProps& props);

// The symbols a checkbox control draws: (checked, unchecked), as UTF-8.
struct CheckboxSymbols {
    std::string checked = "\u2612", unchecked = "\u2610";
};
// The state of a checkbox content control (none: `sdt_pr` is not one).
enum class CheckState { none, unchecked, checked };
CheckState checkbox_state(pugi::xml_node sdt_pr, CheckboxSymbols* symbols = nullptr);

}  // namespace allies::ooxml
