// The layout engine's shared declarations: the atoms a paragraph is made
// of, the styles they point at, and the Engine, whose stages live in files
// of their own: inline_layout.cpp (a paragraph's runs to measured lines and
// drawn items), flow.cpp (blocks down the columns of pages: spacing, keeps,
// breaks, sections, paragraph boxes), float_placement.cpp (anchored objects,
// text frames, floating tables and the room they leave), table_layout.cpp
// (a table in its column, split across pages) and pages.cpp (notes, headers
// and footers, page fields, finishing into the frame model). Internal to
// lib/layout: only lay_out() (layout.hpp) is seen outside.
#pragma once

#include "layout/layout.hpp"


#include "layout/chart.hpp"
#include "layout/colors.hpp"
#include "layout/columns.hpp"
#include "layout/floats.hpp"
#include "layout/metafile.hpp"
#include "layout/picture_check.hpp"
#include "layout/raster_decoders.hpp"
#include "layout/table_borders.hpp"

#include <unicode/brkiter.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <tuple>
#include <utility>
#include <memory>
#include <optional>

#include "ooxml/visible.hpp"
#include "ooxml/numbering.hpp"
#include "text/encode.hpp"

namespace allies::layout::detail {


constexpr double kTwip = 1.0 / 20.0;   // points per twip
constexpr double kEmu = 1.0 / 12700.0; // points per EMU
constexpr double kDefaultTab = 36.0;   // Word's default tab stop (0.5 in)
constexpr double kNoteSeparator = 12.0; // space for the footnote separator line

// Items are made in a top-down space (y grows down from the page top) and
// turned into PDF's bottom-up space when a page is finished.
struct Sink {
    std::vector<Item> items;
};

struct Style {
    std::shared_ptr<const Font> font;
    double size = 11;
    Color color;
    bool underline = false, strike = false;
    double rise = 0;           // baseline shift (superscript > 0)
    std::string link;          // external URL
    bool marked = false;       // highlight or run shading behind the text
    Color mark;
    bool small_caps = false;
    int complex = -1;          // the style for complex-script characters (w:cs font, w:szCs), -1 = this one
};

// Characters Word draws with a run's complex-script font and size: right-to-
// left scripts, and the scripts that need shaping (not bare combining marks).
inline bool complex_script(char32_t c) {
    if (c >= 0x0590 && c <= 0x08FF) return true;  // Hebrew, Arabic, Syriac, Thaana, NKo ...
    if (c >= 0xFB1D && c <= 0xFDFF) return true;
    if (c >= 0xFE70 && c <= 0xFEFF) return true;
    return c >= 0x0900 && c <= 0x0EFF;            // Indic scripts, Thai, Lao
}

// Word's highlight colour names (ST_HighlightColor).
inline bool highlight_color(const std::string& name, Color& out) {
    static const std::map<std::string, Color> colors = {
        {"yellow", {1, 1, 0}}, {"green", {0, 1, 0}}, {"cyan", {0, 1, 1}}, {"magenta", {1, 0, 1}}, {"blue", {0, 0, 1}},
        {"red", {1, 0, 0}}, {"darkBlue", {0, 0, 0.5}}, {"darkCyan", {0, 0.5, 0.5}}, {"darkGreen", {0, 0.5, 0}},
        {"darkMagenta", {0.5, 0, 0.5}}, {"darkRed", {0.5, 0, 0}}, {"darkYellow", {0.5, 0.5, 0}},
        {"darkGray", {0.5, 0.5, 0.5}}, {"lightGray", {0.75, 0.75, 0.75}}, {"black", {0, 0, 0}}, {"white", {1, 1, 1}}};
    auto it = colors.find(name);
    if (it == colors.end()) return false;
    out = it->second;
    return true;
}

enum class AtomKind { text, tab, line_break, page_break, image };

// What an image atom draws: a picture (PNG/JPEG bytes in the package), a
// chart or a SmartArt diagram. Kept apart so that the per-character atoms
// stay small (a paragraph has one atom per character).
struct Graphic {
    const std::string* bytes = nullptr;  // picture bytes, owned by the package
    bool jpeg = false;
    std::string alt;
    std::string chart;                   // a chart part, drawn from its cached values
    std::string diagram, source;         // a SmartArt data part, and the part holding the graphic
    bool placeholder = false;            // damaged picture: a box with the alt text
    std::shared_ptr<const Raster> raster;  // GIF, TIFF, BMP: decoded pixels
    const std::string* metafile = nullptr;  // WMF/EMF bytes, drawn as vector items
    double crop_left = 0, crop_top = 0, crop_right = 0, crop_bottom = 0;  // a:srcRect, fractions
    double outline = 0;                    // a:ln width in points, 0 = none
    Color outline_color;
    const FloatFormat* shape = nullptr;    // a drawn shape (fill, outline, geometry), owned by the document
    const Inline* box = nullptr;           // a text box in the line: its paragraphs, owned by the document
    const Inline* group = nullptr;         // a group or canvas: its shapes (Inline::children), owned by the document
};

struct Atom {
    AtomKind kind = AtomKind::text;
    char32_t ch = 0;
    int style = 0;
    double width = 0;
    double height = 0;                   // images
    double pad = 0;                      // space after this character, inside width (East Asian auto-spacing)
    char32_t leader = 0;                 // tab: the character that fills it (dot leaders in a contents list)
    bool column_break = false;           // page_break atom from w:br type="column"
    std::shared_ptr<const Graphic> graphic;  // images
    std::string footnote;                // id of the footnote this reference mark calls (its first atom)
};

inline Color parse_color(const std::string& hex) {
    Color c;
    if (hex.size() != 6) return c;
    auto v = [&](int i) { return std::stoi(hex.substr(static_cast<std::size_t>(i), 2), nullptr, 16) / 255.0; };
    try {
        c = {v(0), v(2), v(4)};
    } catch (...) {
    }
    return c;
}

// What one paragraph's layout holds while it is laid out: its runs' styles
// (atoms point into them by index), the objects anchored in it, and its
// structure tags. Each paragraph owns one, so a box laid out meanwhile (a
// footnote, a header measured for a new page, a text box) has its own.
struct ParagraphState {
    std::vector<Style> styles;
    std::vector<FontKey> keys;
    std::map<std::pair<int, const Font*>, int> fallback_styles;
    std::map<int, int> small_caps_styles;  // style -> its small-capitals variant
    std::vector<const Inline*> text_boxes;  // text boxes of no size: their paragraphs follow
    std::vector<const Inline*> floats;      // anchored objects, placed with the paragraph
    int tag = kUntagged, label_tag = kUntagged;  // structure nodes of the text and of the list label
    std::size_t label_end = 0;              // atoms before this index are the list label
    int base_style = 0;                     // the paragraph mark's style (empty lines take its height)
};

class Engine {
public:
    Engine(const Document& doc, const Package& pkg, FontLibrary& fonts)
        : doc_(doc), pkg_(pkg), fonts_(fonts), notes_(doc), sections_(doc.sections) {
        for (auto& sec : sections_) sane_geometry(sec);
        // A dark page colour turns automatic text white, as shading does.
        if (Color page; hex_color(doc.background_color, page)) {
            page_color_ = page;
            background_dark_ = is_dark(page);
        }
    }

    LaidOutDocument run();

private:
    // A run of a paragraph's lines in one page or column.
    struct Segment {
        Sink* sink;
        std::size_t first_item;      // index of the first item drawn there
        double x, top, bottom;
    };
    // The last bordered paragraph's box, which the next may continue.
    struct OpenBox {
        Sink* sink = nullptr;
        double bottom = 0;
        Border top, bottom_border, left, right;
        std::size_t bottom_line = SIZE_MAX;  // index of its bottom border line
    };
    // The text frame being filled: paragraphs with the same w:framePr
    // that follow each other go into one frame, one below the other.
    struct OpenFrame {
        TextFrame frame;
        const Sink* sink = nullptr;
        double x = 0, width = 0, next_y = 0;
    };
    // The paragraph before, for contextual spacing.
    struct Previous {
        const Sink* sink = nullptr;
        std::string style;
        bool contextual = false;
        double after = 0, end = 0;
    };
    // One flow of blocks: the page's (columns of pages), or a box's (a
    // table cell, a header or footer, a note area, a text box or frame).
    // What continues from block to block lives here, so a box laid out in
    // the middle of another flow starts afresh and leaves that flow as it
    // was.
    struct Flow {
        double x = 0, width = 0;   // content column
        double y = 0;              // top-down cursor
        bool paginate = false;     // the page flow (else a table cell / header box)
        bool in_cell = false;      // a table cell's (the document grid stays out unless asked)
        bool at_top = false;       // the page flow is at the top of a page or column
        // At the top because the text overflowed (not the document's start
        // or a page or column break): space before is dropped there, as
        // Word does; after a break it is kept.
        bool overflowed = false;
        Sink* sink = nullptr;
        OpenBox open_box;          // the bordered box the next paragraph may continue
        Previous previous;         // the paragraph before (contextual spacing)
        std::optional<OpenFrame> open_frame;
        // Floats: where text must not go (this flow's coordinates), the
        // lowest float bottom, and where objects positioned on the page go
        // when this flow is not the page's (a header: page coordinates) and
        // objects behind the text. Sinks live in pages_ (a deque: they do
        // not move when pages are added) or on the caller's stack.
        std::vector<Exclusion> exclusions;
        double float_bottom = 0;
        Sink* absolute = nullptr;
        Sink* behind = nullptr;
    };
    struct PageInfo {
        std::size_t section = 0;
        bool first_of_section = false;
        Sink sink;
        Sink behind;                 // objects behind the text (behindDoc, negative z-index), drawn first
        double width = 0, height = 0;
        double bottom = 0;           // bottom of the text area (top-down)
        Sink notes;                  // footnotes at the foot of this page, top at 0
        double notes_height = 0;
        bool notes_continued = false;  // they begin with a note continued from the page before
        // Newspaper columns (w:cols): the flow fills column after column.
        int columns = 1, column = 0;
        double column_top = 0;       // where the columns start (below a continuous section's text)
        double column_width = 0, column_gap = 0, left = 0;
        double deepest = 0;          // lowest point reached by any column so far
        std::size_t columns_first_item = 0;  // the first item of the columns begun at column_top
    };

    // The alt text of a picture that cannot be drawn, inside its box: as
    // much of it as fits on one line, in a small grey type.
    void placeholder_label(const std::string& label, double x, double y, double width, double height, int tag, Sink& sink);

    // ---- structure (tagged PDF) -----------------------------------------
    int node(const std::string& type, const std::string& alt = "");

    // ---- pages and sections -------------------------------------------
    // Page geometry within what Word accepts (a page from 1 to 22 inches a
    // side, at least an inch of text each way), so that a damaged or hostile
    // size can neither hide the text nor make endless pages.
    static void sane_geometry(Section& s);

    void start_section(const Section& s, bool first);

    // Column geometry of a section from y down; the flow goes to column 0.
    void set_columns(PageInfo& p, const Section& s, double y);

    // Overflow: the next column of the page, else a new page.
    void next_frame(bool overflow = true);

    void new_page(bool first_of_section = false);

    // Where body text must stop on the current page: above its footnotes.
    double flow_bottom() const;

    double content_bottom() const;

    // Height of a section's header or footer (cached), laid out in a box
    // without touching the paragraph state of whoever asked.
    double extent(std::size_t section, bool footer, bool first);

    // ---- blocks ------------------------------------------------------------
    void block(const Block& b, Flow& f);

    // ---- paragraphs ----------------------------------------------------------
    int style_of(ParagraphState& ps, const RunProps& p, const std::string& link);

    int plain_style_of(ParagraphState& ps, const RunProps& p, const std::string& link);

    void add_text(ParagraphState& ps, std::vector<Atom>& atoms, const std::string& utf8, int run_style, bool caps);

    void gather(ParagraphState& ps, const std::vector<Inline>& inlines, std::vector<Atom>& atoms, const std::string& link);

    // The run formatting of a field's cached result (its first text), else
    // the field's own.
    static const RunProps& field_result_props(const Inline& field);

    const FloatFormat* float_format_of(const Inline& in) const;

    void drawing(ParagraphState& ps, const Inline& in, std::vector<Atom>& atoms);

    // The atom that draws a picture, chart, diagram or shape at its size.
    std::optional<Atom> graphic_atom(const Inline& in);

    struct Line {
        std::size_t begin = 0, end = 0;   // atoms [begin, end)
        double width = 0;                 // natural width of its content
        double start = 0;                 // x offset of the first atom from the column's left
        bool last = false;                // last line of the paragraph (not justified)
        bool page_break_after = false;
        bool column_break_after = false;
        double right = 0;                 // x offset of the line's right edge (beside a float: its left side)
        double skip = 0;                  // moved down this far first (no room beside a float)
    };

    // The next tab stop after x (custom stops, then the hanging indent, then
    // the default grid); tab is the custom stop, or null.
    double tab_stop(const ParaProps& pp, double x_from_column, double left, const TabStop** tab = nullptr) const;

    // Width of the tab atom at i with the pen at x: to its stop, less the
    // text it aligns (right and end stops: the text up to the next tab;
    // centre: half of it; decimal: up to the decimal point). Records the
    // stop's leader on the atom.
    static char32_t compatibility_equivalent(char32_t c);
    double aligned_reach(const std::vector<Atom>& atoms, std::size_t i, const ParaProps& pp, double x, double left) const;
    double tab_width(std::vector<Atom>& atoms, std::size_t i, const ParaProps& pp, double x, double left) const;

    std::vector<Atom> paragraph_atoms(ParagraphState& ps, const Paragraph& para);
    void tag_paragraph(ParagraphState& ps, const Paragraph& para);
    std::vector<bool> break_opportunities(const std::vector<Atom>& atoms);
    void paragraph(const Paragraph& para, Flow& f);

    struct LineRoom {
        double start = 0, right = 0, skip = 0;
    };
    using RoomFn = std::function<LineRoom(std::size_t line, double start, double right)>;

    // Greedy filling of a paragraph's atoms into lines; tabs advance to the
    // next stop. room, when given, narrows each line (floats beside it).
    std::vector<Line> fill_lines(std::vector<Atom>& atoms, const std::vector<bool>& break_before, const ParaProps& pp,
                                 double left, double first, double avail, const RoomFn* room,
                                 double tab_limit) const;

    // A paragraph that carries a sectPr ends its section (in the page flow).
    void end_section(const Flow& f);
    // Evens out the columns of the section ending on the current page.
    void balance_page_columns();

    // Paragraph shading and borders (w:pPr/w:shd, w:pBdr) around the lines
    // each page or column received. Consecutive paragraphs with the same
    // borders share one box, as in Word: no line between them unless a
    // "between" border is set.
    void frame_paragraph(const ParaProps& pp, std::vector<Segment>& segments, double left, double avail, Flow& f);

    static void collect_bookmarks(const std::vector<Inline>& inlines, std::vector<std::string>& out);

    // A single line, as Word and LibreOffice set it: the font's Windows
    // ascent and descent, or its typographic ascent, descent and line gap
    // (hhea) where those are taller (Times New Roman 12 pt: 13.8 pt, not
    // 13.29; Calibri: 1.22 em either way); a font that asks for its OS/2
    // typographic metrics (USE_TYPO_METRICS, as Caladea does) gets those.
    // Any gap goes above the text.
    void line_metrics(const Style& s, double& asc, double& desc);

    // Fills a tab with its leader character, leaving a little room at each end.
    void draw_leader(ParagraphState& ps, const Atom& tab, double x, double baseline, Flow& f);

    // Complex scripts: a character's width depends on its neighbours, so a
    // run that needs shaping is measured as HarfBuzz shapes it, each cluster's
    // width on its first character (line breaks never fall inside a cluster).
    void shape_widths(ParagraphState& ps, std::vector<Atom>& atoms) const;

    // Word's autoSpaceDE/autoSpaceDN (on unless a document turns them off;
    // not read yet): a quarter em between Chinese, Japanese or Korean text and
    // Latin letters or digits next to it.
    void east_asian_spacing(ParagraphState& ps, std::vector<Atom>& atoms) const;

    // Replaces a text item's visual-order characters by shaped glyphs; its
    // text becomes the logical text, and each cluster's text goes on the
    // cluster's first glyph so the PDF extracts in reading order.
    static void shape_item(TextItem& t, const Font& font, bool rtl);

    // Unicode bidirectional algorithm (ICU ubidi) on one line: atoms in the
    // order they are drawn left to right, so right-to-left text reads (and
    // extracts) correctly. Lines without right-to-left text keep their order.
    // rtl receives, per position in the returned order, whether that atom
    // sits in a right-to-left run.
    static std::vector<std::size_t> visual_order(const std::vector<Atom>& atoms, std::size_t begin, std::size_t end,
                                                 bool rtl_paragraph, std::vector<char>& rtl);

    // A picture, chart, diagram, metafile or shape in the box at (x, top),
    // a.width by a.height, tagged as a Figure of the paragraph being laid out.
    void draw_graphic(ParagraphState& ps, const Atom& a, double x, double top, Sink& sink);

    void emit_line(ParagraphState& ps, const std::vector<Atom>& atoms, const Line& line, Flow& f, double baseline, const ParaProps& pp);

    // ---- floats: anchored objects, text frames, floating tables ---------------
    // Whether a float on this flow reaches into the band the paragraph's
    // lines would take (so they are filled again around it).
    bool wraps_here(const Flow& f, double left, double avail, const std::vector<double>& heights) const;

    // The areas an object is placed against, for an object anchored at the
    // flow's cursor.
    AnchorAreas areas_for(const Flow& f) const;

    // Where an object placed by `p` goes, and its coordinates: a flow that
    // is not the page's knows the page only in a header or footer (its
    // absolute sink); elsewhere (table cells, text boxes, notes) a position
    // from the page becomes one from the paragraph and the column.
    Sink* target_for(Placement& p, Flow& f, bool& flow_coordinates);

    // Keeps a box on the page (a position off the page would hide it).
    static void keep_on_page(Box& b, const AnchorAreas& a);

    // A text box's paragraphs laid out from the top of a box at x, width
    // wide (its own Div in the structure), leaving the state of the
    // paragraph being laid out as it was; height receives their height.
    Sink box_content(const Inline& in, double x, double width, double& height);

    void place_floats(ParagraphState& ps, const std::vector<const Inline*>& floats, Flow& f, double left);

    // A paragraph in a text frame (w:framePr): laid out in its own box as
    // wide as the frame (or its text), placed like an anchored object; the
    // text around wraps beside it. Following paragraphs with the same frame
    // go on below it in the same frame.
    void framed_paragraph(const Paragraph& para, Flow& f);
    void drop_cap_paragraph(const Paragraph& para, Flow& f);

    // A floating table (w:tblpPr): laid out in a box, placed like an
    // anchored object, text around it; two such tables side by side stay
    // side by side. One taller than the page is laid out in the flow
    // instead, where it can break across pages.
    void floating_table(const Table& t, Flow& f);

    // A table does not wrap around floats: it starts below any float in
    // its way.
    static void below_floats(Flow& f);

    // ---- tables --------------------------------------------------------------
    void table(const Table& t, Flow& f);

    // Top and bottom of an item (top-down, as laid out).
    static std::pair<double, double> extent_of(const Item& item);

    // Where to end a row's slice that starts at from and may be avail tall:
    // the lowest point at or above from + avail that cuts through no line of
    // text or picture in any cell.
    template <class Placed>
    static double split_point(const std::vector<Placed>& cells, double from, double avail) {
        double cut = from + avail;
        for (bool moved = true; moved;) {
            moved = false;
            for (const auto& p : cells)
                for (const auto& item : p.sink.items) {
                    if (std::holds_alternative<RectItem>(item)) continue;  // nested cell frames may be cut
                    auto [top, bottom] = extent_of(item);
                    if (top < cut - 0.01 && bottom > cut + 0.01 && top > from + 0.01) {
                        cut = top;
                        moved = true;
                    }
                }
        }
        return cut;
    }

    // Height of the text area of the current page (below any header).
    double frame_height() const;

    static void shift(Item& item, double dy, double dx = 0);
    // Turns items about (cx, cy), clockwise degrees on the page.
    static void turn(std::vector<Item>& items, double cx, double cy, double clockwise);

    // ---- notes, headers, footers ---------------------------------------------
    // Lays the given footnotes out in a box as wide as the column (labels
    // hanging), keeping the paragraph state of the caller intact.
    double lay_out_notes(const std::vector<const Note*>& notes, const Flow& f, Sink& box);

    // A note's number as the document formats it (endnotes: i, ii, ... by default).
    std::string note_label(int number, bool endnote) const;

    // Whether a note paragraph holds the note's own reference mark (w:footnoteRef, w:endnoteRef).
    static bool has_own_mark(const std::vector<Inline>& inlines);

    void note_blocks(const Note& note, int number, bool endnote, Flow& f);

    void place_page_notes();
    // Footnotes that do not fit above `room` on their page: what lies below
    // is carried to the next page's note area (Word's continued notes).
    void split_notes(PageInfo& page, double room);

    void notes_at_end();

    // §17.10.5: a section without a header (or footer) reference of a type
    // inherits that type from the previous section.
    const HeaderFooter* pick(std::size_t section, bool footer, bool first, bool even) const;

    void headers_and_footers();

    // ---- finishing -------------------------------------------------------------
    void title();

    void finish();

    const Document& doc_;
    const Package& pkg_;
    FontLibrary& fonts_;
    writers::NoteNumbers notes_;
    LaidOutDocument out_;
    std::deque<PageInfo> pages_;
    std::map<std::string, std::shared_ptr<const Raster>> rasters_;  // decoded GIF/TIFF/BMP by part; null: unreadable
    std::map<std::string, std::string> metafile_problems_;  // WMF/EMF part -> what cannot be drawn ("" = all)
    std::set<std::string> warned_pictures_;  // one warning per picture part  // deque: a Sink* into a page survives new pages
    std::vector<Section> sections_;  // the document's sections, geometry made sane
    const Section* section_ = nullptr;
    std::size_t section_index_ = 0;
    Section default_section_;
    Flow flow_;
    std::set<std::string> placed_notes_;
    // Footnote lines carried to the next page (items from the carry's top).
    Sink note_carry_;
    double note_carry_height_ = 0;
    std::unique_ptr<icu::BreakIterator> line_breaker_;
    std::map<std::string, std::pair<int, double>> bookmarks_;  // name -> (page, top-down y)
    bool artifact_ = false;          // headers and footers: page furniture (untagged)
    std::optional<Color> page_color_;  // w:background shown: painted under each page
    bool background_dark_ = false;   // the paragraph or cell being laid out is shaded dark
    std::string note_mark_label_;    // a note being laid out: the number its own mark shows
    std::vector<int> parents_{0};    // Tagged PDF: the structure nodes new content goes under
    int list_node_ = -1, list_parent_ = -1;
    std::map<std::tuple<std::size_t, bool, bool>, double> extents_;
    const Section* furniture_section_ = nullptr;  // the section of the page whose header or footer is being laid out
    double widest_line_ = 0;  // the widest line emitted (from its column's left), for frames as wide as their text
    int page_number_ = 0, page_count_ = 0, section_pages_ = 0;
    std::string page_label_;  // what PAGE shows on the page being decorated
    std::size_t next_section_ = 1;  // the section that starts after the next section break
};

}  // namespace allies::layout::detail
