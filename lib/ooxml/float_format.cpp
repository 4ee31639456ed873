#include "ooxml/float_format.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "ooxml/xml_util.hpp"

namespace allies::ooxml {
namespace {

constexpr Emu kMaxOffset = 22 * 914400;  // no page is wider or taller than 22 inches

Emu clamp_offset(long long v) { return std::clamp<Emu>(v, -kMaxOffset, kMaxOffset); }

using Rgb = std::array<double, 3>;

bool parse_hex(std::string_view hex, Rgb& out) {
    if (hex.size() != 6) return false;
    for (int i = 0; i < 3; ++i) {
        char* end = nullptr;
        std::string part(hex.substr(static_cast<std::size_t>(2 * i), 2));
        long v = std::strtol(part.c_str(), &end, 16);
        if (!end || *end) return false;
        out[static_cast<std::size_t>(i)] = static_cast<double>(v) / 255.0;
    }
    return true;
}

std::string to_hex(const Rgb& c) {
    static const char* digits = "0123456789ABCDEF";
    std::string r;
    for (double v : c) {
        int b = static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255));
        r += digits[b / 16];
        r += digits[b % 16];
    }
    return r;
}

// HSL, for lumMod/lumOff (DrawingML §20.1.2.3.19-20).
void to_hsl(const Rgb& c, double& h, double& s, double& l) {
    double mx = std::max({c[0], c[1], c[2]}), mn = std::min({c[0], c[1], c[2]});
    l = (mx + mn) / 2;
    h = s = 0;
    if (mx <= mn) return;
    double d = mx - mn;
    s = l > 0.5 ? d / (2 - mx - mn) : d / (mx + mn);
    if (mx == c[0]) h = (c[1] - c[2]) / d + (c[1] < c[2] ? 6 : 0);
    else if (mx == c[1]) h = (c[2] - c[0]) / d + 2;
    else h = (c[0] - c[1]) / d + 4;
    h /= 6;
}

Rgb from_hsl(double h, double s, double l) {
    if (s <= 0) return {l, l, l};
    auto hue = [](double p, double q, double t) {
        if (t < 0) t += 1;
        if (t > 1) t -= 1;
        if (t < 1.0 / 6) return p + (q - p) * 6 * t;
        if (t < 0.5) return q;
        if (t < 2.0 / 3) return p + (q - p) * (2.0 / 3 - t) * 6;
        return p;
    };
    double q = l < 0.5 ? l * (1 + s) : l + s - l * s, p = 2 * l - q;
    return {hue(p, q, h + 1.0 / 3), hue(p, q, h), hue(p, q, h - 1.0 / 3)};
}

// DrawingML preset colour names Word writes (prstClr, §20.1.10.48): the few
// that text boxes and lines use.
bool preset_color(std::string_view name, Rgb& out) {
    static const std::pair<std::string_view, const char*> presets[] = {
        {"black", "000000"}, {"white", "FFFFFF"}, {"red", "FF0000"},   {"green", "008000"}, {"blue", "0000FF"},
        {"yellow", "FFFF00"}, {"gray", "808080"}, {"grey", "808080"}, {"silver", "C0C0C0"}, {"navy", "000080"},
        {"orange", "FFA500"}, {"purple", "800080"}, {"maroon", "800000"}, {"teal", "008080"}, {"lime", "00FF00"},
        {"aqua", "00FFFF"},  {"cyan", "00FFFF"},   {"fuchsia", "FF00FF"}, {"magenta", "FF00FF"}, {"olive", "808000"},
        {"darkBlue", "00008B"}, {"darkRed", "8B0000"}, {"darkGreen", "006400"}, {"lightGray", "D3D3D3"}};
    for (auto [n, hex] : presets)
        if (n == name) return parse_hex(hex, out);
    return false;
}

// One colour element (a:srgbClr, a:schemeClr, a:sysClr, a:prstClr,
// a:scrgbClr, a:hslClr) with its modifiers.
bool color_element(pugi::xml_node c, const ThemeFonts& theme, Rgb& out) {
    std::string_view name = c.name();
    if (name == "a:srgbClr") {
        if (!parse_hex(attr(c, "val"), out)) return false;
    } else if (name == "a:sysClr") {
        if (!parse_hex(attr(c, "lastClr"), out)) {
            std::string_view v = attr(c, "val");
            out = v == "window" ? Rgb{1, 1, 1} : Rgb{0, 0, 0};
        }
    } else if (name == "a:schemeClr") {
        static const std::pair<std::string_view, const char*> alias[] = {
            {"tx1", "dark1"}, {"bg1", "light1"}, {"tx2", "dark2"}, {"bg2", "light2"}, {"dk1", "dark1"},
            {"lt1", "light1"}, {"dk2", "dark2"}, {"lt2", "light2"}, {"hlink", "hyperlink"}, {"folHlink", "followedHyperlink"},
            {"phClr", "accent1"}};
        std::string key(attr(c, "val"));
        for (auto [a, full] : alias)
            if (key == a) key = full;
        auto it = theme.colors.find(key);
        if (it == theme.colors.end() || !parse_hex(it->second, out)) {
            // No theme part: Office's default theme.
            static const std::pair<std::string_view, const char*> office[] = {
                {"dark1", "000000"},   {"light1", "FFFFFF"},  {"dark2", "44546A"},   {"light2", "E7E6E6"},
                {"accent1", "4472C4"}, {"accent2", "ED7D31"}, {"accent3", "A5A5A5"}, {"accent4", "FFC000"},
                {"accent5", "5B9BD5"}, {"accent6", "70AD47"}, {"hyperlink", "0563C1"}, {"followedHyperlink", "954F72"}};
            bool found = false;
            for (auto [n, hex] : office)
                if (n == key) found = parse_hex(hex, out);
            if (!found) return false;
        }
    } else if (name == "a:prstClr") {
        if (!preset_color(attr(c, "val"), out)) return false;
    } else if (name == "a:scrgbClr") {
        auto pct = [&](const char* a) { return std::clamp(static_cast<double>(integer(attr(c, a))) / 100000.0, 0.0, 1.0); };
        out = {std::pow(pct("r"), 1 / 2.2), std::pow(pct("g"), 1 / 2.2), std::pow(pct("b"), 1 / 2.2)};
    } else if (name == "a:hslClr") {
        out = from_hsl(static_cast<double>(integer(attr(c, "hue"))) / 21600000.0,
                       static_cast<double>(integer(attr(c, "sat"))) / 100000.0,
                       static_cast<double>(integer(attr(c, "lum"))) / 100000.0);
    } else {
        return false;
    }
    // Modifiers, in order (§20.1.2.3).
    for (auto m : c.children()) {
        std::string_view mn = m.name();
        double v = static_cast<double>(integer(attr(m, "val"), 100000)) / 100000.0;
        v = std::clamp(v, -10.0, 10.0);
        if (mn == "a:lumMod" || mn == "a:lumOff") {
            double h, s, l;
            to_hsl(out, h, s, l);
            l = mn == "a:lumMod" ? l * v : l + v;
            out = from_hsl(h, s, std::clamp(l, 0.0, 1.0));
        } else if (mn == "a:tint") {
            for (auto& x : out) x = x * v + (1 - v);
        } else if (mn == "a:shade") {
            for (auto& x : out) x *= v;
        } else if (mn == "a:inv") {
            for (auto& x : out) x = 1 - x;
        }
    }
    for (auto& x : out) x = std::clamp(x, 0.0, 1.0);
    return true;
}

// wp:positionH / wp:positionV.
void read_position(pugi::xml_node pos, std::string& relative, std::string& align, Emu& offset) {
    if (!pos) return;
    if (auto r = attr(pos, "relativeFrom"); !r.empty()) relative = r;
    if (auto a = pos.child("wp:align")) align = a.text().get();
    else if (auto o = pos.child("wp:posOffset")) offset = clamp_offset(integer(o.text().get()));
}

// The value of `property` in a VML style ("width:108pt;height:21pt"),
// trimmed; nullopt when absent.
std::optional<std::string_view> vml_declaration(std::string_view style, std::string_view property) {
    auto trim = [](std::string_view v) {
        while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
        while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
        return v;
    };
    std::size_t at = 0;
    while (at < style.size()) {
        std::size_t end = style.find(';', at);
        if (end == std::string_view::npos) end = style.size();
        std::string_view decl = style.substr(at, end - at);
        at = end + 1;
        std::size_t colon = decl.find(':');
        if (colon == std::string_view::npos) continue;
        if (trim(decl.substr(0, colon)) == property) return trim(decl.substr(colon + 1));
    }
    return std::nullopt;
}

// A VML length ("12pt", "-3.5in", "40", "0") in EMU, unclamped; bare
// numbers are pixels at 96 dpi (CSS). nullopt when not a length.
std::optional<double> vml_emu(std::string_view value) {
    std::string v(value);
    char* rest = nullptr;
    double number = std::strtod(v.c_str(), &rest);
    if (rest == v.c_str() || !std::isfinite(number) || std::abs(number) > 1e6) return std::nullopt;
    std::string_view unit(rest);
    while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
    while (!unit.empty() && unit.back() == ' ') unit.remove_suffix(1);
    double emu_per = unit == "pt" ? 12700 : unit == "in" ? 914400 : unit == "cm" ? 360000 : unit == "mm" ? 36000
                   : unit == "pc" ? 152400 : unit == "px" || unit.empty() ? 9525 : 0;
    if (emu_per == 0) return std::nullopt;
    return number * emu_per;
}

// A length of a VML style, in EMU (clamped to a page); false when absent
// or not a length.
bool vml_value(std::string_view style, std::string_view property, Emu& out) {
    auto value = vml_declaration(style, property);
    auto emu = value ? vml_emu(*value) : std::nullopt;
    if (!emu) return false;
    out = clamp_offset(static_cast<long long>(*emu));
    return true;
}

std::string vml_word(std::string_view style, std::string_view property) {
    auto value = vml_declaration(style, property);
    return value ? std::string(*value) : std::string{};
}

// A VML colour: "#RRGGBB", "#RGB", a name, maybe followed by " [index]".
std::string vml_color(std::string_view v) {
    if (auto sp = v.find(' '); sp != std::string_view::npos) v = v.substr(0, sp);
    if (v.starts_with("#")) {
        v.remove_prefix(1);
        if (v.size() == 3) return {v[0], v[0], v[1], v[1], v[2], v[2]};
        Rgb c;
        return parse_hex(v, c) ? to_hex(c) : std::string{};
    }
    Rgb c;
    if (preset_color(v, c)) return to_hex(c);
    if (v == "windowText" || v == "black") return "000000";
    if (v == "window") return "FFFFFF";
    return {};
}

// A VML length attribute ("1pt", "2.25pt", "0.5mm"): EMU.
Emu vml_attr_length(std::string_view v, Emu fallback) {
    Emu out = fallback;
    std::string decl = "x:" + std::string(v);
    return vml_value(decl, "x", out) ? out : fallback;
}

// An angle brought into [0, 360); anything not finite is no turn.
double rotation_degrees(double degrees) {
    if (!std::isfinite(degrees)) return 0;
    double r = std::fmod(degrees, 360.0);
    return r < 0 ? r + 360.0 : r;
}

}  // namespace

double vml_number(std::string_view style, std::string_view property) {
    auto value = vml_declaration(style, property);
    if (!value) return 0;
    std::string v(*value);
    char* rest = nullptr;
    double number = std::strtod(v.c_str(), &rest);
    return rest != v.c_str() && std::isfinite(number) && std::abs(number) <= 1e9 ? number : 0;
}

std::pair<double, double> vml_pair(std::string_view value) {
    std::string v(value);
    auto number = [](const std::string& s) {
        char* rest = nullptr;
        double n = std::strtod(s.c_str(), &rest);
        return rest != s.c_str() && std::isfinite(n) && std::abs(n) <= 1e9 ? n : 0.0;
    };
    std::size_t comma = v.find(',');
    if (comma == std::string::npos) return {number(v), 0};
    return {number(v.substr(0, comma)), number(v.substr(comma + 1))};
}

Emu vml_length(std::string_view style, std::string_view property) {
    auto value = vml_declaration(style, property);
    auto emu = value ? vml_emu(*value) : std::nullopt;
    return emu && *emu > 0 ? static_cast<Emu>(*emu) : 0;
}

std::string drawing_color(pugi::xml_node holder, const ThemeFonts& theme) {
    for (auto c : holder.children()) {
        Rgb rgb;
        if (color_element(c, theme, rgb)) return to_hex(rgb);
    }
    return {};
}

FloatFormat read_float_format(pugi::xml_node holder, pugi::xml_node shape, const ThemeFonts& theme) {
    FloatFormat f;
    if (std::string_view(holder.name()) == "wp:anchor") {
        f.anchored = true;
        f.dist_top = clamp_offset(integer(attr(holder, "distT")));
        f.dist_bottom = clamp_offset(integer(attr(holder, "distB")));
        f.dist_left = clamp_offset(integer(attr(holder, "distL")));
        f.dist_right = clamp_offset(integer(attr(holder, "distR")));
        std::string_view behind = attr(holder, "behindDoc");
        f.behind = behind == "1" || behind == "true" || behind == "on";
        f.z = std::clamp<long long>(integer(attr(holder, "relativeHeight")), 0, 1ll << 32);
        // The effects (shadow, glow) drawn outside the frame keep text away too.
        auto effect = holder.child("wp:effectExtent");
        f.dist_top += clamp_offset(std::max(0LL, integer(attr(effect, "t"))));
        f.dist_bottom += clamp_offset(std::max(0LL, integer(attr(effect, "b"))));
        f.dist_left += clamp_offset(std::max(0LL, integer(attr(effect, "l"))));
        f.dist_right += clamp_offset(std::max(0LL, integer(attr(effect, "r"))));
        std::string_view overlap = attr(holder, "allowOverlap");
        f.allow_overlap = !(overlap == "0" || overlap == "false" || overlap == "off");
        std::string_view in_cell = attr(holder, "layoutInCell");
        f.in_cell = !(in_cell == "0" || in_cell == "false" || in_cell == "off");
        std::string_view simple = attr(holder, "simplePos");
        if (simple == "1" || simple == "true" || simple == "on") {
            // simplePos: the top-left corner from the page's, in EMU.
            auto sp = holder.child("wp:simplePos");
            f.h_relative = "page";
            f.v_relative = "page";
            f.h_offset = clamp_offset(integer(attr(sp, "x")));
            f.v_offset = clamp_offset(integer(attr(sp, "y")));
        } else {
            read_position(holder.child("wp:positionH"), f.h_relative, f.h_align, f.h_offset);
            read_position(holder.child("wp:positionV"), f.v_relative, f.v_align, f.v_offset);
            // Word 2010 writes percentage positions (wp14:pctPos*) in an
            // mc:Choice and their value in EMU for this page in the
            // Fallback: the Fallback's is the position on this page.
            for (auto ac : holder.children("mc:AlternateContent")) {
                pugi::xml_node fallback = ac.child("mc:Fallback");
                for (auto branch : {fallback, ac.child("mc:Choice")}) {
                    auto h = branch.child("wp:positionH"), v = branch.child("wp:positionV");
                    if (h && (h.child("wp:posOffset") || h.child("wp:align"))) {
                        read_position(h, f.h_relative, f.h_align, f.h_offset);
                        break;
                    }
                    if (v && (v.child("wp:posOffset") || v.child("wp:align"))) {
                        read_position(v, f.v_relative, f.v_align, f.v_offset);
                        break;
                    }
                }
            }
        }
        for (auto c : holder.children()) {
            std::string_view cn = c.name();
            if (cn == "wp:wrapNone") f.wrap = "none";
            else if (cn == "wp:wrapSquare") f.wrap = "square";
            else if (cn == "wp:wrapTight") f.wrap = "tight";
            else if (cn == "wp:wrapThrough") f.wrap = "through";
            else if (cn == "wp:wrapTopAndBottom") f.wrap = "topAndBottom";
            else continue;
            if (auto side = attr(c, "wrapText"); !side.empty()) f.wrap_side = side;
        }
    }
    if (!shape) return f;
    f.shape = true;
    auto sppr = shape.child("wps:spPr");
    if (auto geom = sppr.child("a:prstGeom")) f.geometry = attr(geom, "prst");
    auto flipped = [](std::string_view v) { return v == "1" || v == "true"; };
    f.flip_h = flipped(attr(sppr.child("a:xfrm"), "flipH"));
    f.flip_v = flipped(attr(sppr.child("a:xfrm"), "flipV"));
    f.rotation = rotation_degrees(static_cast<double>(integer(attr(sppr.child("a:xfrm"), "rot"))) / 60000.0);
    if (shape.child("wps:cNvCnPr") && !sppr.child("a:prstGeom")) f.geometry = "line";  // a connector
    // Fill and outline: the shape's own, else its style's references
    // (fillRef/lnRef index 0 = none).
    auto style = shape.child("wps:style");
    bool fill_set = false;
    for (auto c : sppr.children()) {
        std::string_view cn = c.name();
        if (cn == "a:noFill") fill_set = true;
        else if (cn == "a:solidFill") {
            f.fill = drawing_color(c, theme);
            fill_set = true;
        } else if (cn == "a:gradFill") {  // approximated by its first stop
            f.fill = drawing_color(c.child("a:gsLst").child("a:gs"), theme);
            fill_set = true;
        } else if (cn == "a:pattFill") {
            f.fill = drawing_color(c.child("a:fgClr"), theme);
            fill_set = true;
        } else if (cn == "a:blipFill" || cn == "a:grpFill") {
            fill_set = true;
        }
    }
    if (!fill_set)
        if (auto ref = style.child("a:fillRef"); ref && integer(attr(ref, "idx")) > 0) f.fill = drawing_color(ref, theme);
    auto ln = sppr.child("a:ln");
    bool line_set = false;
    if (ln) {
        if (auto w = attr(ln, "w"); !w.empty()) f.line_width = std::clamp<Emu>(integer(w), 0, 20 * 12700);
        if (ln.child("a:noFill")) line_set = true;
        else if (auto s = ln.child("a:solidFill")) {
            f.line = drawing_color(s, theme);
            line_set = true;
        } else if (auto g = ln.child("a:gradFill")) {
            f.line = drawing_color(g.child("a:gsLst").child("a:gs"), theme);
            line_set = true;
        }
        if (auto d = ln.child("a:prstDash")) f.dash = attr(d, "val");
        if (f.dash == "solid") f.dash.clear();
    }
    if (!line_set)
        if (auto ref = style.child("a:lnRef"); ref && integer(attr(ref, "idx")) > 0) {
            f.line = drawing_color(ref, theme);
            if (!ln || attr(ln, "w").empty()) f.line_width = 12700 / 2 * std::clamp<long long>(integer(attr(ref, "idx")), 1, 3);
        }
    auto body = shape.child("wps:bodyPr");
    auto inset = [&](const char* a, Emu& out) {
        if (auto v = attr(body, a); !v.empty()) out = std::clamp<Emu>(integer(v), 0, 914400);
    };
    inset("lIns", f.inset_left);
    inset("tIns", f.inset_top);
    inset("rIns", f.inset_right);
    inset("bIns", f.inset_bottom);
    if (auto a = attr(body, "anchor"); !a.empty()) f.text_anchor = a;
    f.grow = static_cast<bool>(body.child("a:spAutoFit"));
    std::string_view vert = attr(body, "vert");
    f.vertical_text = !vert.empty() && vert != "horz";
    return f;
}

FloatFormat read_vml_format(pugi::xml_node shape, Emu& width, Emu& height) {
    FloatFormat f;
    f.shape = true;
    std::string_view name = shape.name();
    std::string style(attr(shape, "style"));
    f.geometry = name == "v:oval" ? "ellipse" : name == "v:roundrect" ? "roundRect" : name == "v:line" ? "line" : "rect";
    // Word's preset VML type #_x0000_t32 is a straight connector.
    if (name == "v:shape" && attr(shape, "type") == "#_x0000_t32") f.geometry = "line";
    Emu w = 0, h = 0;
    vml_value(style, "width", w);
    vml_value(style, "height", h);
    width = std::max<Emu>(0, w);
    height = std::max<Emu>(0, h);
    f.rotation = rotation_degrees(vml_number(style, "rotation"));
    if (vml_word(style, "position") == "absolute") {
        f.anchored = true;
        Emu x = 0, y = 0;
        // margin-left/top are offsets from the anchor area (left/top also
        // appear in group children, relative to the group).
        if (!vml_value(style, "margin-left", x)) vml_value(style, "left", x);
        if (!vml_value(style, "margin-top", y)) vml_value(style, "top", y);
        f.h_offset = x;
        f.v_offset = y;
        // mso-position-*-relative: page, margin, text (column / paragraph), char, line ...
        auto relative = [](const std::string& v, bool horizontal) -> std::string {
            if (v == "page") return "page";
            if (v == "margin") return "margin";
            if (v == "char") return "character";
            if (v == "line") return "line";
            if (v == "left-margin-area") return "leftMargin";
            if (v == "right-margin-area") return "rightMargin";
            if (v == "top-margin-area") return "topMargin";
            if (v == "bottom-margin-area") return "bottomMargin";
            if (v == "inner-margin-area") return horizontal ? "insideMargin" : "insideMargin";
            if (v == "outer-margin-area") return "outsideMargin";
            return horizontal ? "column" : "paragraph";  // text (VML's default)
        };
        f.h_relative = relative(vml_word(style, "mso-position-horizontal-relative"), true);
        f.v_relative = relative(vml_word(style, "mso-position-vertical-relative"), false);
        std::string ha = vml_word(style, "mso-position-horizontal"), va = vml_word(style, "mso-position-vertical");
        if (ha == "left" || ha == "center" || ha == "right" || ha == "inside" || ha == "outside") f.h_align = ha;
        if (va == "top" || va == "center" || va == "bottom" || va == "inside" || va == "outside") f.v_align = va;
        std::string z = vml_word(style, "z-index");
        long long zi = integer(z);
        f.behind = zi < 0;
        f.z = zi < 0 ? 0 : std::clamp<long long>(zi, 0, 1ll << 32);
        // w10:wrap (absent: in front of the text, no wrap).
        if (auto wrap = shape.child("w10:wrap")) {
            std::string_view t = attr(wrap, "type");
            f.wrap = t == "square" ? "square" : t == "tight" ? "tight" : t == "through" ? "through"
                   : t == "topAndBottom" ? "topAndBottom" : "none";
            if (auto side = attr(wrap, "side"); side == "left" || side == "right" || side == "largest") f.wrap_side = side;
        }
        Emu d = 0;
        if (vml_value(style, "mso-wrap-distance-left", d)) f.dist_left = d;
        if (vml_value(style, "mso-wrap-distance-right", d)) f.dist_right = d;
        if (vml_value(style, "mso-wrap-distance-top", d)) f.dist_top = d;
        if (vml_value(style, "mso-wrap-distance-bottom", d)) f.dist_bottom = d;
    }
    // Fill and stroke: VML fills and strokes by default (white, black 0.75 pt).
    auto off = [](std::string_view v) { return v == "f" || v == "false" || v == "0" || v == "off"; };
    f.fill = off(attr(shape, "filled")) ? std::string{} : "FFFFFF";
    if (auto c = vml_color(attr(shape, "fillcolor")); !c.empty() && !off(attr(shape, "filled"))) f.fill = c;
    if (auto fill = shape.child("v:fill")) {
        if (off(attr(fill, "on"))) f.fill.clear();
        else if (auto c = vml_color(attr(fill, "color")); !c.empty()) f.fill = c;
    }
    f.line = off(attr(shape, "stroked")) ? std::string{} : "000000";
    if (auto c = vml_color(attr(shape, "strokecolor")); !c.empty() && !off(attr(shape, "stroked"))) f.line = c;
    f.line_width = vml_attr_length(attr(shape, "strokeweight"), 9525);
    if (auto stroke = shape.child("v:stroke")) {
        if (off(attr(stroke, "on"))) f.line.clear();
        else if (auto c = vml_color(attr(stroke, "color")); !c.empty()) f.line = c;
        if (auto w = attr(stroke, "weight"); !w.empty()) f.line_width = vml_attr_length(w, f.line_width);
        if (auto d = attr(stroke, "dashstyle"); !d.empty() && d != "solid") f.dash = "dash";
    }
    f.line_width = std::clamp<Emu>(f.line_width, 0, 20 * 12700);
    if (auto box = shape.child("v:textbox")) {
        // inset="left,top,right,bottom" (default 7.2pt,3.6pt,7.2pt,3.6pt).
        std::string inset(attr(box, "inset"));
        Emu* sides[] = {&f.inset_left, &f.inset_top, &f.inset_right, &f.inset_bottom};
        std::size_t at = 0;
        for (Emu* side : sides) {
            if (at > inset.size()) break;
            std::size_t end = inset.find(',', at);
            if (end == std::string::npos) end = inset.size();
            std::string part = inset.substr(at, end - at);
            if (!part.empty()) *side = std::clamp<Emu>(vml_attr_length(part, *side), 0, 914400);
            at = end + 1;
        }
        std::string box_style(attr(box, "style"));
        f.grow = vml_word(box_style, "mso-fit-shape-to-text") == "t";
        if (vml_word(box_style, "layout-flow") == "vertical") f.vertical_text = true;
    }
    return f;
}

TextFrame read_text_frame(pugi::xml_node p) {
    TextFrame t;
    if (!p) return t;
    t.present = true;
    t.width = std::clamp<Twips>(twips(p, "w:w"), 0, 31680);
    t.height = std::clamp<Twips>(twips(p, "w:h"), 0, 31680);
    t.height_rule = attr(p, "w:hRule");
    t.x = std::clamp<Twips>(twips(p, "w:x"), -31680, 31680);
    t.y = std::clamp<Twips>(twips(p, "w:y"), -31680, 31680);
    t.x_align = attr(p, "w:xAlign");
    t.y_align = attr(p, "w:yAlign");
    // Absent anchors: the text (column, paragraph), as Word and LibreOffice
    // place such frames.
    t.h_anchor = attr(p, "w:hAnchor").empty() ? "text" : std::string(attr(p, "w:hAnchor"));
    t.v_anchor = attr(p, "w:vAnchor").empty() ? "text" : std::string(attr(p, "w:vAnchor"));
    t.wrap = attr(p, "w:wrap");
    t.h_space = std::clamp<Twips>(twips(p, "w:hSpace"), 0, 14400);
    t.v_space = std::clamp<Twips>(twips(p, "w:vSpace"), 0, 14400);
    return t;
}

TablePosition read_table_position(pugi::xml_node p) {
    TablePosition t;
    if (!p) return t;
    t.present = true;
    t.x = std::clamp<Twips>(twips(p, "w:tblpX"), -31680, 31680);
    t.y = std::clamp<Twips>(twips(p, "w:tblpY"), -31680, 31680);
    t.x_align = attr(p, "w:tblpXSpec");
    t.y_align = attr(p, "w:tblpYSpec");
    if (auto a = attr(p, "w:horzAnchor"); !a.empty()) t.h_anchor = a;
    if (auto a = attr(p, "w:vertAnchor"); !a.empty()) t.v_anchor = a;
    t.left_from_text = std::clamp<Twips>(twips(p, "w:leftFromText"), 0, 14400);
    t.right_from_text = std::clamp<Twips>(twips(p, "w:rightFromText"), 0, 14400);
    t.top_from_text = std::clamp<Twips>(twips(p, "w:topFromText"), 0, 14400);
    t.bottom_from_text = std::clamp<Twips>(twips(p, "w:bottomFromText"), 0, 14400);
    return t;
}

}  // namespace allies::ooxml
