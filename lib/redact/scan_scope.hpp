// What outside paragraph text is searched for names and patterns, shared by
// detection and the self-check so that both look at the same places.
#pragma once

#include <pugixml.hpp>

namespace allies::redact {

bool scanned_attribute(pugi::xml_node element, pugi::xml_attribute a);
bool scanned_text(pugi::xml_node element, bool story);

}  // namespace allies::redact
