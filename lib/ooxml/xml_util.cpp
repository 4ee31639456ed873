#include "xml_util.hpp"

#include <cstdlib>

namespace allies::ooxml {

std::int64_t parse_measure(std::string_view v, double twips_per_unit, std::int64_t fallback) {
    if (v.empty()) return fallback;
    std::string s(v);
    char* end = nullptr;
    double num = std::strtod(s.c_str(), &end);
    if (end == s.c_str()) return fallback;
    std::string_view unit(end);
    double twips;
    // ST_UniversalMeasure (ISO/IEC 29500-1 §22.9.2.15): mm, cm, in, pt, pc, pi.
    if (unit == "pt") twips = num * 20;
    else if (unit == "in") twips = num * 1440;
    else if (unit == "cm") twips = num * 1440 / 2.54;
    else if (unit == "mm") twips = num * 144 / 2.54;
    else if (unit == "pc" || unit == "pi") twips = num * 240;
    else if (unit == "%") return static_cast<std::int64_t>(num * 50);  // pct in fiftieths
    else return static_cast<std::int64_t>(num);  // bare number in the attribute's own unit
    return static_cast<std::int64_t>(twips / twips_per_unit + (twips >= 0 ? 0.5 : -0.5));
}

}  // namespace allies::ooxml
