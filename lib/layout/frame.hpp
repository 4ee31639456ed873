// The output of layout: pages of positioned items, in points, origin at the
// bottom-left corner of the page (PDF's space). The PDF writer is a pure
// function of this; it knows nothing about DOCX.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace allies::layout {

// Structure for tagged PDF: items carry the index of the structure node
// they belong to (kArtifact for page furniture: headers, footers, rules).
constexpr int kArtifact = -2;
constexpr int kUntagged = -1;

struct StructNode {
    std::string type;                    // Document, H1..H6, P, L, LI, Lbl, LBody, Table, TR, TH, TD, Figure, Note
    int parent = -1;                     // index of the parent node, -1 for the root
    std::string alt;                     // Figure: alternative text
};

struct Color {
    double r = 0, g = 0, b = 0;  // 0..1
};

// A glyph placed by shaping, in points relative to the pen; text is what it
// stands for (a whole cluster on its first glyph, empty on the others).
struct PlacedGlyph {
    std::uint32_t glyph = 0;
    double advance = 0, dx = 0, dy = 0;
    std::u32string text;
};

// A run of text in one font face at one size, drawn from its baseline origin.
// Plain text is drawn character by character through the face's cmap; shaped
// text (complex scripts) carries its glyphs, and text is then its logical,
// reading-order text (what copying or extraction should give).
struct TextItem {
    double x = 0, y = 0;                 // baseline start
    std::string font_path;               // TrueType file of the face
    int font_index = 0;                  // face index inside the file
    bool synthetic_bold = false, synthetic_italic = false;
    double size = 11;                    // points
    std::u32string text;                 // characters the face has glyphs for
    Color color;
    std::vector<PlacedGlyph> glyphs;     // non-empty: shaped, draw these
    bool rtl = false;                    // shaped right to left (glyphs still in drawing order)
    double angle = 0;                    // degrees counter-clockwise about (x, y): turned text (a watermark)
    int tag = kUntagged;
};

struct RectItem {
    double x = 0, y = 0, width = 0, height = 0;
    bool fill = true;
    Color color;
    double stroke_width = 0;             // > 0: stroked outline instead of a fill
    int tag = kUntagged;
};

struct LineItem {
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    double width = 0.5;
    Color color;
    int tag = kUntagged;
    std::vector<double> dash;            // on/off lengths in points; empty = solid
};

// Decoded pixels, for pictures whose format the PDF cannot carry as it is
// (GIF, TIFF, BMP): 8-bit samples, rows top-down.
struct Raster {
    unsigned width = 0, height = 0;
    int channels = 3;                    // 1: grey, 3: RGB
    std::string pixels;                  // width * height * channels bytes
    std::string alpha;                   // width * height bytes; empty when opaque
};

struct ImageItem {
    double x = 0, y = 0, width = 0, height = 0;  // placed box
    std::string bytes;                           // PNG or JPEG data
    bool jpeg = false;
    std::shared_ptr<const Raster> raster;        // set instead of bytes: decoded pixels
    // Fractions of the picture cut off each side (a:srcRect), 0..1; the box
    // shows the rest, the picture scaled up and clipped to it.
    double crop_left = 0, crop_top = 0, crop_right = 0, crop_bottom = 0;
    std::string alt;
    int tag = kUntagged;
    // A metafile's clip path (its subpaths start at clip_starts), page
    // coordinates like the box; empty = the box only.
    std::vector<std::pair<double, double>> clip_path;
    std::vector<std::size_t> clip_starts;
};

struct LinkItem {
    double x = 0, y = 0, width = 0, height = 0;
    std::string uri;                     // external target; "" = internal
    int target_page = -1;                // internal target (0-based page), -1 = none
    double target_y = 0;
    int tag = kUntagged;                 // structure node of the linked text
};

// A filled polygon (chart wedges), points in order; or, for metafile
// drawings, any path: several subpaths, open or closed, filled and/or
// stroked, clipped to a box.
struct PathItem {
    std::vector<std::pair<double, double>> points;
    Color color;                         // fill
    int tag = kUntagged;
    std::vector<std::size_t> starts;     // index of the first point of each further subpath
    bool fill = true;
    bool even_odd = false;               // fill rule (a metafile's ALTERNATE mode)
    bool closed = true;                  // subpaths closed (polygons) or open (polylines)
    double stroke_width = 0;             // > 0: stroked as well, in stroke
    Color stroke;
    // Clip box (same convention as an ImageItem's box); used when clip_w > 0.
    double clip_x = 0, clip_y = 0, clip_w = 0, clip_h = 0;
    std::vector<std::pair<double, double>> clip_path;  // and within this path, when not empty (as ImageItem's)
    std::vector<std::size_t> clip_starts;
};

using Item = std::variant<TextItem, RectItem, LineItem, ImageItem, LinkItem, PathItem>;

struct Page {
    double width = 595.28, height = 841.89;  // A4
    std::vector<Item> items;
};

struct OutlineEntry {
    std::string title;
    int level = 0;                       // 0 = top
    int page = 0;
    double y = 0;
};

struct LaidOutDocument {
    std::vector<Page> pages;
    std::vector<StructNode> structure;   // node 0 is the Document; empty = untagged
    std::vector<OutlineEntry> outline;
    std::string title;
    std::string language;                // BCP 47, e.g. "en-GB"
    // What was drawn approximately, one line each ("word/media/a.png:
    // picture cannot be read (...); drawn as a placeholder"), in order.
    std::vector<std::string> warnings;
};

}  // namespace allies::layout
