#include "styles.hpp"
#include "ooxml/float_format.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "package/package_impl.hpp"
#include "xml_util.hpp"

namespace allies::ooxml {

namespace {

constexpr int kMaxStyleChain = 32;  // basedOn loops in broken files must end

std::string theme_font(std::string_view theme_attr, const ThemeFonts& t) {
    // ST_Theme (§17.18.96): majorHAnsi, minorAscii, majorEastAsia, minorBidi, ...
    bool major = theme_attr.starts_with("major");
    if (theme_attr.ends_with("EastAsia")) return major ? t.major_east_asia : t.minor_east_asia;
    if (theme_attr.ends_with("Bidi")) return major ? t.major_cs : t.minor_cs;
    return major ? t.major_latin : t.minor_latin;
}

}  // namespace

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Scales the HSL luminance of an RRGGBB colour: tint towards white
// (L' = L * t + 1 - t), shade towards black (L' = L * s).
std::string tint_shade(const std::string& hex, double tint, double shade) {
    double c[3];
    for (int i = 0; i < 3; ++i) {
        int hi = hex_value(hex[static_cast<std::size_t>(2 * i)]), lo = hex_value(hex[static_cast<std::size_t>(2 * i + 1)]);
        if (hi < 0 || lo < 0) return hex;
        c[i] = (hi * 16 + lo) / 255.0;
    }
    double mx = std::max({c[0], c[1], c[2]}), mn = std::min({c[0], c[1], c[2]});
    double l = (mx + mn) / 2, h = 0, sat = 0;
    if (mx > mn) {
        double d = mx - mn;
        sat = l > 0.5 ? d / (2 - mx - mn) : d / (mx + mn);
        if (mx == c[0]) h = (c[1] - c[2]) / d + (c[1] < c[2] ? 6 : 0);
        else if (mx == c[1]) h = (c[2] - c[0]) / d + 2;
        else h = (c[0] - c[1]) / d + 4;
        h /= 6;
    }
    if (tint < 1) l = l * tint + (1 - tint);
    if (shade < 1) l = l * shade;
    auto hue = [](double p, double q, double t) {
        if (t < 0) t += 1;
        if (t > 1) t -= 1;
        if (t < 1.0 / 6) return p + (q - p) * 6 * t;
        if (t < 0.5) return q;
        if (t < 2.0 / 3) return p + (q - p) * (2.0 / 3 - t) * 6;
        return p;
    };
    double out[3] = {l, l, l};
    if (sat > 0) {
        double q = l < 0.5 ? l * (1 + sat) : l + sat - l * sat, p = 2 * l - q;
        out[0] = hue(p, q, h + 1.0 / 3);
        out[1] = hue(p, q, h);
        out[2] = hue(p, q, h - 1.0 / 3);
    }
    static const char* digits = "0123456789ABCDEF";
    std::string r;
    for (double v : out) {
        int b = static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255));
        r += digits[b / 16];
        r += digits[b % 16];
    }
    return r;
}

double fraction(std::string_view hex) {
    if (hex.size() != 2 || hex_value(hex[0]) < 0 || hex_value(hex[1]) < 0) return 1;
    return (hex_value(hex[0]) * 16 + hex_value(hex[1])) / 255.0;
}

}  // namespace

std::string theme_color(pugi::xml_node n, const char* color_attr, const char* theme_attr, const char* tint_attr,
                        const char* shade_attr, const ThemeFonts* theme) {
    if (theme) {
        if (auto name = attr(n, theme_attr); !name.empty()) {
            auto it = theme->colors.find(std::string(name));
            if (it != theme->colors.end())
                return tint_shade(it->second, fraction(attr(n, tint_attr)), fraction(attr(n, shade_attr)));
        }
    }
    return std::string(attr(n, color_attr));
}

Border read_border(pugi::xml_node n, const ThemeFonts* theme) {
    Border b;
    if (!n) return b;
    b.style = val(n);
    b.size = static_cast<std::int32_t>(integer(attr(n, "w:sz")));
    b.space = static_cast<Twips>(integer(attr(n, "w:space")) * 20);
    b.color = theme_color(n, "w:color", "w:themeColor", "w:themeTint", "w:themeShade", theme);
    return b;
}

Shading read_shading(pugi::xml_node n, const ThemeFonts* theme) {
    Shading s;
    if (!n) return s;
    s.pattern = val(n);
    s.color = theme_color(n, "w:color", "w:themeColor", "w:themeTint", "w:themeShade", theme);
    s.fill = theme_color(n, "w:fill", "w:themeFill", "w:themeFillTint", "w:themeFillShade", theme);
    return s;
}

void apply_ppr(ParaProps& p, pugi::xml_node ppr, const ThemeFonts* theme) {
    if (!ppr) return;
    for (auto n : ppr.children()) {
        std::string_view name = n.name();
        if (name == "w:pStyle") p.style_id = val(n);
        else if (name == "w:jc") {
            std::string_view v = val(n);
            // "start"/"end" are the 2010+/strict spellings of left/right (LTR).
            if (v == "center") p.alignment = Alignment::center;
            else if (v == "right" || v == "end") p.alignment = Alignment::right;
            else if (v == "both" || v == "lowKashida" || v == "mediumKashida" || v == "highKashida" ||
                     v == "thaiDistribute")
                p.alignment = Alignment::both;
            else if (v == "distribute") p.alignment = Alignment::distribute;
            else p.alignment = Alignment::left;
        } else if (name == "w:ind") {
            if (auto a = n.attribute("w:left")) p.indent_left = twips(n, "w:left");
            else if (a = n.attribute("w:start"); a) p.indent_left = twips(n, "w:start");
            if (auto a = n.attribute("w:right")) p.indent_right = twips(n, "w:right");
            else if (a = n.attribute("w:end"); a) p.indent_right = twips(n, "w:end");
            if (n.attribute("w:hanging")) {
                p.indent_hanging = twips(n, "w:hanging");
                p.indent_first_line = 0;
            } else if (n.attribute("w:firstLine")) {
                p.indent_first_line = twips(n, "w:firstLine");
                p.indent_hanging = 0;
            }
        } else if (name == "w:spacing") {
            if (n.attribute("w:before")) p.space_before = twips(n, "w:before");
            if (n.attribute("w:after")) p.space_after = twips(n, "w:after");
            if (n.attribute("w:beforeAutospacing")) p.space_before_auto = on_off_attr(n, "w:beforeAutospacing");
            if (n.attribute("w:afterAutospacing")) p.space_after_auto = on_off_attr(n, "w:afterAutospacing");
            if (n.attribute("w:line")) p.line = static_cast<std::int32_t>(integer(attr(n, "w:line"), 240));
            if (auto r = attr(n, "w:lineRule"); !r.empty())
                p.line_rule = r == "exact" ? LineRule::exact : r == "atLeast" ? LineRule::at_least : LineRule::auto_;
        } else if (name == "w:contextualSpacing") p.contextual_spacing = on_off(n);
        else if (name == "w:keepNext") p.keep_next = on_off(n);
        else if (name == "w:keepLines") p.keep_lines = on_off(n);
        else if (name == "w:pageBreakBefore") p.page_break_before = on_off(n);
        else if (name == "w:widowControl") p.widow_control = on_off(n);
        else if (name == "w:outlineLvl") {
            auto lvl = integer(val(n), 9);
            p.outline_level = lvl >= 0 && lvl < 9 ? static_cast<int>(lvl) : -1;  // 9 = body text
        } else if (name == "w:bidi") p.bidi = on_off(n);
        else if (name == "w:snapToGrid") p.snap_to_grid = on_off(n);
        else if (name == "w:pBdr") {
            if (auto b = n.child("w:top")) p.border_top = read_border(b, theme);
            if (auto b = n.child("w:bottom")) p.border_bottom = read_border(b, theme);
            if (auto b = n.child("w:left")) p.border_left = read_border(b, theme);
            else if (b = n.child("w:start"); b) p.border_left = read_border(b, theme);
            if (auto b = n.child("w:right")) p.border_right = read_border(b, theme);
            else if (b = n.child("w:end"); b) p.border_right = read_border(b, theme);
            if (auto b = n.child("w:between")) p.border_between = read_border(b, theme);
        } else if (name == "w:shd") p.shading = read_shading(n, theme);
        else if (name == "w:framePr") {
            // A drop cap's frame is read with its paragraph (body_reader).
            std::string_view drop = attr(n, "w:dropCap");
            p.frame = drop == "drop" || drop == "margin" ? TextFrame{} : read_text_frame(n);
        } else if (name == "w:tabs") {
            for (auto t : n.children("w:tab")) {
                TabStop ts{std::string(val(t)), std::string(attr(t, "w:leader")), twips(t, "w:pos")};
                // A "clear" tab removes an inherited stop at that position (§17.3.1.37).
                std::erase_if(p.tabs, [&](const TabStop& x) { return x.position == ts.position; });
                if (ts.alignment != "clear") p.tabs.push_back(ts);
            }
            std::sort(p.tabs.begin(), p.tabs.end(),
                      [](const TabStop& a, const TabStop& b) { return a.position < b.position; });
        } else if (name == "w:numPr") {
            if (auto id = n.child("w:numId")) p.numbering.num_id = static_cast<int>(integer(val(id)));
            if (auto lvl = n.child("w:ilvl")) p.numbering.level = static_cast<int>(integer(val(lvl)));
        }
    }
}

void apply_rpr(RunProps& r, pugi::xml_node rpr, const ThemeFonts& theme) {
    if (!rpr) return;
    for (auto n : rpr.children()) {
        std::string_view name = n.name();
        if (name == "w:rStyle") r.style_id = val(n);
        else if (name == "w:rFonts") {
            // Theme attributes take precedence over the explicit names (§17.3.2.26).
            if (auto t = attr(n, "w:asciiTheme"); !t.empty()) r.font_ascii = theme_font(t, theme);
            else if (auto f = attr(n, "w:ascii"); !f.empty()) r.font_ascii = f;
            if (auto t = attr(n, "w:hAnsiTheme"); !t.empty()) r.font_hansi = theme_font(t, theme);
            else if (auto f = attr(n, "w:hAnsi"); !f.empty()) r.font_hansi = f;
            if (auto t = attr(n, "w:eastAsiaTheme"); !t.empty()) r.font_east_asia = theme_font(t, theme);
            else if (auto f = attr(n, "w:eastAsia"); !f.empty()) r.font_east_asia = f;
            if (auto t = attr(n, "w:cstheme"); !t.empty()) r.font_cs = theme_font(t, theme);
            else if (auto f = attr(n, "w:cs"); !f.empty()) r.font_cs = f;
        } else if (name == "w:sz") r.size = static_cast<HalfPoints>(parse_measure(val(n), 10.0, r.size));
        else if (name == "w:szCs") r.size_cs = static_cast<HalfPoints>(parse_measure(val(n), 10.0, r.size_cs));
        else if (name == "w:b") r.bold = on_off(n);
        else if (name == "w:i") r.italic = on_off(n);
        else if (name == "w:strike") r.strike = on_off(n);
        else if (name == "w:dstrike") r.double_strike = on_off(n);
        else if (name == "w:caps") r.caps = on_off(n);
        else if (name == "w:smallCaps") r.small_caps = on_off(n);
        else if (name == "w:vanish") r.hidden = on_off(n);
        else if (name == "w:u") {
            std::string_view v = val(n);
            r.underline = v == "none" ? "" : std::string(v.empty() ? "single" : v);
        } else if (name == "w:color") {
            std::string v = theme_color(n, "w:val", "w:themeColor", "w:themeTint", "w:themeShade", &theme);
            r.color = v == "auto" ? "" : v;
        } else if (name == "w:highlight") {
            std::string_view v = val(n);
            r.highlight = v == "none" ? "" : std::string(v);
        } else if (name == "w:shd") r.shading = read_shading(n, &theme);
        else if (name == "w:vertAlign") {
            std::string_view v = val(n);
            r.vertical_align = v == "superscript" ? VerticalAlign::superscript
                               : v == "subscript" ? VerticalAlign::subscript
                                                  : VerticalAlign::baseline;
        } else if (name == "w:lang") {
            if (auto v = val(n); !v.empty()) r.lang = v;
        } else if (name == "w:rtl") r.rtl = on_off(n);
    }
}

void StyleSheet::load(const Package& package, const std::string& styles_part, const std::string& theme_part) {
    if (!theme_part.empty() && package.has_part(theme_part)) {
        auto root = xml(package, theme_part).document_element();
        // Colour scheme (DrawingML §20.1.6.2), with Word's default mapping of
        // text/background to dark/light (w:clrSchemeMapping is not read).
        static const std::pair<const char*, const char*> names[] = {
            {"a:dk1", "dark1"},       {"a:lt1", "light1"},     {"a:dk2", "dark2"},       {"a:lt2", "light2"},
            {"a:accent1", "accent1"}, {"a:accent2", "accent2"}, {"a:accent3", "accent3"}, {"a:accent4", "accent4"},
            {"a:accent5", "accent5"}, {"a:accent6", "accent6"}, {"a:hlink", "hyperlink"}, {"a:folHlink", "followedHyperlink"}};
        auto colours = root.child("a:themeElements").child("a:clrScheme");
        for (auto [element, name] : names) {
            auto c = colours.child(element);
            std::string_view hex = attr(c.child("a:srgbClr"), "val");
            if (hex.empty()) hex = attr(c.child("a:sysClr"), "lastClr");
            if (hex.size() == 6) theme_.colors[name] = std::string(hex);
        }
        for (auto [alias, name] : {std::pair{"text1", "dark1"}, std::pair{"background1", "light1"},
                                   std::pair{"text2", "dark2"}, std::pair{"background2", "light2"}})
            if (auto it = theme_.colors.find(name); it != theme_.colors.end()) theme_.colors[alias] = it->second;
        auto scheme = root.child("a:themeElements").child("a:fontScheme");
        if (auto major = scheme.child("a:majorFont")) {
            theme_.major_latin = attr(major.child("a:latin"), "typeface");
            theme_.major_east_asia = attr(major.child("a:ea"), "typeface");
            theme_.major_cs = attr(major.child("a:cs"), "typeface");
        }
        if (auto minor = scheme.child("a:minorFont")) {
            theme_.minor_latin = attr(minor.child("a:latin"), "typeface");
            theme_.minor_east_asia = attr(minor.child("a:ea"), "typeface");
            theme_.minor_cs = attr(minor.child("a:cs"), "typeface");
        }
    }
    if (styles_part.empty() || !package.has_part(styles_part)) return;
    auto root = xml(package, styles_part).document_element();
    if (auto defaults = root.child("w:docDefaults")) {
        default_ppr_ = defaults.child("w:pPrDefault").child("w:pPr");
        default_rpr_ = defaults.child("w:rPrDefault").child("w:rPr");
    }
    for (auto s : root.children("w:style")) {
        Style st;
        st.id = attr(s, "w:styleId");
        st.type = attr(s, "w:type");
        if (st.type.empty()) st.type = "paragraph";
        st.name = val(s.child("w:name"));
        st.based_on = val(s.child("w:basedOn"));
        st.ppr = s.child("w:pPr");
        st.rpr = s.child("w:rPr");
        st.tblpr = s.child("w:tblPr");
        st.tcpr = s.child("w:tcPr");
        for (auto cond : s.children("w:tblStylePr")) {
            st.conditional.push_back(cond);
            if (attr(cond, "w:type") == "firstRow") {
                st.first_row_rpr = cond.child("w:rPr");
                st.first_row_tcpr = cond.child("w:tcPr");
            }
        }
        st.is_default = on_off_attr(s, "w:default");
        if (st.is_default && !defaults_.count(st.type)) defaults_[st.type] = st.id;
        if (!st.id.empty()) styles_.emplace(st.id, std::move(st));  // first definition wins, as in Word
    }
}

const Style* StyleSheet::find(const std::string& id) const {
    auto it = styles_.find(id);
    return it == styles_.end() ? nullptr : &it->second;
}

const Style* StyleSheet::default_style(const std::string& type) const {
    auto it = defaults_.find(type);
    return it == defaults_.end() ? nullptr : find(it->second);
}

std::string StyleSheet::name_of(const std::string& id) const {
    const Style* s = find(id);
    return s ? s->name : std::string{};
}

void StyleSheet::apply_style_chain_ppr(ParaProps& out, const std::string& id, int depth) const {
    const Style* s = find(id);
    if (!s || depth > kMaxStyleChain) return;
    if (!s->based_on.empty() && s->based_on != id) apply_style_chain_ppr(out, s->based_on, depth + 1);
    std::string keep = out.style_id;
    apply_ppr(out, s->ppr, &theme_);
    out.style_id = keep;  // a pStyle inside a style's pPr is not the paragraph's style
    apply_rpr(out.run, s->rpr, theme_);
}

void StyleSheet::apply_style_chain_rpr(RunProps& out, const std::string& id, int depth) const {
    const Style* s = find(id);
    if (!s || depth > kMaxStyleChain) return;
    if (!s->based_on.empty() && s->based_on != id) apply_style_chain_rpr(out, s->based_on, depth + 1);
    apply_rpr(out, s->rpr, theme_);
}

std::vector<pugi::xml_node> StyleSheet::conditional_formats(const std::string& table_style,
                                                            const std::vector<std::string_view>& types) const {
    std::vector<const Style*> chain;
    for (const Style* s = find(table_style); s && chain.size() < kMaxStyleChain;
         s = s->based_on.empty() ? nullptr : find(s->based_on))
        chain.push_back(s);
    std::vector<pugi::xml_node> out;
    for (std::string_view type : types)
        for (auto it = chain.rbegin(); it != chain.rend(); ++it)
            for (auto cond : (*it)->conditional)
                if (attr(cond, "w:type") == type) out.push_back(cond);
    return out;
}

ParaProps StyleSheet::paragraph(pugi::xml_node ppr, const std::string& table_style,
                                const std::vector<pugi::xml_node>& conditional) const {
    ParaProps p;
    // Word's defaults when docDefaults is silent: 10pt Times New Roman in the
    // spec, but every producer writes docDefaults; keep the model's 11pt.
    p.run.font_ascii = p.run.font_hansi = theme_.minor_latin.empty() ? "Calibri" : theme_.minor_latin;
    apply_ppr(p, default_ppr_, &theme_);
    apply_rpr(p.run, default_rpr_, theme_);
    if (!table_style.empty()) {
        if (const Style* ts = find(table_style)) {
            // Table style paragraph/run properties sit between the defaults and
            // the paragraph style (§17.7.2).
            std::vector<const Style*> chain;
            for (const Style* s = ts; s && chain.size() < kMaxStyleChain; s = s->based_on.empty() ? nullptr : find(s->based_on))
                chain.push_back(s);
            for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
                apply_ppr(p, (*it)->ppr, &theme_);
                apply_rpr(p.run, (*it)->rpr, theme_);
            }
        }
        // Conditional formats of the cell (first row, banded rows, ...) over
        // the whole table's (§17.7.6).
        for (auto cond : conditional) {
            apply_ppr(p, cond.child("w:pPr"), &theme_);
            apply_rpr(p.run, cond.child("w:rPr"), theme_);
        }
    }
    std::string style_id = std::string(val(ppr.child("w:pStyle")));
    if (style_id.empty() || !find(style_id)) {
        const Style* d = default_style("paragraph");
        style_id = d ? d->id : std::string{};
    }
    if (!style_id.empty()) apply_style_chain_ppr(p, style_id, 0);
    p.style_id = style_id;
    apply_ppr(p, ppr, &theme_);
    p.style_id = style_id;
    if (p.outline_level < 0) {
        // Styles named "heading N" are headings even when a producer omitted
        // w:outlineLvl (python-docx templates, some converters).
        std::string name = name_of(style_id);
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (name.size() == 9 && name.starts_with("heading ") && name[8] >= '1' && name[8] <= '9')
            p.outline_level = name[8] - '1';
    }
    // The paragraph mark's own run properties (pPr/rPr) describe the mark,
    // not the text; they are not applied to p.run.
    return p;
}

RunProps StyleSheet::run(const ParaProps& para, pugi::xml_node rpr, bool link_style) const {
    RunProps r = para.run;
    r.style_id.clear();
    std::string style = std::string(val(rpr.child("w:rStyle")));
    if (!link_style && !style.empty()) {
        auto lower = [](std::string s) {
            for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return s;
        };
        if (lower(style) == "hyperlink" || lower(name_of(style)) == "hyperlink") style.clear();
    }
    if (style.empty()) {
        if (const Style* d = default_style("character")) style = d->id;
    }
    if (!style.empty()) apply_style_chain_rpr(r, style, 0);
    apply_rpr(r, rpr, theme_);
    r.style_id = style;
    return r;
}

}  // namespace allies::ooxml
