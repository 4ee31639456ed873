// numbering.xml (ECMA-376 Part 1 §17.9): list definitions and the counters
// that turn a paragraph's numId/ilvl into the label Word shows.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>

#include "allies/package.hpp"
#include "styles.hpp"

namespace allies::ooxml {

struct NumberingLevel {
    int start = 1;
    std::string format = "decimal";   // ST_NumberFormat
    std::string text;                 // lvlText, e.g. "%1.%2."
    int restart = -1;                 // lvlRestart: -1 = default (any higher level), 0 = never
    bool is_legal = false;
    std::string suffix = "tab";       // tab, space, nothing
    std::string style_id;             // pStyle linked to this level
    std::string font;                 // rPr/rFonts ascii (bullet fonts: Symbol, Wingdings)
    ParaProps ppr;                    // indents and tabs the level imposes
    pugi::xml_node ppr_node;
    pugi::xml_node rpr_node;          // the label's own run formatting
    bool defined = false;
};

struct NumberingInstance {
    std::string abstract_id;
    std::array<std::optional<int>, 9> start_override{};
    std::array<std::optional<NumberingLevel>, 9> level_override{};
};

struct ListLabel {
    std::string text;                 // the label as Word shows it
    bool bullet = false;
    NumberingLevel level;             // the effective level definition
};

// Formats one number in an ST_NumberFormat ("decimal", "lowerRoman", ...).
// language (BCP 47, w:lang's "ru-RU") picks the words of cardinalText and
// ordinalText as Word does; "" or a language without spell-out rules gives
// English.
std::string format_number(int value, const std::string& format, const std::string& language = {});

class Numbering {
public:
    void load(const Package& package, const std::string& part, const StyleSheet& styles);

    // Advances the counters for a paragraph with this numbering reference and
    // returns its label; nullopt when the reference names no list. language:
    // the paragraph's w:lang, for labels spelled out in words.
    std::optional<ListLabel> next_label(const NumberingRef& ref, const std::string& language = {});
    // Level definition without advancing counters (indents for layout).
    const NumberingLevel* level(const NumberingRef& ref) const;

private:
    std::map<std::string, std::array<NumberingLevel, 9>> abstracts_;
    std::map<std::string, std::string> num_style_links_;  // abstractNum id -> numStyleLink style
    std::map<int, NumberingInstance> instances_;
    // Counters are shared by all w:num of one abstractNum (Word continues a
    // list across numIds that share a definition); a startOverride restarts
    // them the first time its numId is used.
    std::map<std::string, std::array<int, 9>> counters_;
    std::map<std::string, std::array<bool, 9>> used_;
    std::map<int, bool> override_applied_;
    const StyleSheet* styles_ = nullptr;
    std::string resolve_abstract(int num_id, int depth = 0) const;
};

}  // namespace allies::ooxml
