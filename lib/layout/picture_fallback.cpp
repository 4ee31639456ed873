// Which part a picture is drawn from: a metafile Word keeps a raster
// picture beside is drawn from that raster when its own records cannot all
// be drawn.
#include "layout/metafile.hpp"

namespace allies::layout {

const std::string& picture_part(const Package& package, const Document& doc, const Inline& picture, FontLibrary* fonts) {
    if (picture.picture_format < 0 || static_cast<std::size_t>(picture.picture_format) >= doc.picture_formats.size())
        return picture.image_part;
    const std::string& fallback = doc.picture_formats[static_cast<std::size_t>(picture.picture_format)].fallback_part;
    if (fallback.empty() || !package.has_part(fallback) || !package.has_part(picture.image_part)) return picture.image_part;
    const std::string& bytes = package.part_bytes(picture.image_part);
    if (metafile_format(bytes) == MetafileFormat::none) return picture.image_part;
    // Played at the picture's size, as the layout will draw it.
    constexpr double kPointsPerEmu = 1.0 / 12700;
    auto drawn = draw_metafile(bytes, static_cast<double>(picture.width) * kPointsPerEmu,
                               static_cast<double>(picture.height) * kPointsPerEmu, fonts, kUntagged);
    return drawn && drawn->problem.empty() ? picture.image_part : fallback;
}

}  // namespace allies::layout
