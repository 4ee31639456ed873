#include "allies/convert.hpp"
#include "allies/version.hpp"

namespace allies {
std::string_view version() { return ALLIES_VERSION_STRING; }
}  // namespace allies
