// Whether picture bytes can be drawn: a full structural check of PNG (every
// chunk's CRC, the header, and the image data inflating to exactly the size
// the header implies) and of JPEG (markers up to the scan, a frame of a kind
// the decoder supports). A picture that fails is drawn as a placeholder box
// with its alt text instead of failing the whole PDF, and the decoders under
// PoDoFo never meet it (libpng would print its own message on stderr).
#pragma once

#include <string>
#include <string_view>

namespace allies::layout {

enum class PictureKind { png, jpeg, other };

struct PictureCheck {
    PictureKind kind = PictureKind::other;
    bool drawable = false;
    std::string problem;  // why not, for the warning ("" when drawable)
};

// Pictures above this many pixels are not decoded (PoDoFo holds a PNG's
// pixels in memory several times over); they become placeholders too.
inline constexpr unsigned long long kMaxPicturePixels = 40'000'000ull;

PictureCheck check_picture(std::string_view bytes);
// The PNG checks without inflating the image data (chunks, CRCs, header,
// palette, size): for a decoder that inflates and checks the data itself.
PictureCheck check_png_structure(std::string_view bytes);

}  // namespace allies::layout
