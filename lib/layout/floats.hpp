// Objects outside the text flow, as values: where an anchored object, a
// text frame or a floating table goes on the page (positionH/positionV,
// framePr, tblpPr all become one Placement), the room a line has beside
// the floats already on the page (wrapping), and the items that draw a
// shape's fill and outline. No engine state: the flow calls these.
#pragma once

#include <optional>
#include <vector>

#include "allies/model.hpp"
#include "layout/frame.hpp"

namespace allies::layout {

// A rectangle in the top-down space the layout works in (points).
struct Box {
    double x = 0, y = 0, width = 0, height = 0;
    double right() const { return x + width; }
    double bottom() const { return y + height; }
};

// The areas an object can be positioned against, in top-down page
// coordinates (y of a non-page flow: its own box).
struct AnchorAreas {
    double page_width = 0, page_height = 0;
    Box margins;                // the page's text area
    double column_x = 0, column_width = 0;
    double paragraph_y = 0;     // top of the anchor paragraph
    double line_y = 0;          // top of the anchor line
    double character_x = 0;     // where the anchor character is (approximately)
    bool odd_page = true;       // inside/outside alignment
};

// Position and wrap, whatever the object (wp:anchor, w:framePr, w:tblpPr).
struct Placement {
    std::string h_relative = "column", v_relative = "paragraph";
    std::string h_align, v_align;
    double h_offset = 0, v_offset = 0;          // points
    std::string wrap = "none";                  // none, square, tight, through, topAndBottom
    std::string wrap_side = "bothSides";
    double dist_top = 0, dist_bottom = 0, dist_left = 0, dist_right = 0;
    bool behind = false;
};

Placement placement_of(const FloatFormat& f);
Placement placement_of(const TextFrame& f);
Placement placement_of(const TablePosition& p);

// Whether the vertical position is measured from the page (page, margin
// and the margin areas), not from the text (paragraph, line).
bool page_relative(const Placement& p);

// The object's box (width and height given) on the page.
Box place(const Placement& p, double width, double height, const AnchorAreas& areas);

// Where text must not go: a wrapped object's box grown by its distances.
struct Exclusion {
    Box box;
    bool top_and_bottom = false;   // no text beside it
    std::string side = "bothSides";
};

std::optional<Exclusion> exclusion_of(const Placement& p, const Box& box);

// The room a line of the band [top, top + height) has between left and
// right, beside the exclusions: the widest free interval (text on one side
// of a float, as Word sets most), on the side the wrap allows. nullopt
// when no interval is at least min_width wide; then `below` is where the
// obstruction ends (the next place to try).
struct Interval {
    double left = 0, right = 0;
};
std::optional<Interval> line_room(const std::vector<Exclusion>& exclusions, double left, double right, double top,
                                  double height, double min_width, double& below);

// A shape's fill and outline by its preset geometry (rect, roundRect,
// ellipse, line, arrows, triangles ...; others as rectangles), tag kArtifact
// (decoration). Top-down coordinates.
std::vector<Item> shape_items(const FloatFormat& f, const Box& box);

}  // namespace allies::layout
