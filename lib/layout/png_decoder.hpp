// A PNG decoder (ISO/IEC 15948) to 8-bit grey or RGB samples plus an alpha
// plane. The PDF writer uses it instead of PoDoFo 0.9.8's LoadFromPngData,
// which leaks every palette it reads (a `new char[]` it never frees), reads
// past its row buffer for 1-bit palette images with transparency (it indexes
// row[c / 4]), and lets libpng print on standard error.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace allies::layout {

struct DecodedPng {
    unsigned width = 0, height = 0;
    int channels = 3;    // 1: grey, 3: RGB (palettes are expanded)
    std::string pixels;  // width * height * channels bytes, rows top-down
    std::string alpha;   // width * height bytes; empty when fully opaque
};

// Nothing when the bytes are not a PNG this decoder can read in full (the
// same rules as check_picture, which a drawable picture has passed).
std::optional<DecodedPng> decode_png(std::string_view bytes);

}  // namespace allies::layout
