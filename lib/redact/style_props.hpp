// The properties a style chain alone gives a run (no direct formatting):
// table style, paragraph style and character style resolved as Word does.
// Shared by hidden-text detection and M7 through styles.
#pragma once

#include <string>
#include <utility>

#include <pugixml.hpp>

#include "ooxml/styles.hpp"

namespace allies::redact {

inline std::pair<ParaProps, RunProps> style_chain_props(const ooxml::StyleSheet& styles, const std::string& table_style,
                                                        const std::string& pstyle, const std::string& rstyle) {
    pugi::xml_document scratch;
    pugi::xml_node ppr = scratch.append_child("w:pPr");
    if (!pstyle.empty()) ppr.append_child("w:pStyle").append_attribute("w:val") = pstyle.c_str();
    pugi::xml_node rpr = scratch.append_child("w:rPr");
    if (!rstyle.empty()) rpr.append_child("w:rStyle").append_attribute("w:val") = rstyle.c_str();
    ParaProps pp = styles.paragraph(ppr, table_style);
    RunProps rp = styles.run(pp, rpr);
    return {std::move(pp), std::move(rp)};
}

}  // namespace allies::redact
