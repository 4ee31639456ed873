#include "layout/layout.hpp"

#include "layout/chart.hpp"
#include "layout/colors.hpp"
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

#include "convert/visible.hpp"
#include "ooxml/numbering.hpp"
#include "text/encode.hpp"

namespace allies::layout {
namespace {

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
bool complex_script(char32_t c) {
    if (c >= 0x0590 && c <= 0x08FF) return true;  // Hebrew, Arabic, Syriac, Thaana, NKo ...
    if (c >= 0xFB1D && c <= 0xFDFF) return true;
    if (c >= 0xFE70 && c <= 0xFEFF) return true;
    return c >= 0x0900 && c <= 0x0EFF;            // Indic scripts, Thai, Lao
}

// Word's highlight colour names (ST_HighlightColor).
bool highlight_color(const std::string& name, Color& out) {
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

Color parse_color(const std::string& hex) {
    Color c;
    if (hex.size() != 6) return c;
    auto v = [&](int i) { return std::stoi(hex.substr(static_cast<std::size_t>(i), 2), nullptr, 16) / 255.0; };
    try {
        c = {v(0), v(2), v(4)};
    } catch (...) {
    }
    return c;
}


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

    LaidOutDocument run() {
        out_.structure.push_back({"Document", -1, ""});
        title();
        // Sections change after each paragraph that carries a sectPr (at any
        // depth of content controls), in the order the reader listed them.
        start_section(sections_.empty() ? default_section_ : sections_.front(), true);
        next_section_ = 1;
        for (const auto& b : doc_.body) block(b, flow_);
        notes_at_end();
        headers_and_footers();
        finish();
        return std::move(out_);
    }

private:
    struct Flow {
        double x = 0, width = 0;   // content column
        double y = 0;              // top-down cursor
        bool paginate = false;     // the page flow (else a table cell / header box)
        Sink* sink = nullptr;
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
        const Flow* flow = nullptr;
        double x = 0, width = 0, next_y = 0;
    };
    // The paragraph before, for contextual spacing.
    struct Previous {
        const Flow* flow = nullptr;
        const Sink* sink = nullptr;
        std::string style;
        bool contextual = false;
        double after = 0, end = 0;
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
        // Newspaper columns (w:cols): the flow fills column after column.
        int columns = 1, column = 0;
        double column_top = 0;       // where the columns start (below a continuous section's text)
        double column_width = 0, column_gap = 0, left = 0;
        double deepest = 0;          // lowest point reached by any column so far
    };

    // The alt text of a picture that cannot be drawn, inside its box: as
    // much of it as fits on one line, in a small grey type.
    void placeholder_label(const std::string& label, double x, double y, double width, double height, int tag, Sink& sink) {
        double size = std::clamp(height * 0.5, 4.0, 9.0);
        if (width < 12 || height < size + 2) return;
        auto font = fonts_.resolve({"Calibri", false, false});
        std::u32string text;
        for (char32_t c : text::utf32_from_utf8(label))  // only what the face can draw
            if (c >= 0x20 && font->glyph(c) != 0) text += c;
        while (!text.empty() && font->width(text, size) > width - 6) text.pop_back();
        if (text.empty()) return;
        TextItem t;
        t.text = std::move(text);
        t.size = size;
        t.x = x + 3;
        t.y = y + std::min(height - 3, 3 + size);
        t.font_path = font->face().path;
        t.font_index = font->face().index;
        t.color = {0.4, 0.4, 0.4};
        t.tag = tag;
        sink.items.push_back(std::move(t));
    }

    // ---- structure (tagged PDF) -----------------------------------------
    int node(const std::string& type, const std::string& alt = "") {
        if (artifact_) return kArtifact;
        out_.structure.push_back({type, parents_.back(), alt});
        return static_cast<int>(out_.structure.size()) - 1;
    }

    // ---- pages and sections -------------------------------------------
    // Page geometry within what Word accepts (a page from 1 to 22 inches a
    // side, at least an inch of text each way), so that a damaged or hostile
    // size can neither hide the text nor make endless pages.
    static void sane_geometry(Section& s) {
        s.page_width = std::clamp<Twips>(s.page_width, 1440, 31680);
        s.page_height = std::clamp<Twips>(s.page_height, 1440, 31680);
        auto fit = [](Twips& a, Twips& b, Twips room) {
            a = std::max<Twips>(0, a);
            b = std::max<Twips>(0, b);
            if (a + b > room) {  // margins leave less than an inch: shrink them in proportion
                double k = static_cast<double>(room) / static_cast<double>(a + b);
                a = static_cast<Twips>(a * k);
                b = static_cast<Twips>(b * k);
            }
        };
        s.gutter = std::clamp<Twips>(s.gutter, 0, s.page_width / 4);
        fit(s.margin_left, s.margin_right, s.page_width - s.gutter - 1440);
        fit(s.margin_top, s.margin_bottom, s.page_height - 1440);
        s.margin_header = std::clamp<Twips>(s.margin_header, 0, s.page_height / 2);
        s.margin_footer = std::clamp<Twips>(s.margin_footer, 0, s.page_height / 2);
        s.columns = std::clamp(s.columns, 1, 45);
        s.column_space = std::clamp<Twips>(s.column_space, 0, s.page_width);
    }

    void start_section(const Section& s, bool first) {
        section_ = &s;
        section_index_ = static_cast<std::size_t>(section_ - sections_.data());
        if (sections_.empty() || section_index_ >= sections_.size()) section_index_ = 0;
        if (first || s.type != "continuous" || pages_.empty()) {
            new_page(true);
            return;
        }
        // A continuous break: the new section's columns start below
        // everything already on the page (columns are not balanced).
        PageInfo& p = pages_.back();
        double y = std::max(flow_.y, p.deepest);
        set_columns(p, s, y);
        flow_.y = y;
    }

    // Column geometry of a section from y down; the flow goes to column 0.
    void set_columns(PageInfo& p, const Section& s, double y) {
        double left = (s.margin_left + s.gutter) * kTwip;
        double width = std::max(72.0, (s.page_width - s.margin_left - s.margin_right - s.gutter) * kTwip);
        int n = std::clamp(s.columns, 1, 16);
        double gap = n > 1 ? std::max(0.0, s.column_space * kTwip) : 0;
        if (n > 1 && (width - gap * (n - 1)) / n < 36) n = 1;  // columns too narrow to hold text: one
        p.columns = n;
        p.column = 0;
        p.column_top = y;
        p.left = left;
        p.column_gap = n > 1 ? gap : 0;
        p.column_width = n > 1 ? (width - gap * (n - 1)) / n : width;
        flow_.x = left;
        flow_.width = p.column_width;
    }

    // Overflow: the next column of the page, else a new page.
    void next_frame() {
        if (!pages_.empty()) {
            PageInfo& p = pages_.back();
            p.deepest = std::max(p.deepest, flow_.y);
            if (p.column + 1 < p.columns) {
                ++p.column;
                flow_.x = p.left + p.column * (p.column_width + p.column_gap);
                flow_.y = p.column_top;
                at_page_top_ = true;
                return;
            }
        }
        new_page();
    }

    void new_page(bool first_of_section = false) {
        const Section& s = section_ ? *section_ : default_section_;
        PageInfo p;
        p.section = section_index_;
        p.first_of_section = first_of_section;
        p.width = s.page_width * kTwip;
        p.height = s.page_height * kTwip;
        p.bottom = (s.page_height - s.margin_bottom) * kTwip;
        // A header taller than the top margin pushes the text down, a tall
        // footer pushes its bottom up, as in Word.
        double header = extent(p.section, false, first_of_section && s.title_page);
        double footer = extent(p.section, true, first_of_section && s.title_page);
        p.bottom = std::min(p.bottom, s.page_height * kTwip - s.margin_footer * kTwip - footer - 6);
        pages_.push_back(std::move(p));
        flow_.y = std::max(s.margin_top * kTwip, s.margin_header * kTwip + header + 6);
        set_columns(pages_.back(), s, flow_.y);
        flow_.paginate = true;
        flow_.sink = &pages_.back().sink;
        flow_.behind = &pages_.back().behind;
        flow_.exclusions.clear();
        open_frame_.reset();
        at_page_top_ = true;
    }

    // Where body text must stop on the current page: above its footnotes.
    double flow_bottom() const {
        if (pages_.empty()) return content_bottom();
        const PageInfo& p = pages_.back();
        return p.bottom - (p.notes_height > 0 ? p.notes_height + kNoteSeparator : 0);
    }

    double content_bottom() const {
        if (!pages_.empty()) return pages_.back().bottom;
        const Section& s = section_ ? *section_ : default_section_;
        return (s.page_height - s.margin_bottom) * kTwip;
    }

    // Laying out a nested box (a footnote, a header) while a paragraph is
    // being placed must leave that paragraph's state as it was: this takes
    // it aside and puts it back when the box is done.
    struct Nested {
        Engine& e;
        std::vector<Style> styles;
        std::vector<FontKey> keys;
        std::map<std::pair<int, const Font*>, int> fallback;
        std::map<int, int> small_caps;
        OpenBox open_box;
        Previous previous;
        std::vector<const Inline*> boxes, floats;
        std::optional<OpenFrame> frame;
        bool top, artifact;
        std::size_t label_end;
        int tag, label;
        explicit Nested(Engine& en)
            : e(en), styles(std::move(en.styles_)), keys(std::move(en.keys_)), fallback(std::move(en.fallback_styles_)),
              small_caps(std::move(en.small_caps_styles_)), open_box(std::exchange(en.open_box_, {})),
              previous(std::exchange(en.previous_, {})),
              boxes(std::move(en.pending_text_boxes_)), floats(std::move(en.pending_floats_)),
              frame(std::exchange(en.open_frame_, std::nullopt)), top(en.at_page_top_), artifact(en.artifact_),
              label_end(en.label_end_), tag(en.tag_), label(en.label_tag_) {}
        ~Nested() {
            e.styles_ = std::move(styles);
            e.keys_ = std::move(keys);
            e.fallback_styles_ = std::move(fallback);
            e.small_caps_styles_ = std::move(small_caps);
            e.open_box_ = open_box;
            e.previous_ = previous;
            e.pending_text_boxes_ = std::move(boxes);
            e.pending_floats_ = std::move(floats);
            e.open_frame_ = frame;
            e.at_page_top_ = top;
            e.artifact_ = artifact;
            e.label_end_ = label_end;
            e.tag_ = tag;
            e.label_tag_ = label;
        }
        Nested(const Nested&) = delete;
        Nested& operator=(const Nested&) = delete;
    };

    // Height of a section's header or footer (cached), laid out in a box
    // without touching the paragraph state of whoever asked.
    double extent(std::size_t section, bool footer, bool first) {
        auto key = std::make_tuple(section, footer, first);
        auto it = extents_.find(key);
        if (it != extents_.end()) return it->second;
        const HeaderFooter* hf = pick(section, footer, first, false);
        double h = 0;
        if (hf) {
            const Section& s = section < sections_.size() ? sections_[section] : default_section_;
            Nested keep(*this);
            artifact_ = true;
            Sink box;
            Flow bf;
            bf.x = (s.margin_left + s.gutter) * kTwip;
            bf.width = std::max(72.0, (s.page_width - s.margin_left - s.margin_right - s.gutter) * kTwip);
            bf.sink = &box;
            for (const auto& b : hf->blocks) block(b, bf);
            h = bf.y;
        }
        extents_[key] = h;
        return h;
    }

    // ---- blocks ------------------------------------------------------------
    void block(const Block& b, Flow& f) {
        switch (b.kind) {
            case BlockKind::paragraph:
                if (b.paragraph.props.frame.present) {
                    framed_paragraph(b.paragraph, f);
                } else {
                    open_frame_.reset();
                    paragraph(b.paragraph, f);
                }
                break;
            case BlockKind::table:
                open_frame_.reset();
                if (b.table.position.present) floating_table(b.table, f);
                else table(b.table, f);
                break;
            case BlockKind::content_control:
            case BlockKind::inserted:
                for (const auto& c : b.children) block(c, f);
                break;
            case BlockKind::deleted: break;
        }
    }

    // ---- paragraphs ----------------------------------------------------------
    int style_of(const RunProps& p, const std::string& link) {
        int main = plain_style_of(p, link);
        // Complex-script text takes the run's cs font and size when they differ.
        std::string cs_family = p.font_cs.empty() ? (p.font_ascii.empty() ? p.font_hansi : p.font_ascii) : p.font_cs;
        std::string family = p.font_ascii.empty() ? p.font_hansi : p.font_ascii;
        if ((!p.font_cs.empty() && p.font_cs != family) || p.size_cs != p.size) {
            RunProps cs = p;
            cs.font_ascii = cs_family;
            cs.font_hansi = cs_family;
            cs.size = p.size_cs > 0 ? p.size_cs : p.size;
            int variant = plain_style_of(cs, link);
            styles_[static_cast<std::size_t>(main)].complex = variant;
        }
        return main;
    }

    int plain_style_of(const RunProps& p, const std::string& link) {
        Style s;
        FontKey key{p.font_ascii.empty() ? p.font_hansi : p.font_ascii, p.bold, p.italic};
        if (key.family.empty()) key.family = "Calibri";
        s.font = fonts_.resolve(key);
        s.size = std::max(1.0, p.size / 2.0);
        if (p.vertical_align != VerticalAlign::baseline) {
            s.rise = p.vertical_align == VerticalAlign::superscript ? s.size * 0.33 : -s.size * 0.14;
            s.size *= 0.65;
        }
        s.color = p.color.empty() || p.color == "auto" ? Color{} : parse_color(p.color);
        s.underline = !p.underline.empty() && p.underline != "none";
        s.strike = p.strike || p.double_strike;
        s.link = link;
        s.small_caps = p.small_caps && !p.caps;
        if (!p.highlight.empty() && p.highlight != "none") {
            s.marked = highlight_color(p.highlight, s.mark);
        } else if (shading_color(p.shading, s.mark)) {
            s.marked = true;
        }
        // Automatic colour is white on a dark highlight, run, paragraph or
        // cell shading (headings on black cells stay readable).
        if (p.color.empty() || p.color == "auto") {
            if (s.marked ? is_dark(s.mark) : background_dark_) s.color = {1, 1, 1};
        }
        keys_.push_back(key);
        styles_.push_back(s);
        return static_cast<int>(styles_.size()) - 1;
    }

    void add_text(std::vector<Atom>& atoms, const std::string& utf8, int run_style, bool caps) {
        for (char32_t c : text::utf32_from_utf8(writers::without_soft_hyphens(utf8))) {
            if (caps) c = static_cast<char32_t>(u_toupper(static_cast<UChar32>(c)));
            Atom a;
            int style = run_style;
            if (int cs = styles_[static_cast<std::size_t>(style)].complex; cs >= 0 && complex_script(c)) style = cs;
            a.style = style;
            if (styles_[static_cast<std::size_t>(style)].small_caps && u_islower(static_cast<UChar32>(c))) {
                // Small capitals: the capital letter, smaller (Word uses about 80%).
                c = static_cast<char32_t>(u_toupper(static_cast<UChar32>(c)));
                auto it = small_caps_styles_.find(style);
                if (it == small_caps_styles_.end()) {
                    Style sc = styles_[static_cast<std::size_t>(style)];
                    sc.size *= 0.8;
                    sc.small_caps = false;
                    keys_.push_back(keys_[static_cast<std::size_t>(style)]);
                    styles_.push_back(sc);
                    it = small_caps_styles_.emplace(style, static_cast<int>(styles_.size()) - 1).first;
                }
                a.style = it->second;
                style = a.style;
            }
            a.ch = c;
            std::shared_ptr<const Font> font = styles_[static_cast<std::size_t>(style)].font;
            // No-break space and hyphen look like their breaking forms; the
            // substitutes (Carlito) lack them, so draw the plain form.
            if (font->glyph(c) == 0 && (c == 0x00A0 || c == 0x202F)) c = ' ';
            if (font->glyph(c) == 0 && (c == 0x2011 || c == 0x2010)) c = '-';
            a.ch = c;
            if (font->glyph(c) == 0 && c > 0x20) {
                // Per-character fallback: a face that has it, same style;
                // one style per (style, face) pair.
                if (auto fb = fonts_.fallback(c, keys_[static_cast<std::size_t>(style)])) {
                    auto key = std::make_pair(style, fb.get());
                    auto it = fallback_styles_.find(key);
                    if (it == fallback_styles_.end()) {
                        Style alt = styles_[static_cast<std::size_t>(style)];
                        alt.font = fb;
                        keys_.push_back(keys_[static_cast<std::size_t>(style)]);
                        styles_.push_back(alt);
                        it = fallback_styles_.emplace(key, static_cast<int>(styles_.size()) - 1).first;
                    }
                    a.style = it->second;
                    font = fb;
                }
            }
            const Style& used = styles_[static_cast<std::size_t>(a.style)];
            a.width = font->advance(font->glyph(c)) * used.size / font->metrics().units_per_em;
            atoms.push_back(a);
        }
    }

    void gather(const std::vector<Inline>& inlines, std::vector<Atom>& atoms, const std::string& link) {
        for (const auto& in : inlines) {
            if (!writers::shows(in)) continue;
            switch (in.kind) {
                case InlineKind::text: add_text(atoms, in.text, style_of(in.props, link), in.props.caps); break;
                case InlineKind::tab:
                case InlineKind::positional_tab: {
                    Atom a;
                    a.kind = AtomKind::tab;
                    a.style = style_of(in.props, link);
                    atoms.push_back(a);
                    break;
                }
                case InlineKind::line_break: {
                    Atom a;
                    a.kind = AtomKind::line_break;
                    a.style = style_of(in.props, link);
                    atoms.push_back(a);
                    break;
                }
                case InlineKind::page_break:
                case InlineKind::column_break: {
                    Atom a;
                    a.kind = AtomKind::page_break;
                    a.column_break = in.kind == InlineKind::column_break;
                    atoms.push_back(a);
                    break;
                }
                case InlineKind::footnote_ref:
                case InlineKind::endnote_ref: {
                    if (in.id.empty()) {
                        // A note's own mark (w:footnoteRef): the note's number, in
                        // the mark's run formatting (FootnoteReference: superscript).
                        if (!note_mark_label_.empty()) add_text(atoms, note_mark_label_, style_of(in.props, link), false);
                        break;
                    }
                    RunProps p = in.props;
                    p.vertical_align = VerticalAlign::superscript;
                    int n = in.kind == InlineKind::footnote_ref ? notes_.footnote(in.id) : notes_.endnote(in.id);
                    std::size_t at = atoms.size();
                    add_text(atoms, note_label(n, in.kind == InlineKind::endnote_ref), style_of(p, link), false);
                    if (in.kind == InlineKind::footnote_ref && at < atoms.size()) atoms[at].footnote = in.id;
                    break;
                }
                case InlineKind::hyperlink:
                    gather(in.children, atoms, !in.target.empty() ? in.target : !in.anchor.empty() ? "#" + in.anchor : link);
                    break;
                case InlineKind::field: {
                    // A computed number takes the formatting of the field's
                    // result, as Word draws it, not of its field code.
                    const RunProps& shown = field_result_props(in);
                    if (in.field_type == "PAGE" && page_number_ > 0) {
                        add_text(atoms, page_label_, style_of(shown, link), false);
                    } else if (in.field_type == "NUMPAGES" && page_count_ > 0) {
                        add_text(atoms, std::to_string(page_count_), style_of(shown, link), false);
                    } else if (in.field_type == "SECTIONPAGES" && section_pages_ > 0) {
                        add_text(atoms, std::to_string(section_pages_), style_of(shown, link), false);
                    } else {
                        gather(in.children, atoms, link);
                    }
                    break;
                }
                case InlineKind::content_control:
                case InlineKind::inserted: gather(in.children, atoms, link); break;
                case InlineKind::drawing: drawing(in, atoms); break;
                default: break;
            }
        }
    }

    // The run formatting of a field's cached result (its first text), else
    // the field's own.
    static const RunProps& field_result_props(const Inline& field) {
        const Inline* found = nullptr;
        auto first_text = [&](const auto& self, const std::vector<Inline>& ins) -> void {
            for (const auto& c : ins) {
                if (found) return;
                if (c.kind == InlineKind::text && !c.text.empty()) found = &c;
                else self(self, c.children);
            }
        };
        first_text(first_text, field.children);
        return found ? found->props : field.props;
    }

    const FloatFormat* float_format_of(const Inline& in) const {
        if (in.float_format < 0 || static_cast<std::size_t>(in.float_format) >= doc_.float_formats.size()) return nullptr;
        return &doc_.float_formats[static_cast<std::size_t>(in.float_format)];
    }

    void drawing(const Inline& in, std::vector<Atom>& atoms) {
        if (const FloatFormat* ff = float_format_of(in); ff && ff->anchored) {
            pending_floats_.push_back(&in);  // placed on the page when its paragraph is
            return;
        }
        if (!in.blocks.empty() && (in.width <= 0 || in.height <= 0)) {
            pending_text_boxes_.push_back(&in);  // a text box of no size: its paragraphs follow the anchor paragraph
            return;
        }
        if (auto a = graphic_atom(in)) atoms.push_back(std::move(*a));
    }

    // The atom that draws a picture, chart, diagram or shape at its size.
    std::optional<Atom> graphic_atom(const Inline& in) {
        if (in.width <= 0 || in.height <= 0) return std::nullopt;
        Atom a;
        a.kind = AtomKind::image;
        a.width = in.width * kEmu;
        a.height = in.height * kEmu;
        auto g = std::make_shared<Graphic>();
        g->alt = in.alt_text.empty() ? in.title : in.alt_text;
        if (const FloatFormat* ff = float_format_of(in); ff && ff->shape) g->shape = ff;
        if (!in.blocks.empty()) g->box = &in;
        g->chart = in.chart_part;
        g->diagram = in.diagram_part;
        g->source = in.ref.part;
        // Cropping: only cuts (positive values) are drawn, and never all of it.
        auto cut = [](std::int32_t v) { return std::clamp(v / 100000.0, 0.0, 0.99); };
        if (in.picture_format >= 0 && static_cast<std::size_t>(in.picture_format) < doc_.picture_formats.size()) {
            const PictureFormat& pf = doc_.picture_formats[static_cast<std::size_t>(in.picture_format)];
            g->crop_left = cut(pf.crop_left);
            g->crop_top = cut(pf.crop_top);
            g->crop_right = cut(pf.crop_right);
            g->crop_bottom = cut(pf.crop_bottom);
            if (g->crop_left + g->crop_right > 0.99 || g->crop_top + g->crop_bottom > 0.99)
                g->crop_left = g->crop_right = g->crop_top = g->crop_bottom = 0;
            if (pf.outline_width > 0 && hex_color(pf.outline_color, g->outline_color)) g->outline = pf.outline_width * kEmu;
        }
        if (!in.image_part.empty() && pkg_.has_part(in.image_part)) {
            const std::string& bytes = pkg_.part_bytes(picture_part(pkg_, doc_, in, &fonts_));  // a metafile's raster fallback where needed
            PictureCheck check = check_picture(bytes);
            if (check.drawable) {
                g->bytes = &bytes;
                g->jpeg = check.kind == PictureKind::jpeg;
            } else if (raster_format(bytes) != RasterFormat::none) {
                // GIF, TIFF, BMP: decoded once per part; a damaged one is a placeholder.
                auto [it, fresh] = rasters_.try_emplace(in.image_part);
                if (fresh)
                    if (auto decoded = decode_raster(bytes)) it->second = std::make_shared<const Raster>(std::move(*decoded));
                g->raster = it->second;
                if (!g->raster) {
                    g->placeholder = true;
                    if (warned_pictures_.insert(in.image_part).second)
                        out_.warnings.push_back(in.image_part +
                                                ": picture cannot be read (a damaged or unsupported GIF, TIFF or BMP); "
                                                "drawn as a placeholder box");
                }
            } else if (metafile_format(bytes) != MetafileFormat::none) {
                // WMF/EMF: played once here to learn whether every record that
                // paints is understood; drawn at its final size when placed.
                auto [it, fresh] = metafile_problems_.try_emplace(in.image_part);
                if (fresh) {
                    auto d = draw_metafile(bytes, a.width, a.height, &fonts_, kUntagged);
                    it->second = !d ? std::string("its header cannot be read") : d->problem;
                }
                if (it->second.empty()) {
                    g->metafile = &bytes;
                } else {
                    g->placeholder = true;
                    if (warned_pictures_.insert(in.image_part).second)
                        out_.warnings.push_back(in.image_part + ": metafile cannot be drawn in full (" + it->second +
                                                "); drawn as a placeholder box");
                }
            } else if (check.kind != PictureKind::other) {
                // A damaged PNG or JPEG: a placeholder box with the alt text,
                // not a failed PDF (other formats are boxes already).
                g->placeholder = true;
                if (warned_pictures_.insert(in.image_part).second)
                    out_.warnings.push_back(in.image_part + ": picture cannot be read (" + check.problem +
                                            "); drawn as a placeholder box");
            }
        }
        a.graphic = std::move(g);
        return a;
    }

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
    double tab_stop(const ParaProps& pp, double x_from_column, double left, const TabStop** tab = nullptr) const {
        if (tab) *tab = nullptr;
        for (const auto& t : pp.tabs) {
            double pos = t.position * kTwip;
            if (t.alignment == "clear" || t.alignment == "bar") continue;
            if (pos > x_from_column + 0.01) {
                if (tab) *tab = &t;
                return pos;
            }
        }
        if (left > x_from_column + 0.01) return left;  // hanging indent acts as a stop
        return (std::floor(x_from_column / kDefaultTab) + 1) * kDefaultTab;
    }

    // Width of the tab atom at i with the pen at x: to its stop, less the
    // text it aligns (right and end stops: the text up to the next tab;
    // centre: half of it; decimal: up to the decimal point). Records the
    // stop's leader on the atom.
    double tab_width(std::vector<Atom>& atoms, std::size_t i, const ParaProps& pp, double x, double left) const {
        const TabStop* tab = nullptr;
        double stop = tab_stop(pp, x, left, &tab);
        Atom& a = atoms[i];
        a.leader = 0;
        if (!tab) return std::max(0.0, stop - x);
        const std::string& l = tab->leader;
        a.leader = l == "dot" ? U'.' : l == "hyphen" ? U'-' : l == "underscore" || l == "heavy" ? U'_' : l == "middleDot" ? U'\u00B7' : 0;
        const std::string& al = tab->alignment;
        bool right = al == "right" || al == "end", center = al == "center", decimal = al == "decimal";
        double aligned = 0;
        if (right || center || decimal) {
            for (std::size_t k = i + 1; k < atoms.size(); ++k) {
                const Atom& b = atoms[k];
                if (b.kind == AtomKind::tab || b.kind == AtomKind::line_break || b.kind == AtomKind::page_break) break;
                if (decimal && b.kind == AtomKind::text && (b.ch == '.' || b.ch == ',')) break;
                aligned += b.width;
            }
            if (center) aligned /= 2;
        }
        return std::max(0.0, stop - x - aligned);
    }

    void paragraph(const Paragraph& para, Flow& f) {
        const ParaProps& pp = para.props;
        std::vector<Atom> atoms;
        styles_.clear();
        keys_.clear();
        fallback_styles_.clear();
        small_caps_styles_.clear();
        pending_text_boxes_.clear();
        pending_floats_.clear();
        // Runs over a dark paragraph shading take white for automatic colour.
        bool saved_dark = background_dark_;
        if (Color shade; shading_color(pp.shading, shade)) background_dark_ = is_dark(shade);
        int para_style = style_of(pp.run, "");
        if (!para.list_label.empty()) {
            RunProps lp = para.label_props ? *para.label_props : pp.run;
            add_text(atoms, para.list_label, style_of(lp, ""), false);
            Atom tab;
            tab.kind = AtomKind::tab;
            tab.style = para_style;
            atoms.push_back(tab);
        }
        std::size_t label_end = para.list_label.empty() ? 0 : atoms.size() - 1;  // label atoms, before its tab
        gather(para.inlines, atoms, "");
        background_dark_ = saved_dark;
        shape_widths(atoms);
        east_asian_spacing(atoms);

        // Bookmarks in this paragraph: internal links land where it starts.
        std::vector<std::string> bookmarks;
        if (f.paginate) collect_bookmarks(para.inlines, bookmarks);

        // Structure: a heading, a paragraph, or a list item (label + body).
        int saved_tag = tag_, saved_label = label_tag_;
        std::size_t saved_label_end = label_end_;
        bool heading = pp.outline_level >= 0 && pp.outline_level <= 5;
        if (artifact_) {
            tag_ = label_tag_ = kArtifact;
        } else if (heading) {  // a numbered heading is a heading, its number part of it
            list_node_ = -1;
            tag_ = label_tag_ = node("H" + std::to_string(pp.outline_level + 1));
        } else if (!para.list_label.empty()) {
            if (list_node_ < 0 || list_parent_ != parents_.back()) {
                list_node_ = node("L");
                list_parent_ = parents_.back();
            }
            parents_.push_back(list_node_);
            parents_.push_back(node("LI"));
            label_tag_ = node("Lbl");
            tag_ = node("LBody");
            parents_.pop_back();
            parents_.pop_back();
        } else {
            list_node_ = -1;
            tag_ = label_tag_ = node("P");
        }
        label_end_ = label_end;

        // Indents may reach into the margins but never push the text off the
        // page or leave it less than half an inch (damaged documents).
        double left = std::clamp(pp.indent_left * kTwip, -f.x, std::max(0.0, f.width - 36));
        double right = std::clamp(pp.indent_right * kTwip, -f.x, std::max(0.0, f.width - 36 - left));
        double first = pp.indent_first_line * kTwip - pp.indent_hanging * kTwip;
        double avail = std::max(24.0, f.width - left - right);
        // Pictures larger than the column or the page are shown whole,
        // scaled down (Word would crop them at the page edge).
        double tallest = f.paginate ? std::max(36.0, frame_height()) : 1e4;
        for (auto& a : atoms) {
            if (a.kind != AtomKind::image || a.width <= 0 || a.height <= 0) continue;
            double k = std::min({1.0, avail / a.width, tallest / a.height});
            a.width *= k;
            a.height *= k;
        }

        // Break opportunities (UAX #14) over the paragraph's text.
        std::u16string units;
        std::vector<std::size_t> unit_atom;  // UTF-16 unit -> atom
        units.reserve(atoms.size());
        unit_atom.reserve(atoms.size());
        for (std::size_t i = 0; i < atoms.size(); ++i) {
            char32_t c = atoms[i].kind == AtomKind::text ? atoms[i].ch
                         : atoms[i].kind == AtomKind::tab ? U'\t'
                         : atoms[i].kind == AtomKind::image ? U'\uFFFC' : U'\n';
            if (c >= 0x10000 && c <= 0x10FFFF) {
                units.push_back(static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10)));
                units.push_back(static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF)));
                unit_atom.push_back(i);
            } else {
                units.push_back(c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) ? u'\uFFFD' : static_cast<char16_t>(c));
            }
            unit_atom.push_back(i);
        }
        // Read-only alias of units (no copy).
        icu::UnicodeString text(false, units.data(), static_cast<int32_t>(units.size()));
        std::vector<bool> break_before(atoms.size() + 1, false);
        // One line-break iterator per document: creating one costs more than
        // breaking a paragraph.
        if (!line_breaker_) {
            UErrorCode status = U_ZERO_ERROR;
            line_breaker_.reset(icu::BreakIterator::createLineInstance(icu::Locale::getRoot(), status));
            if (U_FAILURE(status)) line_breaker_.reset();
        }
        icu::BreakIterator* bi = line_breaker_.get();
        if (bi) {
            bi->setText(text);
            for (int32_t p = bi->first(); p != icu::BreakIterator::DONE; p = bi->next())
                if (p > 0 && static_cast<std::size_t>(p) < unit_atom.size()) break_before[unit_atom[static_cast<std::size_t>(p)]] = true;
        }

        std::vector<Line> lines = fill_lines(atoms, break_before, pp, left, first, avail, nullptr);

        // Vertical placement.
        double before = pp.space_before * kTwip, after = pp.space_after * kTwip;
        // Contextual spacing: no space between paragraphs of the same style
        // (each paragraph's own flag governs its own spacing).
        bool same_style = previous_.flow == &f && previous_.sink == f.sink && previous_.style == pp.style_id &&
                          std::abs(previous_.end - f.y) < 0.01;
        if (same_style && previous_.contextual) f.y -= previous_.after;
        if (same_style && pp.contextual_spacing) before = 0;
        if (pp.page_break_before && f.paginate && !at_page_top_) new_page();
        if (!(f.paginate && at_page_top_)) f.y += before;
        std::vector<Segment> segments;  // where the paragraph's lines went, for its borders and shading
        if (f.paginate && pp.outline_level >= 0 && pp.outline_level <= 8 && !atoms.empty()) {
            // The bookmarks panel: one entry per heading (label included).
            std::u32string title;
            for (const auto& a : atoms) title += a.kind == AtomKind::text ? a.ch : U' ';
            icu::UnicodeString u;
            for (char32_t c : title) u.append(static_cast<UChar32>(c));
            std::string utf8;
            u.trim().toUTF8String(utf8);
            if (!utf8.empty())
                out_.outline.push_back({utf8, pp.outline_level, static_cast<int>(pages_.size()) - 1, f.y});
        }
        int base_style = para_style;
        // Line heights first, for keep-with-next and widow/orphan control.
        auto line_heights = [&] {
            std::vector<double> out;
            for (const auto& line : lines) {
                double asc = 0, desc = 0;
                bool any = false;
                for (std::size_t k = line.begin; k < line.end; ++k) {
                    if (atoms[k].kind == AtomKind::image) {
                        asc = std::max(asc, atoms[k].height);
                        any = true;
                    } else {
                        line_metrics(styles_[static_cast<std::size_t>(atoms[k].style)], asc, desc);
                        any = true;
                    }
                }
                if (!any) line_metrics(styles_[static_cast<std::size_t>(base_style)], asc, desc);
                double natural = asc + desc, h = natural;
                if (pp.line_rule == LineRule::auto_) h = natural * std::max(0.5, pp.line / 240.0);
                else if (pp.line_rule == LineRule::exact) h = pp.line * kTwip;
                else h = std::max(natural, pp.line * kTwip);
                out.push_back(h);
            }
            return out;
        };
        std::vector<double> heights = line_heights();
        if (f.paginate && !at_page_top_) {
            double total = 0;
            for (double h : heights) total += h;
            double next = heights.empty() ? 0 : heights.front();
            // keepNext (headings): this paragraph and the first line of the
            // next one stay together; keepLines: the paragraph stays whole;
            // an orphan (a lone first line at the page foot) moves on.
            bool keep_next = pp.keep_next && f.y + total + after + next > flow_bottom();
            bool keep_lines = pp.keep_lines && f.y + total > flow_bottom() && total < flow_bottom() - 72;
            bool orphan = pp.widow_control && heights.size() > 1 && f.y + heights[0] <= flow_bottom() &&
                          f.y + heights[0] + heights[1] > flow_bottom();
            if (keep_next || keep_lines || orphan) next_frame();
        }
        // Anchored objects go on the page the paragraph starts on; lines
        // beside floats get the room the floats leave them.
        const Sink* wrapped = nullptr;
        if (!pending_floats_.empty()) {
            std::vector<const Inline*> floats = std::move(pending_floats_);
            pending_floats_.clear();
            place_floats(floats, f, left);
        }
        if (!f.exclusions.empty() && !lines.empty() && wraps_here(f, left, avail, heights)) {
            double y_next = f.y, total = 0;
            for (double h : heights) total += h;
            const double average = total / static_cast<double>(heights.size());
            const double limit = f.paginate ? flow_bottom() : 1e9;
            RoomFn room = [&](std::size_t index, double start, double right) {
                const double h = index < heights.size() ? heights[index] : average;
                LineRoom r{start, right, 0};
                double top = y_next;
                for (int tries = 0; tries < 64; ++tries) {
                    double below = top;
                    auto free = line_room(f.exclusions, f.x + start, f.x + right, top, h, std::min(72.0, (right - start) / 4), below);
                    if (free) {
                        r.start = std::max(start, free->left - f.x);
                        r.right = std::min(right, free->right - f.x);
                        break;
                    }
                    top = std::max(below, top + 1);
                    if (top > limit) break;  // below the page: the line goes to the next one
                }
                r.skip = top - y_next;
                y_next = top + h;
                return r;
            };
            lines = fill_lines(atoms, break_before, pp, left, first, avail, &room);
            heights = line_heights();
            wrapped = f.sink;
        }
        std::size_t line_index = 0;
        for (auto& line : lines) {
            ++line_index;
            if (line.skip > 0 && f.sink == wrapped) f.y += line.skip;  // past a float with no room beside it
            // Widow: the last line would stand alone on the next page.
            if (f.paginate && pp.widow_control && !at_page_top_ && lines.size() > 2 && line_index == lines.size() - 1 &&
                f.y + heights[line_index - 1] <= flow_bottom() && f.y + heights[line_index - 1] + heights[line_index] > flow_bottom())
                next_frame();
            double asc = 0, desc = 0;
            bool any = false;
            for (std::size_t k = line.begin; k < line.end; ++k) {
                const Atom& a = atoms[k];
                if (a.kind == AtomKind::image) {
                    asc = std::max(asc, a.height);
                    any = true;
                    continue;
                }
                line_metrics(styles_[static_cast<std::size_t>(a.style)], asc, desc);
                any = true;
            }
            if (!any) line_metrics(styles_[static_cast<std::size_t>(base_style)], asc, desc);
            double natural = asc + desc;
            double height = natural;
            if (pp.line_rule == LineRule::auto_) height = natural * std::max(0.5, pp.line / 240.0);
            else if (pp.line_rule == LineRule::exact) height = pp.line * kTwip;
            else height = std::max(natural, pp.line * kTwip);
            // Footnotes called from this line go to the foot of its page.
            std::vector<const Note*> called;
            if (f.paginate)
                for (std::size_t k = line.begin; k < line.end; ++k)
                    if (!atoms[k].footnote.empty() && !placed_notes_.count(atoms[k].footnote))
                        for (const auto& note : doc_.footnotes)
                            if (note.id == atoms[k].footnote) called.push_back(&note);
            Sink note_box;
            double note_height = called.empty() ? 0 : lay_out_notes(called, f, note_box);
            auto fits = [&] {
                const PageInfo& p = pages_.back();
                double notes = p.notes_height + note_height;
                return f.y + height <= p.bottom - (notes > 0 ? notes + kNoteSeparator : 0);
            };
            if (f.paginate && !fits() && !at_page_top_) next_frame();
            if (!called.empty()) {
                PageInfo& p = pages_.back();
                for (auto item : note_box.items) {
                    shift(item, p.notes_height);
                    p.notes.items.push_back(std::move(item));
                }
                p.notes_height += note_height;
                for (const Note* n : called) placed_notes_.insert(n->id);
            }
            double baseline = f.y + (pp.line_rule == LineRule::exact ? height - desc : asc + (height - natural) * 0.0);
            if (!bookmarks.empty()) {
                for (const auto& b : bookmarks) bookmarks_.emplace(b, std::make_pair(static_cast<int>(pages_.size()) - 1, f.y));
                bookmarks.clear();
            }
            if (segments.empty() || segments.back().sink != f.sink || f.y < segments.back().bottom - 0.01 ||
                std::abs(segments.back().x - f.x) > 0.01)
                segments.push_back({f.sink, f.sink->items.size(), f.x, f.y, f.y});
            emit_line(atoms, line, f, baseline, pp);
            f.y += height;
            segments.back().bottom = f.y;
            at_page_top_ = false;
            if (line.page_break_after && f.paginate) {
                if (line.column_break_after) next_frame();
                else new_page();
            }
        }
        frame_paragraph(pp, segments, left, avail, f);
        f.y += after;
        previous_ = {&f, f.sink, pp.style_id, pp.contextual_spacing, after, f.y};
        if (para.section_end) end_section(f);
        // Text boxes anchored here: their paragraphs follow, indented.
        auto boxes = pending_text_boxes_;
        for (const Inline* box : boxes)
            for (const auto& b : box->blocks) block(b, f);
        tag_ = saved_tag;
        label_tag_ = saved_label;
        label_end_ = saved_label_end;
    }

    struct LineRoom {
        double start = 0, right = 0, skip = 0;
    };
    using RoomFn = std::function<LineRoom(std::size_t line, double start, double right)>;

    // Greedy filling of a paragraph's atoms into lines; tabs advance to the
    // next stop. room, when given, narrows each line (floats beside it).
    std::vector<Line> fill_lines(std::vector<Atom>& atoms, const std::vector<bool>& break_before, const ParaProps& pp,
                                 double left, double first, double avail, const RoomFn* room) const {
        std::vector<Line> lines;
        // Each line's room: the column less the indents, or less the floats
        // beside it (room), and where the line starts.
        auto open = [&](Line& l, bool first_line) {
            double start = left + (first_line ? first : 0), right = left + avail;
            if (room) {
                LineRoom r = (*room)(lines.size(), start, right);
                start = r.start;
                right = r.right;
                l.skip = r.skip;
            }
            l.start = start;
            l.right = right;
        };
        Line cur;
        open(cur, true);
        double x = cur.start;
        std::size_t last_break = 0;
        bool have_break = false;
        for (std::size_t i = 0; i < atoms.size(); ++i) {
            Atom& a = atoms[i];
            if (a.kind == AtomKind::line_break || a.kind == AtomKind::page_break) {
                cur.end = i + 1;
                cur.width = x - cur.start;
                cur.page_break_after = a.kind == AtomKind::page_break;
                cur.column_break_after = a.column_break;
                lines.push_back(cur);
                cur = Line{};
                cur.begin = i + 1;
                open(cur, false);
                x = cur.start;
                have_break = false;
                continue;
            }
            if (a.kind == AtomKind::tab) a.width = tab_width(atoms, i, pp, x, left);
            if (i > cur.begin && break_before[i]) {
                last_break = i;
                have_break = true;
            }
            bool space = a.kind == AtomKind::text && (a.ch == ' ' || a.ch == 0x3000);
            if (x + a.width > cur.right + 0.01 && i > cur.begin && !space) {
                std::size_t cut = have_break && last_break > cur.begin ? last_break : i;
                cur.end = cut;
                double w = 0;
                for (std::size_t k = cur.begin; k < cut; ++k) w += atoms[k].width;
                cur.width = w;
                lines.push_back(cur);
                cur = Line{};
                cur.begin = cut;
                open(cur, false);
                // Re-measure the atoms carried to the new line (tabs depend on x).
                x = cur.start;
                for (std::size_t k = cut; k < i; ++k) {
                    if (atoms[k].kind == AtomKind::tab) atoms[k].width = tab_width(atoms, k, pp, x, left);
                    x += atoms[k].width;
                }
                have_break = false;
                if (a.kind == AtomKind::tab) a.width = tab_width(atoms, i, pp, x, left);
            }
            x += a.width;
        }
        cur.end = atoms.size();
        cur.width = x - cur.start;
        cur.last = true;
        // A page or column break that ends its paragraph keeps the paragraph
        // mark on its own line (Word 2013 and later): no empty line follows.
        if (cur.begin == cur.end && !lines.empty() && lines.back().page_break_after) lines.back().last = true;
        else lines.push_back(cur);
        return lines;
    }

    // A paragraph that carries a sectPr ends its section (in the page flow).
    void end_section(const Flow& f) {
        if (&f != &flow_ || next_section_ >= sections_.size()) return;
        start_section(sections_[next_section_], false);
        ++next_section_;
    }

    // Paragraph shading and borders (w:pPr/w:shd, w:pBdr) around the lines
    // each page or column received. Consecutive paragraphs with the same
    // borders share one box, as in Word: no line between them unless a
    // "between" border is set.
    void frame_paragraph(const ParaProps& pp, std::vector<Segment>& segments, double left, double avail, Flow& f) {
        Color shade;
        bool shaded = shading_color(pp.shading, shade);
        bool bordered = pp.border_top.present() || pp.border_bottom.present() || pp.border_left.present() ||
                        pp.border_right.present() || pp.border_between.present();
        if ((!shaded && !bordered) || segments.empty()) {
            open_box_ = {};
            return;
        }
        auto width = [](const Border& b) { return std::max(0.25, b.size / 8.0); };
        auto color = [](const Border& b) { return b.color.empty() || b.color == "auto" ? Color{} : parse_color(b.color); };
        auto same = [](const Border& a, const Border& b) { return a.style == b.style && a.size == b.size && a.color == b.color; };
        bool joins = open_box_.sink == segments.front().sink && std::abs(open_box_.bottom - segments.front().top) < 24 &&
                     same(open_box_.top, pp.border_top) && same(open_box_.bottom_border, pp.border_bottom) &&
                     same(open_box_.left, pp.border_left) && same(open_box_.right, pp.border_right);
        if (joins && open_box_.bottom_line != SIZE_MAX && open_box_.bottom_line < open_box_.sink->items.size()) {
            // The box goes on: its bottom line moves below this paragraph.
            open_box_.sink->items.erase(open_box_.sink->items.begin() + static_cast<std::ptrdiff_t>(open_box_.bottom_line));
            for (auto& seg : segments)
                if (seg.sink == open_box_.sink && seg.first_item > open_box_.bottom_line) --seg.first_item;
        }
        std::size_t bottom_line = SIZE_MAX;
        for (std::size_t i = 0; i < segments.size(); ++i) {
            Segment& seg = segments[i];
            double x0 = seg.x + left - (pp.border_left.present() ? pp.border_left.space * kTwip + width(pp.border_left) : 0);
            double x1 = seg.x + left + avail + (pp.border_right.present() ? pp.border_right.space * kTwip + width(pp.border_right) : 0);
            double top = seg.top - (i == 0 && pp.border_top.present() && !joins ? pp.border_top.space * kTwip : 0);
            double bottom = seg.bottom + (i + 1 == segments.size() && pp.border_bottom.present() ? pp.border_bottom.space * kTwip : 0);
            if (shaded) {
                RectItem r{x0, top, x1 - x0, bottom - top, true, shade, 0, kArtifact};
                seg.sink->items.insert(seg.sink->items.begin() + static_cast<std::ptrdiff_t>(seg.first_item), r);
            }
            auto line = [&](double ax, double ay, double bx, double by, const Border& b) {
                seg.sink->items.push_back(LineItem{ax, ay, bx, by, width(b), color(b), kArtifact, {}});
            };
            if (i == 0 && !joins && pp.border_top.present()) line(x0, top, x1, top, pp.border_top);
            if (i == 0 && joins && pp.border_between.present()) line(x0, top, x1, top, pp.border_between);
            if (pp.border_left.present()) line(x0, top, x0, bottom, pp.border_left);
            if (pp.border_right.present()) line(x1, top, x1, bottom, pp.border_right);
            if (i + 1 == segments.size() && pp.border_bottom.present()) {
                bottom_line = seg.sink->items.size();
                line(x0, bottom, x1, bottom, pp.border_bottom);
            }
        }
        const Segment& last = segments.back();
        open_box_ = {last.sink, last.bottom, pp.border_top, pp.border_bottom, pp.border_left, pp.border_right, bottom_line};
        if (pp.border_bottom.present()) f.y = std::max(f.y, last.bottom + pp.border_bottom.space * kTwip + width(pp.border_bottom));
    }

    static void collect_bookmarks(const std::vector<Inline>& inlines, std::vector<std::string>& out) {
        for (const auto& in : inlines) {
            if (in.kind == InlineKind::bookmark_start && !in.text.empty()) out.push_back(in.text);
            if (!in.children.empty()) collect_bookmarks(in.children, out);
        }
    }

    // A single line, as Word and LibreOffice set it: the font's Windows
    // ascent and descent, or its typographic ascent, descent and line gap
    // (hhea) where those are taller (Times New Roman 12 pt: 13.8 pt, not
    // 13.29; Calibri: 1.22 em either way); a font that asks for its OS/2
    // typographic metrics (USE_TYPO_METRICS, as Caladea does) gets those.
    // Any gap goes above the text.
    void line_metrics(const Style& s, double& asc, double& desc) {
        const FontMetrics& m = s.font->metrics();
        double scale = s.size / m.units_per_em;
        if (m.use_typo_metrics) {
            asc = std::max(asc, (m.typo_ascent + m.typo_line_gap) * scale + std::max(0.0, s.rise));
            desc = std::max(desc, -m.typo_descent * scale - std::min(0.0, s.rise));
            return;
        }
        const int win = (m.win_ascent > 0 ? m.win_ascent : m.ascent) - (m.win_descent < 0 ? m.win_descent : m.descent);
        const int gap = std::max(0, m.ascent - m.descent + std::max(0, m.line_gap) - win);
        asc = std::max(asc, ((m.win_ascent > 0 ? m.win_ascent : m.ascent) + gap) * scale + std::max(0.0, s.rise));
        desc = std::max(desc, -(m.win_descent < 0 ? m.win_descent : m.descent) * scale - std::min(0.0, s.rise));
    }

    // Fills a tab with its leader character, leaving a little room at each end.
    void draw_leader(const Atom& tab, double x, double baseline, Flow& f) {
        const Style& s = styles_[static_cast<std::size_t>(tab.style)];
        double w = s.font->width(std::u32string(1, tab.leader), s.size);
        if (w <= 0 || s.font->glyph(tab.leader) == 0) return;
        int n = static_cast<int>((tab.width - s.size * 0.3) / w);
        if (n <= 0) return;
        TextItem t;
        t.x = x + tab.width - n * w - s.size * 0.15;
        t.y = baseline - s.rise;
        t.font_path = s.font->face().path;
        t.font_index = s.font->face().index;
        t.size = s.size;
        t.color = s.color;
        t.tag = kArtifact;  // dots are decoration, not text to read
        t.text.assign(static_cast<std::size_t>(n), tab.leader);
        f.sink->items.push_back(std::move(t));
    }

    // Complex scripts: a character's width depends on its neighbours, so a
    // run that needs shaping is measured as HarfBuzz shapes it, each cluster's
    // width on its first character (line breaks never fall inside a cluster).
    void shape_widths(std::vector<Atom>& atoms) const {
        std::size_t i = 0;
        while (i < atoms.size()) {
            if (atoms[i].kind != AtomKind::text) {
                ++i;
                continue;
            }
            std::size_t j = i;
            bool need = false, rtl = false;
            std::u32string text;
            while (j < atoms.size() && atoms[j].kind == AtomKind::text && atoms[j].style == atoms[i].style) {
                char32_t c = atoms[j].ch;
                need = need || Font::needs_shaping(c);
                UCharDirection d = u_charDirection(static_cast<UChar32>(c));
                rtl = rtl || d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC;
                text += c;
                ++j;
            }
            if (need) {
                const Style& s = styles_[static_cast<std::size_t>(atoms[i].style)];
                double scale = s.size / s.font->metrics().units_per_em;
                for (std::size_t k = i; k < j; ++k) atoms[k].width = 0;
                for (const auto& g : s.font->shape(text, rtl))
                    if (g.cluster < text.size()) atoms[i + g.cluster].width += g.advance * scale;
            }
            i = j;
        }
    }

    // Word's autoSpaceDE/autoSpaceDN (on unless a document turns them off;
    // not read yet): a quarter em between Chinese, Japanese or Korean text and
    // Latin letters or digits next to it.
    void east_asian_spacing(std::vector<Atom>& atoms) const {
        auto east_asian = [](char32_t c) {
            return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
                   (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xAC00 && c <= 0xD7AF);
        };
        auto latin = [](char32_t c) {
            return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
        };
        for (std::size_t i = 0; i + 1 < atoms.size(); ++i) {
            const Atom& b = atoms[i + 1];
            Atom& a = atoms[i];
            if (a.kind != AtomKind::text || b.kind != AtomKind::text) continue;
            if ((east_asian(a.ch) && latin(b.ch)) || (latin(a.ch) && east_asian(b.ch))) {
                a.pad = styles_[static_cast<std::size_t>(a.style)].size * 0.25;
                a.width += a.pad;
            }
        }
    }

    // Replaces a text item's visual-order characters by shaped glyphs; its
    // text becomes the logical text, and each cluster's text goes on the
    // cluster's first glyph so the PDF extracts in reading order.
    static void shape_item(TextItem& t, const Font& font, bool rtl) {
        std::u32string logical = t.text;
        if (rtl) std::reverse(logical.begin(), logical.end());
        auto glyphs = font.shape(logical, rtl);
        std::vector<std::uint32_t> starts;
        for (const auto& g : glyphs) starts.push_back(g.cluster);
        std::sort(starts.begin(), starts.end());
        starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
        double scale = t.size / font.metrics().units_per_em;
        std::vector<bool> given(starts.size(), false);
        for (const auto& g : glyphs) {
            PlacedGlyph p{g.glyph, g.advance * scale, g.x_offset * scale, g.y_offset * scale, {}};
            auto at = static_cast<std::size_t>(std::lower_bound(starts.begin(), starts.end(), g.cluster) - starts.begin());
            if (at < starts.size() && !given[at]) {
                given[at] = true;
                std::size_t end = at + 1 < starts.size() ? starts[at + 1] : logical.size();
                if (g.cluster < logical.size()) p.text = logical.substr(g.cluster, end - g.cluster);
            }
            t.glyphs.push_back(std::move(p));
        }
        t.text = std::move(logical);
        t.rtl = rtl;
    }

    // Unicode bidirectional algorithm (ICU ubidi) on one line: atoms in the
    // order they are drawn left to right, so right-to-left text reads (and
    // extracts) correctly. Lines without right-to-left text keep their order.
    // rtl receives, per position in the returned order, whether that atom
    // sits in a right-to-left run.
    static std::vector<std::size_t> visual_order(const std::vector<Atom>& atoms, std::size_t begin, std::size_t end,
                                                 bool rtl_paragraph, std::vector<char>& rtl) {
        std::vector<std::size_t> order;
        rtl.clear();
        icu::UnicodeString text;
        std::vector<std::size_t> unit_atom;
        bool any_rtl = rtl_paragraph;
        auto code = [&](std::size_t i) {
            return atoms[i].kind == AtomKind::text ? static_cast<UChar32>(atoms[i].ch) : atoms[i].kind == AtomKind::tab ? '\t' : 0xFFFC;
        };
        for (std::size_t i = begin; i < end && !any_rtl; ++i) {
            UCharDirection d = u_charDirection(code(i));
            any_rtl = d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC;
        }
        if (any_rtl)  // the line's text, for ubidi
            for (std::size_t i = begin; i < end; ++i) {
                UChar32 c = code(i);
                text.append(c);
                for (int k = 0; k < U16_LENGTH(c); ++k) unit_atom.push_back(i);
            }
        if (!any_rtl || text.isEmpty()) {
            for (std::size_t i = begin; i < end; ++i) order.push_back(i);
            rtl.assign(order.size(), 0);
            return order;
        }
        UErrorCode err = U_ZERO_ERROR;
        UBiDi* bidi = ubidi_openSized(text.length(), 0, &err);
        ubidi_setPara(bidi, text.getBuffer(), text.length(), rtl_paragraph ? 1 : UBIDI_DEFAULT_LTR, nullptr, &err);
        int32_t runs = U_SUCCESS(err) ? ubidi_countRuns(bidi, &err) : 0;
        for (int32_t r = 0; U_SUCCESS(err) && r < runs; ++r) {
            int32_t start = 0, length = 0;
            UBiDiDirection dir = ubidi_getVisualRun(bidi, r, &start, &length);
            std::vector<std::size_t> run;
            for (int32_t u = start; u < start + length; ++u) {
                std::size_t a = unit_atom[static_cast<std::size_t>(u)];
                if (run.empty() || run.back() != a) run.push_back(a);
            }
            if (dir == UBIDI_RTL) std::reverse(run.begin(), run.end());
            order.insert(order.end(), run.begin(), run.end());
            rtl.insert(rtl.end(), run.size(), dir == UBIDI_RTL ? 1 : 0);
        }
        ubidi_close(bidi);
        if (U_FAILURE(err) || order.size() != end - begin) {
            order.clear();
            for (std::size_t i = begin; i < end; ++i) order.push_back(i);
            rtl.assign(order.size(), 0);
        }
        return order;
    }

    // A picture, chart, diagram, metafile or shape in the box at (x, top),
    // a.width by a.height, tagged as a Figure of the paragraph being laid out.
    void draw_graphic(const Atom& a, double x, double top, Sink& sink) {
        ImageItem img;
        img.x = x;
        img.y = top;
        img.width = a.width;
        img.height = a.height;
        const Graphic& g = *a.graphic;
        if (g.bytes) img.bytes = *g.bytes;
        img.raster = g.raster;
        img.jpeg = g.jpeg;
        img.crop_left = g.crop_left;
        img.crop_top = g.crop_top;
        img.crop_right = g.crop_right;
        img.crop_bottom = g.crop_bottom;
        img.alt = g.alt;
        if (g.box) {  // a text box in the line: its shape, its paragraphs inside
            if (g.shape)
                for (auto& item : shape_items(*g.shape, {x, top, a.width, a.height})) sink.items.push_back(std::move(item));
            const double il = g.shape ? static_cast<double>(g.shape->inset_left) * kEmu : 0;
            const double ir = g.shape ? static_cast<double>(g.shape->inset_right) * kEmu : 0;
            const double it = g.shape ? static_cast<double>(g.shape->inset_top) * kEmu : 0;
            double height = 0;
            Sink content = box_content(*g.box, x + il, std::max(12.0, a.width - il - ir), height);
            double room = a.height - it - height, dy = 0;
            if (g.shape && room > 0 && g.shape->text_anchor == "ctr") dy = room / 2;
            else if (g.shape && room > 0 && g.shape->text_anchor == "b") dy = room;
            for (auto& item : content.items) {
                shift(item, top + it + dy);
                sink.items.push_back(std::move(item));
            }
            return;
        }
        // A shape with nothing but fill and outline is decoration.
        const bool decorative = g.shape && !g.bytes && !g.raster && !g.placeholder && g.chart.empty() &&
                                g.diagram.empty() && !g.metafile;
        parents_.push_back(tag_ >= 0 ? tag_ : parents_.back());
        img.tag = artifact_ || decorative ? kArtifact : node("Figure", g.alt.empty() ? std::string("Image") : g.alt);
        parents_.pop_back();
        if (!g.chart.empty()) {
            ChartData chart = read_chart(pkg_, g.chart, doc_.main_part);
            if (g.alt.empty() && !chart.title.empty() && img.tag >= 0) out_.structure[static_cast<std::size_t>(img.tag)].alt = "Chart: " + chart.title;
            for (auto item : draw_chart(chart, a.width, a.height, fonts_, img.tag)) {
                shift(item, top, x);
                sink.items.push_back(std::move(item));
            }
        } else if (!g.diagram.empty() && !g.bytes) {
            for (auto item : draw_diagram(pkg_, g.diagram, g.source, doc_.main_part, a.width, a.height, fonts_, img.tag)) {
                shift(item, top, x);
                sink.items.push_back(std::move(item));
            }
        } else if (g.metafile) {
            if (auto d = draw_metafile(*g.metafile, a.width, a.height, &fonts_, img.tag))
                for (auto& item : d->items) {
                    shift(item, top, x);
                    sink.items.push_back(std::move(item));
                }
            if (g.outline > 0)
                sink.items.push_back(RectItem{x, top, a.width, a.height, false, g.outline_color,
                                                 g.outline, kArtifact});
        } else if (decorative) {
            for (auto& item : shape_items(*g.shape, {x, top, a.width, a.height})) sink.items.push_back(std::move(item));
        } else if (!g.bytes && !g.raster) {
            sink.items.push_back(RectItem{x, top, a.width, a.height, false, {0.6, 0.6, 0.6}, 0.5, img.tag});
            if (g.placeholder) placeholder_label(g.alt.empty() ? std::string("[picture]") : g.alt, x, top, a.width, a.height, img.tag, sink);
        } else {
            sink.items.push_back(img);
            if (g.outline > 0)  // a:ln: the outline is centred on the picture's edge
                sink.items.push_back(RectItem{x, top, a.width, a.height, false, g.outline_color,
                                                 g.outline, kArtifact});
        }
    }

    void emit_line(const std::vector<Atom>& atoms, const Line& line, Flow& f, double baseline, const ParaProps& pp) {
        // Trailing spaces do not count for alignment.
        std::size_t end = line.end;
        double width = line.width;
        while (end > line.begin && atoms[end - 1].kind == AtomKind::text && atoms[end - 1].ch == ' ') {
            width -= atoms[end - 1].width;
            --end;
        }
        widest_line_ = std::max(widest_line_, line.start + width);
        double x = f.x + line.start;
        double slack = line.right - (line.start + width);
        double extra_per_space = 0;
        switch (pp.alignment) {
            case Alignment::center: x += slack / 2; break;
            case Alignment::right: x += slack; break;
            case Alignment::both:
            case Alignment::distribute:
                if (!line.last && slack > 0) {
                    int spaces = 0;
                    for (std::size_t k = line.begin; k < end; ++k)
                        if (atoms[k].kind == AtomKind::text && atoms[k].ch == ' ') ++spaces;
                    if (spaces) extra_per_space = slack / spaces;
                }
                break;
            default: break;
        }
        if (pp.bidi && pp.alignment == Alignment::left) x += slack;  // right-to-left paragraphs start at the right
        std::vector<char> rtl;
        std::vector<std::size_t> order = visual_order(atoms, line.begin, end, pp.bidi, rtl);
        std::size_t v = 0;
        while (v < order.size()) {
            std::size_t k = order[v];
            const Atom& a = atoms[k];
            if (a.kind == AtomKind::image) {
                draw_graphic(a, x, baseline - a.height, *f.sink);
                x += a.width;
                ++v;
                continue;
            }
            if (a.kind == AtomKind::tab && a.leader && a.width > 0) draw_leader(a, x, baseline, f);
            if (a.kind != AtomKind::text) {
                x += a.width;
                ++v;
                continue;
            }
            // A run of text atoms with the same style (words split at spaces when justified).
            const Style& s = styles_[static_cast<std::size_t>(a.style)];
            TextItem t;
            t.x = x;
            t.y = baseline - s.rise;
            t.font_path = s.font->face().path;
            t.font_index = s.font->face().index;
            t.synthetic_bold = s.font->face().synthetic_bold;
            t.synthetic_italic = s.font->face().synthetic_italic;
            t.size = s.size;
            t.color = s.color;
            t.tag = k < label_end_ ? label_tag_ : tag_;
            if (!s.link.empty() && t.tag >= 0) {  // link text is its own Link element, with its annotation
                parents_.push_back(t.tag);
                t.tag = node("Link");
                parents_.pop_back();
            }
            double start_x = x;
            const char run_rtl = rtl[v];
            while (v < order.size() && atoms[order[v]].kind == AtomKind::text && atoms[order[v]].style == a.style &&
                   rtl[v] == run_rtl) {
                const Atom& c = atoms[order[v]];
                t.text += c.ch;
                x += c.width;
                bool space = c.ch == ' ';
                ++v;
                if (space && extra_per_space > 0) {
                    x += extra_per_space;
                    break;
                }
                if (c.pad > 0) break;  // the next item starts after the gap
            }
            if (std::any_of(t.text.begin(), t.text.end(), Font::needs_shaping)) {
                shape_item(t, *s.font, run_rtl != 0);  // HarfBuzz mirrors what a right-to-left run needs
            } else if (run_rtl) {
                // Drawn in visual order: a bracket or quote of a right-to-left
                // run is drawn as its mirror image ("(" as ")"), as Word does.
                for (auto& c : t.text) c = static_cast<char32_t>(u_charMirror(static_cast<UChar32>(c)));
            }
            if (s.marked)  // highlight behind the text, the height of the line's type
                f.sink->items.push_back(RectItem{start_x, baseline - s.rise - s.size * 0.92, x - start_x, s.size * 1.17, true, s.mark, 0, kArtifact});
            f.sink->items.push_back(t);
            if (s.underline) f.sink->items.push_back(LineItem{start_x, baseline + s.size * 0.12, x, baseline + s.size * 0.12, s.size / 18, s.color, kArtifact, {}});
            if (s.strike) f.sink->items.push_back(LineItem{start_x, baseline - s.size * 0.3, x, baseline - s.size * 0.3, s.size / 18, s.color, kArtifact, {}});
            if (!s.link.empty()) {
                double top = baseline - s.size;
                f.sink->items.push_back(LinkItem{start_x, top, x - start_x, s.size * 1.2, s.link, -1, 0, t.tag});
            }
        }
    }

    // ---- floats: anchored objects, text frames, floating tables ---------------
    // Whether a float on this flow reaches into the band the paragraph's
    // lines would take (so they are filled again around it).
    bool wraps_here(const Flow& f, double left, double avail, const std::vector<double>& heights) const {
        double total = 0;
        for (double h : heights) total += h;
        double top = f.y, bottom = f.y + total * 2 + 24;  // lines pushed below a float take more room
        for (const auto& e : f.exclusions)
            if (e.box.y < bottom && e.box.bottom() > top && e.box.x < f.x + left + avail && e.box.right() > f.x + left)
                return true;
        return false;
    }

    // The areas an object is placed against, for an object anchored at the
    // flow's cursor.
    AnchorAreas areas_for(const Flow& f) const {
        const Section& s = furniture_section_ ? *furniture_section_ : section_ ? *section_ : default_section_;
        AnchorAreas a;
        a.page_width = s.page_width * kTwip;
        a.page_height = s.page_height * kTwip;
        a.margins = {(s.margin_left + s.gutter) * kTwip, s.margin_top * kTwip,
                     std::max(72.0, (s.page_width - s.margin_left - s.margin_right - s.gutter) * kTwip),
                     std::max(72.0, (s.page_height - s.margin_top - s.margin_bottom) * kTwip)};
        a.column_x = f.x;
        a.column_width = f.width;
        a.paragraph_y = a.line_y = f.y;
        a.character_x = f.x;
        a.odd_page = furniture_section_ ? page_number_ % 2 == 1 : pages_.size() % 2 == 1;
        return a;
    }

    // Where an object placed by `p` goes, and its coordinates: a flow that
    // is not the page's knows the page only in a header or footer (its
    // absolute sink); elsewhere (table cells, text boxes, notes) a position
    // from the page becomes one from the paragraph and the column.
    Sink* target_for(Placement& p, Flow& f, bool& flow_coordinates) {
        flow_coordinates = true;
        if (f.paginate) return p.behind && f.behind ? f.behind : f.sink;
        if (page_relative(p) && f.absolute) {
            flow_coordinates = false;
            return p.behind && f.behind ? f.behind : f.absolute;
        }
        if (page_relative(p)) {
            p.v_relative = "paragraph";
            if (p.v_align != "top" && p.v_align != "center" && p.v_align != "bottom") p.v_offset = 0;
            p.v_align.clear();
        }
        if (p.h_relative != "column" && p.h_relative != "character") {
            p.h_relative = "column";
            if (p.h_align.empty()) p.h_offset = 0;
        }
        return f.sink;
    }

    // Keeps a box on the page (a position off the page would hide it).
    static void keep_on_page(Box& b, const AnchorAreas& a) {
        if (b.width <= a.page_width) b.x = std::clamp(b.x, 0.0, a.page_width - b.width);
        if (b.height <= a.page_height) b.y = std::clamp(b.y, 0.0, a.page_height - b.height);
    }

    // A text box's paragraphs laid out from the top of a box at x, width
    // wide (its own Div in the structure), leaving the state of the
    // paragraph being laid out as it was; height receives their height.
    Sink box_content(const Inline& in, double x, double width, double& height) {
        Nested keep(*this);
        Sink content;
        int div = node("Div");
        parents_.push_back(div >= 0 ? div : parents_.back());
        Flow bf;
        bf.x = x;
        bf.width = width;
        bf.sink = &content;
        for (const auto& b : in.blocks) block(b, bf);
        parents_.pop_back();
        height = std::max(bf.y, bf.float_bottom);
        return content;
    }

    void place_floats(const std::vector<const Inline*>& floats, Flow& f, double left) {
        for (const Inline* in : floats) {
            const FloatFormat* ff = float_format_of(*in);
            if (!ff) continue;
            Placement pl = placement_of(*ff);
            bool flow_coordinates = true;
            Sink* target = target_for(pl, f, flow_coordinates);
            AnchorAreas areas = areas_for(f);
            areas.character_x = f.x + left;
            double w = std::max(0.0, static_cast<double>(in->width) * kEmu);
            double h = std::max(0.0, static_cast<double>(in->height) * kEmu);
            if (w > areas.page_width || h > areas.page_height) {  // never larger than the page
                double k = std::min(areas.page_width / std::max(w, 1.0), areas.page_height / std::max(h, 1.0));
                w *= k;
                h *= k;
            }
            const double inset_l = ff->shape ? static_cast<double>(ff->inset_left) * kEmu : 0;
            const double inset_r = ff->shape ? static_cast<double>(ff->inset_right) * kEmu : 0;
            const double inset_t = ff->shape ? static_cast<double>(ff->inset_top) * kEmu : 0;
            const double inset_b = ff->shape ? static_cast<double>(ff->inset_bottom) * kEmu : 0;
            Box box = place(pl, w, h, areas);
            // A text box's content, laid out at the box's left; it grows the
            // box when it needs more room (autofit, or text that would be
            // cut off: nothing is hidden).
            Sink content;
            double content_height = 0;
            if (!in->blocks.empty()) {
                content = box_content(*in, box.x + inset_l, std::max(12.0, w - inset_l - inset_r), content_height);
                if (double need = content_height + inset_t + inset_b; (ff->grow && need > 1) || need > box.height + 0.5) {
                    const double x = box.x;
                    box = place(pl, w, need, areas);
                    box.x = x;
                }
            }
            if (f.paginate || !flow_coordinates) {
                const double x = box.x;
                keep_on_page(box, areas);
                if (box.x != x)
                    for (auto& item : content.items) shift(item, 0, box.x - x);
            }
            if (ff->shape)
                for (auto& item : shape_items(*ff, box)) target->items.push_back(std::move(item));
            if (!in->blocks.empty()) {
                double room = box.height - inset_t - inset_b - content_height, dy = 0;
                if (room > 0 && ff->text_anchor == "ctr") dy = room / 2;
                else if (room > 0 && ff->text_anchor == "b") dy = room;
                for (auto& item : content.items) {
                    shift(item, box.y + inset_t + dy);
                    target->items.push_back(std::move(item));
                }
            } else if (!ff->shape || !in->image_part.empty() || !in->chart_part.empty() || !in->diagram_part.empty()) {
                if (auto a = graphic_atom(*in)) {
                    a->width = box.width;
                    a->height = box.height;
                    draw_graphic(*a, box.x, box.y, *target);
                }
            }
            if (!flow_coordinates) continue;
            if (auto ex = exclusion_of(pl, box)) f.exclusions.push_back(*ex);
            f.float_bottom = std::max(f.float_bottom, box.bottom());
        }
    }

    // A paragraph in a text frame (w:framePr): laid out in its own box as
    // wide as the frame (or its text), placed like an anchored object; the
    // text around wraps beside it. Following paragraphs with the same frame
    // go on below it in the same frame.
    void framed_paragraph(const Paragraph& para, Flow& f) {
        const TextFrame& fr = para.props.frame;
        Paragraph p = para;
        p.props.frame = {};
        p.section_end = false;
        Placement pl = placement_of(fr);
        bool flow_coordinates = true;
        Sink* target = target_for(pl, f, flow_coordinates);
        AnchorAreas areas = areas_for(f);
        const bool continues = open_frame_ && open_frame_->frame == fr && open_frame_->flow == &f && open_frame_->sink == f.sink;
        double width = continues ? open_frame_->width : fr.width * kTwip;
        Previous saved_previous = std::exchange(previous_, {});
        OpenBox saved_box = std::exchange(open_box_, {});
        if (width <= 0) {  // as wide as its widest line: measured first, untagged
            Sink scratch;
            Flow mf;
            mf.width = std::min(f.width, areas.page_width);
            mf.sink = &scratch;
            bool saved_artifact = std::exchange(artifact_, true);
            widest_line_ = 0;
            paragraph(p, mf);
            artifact_ = saved_artifact;
            previous_ = {};
            open_box_ = {};
            width = std::clamp(widest_line_ + 0.5, 6.0, mf.width);
        }
        Sink box_items;
        Flow bf;
        bf.width = width;
        bf.sink = &box_items;
        paragraph(p, bf);
        previous_ = saved_previous;
        open_box_ = saved_box;
        double height = std::max(bf.y, bf.float_bottom);
        if (fr.height > 0 && fr.height_rule == "exact") height = fr.height * kTwip;
        else if (fr.height > 0) height = std::max(height, fr.height * kTwip);
        Box box;
        if (continues) {
            box = {open_frame_->x, open_frame_->next_y, width, height};
        } else {
            box = place(pl, width, height, areas);
            if (f.paginate && !page_relative(pl) && box.bottom() > flow_bottom() && !at_page_top_ &&
                height < frame_height()) {  // the frame goes with its paragraph to the next page
                next_frame();
                areas = areas_for(f);
                target = f.sink;
                box = place(pl, width, height, areas);
            }
            if (f.paginate || !flow_coordinates) keep_on_page(box, areas);
        }
        for (auto& item : box_items.items) {
            shift(item, box.y, box.x);
            target->items.push_back(std::move(item));
        }
        if (flow_coordinates) {
            if (auto ex = exclusion_of(pl, box)) f.exclusions.push_back(*ex);
            f.float_bottom = std::max(f.float_bottom, box.bottom());
        }
        open_frame_ = OpenFrame{fr, f.sink, &f, box.x, width, box.bottom()};
        if (para.section_end) end_section(f);
    }

    // A floating table (w:tblpPr): laid out in a box, placed like an
    // anchored object, text around it; two such tables side by side stay
    // side by side. One taller than the page is laid out in the flow
    // instead, where it can break across pages.
    void floating_table(const Table& t, Flow& f) {
        Placement pl = placement_of(t.position);
        bool flow_coordinates = true;
        Sink* target = target_for(pl, f, flow_coordinates);
        AnchorAreas areas = areas_for(f);
        const std::size_t structure_before = out_.structure.size();
        Sink box_items;
        Flow tf;
        tf.width = f.width;
        tf.sink = &box_items;
        Previous saved_previous = std::exchange(previous_, {});
        table(t, tf);
        previous_ = saved_previous;
        double height = std::max(0.0, tf.y - 2);
        double width = 0;
        for (Twips w : t.grid) width += w * kTwip;
        if (width <= 0 || width > f.width) width = f.width;
        if (f.paginate && height > frame_height()) {
            // Too tall to float: drop the box (and its structure nodes, made
            // last) and lay the table out in the flow.
            out_.structure.resize(structure_before);
            table(t, f);
            return;
        }
        Box box = place(pl, width, height, areas);
        if (f.paginate && !page_relative(pl) && box.bottom() > flow_bottom() && !at_page_top_) {
            next_frame();
            areas = areas_for(f);
            target = f.sink;
            box = place(pl, width, height, areas);
        }
        if (f.paginate || !flow_coordinates) keep_on_page(box, areas);
        for (auto& item : box_items.items) {
            shift(item, box.y, box.x);
            target->items.push_back(std::move(item));
        }
        if (flow_coordinates) {
            if (auto ex = exclusion_of(pl, box)) f.exclusions.push_back(*ex);
            f.float_bottom = std::max(f.float_bottom, box.bottom());
        }
    }

    // A table does not wrap around floats: it starts below any float in
    // its way.
    static void below_floats(Flow& f) {
        for (bool moved = true; moved;) {
            moved = false;
            for (const auto& e : f.exclusions)
                if (e.box.y <= f.y + 0.01 && e.box.bottom() > f.y + 0.01 && e.box.x < f.x + f.width && e.box.right() > f.x) {
                    f.y = e.box.bottom();
                    moved = true;
                }
        }
    }

    // ---- tables --------------------------------------------------------------
    void table(const Table& t, Flow& f) {
        if (t.rows.empty()) return;
        below_floats(f);
        std::vector<double> cols;
        double total = 0;
        for (Twips w : t.grid) {
            cols.push_back(w * kTwip);
            total += w * kTwip;
        }
        if (cols.empty()) {
            std::size_t n = 0;
            for (const auto& r : t.rows) n = std::max<std::size_t>(n, r.cells.size());
            cols.assign(std::max<std::size_t>(1, n), f.width / static_cast<double>(std::max<std::size_t>(1, n)));
            total = f.width;
        }
        if (total > f.width && total > 0)
            for (auto& c : cols) c *= f.width / total;  // too wide: scale to the column
        // Each cell's four edges, conflicts between neighbours settled.
        const std::vector<std::vector<CellEdges>> edges = resolve_cell_edges(t);
        // Vertically merged cells: a restart cell's content runs down through
        // the rows it spans. What a row cannot hold is carried, by grid
        // column, into the continuation cell below, which draws it as its own
        // (so it moves with its row across pages); the span's last row grows
        // if the content needs more room than the rows gave.
        const std::vector<std::vector<int>> spans = vertical_spans(t);
        struct Carried {
            std::vector<Item> items;  // relative to the next row's top
            double height = 0;        // room the content still needs
            std::size_t last_row = 0;
        };
        std::map<std::size_t, Carried> carried;
        list_node_ = -1;
        parents_.push_back(node("Table"));
        std::vector<std::pair<std::vector<Item>, double>> header_rows;
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            const TableRow& row = t.rows[r];
            parents_.push_back(node("TR"));
            // Lay out each cell in its own box to learn the row height.
            struct Placed {
                double x, width;
                Sink sink;
                double height;
                const TableCell* cell;
                std::size_t index;  // of the cell in its row
            };
            std::vector<Placed> placed;
            std::vector<std::pair<std::size_t, std::size_t>> spreading;  // (placed index, grid column) of merged content
            std::map<std::size_t, std::size_t> spreading_last;          // grid column -> last row of its span
            std::size_t col = static_cast<std::size_t>(std::max(0, row.grid_before));
            // A declared row height cannot exceed a page (Word caps it too).
            double row_height = std::clamp(row.height * kTwip, 0.0, f.paginate ? std::max(36.0, frame_height()) : 1e5);
            for (const auto& cell : row.cells) {
                const std::size_t start_col = col;
                double x = f.x;
                for (std::size_t k = 0; k < col && k < cols.size(); ++k) x += cols[k];
                double w = 0;
                for (std::size_t k = col; k < col + static_cast<std::size_t>(std::max(1, cell.grid_span)) && k < cols.size(); ++k) w += cols[k];
                col += static_cast<std::size_t>(std::max(1, cell.grid_span));
                Placed p{x, w, {}, 0, &cell, placed.size()};
                if (cell.vmerge != TableCell::VMerge::continue_) {
                    double ml = (cell.margin_left >= 0 ? cell.margin_left : t.cell_margin_left) * kTwip;
                    double mr = (cell.margin_right >= 0 ? cell.margin_right : t.cell_margin_right) * kTwip;
                    Flow cf;
                    cf.x = x + ml;
                    cf.width = std::max(6.0, w - ml - mr);
                    cf.y = (cell.margin_top >= 0 ? cell.margin_top : t.cell_margin_top) * kTwip;
                    cf.sink = &p.sink;
                    bool saved_top = at_page_top_;
                    open_box_ = {};  // boxes and spacing do not continue from outside the cell
                    previous_ = {};
                    parents_.push_back(node(row.header ? "TH" : "TD"));
                    int saved_list = list_node_;
                    list_node_ = -1;
                    bool saved_dark = background_dark_;
                    if (Color shade; shading_color(cell.shading, shade)) background_dark_ = is_dark(shade);
                    for (const auto& b : cell.blocks) block(b, cf);
                    background_dark_ = saved_dark;
                    list_node_ = saved_list;
                    parents_.pop_back();
                    at_page_top_ = saved_top;
                    p.height = std::max(cf.y, cf.float_bottom) + (cell.margin_bottom >= 0 ? cell.margin_bottom : t.cell_margin_bottom) * kTwip;
                }
                if (int span = spans[r][placed.size()]; span > 1) {
                    spreading.emplace_back(placed.size(), start_col);
                    spreading_last[start_col] = r + static_cast<std::size_t>(span) - 1;
                } else if (auto c = carried.find(start_col);
                           cell.vmerge == TableCell::VMerge::continue_ && c != carried.end()) {
                    p.sink.items = std::move(c->second.items);
                    p.height = c->second.height;
                    if (c->second.last_row > r) {
                        spreading.emplace_back(placed.size(), start_col);
                        spreading_last[start_col] = c->second.last_row;
                    } else {
                        row_height = std::max(row_height, p.height);  // the span's last row
                    }
                    carried.erase(c);
                } else {
                    row_height = std::max(row_height, p.height);
                }
                placed.push_back(std::move(p));
            }
            // w:trHeight hRule="exact" (§17.4.81): the row is that high whatever
            // its content; Word clips the rest. Lines mostly below it are not
            // drawn (no clipping here: half a line would overlap the next row).
            if (row.height_rule == "exact" && row.height > 0) {
                row_height = std::clamp(row.height * kTwip, 1.0, f.paginate ? std::max(36.0, frame_height()) : 1e5);
                for (auto& p : placed) {
                    if (p.height <= row_height) continue;
                    std::erase_if(p.sink.items, [&](const Item& item) {
                        auto [top, bottom] = extent_of(item);
                        return (top + bottom) / 2 >= row_height;
                    });
                    p.height = row_height;
                }
            }
            // Merged content below this row's height goes on to the next row.
            for (const auto& [index, grid_col] : spreading) {
                Placed& sp = placed[index];
                Carried next;
                next.height = std::max(0.0, sp.height - row_height);
                next.last_row = spreading_last[grid_col];
                std::vector<Item> kept;
                for (auto& item : sp.sink.items) {
                    if (extent_of(item).first >= row_height - 0.01) {
                        shift(item, -row_height);
                        next.items.push_back(std::move(item));
                    } else {
                        kept.push_back(std::move(item));
                    }
                }
                sp.sink.items = std::move(kept);
                sp.height = std::min(sp.height, row_height);
                carried[grid_col] = std::move(next);
            }
            // Vertical alignment in the cell (w:vAlign): the content moves down
            // within the row's height.
            for (auto& p : placed) {
                const std::string& va = p.cell->vertical_align;
                double room = row_height - p.height;
                if (room <= 0.01 || (va != "center" && va != "bottom")) continue;
                for (auto& item : p.sink.items) shift(item, va == "center" ? room / 2 : room);
            }
            auto repeat_headers = [&] {
                // Header rows (w:tblHeader) repeat at the top of each page,
                // drawn again as page furniture.
                if (row.header) return;
                for (const auto& [items, height] : header_rows) {
                    for (auto item : items) {
                        shift(item, f.y);
                        std::visit([](auto& i) { i.tag = kArtifact; }, item);
                        f.sink->items.push_back(std::move(item));
                    }
                    f.y += height;
                }
            };
            // Draws the cells' items from [from, from + height) of the row at
            // the flow's cursor, with the cells' shading and borders.
            auto draw_slice = [&](double from, double height, bool last) {
                std::vector<Item> slice, lines;
                for (auto& p : placed) {
                    if (Color shade; shading_color(p.cell->shading, shade))
                        slice.push_back(RectItem{p.x, 0, p.width, height, true, shade, 0, kArtifact});
                    for (auto& item : p.sink.items) {
                        auto [top, bottom] = extent_of(item);
                        (void)bottom;
                        // Each item goes in exactly one slice (the first takes
                        // anything above the row's top, such as a tall ascent).
                        if ((from > 0 && top < from - 0.01) || (!last && top >= from + height - 0.01)) continue;
                        Item moved = item;
                        shift(moved, -from);
                        slice.push_back(std::move(moved));
                    }
                    // Borders go over every cell's shading. A row cut by a page
                    // keeps its top and bottom edges on both parts.
                    // Edges go clockwise, so their inside is the same side (draw_border).
                    const CellEdges& e = edges[r][p.index];
                    draw_border(e.top, p.x, 0, p.x + p.width, 0, kArtifact, lines);
                    draw_border(e.right, p.x + p.width, 0, p.x + p.width, height, kArtifact, lines);
                    if (!last || r + 1 == t.rows.size()) draw_border(e.bottom, p.x + p.width, height, p.x, height, kArtifact, lines);
                    draw_border(e.left, p.x, height, p.x, 0, kArtifact, lines);
                }
                for (auto& l : lines) slice.push_back(std::move(l));
                return slice;
            };
            if (f.paginate && f.y + row_height > flow_bottom() && !at_page_top_ &&
                (row.cant_split || flow_bottom() - f.y < 24)) {
                next_frame();
                repeat_headers();
            }
            // A row taller than the space left is split between lines, its
            // cells continuing on the next page, as Word allows by default
            // (w:cantSplit rows too when taller than a page: never lose text).
            double from = 0;
            while (f.paginate && f.y + (row_height - from) > flow_bottom() + 0.01 &&
                   (!row.cant_split || row_height - from > frame_height())) {
                double cut = split_point(placed, from, flow_bottom() - f.y);
                if (cut <= from + 1) cut = from + std::max(1.0, flow_bottom() - f.y);  // nothing breaks cleanly: cut anyway
                for (auto item : draw_slice(from, cut - from, false)) {
                    shift(item, f.y);
                    f.sink->items.push_back(std::move(item));
                }
                from = cut;
                next_frame();
                repeat_headers();
            }
            double top = f.y;
            std::vector<Item> row_items = draw_slice(from, row_height - from, true);  // relative to the row's top, kept for header rows
            row_height -= from;
            for (auto item : row_items) {
                shift(item, top);
                f.sink->items.push_back(std::move(item));
            }
            if (row.header && f.paginate) header_rows.emplace_back(std::move(row_items), row_height);
            f.y += row_height;
            at_page_top_ = false;
            parents_.pop_back();  // TR
        }
        parents_.pop_back();  // Table
        list_node_ = -1;
        open_box_ = {};
        previous_ = {};
        f.y += 2;
    }

    // Top and bottom of an item (top-down, as laid out).
    static std::pair<double, double> extent_of(const Item& item) {
        return std::visit(
            [](const auto& i) -> std::pair<double, double> {
                using T = std::decay_t<decltype(i)>;
                if constexpr (std::is_same_v<T, TextItem>) return {i.y - i.size * 0.9, i.y + i.size * 0.3};
                else if constexpr (std::is_same_v<T, LineItem>) return {std::min(i.y1, i.y2), std::max(i.y1, i.y2)};
                else if constexpr (std::is_same_v<T, PathItem>) {
                    double lo = 1e18, hi = -1e18;
                    for (const auto& [x, y] : i.points) {
                        lo = std::min(lo, y);
                        hi = std::max(hi, y);
                    }
                    return {lo, hi};
                } else return {i.y, i.y + i.height};
            },
            item);
    }

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
    double frame_height() const {
        if (pages_.empty()) return content_bottom();
        const PageInfo& p = pages_.back();
        return flow_bottom() - p.column_top;
    }

    static void shift(Item& item, double dy, double dx = 0) {
        std::visit(
            [&](auto& i) {
                using T = std::decay_t<decltype(i)>;
                if constexpr (std::is_same_v<T, LineItem>) {
                    i.x1 += dx;
                    i.x2 += dx;
                    i.y1 += dy;
                    i.y2 += dy;
                } else if constexpr (std::is_same_v<T, PathItem>) {
                    for (auto& [x, y] : i.points) {
                        x += dx;
                        y += dy;
                    }
                    i.clip_x += dx;
                    i.clip_y += dy;
                    for (auto& [x, y] : i.clip_path) x += dx, y += dy;
                } else {
                    i.x += dx;
                    i.y += dy;
                    if constexpr (std::is_same_v<T, ImageItem>)
                        for (auto& [x, y] : i.clip_path) x += dx, y += dy;
                }
            },
            item);
    }

    // ---- notes, headers, footers ---------------------------------------------
    // Lays the given footnotes out in a box as wide as the column (labels
    // hanging), keeping the paragraph state of the caller intact.
    double lay_out_notes(const std::vector<const Note*>& notes, const Flow& f, Sink& box) {
        Nested keep(*this);
        Flow nf;
        nf.x = f.x;
        nf.width = f.width;
        nf.y = 0;
        nf.sink = &box;
        for (const Note* note : notes) note_blocks(*note, notes_.footnote(note->id), false, nf);
        return nf.y;
    }

    // A note's number as the document formats it (endnotes: i, ii, ... by default).
    std::string note_label(int number, bool endnote) const {
        std::string label = ooxml::format_number(number, endnote ? doc_.endnote_format : doc_.footnote_format);
        return label.empty() ? std::to_string(number) : label;
    }

    // Whether a note paragraph holds the note's own reference mark (w:footnoteRef, w:endnoteRef).
    static bool has_own_mark(const std::vector<Inline>& inlines) {
        for (const auto& in : inlines) {
            if ((in.kind == InlineKind::footnote_ref || in.kind == InlineKind::endnote_ref) && in.id.empty()) return true;
            if (in.kind != InlineKind::deleted && has_own_mark(in.children)) return true;
        }
        return false;
    }

    void note_blocks(const Note& note, int number, bool endnote, Flow& f) {
        parents_.push_back(node("Note"));
        int saved_list = list_node_;
        list_node_ = -1;
        bool first_para = true;
        for (const auto& b : note.blocks) {
            if (b.kind == BlockKind::paragraph && first_para) {
                if (has_own_mark(b.paragraph.inlines)) {
                    // As Word writes notes: the number is drawn at the note's own
                    // mark, superscript in the note text's style.
                    note_mark_label_ = note_label(number, endnote);
                    paragraph(b.paragraph, f);
                    note_mark_label_.clear();
                } else {  // no mark to carry the number: a hanging label
                    Paragraph p = b.paragraph;
                    p.list_label = note_label(number, endnote);
                    p.props.indent_left = std::max<Twips>(p.props.indent_left, 360);
                    p.props.indent_hanging = 360;
                    p.props.indent_first_line = 0;
                    paragraph(p, f);
                }
                first_para = false;
            } else {
                block(b, f);
            }
        }
        list_node_ = saved_list;
        parents_.pop_back();
    }

    void place_page_notes() {
        for (auto& p : pages_) {
            if (p.notes_height <= 0) continue;
            double top = p.bottom - p.notes_height;
            double x = (section_ ? section_->margin_left : default_section_.margin_left) * kTwip;
            p.sink.items.push_back(LineItem{x, top - kNoteSeparator / 2, x + 144, top - kNoteSeparator / 2, 0.5, {}, kArtifact, {}});
            for (auto item : p.notes.items) {
                shift(item, top);
                p.sink.items.push_back(std::move(item));
            }
        }
    }

    void notes_at_end() {
        place_page_notes();
        // Endnotes, and footnotes called from places with no page of their
        // own (table cells, headers), follow the text.
        std::vector<std::pair<int, const Note*>> rest;
        for (const auto& [n, note] : notes_.footnotes())
            if (!placed_notes_.count(note->id)) rest.emplace_back(n, note);
        auto end = notes_.endnotes();
        if (rest.empty() && end.empty()) return;
        if (flow_.y + 40 > flow_bottom()) next_frame();
        flow_.y += 12;
        flow_.sink->items.push_back(LineItem{flow_.x, flow_.y, flow_.x + 144, flow_.y, 0.5, {}, kArtifact, {}});
        flow_.y += 6;
        for (const auto& [n, note] : rest) note_blocks(*note, n, false, flow_);
        for (const auto& [n, note] : end) note_blocks(*note, n, true, flow_);
    }

    // §17.10.5: a section without a header (or footer) reference of a type
    // inherits that type from the previous section.
    const HeaderFooter* pick(std::size_t section, bool footer, bool first, bool even) const {
        auto find = [&](const char* type) -> const HeaderFooter* {
            for (std::size_t k = section + 1; k-- > 0;) {
                if (k >= doc_.sections.size()) continue;
                const auto& refs = footer ? doc_.sections[k].footers : doc_.sections[k].headers;
                for (const auto& r : refs)
                    if (r.type == type) {
                        auto it = doc_.headers_footers.find(r.part);
                        return it != doc_.headers_footers.end() ? &it->second : nullptr;
                    }
            }
            return nullptr;
        };
        if (first) return find("first");
        if (even && doc_.even_and_odd_headers) return find("even");
        return find("default");
    }

    void headers_and_footers() {
        page_count_ = static_cast<int>(pages_.size());
        int number = 1;  // the number the page shows
        std::map<std::size_t, int> per_section;  // SECTIONPAGES
        for (const auto& p : pages_) ++per_section[p.section];
        artifact_ = true;  // page furniture, not part of the reading order
        for (std::size_t n = 0; n < pages_.size(); ++n) {
            PageInfo& page = pages_[n];
            const Section& s = page.section < sections_.size() ? sections_[page.section] : default_section_;
            bool first = page.first_of_section && s.title_page;
            bool even = (n + 1) % 2 == 0;
            // Page numbers restart where a section says so (w:pgNumType
            // w:start) and take its format (i, ii, ... on a preface).
            if (page.first_of_section && s.page_start >= 0) number = s.page_start;
            else if (n > 0) ++number;
            page_number_ = static_cast<int>(n + 1);
            page_label_ = s.page_format.empty() ? std::to_string(number) : ooxml::format_number(number, s.page_format);
            if (page_label_.empty()) page_label_ = std::to_string(number);
            section_pages_ = per_section[page.section];
            for (int which = 0; which < 2; ++which) {
                const HeaderFooter* hf = pick(page.section, which == 1, first, even);
                if (!hf) continue;
                Sink box, absolute;
                Flow bf;
                bf.x = (s.margin_left + s.gutter) * kTwip;
                bf.width = std::max(72.0, (s.page_width - s.margin_left - s.margin_right - s.gutter) * kTwip);
                bf.y = 0;
                bf.sink = &box;
                bf.absolute = &absolute;   // letterheads, watermarks, banners: placed on the page
                bf.behind = &page.behind;
                furniture_section_ = &s;
                open_box_ = {};
                previous_ = {};
                open_frame_.reset();
                for (const auto& b : hf->blocks) block(b, bf);
                furniture_section_ = nullptr;
                for (auto& item : absolute.items) page.sink.items.push_back(std::move(item));
                double top = which == 0 ? s.margin_header * kTwip : s.page_height * kTwip - s.margin_footer * kTwip - bf.y;
                for (auto item : box.items) {
                    shift(item, top);
                    page.sink.items.push_back(std::move(item));
                }
            }
        }
        page_number_ = 0;
        artifact_ = false;
    }

    // ---- finishing -------------------------------------------------------------
    void title() {
        out_.title = doc_.core.title;
        out_.language = doc_.core.language;
        for (const auto& b : doc_.body) {
            if (b.kind != BlockKind::paragraph) continue;
            const Paragraph& p = b.paragraph;
            if (out_.language.empty() && !p.props.run.lang.empty()) out_.language = p.props.run.lang;
            if (out_.title.empty() && p.props.outline_level >= 0 && p.props.outline_level <= 8) {
                std::string t;
                for (const auto& in : p.inlines)
                    if (in.kind == InlineKind::text && writers::shows(in)) t += in.text;
                out_.title = t;
            }
        }
    }

    void finish() {
        for (auto& e : out_.outline)
            if (e.page >= 0 && static_cast<std::size_t>(e.page) < pages_.size()) e.y = pages_[static_cast<std::size_t>(e.page)].height - e.y;
        for (auto& p : pages_) {
            Page page;
            page.width = p.width;
            page.height = p.height;
            if (page_color_) page.items.push_back(RectItem{0, 0, p.width, p.height, true, *page_color_, 0, kArtifact});
            // Objects behind the text are drawn first.
            p.behind.items.insert(p.behind.items.end(), std::make_move_iterator(p.sink.items.begin()),
                                  std::make_move_iterator(p.sink.items.end()));
            p.sink.items.clear();
            for (auto& item : p.behind.items) {
                if (auto* l = std::get_if<LinkItem>(&item); l && !l->uri.empty() && l->uri[0] == '#') {
                    auto it = bookmarks_.find(l->uri.substr(1));
                    l->uri.clear();
                    if (it != bookmarks_.end()) {
                        l->target_page = it->second.first;
                        l->target_y = pages_[static_cast<std::size_t>(it->second.first)].height - it->second.second;
                    }
                }
                std::visit(
                    [&](auto& i) {
                        using T = std::decay_t<decltype(i)>;
                        if constexpr (std::is_same_v<T, TextItem>) {
                            i.y = p.height - i.y;
                        } else if constexpr (std::is_same_v<T, LineItem>) {
                            i.y1 = p.height - i.y1;
                            i.y2 = p.height - i.y2;
                        } else if constexpr (std::is_same_v<T, PathItem>) {
                            for (auto& pt : i.points) pt.second = p.height - pt.second;
                            i.clip_y = p.height - i.clip_y - i.clip_h;
                            for (auto& pt : i.clip_path) pt.second = p.height - pt.second;
                        } else {
                            i.y = p.height - i.y - i.height;  // boxes: top-left to bottom-left
                            if constexpr (std::is_same_v<T, ImageItem>)
                                for (auto& pt : i.clip_path) pt.second = p.height - pt.second;
                        }
                    },
                    item);
                page.items.push_back(std::move(item));
            }
            out_.pages.push_back(std::move(page));
        }
    }

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
    bool at_page_top_ = true;
    std::vector<Style> styles_;
    std::vector<FontKey> keys_;
    std::map<std::pair<int, const Font*>, int> fallback_styles_;
    std::map<int, int> small_caps_styles_;  // style -> its small-capitals variant
    OpenBox open_box_;
    Previous previous_;
    std::set<std::string> placed_notes_;
    std::unique_ptr<icu::BreakIterator> line_breaker_;
    std::map<std::string, std::pair<int, double>> bookmarks_;  // name -> (page, top-down y)
    // Tagged PDF: the structure node new content belongs to.
    int tag_ = kUntagged, label_tag_ = kUntagged;
    std::size_t label_end_ = 0;      // atoms before this index are the list label
    bool artifact_ = false;          // headers and footers: page furniture
    std::optional<Color> page_color_;  // w:background shown: painted under each page
    bool background_dark_ = false;
    std::string note_mark_label_;    // a note being laid out: the number its own mark shows   // the paragraph or cell being laid out is shaded dark
    std::vector<int> parents_{0};
    int list_node_ = -1, list_parent_ = -1;
    std::map<std::tuple<std::size_t, bool, bool>, double> extents_;
    std::vector<const Inline*> pending_text_boxes_;
    std::vector<const Inline*> pending_floats_;  // anchored objects of the paragraph being laid out
    std::optional<OpenFrame> open_frame_;
    const Section* furniture_section_ = nullptr;  // the section of the page whose header or footer is being laid out
    double widest_line_ = 0;  // the widest line emitted (from its column's left), for frames as wide as their text
    int page_number_ = 0, page_count_ = 0, section_pages_ = 0;
    std::string page_label_;  // what PAGE shows on the page being decorated
    std::size_t next_section_ = 1;  // the section that starts after the next section break
};

}  // namespace

LaidOutDocument lay_out(const Document& doc, const Package& package, FontLibrary& fonts) {
    return Engine(doc, package, fonts).run();
}

}  // namespace allies::layout
