// Charts (DrawingML chart parts) drawn from the values cached in the part,
// the way Word shows them when the embedded workbook is not opened: bar and
// column charts (clustered, stacked, 100%), line and area charts as lines,
// pie and doughnut charts, with title, value axis, category labels and legend.
// Anything else becomes a labelled box listing the series, so no chart is
// ever an empty frame.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "allies/package.hpp"
#include "layout/fonts.hpp"
#include "layout/frame.hpp"

namespace allies::layout {

struct ChartSeries {
    std::string name;
    std::vector<double> values;          // by category index; NaN = no value
    std::optional<Color> color;          // explicit solid fill (srgbClr), if any
    // Data labels (c:dLbls, the series' own over the chart type's): the
    // value, and for pies the share of the whole, in the values' number format.
    bool show_value = false, show_percent = false;
    std::string format;                  // c:numCache/c:formatCode ("General", "0%", "#,##0.00" ...)
};

struct ChartData {
    std::string kind;                    // bar, line, area, pie, doughnut, scatter, radar, ... ("" unreadable)
    bool horizontal = false;             // bar chart with barDir="bar"
    std::string grouping = "clustered";  // clustered, stacked, percentStacked, standard
    std::string title;
    std::vector<std::string> categories;
    std::vector<ChartSeries> series;
    std::string legend;                  // "" none, else r, l, t, b (c:legendPos)
    std::vector<Color> palette;          // the document theme's accent colours (Office's when absent)
    // Bar geometry (c:gapWidth, c:overlap), percentages of a bar's width:
    // the gap between categories, and how far a category's bars overlap
    // (-100..100; stacked bars overlap fully).
    double gap_width = 150, overlap = 0;
};

// Reads the chart part's first plot and its cached categories and values.
// Never throws on bad content: what cannot be read is left empty.
// main_part is the document part whose theme supplies the series colours.
ChartData read_chart(const Package& package, const std::string& part, const std::string& main_part);

// Items for a chart in a box width x height points, relative to the box's
// top-left corner in top-down coordinates (as the layout engine works),
// tagged with tag.
std::vector<Item> draw_chart(const ChartData& chart, double width, double height, FontLibrary& fonts, int tag);

// A SmartArt diagram: the shapes Word saved in its drawing part (boxes,
// rounded boxes, ellipses and arrows with their text), else the data
// model's text in a row of boxes. source_part holds the graphic.
std::vector<Item> draw_diagram(const Package& package, const std::string& data_part, const std::string& source_part,
                               const std::string& main_part, double width, double height, FontLibrary& fonts, int tag);

}  // namespace allies::layout
