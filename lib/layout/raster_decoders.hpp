// Decoders for the picture formats a PDF has no filter for: GIF (giflib;
// the first frame, composed on its logical screen, transparency as alpha),
// TIFF (libtiff, through its RGBA interface, errors kept off stderr) and BMP
// (by hand: 1/4/8-bit palettes, 16/24/32-bit, BI_RGB and BI_BITFIELDS,
// bottom-up and top-down). Bounded by kMaxPicturePixels; damaged or hostile
// input gives nothing, never a crash or an unbounded allocation.
#pragma once

#include <optional>
#include <string_view>

#include "layout/frame.hpp"

namespace allies::layout {

enum class RasterFormat { none, gif, tiff, bmp };

// The format the bytes announce (their signature), without decoding.
RasterFormat raster_format(std::string_view bytes);

// Nothing when the bytes are not a picture of these formats that decodes in
// full within the limits.
std::optional<Raster> decode_raster(std::string_view bytes);

}  // namespace allies::layout
