// styles.xml (ECMA-376 Part 1 §17.7) and the theme's font scheme: resolving
// paragraph and run properties through docDefaults, the basedOn chain,
// table styles, character styles and direct formatting.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "allies/model.hpp"
#include "allies/package.hpp"

namespace allies::ooxml {

struct ThemeFonts {
    std::string major_latin = "Calibri Light", minor_latin = "Calibri";
    std::string major_east_asia, minor_east_asia, major_cs, minor_cs;
    // The theme's colour scheme by ST_ThemeColor name (dark1, accent1,
    // hyperlink, text1, background1, ...) as RRGGBB.
    std::map<std::string, std::string> colors;
};

// A colour attribute pair as Word reads it (§17.3.2.6, §17.18.97): the
// theme colour when `theme_attr` names one the theme has, lightened by
// `tint_attr` or darkened by `shade_attr` (hex 00..FF, in HSL luminance),
// else the plain `color_attr` value.
std::string theme_color(pugi::xml_node n, const char* color_attr, const char* theme_attr, const char* tint_attr,
                        const char* shade_attr, const ThemeFonts* theme);

struct Style {
    std::string id, name, type, based_on;
    pugi::xml_node ppr, rpr, tblpr, tcpr;
    pugi::xml_node first_row_rpr, first_row_tcpr;  // tblStylePr type="firstRow"
    std::vector<pugi::xml_node> conditional;        // every w:tblStylePr, in document order
    bool is_default = false;
};

// Apply the properties present in a w:pPr / w:rPr element over `out`.
// `theme`, when given, resolves theme colours of borders and shading.
void apply_ppr(ParaProps& out, pugi::xml_node ppr, const ThemeFonts* theme = nullptr);
void apply_rpr(RunProps& out, pugi::xml_node rpr, const ThemeFonts& theme);
Border read_border(pugi::xml_node n, const ThemeFonts* theme = nullptr);
Shading read_shading(pugi::xml_node n, const ThemeFonts* theme = nullptr);

class StyleSheet {
public:
    StyleSheet() = default;
    void load(const Package& package, const std::string& styles_part, const std::string& theme_part);

    const Style* find(const std::string& id) const;
    const Style* default_style(const std::string& type) const;
    const ThemeFonts& theme() const { return theme_; }

    // Paragraph properties: docDefaults → table style → its conditional
    // formats (`conditional`: w:tblStylePr elements, lowest first) →
    // paragraph style chain → direct.
    ParaProps paragraph(pugi::xml_node ppr, const std::string& table_style,
                        const std::vector<pugi::xml_node>& conditional = {}) const;
    // The w:tblStylePr elements of a table style and its basedOn chain for
    // these types (ST_TblStyleOverrideType), in the order they apply: by
    // type as listed (lowest precedence first), base styles before derived.
    std::vector<pugi::xml_node> conditional_formats(const std::string& table_style,
                                                    const std::vector<std::string_view>& types) const;
    // Run properties: paragraph's resolved run props → character style chain → direct.
    // Without the link style, a run whose character style is the built-in
    // Hyperlink style (by id or name) takes the paragraph's look instead:
    // what Word draws for the entries of a table of contents.
    RunProps run(const ParaProps& para, pugi::xml_node rpr, bool link_style = true) const;
    // Style name (w:name) for an id, "" if unknown.
    std::string name_of(const std::string& id) const;

private:
    void apply_style_chain_ppr(ParaProps& out, const std::string& id, int depth) const;
    void apply_style_chain_rpr(RunProps& out, const std::string& id, int depth) const;

    std::map<std::string, Style> styles_;
    std::map<std::string, std::string> defaults_;  // type -> default style id
    pugi::xml_node default_ppr_, default_rpr_;
    ThemeFonts theme_;
};

}  // namespace allies::ooxml
