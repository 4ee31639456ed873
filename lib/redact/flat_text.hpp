// A paragraph's visible text flattened into one UTF-8 string, with a map
// back to the XML nodes it came from, so that detection can work across
// run boundaries and edits can go back to exactly those nodes.
#pragma once

#include <string>
#include <vector>

#include <pugixml.hpp>

namespace allies::redact {

enum class SegmentKind { text, symbol, object };

struct Segment {
    pugi::xml_node node;      // w:t / m:t (text), w:tab ... (symbol), w:drawing ... (object)
    pugi::xml_node run;       // enclosing w:r or m:r
    std::uint32_t begin = 0, end = 0;
    SegmentKind kind = SegmentKind::text;
};

struct Anchor {
    pugi::xml_node node;      // w:commentRangeStart / w:commentRangeEnd
    std::uint32_t offset = 0;
};

struct FlatParagraph {
    pugi::xml_node paragraph;
    std::string text;
    std::vector<Segment> segments;
    std::vector<Anchor> anchors;
};

FlatParagraph flatten(pugi::xml_node paragraph);

struct Cut {
    std::uint32_t begin = 0, end = 0;   // range in FlatParagraph::text
    std::string replacement;            // written where the range began
    bool clean_run = false;             // strip marking formatting from the run receiving the replacement
    std::vector<std::string> clean_styles;  // character style ids to strip (M3)
};

// Applies non-overlapping cuts (any order) to the paragraph the flat text was
// made from. Text is cut out of w:t nodes; tabs, breaks and objects inside a
// range are removed; runs left empty are removed. Returns the ids of the
// footnotes and endnotes whose references were removed ("f:3", "e:2").
std::vector<std::string> apply_cuts(const FlatParagraph& flat, std::vector<Cut> cuts);

// Strips black highlight, black shading, vanish and the given character
// styles from a run's properties (used for the run that receives a placeholder).
void clean_run_properties(pugi::xml_node run, const std::vector<std::string>& style_ids);

}  // namespace allies::redact
