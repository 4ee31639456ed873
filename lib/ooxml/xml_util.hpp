// Small helpers over pugixml for WordprocessingML: attribute values, on/off
// and measurement parsing (transitional integers and strict unit strings).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "allies/model.hpp"

namespace allies::ooxml {

inline pugi::xml_node child(pugi::xml_node n, const char* name) { return n.child(name); }

inline std::string_view attr(pugi::xml_node n, const char* name) { return n.attribute(name).value(); }

inline std::string_view val(pugi::xml_node n) { return n.attribute("w:val").value(); }

// ST_OnOff (§17.17.4): absent val = true; "0", "false", "off" = false.
inline bool on_off(pugi::xml_node n) {
    auto a = n.attribute("w:val");
    if (!a) return true;
    std::string_view v = a.value();
    return !(v == "0" || v == "false" || v == "off" || v == "False");
}

// Parses an integer measure; strict documents may write units ("12pt",
// "0.5in", "1cm"); `unit_twips` is how many twips one bare unit is (1 for
// twips, 0.05 for eighths... callers pass the factor of the attribute's type).
std::int64_t parse_measure(std::string_view v, double twips_per_unit, std::int64_t fallback = 0);

inline Twips twips(pugi::xml_node n, const char* attr_name, Twips fallback = 0) {
    auto a = n.attribute(attr_name);
    if (!a) return fallback;
    return static_cast<Twips>(parse_measure(a.value(), 1.0, fallback));
}

inline long long integer(std::string_view v, long long fallback = 0) {
    long long out = 0;
    bool neg = false;
    std::size_t i = 0;
    while (i < v.size() && v[i] == ' ') ++i;
    if (i < v.size() && (v[i] == '-' || v[i] == '+')) neg = v[i++] == '-';
    if (i >= v.size() || v[i] < '0' || v[i] > '9') return fallback;
    for (; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i) {
        out = out * 10 + (v[i] - '0');
        if (out > (1ll << 40)) break;
    }
    return neg ? -out : out;
}

inline NodeRef ref_of(pugi::xml_node n, const std::string& part) {
    return NodeRef{n.internal_object(), part};
}

}  // namespace allies::ooxml

namespace allies::ooxml {
// ST_OnOff attribute (absent = false).
inline bool on_off_attr(pugi::xml_node n, const char* name) {
    auto a = n.attribute(name);
    if (!a) return false;
    std::string_view v = a.value();
    return v == "1" || v == "true" || v == "on";
}
}  // namespace allies::ooxml
