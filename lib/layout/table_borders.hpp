// Table cell borders as Word draws them: each cell edge from the cell's own
// w:tcBorders, else the table's w:tblBorders (outer edges, insideH/insideV),
// conflicts between neighbouring cells settled by weight (§17.4.38:
// width × the style's number, then style order, then the darker colour),
// nil/none not drawn, and each ST_Border style drawn with its width and
// colour (double and triple as parallel lines, dotted and dashed as dashes).
#pragma once

#include <vector>

#include "allies/model.hpp"
#include "layout/frame.hpp"

namespace allies::layout {

struct CellEdges {
    Border top, bottom, left, right;  // a style of "" or nil/none: not drawn
};

// Edges of every cell: result[row][cell], matching table.rows[row].cells.
// The top edge of a vMerge continuation cell is empty (the cells are one).
std::vector<std::vector<CellEdges>> resolve_cell_edges(const Table& table);

// How many rows each cell covers: result[row][cell] is 1, or for a vMerge
// restart cell the number of rows down to its last continuation cell (the
// cells below it in the same grid column that continue it).
std::vector<std::vector<int>> vertical_spans(const Table& table);

// The weight of a border in a conflict; -1 when it is not drawn.
double border_weight(const Border& b);

// Appends the lines that draw `b` along the straight edge (x1,y1)-(x2,y2),
// in the layout's top-down points. Edges are given clockwise around their
// box (top left to right, right downwards, ...): of a two-line style the
// first line (thin of thinThick*) is then drawn on the outside.
void draw_border(const Border& b, double x1, double y1, double x2, double y2, int tag, std::vector<Item>& out);

// The colour of a border: its w:color, black for auto or unreadable values.
Color border_color(const Border& b);

// The width in points of one line of `b`.
double border_line_width(const Border& b);

}  // namespace allies::layout
