// The document model shared by the redactor, the writers and the layout
// engine: blocks and inlines with resolved formatting. Every node keeps a
// NodeRef back to the XML element it was read from, so the redactor can edit
// the package in place through the model.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace allies {

// Units (ECMA-376 Part 1 §17.18): twentieths of a point, half-points, EMUs.
using Twips = std::int32_t;
using HalfPoints = std::int32_t;
using Emu = std::int64_t;

// Opaque link to an XML element of a part (a pugixml node, hidden here).
struct NodeRef {
    const void* node = nullptr;
    std::string part;  // part name, e.g. "word/document.xml"
    explicit operator bool() const { return node != nullptr; }
};

struct Border {
    std::string style;        // w:val ("single", "double", "nil", ...)
    std::int32_t size = 0;    // eighths of a point
    Twips space = 0;          // points in the XML, converted to twips
    std::string color;        // hex RRGGBB or "auto"
    bool present() const { return !style.empty() && style != "nil" && style != "none"; }
};

struct Shading {
    std::string pattern;      // w:val
    std::string color;        // w:color
    std::string fill;         // w:fill, hex RRGGBB or "auto"
};

struct TabStop {
    std::string alignment;    // left, center, right, decimal, bar, clear, start, end
    std::string leader;       // none, dot, hyphen, underscore, heavy, middleDot
    Twips position = 0;
};

enum class Alignment { left, center, right, both, distribute };
enum class LineRule { auto_, exact, at_least };
enum class VerticalAlign { baseline, superscript, subscript };

struct RunProps {
    std::string font_ascii, font_hansi, font_east_asia, font_cs;  // theme fonts resolved
    HalfPoints size = 22;                 // w:sz (Word's default 11pt when absent in docDefaults)
    HalfPoints size_cs = 22;
    bool bold = false, italic = false, strike = false, double_strike = false;
    bool caps = false, small_caps = false, hidden = false;
    std::string underline;                // "" = none, else w:u val
    std::string color;                    // hex RRGGBB, "" = auto
    std::string highlight;                // w:highlight name, "" = none
    Shading shading;
    VerticalAlign vertical_align = VerticalAlign::baseline;
    std::string lang;
    bool rtl = false;
    std::string style_id;                 // character style applied
};

struct NumberingRef {
    int num_id = 0;                       // 0 = none (numId 0 removes numbering)
    int level = 0;
};

// A text frame (w:framePr, §17.3.1.11): consecutive paragraphs with the
// same frame are one box, placed like an anchored object (page numbers in
// a footer's centred frame, a pull quote beside the text).
struct TextFrame {
    bool present = false;
    Twips width = 0, height = 0;          // 0 width: as wide as its text
    std::string height_rule;              // auto, atLeast, exact
    Twips x = 0, y = 0;                   // offsets when no alignment is given
    std::string x_align, y_align;         // left/center/right/inside/outside, top/center/bottom/inside/outside/inline
    std::string h_anchor = "text", v_anchor = "text";  // page, margin, text
    std::string wrap;                     // around, auto, notBeside, none, tight, through
    Twips h_space = 0, v_space = 0;       // distance from the text around it
};

struct ParaProps {
    std::string style_id;
    Alignment alignment = Alignment::left;
    Twips indent_left = 0, indent_right = 0, indent_first_line = 0, indent_hanging = 0;
    Twips space_before = 0, space_after = 0;
    bool space_before_auto = false, space_after_auto = false;
    std::int32_t line = 240;              // 240ths of a line when auto, twips otherwise
    LineRule line_rule = LineRule::auto_;
    bool contextual_spacing = false;
    bool keep_next = false, keep_lines = false, page_break_before = false, widow_control = true;
    int outline_level = -1;               // 0..8 for headings; -1 = body text
    bool bidi = false;
    bool snap_to_grid = true;             // w:snapToGrid: lines keep to the section's document grid
    Border border_top, border_bottom, border_left, border_right, border_between;
    Shading shading;
    std::vector<TabStop> tabs;
    NumberingRef numbering;
    TextFrame frame;
    RunProps run;                         // paragraph mark / default run formatting
};

struct Block;

// A picture's cropping (a:srcRect: thousandths of a percent of each side cut
// off, negative = padding) and outline (a:ln in pic:spPr; width 0 = none).
// Kept beside the document, not in every inline: a paragraph may hold
// hundreds of thousands of inlines, and each byte of Inline counts there.
struct PictureFormat {
    std::int32_t crop_left = 0, crop_top = 0, crop_right = 0, crop_bottom = 0;
    Emu outline_width = 0;
    std::string outline_color;        // RRGGBB
    // A raster picture (PNG, JPEG, ...) the file keeps beside a WMF/EMF
    // picture (another mc:AlternateContent branch, an a14:imgLayer), to draw
    // where the metafile cannot be; "" = none.
    std::string fallback_part;
};

// Where an anchored object (wp:anchor, an absolutely positioned VML shape)
// sits and how text goes around it (§20.4.2.3), and, for a shape, how it is
// drawn: fill, outline, geometry and the insets of the text it holds. Kept
// beside the document, like PictureFormat.
struct FloatFormat {
    bool anchored = false;            // positioned on the page (else a shape in the line)
    std::string h_relative = "column", v_relative = "paragraph";  // ST_RelFromH / ST_RelFromV
    std::string h_align, v_align;     // "" = by offset
    Emu h_offset = 0, v_offset = 0;
    std::string wrap = "none";        // none, square, tight, through, topAndBottom
    std::string wrap_side = "bothSides";  // bothSides, left, right, largest
    Emu dist_top = 0, dist_bottom = 0, dist_left = 0, dist_right = 0;
    bool behind = false;              // behindDoc: under the text
    std::int64_t z = 0;               // relativeHeight
    bool in_cell = true;              // layoutInCell
    bool allow_overlap = true;        // allowOverlap="0": moved off the other floats it would cover
    // A shape of a group or drawing canvas (wpg:wgp, wpc:wpc): its place
    // from the group's top-left, in EMU at the group's drawn size.
    Emu group_x = 0, group_y = 0;
    // The shape (wps:wsp, v:shape ...); no shape: a picture.
    bool shape = false;
    std::string geometry = "rect";    // a:prstGeom (rect, roundRect, ellipse, line, rightArrow, ...)
    bool flip_h = false, flip_v = false;  // a:xfrm flipH/flipV (which corner a line starts from)
    double rotation = 0;              // degrees clockwise about the centre (a:xfrm rot, VML rotation)
    std::string fill;                 // RRGGBB, "" = none
    std::string line;                 // RRGGBB, "" = none
    Emu line_width = 9525;
    std::string dash;                 // a:prstDash, "" = solid
    Emu inset_left = 91440, inset_top = 45720, inset_right = 91440, inset_bottom = 45720;
    std::string text_anchor = "t";    // t, ctr, b (bodyPr anchor)
    bool grow = false;                // spAutoFit: the shape grows to fit its text
    bool vertical_text = false;       // bodyPr vert: the text is turned (drawn level here)
};

enum class InlineKind {
    text,              // text: the run's characters (w:t, w:sym, hyphens as Unicode)
    tab,
    line_break,        // w:br (textWrapping) and w:cr
    page_break,
    column_break,
    positional_tab,    // w:ptab
    footnote_ref,      // note_id
    endnote_ref,
    drawing,           // image / shape: image_part, alt text, extent; text boxes in `blocks`
    hyperlink,         // children; target (external URL) or anchor
    field,             // instruction + children = cached result
    content_control,   // inline w:sdt: tag, alias, children
    inserted,          // w:ins / w:moveTo: children (shown)
    deleted,           // w:del / w:moveFrom: children (not shown)
    bookmark_start, bookmark_end,
    comment_start, comment_end, comment_ref,
};

struct Inline {
    InlineKind kind = InlineKind::text;
    std::string text;                 // text / field instruction / bookmark name
    RunProps props;                   // resolved formatting (text-like kinds)
    NodeRef ref;                      // the XML element (w:t, w:r, w:hyperlink, ...)
    // hyperlink, field result, sdt, ins/del; a drawing that is a group or
    // canvas: its shapes and pictures, each a drawing placed by its float
    // format's group_x/group_y (the group's own `blocks` keep all their
    // text boxes too, in document order, for readers of the text).
    std::vector<Inline> children;
    std::vector<Block> blocks;        // text box content of a drawing
    // kind-specific data
    std::string target;               // hyperlink URL (external) or field target
    std::string anchor;               // hyperlink anchor (internal bookmark)
    std::string tooltip;
    std::string field_type;           // first word of the instruction, upper-cased
    std::string tag, alias;           // content control
    std::string author, date;         // tracked change
    std::string id;                   // note/comment/bookmark id
    std::string image_part;           // drawing: the image part, "" if none
    std::string chart_part;           // drawing: a chart part (c:chart), "" if none
    std::string diagram_part;         // drawing: a SmartArt data part (dgm:relIds r:dm), "" if none
    std::string alt_text, title;      // drawing: wp:docPr descr / title
    Emu width = 0, height = 0;        // drawing extent
    bool anchored = false;            // wp:anchor vs wp:inline
    std::int32_t picture_format = -1;  // drawing: index into Document::picture_formats, -1 = none
    std::int32_t float_format = -1;    // drawing: index into Document::float_formats, -1 = none
};

// A drop cap (w:framePr w:dropCap, §17.3.1.11): Word keeps the letter in a
// frame paragraph of its own; readers see it as the first `inlines` inlines
// of the paragraph it starts ("Drop", not "D rop"), the layout sets it
// beside the first `lines` lines (or in the margin).
struct DropCap {
    std::int32_t inlines = 0;         // 0 = none
    std::int32_t lines = 3;           // w:lines
    bool in_margin = false;           // dropCap="margin"
    Twips space = 0;                  // w:hSpace: between the letter and the text
    Twips height = 0;                 // the frame paragraph's exact line height, 0 = from the lines
};

struct Paragraph {
    ParaProps props;
    std::vector<Inline> inlines;
    DropCap drop_cap;
    std::string list_label;           // as Word shows it ("1.", "a)", "•"), "" if none
    // The label's formatting: the paragraph's run properties under the
    // numbering level's w:rPr (colour, size, bold of a number or bullet).
    std::shared_ptr<const RunProps> label_props;  // null: the paragraph's own
    // The paragraph mark's formatting (pPr/rPr): it sets the height of an
    // empty paragraph (an 11 pt mark in a 12 pt style is an 11 pt line).
    std::shared_ptr<const RunProps> mark_props;   // null: the paragraph's own
    bool bullet = false;
    int list_level = -1;
    bool section_end = false;         // carries a w:sectPr (ends a section)
    // The paragraph mark is a tracked deletion (pPr/rPr w:del, w:moveFrom):
    // accepted, the paragraph joins the next; one with nothing left to
    // show is gone.
    bool mark_deleted = false;
    NodeRef ref;
};

struct TableCell {
    std::vector<Block> blocks;
    int grid_span = 1;
    enum class VMerge { none, restart, continue_ } vmerge = VMerge::none;
    Twips width = 0;
    Shading shading;
    Border border_top, border_bottom, border_left, border_right;
    Twips margin_top = -1, margin_bottom = -1, margin_left = -1, margin_right = -1;  // -1 = table default
    std::string vertical_align;       // top, center, bottom
    NodeRef ref;
};

struct TableRow {
    std::vector<TableCell> cells;
    bool header = false;              // w:tblHeader: repeats on each page
    bool cant_split = false;          // w:cantSplit: the row moves whole to the next page
    Twips height = 0;
    std::string height_rule;
    int grid_before = 0, grid_after = 0;
    NodeRef ref;
};

// A floating table (w:tblpPr, §17.4.58): placed like an anchored object,
// text around it.
struct TablePosition {
    bool present = false;
    Twips x = 0, y = 0;
    std::string x_align, y_align;     // tblpXSpec, tblpYSpec
    std::string h_anchor = "text", v_anchor = "text";  // horzAnchor / vertAnchor: page, margin, text
    Twips left_from_text = 0, right_from_text = 0, top_from_text = 0, bottom_from_text = 0;
};

struct Table {
    std::vector<Twips> grid;          // w:tblGrid column widths
    std::vector<TableRow> rows;
    std::string style_id;
    Twips width = 0;
    std::string width_type;           // dxa, pct, auto
    Alignment alignment = Alignment::left;  // w:jc: left = the leading side (the right in a bidiVisual table)
    Twips indent = 0;                 // w:tblInd: from the leading margin
    Twips cell_spacing = 0;           // w:tblCellSpacing: each cell stands this far from its neighbours and the edge
    bool bidi_visual = false;         // w:bidiVisual: the first column on the right
    Border border_top, border_bottom, border_left, border_right, border_inside_h, border_inside_v;
    Twips cell_margin_top = 0, cell_margin_bottom = 0, cell_margin_left = 108, cell_margin_right = 108;
    TablePosition position;
    NodeRef ref;
};

enum class BlockKind { paragraph, table, content_control, inserted, deleted };

struct Block {
    BlockKind kind = BlockKind::paragraph;
    Paragraph paragraph;              // kind == paragraph
    Table table;                      // kind == table
    std::vector<Block> children;      // block content control / tracked block wrapper
    std::string tag, alias;           // content control
    NodeRef ref;
};

struct HeaderFooterRef {
    std::string type;                 // default, first, even
    std::string part;                 // part name
};

struct Section {
    Twips page_width = 12240, page_height = 15840;   // US Letter when absent
    bool landscape = false;
    Twips margin_top = 1440, margin_bottom = 1440, margin_left = 1440, margin_right = 1440;
    Twips margin_header = 720, margin_footer = 720, gutter = 0;
    int columns = 1;
    Twips column_space = 720;
    std::string type = "nextPage";    // nextPage, continuous, evenPage, oddPage, nextColumn
    std::string grid_type;            // w:docGrid type: default, lines, linesAndChars, snapToChars ("" = none)
    Twips line_pitch = 0;             // w:docGrid linePitch: the grid's line height
    bool title_page = false;          // w:titlePg: first-page header/footer
    int page_start = -1;              // w:pgNumType/@w:start: page numbers restart here; -1 = continue
    std::string page_format;          // w:pgNumType/@w:fmt (ST_NumberFormat), "" = decimal
    std::vector<HeaderFooterRef> headers, footers;
    std::size_t first_block = 0;      // index into Document::body of the section's first block
    NodeRef ref;
};

struct Note {                         // footnote, endnote or comment
    std::string id;
    std::string type;                 // "" normal; separator, continuationSeparator, ...
    std::string author, initials, date;  // comments
    std::vector<Block> blocks;
    NodeRef ref;
};

struct HeaderFooter {
    std::string part;
    std::vector<Block> blocks;
};

// A font the document declares (word/fontTable.xml w:font, §17.8.3): what
// Word knows of it, so that a look-alike can be chosen when it is not
// installed. Values as written; "" when absent.
struct FontDeclaration {
    std::string family;               // w:family (ST_FontFamily): roman, swiss, modern, script, decorative, auto
    std::string panose;               // w:panose1: 20 hex digits (PANOSE-1, family kind first)
    std::string pitch;                // w:pitch: fixed, variable, default
    std::string charset;              // w:charset: hex character set (80 Shift-JIS, 86 GB2312, ...)
    std::string alt_name;             // w:altName
};

struct CoreProperties {
    std::string title, subject, creator, keywords, description, last_modified_by;
    std::string created, modified, language;
};

struct Document {
    std::string main_part;
    std::vector<Block> body;
    std::vector<Section> sections;
    std::map<std::string, HeaderFooter> headers_footers;  // by part name
    std::vector<Note> footnotes, endnotes, comments;
    CoreProperties core;
    bool even_and_odd_headers = false;
    // How note references are numbered (ST_NumberFormat): settings.xml's
    // footnotePr/endnotePr, overridden by the body's final sectPr.
    std::string footnote_format = "decimal", endnote_format = "lowerRoman";
    // Page colour (w:background/@w:color, hex RRGGBB) when settings.xml's
    // displayBackgroundShape says to show it (§17.2.1, §17.15.1.31); "" = none.
    std::string background_color;
    // settings.xml's compatibilityMode (§17.15.3.1; 15 = Word 2013 and
    // later, 0 = not given: an older Word). Tables differ: before 15 a
    // table's indent measures to its first cell's text, not its edge.
    int compatibility_mode = 0;
    // w:compat flags that change the page: adjustLineHeightInTable (the
    // document grid's line pitch applies in table cells too, §17.15.3.1)
    // and ulTrailSpace (spaces at a line's end are underlined).
    bool grid_in_tables = false;
    bool underline_trailing_spaces = false;
    std::vector<std::string> warnings;  // things read approximately, as data
    std::vector<PictureFormat> picture_formats;  // see Inline::picture_format
    std::vector<FloatFormat> float_formats;      // see Inline::float_format
    std::map<std::string, FontDeclaration> fonts;  // fontTable.xml, by w:name
};

}  // namespace allies
