// Windows metafiles (WMF, and EMF with its EMF+ dual form read through the
// plain EMF records) drawn as vector items: polygons, polylines, rectangles,
// rounded rectangles, ellipses, arcs, chords, pies, Bézier curves, simple
// paths, text (TextOut / ExtTextOut in the selected font's height and the
// text colour), device-independent bitmaps (StretchDIBits, BitBlt and their
// kin), pens and brushes (solid colours, null pen/brush, stock objects),
// window/viewport origins and extents with the mapping modes, the EMF world
// transform, and SaveDC/RestoreDC.
//
// Bounded: a fixed number of records, points and decoded bitmap pixels per
// file; every count is checked against its record's size before anything is
// allocated; damaged input gives nothing or a problem, never a crash.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "allies/model.hpp"
#include "allies/package.hpp"
#include "layout/fonts.hpp"
#include "layout/frame.hpp"

namespace allies::layout {

enum class MetafileFormat { none, wmf, emf };

// The format the bytes announce (placeable or plain WMF header, EMF header).
MetafileFormat metafile_format(std::string_view bytes);

struct MetafileDrawing {
    // Relative to the box's top-left corner, y downwards (as the layout
    // engine works), clipped to the box.
    std::vector<Item> items;
    // "" when every record that paints was understood; else what was not
    // (the picture should then not be shown as if it were complete).
    std::string problem;
};

// Nothing when the bytes are not a metafile whose header can be read.
// fonts may be null: text is then measured approximately and its items
// carry the metafile's face name in font_path (for SVG output).
std::optional<MetafileDrawing> draw_metafile(std::string_view bytes, double width, double height, FontLibrary* fonts,
                                             int tag);

// The part a picture is drawn from: its own, unless that is a metafile
// which cannot be drawn in full (draw_metafile reports a problem) and the
// file keeps a raster picture beside it (PictureFormat::fallback_part),
// which is then drawn instead. (A metafile with neither is drawn as a
// placeholder box with its alt text, and a warning.)
const std::string& picture_part(const Package& package, const Document& doc, const Inline& picture, FontLibrary* fonts);

}  // namespace allies::layout
