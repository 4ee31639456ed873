// A paragraph's runs to measured lines and drawn items: styles and fonts,
// fields and drawings as atoms, shaping, tab stops, line filling (with the
// room floats leave), bidi order and the items of each line.
#include "layout/engine.hpp"

#include <unicode/normalizer2.h>

namespace allies::layout::detail {

// The alt text of a picture that cannot be drawn, inside its box: as
// much of it as fits on one line, in a small grey type.
void Engine::placeholder_label(const std::string& label, double x, double y, double width, double height, int tag, Sink& sink) {
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

// The one character a character is compatible with (NFKC: U+2F01 KANGXI
// RADICAL LINE is U+4E28), else the character itself.
char32_t Engine::compatibility_equivalent(char32_t c) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status) || !nfkc) return c;
    icu::UnicodeString out = nfkc->normalize(icu::UnicodeString(static_cast<UChar32>(c)), status);
    if (U_FAILURE(status) || out.countChar32() != 1) return c;
    const UChar32 same = out.char32At(0);
    return same > 0x20 ? static_cast<char32_t>(same) : c;
}

// ---- paragraphs ----------------------------------------------------------
int Engine::style_of(ParagraphState& ps, const RunProps& p, const std::string& link) {
    // Complex-script text takes the run's cs font and size when they differ.
    const std::string& family = p.font_ascii.empty() ? p.font_hansi : p.font_ascii;
    const bool differs = (!p.font_cs.empty() && p.font_cs != family) || p.size_cs != p.size;
    auto complex_props = [&] {  // copied only when needed: a long paragraph has many runs
        RunProps cs = p;
        const std::string& cs_family = p.font_cs.empty() ? family : p.font_cs;
        cs.font_ascii = cs_family;
        cs.font_hansi = cs_family;
        cs.size = p.size_cs > 0 ? p.size_cs : p.size;
        return cs;
    };
    // A right-to-left run (w:rtl) is set in its complex-script font and
    // size throughout, its spaces and digits too (§17.3.2.30), as Word
    // does: the spaces of an Arabic run at szCs 15 pt are 15 pt spaces.
    if (p.rtl && differs) return plain_style_of(ps, complex_props(), link);
    int main = plain_style_of(ps, p, link);
    if (differs) {
        int variant = plain_style_of(ps, complex_props(), link);
        ps.styles[static_cast<std::size_t>(main)].complex = variant;
    }
    return main;
}

int Engine::plain_style_of(ParagraphState& ps, const RunProps& p, const std::string& link) {
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
    ps.keys.push_back(key);
    ps.styles.push_back(s);
    return static_cast<int>(ps.styles.size()) - 1;
}

void Engine::add_text(ParagraphState& ps, std::vector<Atom>& atoms, const std::string& utf8, int run_style, bool caps) {
    for (char32_t c : text::utf32_from_utf8(writers::without_soft_hyphens(utf8))) {
        if (caps) c = static_cast<char32_t>(u_toupper(static_cast<UChar32>(c)));
        Atom a;
        int style = run_style;
        if (int cs = ps.styles[static_cast<std::size_t>(style)].complex; cs >= 0 && complex_script(c)) style = cs;
        a.style = style;
        if (ps.styles[static_cast<std::size_t>(style)].small_caps && u_islower(static_cast<UChar32>(c))) {
            // Small capitals: the capital letter, smaller (Word uses about 80%).
            c = static_cast<char32_t>(u_toupper(static_cast<UChar32>(c)));
            auto it = ps.small_caps_styles.find(style);
            if (it == ps.small_caps_styles.end()) {
                Style sc = ps.styles[static_cast<std::size_t>(style)];
                sc.size *= 0.8;
                sc.small_caps = false;
                ps.keys.push_back(ps.keys[static_cast<std::size_t>(style)]);
                ps.styles.push_back(sc);
                it = ps.small_caps_styles.emplace(style, static_cast<int>(ps.styles.size()) - 1).first;
            }
            a.style = it->second;
            style = a.style;
        }
        a.ch = c;
        std::shared_ptr<const Font> font = ps.styles[static_cast<std::size_t>(style)].font;
        // No-break space and hyphen look like their breaking forms; the
        // substitutes (Carlito) lack them, so draw the plain form.
        if (font->glyph(c) == 0 && (c == 0x00A0 || c == 0x202F)) c = ' ';
        if (font->glyph(c) == 0 && (c == 0x2011 || c == 0x2010)) c = '-';
        a.ch = c;
        if (font->glyph(c) == 0 && c > 0x20) {
            // Per-character fallback: a face that has it, same style;
            // one style per (style, face) pair. A character no face has
            // is drawn as its compatibility equivalent when that is one
            // character a face has (a Kangxi radical as its ideograph).
            auto fb = fonts_.fallback(c, ps.keys[static_cast<std::size_t>(style)]);
            if (!fb)
                if (char32_t same = compatibility_equivalent(c); same != c) {
                    if (font->glyph(same) != 0) {
                        a.ch = c = same;
                    } else if ((fb = fonts_.fallback(same, ps.keys[static_cast<std::size_t>(style)]))) {
                        a.ch = c = same;
                    }
                }
            if (fb) {
                auto key = std::make_pair(style, fb.get());
                auto it = ps.fallback_styles.find(key);
                if (it == ps.fallback_styles.end()) {
                    Style alt = ps.styles[static_cast<std::size_t>(style)];
                    alt.font = fb;
                    ps.keys.push_back(ps.keys[static_cast<std::size_t>(style)]);
                    ps.styles.push_back(alt);
                    it = ps.fallback_styles.emplace(key, static_cast<int>(ps.styles.size()) - 1).first;
                }
                a.style = it->second;
                font = fb;
            }
        }
        const Style& used = ps.styles[static_cast<std::size_t>(a.style)];
        a.width = font->advance(font->glyph(c)) * used.size / font->metrics().units_per_em;
        atoms.push_back(a);
    }
}

void Engine::gather(ParagraphState& ps, const std::vector<Inline>& inlines, std::vector<Atom>& atoms, const std::string& link) {
    for (const auto& in : inlines) {
        if (!writers::shows(in)) continue;
        switch (in.kind) {
            case InlineKind::text: add_text(ps, atoms, in.text, style_of(ps, in.props, link), in.props.caps); break;
            case InlineKind::tab:
            case InlineKind::positional_tab: {
                Atom a;
                a.kind = AtomKind::tab;
                a.style = style_of(ps, in.props, link);
                atoms.push_back(a);
                break;
            }
            case InlineKind::line_break: {
                Atom a;
                a.kind = AtomKind::line_break;
                a.style = style_of(ps, in.props, link);
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
                    if (!note_mark_label_.empty()) add_text(ps, atoms, note_mark_label_, style_of(ps, in.props, link), false);
                    break;
                }
                RunProps p = in.props;
                p.vertical_align = VerticalAlign::superscript;
                int n = in.kind == InlineKind::footnote_ref ? notes_.footnote(in.id) : notes_.endnote(in.id);
                std::size_t at = atoms.size();
                add_text(ps, atoms, note_label(n, in.kind == InlineKind::endnote_ref), style_of(ps, p, link), false);
                if (in.kind == InlineKind::footnote_ref && at < atoms.size()) atoms[at].footnote = in.id;
                break;
            }
            case InlineKind::hyperlink:
                gather(ps, in.children, atoms, !in.target.empty() ? in.target : !in.anchor.empty() ? "#" + in.anchor : link);
                break;
            case InlineKind::field: {
                // A computed number takes the formatting of the field's
                // result, as Word draws it, not of its field code.
                const RunProps& shown = field_result_props(in);
                if (in.field_type == "PAGE" && page_number_ > 0) {
                    add_text(ps, atoms, page_label_, style_of(ps, shown, link), false);
                } else if (in.field_type == "NUMPAGES" && page_count_ > 0) {
                    add_text(ps, atoms, std::to_string(page_count_), style_of(ps, shown, link), false);
                } else if (in.field_type == "SECTIONPAGES" && section_pages_ > 0) {
                    add_text(ps, atoms, std::to_string(section_pages_), style_of(ps, shown, link), false);
                } else {
                    gather(ps, in.children, atoms, link);
                }
                break;
            }
            case InlineKind::content_control:
            case InlineKind::inserted: gather(ps, in.children, atoms, link); break;
            case InlineKind::drawing: drawing(ps, in, atoms); break;
            default: break;
        }
    }
}

// The run formatting of a field's cached result (its first text), else
// the field's own.
const RunProps& Engine::field_result_props(const Inline& field) {
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

const FloatFormat* Engine::float_format_of(const Inline& in) const {
    if (in.float_format < 0 || static_cast<std::size_t>(in.float_format) >= doc_.float_formats.size()) return nullptr;
    return &doc_.float_formats[static_cast<std::size_t>(in.float_format)];
}

void Engine::drawing(ParagraphState& ps, const Inline& in, std::vector<Atom>& atoms) {
    if (const FloatFormat* ff = float_format_of(in); ff && ff->anchored) {
        ps.floats.push_back(&in);  // placed on the page when its paragraph is
        return;
    }
    if (!in.blocks.empty() && (in.width <= 0 || in.height <= 0)) {
        ps.text_boxes.push_back(&in);  // a text box of no size: its paragraphs follow the anchor paragraph
        return;
    }
    if (auto a = graphic_atom(in)) atoms.push_back(std::move(*a));
}

// The atom that draws a picture, chart, diagram or shape at its size.
std::optional<Atom> Engine::graphic_atom(const Inline& in) {
    // A straight line may have no width or no height; nothing else is drawn so.
    const FloatFormat* shape = float_format_of(in);
    if (in.width < 0 || in.height < 0 || (in.width == 0 && in.height == 0)) return std::nullopt;
    if ((in.width == 0 || in.height == 0) && !(shape && shape->shape)) return std::nullopt;
    Atom a;
    a.kind = AtomKind::image;
    a.width = in.width * kEmu;
    a.height = in.height * kEmu;
    auto g = std::make_shared<Graphic>();
    g->alt = in.alt_text.empty() ? in.title : in.alt_text;
    if (const FloatFormat* ff = float_format_of(in); ff && ff->shape) g->shape = ff;
    if (!in.children.empty()) g->group = &in;
    else if (!in.blocks.empty()) g->box = &in;
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

// The next tab stop after x (custom stops and the hanging indent, whichever
// comes first, then the default grid); tab is the custom stop, or null.
double Engine::tab_stop(const ParaProps& pp, double x_from_column, double left, const TabStop** tab) const {
    if (tab) *tab = nullptr;
    // The hanging indent acts as a stop too, when it comes first (a TOC
    // line's "A." tabs to its indent, not to the dotted page-number stop).
    const bool hanging = left > x_from_column + 0.01;
    for (const auto& t : pp.tabs) {
        double pos = t.position * kTwip;
        if (t.alignment == "clear" || t.alignment == "bar") continue;
        if (pos > x_from_column + 0.01) {
            if (hanging && left < pos - 0.01) return left;
            if (tab) *tab = &t;
            return pos;
        }
    }
    if (hanging) return left;
    return (std::floor(x_from_column / kDefaultTab) + 1) * kDefaultTab;
}

// Width of the tab atom at i with the pen at x: to its stop, less the
// text it aligns (right and end stops: the text up to the next tab;
// centre: half of it; decimal: up to the decimal point). Records the
// stop's leader on the atom.
double Engine::tab_width(std::vector<Atom>& atoms, std::size_t i, const ParaProps& pp, double x, double left) const {
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

// Where the text aligned by the tab at i ends when that tab is a custom
// right or centre stop: Word sets such text up to its stop even when the
// stop lies past the right margin (a Letter footer's right stop at 6.5"
// on an A4 page puts the page number a little into the margin; it does
// not wrap). Zero for other tabs.
double Engine::aligned_reach(const std::vector<Atom>& atoms, std::size_t i, const ParaProps& pp, double x, double left) const {
    const TabStop* tab = nullptr;
    double stop = tab_stop(pp, x, left, &tab);
    if (!tab) return 0;
    const std::string& al = tab->alignment;
    if (al == "right" || al == "end") return stop;
    if (al != "center") return 0;
    double aligned = 0;
    for (std::size_t k = i + 1; k < atoms.size(); ++k) {
        const Atom& b = atoms[k];
        if (b.kind == AtomKind::tab || b.kind == AtomKind::line_break || b.kind == AtomKind::page_break) break;
        aligned += b.width;
    }
    return stop + aligned / 2;
}

// Greedy filling of a paragraph's atoms into lines; tabs advance to the
// next stop. room, when given, narrows each line (floats beside it).
std::vector<Engine::Line> Engine::fill_lines(std::vector<Atom>& atoms, const std::vector<bool>& break_before, const ParaProps& pp,
                             double left, double first, double avail, const RoomFn* room, double tab_limit) const {
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
    double reach = 0;  // where text a right or centre stop aligns may end (past the margin)
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
            reach = 0;
            continue;
        }
        if (a.kind == AtomKind::tab) {
            a.width = tab_width(atoms, i, pp, x, left);
            reach = std::max(reach, aligned_reach(atoms, i, pp, x, left));
        }
        if (i > cur.begin && break_before[i]) {
            last_break = i;
            have_break = true;
        }
        bool space = a.kind == AtomKind::text && (a.ch == ' ' || a.ch == 0x3000);
        if (x + a.width > std::max(cur.right, std::min(reach, tab_limit)) + 0.01 && i > cur.begin && !space) {
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
            reach = 0;
            if (a.kind == AtomKind::tab) {
                a.width = tab_width(atoms, i, pp, x, left);
                reach = aligned_reach(atoms, i, pp, x, left);
            }
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
    // A right-to-left paragraph measures from its start edge, the right
    // (ECMA-376 17.3.1.12: w:left/w:right act as start/end in a bidi
    // paragraph): lines are filled as if left to right, then mirrored in
    // the text column, so a first-line hang reaches out to the right.
    if (pp.bidi && !room)
        for (auto& l : lines) {
            double s = l.start;
            l.start = 2 * left + avail - l.right;
            l.right = 2 * left + avail - s;
        }
    return lines;
}

void Engine::collect_bookmarks(const std::vector<Inline>& inlines, std::vector<std::string>& out) {
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
void Engine::line_metrics(const Style& s, double& asc, double& desc) {
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
void Engine::draw_leader(ParagraphState& ps, const Atom& tab, double x, double baseline, Flow& f) {
    const Style& s = ps.styles[static_cast<std::size_t>(tab.style)];
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
void Engine::shape_widths(ParagraphState& ps, std::vector<Atom>& atoms) const {
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
            const Style& s = ps.styles[static_cast<std::size_t>(atoms[i].style)];
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
void Engine::east_asian_spacing(ParagraphState& ps, std::vector<Atom>& atoms) const {
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
            a.pad = ps.styles[static_cast<std::size_t>(a.style)].size * 0.25;
            a.width += a.pad;
        }
    }
}

// Replaces a text item's visual-order characters by shaped glyphs; its
// text becomes the logical text, and each cluster's text goes on the
// cluster's first glyph so the PDF extracts in reading order.
void Engine::shape_item(TextItem& t, const Font& font, bool rtl) {
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
std::vector<std::size_t> Engine::visual_order(const std::vector<Atom>& atoms, std::size_t begin, std::size_t end,
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
void Engine::draw_graphic(ParagraphState& ps, const Atom& a, double x, double top, Sink& sink) {
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
    if (g.group) {
        // A group or canvas: each shape and picture in its place, scaled
        // as the group is drawn (a float kept on the page may be smaller).
        const Inline& group = *g.group;
        const double kx = group.width > 0 ? a.width / (static_cast<double>(group.width) * kEmu) : 1;
        const double ky = group.height > 0 ? a.height / (static_cast<double>(group.height) * kEmu) : 1;
        for (const auto& child : group.children) {
            auto ca = graphic_atom(child);
            if (!ca) continue;
            const FloatFormat* cf = float_format_of(child);
            ca->width *= kx;
            ca->height *= ky;
            const double cx = x + (cf ? static_cast<double>(cf->group_x) * kEmu : 0) * kx;
            const double cy = top + (cf ? static_cast<double>(cf->group_y) * kEmu : 0) * ky;
            draw_graphic(ps, *ca, cx, cy, sink);
        }
        return;
    }
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
    parents_.push_back(ps.tag >= 0 ? ps.tag : parents_.back());
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

void Engine::emit_line(ParagraphState& ps, const std::vector<Atom>& atoms, const Line& line, Flow& f, double baseline, const ParaProps& pp) {
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
    // Right-to-left paragraphs start at the right, and so does the last line
    // of a justified one (its lines end flush at the start side).
    bool at_start = pp.alignment == Alignment::left || (pp.alignment == Alignment::both && line.last);
    if (pp.bidi && at_start) x += slack;
    std::vector<char> rtl;
    std::vector<std::size_t> order = visual_order(atoms, line.begin, end, pp.bidi, rtl);
    std::size_t v = 0;
    while (v < order.size()) {
        std::size_t k = order[v];
        const Atom& a = atoms[k];
        if (a.kind == AtomKind::image) {
            draw_graphic(ps, a, x, baseline - a.height, *f.sink);
            x += a.width;
            ++v;
            continue;
        }
        if (a.kind == AtomKind::tab && a.width > 0) {
            if (a.leader) draw_leader(ps, a, x, baseline, f);
            // An underlined tab is a form's blank to fill in ("Name: ____"):
            // Word draws its underline, strike and highlight across it.
            const Style& s = ps.styles[static_cast<std::size_t>(a.style)];
            if (s.marked)
                f.sink->items.push_back(RectItem{x, baseline - s.rise - s.size * 0.92, a.width, s.size * 1.17, true, s.mark, 0, kArtifact});
            if (s.underline)
                f.sink->items.push_back(LineItem{x, baseline + s.size * 0.12, x + a.width, baseline + s.size * 0.12, s.size / 18, s.color, kArtifact, {}});
            if (s.strike)
                f.sink->items.push_back(LineItem{x, baseline - s.size * 0.3, x + a.width, baseline - s.size * 0.3, s.size / 18, s.color, kArtifact, {}});
        }
        if (a.kind != AtomKind::text) {
            x += a.width;
            ++v;
            continue;
        }
        // A run of text atoms with the same style (words split at spaces when justified).
        const Style& s = ps.styles[static_cast<std::size_t>(a.style)];
        TextItem t;
        t.x = x;
        t.y = baseline - s.rise;
        t.font_path = s.font->face().path;
        t.font_index = s.font->face().index;
        t.synthetic_bold = s.font->face().synthetic_bold;
        t.synthetic_italic = s.font->face().synthetic_italic;
        t.size = s.size;
        t.color = s.color;
        t.tag = k < ps.label_end ? ps.label_tag : ps.tag;
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
    // Spaces ending the line take no room for alignment; with ulTrailSpace
    // their underline is drawn (a form's blank made of spaces).
    if (doc_.underline_trailing_spaces && !pp.bidi)
        for (std::size_t k = end; k < line.end;) {
            const Atom& a = atoms[k];
            const Style& s = ps.styles[static_cast<std::size_t>(a.style)];
            double from = x;
            for (; k < line.end && atoms[k].style == a.style; ++k) x += atoms[k].width;  // one line per style
            if (a.kind == AtomKind::text && s.underline)
                f.sink->items.push_back(LineItem{from, baseline + s.size * 0.12, x, baseline + s.size * 0.12, s.size / 18, s.color, kArtifact, {}});
        }
}

}  // namespace allies::layout::detail
