// Balancing newspaper columns, as a value: Word evens out the columns of a
// section that a continuous section break ends, so the next section starts
// below the shortest possible block of columns (not below a full first
// column). The lines of the section's columns on that page, in reading
// order, are dealt again into the columns.
#pragma once

#include <cstddef>
#include <vector>

namespace allies::layout {

// A band of the section's content that moves as one (a line, a picture, a
// shaded block): its height including the space to the next band.
struct ColumnBand {
    double height = 0;
};

// Where each band goes: its column and its top below the columns' top.
struct BandPlace {
    int column = 0;
    double top = 0;
};

// The bands dealt into `columns` columns, in order, each column as short as
// possible (the height every column stays within is `height`).
std::vector<BandPlace> balance_columns(const std::vector<ColumnBand>& bands, int columns, double& height);

}  // namespace allies::layout
