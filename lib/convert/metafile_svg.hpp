// WMF/EMF pictures for HTML: browsers show neither format, so the metafile
// is played (layout/metafile.hpp) and written as an inline SVG: paths,
// text, and its bitmaps as embedded PNG.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace allies::svg {

// An <svg> element width_pt x height_pt showing the metafile, labelled with
// alt (role="img"; aria-hidden when alt is blank); nothing when the bytes
// are not a metafile or one of its painting records is not understood.
// id_prefix makes the ids of its clip paths unique in the page.
std::optional<std::string> metafile_svg(std::string_view bytes, double width_pt, double height_pt,
                                        const std::string& alt, const std::string& id_prefix);

}  // namespace allies::svg
