#include "allies/convert.hpp"

namespace allies {
std::string_view version() { return ALLIES_VERSION; }
}  // namespace allies
