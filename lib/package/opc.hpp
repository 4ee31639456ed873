#pragma once
#include <string_view>
#include <vector>

#include "package_impl.hpp"

namespace allies {
void load_content_types(PackageImpl& impl, const Package& package);
std::vector<Relationship> load_relationships(const Package& package, std::string_view source);
}  // namespace allies
