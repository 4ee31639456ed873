#include "layout/columns.hpp"

#include <algorithm>
#include <cmath>

namespace allies::layout {
namespace {

// How many columns the bands need when no column may be taller than limit.
int columns_needed(const std::vector<ColumnBand>& bands, double limit) {
    int used = 1;
    double filled = 0;
    for (const auto& b : bands) {
        if (filled > 0 && filled + b.height > limit + 0.01) {
            ++used;
            filled = 0;
        }
        filled += b.height;
    }
    return used;
}

}  // namespace

std::vector<BandPlace> balance_columns(const std::vector<ColumnBand>& bands, int columns, double& height) {
    std::vector<BandPlace> out;
    height = 0;
    if (bands.empty()) return out;
    columns = std::max(1, columns);
    double total = 0, tallest = 0;
    for (const auto& b : bands) {
        total += b.height;
        tallest = std::max(tallest, b.height);
    }
    // The smallest limit that fits: between the even share (or the tallest
    // band) and the whole, found by bisection to a tenth of a point.
    double lo = std::max(total / columns, tallest), hi = std::max(lo, total);
    if (columns_needed(bands, lo) <= columns) hi = lo;
    for (int i = 0; i < 60 && hi - lo > 0.1; ++i) {
        double mid = (lo + hi) / 2;
        if (columns_needed(bands, mid) <= columns) hi = mid;
        else lo = mid;
    }
    int column = 0;
    double filled = 0;
    for (const auto& b : bands) {
        if (filled > 0 && filled + b.height > hi + 0.01 && column + 1 < columns) {
            ++column;
            filled = 0;
        }
        out.push_back({column, filled});
        filled += b.height;
        height = std::max(height, filled);
    }
    return out;
}

}  // namespace allies::layout
